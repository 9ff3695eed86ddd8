using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Support (Percorsi): support paths for vulnerable families — intake with the legal basis, the plan (objectives, sessions,
/// follow-ups), the supervisor's approvals, closure and reopening, an access log of every read, the family's own view,
/// protected text and anonymisation after the retention period.
/// </summary>
public static class SupportModule
{
    /// <summary>Social operators, supervisors of paths and volunteers: the paths they work on or supervise.</summary>
    public const string SupportStaffPolicy = "SupportStaff";
    /// <summary>Social operators: open paths.</summary>
    public const string SocialOperatorPolicy = "SocialOperator";
    /// <summary>Operators and supervisors: referrals received by their organisation.</summary>
    public const string ReceiveReferralsPolicy = "ReceiveReferrals";

    public static IServiceCollection AddSupport(this IServiceCollection services)
    {
        services.AddSingleton<CaseText>();
        services.AddScoped<CaseSights>();
        services.AddSingleton<CaseAccessWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseAccessWriter>());
        services.AddScoped<OpenCase>();
        services.AddScoped<CaseTeam>();
        services.AddScoped<CaseWork>();
        services.AddScoped<CaseApprovals>();
        services.AddScoped<CaseAssessments>();
        services.AddScoped<SupportSettingsEditor>();
        services.AddScoped<CaseReferrals>();
        services.AddScoped<CaseLists>();
        services.AddScoped<Evaluation.ProgrammeCounts>();
        services.AddScoped<Evaluation.CaseKpis>();
        services.AddScoped<Evaluation.RestitutionReport>();
        services.AddHostedService<CaseRetention>();
        services.AddScoped<Platform.Home.IHomeSectionSource, CaseworkHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, PathVolunteerHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, FamilyPathHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, CoordinatorPathsHome>();
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(SupportStaffPolicy, p => p.RequireAuthenticatedUser().AddRequirements(
                new NetworkRoleRequirement(NetworkRole.SocialOperator, NetworkRole.SupportSupervisor, NetworkRole.Volunteer)));
            o.AddPolicy(ReceiveReferralsPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.SocialOperator, NetworkRole.SupportSupervisor)));
            o.AddPolicy(SocialOperatorPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.SocialOperator)));
        });
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/Support/Pages/Staff", SupportStaffPolicy);
            o.Conventions.AuthorizeFolder("/Modules/Support/Pages/Intake", SocialOperatorPolicy);
            o.Conventions.AuthorizePage("/Modules/Support/Pages/Staff/Referrals", ReceiveReferralsPolicy);
            o.Conventions.AuthorizeFolder("/Modules/Support/Pages/Coordinator", Policies.ManageNetwork);
            o.Conventions.AuthorizeFolder("/Modules/Support/Pages/Family", Policies.Member);
        });
        return services;
    }
}
