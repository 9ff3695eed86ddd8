using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

/// <summary>The coordinator's view of every till key of the network: who has one, when it was last used, and revocation.</summary>
public class NetworkTillKeysModel(AppDbContext db, CurrentNetwork network, TimeProvider clock, AuditLog audit, IMemoryCache cache) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Name, string Partner, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool HasMerchant);

    [BindProperty(SupportsGet = true, Name = "revocate")] public bool ShowRevoked { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Row> Keys { get; private set; } = new([], 0, 1, PageSize);
    public Pager Pager => new(Keys.Page, Keys.Pages, Keys.Total, "/gestione/carta-famiglia/chiavi-cassa", Request.Query);

    public async Task OnGetAsync()
    {
        var keys = db.PartnerApiKeys.AsNoTracking().Where(k => k.NetworkId == network.Id && (ShowRevoked || k.RevokedAt == null));
        var total = await keys.CountAsync();
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var page = Math.Clamp(PageNumber, 1, pages);
        var rows = await keys.OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.LastUsedAt ?? k.CreatedAt).ThenBy(k => k.Id)
            .PageOf(page, PageSize)
            .Select(k => new Row(k.Id, k.Name, db.Partners.Where(p => p.Id == k.PartnerId).Select(p => p.Name).First(), k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt,
                db.Memberships.Any(m => m.PartnerId == k.PartnerId && m.NetworkId == k.NetworkId && m.Role == NetworkRole.Merchant)))
            .ToListAsync();
        Keys = new Paged<Row>(rows, total, page, PageSize);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId)
    {
        var key = await db.PartnerApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.NetworkId == network.Id);
        if (key is null) return NotFound();
        if (key.RevokedAt is not null)
        {
            TempData["Message"] = Tr.Get("La chiave «{0}» era già revocata.", key.Name);
            return Redirect("/gestione/carta-famiglia/chiavi-cassa");
        }
        // A conditional update: two revocations at once (a double click, two coordinators) make one, and the other is told.
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.PartnerApiKeys.Where(k => k.Id == key.Id && k.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.Version, k => k.Version + 1)) == 0)
        {
            TempData["Message"] = Tr.Get("La chiave «{0}» era già revocata.", key.Name);
            return Redirect("/gestione/carta-famiglia/chiavi-cassa");
        }
        audit.Add("till-key.revoked", "PartnerApiKey", key.Id, $"{key.Name} (dal coordinamento)", network.Id);
        await db.SaveChangesAsync();
        CardApi.Forget(cache, key.KeyHash);
        TempData["Message"] = Tr.Get("Chiave «{0}» revocata: la cassa che la usa non può più verificare le carte.", key.Name);
        return Redirect("/gestione/carta-famiglia/chiavi-cassa");
    }
}
