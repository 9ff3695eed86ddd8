using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

public class ShopDeleteModel(Shops shops) : PageModel
{
    public Shop Shop { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await shops.FindEditableAsync(id) is not { } shop) return NotFound();
        Shop = shop;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await shops.FindEditableAsync(id) is not { } shop) return NotFound();
        await shops.DeleteAsync(shop);
        TempData["Message"] = Tr.Get("Negozio «{0}» eliminato.", shop.Name);
        return Redirect("/esercente");
    }
}
