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

    public async Task<(Paged<Line> Result, FamilyProfile? Profile)> RunAsync(Guid networkId, Guid userId, Filter filter, int page, CancellationToken cancel = default)
    {
        var profile = await profiles.ForAsync(networkId, userId, cancel);
        var query = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == networkId && (p.Status == PostStatus.Published || p.Status == PostStatus.Promised));
        if (filter.Kind is { } kind) query = kind == PostKind.Request ? query.Where(p => p.Kind == PostKind.Request) : query.Where(p => p.Kind == kind);
        if (filter.Category is { } category) query = query.Where(p => p.Category == category);
        if (filter.ComuneId is { } comune) query = query.Where(p => p.ComuneId == comune);
        if (Text.Clean(filter.Words) is { } words)
        {
            var w = words.Length > 60 ? words[..60].ToLower() : words.ToLower();
            query = query.Where(p => p.Title.ToLower().Contains(w) || p.Description.ToLower().Contains(w));
        }
        var months = profile?.Children.Select(c => c.AgeMonths).ToList() ?? [];
        var (youngest, oldest) = months.Count > 0 ? (months.Min(), months.Max()) : (-1, -1);
        var home = profile?.ComuneId ?? Guid.Empty;
        if (filter.ForMyFamily && months.Count > 0)
            query = query.Where(p => (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest));
        var total = await query.CountAsync(cancel);
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        // Suits: an age band covering one of the children (approximated by the youngest–oldest range in SQL); the home Comune first.
        var ordered = months.Count > 0
            ? query.OrderByDescending(p => p.ComuneId == home && (p.AgeFromMonths != null || p.AgeToMonths != null)
                    && (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest))
                .ThenByDescending(p => p.ComuneId == home).ThenBy(p => p.Status).ThenByDescending(p => p.PublishedAt)
            : profile is not null
                ? query.OrderByDescending(p => p.ComuneId == home).ThenBy(p => p.Status).ThenByDescending(p => p.PublishedAt)
                : query.OrderBy(p => p.Status).ThenByDescending(p => p.PublishedAt);
        var rows = await ordered.PageOf(page, PageSize)
            .Select(p => new
            {
                p.Id, p.Title, p.Kind, p.Category, p.Status, Comune = db.Comuni.Where(c => c.Id == p.ComuneId).Select(c => c.Name).First(), p.Area,
                p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt, p.ComuneId,
            }).ToListAsync(cancel);
        var lines = rows.Select(p => new Line(p.Id, p.Title, p.Kind, p.Category, p.Status, p.Comune, p.Area, p.AgeFromMonths, p.AgeToMonths, p.Size, p.CoverPhotoId, p.PublishedAt,
            months.Count > 0 && (p.AgeFromMonths != null || p.AgeToMonths != null) && months.Any(m => (p.AgeFromMonths ?? 0) <= m && m <= (p.AgeToMonths ?? int.MaxValue)))).ToList();
        return (new Paged<Line>(lines, total, page, PageSize), profile);
    }

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
