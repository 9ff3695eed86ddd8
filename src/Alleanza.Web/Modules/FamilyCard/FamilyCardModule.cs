using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Family Card (Carta Famiglia): households apply, the Comune's officer approves, each adult gets a card whose QR
/// changes every 30 seconds; merchants publish offers and verify cards at the counter.
/// </summary>
public static class FamilyCardModule
{
    /// <summary>Merchant staff: their shops, offers, counter verification, till keys, own statistics.</summary>
    public const string MerchantPolicy = "Merchant";
    /// <summary>Municipal officers (their Comune) and coordinators: decide applications, manage cards.</summary>
    public const string CardOfficePolicy = "CardOffice";

    public static IServiceCollection AddFamilyCard(this IServiceCollection services)
    {
        services.Configure<Navigation>(n => n.Add("Carta Famiglia", "/carta-famiglia", 20));
        services.AddScoped<Shops>();
        services.AddScoped<Offers>();
        services.AddScoped<Reciprocity>();
        services.AddScoped<CardShops>();
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(MerchantPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.Merchant)));
            o.AddPolicy(CardOfficePolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.MunicipalOfficer, NetworkRole.Coordinator)));
        });
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Family", Policies.Member);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Merchant", MerchantPolicy);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Office", CardOfficePolicy);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Manage", Policies.ManageNetwork);
        });
        return services;
    }

    public static void MapFamilyCard(this WebApplication app)
    {
    }
}
