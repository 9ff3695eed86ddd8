using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class ShopNewModel(Shops shops, CurrentNetwork current, AppDbContext db) : ShopFormModel(shops, current, db)
{
    public async Task OnGetAsync()
    {
        await LoadChoicesAsync();
        if (Merchants.Count == 1) Input.PartnerId = Guid.Parse(Merchants[0].Value);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ValidateAsync()) return Page();
        var shop = await ShopsHandler.CreateAsync(Input);
        TempData["Message"] = Tr.Get("Negozio «{0}» salvato.", shop.Name);
        return Redirect($"/esercente/negozi/{shop.Id}");
    }
}
