using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class OfferNewModel(Offers offers, Shops shops, Reciprocity reciprocity, CurrentNetwork current) : OfferFormModel(offers, shops, reciprocity, current)
{
    public async Task OnGetAsync()
    {
        await LoadChoicesAsync();
        if (Merchants.Count == 1) Input.PartnerId = Guid.Parse(Merchants[0].Value);
        Input.Kind = DiscountKind.Percent;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ValidateAsync()) return Page();
        var offer = await OffersHandler.CreateAsync(Input);
        TempData["Message"] = Tr.Get("Bozza salvata. Quando è pronta, inviala al coordinatore per la pubblicazione.");
        return Redirect($"/esercente/convenzioni/{offer.Id}");
    }
}
