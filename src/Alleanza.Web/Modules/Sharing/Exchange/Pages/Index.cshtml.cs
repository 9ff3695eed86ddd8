using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages;

/// <summary>The families' list: what suits the family's children in its Comune first; filters; saving the search.</summary>
public class IndexModel(SearchPosts search, SavedSearches saved, SharingAccess access, FamilyProfiles profiles, AppDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tipo")] public PostKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public PostCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    /// <summary>The Comune as typed, in a network with more Comuni than a drop-down should hold (<see cref="Network.ComuneOptions.SelectMax"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "comune-nome")] public string? ComuneName { get; set; }
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
    /// <summary>True when the Comune is typed instead of chosen from a drop-down (a network of many Comuni).</summary>
    public bool ComuneTyped { get; private set; }
    /// <summary>The Comuni a typed name may mean, when it is not exactly one.</summary>
    public List<(Guid Id, string Name)> ComuneMatches { get; private set; } = [];
    public string? ComuneError { get; private set; }
    /// <summary>The list's address with the Comune <paramref name="id"/> instead of the typed name.</summary>
    public string WithComune(Guid id)
    {
        var query = Request.Query.Where(q => q.Key is not ("comune" or "comune-nome" or "pagina"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"comune={id}");
        return "/condividi?" + string.Join("&", query);
    }
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
        ComuneTyped = await db.ComuneCountAsync(cache, access.NetworkId) > ComuneOptions.SelectMax;
        if (!ComuneTyped)
            Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == access.NetworkId).OrderBy(c => c.Name)
                .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync();
        else if (!string.IsNullOrWhiteSpace(ComuneName))
        {
            // A name typed: the Comune it is, or the few it may be (links), or a message by the field.
            var (exact, matches) = await db.MatchAsync(access.NetworkId, ComuneName.Length > 80 ? ComuneName[..80] : ComuneName);
            ComuneId = exact?.Id;
            if (exact is { } e) ComuneName = e.Name;
            else
            {
                ComuneMatches = matches;
                ComuneError = matches.Count == 0 ? Tr.Get("Nessun Comune della rete si chiama «{0}»: controllate il nome.", ComuneName.Trim())
                    : Tr.Get("Più Comuni corrispondono a questo nome: scegliete quello che cercate.");
            }
        }
        else if (ComuneId is { } id)
        {
            ComuneName = await db.ComuneNameAsync(access.NetworkId, id);
            if (ComuneName is null) ComuneId = null;
        }
        (Result, Capped) = await search.RunAsync(access.NetworkId, Profile, new(Kind, Category, ComuneId, Words, ForUs), PageNumber);
    }

    /// <summary>A signed-in person with no household and no role in this network: the page explains how to join.</summary>
    public bool Outsider { get; private set; }

    /// <summary>The family's profile, read once: its household also makes the person a member (no second look-up for it).</summary>
    async Task<bool> IsMemberAsync()
    {
        if (access.UserId is { } user && access.NetworkId != Guid.Empty) Profile = await profiles.ForAsync(access.NetworkId, user);
        return Profile is not null || await access.IsMemberAsync();
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsMemberAsync())
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
        if (!await IsMemberAsync()) return NotFound();
        DropJunk();
        ModelState.Clear();
        if (await saved.SaveAsync(access.NetworkId, access.UserId!.Value, SearchName, new(Kind, Category, ComuneId, Words, false), SearchDigest) is { } problem)
        {
            ModelState.AddModelError(nameof(SearchName), problem);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = SearchDigest ? Tr.Get("Ricerca salvata: riceverete ogni mattina un'email con i nuovi annunci.") : Tr.Get("Ricerca salvata.");
        return Redirect("/condividi/ricerche");
    }
}
