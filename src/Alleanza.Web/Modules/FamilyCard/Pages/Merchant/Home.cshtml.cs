using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class MerchantHomeModel(Shops shops, Offers offers) : PageModel
{
    public List<(Guid Id, string Name)> Merchants { get; private set; } = [];
    public List<ShopRow> Shops { get; private set; } = [];
    public List<OfferRow> Offers { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Merchants = await shops.MerchantsAsync();
        if (Merchants.Count == 0) return;
        Shops = await shops.MineAsync();
        Offers = await offers.MineAsync();
    }
}
