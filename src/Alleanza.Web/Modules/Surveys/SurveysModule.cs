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
        services.AddScoped<Platform.Home.IHomeSectionSource, SurveysHome>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(StartRateLimit, http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:SurveyStartsPerMinute", 30),
                    Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Modules/Surveys/Pages/Manage", Policies.ManageNetwork));
        return services;
    }
}
