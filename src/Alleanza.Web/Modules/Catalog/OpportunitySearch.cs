using Alleanza.Web.Platform;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>
/// Finds published opportunities of a network: full text (Italian, accent-insensitive) plus filters and order, in the
/// network's in-memory catalogue (<see cref="Search.CatalogIndex"/>), names included: a search reads no database.
/// </summary>
public sealed class OpportunitySearch(Search.SearchIndexes indexes, TimeProvider clock)
{
    /// <summary>Where the last search's time went, as a Server-Timing header value ("index-search;dur=0.4, rows;dur=0.1").</summary>
    public string? Timing { get; private set; }

    public async Task<Paged<SearchHit>> SearchAsync(Guid networkId, SearchRequest r, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var index = await indexes.ForAsync(networkId, ct);
        var ready = watch.Elapsed.TotalMilliseconds;
        var found = index.Search(r, now);
        var searched = watch.Elapsed.TotalMilliseconds;
        var hits = found.Rows.Select(x => Hit(x, index.Names, now, r.Family)).ToList();
        Timing = FormattableString.Invariant($"index-ready;dur={ready:0.00}, index-search;dur={searched - ready:0.00}, rows;dur={watch.Elapsed.TotalMilliseconds - searched:0.00}");
        return new Paged<SearchHit>(hits, found.Total, found.Page, r.PageSize);
    }

    static SearchHit Hit(Search.IndexedOpportunity x, Search.NetworkNames names, DateTime now, FamilyFit? family)
    {
        var next = x.NextSession(now);
        var nextWithCapacity = x.Sessions.FirstOrDefault(s => s.StartsAt >= now && s.Capacity is not null);
        var place = x.Places.FirstOrDefault();
        return new SearchHit(x.Id, x.Title, x.Kind, names.Areas.FirstOrDefault(a => a.Id == x.AreaId)?.Name ?? "", names.Partners.GetValueOrDefault(x.PartnerId, ""),
            x.Cost, x.Price, x.ReducedPrice, x.AgeFromMonths, x.AgeToMonths, next?.StartsAt,
            nextWithCapacity?.PlacesLeft,
            place?.Name, place?.Latitude, place?.Longitude, x.Summary, family is null ? null : Search.CatalogIndex.MatchOf(x, family));
    }

    /// <summary>Fewer rows than this for all the words: the search also shows what matches some of them, and a spelling suggestion.</summary>
    public const int Handful = 5;

    /// <summary>An opportunity that matches only some of the words of the search.</summary>
    public sealed record SomeWordsHit(SearchHit Hit, int Words, int Of);

    /// <summary>
    /// What a search that found fewer than <see cref="Handful"/> rows adds: up to ten opportunities that match only some
    /// of its words (most words first; same filters), and "Forse cercavi" — the words corrected against the catalogue's
    /// vocabulary — when a word finds nothing.
    /// </summary>
    public async Task<(List<SomeWordsHit> SomeWords, string? Suggestion)> SecondChanceAsync(Guid networkId, SearchRequest r, CancellationToken ct = default)
    {
        var words = SearchTerms.Of(r.Text);
        if (words.Count == 0) return ([], null);
        var now = clock.GetUtcNow().UtcDateTime;
        var index = await indexes.ForAsync(networkId, ct);
        var of = words.Select(SearchTerms.Stem).Distinct().Count();
        var some = of < 2 ? [] : index.SearchSome(r, now, 10).Select(m => new SomeWordsHit(Hit(m.Opportunity, index.Names, now, r.Family), m.Words, of)).ToList();
        return (some, index.Suggest(r.Text));
    }

    /// <summary>The network's Comuni, areas and partners' names, from the catalogue in memory (the search page's filters list them).</summary>
    public async Task<Search.NetworkNames> NamesAsync(Guid networkId, CancellationToken ct = default) =>
        (await indexes.ForAsync(networkId, ct)).Names;

    public sealed record FeedSession(Guid SessionId, Guid OpportunityId, string Title, string Summary, string? Place, string? Address, DateTime StartsAt, DateTime? EndsAt);

    /// <summary>The dates of the next year of the matching opportunities, for iCalendar feeds (at most 2,000).</summary>
    public async Task<List<FeedSession>> UpcomingSessionsAsync(Guid networkId, SearchRequest r, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddYears(1);
        var index = await indexes.ForAsync(networkId, ct);
        return index.All(r, now)
            .SelectMany(o => o.Sessions.Where(s => s.StartsAt >= now && s.StartsAt <= until)
                .Select(s => new FeedSession(s.Id, o.Id, o.Title, o.Summary, o.Places.FirstOrDefault()?.Name, o.Places.FirstOrDefault()?.Address, s.StartsAt, s.EndsAt)))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.SessionId).Take(2000).ToList();
    }

    /// <summary>The first words of the description, without Markdown marks.</summary>
    public static string Summarize(string markdown)
    {
        var plain = Markdig.Markdown.ToPlainText(markdown ?? "").ReplaceLineEndings(" ").Trim();
        return plain.Length <= 220 ? plain : plain[..plain.LastIndexOf(' ', 219)] + "…";
    }
}
