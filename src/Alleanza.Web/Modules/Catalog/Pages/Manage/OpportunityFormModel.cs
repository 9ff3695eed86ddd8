using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

/// <summary>What the new and edit pages share: the form, its choices and its validation.</summary>
public abstract class OpportunityFormModel(Publishing publishing, CurrentNetwork current, AppDbContext db) : PageModel
{
    /// <summary>The services the form needs; derived pages use these rather than capturing their own copies.</summary>
    protected Publishing Publishing { get; } = publishing;
    protected CurrentNetwork Current { get; } = current;
    protected AppDbContext Db { get; } = db;

    [BindProperty] public OpportunityForm Input { get; set; } = new();
    public List<SelectListItem> Publishers { get; private set; } = [];
    public List<SelectListItem> Areas { get; private set; } = [];
    public List<SelectListItem> Comuni { get; private set; } = [];
    public static List<SelectListItem> Kinds => Enum.GetValues<OpportunityKind>().Select(k => new SelectListItem(CatalogLabels.Kind(k), k.ToString())).ToList();
    public static List<SelectListItem> Costs => Enum.GetValues<CostKind>().Select(k => new SelectListItem(CatalogLabels.Cost(k), k.ToString())).ToList();

    protected async Task LoadChoicesAsync()
    {
        Publishers = (await Publishing.PublishersAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        Areas = await Db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == Current.Id).OrderBy(a => a.Order).Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync();
        foreach (var area in Areas) area.Text = Tr.Get(area.Text); // the default areas have their translations
        Comuni = await Db.Comuni.AsNoTracking().Where(c => c.NetworkId == Current.Id).OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync();
    }

    protected async Task<bool> ValidateAsync()
    {
        foreach (var (key, message) in await Publishing.ValidateAsync(Input)) ModelState.AddModelError($"{nameof(Input)}.{key}", message);
        if (ModelState.IsValid) return true;
        await LoadChoicesAsync();
        return false;
    }
}
