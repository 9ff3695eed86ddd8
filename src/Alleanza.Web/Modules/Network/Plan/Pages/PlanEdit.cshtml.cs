using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>Edits a plan's title, years, Comune and description, or deletes it (coordinators).</summary>
public class PlanEditModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public PlanForm Input { get; set; } = new();
    /// <summary>The box to tick before deleting (the confirmation without JavaScript).</summary>
    [BindProperty] public bool Confirm { get; set; }
    public List<SelectListItem> Comuni { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        Input = new PlanForm { Title = Plan.Title, StartYear = Plan.StartYear, ComuneId = Plan.ComuneId, Description = Plan.Description };
        Comuni = await ComuniAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        ModelState.KeepOnly(nameof(Input));
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Network.Id, Input));
        if (!ModelState.IsValid) { Comuni = await ComuniAsync(); return Page(); }
        await editing.UpdatePlanAsync(Scope, Plan.Id, Input);
        TempData["Message"] = Tr.Get("Piano salvato.");
        return Redirect(PlanUrl);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), Tr.Get("Per eliminare il piano spunta la casella di conferma."));
            Input = new PlanForm { Title = Plan.Title, StartYear = Plan.StartYear, ComuneId = Plan.ComuneId, Description = Plan.Description };
            Comuni = await ComuniAsync();
            return Page();
        }
        await editing.DeletePlanAsync(Scope, Plan.Id);
        TempData["Message"] = Tr.Get("Piano «{0}» eliminato.", Plan.Title);
        return Redirect("/gestione/piano");
    }
}
