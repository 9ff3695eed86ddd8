using System.Threading.RateLimiting;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// Questionari: coordinators build questionnaires (sections, questions, conditions), hand out anonymous one-use codes
/// through the schools' classes, invite the households of the registry or open a link; families answer without
/// JavaScript, a section a page; the results are published with small groups hidden.
/// </summary>
public static class SurveysModule
{
    /// <summary>Starting a questionnaire from its open link (each start makes a code): per client address.</summary>
    public const string StartRateLimit = "survey-start";
    /// <summary>Building questionnaires: coordinators, and referents of the partners they allow (each its own questionnaires).</summary>
    public const string BuildPolicy = "BuildSurveys";

    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddScoped<BuildSurvey>();
        services.AddScoped<AnswerSurvey>();
        services.AddScoped<SchoolCodes>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<InviteHouseholds>();
        services.AddScoped<SurveyExports>();
        services.AddScoped<SurveyMetrics>();
        services.AddScoped<TranslateSurvey>();
        services.AddScoped<SurveyAccess>();
        services.AddScoped<SurveyPartners>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SurveyBuilderHandler>();
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o =>
            o.AddPolicy(BuildPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new SurveyBuilderRequirement())));
        services.AddScoped<Platform.Home.IHomeSectionSource, SurveysHome>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(StartRateLimit, http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:SurveyStartsPerMinute", 30),
                    Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })));
        services.Configure<RazorPagesOptions>(o =>
        {
            // Each page of one questionnaire also checks it is the person's to build (SurveyPageModel): a partner's
            // referent reaches only its own organisation's questionnaires, every other one is a 404.
            o.Conventions.AuthorizeFolder("/Modules/Surveys/Pages/Manage", BuildPolicy);
            // Reaching the households of the registry, and choosing who may build, stay with the coordinators.
            o.Conventions.AuthorizePage("/Modules/Surveys/Pages/Manage/Invitations", Policies.ManageNetwork);
            o.Conventions.AuthorizePage("/Modules/Surveys/Pages/Manage/Partners", Policies.ManageNetwork);
        });
        return services;
    }
}
