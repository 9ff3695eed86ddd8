using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>
/// Base of the pages of one plan: finds the plan in the current network and checks the person's scope.
/// Unknown plans and plans the person may not read answer 404; pages that change the plan need a coordinator.
/// </summary>
public abstract class PlanPageModel(AppDbContext db, PlanViews views, CurrentAccess access, CurrentNetwork network) : PageModel
{
    protected AppDbContext Db => db;
    protected PlanViews Views => views;
    protected CurrentNetwork Network => network;
    public PlanScope Scope { get; private set; } = default!;
    public FamilyPlan Plan { get; private set; } = default!;
    public string? PlanComune { get; private set; }

    /// <summary>Null when the page may go on; otherwise the answer (404, or access denied).</summary>
    protected async Task<IActionResult?> ResolveAsync(Guid planId, bool manage)
    {
        var scope = await PlanScope.ForAsync(access, network);
        if (scope is null) return Forbid();
        var plan = await views.FindAsync(network.Id, planId);
        if (plan is null || !scope.CanRead(plan)) return NotFound();
        if (manage && !scope.Manages) return Forbid();
        Scope = scope;
        Plan = plan;
        PlanComune = plan.ComuneId is Guid c ? await db.Comuni.AsNoTracking().Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync() : null;
        return null;
    }

    public string PlanUrl => $"/gestione/piano/{Plan.Id}";

    /// <summary>Errors of a use case, shown on the form's fields (prefix "Input").</summary>
    protected void AddErrors(Dictionary<string, string> errors, string prefix = "Input")
    {
        foreach (var (field, message) in errors) ModelState.AddModelError($"{prefix}.{field}", message);
    }

    // ---------- Choices (ids become text here, not in SQL: SQLite spells them in capitals) ----------

    protected async Task<List<SelectListItem>> AreasAsync() =>
        (await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == network.Id).OrderBy(a => a.Order).Select(a => new { a.Id, a.Name }).ToListAsync())
        .Select(a => new SelectListItem(Tr.Get(a.Name), a.Id.ToString())).ToList();

    protected Task<List<SelectListItem>> ComuniAsync() => db.ComuneSelectListAsync(network.Id);

    protected async Task<List<SelectListItem>> PartnersAsync() =>
        (await db.Partners.AsNoTracking().Where(p => p.NetworkId == network.Id).OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync())
        .Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();

    protected async Task<List<SelectListItem>> ObjectivesAsync() =>
        (await db.PlanObjectives.AsNoTracking().Where(o => o.PlanId == Plan.Id).OrderBy(o => o.Order).ThenBy(o => o.Title).Select(o => new { o.Id, o.Title }).ToListAsync())
        .Select(o => new SelectListItem(o.Title, o.Id.ToString())).ToList();

    public static List<SelectListItem> Choices<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(PlanLabels.Text(v), v.ToString())).ToList();

    /// <summary>Status choices as numbers (the status forms post the number).</summary>
    public static List<SelectListItem> StatusChoices<T>(T current) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => !v.Equals(current)).Select(v => new SelectListItem(PlanLabels.Text(v), Convert.ToInt32(v).ToString())).ToList();
}
