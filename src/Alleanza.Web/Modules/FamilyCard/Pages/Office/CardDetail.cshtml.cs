using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Office;

/// <summary>One card: suspend, reactivate, revoke, replace when lost, renew — each with a reason kept in the audit log.</summary>
public class CardDetailModel(AppDbContext db, CardApplications applications, CurrentAccess access, CurrentNetwork network, TimeProvider clock, Platform.Audit.PersonalDataReads reads) : PageModel
{
    public Card Card { get; private set; } = default!;
    public CardState State { get; private set; }
    public string Comune { get; private set; } = "";
    public int Redemptions { get; private set; }
    public int Devices { get; private set; }

    [BindProperty, Display(Name = "Motivo")] public string? Reason { get; set; }

    async Task<OfficeScope?> LoadAsync(Guid id)
    {
        var scope = await OfficeScopes.ForAsync(access, network);
        if (scope is null) return null;
        var card = await db.Cards.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (card is null || !scope.Covers(card.NetworkId, card.ComuneId)) return null;
        Card = card;
        State = card.StateAt(clock.GetUtcNow().UtcDateTime);
        Comune = await db.Comuni.Where(c => c.Id == card.ComuneId).Select(c => c.Name).FirstAsync();
        Redemptions = await db.Redemptions.CountAsync(r => r.CardId == card.Id);
        Devices = await db.CardDevices.CountAsync(d => d.CardId == card.Id && d.RevokedAt == null);
        return scope;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is null) return NotFound();
        var owner = await db.Households.Where(h => h.Id == Card.HouseholdId).Select(h => h.OwnerUserId).FirstAsync();
        await reads.RecordAsync($"ha aperto la Carta Famiglia n. {Card.Number} ({Card.HolderFirstName} {Card.HolderLastName})", owner is Guid o ? [o] : []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? azione)
    {
        var scope = await LoadAsync(id);
        if (scope is null) return NotFound();
        if (!Enum.TryParse<CardApplications.CardAction>(azione, true, out var action) || !Enum.IsDefined(action))
        {
            ModelState.AddModelError("", Tr.Get("Operazione sconosciuta."));
            return Page();
        }
        var (error, replacement) = await applications.ChangeCardAsync(id, scope, action, Reason);
        if (error is not null) { ModelState.AddModelError(nameof(Reason), error); return Page(); }
        TempData["Message"] = action switch
        {
            CardApplications.CardAction.Suspend => Tr.Get("Carta sospesa: da ora la verifica la rifiuta."),
            CardApplications.CardAction.Reactivate => Tr.Get("Carta riattivata."),
            CardApplications.CardAction.Revoke => Tr.Get("Carta revocata: da ora la verifica la rifiuta."),
            CardApplications.CardAction.Replace => Tr.Get("Nuova carta emessa; la vecchia non vale più."),
            _ => Tr.Get("Carta rinnovata."),
        };
        return Redirect($"/gestione/carta-famiglia/carte/{replacement ?? id}");
    }
}
