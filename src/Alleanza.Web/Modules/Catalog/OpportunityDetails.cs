using Alleanza.Web.Platform.Data;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

public sealed record SessionView(Guid Id, DateTime StartsAt, DateTime? EndsAt, int? Capacity, int Taken, bool RegistrationOpen)
{
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - Taken) : null;
}

public sealed record OpportunityView(
    Opportunity Opportunity, string Area, string PartnerName, Guid PartnerId, IReadOnlyList<string> Comuni,
    IReadOnlyList<OpportunityLocation> Locations, IReadOnlyList<SessionView> Sessions, string DescriptionHtml, long? ImageVersion);

/// <summary>Reads one opportunity for its public page, the API and calendar files.</summary>
public sealed class OpportunityDetails(AppDbContext db)
{
    /// <summary>Markdown without raw HTML: what partners write cannot inject markup or scripts.</summary>
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UseSoftlineBreakAsHardlineBreak().Build();

    public static string RenderMarkdown(string markdown) => Markdown.ToHtml(markdown ?? "", Pipeline);

    /// <summary>A published opportunity of the network, or null (404).</summary>
    public async Task<OpportunityView?> PublishedAsync(Guid networkId, Guid id)
    {
        var o = await db.Opportunities.AsNoTracking().Include(x => x.Locations)
            .FirstOrDefaultAsync(x => x.Id == id && x.NetworkId == networkId && x.Status == OpportunityStatus.Published);
        if (o is null) return null;
        var area = await db.NetworkAreas.AsNoTracking().Where(a => a.Id == o.AreaId).Select(a => a.Name).FirstOrDefaultAsync() ?? "";
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == o.PartnerId).Select(p => p.Name).FirstOrDefaultAsync() ?? "";
        var comuni = await db.OpportunityComuni.AsNoTracking().Where(c => c.OpportunityId == id)
            .Join(db.Comuni, oc => oc.ComuneId, c => c.Id, (oc, c) => c.Name).OrderBy(n => n).ToListAsync();
        var sessions = await db.OpportunitySessions.AsNoTracking().Where(s => s.OpportunityId == id).OrderBy(s => s.StartsAt)
            .Select(s => new SessionView(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.Taken, s.RegistrationOpen)).ToListAsync();
        var image = await db.OpportunityImages.AsNoTracking().Where(i => i.OpportunityId == id).Select(i => (long?)i.UpdatedAt.Ticks).FirstOrDefaultAsync();
        return new OpportunityView(o, area, partner, o.PartnerId, comuni, o.Locations.OrderBy(l => l.Name).ToList(), sessions, RenderMarkdown(o.Description), image);
    }
}
