using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

/// <summary>What the new-partner and edit-partner pages share: the form, its choices and its validation.</summary>
public abstract class PartnerFormModel(PartnerDirectory partners, CurrentNetwork current, AppDbContext db) : PageModel
{
    /// <summary>The services the form needs; derived pages use these rather than capturing their own copies.</summary>
    protected PartnerDirectory Partners { get; } = partners;
    protected CurrentNetwork Current { get; } = current;
    protected AppDbContext Db { get; } = db;

    [BindProperty] public PartnerForm Input { get; set; } = new();
    public List<SelectListItem> KindOptions => Enum.GetValues<PartnerKind>().Select(k => new SelectListItem(PartnerKinds.Label(k), k.ToString())).ToList();
    public List<SelectListItem> ComuneOptions { get; private set; } = [];

    protected async Task LoadChoicesAsync() =>
        ComuneOptions = await Db.Comuni.AsNoTracking().Where(c => c.NetworkId == Current.Id).OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync();

    /// <summary>Validates the form (field attributes plus Comuni of this network); false re-renders with messages.</summary>
    protected async Task<bool> ValidateAsync()
    {
        foreach (var (key, message) in await Partners.ValidateComuniAsync(Current.Id, Input))
            ModelState.AddModelError($"{nameof(Input)}.{key}", message);
        if (ModelState.IsValid) return true;
        await LoadChoicesAsync();
        return false;
    }
}
