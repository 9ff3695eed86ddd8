using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

public enum SearchOrder { Relevance, Date, Distance }

/// <summary>What a family asks the catalogue: text, filters, order, page. Bad values have been dropped before this.</summary>
public sealed record SearchRequest(
    string? Text = null, Guid? AreaId = null, string? Category = null, int? AgeYears = null, Guid? ComuneId = null,
    bool FreeOnly = false, DateOnly? From = null, DateOnly? To = null, bool WithPlaces = false,
    SearchOrder Order = SearchOrder.Relevance, double? Latitude = null, double? Longitude = null, int Page = 1, int PageSize = 20, Guid? PartnerId = null,
    FamilyFit? Family = null);

/// <summary>"Per la mia famiglia": opportunities for these children's ages (months) and this Comune come first.</summary>
public sealed record FamilyFit(IReadOnlyList<int> ChildAgeMonths, Guid? ComuneId);

public sealed record SearchHit(
    Guid Id, string Title, OpportunityKind Kind, string Area, string Partner, CostKind Cost, decimal? Price, decimal? ReducedPrice,
    int? AgeFromMonths, int? AgeToMonths, DateTime? NextSession, int? PlacesLeft, string? Place, double? Latitude, double? Longitude, string Summary,
    bool FitsFamily = false);

/// <summary>Finds published opportunities of a network: full text (Italian, accent-insensitive) plus filters and order.</summary>
public sealed class OpportunitySearch(AppDbContext db, TimeProvider clock)
{
    sealed class Ranked
    {
        public Opportunity O { get; set; } = default!;
        public double Rank { get; set; }
    }

    /// <summary>Published opportunities of the network that pass the text and the filters, with their relevance.</summary>
    IQueryable<Ranked> Filtered(Guid networkId, SearchRequest r, DateTime now, out bool hasText)
    {
        var published = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Published);
        var matches = FullTextSearch.Matches(db, r.Text);
        hasText = matches is not null;
        var ranked = matches is null
            ? published.Select(o => new Ranked { O = o, Rank = 0.0 })
            : published.Join(matches, o => o.Id, m => m.Id, (o, m) => new Ranked { O = o, Rank = m.Rank });
        if (r.PartnerId is { } partner) ranked = ranked.Where(x => x.O.PartnerId == partner);

        if (r.AreaId is { } area) ranked = ranked.Where(x => x.O.AreaId == area);
        if (r.ComuneId is { } comune) ranked = ranked.Where(x => x.O.Comuni.Any(c => c.ComuneId == comune));
        if (!string.IsNullOrWhiteSpace(r.Category))
        {
            var category = r.Category.Trim().ToLowerInvariant();
            ranked = ranked.Where(x => x.O.Categories != null && x.O.Categories.ToLower().Contains(category));
        }
        if (r.AgeYears is { } years)
        {
            int fromMonths = years * 12, toMonths = years * 12 + 11;
            ranked = ranked.Where(x => (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= toMonths) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= fromMonths));
        }
        if (r.FreeOnly) ranked = ranked.Where(x => x.O.Cost == CostKind.Free);
        DateTime? from = r.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to = r.To?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        if (from is not null || to is not null)
        {
            var start = from ?? now;
            var end = to ?? DateTime.MaxValue;
            // Services with no dates are always on; activities and events need a session in the range.
            ranked = ranked.Where(x => x.O.Kind == OpportunityKind.Service && !x.O.Sessions.Any()
                || x.O.Sessions.Any(s => s.StartsAt >= start && s.StartsAt <= end));
        }
        if (r.WithPlaces)
            ranked = ranked.Where(x => x.O.Sessions.Any(s => s.StartsAt >= now && s.RegistrationOpen && (s.Capacity == null || s.Taken < s.Capacity)));
        return ranked;
    }

    public async Task<Paged<SearchHit>> SearchAsync(Guid networkId, SearchRequest r, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ranked = Filtered(networkId, r, now, out var hasText);
        var total = await ranked.CountAsync(ct);
        // Order in SQL; the next date, places left and the place are read afterwards for the page's rows only
        // (as subqueries of the projection they ran for every match: see bench/README.md).
        var byDistance = r.Order == SearchOrder.Distance && r.Latitude is not null && r.Longitude is not null;
        // "Per la mia famiglia": what fits the family comes first, then the order asked for (not when ordering by distance).
        var familyMiss = r.Family is { } family && !byDistance ? NotFits(family) : null;
        IOrderedQueryable<Ranked> By<TKey>(System.Linq.Expressions.Expression<Func<Ranked, TKey>> key, bool descending = false) =>
            familyMiss is null
                ? (descending ? ranked.OrderByDescending(key) : ranked.OrderBy(key))
                : (descending ? ranked.OrderBy(familyMiss).ThenByDescending(key) : ranked.OrderBy(familyMiss).ThenBy(key));
        IQueryable<Ranked> ordered = r.Order switch
        {
            SearchOrder.Date => By(x => x.O.Sessions.Where(s => s.StartsAt >= now).Min(s => (DateTime?)s.StartsAt) == null)
                .ThenBy(x => x.O.Sessions.Where(s => s.StartsAt >= now).Min(s => (DateTime?)s.StartsAt)).ThenBy(x => x.O.Title),
            SearchOrder.Distance when r.Latitude is { } lat && r.Longitude is { } lon =>
                // Equirectangular distance is enough to order places within a region, and translates on every engine.
                By(x => !x.O.Locations.Any(l => l.Latitude != null && l.Longitude != null))
                    .ThenBy(x => x.O.Locations.Where(l => l.Latitude != null && l.Longitude != null)
                        .Min(l => (l.Latitude!.Value - lat) * (l.Latitude.Value - lat)
                            + (l.Longitude!.Value - lon) * (l.Longitude.Value - lon) * Math.Cos(lat * Math.PI / 180) * Math.Cos(lat * Math.PI / 180)))
                    .ThenBy(x => x.O.Title),
            _ => !hasText ? By(x => x.O.PublishedAt, descending: true).ThenBy(x => x.O.Title) : By(x => x.Rank, descending: true).ThenBy(x => x.O.Title),
        };
        var page = Math.Max(1, Math.Min(r.Page, Math.Max(1, (total + r.PageSize - 1) / r.PageSize)));
        var rows = await ordered.Skip((page - 1) * r.PageSize).Take(r.PageSize)
            .Select(x => new { x.O.Id, x.O.Title, x.O.Kind, x.O.AreaId, x.O.PartnerId, x.O.Cost, x.O.Price, x.O.ReducedPrice, x.O.AgeFromMonths, x.O.AgeToMonths, x.O.Description })
            .ToListAsync(ct);
        var fitting = r.Family is { } f ? await ordered.Skip((page - 1) * r.PageSize).Take(r.PageSize).Where(Fits(f)).Select(x => x.O.Id).ToListAsync(ct) : [];

        var ids = rows.Select(x => x.Id).ToList();
        var sessions = await db.OpportunitySessions.AsNoTracking().Where(s => ids.Contains(s.OpportunityId) && s.StartsAt >= now)
            .Select(s => new { s.OpportunityId, s.StartsAt, s.Capacity, s.Taken }).ToListAsync(ct);
        var places = await db.OpportunityLocations.AsNoTracking().Where(l => ids.Contains(l.OpportunityId))
            .Select(l => new { l.OpportunityId, l.Name, l.Latitude, l.Longitude }).ToListAsync(ct);
        var areaIds = rows.Select(x => x.AreaId).Distinct().ToList();
        var partnerIds = rows.Select(x => x.PartnerId).Distinct().ToList();
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var hits = rows.Select(x =>
        {
            var next = sessions.Where(s => s.OpportunityId == x.Id).OrderBy(s => s.StartsAt).FirstOrDefault();
            var nextWithCapacity = sessions.Where(s => s.OpportunityId == x.Id && s.Capacity != null).OrderBy(s => s.StartsAt).FirstOrDefault();
            var place = places.Where(l => l.OpportunityId == x.Id).OrderBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault();
            return new SearchHit(x.Id, x.Title, x.Kind, areas.GetValueOrDefault(x.AreaId, ""), partners.GetValueOrDefault(x.PartnerId, ""),
                x.Cost, x.Price, x.ReducedPrice, x.AgeFromMonths, x.AgeToMonths, next?.StartsAt, nextWithCapacity is null ? null : nextWithCapacity.Capacity!.Value - nextWithCapacity.Taken,
                place?.Name, place?.Latitude, place?.Longitude, Summarize(x.Description), fitting.Contains(x.Id));
        }).ToList();
        return new Paged<SearchHit>(hits, total, page, r.PageSize);
    }

    /// <summary>
    /// Fits the family: for the age of at least one child (or for any age) and in its Comune (or in every Comune).
    /// Written out for up to six children so that every engine translates it; older siblings beyond six repeat the youngest's test.
    /// </summary>
    static System.Linq.Expressions.Expression<Func<Ranked, bool>> Fits(FamilyFit family)
    {
        var ages = family.ChildAgeMonths.Count == 0 ? [-1] : family.ChildAgeMonths.Take(6).ToList();
        while (ages.Count < 6) ages.Add(ages[0]);
        int a0 = ages[0], a1 = ages[1], a2 = ages[2], a3 = ages[3], a4 = ages[4], a5 = ages[5];
        var anyAge = family.ChildAgeMonths.Count == 0;
        var comune = family.ComuneId;
        return x => (anyAge
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a0) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a0)
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a1) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a1)
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a2) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a2)
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a3) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a3)
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a4) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a4)
                || (x.O.AgeFromMonths == null || x.O.AgeFromMonths <= a5) && (x.O.AgeToMonths == null || x.O.AgeToMonths >= a5))
            && (comune == null || !x.O.Comuni.Any() || x.O.Comuni.Any(c => c.ComuneId == comune));
    }

    /// <summary>The negation of <see cref="Fits"/>: ordering by it puts the fitting opportunities first.</summary>
    static System.Linq.Expressions.Expression<Func<Ranked, bool>> NotFits(FamilyFit family)
    {
        var fits = Fits(family);
        return System.Linq.Expressions.Expression.Lambda<Func<Ranked, bool>>(System.Linq.Expressions.Expression.Not(fits.Body), fits.Parameters);
    }

    public sealed record FeedSession(Guid SessionId, Guid OpportunityId, string Title, string Description, string? Place, string? Address, DateTime StartsAt, DateTime? EndsAt);

    /// <summary>The dates of the next year of the matching opportunities, for iCalendar feeds (at most 2,000).</summary>
    public async Task<List<FeedSession>> UpcomingSessionsAsync(Guid networkId, SearchRequest r, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = Filtered(networkId, r, now, out _).Select(x => x.O.Id);
        var until = now.AddYears(1);
        return await (from s in db.OpportunitySessions.AsNoTracking()
                      join o in db.Opportunities on s.OpportunityId equals o.Id
                      where ids.Contains(o.Id) && s.StartsAt >= now && s.StartsAt <= until
                      orderby s.StartsAt
                      select new FeedSession(s.Id, o.Id, o.Title, o.Description,
                          o.Locations.Select(l => l.Name).FirstOrDefault(), o.Locations.Select(l => l.Address).FirstOrDefault(), s.StartsAt, s.EndsAt))
            .Take(2000).ToListAsync(ct);
    }

    /// <summary>The first words of the description, without Markdown marks.</summary>
    public static string Summarize(string markdown)
    {
        var plain = Markdig.Markdown.ToPlainText(markdown ?? "").ReplaceLineEndings(" ").Trim();
        return plain.Length <= 220 ? plain : plain[..plain.LastIndexOf(' ', 219)] + "…";
    }
}
