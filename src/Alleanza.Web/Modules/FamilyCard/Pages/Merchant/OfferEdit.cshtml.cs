using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class OfferEditModel(Offers offers, Shops shops, Reciprocity reciprocity, CurrentNetwork current) : OfferFormModel(offers, shops, reciprocity, current)
{
    public Offer Offer { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await OffersHandler.FindEditableAsync(id) is not { } offer) return false;
        Offer = offer;
        await LoadChoicesAsync();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = Offers.FormFrom(Offer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!await ValidateAsync()) return Page();
        var wasPublished = Offer.Status == OfferStatus.Published;
        await OffersHandler.UpdateAsync(Offer, Input);
        TempData["Message"] = wasPublished ? Tr.Get("Modifiche salvate: la convenzione torna al coordinatore per l'approvazione.") : Tr.Get("Modifiche salvate.");
        return Redirect($"/esercente/convenzioni/{id}");
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => ActAsync(id, () => OffersHandler.SubmitAsync(Offer), Tr.Get("Inviata al coordinatore per l'approvazione."));
    public Task<IActionResult> OnPostWithdrawAsync(Guid id) => ActAsync(id, () => OffersHandler.WithdrawAsync(Offer), Tr.Get("Convenzione ritirata: non compare più sulla pagina della Carta Famiglia."));

    async Task<IActionResult> ActAsync(Guid id, Func<Task<OfferOutcome>> action, string done)
    {
        if (await OffersHandler.FindEditableAsync(id) is not { } offer) return NotFound();
        Offer = offer;
        var outcome = await action();
        TempData["Message"] = outcome == OfferOutcome.Done ? done : Tr.Get("Non si può fare ora: la convenzione è «{0}».", OfferLabels.Status(Offer.Status));
        return Redirect($"/esercente/convenzioni/{id}");
    }
}
