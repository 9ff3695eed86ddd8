using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Tenancy;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Labs;

/// <summary>The labs as families find them on the public site: where, when open, who runs them, the next sessions.</summary>
public sealed class LabDirectory(AppDbContext db, CurrentNetwork network, TimeProvider clock)
{
    public const int PageSize = 20;

    public sealed record LabCard(Guid Id, string Name, string Address, string? Comune, string OpeningHours, string Partner, double? Latitude, double? Longitude,
        bool WithChildren, DateTime? NextSession, string? NextTheme);
    public sealed record SessionLine(Guid Id, DateTime StartsAt, DateTime EndsAt, string Theme, string? Activity);
    public sealed record LabPage(CommunityLab Lab, string Partner, string? Comune, IReadOnlyList<SessionLine> Upcoming, Guid? PublishedOpportunityId);

    public async Task<Paged<LabCard>> ListAsync(string? q, int page)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.CommunityLabs.AsNoTracking().Where(l => l.NetworkId == network.Id && l.ClosedAt == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            query = query.Where(l => l.Name.ToLower().Contains(words) || l.Address.ToLower().Contains(words) || (l.Description != null && l.Description.ToLower().Contains(words)));
        }
        page = Math.Max(1, page);
        var total = await query.CountAsync();
        var items = await query.OrderBy(l => l.Name).PageOf(page, PageSize)
            .Select(l => new LabCard(l.Id, l.Name, l.Address, db.Comuni.Where(c => c.Id == l.ComuneId).Select(c => c.Name).FirstOrDefault(), l.OpeningHours,
                db.Partners.Where(p => p.Id == l.PartnerId).Select(p => p.Name).First(), l.Latitude, l.Longitude, l.WithChildren,
                db.LabSessions.Where(s => s.LabId == l.Id && s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => (DateTime?)s.StartsAt).FirstOrDefault(),
                db.LabSessions.Where(s => s.LabId == l.Id && s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => s.Theme).FirstOrDefault()))
            .ToListAsync();
        return new(items, total, page, PageSize);
    }

    /// <summary>A lab of the current network (closed ones too, marked), with its next sessions; null for another network's.</summary>
    public async Task<LabPage?> FindAsync(Guid id)
    {
        var lab = await db.CommunityLabs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && l.NetworkId == network.Id);
        if (lab is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == lab.PartnerId).Select(p => p.Name).FirstAsync();
        var comune = lab.ComuneId is { } c ? await db.Comuni.AsNoTracking().Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var upcoming = await db.LabSessions.AsNoTracking().Where(s => s.LabId == id && s.EndsAt > now).OrderBy(s => s.StartsAt).Take(8)
            .Select(s => new SessionLine(s.Id, s.StartsAt, s.EndsAt, s.Theme, s.Activity)).ToListAsync();
        var published = lab.OpportunityId is { } o && await db.Opportunities.AnyAsync(x => x.Id == o && x.Status == Catalog.OpportunityStatus.Published) ? lab.OpportunityId : null;
        return new(lab, partner, comune, upcoming, published);
    }
}
