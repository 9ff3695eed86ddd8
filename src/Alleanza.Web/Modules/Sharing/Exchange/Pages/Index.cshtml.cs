using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages;

/// <summary>The families' list: what suits the family's children in its Comune first; filters; saving the search.</summary>
public class IndexModel(SearchPosts search, SavedSearches saved, SharingAccess access, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tipo")] public PostKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public PostCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Words { get; set; }
    [BindProperty(SupportsGet = true, Name = "per-noi")] public bool ForUs { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? SearchName { get; set; }
    [BindProperty] public bool SearchDigest { get; set; }

    public Paged<SearchPosts.Line> Result { get; private set; } = new([], 0, 1, SearchPosts.PageSize);
    public FamilyProfile? Profile { get; private set; }
    /// <summary>More posts than the list counts (<see cref="SearchPosts.CountCap"/> beyond the family's Comune): «più di …».</summary>
    public bool Capped { get; private set; }
    public List<SelectListItem> Comuni { get; private set; } = [];
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/condividi", Request.Query);
    public bool HasFilter => Kind is not null || Category is not null || ComuneId is not null || !string.IsNullOrWhiteSpace(Words);

    void DropJunk()
    {
        // Junk in the query string is ignored, never an error page.
        foreach (var key in new[] { "tipo", "categoria", "comune", "per-noi", "pagina" })
            if (ModelState[key]?.Errors.Count > 0)
                switch (key)
                {
                    case "tipo": Kind = null; break;
                    case "categoria": Category = null; break;
                    case "comune": ComuneId = null; break;
                    case "per-noi": ForUs = false; break;
                    default: PageNumber = 1; break;
                }
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        if (Category is { } c && !Enum.IsDefined(c)) Category = null;
        if (Words is { Length: > 60 }) Words = Words[..60];
    }

    async Task LoadAsync()
    {
        Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == access.NetworkId).OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync();
        (Result, Profile, Capped) = await search.RunAsync(access.NetworkId, access.UserId!.Value, new(Kind, Category, ComuneId, Words, ForUs), PageNumber);
    }

    /// <summary>A signed-in person with no household and no role in this network: the page explains how to join.</summary>
    public bool Outsider { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.IsMemberAsync())
        {
            Outsider = true;
            ModelState.Clear();
            return Page();
        }
        DropJunk();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await access.IsMemberAsync()) return NotFound();
        DropJunk();
        ModelState.Clear();
        if (await saved.SaveAsync(access.NetworkId, access.UserId!.Value, SearchName, new(Kind, Category, ComuneId, Words, false), SearchDigest) is { } problem)
        {
            ModelState.AddModelError(nameof(SearchName), problem);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = SearchDigest ? "Ricerca salvata: riceverete ogni mattina un'email con i nuovi annunci." : "Ricerca salvata.";
        return Redirect("/condividi/ricerche");
    }
}
