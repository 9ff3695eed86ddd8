using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>«La mia area» for a coordinator (or a referent of a partner allowed to build them): the questionnaires open and in preparation, and the way to them.</summary>
public sealed class SurveysHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record View(int Draft, int Open, int Closed, IReadOnlyList<(Guid Id, string Title, long Responses)> OpenNow, bool Partner = false);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var query = db.Surveys.AsNoTracking().Where(s => s.NetworkId == viewer.NetworkId);
        var partner = false;
        if (!viewer.Has(NetworkRole.Coordinator) && !viewer.IsAdministrator)
        {
            // A referent of a partner the coordinators allow to build questionnaires: its own organisation's.
            var mine = viewer.PartnersAs(NetworkRole.PartnerStaff);
            if (mine.Count == 0) return null;
            var allowed = await db.SurveyPartners.AsNoTracking().Where(p => p.NetworkId == viewer.NetworkId && mine.Contains(p.PartnerId)).Select(p => p.PartnerId).ToListAsync(cancel);
            if (allowed.Count == 0) return null;
            query = query.Where(s => s.PartnerId != null && allowed.Contains(s.PartnerId.Value));
            partner = true;
        }
        var counts = await query.GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        var open = await query.Where(s => s.Status == SurveyStatus.Open).OrderBy(s => s.Title).Take(5)
            .Select(s => new { s.Id, s.Title, Responses = db.SurveyResponses.LongCount(r => r.SurveyId == s.Id) }).ToListAsync(cancel);
        return new HomeSection(12, "Questionari", "~/Modules/Surveys/Pages/Home/_Surveys.cshtml",
            new View(counts.GetValueOrDefault(SurveyStatus.Draft), counts.GetValueOrDefault(SurveyStatus.Open), counts.GetValueOrDefault(SurveyStatus.Closed),
                open.Select(o => (o.Id, o.Title, o.Responses)).ToList(), partner));
    }
}
