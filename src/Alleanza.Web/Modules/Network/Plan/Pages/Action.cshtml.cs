using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>A new action of a plan (coordinators). <c>?obiettivo=</c> chooses the objective.</summary>
public class ActionNewModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public ActionForm Input { get; set; } = new();
    public List<SelectListItem> Objectives { get; private set; } = [];
    public List<SelectListItem> Partners { get; private set; } = [];

    async Task ChoicesAsync() { Objectives = await ObjectivesAsync(); Partners = await PartnersAsync(); }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "obiettivo")] Guid? objective)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        await ChoicesAsync();
        if (objective is Guid o && Objectives.Any(x => x.Value == o.ToString())) Input.ObjectiveId = o;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Network.Id, Plan.Id, Input));
        if (!ModelState.IsValid) { await ChoicesAsync(); return Page(); }
        var a = await editing.AddActionAsync(Scope, Plan.Id, Input);
        TempData["Message"] = Tr.Get("Azione aggiunta.");
        return Redirect($"{PlanUrl}#azione-{a.Id}");
    }
}

/// <summary>Edits an action, changes its status (kept in the history) or deletes it (coordinators).</summary>
public class ActionEditModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public ActionForm Input { get; set; } = new();
    [BindProperty] public StatusForm StatusInput { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    public List<SelectListItem> Objectives { get; private set; } = [];
    public List<SelectListItem> Partners { get; private set; } = [];
    public PlanAction Action { get; private set; } = default!;

    async Task<IActionResult?> FindAsync(Guid id, Guid actionId)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        var a = await Db.PlanActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == actionId && x.PlanId == Plan.Id);
        if (a is null) return NotFound();
        Action = a;
        Objectives = await ObjectivesAsync();
        Partners = await PartnersAsync();
        return null;
    }

    void Fill() => Input = new ActionForm
    {
        ObjectiveId = Action.ObjectiveId, Title = Action.Title, Description = Action.Description, ResponsiblePartnerId = Action.ResponsiblePartnerId,
        Budget = Action.Budget, StartDate = Action.StartDate, EndDate = Action.EndDate,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid actionId)
    {
        if (await FindAsync(id, actionId) is { } r) return r;
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid actionId)
    {
        if (await FindAsync(id, actionId) is { } r) return r;
        ModelState.KeepOnly(nameof(Input));
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Network.Id, Plan.Id, Input));
        if (!ModelState.IsValid) return Page();
        await editing.UpdateActionAsync(Scope, Action, Input);
        TempData["Message"] = Tr.Get("Azione salvata.");
        return Redirect($"{PlanUrl}#azione-{Action.Id}");
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid actionId)
    {
        if (await FindAsync(id, actionId) is { } r) return r;
        ModelState.KeepOnly(nameof(StatusInput));
        if (ModelState.IsValid)
        {
            var error = await editing.ChangeStatusAsync(Scope, Plan.Id, PlanSubject.Action, Action.Id, StatusInput.Status!.Value, StatusInput.Note);
            if (error is null)
            {
                TempData["Message"] = Tr.Get("Stato dell'azione aggiornato.");
                return Redirect($"{PlanUrl}#azione-{Action.Id}");
            }
            ModelState.AddModelError("StatusInput.Status", error);
        }
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid actionId)
    {
        if (await FindAsync(id, actionId) is { } r) return r;
        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), Tr.Get("Per eliminare l'azione spunta la casella di conferma."));
            Fill();
            return Page();
        }
        await editing.DeleteActionAsync(Scope, Action);
        TempData["Message"] = Tr.Get("Azione «{0}» eliminata.", Action.Title);
        return Redirect(PlanUrl);
    }
}
