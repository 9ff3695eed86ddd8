using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

/// <summary>
/// The counter, phone-first: scan the QR (camera or photo, in the browser) or type the card number; the answer, the
/// shop's offers, and optionally the purchase recorded. Offline, the page checks the signature itself with the
/// published keys and checks revocation here as soon as it is back online (<see cref="OnPostStatusAsync"/>).
/// </summary>
public class VerifyModel(VerifyCard verify, AppDbContext db, CurrentAccess access, CurrentNetwork network, TimeProvider clock) : PageModel
{
    public sealed class VerifyForm
    {
        [Display(Name = "Codice della carta")] public string? Code { get; set; }
        [Display(Name = "Registra anche l'acquisto")] public bool Record { get; set; }
        [Display(Name = "Importo della spesa (€)")] public decimal? PurchaseAmount { get; set; }
        [Display(Name = "Convenzione applicata")] public Guid? OfferId { get; set; }
        [Display(Name = "Sconto applicato (€), se non calcolato dalla convenzione")] public decimal? DiscountAmount { get; set; }
        public string? IdempotencyKey { get; set; }
    }

    [BindProperty] public VerifyForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "negozio")] public Guid? ShopId { get; set; }

    public List<SelectListItem> Shops { get; private set; } = [];
    public List<SelectListItem> Offers { get; private set; } = [];
    public VerifyCard.ShopInfo? Shop { get; private set; }
    public VerifyResult? Result { get; private set; }

    Verifier? who;

    async Task<bool> LoadAsync()
    {
        if (!network.IsResolved || access.UserId is not Guid userId) return false;
        var partners = await access.PartnersHereAsync(NetworkRole.Merchant);
        who = new Verifier(network.Id, partners, userId, null, "user:" + userId, access.User.Identity?.Name);
        // Ids become text here, not in SQL: SQLite spells them in capitals, and the chosen shop would never match.
        Shops = (await db.Shops.AsNoTracking().Where(s => s.NetworkId == network.Id && partners.Contains(s.PartnerId)).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Address }).ToListAsync()).Select(s => new SelectListItem(s.Name + " — " + s.Address, s.Id.ToString())).ToList();
        var chosen = ShopId is Guid id && Shops.Any(s => s.Value == id.ToString()) ? id : Shops.Select(s => Guid.Parse(s.Value)).FirstOrDefault();
        if (chosen != Guid.Empty)
        {
            ShopId = chosen;
            Shop = await verify.ShopAsync(who, chosen);
            Offers = (await verify.OfferLinesAsync(Shop!, network.Id)).Select(o => new SelectListItem($"{o.Title} ({o.Discount})", o.Id.ToString())).ToList();
        }
        Input.IdempotencyKey = Guid.NewGuid().ToString("N");
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var key = Input.IdempotencyKey;
        if (!await LoadAsync()) return NotFound();
        if (Shop is null) { ModelState.AddModelError("", Tr.Get("Scegliete il negozio in cui siete.")); return Page(); }
        // An amount typed without ticking «Registra» would silently not be recorded: ask instead of guessing.
        if (!Input.Record && (Input.PurchaseAmount is not null || Input.DiscountAmount is not null || Input.OfferId is not null))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(VerifyForm.Record)}", "Avete scritto un importo o scelto una convenzione: spuntate «Registra anche l'acquisto», oppure svuotate quei campi.");
        if (!ModelState.IsValid) return Page();
        Result = await verify.RunAsync(who!, new VerifyRequest(Input.Code, Shop.Id, Input.Record, Input.PurchaseAmount, Input.DiscountAmount, Input.OfferId, key));
        if (Result is null) return NotFound();
        if (Result.Errors is { Count: > 0 } errors)
        {
            // A typing mistake is not a verdict on the card: the fields say what to fix, and no coloured block is shown.
            foreach (var (field, message) in errors) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            ModelState.Remove($"{nameof(Input)}.{nameof(VerifyForm.IdempotencyKey)}");
            Result = null;
            return Page();
        }
        // A verdict: a new form (new request id) for the next customer; the code is not kept.
        ModelState.Remove($"{nameof(Input)}.{nameof(VerifyForm.IdempotencyKey)}");
        ModelState.Remove($"{nameof(Input)}.{nameof(VerifyForm.Code)}");
        Input.Code = null;
        // A replayed code recorded nothing: the amounts stay for the code the family shows again.
        if (Result.Verdict == Verdict.Replayed) return Page();
        // The purchase was this customer's: the next one starts from empty amounts (ticking «Registra» stays as the merchant left it).
        foreach (var field in new[] { nameof(VerifyForm.PurchaseAmount), nameof(VerifyForm.OfferId), nameof(VerifyForm.DiscountAmount) })
            ModelState.Remove($"{nameof(Input)}.{field}");
        Input.PurchaseAmount = Input.DiscountAmount = null;
        Input.OfferId = null;
        return Page();
    }

    public sealed record StatusRequest(string? Code, long CheckedAt);

    /// <summary>Back online: the answer for a code checked offline at <c>CheckedAt</c> (signatures as then, card status as now).</summary>
    public async Task<IActionResult> OnPostStatusAsync([FromBody] StatusRequest? body)
    {
        if (!await LoadAsync() || Shop is null) return NotFound();
        var now = clock.GetUtcNow();
        if (body?.Code is null || body.CheckedAt > now.ToUnixTimeSeconds() + 60 || body.CheckedAt < now.AddDays(-7).ToUnixTimeSeconds())
            return BadRequest(new { message = Tr.Get("Controllo non valido.") });
        var result = await verify.RecheckAsync(who!, Shop.Id, body.Code, DateTimeOffset.FromUnixTimeSeconds(body.CheckedAt));
        return result is null ? NotFound() : new JsonResult(new { verdict = result.Verdict.ToString(), accepted = result.Accepted, message = result.Message, holder = result.Holder });
    }
}
