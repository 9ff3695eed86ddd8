using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages;

/// <summary>A family publishes an offer or a request, with up to six photos.</summary>
public class NewModel(PublishPost publish, SharingAccess access, FamilyProfiles profiles, AppDbContext db) : PageModel
{
    [BindProperty] public PostForm Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

    public bool HasHousehold { get; private set; }
    public List<SelectListItem> KindOptions { get; } = Enum.GetValues<PostKind>().Select(k => new SelectListItem(ExchangeRules.Label(k), k.ToString())).ToList();
    public List<SelectListItem> CategoryOptions { get; } = ExchangeRules.Offered.Select(c => new SelectListItem(ExchangeRules.Label(c), c.ToString(), false, false) { Group = new SelectListGroup { Name = ExchangeRules.Group(c) } }).ToList();
    public List<SelectListItem> ConditionOptions { get; } = Enum.GetValues<ItemCondition>().Select(c => new SelectListItem(ExchangeRules.Label(c), c.ToString())).ToList();
    public List<SelectListItem> HandOverOptions { get; } = Enum.GetValues<HandOverMode>().Select(h => new SelectListItem(ExchangeRules.Label(h), h.ToString())).ToList();
    public List<SelectListItem> HomologationOptions { get; } = ExchangeRules.Homologations.Select(h => new SelectListItem("ECE " + h + (h == "R129" ? " (i-Size)" : ""), h)).ToList();
    public List<SelectListItem> ComuneOptions { get; private set; } = [];
    public List<SelectListItem> PointOptions { get; private set; } = [];
    public List<SelectListItem> SwapOptions { get; private set; } = [];

    async Task LoadAsync()
    {
        var network = access.NetworkId;
        HasHousehold = await db.Households.AnyAsync(h => h.NetworkId == network && h.OwnerUserId == access.UserId);
        ComuneOptions = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == network).OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync();
        PointOptions = await db.SharingCollectionPoints.AsNoTracking().Where(c => c.NetworkId == network)
            .Join(db.Partners, c => c.PartnerId, p => p.Id, (c, p) => new { p.Id, p.Name, p.City, c.Hours }).OrderBy(p => p.Name)
            .Select(p => new SelectListItem(p.Name + (p.City != null ? " (" + p.City + ")" : ""), p.Id.ToString())).ToListAsync();
        SwapOptions = await db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == network && p.Kind == PostKind.Swap && p.Status == PostStatus.Published && p.OwnerUserId != access.UserId)
            .OrderByDescending(p => p.PublishedAt).Take(100).Select(p => new SelectListItem(p.Title, p.Id.ToString())).ToListAsync();
    }

    public async Task<IActionResult> OnGetAsync(Guid? scambio)
    {
        if (!await access.IsMemberAsync()) return NotFound();
        ModelState.Clear();
        await LoadAsync();
        if (await profiles.ForAsync(access.NetworkId, access.UserId!.Value) is { } profile) Input.ComuneId = profile.ComuneId;
        Input.HandOver = HandOverMode.AtHome;
        if (scambio is { } swap && SwapOptions.Any(o => o.Value == swap.ToString())) { Input.Kind = PostKind.Swap; Input.SwapPostId = swap; }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await access.IsMemberAsync()) return NotFound();
        // The binder's own complaints ("xyz" for a number) become Italian messages; a required field left empty keeps its
        // own message; the rules below add the rest.
        foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
        {
            if (string.IsNullOrWhiteSpace(ModelState[key]!.AttemptedValue)) continue;
            ModelState[key]!.Errors.Clear();
            ModelState.AddModelError(key, Tr.Get("Valore non valido: correggetelo."));
        }
        var result = await publish.RunAsync(access.NetworkId, access.UserId!.Value, Input, Photos);
        foreach (var (key, message) in result.Errors)
        {
            var field = key is "" or "Photos" ? key : $"Input.{key}";
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field, message);
        }
        if (!ModelState.IsValid || result.Id is null)
        {
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = result.Moderated
            ? Tr.Get("Annuncio inviato: lo pubblicherà un moderatore della rete dopo un controllo (di solito entro un giorno).")
            : Tr.Get("Annuncio pubblicato.");
        return Redirect($"/condividi/{result.Id}");
    }
}
