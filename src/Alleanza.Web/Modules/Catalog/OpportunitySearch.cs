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
    SearchOrder Order = SearchOrder.Relevance, double? Latitude = null, double? Longitude = null, int Page = 1, int PageSize = 20, Guid? PartnerId = null);

public sealed record SearchHit(
    Guid Id, string Title, OpportunityKind Kind, string Area, string Partner, CostKind Cost, decimal? Price, decimal? ReducedPrice,
    int? AgeFromMonths, int? AgeToMonths, DateTime? NextSession, int? PlacesLeft, string? Place, double? Latitude, double? Longitude, string Summary);

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

    public async Task<Paged<SearchHit>> SearchAsync(Guid networkId, SearchRequest r)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ranked = Filtered(networkId, r, now, out var hasText);
        var total = await ranked.CountAsync();
        var projected = ranked.Select(x => new
        {
            x.O.Id, x.O.Title, x.O.Kind, x.O.AreaId, x.O.PartnerId, x.O.Cost, x.O.Price, x.O.ReducedPrice, x.O.AgeFromMonths, x.O.AgeToMonths,
            x.O.Description, x.Rank, x.O.PublishedAt,
            Next = x.O.Sessions.Where(s => s.StartsAt >= now).OrderBy(s => s.StartsAt).Select(s => (DateTime?)s.StartsAt).FirstOrDefault(),
            PlacesLeft = x.O.Sessions.Where(s => s.StartsAt >= now && s.Capacity != null).OrderBy(s => s.StartsAt).Select(s => (int?)(s.Capacity!.Value - s.Taken)).FirstOrDefault(),
            Place = x.O.Locations.OrderBy(l => l.Name).Select(l => new { l.Name, l.Latitude, l.Longitude }).FirstOrDefault(),
        });
        projected = r.Order switch
        {
            SearchOrder.Date => projected.OrderBy(x => x.Next == null).ThenBy(x => x.Next).ThenBy(x => x.Title),
            SearchOrder.Distance when r.Latitude is { } lat && r.Longitude is { } lon =>
                // Equirectangular distance is enough to order places within a region, and translates on every engine.
                projected.OrderBy(x => x.Place == null || x.Place.Latitude == null)
                    .ThenBy(x => (x.Place!.Latitude!.Value - lat) * (x.Place.Latitude.Value - lat)
                        + (x.Place.Longitude!.Value - lon) * (x.Place.Longitude.Value - lon) * Math.Cos(lat * Math.PI / 180) * Math.Cos(lat * Math.PI / 180))
                    .ThenBy(x => x.Title),
            _ => !hasText ? projected.OrderByDescending(x => x.PublishedAt).ThenBy(x => x.Title) : projected.OrderByDescending(x => x.Rank).ThenBy(x => x.Title),
        };
        var page = Math.Max(1, Math.Min(r.Page, Math.Max(1, (total + r.PageSize - 1) / r.PageSize)));
        var rows = await projected.Skip((page - 1) * r.PageSize).Take(r.PageSize).ToListAsync();

        var areaIds = rows.Select(x => x.AreaId).Distinct().ToList();
        var partnerIds = rows.Select(x => x.PartnerId).Distinct().ToList();
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name);
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var hits = rows.Select(x => new SearchHit(x.Id, x.Title, x.Kind, areas.GetValueOrDefault(x.AreaId, ""), partners.GetValueOrDefault(x.PartnerId, ""),
            x.Cost, x.Price, x.ReducedPrice, x.AgeFromMonths, x.AgeToMonths, x.Next, x.PlacesLeft, x.Place?.Name, x.Place?.Latitude, x.Place?.Longitude,
            Summarize(x.Description))).ToList();
        return new Paged<SearchHit>(hits, total, page, r.PageSize);
    }

    public sealed record FeedSession(Guid SessionId, Guid OpportunityId, string Title, string Description, string? Place, string? Address, DateTime StartsAt, DateTime? EndsAt);

    /// <summary>The dates of the next year of the matching opportunities, for iCalendar feeds (at most 2,000).</summary>
    public async Task<List<FeedSession>> UpcomingSessionsAsync(Guid networkId, SearchRequest r)
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
            .Take(2000).ToListAsync();
    }

    /// <summary>The first words of the description, without Markdown marks.</summary>
    public static string Summarize(string markdown)
    {
        var plain = Markdig.Markdown.ToPlainText(markdown ?? "").ReplaceLineEndings(" ").Trim();
        return plain.Length <= 220 ? plain : plain[..plain.LastIndexOf(' ', 219)] + "…";
    }
}
