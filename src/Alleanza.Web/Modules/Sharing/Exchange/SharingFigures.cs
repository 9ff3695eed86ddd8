using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// The coordinators' figures of Condividi: exchanges completed (handed over), items given and lent, families involved (givers and
/// takers), by Comune and by month of the hand-over.
/// </summary>
public sealed class SharingFigures(AppDbContext db)
{
    public sealed record Row(string Comune, string Month, int Exchanges, int Given, int Lent, int Families);
    /// <summary>Hand-overs in a period: all of them, and by kind (gifts, loans, swaps, requests answered); the families involved.</summary>
    public sealed record Totals(int Exchanges, int Given, int Lent, int Families, int Published, int Swapped = 0, int Answered = 0);

    /// <summary>The Piano Family's bound metrics: hand-overs in [<paramref name="start"/>, <paramref name="end"/>), optionally in one Comune.</summary>
    public async Task<Totals> CountsAsync(Guid networkId, Guid? comuneId, DateTime start, DateTime end, CancellationToken cancel = default)
    {
        var q = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == networkId && p.HandedOverAt != null && p.HandedOverAt >= start && p.HandedOverAt < end);
        if (comuneId is Guid comune) q = q.Where(p => p.ComuneId == comune);
        var kinds = await q.GroupBy(p => p.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToDictionaryAsync(k => k.Kind, k => k.Count, cancel);
        var owners = q.Select(p => p.OwnerUserId);
        var takers = q.Where(p => p.PromisedToUserId != null).Select(p => p.PromisedToUserId!.Value);
        var families = await owners.Union(takers).CountAsync(cancel);
        int Of(PostKind kind) => kinds.GetValueOrDefault(kind);
        return new Totals(kinds.Values.Sum(), Of(PostKind.Gift), Of(PostKind.Loan), families, 0, Of(PostKind.Swap), Of(PostKind.Request));
    }

    public async Task<(Totals Totals, List<Row> Rows)> ForAsync(Guid networkId, DateTime fromUtc, DateTime toUtc, CancellationToken cancel = default)
    {
        var done = await db.SharingPosts.AsNoTracking()
            .Where(p => p.NetworkId == networkId && p.HandedOverAt != null && p.HandedOverAt >= fromUtc && p.HandedOverAt < toUtc)
            .Select(p => new { p.Kind, p.ComuneId, p.HandedOverAt, p.OwnerUserId, p.PromisedToUserId, Comune = db.Comuni.Where(c => c.Id == p.ComuneId).Select(c => c.Name).First() })
            .ToListAsync(cancel);
        var published = await db.SharingPosts.AsNoTracking().CountAsync(p => p.NetworkId == networkId && p.PublishedAt >= fromUtc && p.PublishedAt < toUtc, cancel);
        var rows = done.GroupBy(p => (p.Comune, Month: Platform.RomeTime.Format(p.HandedOverAt!.Value, "yyyy-MM")))
            .Select(g => new Row(g.Key.Comune, g.Key.Month, g.Count(), g.Count(p => p.Kind == PostKind.Gift), g.Count(p => p.Kind == PostKind.Loan),
                g.SelectMany(p => new[] { p.OwnerUserId, p.PromisedToUserId ?? Guid.Empty }).Where(x => x != Guid.Empty).Distinct().Count()))
            .OrderBy(r => r.Month).ThenBy(r => r.Comune).ToList();
        var families = done.SelectMany(p => new[] { p.OwnerUserId, p.PromisedToUserId ?? Guid.Empty }).Where(x => x != Guid.Empty).Distinct().Count();
        return (new Totals(done.Count, done.Count(p => p.Kind == PostKind.Gift), done.Count(p => p.Kind == PostKind.Loan), families, published,
            done.Count(p => p.Kind == PostKind.Swap), done.Count(p => p.Kind == PostKind.Request)), rows);
    }
}
