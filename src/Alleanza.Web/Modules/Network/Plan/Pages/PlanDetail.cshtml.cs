using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>
/// One plan: objectives by area with their progress, indicators (baseline, target, current), actions with the
/// responsible partner and budget, the timeline by quarter, the history of status changes. Coordinators change the
/// plan's status; coordinators and the officers of the plan's Comune change the actions' status.
/// </summary>
public class PlanDetailModel(AppDbContext db, PlanViews views, PlanEditing editing, Pact.PactQueries pact, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public StatusForm StatusInput { get; set; } = new();
    public PlanView View { get; private set; } = default!;

    /// <summary>The eight quarters of the plan's two years.</summary>
    public IReadOnlyList<(int Year, int Quarter)> Quarters { get; private set; } = [];

    /// <summary>What the partners (of the plan's Comune, or of the whole network) promised when they adhered to the pact.</summary>
    public List<Pact.PactCommitment> Commitments { get; private set; } = [];

    async Task LoadAsync()
    {
        View = await Views.LoadAsync(Plan);
        Commitments = await pact.CommitmentsAsync(Plan.NetworkId, Plan.ComuneId);
        Quarters = [.. new[] { Plan.StartYear, Plan.EndYear }.SelectMany(y => Enumerable.Range(1, 4).Select(q => (y, q)))];
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: false) is { } denied) return denied;
        await LoadAsync();
        return Page();
    }

    /// <summary>The plan's status (coordinators).</summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        return await ChangeAsync(PlanSubject.Plan, Plan.Id);
    }

    /// <summary>An action's status (coordinators, and officers of the plan's Comune).</summary>
    public async Task<IActionResult> OnPostActionStatusAsync(Guid id, Guid actionId)
    {
        if (await ResolveAsync(id, manage: false) is { } denied) return denied;
        if (!Scope.CanUpdateActions(Plan)) return Forbid();
        return await ChangeAsync(PlanSubject.Action, actionId);
    }

    async Task<IActionResult> ChangeAsync(PlanSubject subject, Guid subjectId)
    {
        ModelState.KeepOnly(nameof(StatusInput));
        if (ModelState.IsValid)
        {
            var error = await editing.ChangeStatusAsync(Scope, Plan.Id, subject, subjectId, StatusInput.Status!.Value, StatusInput.Note);
            if (error == "Azione non trovata.") return NotFound();
            if (error is null)
            {
                TempData["Message"] = Tr.Get("Stato aggiornato.");
                return Redirect(PlanUrl + (subject == PlanSubject.Action ? "#azione-" + subjectId : ""));
            }
            ModelState.AddModelError("StatusInput.Status", error);
        }
        await LoadAsync();
        return Page();
    }

    public static bool Covers(PlanAction a, int year, int quarter)
    {
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        var end = start.AddMonths(3).AddDays(-1);
        if (a.StartDate is null && a.EndDate is null) return false;
        var from = a.StartDate ?? a.EndDate!.Value;
        var to = a.EndDate ?? a.StartDate!.Value;
        return from <= end && to >= start;
    }
}
