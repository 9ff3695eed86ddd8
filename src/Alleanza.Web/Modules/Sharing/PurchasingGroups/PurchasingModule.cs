using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Gruppi di acquisto (/gruppi-acquisto): family purchasing groups with suppliers, order cycles, bookings, deliveries by weight
/// and members' credit on the shared ledger (Modules/Sharing/Ledger). Every page needs an account; a group answers only to
/// its members, its referents and the network's coordinators (others: 404).
/// </summary>
public static class PurchasingModule
{
    public const string Path = "/gruppi-acquisto";

    public static IServiceCollection AddPurchasingGroups(this IServiceCollection services)
    {
        services.AddScoped<GafAccess>();
        services.AddScoped<Groups>();
        services.AddScoped<Cycles>();
        services.AddScoped<Bookings>();
        services.AddScoped<Deliveries>();
        services.AddScoped<Treasury>();
        services.AddScoped<ProductImport>();
        services.AddScoped<SupplierOrder>();
        services.AddScoped<OrderDispatch>();
        services.AddScoped<GroupPeople>();
        services.AddScoped<PurchasingFigures>();
        services.AddScoped<Platform.Notifications.IScheduledNotifications, PurchasingJobs>();
        services.AddScoped<Platform.Home.IHomeSectionSource, PurchasingHome>();
        services.Configure<Navigation>(n => n.Add("Gruppi di acquisto", Path, 37));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Modules/Sharing/PurchasingGroups/Pages"));
        return services;
    }
}
