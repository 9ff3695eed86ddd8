using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

/// <summary>What the new and edit offer pages share: the form, its choices and its validation.</summary>
public abstract class OfferFormModel(Offers offers, Shops shops, Reciprocity reciprocity, CurrentNetwork current) : PageModel
{
    [BindProperty] public OfferForm Input { get; set; } = new();
    public List<SelectListItem> Merchants { get; private set; } = [];
    /// <summary>Networks in mutual reciprocity with this one: the only ones an offer may accept.</summary>
    public List<NetworkInfo> OtherNetworks { get; private set; } = [];
    public static List<SelectListItem> Kinds => Enum.GetValues<DiscountKind>().Select(k => new SelectListItem(OfferLabels.Kind(k), k.ToString())).ToList();

    protected Offers OffersHandler => offers;

    protected async Task LoadChoicesAsync()
    {
        Merchants = (await shops.MerchantsAsync()).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
        OtherNetworks = await reciprocity.MutualAsync(current.Id);
    }

    protected async Task<bool> ValidateAsync()
    {
        foreach (var (key, message) in await offers.ValidateAsync(Input)) ModelState.AddModelError($"{nameof(Input)}.{key}", message);
        if (ModelState.IsValid) return true;
        await LoadChoicesAsync();
        return false;
    }
}
