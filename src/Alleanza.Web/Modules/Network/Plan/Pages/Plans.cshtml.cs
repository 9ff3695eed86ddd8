using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>The network's Piano Family plans (an officer sees the network's and their Comune's) and, for coordinators, a new plan.</summary>
public class PlansModel(AppDbContext db, PlanProgress progress, PlanEditing editing, CurrentAccess access, CurrentNetwork network, TimeProvider clock) : PageModel
{
    [BindProperty] public PlanForm Input { get; set; } = new();
    public IReadOnlyList<PlanProgress.PlanSummary> Plans { get; private set; } = [];
    public List<SelectListItem> Comuni { get; private set; } = [];
    public bool Manages { get; private set; }

    async Task<PlanScope?> LoadAsync()
    {
        var scope = await PlanScope.ForAsync(access, network);
        if (scope is null) return null;
        Manages = scope.Manages;
        var all = await progress.ForNetworkAsync(network.Id, scope.Manages ? null : scope.OfficerComuneId);
        Plans = all;
        Comuni = await db.ComuneSelectListAsync(network.Id);
        return scope;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null) return Forbid();
        Input.StartYear ??= Platform.RomeTime.Today(clock).Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scope = await LoadAsync();
        if (scope is null || !scope.Manages) return Forbid();
        if (ModelState.IsValid)
            foreach (var (k, v) in await editing.ValidateAsync(network.Id, Input)) ModelState.AddModelError($"Input.{k}", v);
        if (!ModelState.IsValid) return Page();
        var plan = await editing.CreatePlanAsync(scope, Input);
        TempData["Message"] = Tr.Get("Piano creato: ora aggiungi gli obiettivi per area.");
        return Redirect($"/gestione/piano/{plan.Id}");
    }
}
