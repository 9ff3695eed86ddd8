using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

/// <summary>The network's areas (the six of the seeds by default): rename, reorder, add, remove when unused.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class AreasModel(AppDbContext db, CurrentNetwork network, AuditLog audit) : PageModel
{
    public sealed record Row(Guid Id, string Code, string Name, int Order, int Opportunities);

    public sealed class AreaForm
    {
        [Display(Name = "Nome dell'area"), Required(ErrorMessage = "Scrivete il nome dell'area."), StringLength(120, ErrorMessage = "Il nome può avere al massimo 120 caratteri.")]
        public string? Name { get; set; }
    }

    [BindProperty] public AreaForm NewArea { get; set; } = new();
    public List<Row> Areas { get; private set; } = [];

    async Task LoadAsync() =>
        Areas = await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == network.Id).OrderBy(a => a.Order).ThenBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Code, a.Name, a.Order, db.Opportunities.Count(o => o.AreaId == a.Id))).ToListAsync();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        ModelState.KeepOnly(nameof(NewArea));
        await LoadAsync();
        var name = Text.Clean(NewArea.Name);
        if (ModelState.IsValid && name is not null)
        {
            var code = Text.Slug(name);
            if (code.Length == 0) ModelState.AddModelError("NewArea.Name", Tr.Get("Il nome deve contenere lettere o cifre."));
            else if (code.Length > 60) code = code[..60];
            if (Areas.Any(a => a.Code == code || string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
                ModelState.AddModelError("NewArea.Name", Tr.Get("C'è già un'area con questo nome."));
            if (ModelState.IsValid)
            {
                db.NetworkAreas.Add(new NetworkArea { Id = Guid.NewGuid(), NetworkId = network.Id, Code = code, Name = name, Order = Areas.Count == 0 ? 0 : Areas.Max(a => a.Order) + 1 });
                audit.Add("area.added", "NetworkArea", code, name, network.Id);
                await db.SaveChangesAsync();
                TempData["Message"] = Tr.Get("Area «{0}» aggiunta.", name);
                return RedirectToPage();
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid areaId, string? name)
    {
        var area = await db.NetworkAreas.FirstOrDefaultAsync(a => a.Id == areaId && a.NetworkId == network.Id);
        if (area is null) return NotFound();
        name = Text.Clean(name);
        string? error = name is null ? Tr.Get("Scrivete il nome dell'area.") : name.Length > 120 ? Tr.Get("Il nome può avere al massimo 120 caratteri.")
            : await db.NetworkAreas.AnyAsync(a => a.NetworkId == network.Id && a.Id != areaId && a.Name.ToLower() == name.ToLower()) ? Tr.Get("C'è già un'area con questo nome.") : null;
        if (error is not null) { TempData["Error"] = error; return RedirectToPage(); }
        audit.Add("area.renamed", "NetworkArea", area.Code, $"{area.Name} → {name}", network.Id);
        area.Name = name!; // the code stays: links and filters that use it keep working
        await db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Area rinominata in «{0}».", name);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid areaId, int by)
    {
        var areas = await db.NetworkAreas.Where(a => a.NetworkId == network.Id).OrderBy(a => a.Order).ThenBy(a => a.Name).ToListAsync();
        var index = areas.FindIndex(a => a.Id == areaId);
        if (index < 0) return NotFound();
        var other = index + Math.Sign(by);
        if (other >= 0 && other < areas.Count)
        {
            (areas[index], areas[other]) = (areas[other], areas[index]);
            for (var i = 0; i < areas.Count; i++) areas[i].Order = i;
            await db.SaveChangesAsync();
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid areaId)
    {
        var area = await db.NetworkAreas.FirstOrDefaultAsync(a => a.Id == areaId && a.NetworkId == network.Id);
        if (area is null) return NotFound();
        var used = await db.Opportunities.CountAsync(o => o.AreaId == areaId);
        if (used > 0) { TempData["Error"] = Tr.Get("L'area «{0}» ha {1} opportunità: spostatele in un'altra area prima di toglierla.", area.Name, used); return RedirectToPage(); }
        db.NetworkAreas.Remove(area);
        audit.Add("area.deleted", "NetworkArea", area.Code, area.Name, network.Id);
        await db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Area «{0}» tolta.", area.Name);
        return RedirectToPage();
    }
}
