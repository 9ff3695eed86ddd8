using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Families;

/// <summary>
/// Families (Nucleo familiare): the household every other module reads through <see cref="FamilyProfiles"/> and
/// <see cref="Households"/> — registered by the family, or by a social operator for a family without an account.
/// </summary>
public static class FamiliesModule
{
    public static IServiceCollection AddFamilies(this IServiceCollection services)
    {
        services.AddScoped<Households>();
        services.AddScoped<FamilyProfiles>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Modules/Families/Pages", Policies.Member));
        return services;
    }
}
