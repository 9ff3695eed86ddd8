using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pact;

/// <summary>The pact's figures for the coordinator's dashboard: aggregate counts, one query each.</summary>
public sealed record PactFigures(int? CurrentNumber, DateTime? PublishedAt, IReadOnlyList<(PartnerKind Kind, int Count)> AdheringByKind,
    int Adhering, int ToRenew, int Withdrawn);

/// <summary>One partner's commitments (impegni), for the Piano Family.</summary>
public sealed record PactCommitment(Guid PartnerId, string PartnerName, PartnerKind Kind, string Commitments, int VersionNumber, bool CurrentVersion, DateOnly SignedOn);

/// <summary>A partner on the public page.</summary>
public sealed record PactAdherent(Guid PartnerId, string Name, PartnerKind Kind, string? Commitments, int VersionNumber, DateOnly SignedOn);

public sealed record PublishedVersion(int Number, string Title, DateTime PublishedAt, DateTime? SupersededAt, bool Current);

/// <summary>
/// The pact as other modules and the public pages read it: the published versions, the adhering partners, the figures and the
/// commitments. Everything is per network and never shows drafts.
/// </summary>
public sealed class PactQueries(AppDbContext db)
{
    public Task<PactVersion?> CurrentAsync(Guid networkId) =>
        db.PactVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published);

    /// <summary>A published or superseded version by number; drafts and other networks' versions are not found.</summary>
    public Task<PactVersion?> PublishedAsync(Guid networkId, int number) =>
        db.PactVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Number == number && v.Status != PactVersionStatus.Draft);

    public async Task<List<PublishedVersion>> VersionsAsync(Guid networkId)
    {
        var rows = await db.PactVersions.AsNoTracking().Where(v => v.NetworkId == networkId && v.Status != PactVersionStatus.Draft)
            .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.Title, v.PublishedAt, v.SupersededAt, v.Status }).ToListAsync();
        return rows.Select(v => new PublishedVersion(v.Number, v.Title, v.PublishedAt!.Value, v.SupersededAt, v.Status == PactVersionStatus.Published)).ToList();
    }

    public async Task<PactFigures> FiguresAsync(Guid networkId)
    {
        var current = await db.PactVersions.AsNoTracking().Where(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published)
            .Select(v => new { v.Number, v.PublishedAt }).FirstOrDefaultAsync();
        if (current is null) return new PactFigures(null, null, [], 0, 0, 0);
        var number = current.Number;
        var live = await (
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null
            join p in db.Partners on a.PartnerId equals p.Id
            group a by new { p.Kind, Current = a.VersionNumber >= number } into g
            select new { g.Key.Kind, g.Key.Current, Count = g.Count() }).ToListAsync();
        var withdrawn = await db.PactAdhesions.AsNoTracking()
            .Where(a => a.NetworkId == networkId && a.WithdrawnAt != null && !db.PactAdhesions.Any(b => b.LivePartnerId == a.PartnerId))
            .Select(a => a.PartnerId).Distinct().CountAsync();
        var byKind = live.Where(l => l.Current).OrderBy(l => l.Kind).Select(l => (l.Kind, l.Count)).ToList();
        return new PactFigures(number, current.PublishedAt, byKind, byKind.Sum(k => k.Count), live.Where(l => !l.Current).Sum(l => l.Count), withdrawn);
    }

    /// <summary>The commitments of every partner with a live adhesion (current or to renew) that stated some, by partner name.</summary>
    /// <param name="comuneId">Only partners that serve this Comune, or the whole network (no Comune given): for a Comune's Piano Family.</param>
    public async Task<List<PactCommitment>> CommitmentsAsync(Guid networkId, Guid? comuneId = null)
    {
        var current = await db.PactVersions.AsNoTracking().Where(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published)
            .Select(v => (int?)v.Number).FirstOrDefaultAsync() ?? 0;
        var rows = await (
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null && a.Commitments != null
            join p in db.Partners on a.PartnerId equals p.Id
            where comuneId == null || !p.ComuniServed.Any() || p.ComuniServed.Any(c => c.ComuneId == comuneId)
            orderby p.NameKey
            select new { p.Id, p.Name, p.Kind, a.Commitments, a.VersionNumber, a.SignedOn }).ToListAsync();
        return rows.Select(r => new PactCommitment(r.Id, r.Name, r.Kind, r.Commitments!, r.VersionNumber, r.VersionNumber >= current, r.SignedOn)).ToList();
    }

    /// <summary>Partners adhering to the current version, by kind then name, a page at a time (optionally one kind only).</summary>
    public async Task<Paged<PactAdherent>> AdherentsAsync(Guid networkId, int currentNumber, PartnerKind? kind, int page, int pageSize = 50)
    {
        var query =
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null && a.VersionNumber >= currentNumber
            join p in db.Partners on a.PartnerId equals p.Id
            select new { p.Id, p.Name, p.NameKey, p.Kind, a.Commitments, a.VersionNumber, a.SignedOn };
        if (kind is { } k) query = query.Where(x => x.Kind == k);
        var total = await query.CountAsync();
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderBy(x => x.Kind).ThenBy(x => x.NameKey).ThenBy(x => x.Id).PageOf(page, pageSize).ToListAsync();
        return new Paged<PactAdherent>(rows.Select(r => new PactAdherent(r.Id, r.Name, r.Kind, r.Commitments, r.VersionNumber, r.SignedOn)).ToList(), total, page, pageSize);
    }

    /// <summary>Partners whose live adhesion is to an older version ("in rinnovo"), by name; at most <paramref name="limit"/>, with the total.</summary>
    public async Task<(List<PactAdherent> Items, int Total)> RenewingAsync(Guid networkId, int currentNumber, int limit = 100)
    {
        var query =
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null && a.VersionNumber < currentNumber
            join p in db.Partners on a.PartnerId equals p.Id
            select new { p.Id, p.Name, p.NameKey, p.Kind, a.VersionNumber, a.SignedOn };
        var total = await query.CountAsync();
        var rows = await query.OrderBy(x => x.NameKey).ThenBy(x => x.Id).Take(limit).ToListAsync();
        return (rows.Select(r => new PactAdherent(r.Id, r.Name, r.Kind, null, r.VersionNumber, r.SignedOn)).ToList(), total);
    }

    /// <summary>Counts of partners adhering to the current version, by kind (for the summary above the list).</summary>
    public async Task<List<(PartnerKind Kind, int Count)>> AdheringByKindAsync(Guid networkId, int currentNumber)
    {
        var rows = await (
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null && a.VersionNumber >= currentNumber
            join p in db.Partners on a.PartnerId equals p.Id
            group a by p.Kind into g
            select new { g.Key, Count = g.Count() }).ToListAsync();
        return rows.OrderBy(r => r.Key).Select(r => (r.Key, r.Count)).ToList();
    }
}
