using Alleanza.Web.Modules.Support.Labs;
using Alleanza.Web.Modules.Support.Training;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// The community side of Percorsi: community labs (/laboratori, public pages too), training of operators and volunteers
/// (/formazione) and the volunteer registry with its hours (/volontari).
/// </summary>
public static class SupportCommunity
{
    /// <summary>Coordinators, partner staff, social operators and volunteers: who works in labs and training.</summary>
    public const string CommunityStaffPolicy = "CommunityStaff";
    /// <summary>Coordinators and partner staff: who keeps the volunteer registry and approves hours.</summary>
    public const string ReferentPolicy = "VolunteerReferent";
    /// <summary>Volunteers of the current network: their own work and hours.</summary>
    public const string VolunteerPolicy = "Volunteer";

    public static IServiceCollection AddSupportCommunity(this IServiceCollection services)
    {
        services.AddScoped<CommunityAccess>();
        services.AddScoped<VolunteerRegistry>();
        services.AddScoped<CommunitySettingsStore>();
        services.AddScoped<VolunteerAdministration>();
        services.AddScoped<VolunteerHoursLog>();
        services.AddScoped<LabDirectory>();
        services.AddScoped<LabManagement>();
        services.AddScoped<LabSessions>();
        services.AddScoped<ListeningLog>();
        services.AddScoped<Courses>();
        services.AddScoped<CourseCertificates>();
        services.AddScoped<Platform.Home.IHomeSectionSource, VolunteerHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, ReferentHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, TrainingHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, LabsHome>();
        services.AddHostedService<ClearanceReminders>();
        services.Configure<Navigation>(n => n.Add("Laboratori", "/laboratori", 30));
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(CommunityStaffPolicy, p => p.RequireAuthenticatedUser().AddRequirements(
                new NetworkRoleRequirement(NetworkRole.Coordinator, NetworkRole.PartnerStaff, NetworkRole.SocialOperator, NetworkRole.Volunteer)));
            o.AddPolicy(ReferentPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.Coordinator, NetworkRole.PartnerStaff)));
            o.AddPolicy(VolunteerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.Volunteer)));
        });
        services.Configure<RazorPagesOptions>(o =>
        {
            // /laboratori and /laboratori/{id} are public; the rest of the labs' pages are for who works in them.
            o.Conventions.AuthorizeFolder("/Modules/Support/Labs/Pages/Manage", CommunityStaffPolicy);
            o.Conventions.AuthorizeFolder("/Modules/Support/Training/Pages", CommunityStaffPolicy);
            o.Conventions.AuthorizeFolder("/Modules/Support/Volunteers/Pages/Registry", ReferentPolicy);
            o.Conventions.AuthorizePage("/Modules/Support/Volunteers/Pages/Mine", VolunteerPolicy);
            o.Conventions.AuthorizePage("/Modules/Support/Volunteers/Pages/Settings", Policies.ManageNetwork);
        });
        return services;
    }

    public static void MapSupportCommunity(this WebApplication app)
    {
        var training = app.MapGroup("/formazione").RequireAuthorization(CommunityStaffPolicy).ExcludeFromDescription();

        // The certificate of a completed course: one's own, or a learner's (?persona=) for who manages the course.
        training.MapGet("/{id:guid}/attestato", async (Guid id, Guid? persona, CourseCertificates certificates, CurrentAccess access, CurrentNetwork network,
            IWebHostEnvironment env, HttpContext http) =>
        {
            if (access.UserId is not { } me) return Results.NotFound();
            var certificate = await certificates.RenderAsync(id, persona, me, network.Network!.Name, env.WebRootPath);
            if (certificate is not { } found) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(found.Pdf, "application/pdf", found.FileName);
        });
    }
}
