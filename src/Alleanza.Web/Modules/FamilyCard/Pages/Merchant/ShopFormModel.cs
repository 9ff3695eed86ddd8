using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

/// <summary>What the new and edit shop pages share: the form, its choices and its validation.</summary>
public abstract class ShopFormModel(Shops shops, CurrentNetwork current, AppDbContext db) : PageModel
{
    [BindProperty] public ShopForm Input { get; set; } = new();
    public List<SelectListItem> Merchants { get; private set; } = [];
    public List<SelectListItem> Comuni { get; private set; } = [];
    public static List<SelectListItem> Categories => Enum.GetValues<ShopCategory>().Select(c => new SelectListItem(ShopCategories.Label(c), c.ToString())).ToList();

    protected Shops ShopsHandler => shops;

    protected async Task LoadChoicesAsync()
    {
        Merchants = (await shops.MerchantsAsync()).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
        Comuni = await db.ComuneSelectListAsync(current.Id);
    }

    protected async Task<bool> ValidateAsync()
    {
        foreach (var (key, message) in await shops.ValidateAsync(Input)) ModelState.AddModelError($"{nameof(Input)}.{key}", message);
        if (ModelState.IsValid) return true;
        await LoadChoicesAsync();
        return false;
    }
}
