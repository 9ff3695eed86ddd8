using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

/// <summary>
/// The network's search synonyms: a word families type («bimbi») and what it also means («bambini»). The search applies
/// them at once on every instance (the journal's names line). Coordinators add, change and remove them.
/// </summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class SynonymsModel(AppDbContext db, CurrentNetwork network, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed class SynonymForm
    {
        [Display(Name = "Parola cercata"), Required(ErrorMessage = "Scrivete la parola che le famiglie cercano."), StringLength(60, ErrorMessage = "La parola può avere al massimo 60 caratteri.")]
        public string? Word { get; set; }

        [Display(Name = "Significa anche"), Required(ErrorMessage = "Scrivete che cosa significa (più alternative separate da virgole)."), StringLength(300, ErrorMessage = "Al massimo 300 caratteri.")]
        public string? Means { get; set; }
    }

    [BindProperty] public SynonymForm NewSynonym { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<SearchSynonym> Synonyms { get; private set; } = new([], 0, 1, PageSize);
    public Pager Pager => new(Synonyms.Page, Synonyms.Pages, Synonyms.Total, Request.Path, Request.Query);

    async Task LoadAsync()
    {
        var q = db.SearchSynonyms.AsNoTracking().Where(s => s.NetworkId == network.Id);
        var total = await q.CountAsync();
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(PageNumber, 1, pages);
        Synonyms = new(await q.OrderBy(s => s.Word).PageOf(page, PageSize).ToListAsync(), total, page, PageSize);
    }

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        await LoadAsync();
    }

    /// <summary>The word as the search compares it (one word, accent-free, lower-case), or an error.</summary>
    static (string? Word, string? Error) WordOf(string? typed)
    {
        var words = SearchTerms.Words(Text.SearchKey(typed)).ToList();
        if (words.Count == 0) return (null, Tr.Get("Scrivete la parola che le famiglie cercano."));
        if (words.Count > 1) return (null, Tr.Get("Scrivete una parola sola (per esempio «bimbi»): le alternative vanno in «Significa anche»."));
        if (words[0].Length < 2) return (null, Tr.Get("La parola deve avere almeno due lettere."));
        return (words[0], null);
    }

    /// <summary>The alternatives, tidied ("Bambini ,  piccoli" → "bambini, piccoli"), or an error.</summary>
    static (string? Means, string? Error) MeansOf(string? typed, string word)
    {
        var alternatives = (typed ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => string.Join(' ', a.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Where(a => SearchTerms.Of(a).Count > 0).Distinct().ToList();
        if (alternatives.Count == 0) return (null, Tr.Get("Scrivete almeno una parola di significato (non solo articoli o preposizioni)."));
        if (alternatives.All(a => SearchTerms.Of(a) is [var only] && only == word)) return (null, Tr.Get("Il significato deve essere diverso dalla parola cercata."));
        var means = string.Join(", ", alternatives);
        return means.Length > 300 ? (null, Tr.Get("Al massimo 300 caratteri.")) : (means, null);
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        ModelState.KeepOnly(nameof(NewSynonym));
        if (ModelState.IsValid)
        {
            var (word, wordError) = WordOf(NewSynonym.Word);
            if (wordError is not null) ModelState.AddModelError("NewSynonym.Word", wordError);
            var (means, meansError) = word is null ? (null, null) : MeansOf(NewSynonym.Means, word);
            if (meansError is not null) ModelState.AddModelError("NewSynonym.Means", meansError);
            if (word is not null && await db.SearchSynonyms.AnyAsync(s => s.NetworkId == network.Id && s.Word == word))
                ModelState.AddModelError("NewSynonym.Word", Tr.Get("C'è già un sinonimo per «{0}»: modificate quello.", word));
            if (ModelState.IsValid)
            {
                db.SearchSynonyms.Add(new SearchSynonym { Id = Guid.NewGuid(), NetworkId = network.Id, Word = word!, Means = means!, UpdatedAt = clock.GetUtcNow().UtcDateTime });
                audit.Add("synonym.added", nameof(SearchSynonym), word!, means, network.Id);
                // Two coordinators adding the same word at once: the unique index keeps one, the other is told.
                if (await db.TrySaveAsync())
                {
                    TempData["Message"] = Tr.Get("Sinonimo aggiunto: cercando «{0}» si trova anche «{1}».", word, means);
                    return RedirectToPage();
                }
                ModelState.AddModelError("NewSynonym.Word", Tr.Get("C'è già un sinonimo per «{0}»: modificate quello.", word));
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid synonymId, string? means)
    {
        var synonym = await db.SearchSynonyms.FirstOrDefaultAsync(s => s.Id == synonymId && s.NetworkId == network.Id);
        if (synonym is null) return NotFound();
        var (tidy, error) = MeansOf(means, synonym.Word);
        if (error is not null) { TempData["Error"] = $"«{synonym.Word}»: {error}"; return RedirectToPage(new { pagina = PageNumber }); }
        if (tidy != synonym.Means)
        {
            audit.Add("synonym.changed", nameof(SearchSynonym), synonym.Word, $"{synonym.Means} → {tidy}", network.Id);
            synonym.Means = tidy!;
            synonym.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
        TempData["Message"] = Tr.Get("Sinonimo di «{0}» salvato.", synonym.Word);
        return RedirectToPage(new { pagina = PageNumber });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid synonymId)
    {
        var synonym = await db.SearchSynonyms.FirstOrDefaultAsync(s => s.Id == synonymId && s.NetworkId == network.Id);
        if (synonym is null) return NotFound();
        db.SearchSynonyms.Remove(synonym);
        audit.Add("synonym.deleted", nameof(SearchSynonym), synonym.Word, synonym.Means, network.Id);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { /* removed meanwhile by someone else: the same outcome */ }
        TempData["Message"] = Tr.Get("Sinonimo di «{0}» tolto.", synonym.Word);
        return RedirectToPage(new { pagina = PageNumber });
    }
}
