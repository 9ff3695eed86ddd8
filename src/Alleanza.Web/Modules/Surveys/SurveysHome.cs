using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>«La mia area» for a coordinator: the questionnaires open and in preparation, and the way to them.</summary>
public sealed class SurveysHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record View(int Draft, int Open, int Closed, IReadOnlyList<(Guid Id, string Title, long Responses)> OpenNow);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.Coordinator) && !viewer.IsAdministrator) return null;
        var counts = await db.Surveys.AsNoTracking().Where(s => s.NetworkId == viewer.NetworkId).GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        var open = await db.Surveys.AsNoTracking().Where(s => s.NetworkId == viewer.NetworkId && s.Status == SurveyStatus.Open).OrderBy(s => s.Title).Take(5)
            .Select(s => new { s.Id, s.Title, Responses = db.SurveyResponses.LongCount(r => r.SurveyId == s.Id) }).ToListAsync(cancel);
        return new HomeSection(12, "Questionari", "~/Modules/Surveys/Pages/Home/_Surveys.cshtml",
            new View(counts.GetValueOrDefault(SurveyStatus.Draft), counts.GetValueOrDefault(SurveyStatus.Open), counts.GetValueOrDefault(SurveyStatus.Closed),
                open.Select(o => (o.Id, o.Title, o.Responses)).ToList()));
    }
}
