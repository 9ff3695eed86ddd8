using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages;

/// <summary>/carta-famiglia: what the card is, who can have it, how to apply, and the shops with their offers on a map.</summary>
public class CardHomeModel(CardShops cardShops, CurrentNetwork current, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Paged<CardShop> Result { get; private set; } = new([], 0, 1, 20);
    public CardRules Rules { get; private set; } = new();
    public List<SelectListItem> Comuni { get; private set; } = [];
    public List<SelectListItem> Categories { get; private set; } = [];
    public List<string> Notices { get; } = [];
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Category is not null || ComuneId is not null;
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        // Query-string values that make no sense become "no filter" with a notice, never an error page.
        if (ModelState["comune"]?.Errors.Count > 0) { ComuneId = null; Notices.Add(Tr.Get("Il Comune scelto non è valido: filtro ignorato.")); }
        if (ModelState["pagina"]?.Errors.Count > 0 || PageNumber < 1) PageNumber = 1;
        var category = ShopCategories.FromSlug(Category);
        if (category is null && !string.IsNullOrEmpty(Category)) { Notices.Add(Tr.Get("La categoria scelta non esiste: filtro ignorato.")); Category = null; }
        if (Q?.Length > 200) Q = Q[..200];
        Categories = Enum.GetValues<ShopCategory>().Select(c => new SelectListItem(ShopCategories.Label(c), ShopCategories.Slug(c), c == category)).ToList();
        if (!current.IsResolved) return;
        var comuni = await db.ComuniOfAsync(current.Id);
        Comuni = comuni.Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == ComuneId)).ToList();
        if (ComuneId is { } chosen && !comuni.Any(c => c.Id == chosen)) { ComuneId = null; Notices.Add(Tr.Get("Il Comune scelto non è di questa rete: filtro ignorato.")); }
        Rules = await cardShops.RulesAsync(current.Id);
        Result = await cardShops.SearchAsync(current.Id, new CardShopQuery(Q, category, ComuneId, PageNumber), HttpContext.RequestAborted);
    }

    /// <summary>"Famiglie con almeno un figlio sotto i 18 anni …" from the network's rules.</summary>
    public string WhoCanHaveIt()
    {
        var children = Rules.MinChildren <= 1 ? Tr.Get("almeno un figlio o una figlia") : Tr.Get("almeno {0} figli", Rules.MinChildren);
        var isee = Rules.IseeCeiling is { } ceiling
            ? Tr.Get(", con un ISEE fino a {0} €", ceiling.ToString("#,0", RomeTime.Culture))
            : "";
        return Tr.Get("Le famiglie residenti in un Comune della rete con {0} sotto i {1} anni{2}. Ogni adulto della famiglia ha la sua carta, valida finché il figlio più giovane compie {3} anni.", children, Rules.ChildAgeLimit, isee, Rules.ChildAgeLimit);
    }

    /// <summary>Points for the map script (data attribute; no inline script).</summary>
    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(Result.Items.Where(s => s.Latitude is not null && s.Longitude is not null)
        .Select(s => new { id = s.Id, title = s.Name, lat = s.Latitude, lon = s.Longitude, place = $"{s.Address}, {s.Comune}" }));
}
