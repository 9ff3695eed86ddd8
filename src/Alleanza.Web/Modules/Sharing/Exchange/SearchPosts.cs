using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// The families' list: the network's available posts (published or promised) with filters; for a family, first what suits its
/// children's ages in its Comune, then the rest of its Comune, then the network.
/// </summary>
public sealed class SearchPosts(AppDbContext db, FamilyProfiles profiles)
{
    public const int PageSize = 24;

    public sealed record Filter(PostKind? Kind, PostCategory? Category, Guid? ComuneId, string? Words, bool ForMyFamily);

    public sealed record Line(Guid Id, string Title, PostKind Kind, PostCategory Category, PostStatus Status, string Comune, string? Area,
        int? AgeFromMonths, int? AgeToMonths, string? Size, Guid? CoverPhotoId, DateTime? PublishedAt, bool Suits);

    /// <summary>
    /// How many posts of the rest of the network the list counts at most: beyond it the page says «più di 1000» and offers
    /// that many pages. Counting every matching post of a regional network (100,000 and more) on every request was most of
    /// the list's cost (bench scenario sharing-list).
    /// </summary>
    public const int CountCap = 1000;

    public async Task<(Paged<Line> Result, FamilyProfile? Profile, bool Capped)> RunAsync(Guid networkId, Guid userId, Filter filter, int page, CancellationToken cancel = default)
    {
        var profile = await profiles.ForAsync(networkId, userId, cancel);
        // Published or promised as a range of the status (2–3), so that the index (NetworkId, Status, PublishedAt DESC) reads
        // the rest of the network already in the list's order and stops after the page.
        var query = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == networkId && p.Status >= PostStatus.Published && p.Status <= PostStatus.Promised);
        if (filter.Kind is { } kind) query = kind == PostKind.Request ? query.Where(p => p.Kind == PostKind.Request) : query.Where(p => p.Kind == kind);
        if (filter.Category is { } category) query = query.Where(p => p.Category == category);
        if (filter.ComuneId is { } comune) query = query.Where(p => p.ComuneId == comune);
        if (Text.SearchKey(filter.Words) is { Length: > 0 } words)
        {
            var w = words.Length > 60 ? words[..60] : words;
            query = query.Where(p => p.SearchText.Contains(w));
        }
        var months = profile?.Children.Select(c => c.AgeMonths).ToList() ?? [];
        var (youngest, oldest) = months.Count > 0 ? (months.Min(), months.Max()) : (-1, -1);
        if (filter.ForMyFamily && months.Count > 0)
            query = query.Where(p => (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest));

        // The family's Comune first (a few hundred posts at most, ordered in full): what suits the children's ages (approximated
        // by the youngest–oldest range in SQL), then the rest of the Comune; then the rest of the network, in the index's order.
        var home = profile?.ComuneId;
        var mine = home is { } h ? query.Where(p => p.ComuneId == h) : null;
        var rest = home is { } o ? query.Where(p => p.ComuneId != o) : query;
        var homeCount = mine is null ? 0 : await mine.CountAsync(cancel);
        var restCount = await rest.Take(CountCap + 1).CountAsync(cancel);
        var capped = restCount > CountCap;
        var total = homeCount + restCount;
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        var skip = Paging.Offset(page, PageSize);
        var rows = new List<Row>();
        if (mine is not null && skip < homeCount)
        {
            var ordered = months.Count > 0
                ? mine.OrderByDescending(p => (p.AgeFromMonths != null || p.AgeToMonths != null)
                        && (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest))
                    .ThenBy(p => p.Status).ThenByDescending(p => p.PublishedAt)
                : mine.OrderBy(p => p.Status).ThenByDescending(p => p.PublishedAt);
            rows.AddRange(await Project(ordered.Skip(skip).Take(PageSize)).ToListAsync(cancel));
        }
        if (rows.Count < PageSize && restCount > 0)
            rows.AddRange(await Project(rest.OrderBy(p => p.Status).ThenByDescending(p => p.PublishedAt).Skip(Math.Max(0, skip - homeCount)).Take(PageSize - rows.Count))
                .ToListAsync(cancel));
        var lines = rows.Select(p => new Line(p.Id, p.Title, p.Kind, p.Category, p.Status, p.Comune, p.Area, p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt,
            months.Count > 0 && (p.AgeFromMonths != null || p.AgeToMonths != null) && months.Any(m => (p.AgeFromMonths ?? 0) <= m && m <= (p.AgeToMonths ?? int.MaxValue)))).ToList();
        return (new Paged<Line>(lines, total, page, PageSize), profile, capped);
    }

    sealed record Row(Guid Id, string Title, PostKind Kind, PostCategory Category, PostStatus Status, string Comune, string? Area,
        int? AgeFromMonths, int? AgeToMonths, string? Size, Guid? CoverPhotoId, DateTime? PublishedAt);

    IQueryable<Row> Project(IQueryable<SharingPost> page) => page.Select(p => new Row(p.Id, p.Title, p.Kind, p.Category, p.Status,
        db.Comuni.Where(c => c.Id == p.ComuneId).Select(c => c.Name).First(), p.Area, p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt));

    public sealed record MyLine(Guid Id, string Title, PostKind Kind, PostStatus Status, DateTime CreatedAt, DateTime ExpiresAt, DateOnly? DueOn, bool Mine);

    /// <summary>The family's own posts and those promised to it, the latest first.</summary>
    public async Task<Paged<MyLine>> MineAsync(Guid networkId, Guid userId, int page, CancellationToken cancel = default)
    {
        var query = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == networkId && (p.OwnerUserId == userId || p.PromisedToUserId == userId));
        var total = await query.CountAsync(cancel);
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / 20.0)));
        var rows = await query.OrderByDescending(p => p.CreatedAt).PageOf(page, 20)
            .Select(p => new MyLine(p.Id, p.Title, p.Kind, p.Status, p.CreatedAt, p.ExpiresAt, p.DueOn, p.OwnerUserId == userId)).ToListAsync(cancel);
        return new(rows, total, page, 20);
    }
}
