using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// The families' list: the network's available posts (published or promised) with filters; for a family, first what suits its
/// children's ages in its Comune, then the rest of its Comune, then the network.
/// </summary>
public sealed class SearchPosts(AppDbContext db, SharingListIndexes indexes)
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

    /// <summary>The list for a family (its <paramref name="profile"/>: Comune and children) or for a person without a household (null).</summary>
    public async Task<(Paged<Line> Result, bool Capped)> RunAsync(Guid networkId, FamilyProfile? profile, Filter filter, int page, CancellationToken cancel = default)
    {
        // The filters and the order run on the network's available posts in memory (SharingListIndexes); only the page's rows
        // are read from the database, checked again there (a change another instance made in the last second is not yet in memory).
        var snapshot = await indexes.ForAsync(networkId, cancel);
        var words = Text.SearchKey(filter.Words) is { Length: > 0 } key ? (key.Length > 60 ? key[..60] : key) : null;
        var months = profile?.Children.Select(c => c.AgeMonths).ToList() ?? [];
        var (youngest, oldest) = months.Count > 0 ? (months.Min(), months.Max()) : (-1, -1);
        var forUs = filter.ForMyFamily && months.Count > 0;
        bool Matches(IndexedPost p) =>
            (filter.Kind is not { } kind || p.Kind == kind)
            && (filter.Category is not { } category || p.Category == category)
            && (filter.ComuneId is not { } comune || p.ComuneId == comune)
            && (!forUs || ((p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest)))
            && (words is null || p.SearchText.Contains(words, StringComparison.Ordinal));
        bool SuitsRange(IndexedPost p) => (p.AgeFromMonths != null || p.AgeToMonths != null)
            && (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest);

        // The family's Comune first (a few hundred posts at most, all of them): what suits the children's ages (approximated by
        // the youngest–oldest range), then the rest of the Comune; then the rest of the network, counted up to the cap.
        var home = profile?.ComuneId;
        var mine = new List<IndexedPost>();
        if (home is { } h)
            foreach (var p in snapshot.InComune(h))
                if (Matches(p)) mine.Add(p);
        if (months.Count > 0)
        {
            // A stable partition: the suitable ones first, each part in the list's order.
            var suits = mine.Where(SuitsRange).ToList();
            mine = [.. suits, .. mine.Where(p => !SuitsRange(p))];
        }
        var homeCount = mine.Count;
        // The page's number is known only after counting: the rest is gathered up to the last page the cap allows.
        var restNeeded = (int)Math.Clamp((long)Math.Max(1, page) * PageSize - homeCount, 0, CountCap + 1);
        var restRows = new List<IndexedPost>();
        var restCount = 0;
        // The smallest part of the list the filters allow: one Comune's posts, one category's, or all of them.
        var candidates = filter.ComuneId is { } onlyComune ? snapshot.InComune(onlyComune) : filter.Category is { } onlyCategory ? snapshot.InCategory(onlyCategory) : snapshot.Posts;
        foreach (var p in candidates)
        {
            if (home is { } o && p.ComuneId == o) continue;
            if (!Matches(p)) continue;
            restCount++;
            if (restRows.Count < restNeeded) restRows.Add(p);
            if (restCount > CountCap && restRows.Count >= restNeeded) break;
        }
        if (restCount > CountCap + 1) restCount = CountCap + 1;
        var capped = restCount > CountCap;
        var total = homeCount + restCount;
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        var skip = Paging.Offset(page, PageSize);
        var ids = mine.Concat(restRows).Skip(skip).Take(PageSize).Select(p => p.Id).ToList();

        var read = ids.Count == 0 ? [] : await db.SharingPosts.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.NetworkId == networkId && p.Status >= PostStatus.Published && p.Status <= PostStatus.Promised)
            .Select(p => new Row(p.Id, p.Title, p.Kind, p.Category, p.Status, db.Comuni.Where(c => c.Id == p.ComuneId).Select(c => c.Name).First(), p.Area,
                p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt))
            .ToListAsync(cancel);
        var byId = read.ToDictionary(r => r.Id);
        var lines = ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(p => new Line(p.Id, p.Title, p.Kind, p.Category, p.Status, p.Comune, p.Area, p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt,
            months.Count > 0 && (p.AgeFromMonths != null || p.AgeToMonths != null) && months.Any(m => (p.AgeFromMonths ?? 0) <= m && m <= (p.AgeToMonths ?? int.MaxValue)))).ToList();
        return (new Paged<Line>(lines, total, page, PageSize), capped);
    }

    sealed record Row(Guid Id, string Title, PostKind Kind, PostCategory Category, PostStatus Status, string Comune, string? Area,
        int? AgeFromMonths, int? AgeToMonths, string? Size, Guid? CoverPhotoId, DateTime? PublishedAt);

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
