using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact;

/// <summary>The collaboration pact: versions edited and published by the coordinator, adhesions by partners, a public page.</summary>
public static class PactModule
{
    /// <summary>People who sign for a partner: partner staff and merchants (staff of businesses).</summary>
    public const string SignPolicy = "SignPact";

    public static IServiceCollection AddPact(this IServiceCollection services)
    {
        services.AddScoped<PactVersions>();
        services.AddScoped<PactAdhesions>();
        services.AddScoped<PactQueries>();
        services.Configure<AuthorizationOptions>(o =>
            o.AddPolicy(SignPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.PartnerStaff, NetworkRole.Merchant))));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/Network/Pact/Pages/Manage", Policies.ManageNetwork);
            o.Conventions.AuthorizeFolder("/Modules/Network/Pact/Pages/Partner", SignPolicy);
        });
        return services;
    }
}
