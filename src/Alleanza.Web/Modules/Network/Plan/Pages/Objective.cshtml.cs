using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>A new objective of a plan (coordinators).</summary>
public class ObjectiveNewModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public ObjectiveForm Input { get; set; } = new();
    public List<SelectListItem> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        Areas = await AreasAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Network.Id, Input));
        if (!ModelState.IsValid) { Areas = await AreasAsync(); return Page(); }
        var o = await editing.AddObjectiveAsync(Scope, Plan.Id, Input);
        TempData["Message"] = Tr.Get("Obiettivo aggiunto.");
        return Redirect($"{PlanUrl}#obiettivo-{o.Id}");
    }
}

/// <summary>Edits an objective, changes its status (kept in the history) or deletes it with its actions and indicators (coordinators).</summary>
public class ObjectiveEditModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public ObjectiveForm Input { get; set; } = new();
    [BindProperty] public StatusForm StatusInput { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    public List<SelectListItem> Areas { get; private set; } = [];
    public PlanObjective Objective { get; private set; } = default!;

    async Task<IActionResult?> FindAsync(Guid id, Guid objectiveId)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        var o = await Db.PlanObjectives.AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectiveId && x.PlanId == Plan.Id);
        if (o is null) return NotFound();
        Objective = o;
        Areas = await AreasAsync();
        return null;
    }

    void Fill() => Input = new ObjectiveForm { AreaId = Objective.AreaId, Title = Objective.Title, Description = Objective.Description, Order = Objective.Order };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid objectiveId)
    {
        if (await FindAsync(id, objectiveId) is { } r) return r;
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid objectiveId)
    {
        if (await FindAsync(id, objectiveId) is { } r) return r;
        ModelState.KeepOnly(nameof(Input));
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Network.Id, Input));
        if (!ModelState.IsValid) return Page();
        await editing.UpdateObjectiveAsync(Scope, Objective, Input);
        TempData["Message"] = Tr.Get("Obiettivo salvato.");
        return Redirect($"{PlanUrl}#obiettivo-{Objective.Id}");
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid objectiveId)
    {
        if (await FindAsync(id, objectiveId) is { } r) return r;
        ModelState.KeepOnly(nameof(StatusInput));
        if (ModelState.IsValid)
        {
            var error = await editing.ChangeStatusAsync(Scope, Plan.Id, PlanSubject.Objective, Objective.Id, StatusInput.Status!.Value, StatusInput.Note);
            if (error is null)
            {
                TempData["Message"] = Tr.Get("Stato dell'obiettivo aggiornato.");
                return Redirect($"{PlanUrl}#obiettivo-{Objective.Id}");
            }
            ModelState.AddModelError("StatusInput.Status", error);
        }
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid objectiveId)
    {
        if (await FindAsync(id, objectiveId) is { } r) return r;
        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), Tr.Get("Per eliminare l'obiettivo spunta la casella di conferma."));
            Fill();
            return Page();
        }
        await editing.DeleteObjectiveAsync(Scope, Objective);
        TempData["Message"] = Tr.Get("Obiettivo «{0}» eliminato.", Objective.Title);
        return Redirect(PlanUrl);
    }
}
