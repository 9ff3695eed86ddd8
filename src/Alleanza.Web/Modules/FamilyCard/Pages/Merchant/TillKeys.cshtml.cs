using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

/// <summary>Keys for the shop's till (verification API): made here, shown once, stored as a hash, revocable.</summary>
public class TillKeysModel(AppDbContext db, CurrentAccess access, CurrentNetwork network, TimeProvider clock, AuditLog audit, IMemoryCache cache) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Partner, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt);

    [BindProperty, Display(Name = "Nome della chiave (es. «cassa 1»)")] public string? Name { get; set; }
    [BindProperty, Display(Name = "Esercizio")] public Guid? PartnerId { get; set; }
    public List<Row> Keys { get; private set; } = [];
    public List<SelectListItem> Partners { get; private set; } = [];
    public string? NewKey { get; private set; }

    async Task<IReadOnlyList<Guid>> LoadAsync()
    {
        var partners = await access.PartnersHereAsync(NetworkRole.Merchant);
        Partners = await db.Partners.AsNoTracking().Where(p => partners.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync();
        Keys = await db.PartnerApiKeys.AsNoTracking().Where(k => partners.Contains(k.PartnerId) && k.RevokedAt == null).OrderBy(k => k.CreatedAt)
            .Select(k => new Row(k.Id, k.Name, db.Partners.Where(p => p.Id == k.PartnerId).Select(p => p.Name).First(), k.Prefix, k.CreatedAt, k.LastUsedAt)).ToListAsync();
        return partners;
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var partners = await LoadAsync();
        var partner = PartnerId ?? (partners.Count == 1 ? partners[0] : Guid.Empty);
        if (!partners.Contains(partner)) ModelState.AddModelError(nameof(PartnerId), Tr.Get("Scegliete l'esercizio."));
        var name = Text.Clean(Name);
        if (name is null) ModelState.AddModelError(nameof(Name), Tr.Get("Date un nome alla chiave, per riconoscerla."));
        else if (name.Length > 100) ModelState.AddModelError(nameof(Name), Tr.Get("Il nome può avere al massimo 100 caratteri."));
        if (!ModelState.IsValid) return Page();
        var key = CardApi.NewKey();
        var row = new PartnerApiKey
        {
            Id = Guid.NewGuid(), NetworkId = network.Id, PartnerId = partner, Name = name!, Prefix = key[..10], KeyHash = CardApi.Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = access.UserId,
        };
        db.PartnerApiKeys.Add(row);
        audit.Add("till-key.created", "PartnerApiKey", row.Id, name, network.Id);
        await db.SaveChangesAsync();
        await LoadAsync();
        NewKey = key;
        Name = null;
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId)
    {
        var partners = await access.PartnersHereAsync(NetworkRole.Merchant);
        var key = await db.PartnerApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && partners.Contains(k.PartnerId));
        if (key is null) return NotFound();
        // A conditional update: two revocations at once (a double click) make one, and the other is told.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.RevokedAt is not null || await db.PartnerApiKeys.Where(k => k.Id == key.Id && k.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.Version, k => k.Version + 1)) == 0)
        {
            TempData["Message"] = Tr.Get("La chiave «{0}» era già revocata.", key.Name);
            return RedirectToPage();
        }
        audit.Add("till-key.revoked", "PartnerApiKey", key.Id, key.Name, network.Id);
        await db.SaveChangesAsync();
        CardApi.Forget(cache, key.KeyHash);
        TempData["Message"] = Tr.Get("Chiave «{0}» revocata: la cassa che la usa non può più verificare.", key.Name);
        return RedirectToPage();
    }
}
