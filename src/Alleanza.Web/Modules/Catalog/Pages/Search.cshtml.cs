using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.AnonymousPages.Policy)]
public class SearchModel(OpportunitySearch search, CurrentNetwork current, CurrentAccess access, Families.FamilyProfiles profiles) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "area")] public string? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "eta")] public int? Age { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "gratuito")] public bool FreeOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "posti")] public bool WithPlaces { get; set; }
    [BindProperty(SupportsGet = true, Name = "dal")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "al")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "ordine")] public string? Order { get; set; }
    [BindProperty(SupportsGet = true, Name = "lat")] public double? Latitude { get; set; }
    [BindProperty(SupportsGet = true, Name = "lon")] public double? Longitude { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    /// <summary>"Per la mia famiglia": on by default for a family with a registered household; famiglia=0 turns it off.</summary>
    [BindProperty(SupportsGet = true, Name = "famiglia")] public string? ForFamily { get; set; }
    public Families.FamilyProfile? Family { get; private set; }
    public bool FamilyFirst => Family is not null && ForFamily != "0";

    public Paged<SearchHit> Result { get; private set; } = new([], 0, 1, 20);
    public List<SelectListItem> Areas { get; private set; } = [];
    /// <summary>The network's Comuni (the filter), areas and partners, from the catalogue in memory.</summary>
    public Search.NetworkNames Names { get; private set; } = Search.NetworkNames.None;
    public List<string> Notices { get; } = [];
    /// <summary>When all the words found fewer than a handful: opportunities that match only some of them.</summary>
    public List<OpportunitySearch.SomeWordsHit> SomeWords { get; private set; } = [];
    /// <summary>"Forse cercavi": the words corrected against the catalogue, when one of them finds nothing.</summary>
    public string? Suggestion { get; private set; }
    public string? SuggestionUrl => Suggestion is null ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path,
        Request.Query.Where(q => q.Key is not ("q" or "pagina")).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).Append(new("q", Suggestion)));
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        // Query-string values that do not make sense are dropped with a notice, never an error page.
        foreach (var (key, entry) in ModelState.Where(e => e.Value!.Errors.Count > 0))
            Notices.Add(Tr.Get("Il filtro «{0}» non è valido ed è stato ignorato.", key));
        if (!ModelState.IsValid)
        {
            if (ModelState["eta"]?.Errors.Count > 0) Age = null;
            if (ModelState["comune"]?.Errors.Count > 0) ComuneId = null;
            if (ModelState["dal"]?.Errors.Count > 0) From = null;
            if (ModelState["al"]?.Errors.Count > 0) To = null;
            if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
            if (ModelState["lat"]?.Errors.Count > 0 || ModelState["lon"]?.Errors.Count > 0) { Latitude = null; Longitude = null; }
        }
        if (Age is < 0 or > 25) { Notices.Add(Tr.Get("L'età va da 0 a 25 anni: filtro ignorato.")); Age = null; }
        if (Latitude is < -90 or > 90 || Longitude is < -180 or > 180) { Latitude = null; Longitude = null; }
        if (From is { } f && To is { } t && f > t) { Notices.Add(Tr.Get("La data di inizio è dopo quella di fine: le ho scambiate.")); (From, To) = (To, From); }
        if (Q?.Length > 200) Q = Q[..200];
        if (!current.IsResolved) return;

        Names = await search.NamesAsync(current.Id, HttpContext.RequestAborted);
        var areas = Names.Areas;
        Areas = areas.Select(a => new SelectListItem(Tr.Get(a.Name), a.Code, a.Code == Area)).ToList();
        var areaId = Names.AreaIdOf(Area);
        var order = Order switch
        {
            "data" => SearchOrder.Date,
            "distanza" when Latitude is not null && Longitude is not null => SearchOrder.Distance,
            _ => SearchOrder.Relevance,
        };
        if (Order == "distanza" && order != SearchOrder.Distance) Notices.Add(Tr.Get("Per ordinare per distanza serve la tua posizione: uso l'ordine per pertinenza."));
        if (access.UserId is Guid userId) Family = await profiles.ForAsync(current.Id, userId, HttpContext.RequestAborted);
        var fit = FamilyFirst ? new FamilyFit(Family!.Children.Select(c => c.AgeMonths).ToList(), Family.ComuneId) : null;
        var request = new SearchRequest(Q, areaId, Category, Age, ComuneId, FreeOnly, From, To, WithPlaces, order, Latitude, Longitude, Math.Max(1, PageNumber), Family: fit);
        Result = await search.SearchAsync(current.Id, request, HttpContext.RequestAborted);
        Response.Headers["Server-Timing"] = search.Timing;
        // The second chance runs only when all the words found little (so a usual search costs nothing more).
        if (Result.Total < OpportunitySearch.Handful && Result.Page == 1 && !string.IsNullOrWhiteSpace(Q))
        {
            (SomeWords, Suggestion) = await search.SecondChanceAsync(current.Id, request, HttpContext.RequestAborted);
            if (Suggestion is not null && string.Equals(Suggestion, string.Join(' ', SearchTerms.Of(Q)), StringComparison.Ordinal)) Suggestion = null;
        }
    }

    /// <summary>Points for the map script (data attribute; no inline script).</summary>
    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(Result.Items.Concat(SomeWords.Select(w => w.Hit)).Where(h => h.Latitude is not null && h.Longitude is not null)
        .Select(h => new { id = h.Id, title = h.Title, lat = h.Latitude, lon = h.Longitude, place = h.Place }));
}

/// <summary>A result row as the search page shows it: the hit, the family it is matched against (for its marks) and a note.</summary>
public sealed record SearchHitCard(SearchHit Hit, Families.FamilyProfile? Family, string? Note);
