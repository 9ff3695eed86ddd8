using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

public class OffersReviewModel(Offers offers, AppDbContext db) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Scrivi perché la rimandi: l'esercente leggerà la motivazione."),
     StringLength(2000, MinimumLength = 5, ErrorMessage = "La motivazione deve avere tra 5 e 2000 caratteri."), Display(Name = "Motivazione")]
    public string? Reason { get; set; }

    public Offer Offer { get; private set; } = default!;
    public string Partner { get; private set; } = "";
    public List<string> AcceptedNetworks { get; private set; } = [];
    public List<string> Shops { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await offers.FindForModerationAsync(id) is not { } offer) return false;
        Offer = offer;
        Partner = await db.Partners.AsNoTracking().Where(p => p.Id == offer.PartnerId).Select(p => p.Name).FirstAsync();
        var networkIds = offer.AcceptedNetworks.Select(n => n.NetworkId).ToList();
        AcceptedNetworks = await db.Networks.AsNoTracking().Where(n => networkIds.Contains(n.Id)).OrderBy(n => n.Name).Select(n => n.Name).ToListAsync();
        Shops = await db.Shops.AsNoTracking().Where(s => s.PartnerId == offer.PartnerId && s.NetworkId == offer.NetworkId).OrderBy(s => s.NameKey)
            .Join(db.Comuni, s => s.ComuneId, c => c.Id, (s, c) => s.Name + ", " + s.Address + ", " + c.Name).ToListAsync();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await offers.ApproveAsync(Offer);
        TempData["Message"] = outcome == OfferOutcome.Done ? Tr.Get("Convenzione «{0}» approvata e pubblicata.", Offer.Title) : Tr.Get("Non si può approvare: la convenzione è «{0}».", OfferLabels.Status(Offer.Status));
        return Redirect("/gestione/carta-famiglia/convenzioni");
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await offers.RejectAsync(Offer, Reason!);
        TempData["Message"] = outcome == OfferOutcome.Done ? Tr.Get("Convenzione «{0}» rimandata all'esercente con la motivazione.", Offer.Title) : Tr.Get("Non si può rimandare: la convenzione è «{0}».", OfferLabels.Status(Offer.Status));
        return Redirect("/gestione/carta-famiglia/convenzioni");
    }
}
