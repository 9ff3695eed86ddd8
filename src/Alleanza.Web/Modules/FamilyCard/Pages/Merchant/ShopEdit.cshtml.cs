using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class ShopEditModel(Shops shops, CurrentNetwork current, AppDbContext db) : ShopFormModel(shops, current, db)
{
    public Shop Shop { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ShopsHandler.FindEditableAsync(id) is not { } shop) return NotFound();
        Shop = shop;
        Input = Shops.FormFrom(shop);
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ShopsHandler.FindEditableAsync(id) is not { } shop) return NotFound();
        Shop = shop;
        if (!await ValidateAsync()) return Page();
        await ShopsHandler.UpdateAsync(shop, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/esercente/negozi/{id}");
    }
}
