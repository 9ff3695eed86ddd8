using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>A new indicator of a plan (coordinators): manual, or bound to the platform's data. <c>?obiettivo=</c> chooses the objective.</summary>
public class IndicatorNewModel(AppDbContext db, PlanViews views, PlanEditing editing, CurrentAccess access, CurrentNetwork network)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public IndicatorForm Input { get; set; } = new();
    public List<SelectListItem> Objectives { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "obiettivo")] Guid? objective)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        Objectives = await ObjectivesAsync();
        if (objective is Guid o && Objectives.Any(x => x.Value == o.ToString())) Input.ObjectiveId = o;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Plan.Id, Input));
        if (!ModelState.IsValid) { Objectives = await ObjectivesAsync(); return Page(); }
        var i = await editing.AddIndicatorAsync(Scope, Plan.Id, Input);
        TempData["Message"] = i.Source == IndicatorSource.Manual ? Tr.Get("Indicatore aggiunto: registra qui le rilevazioni.") : Tr.Get("Indicatore aggiunto: il valore attuale si calcola dai dati della piattaforma.");
        return Redirect($"{PlanUrl}/indicatori/{i.Id}");
    }
}

/// <summary>Edits an indicator, records manual readings (with their history) or deletes it (coordinators).</summary>
public class IndicatorEditModel(AppDbContext db, PlanViews views, PlanEditing editing, IndicatorValues values, CurrentAccess access, CurrentNetwork network, TimeProvider clock)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty] public IndicatorForm Input { get; set; } = new();
    [BindProperty] public ReadingForm Reading { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }
    public List<SelectListItem> Objectives { get; private set; } = [];
    public PlanIndicator Indicator { get; private set; } = default!;
    public decimal? Current { get; private set; }
    public List<IndicatorReading> Readings { get; private set; } = [];

    async Task<IActionResult?> FindAsync(Guid id, Guid indicatorId)
    {
        if (await ResolveAsync(id, manage: true) is { } denied) return denied;
        var i = await Db.PlanIndicators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == indicatorId && x.PlanId == Plan.Id);
        if (i is null) return NotFound();
        Indicator = i;
        Objectives = await ObjectivesAsync();
        var areas = await Db.PlanObjectives.AsNoTracking().Where(o => o.Id == i.ObjectiveId).ToDictionaryAsync(o => o.Id, o => o.AreaId);
        Current = (await values.ForPlanAsync(Plan, [i], areas)).GetValueOrDefault(i.Id);
        Readings = (await Db.IndicatorReadings.AsNoTracking().Where(r => r.IndicatorId == i.Id).ToListAsync())
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.RecordedAt).ToList();
        Reading.Date ??= Platform.RomeTime.Today(clock);
        return null;
    }

    void Fill() => Input = new IndicatorForm
    {
        ObjectiveId = Indicator.ObjectiveId, Name = Indicator.Name, Unit = Indicator.Unit, Baseline = Indicator.Baseline, Target = Indicator.Target,
        Source = Indicator.Source, Metric = Indicator.Metric, Order = Indicator.Order,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid indicatorId)
    {
        if (await FindAsync(id, indicatorId) is { } r) return r;
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid indicatorId)
    {
        if (await FindAsync(id, indicatorId) is { } r) return r;
        ModelState.KeepOnly(nameof(Input));
        if (ModelState.IsValid) AddErrors(await editing.ValidateAsync(Plan.Id, Input));
        if (!ModelState.IsValid) return Page();
        await editing.UpdateIndicatorAsync(Scope, Indicator, Input);
        TempData["Message"] = Tr.Get("Indicatore salvato.");
        return Redirect($"{PlanUrl}/indicatori/{Indicator.Id}");
    }

    public async Task<IActionResult> OnPostReadingAsync(Guid id, Guid indicatorId)
    {
        if (await FindAsync(id, indicatorId) is { } r) return r;
        ModelState.KeepOnly(nameof(Reading));
        if (Indicator.Source != IndicatorSource.Manual)
            ModelState.AddModelError("Reading.Value", Tr.Get("Questo indicatore si calcola dai dati della piattaforma: non servono rilevazioni a mano."));
        if (Reading.Date is DateOnly d && (d.Year < 2000 || d > Platform.RomeTime.Today(clock)))
            ModelState.AddModelError("Reading.Date", Tr.Get("La data della rilevazione non può essere nel futuro."));
        if (!ModelState.IsValid) { Fill(); return Page(); }
        await editing.RecordReadingAsync(Scope, Indicator, Reading);
        TempData["Message"] = Tr.Get("Rilevazione registrata.");
        return Redirect($"{PlanUrl}/indicatori/{Indicator.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid indicatorId)
    {
        if (await FindAsync(id, indicatorId) is { } r) return r;
        ModelState.Clear();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), Tr.Get("Per eliminare l'indicatore spunta la casella di conferma."));
            Fill();
            return Page();
        }
        await editing.DeleteIndicatorAsync(Scope, Indicator);
        TempData["Message"] = Tr.Get("Indicatore «{0}» eliminato.", Indicator.Name);
        return Redirect(PlanUrl);
    }
}
