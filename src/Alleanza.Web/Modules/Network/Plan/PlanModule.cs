using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// Service mapping (mappatura), Piano Family with indicators, certification dossier ("Comune amico della famiglia").
/// Coordinators manage; municipal officers read (their Comune) and update the status of their Comune's actions.
/// </summary>
public static class PlanModule
{
    /// <summary>Coordinators and municipal officers (administrators pass every role check).</summary>
    public const string PlanPolicy = "PlanReader";

    public static IServiceCollection AddPlan(this IServiceCollection services)
    {
        services.AddScoped<ServiceMapping>();
        services.AddScoped<IndicatorValues>();
        services.AddScoped<PlanViews>();
        services.AddScoped<PlanProgress>();
        services.AddScoped<PlanEditing>();
        services.AddHostedService<PlanIndicatorRefresher>();
        services.Configure<AuthorizationOptions>(o =>
            o.AddPolicy(PlanPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.MunicipalOfficer, NetworkRole.Coordinator))));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Modules/Network/Plan/Pages", PlanPolicy));
        return services;
    }
}
