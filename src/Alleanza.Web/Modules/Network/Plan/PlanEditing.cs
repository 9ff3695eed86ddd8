using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

public sealed class PlanForm
{
    [Required(ErrorMessage = "Scrivi il titolo del piano.")]
    [StringLength(200, ErrorMessage = "Il titolo può avere al massimo 200 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Indica il primo anno del piano.")]
    [Range(2000, 2100, ErrorMessage = "Il primo anno deve essere tra il 2000 e il 2100.")]
    [Display(Name = "Primo anno (il piano copre due anni)")]
    public int? StartYear { get; set; }

    [Display(Name = "Comune (vuoto: tutta la rete)")]
    public Guid? ComuneId { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }
}

public sealed class ObjectiveForm
{
    [Required(ErrorMessage = "Scegli l'area dell'obiettivo.")]
    [Display(Name = "Area")]
    public Guid? AreaId { get; set; }

    [Required(ErrorMessage = "Scrivi l'obiettivo.")]
    [StringLength(200, ErrorMessage = "L'obiettivo può avere al massimo 200 caratteri.")]
    [Display(Name = "Obiettivo")]
    public string? Title { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [Range(0, 999, ErrorMessage = "L'ordine è un numero da 0 a 999.")]
    [Display(Name = "Ordine nell'area")]
    public int Order { get; set; }
}

public sealed class ActionForm
{
    [Required(ErrorMessage = "Scegli l'obiettivo dell'azione.")]
    [Display(Name = "Obiettivo")]
    public Guid? ObjectiveId { get; set; }

    [Required(ErrorMessage = "Scrivi il titolo dell'azione.")]
    [StringLength(200, ErrorMessage = "Il titolo può avere al massimo 200 caratteri.")]
    [Display(Name = "Azione")]
    public string? Title { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [Display(Name = "Ente responsabile")]
    public Guid? ResponsiblePartnerId { get; set; }

    [Range(typeof(decimal), "0", "99999999", ErrorMessage = "Il budget è un importo in euro da 0 a 99.999.999.")]
    [Display(Name = "Budget (euro)")]
    public decimal? Budget { get; set; }

    [Display(Name = "Inizio")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Fine")]
    public DateOnly? EndDate { get; set; }
}

public sealed class IndicatorForm
{
    [Required(ErrorMessage = "Scegli l'obiettivo dell'indicatore.")]
    [Display(Name = "Obiettivo")]
    public Guid? ObjectiveId { get; set; }

    [Required(ErrorMessage = "Scrivi il nome dell'indicatore.")]
    [StringLength(200, ErrorMessage = "Il nome può avere al massimo 200 caratteri.")]
    [Display(Name = "Indicatore")]
    public string? Name { get; set; }

    [StringLength(40, ErrorMessage = "L'unità può avere al massimo 40 caratteri.")]
    [Display(Name = "Unità di misura")]
    public string? Unit { get; set; }

    [Required(ErrorMessage = "Indica il valore di partenza.")]
    [Range(typeof(decimal), "-999999999", "999999999", ErrorMessage = "Il valore è fuori scala.")]
    [Display(Name = "Valore di partenza (baseline)")]
    public decimal? Baseline { get; set; }

    [Required(ErrorMessage = "Indica il valore obiettivo.")]
    [Range(typeof(decimal), "-999999999", "999999999", ErrorMessage = "Il valore è fuori scala.")]
    [Display(Name = "Valore obiettivo (target)")]
    public decimal? Target { get; set; }

    [Required(ErrorMessage = "Scegli come si misura l'indicatore.")]
    [Display(Name = "Come si misura")]
    public IndicatorSource? Source { get; set; }

    [Display(Name = "Dato della piattaforma (per gli indicatori calcolati)")]
    public IndicatorMetric? Metric { get; set; }

    [Range(0, 999, ErrorMessage = "L'ordine è un numero da 0 a 999.")]
    [Display(Name = "Ordine")]
    public int Order { get; set; }
}

public sealed class ReadingForm
{
    [Required(ErrorMessage = "Scrivi il valore rilevato.")]
    [Range(typeof(decimal), "-999999999", "999999999", ErrorMessage = "Il valore è fuori scala.")]
    [Display(Name = "Valore rilevato")]
    public decimal? Value { get; set; }

    [Required(ErrorMessage = "Indica la data della rilevazione.")]
    [Display(Name = "Data della rilevazione")]
    public DateOnly? Date { get; set; }

    [StringLength(1000, ErrorMessage = "La nota può avere al massimo 1000 caratteri.")]
    [Display(Name = "Nota (fonte, come è stato rilevato)")]
    public string? Note { get; set; }
}

public sealed class StatusForm
{
    [Required(ErrorMessage = "Scegli il nuovo stato.")]
    [Display(Name = "Nuovo stato")]
    public int? Status { get; set; }

    [StringLength(1000, ErrorMessage = "La nota può avere al massimo 1000 caratteri.")]
    [Display(Name = "Nota")]
    public string? Note { get; set; }
}

/// <summary>
/// The Piano Family's use cases: plans, objectives, actions, indicators, manual readings and status changes. Every
/// id from a form is checked against the plan and the network; status changes are kept in <see cref="PlanStatusChange"/>
/// and in the audit log. Errors come back by field name (of the form), in Italian.
/// </summary>
public sealed class PlanEditing(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---------- Plans ----------

    public async Task<Dictionary<string, string>> ValidateAsync(Guid networkId, PlanForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.ComuneId is Guid c && !await db.Comuni.AnyAsync(x => x.Id == c && x.NetworkId == networkId))
            errors[nameof(PlanForm.ComuneId)] = Tr.Get("Scegli un Comune della rete.");
        return errors;
    }

    public async Task<FamilyPlan> CreatePlanAsync(PlanScope scope, PlanForm form)
    {
        var plan = new FamilyPlan { Id = Guid.NewGuid(), NetworkId = scope.NetworkId, Status = PlanStatus.Draft, CreatedAt = Now, UpdatedAt = Now };
        Apply(plan, form);
        db.FamilyPlans.Add(plan);
        db.PlanStatusChanges.Add(Change(scope, plan.Id, PlanSubject.Plan, plan.Id, null, (int)PlanStatus.Draft, "Piano creato"));
        audit.Add("piano.creato", nameof(FamilyPlan), plan.Id, plan.Title, scope.NetworkId);
        await db.SaveChangesAsync();
        return plan;
    }

    public async Task UpdatePlanAsync(PlanScope scope, Guid planId, PlanForm form)
    {
        var plan = await db.FamilyPlans.FirstAsync(p => p.Id == planId && p.NetworkId == scope.NetworkId);
        var moved = plan.StartYear != form.StartYear || plan.ComuneId != form.ComuneId;
        Apply(plan, form);
        plan.UpdatedAt = Now;
        audit.Add("piano.modificato", nameof(FamilyPlan), plan.Id, plan.Title, scope.NetworkId);
        await db.SaveChangesAsync();
        // Another period or Comune: the stored values of its bound indicators no longer apply.
        if (moved) await PlanIndicatorRefresher.ForgetAsync(db, plan.Id);
    }

    static void Apply(FamilyPlan plan, PlanForm form)
    {
        plan.Title = form.Title!.Trim();
        plan.StartYear = form.StartYear!.Value;
        plan.ComuneId = form.ComuneId;
        plan.Description = Text.Clean(form.Description);
    }

    /// <summary>Deletes a plan with everything in it (objectives, actions, indicators, readings, history).</summary>
    public async Task DeletePlanAsync(PlanScope scope, Guid planId)
    {
        var plan = await db.FamilyPlans.FirstAsync(p => p.Id == planId && p.NetworkId == scope.NetworkId);
        db.FamilyPlans.Remove(plan);
        audit.Add("piano.eliminato", nameof(FamilyPlan), plan.Id, plan.Title, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    // ---------- Status changes ----------

    /// <summary>Changes the status of the plan, an objective or an action of the plan. Returns an error, or null.</summary>
    public async Task<string?> ChangeStatusAsync(PlanScope scope, Guid planId, PlanSubject subject, Guid subjectId, int status, string? note)
    {
        int from;
        string title;
        switch (subject)
        {
            case PlanSubject.Plan:
            {
                if (!Enum.IsDefined((PlanStatus)status)) return "Scegli uno stato dall'elenco.";
                var plan = await db.FamilyPlans.FirstAsync(p => p.Id == planId && p.NetworkId == scope.NetworkId);
                from = (int)plan.Status;
                plan.Status = (PlanStatus)status;
                plan.UpdatedAt = Now;
                title = plan.Title;
                break;
            }
            case PlanSubject.Objective:
            {
                if (!Enum.IsDefined((ObjectiveStatus)status)) return "Scegli uno stato dall'elenco.";
                var o = await db.PlanObjectives.FirstOrDefaultAsync(x => x.Id == subjectId && x.PlanId == planId);
                if (o is null) return "Obiettivo non trovato.";
                from = (int)o.Status;
                o.Status = (ObjectiveStatus)status;
                title = o.Title;
                break;
            }
            default:
            {
                if (!Enum.IsDefined((ActionStatus)status)) return "Scegli uno stato dall'elenco.";
                var a = await db.PlanActions.FirstOrDefaultAsync(x => x.Id == subjectId && x.PlanId == planId);
                if (a is null) return "Azione non trovata.";
                from = (int)a.Status;
                a.Status = (ActionStatus)status;
                title = a.Title;
                break;
            }
        }
        if (from == status) return "Lo stato è già questo.";
        db.PlanStatusChanges.Add(Change(scope, planId, subject, subjectId, from, status, Text.Clean(note)));
        audit.Add("piano.stato", PlanLabels.Subject(subject), subjectId,
            $"{title}: {PlanLabels.Status(subject, from)} → {PlanLabels.Status(subject, status)}", scope.NetworkId);
        await db.SaveChangesAsync();
        return null;
    }

    PlanStatusChange Change(PlanScope scope, Guid planId, PlanSubject subject, Guid subjectId, int? from, int to, string? note) => new()
    {
        PlanId = planId, Subject = subject, SubjectId = subjectId, FromStatus = from, ToStatus = to, At = Now,
        UserId = scope.UserId, UserName = scope.UserName, Note = note is { Length: > 1000 } ? note[..1000] : note,
    };

    // ---------- Objectives ----------

    public async Task<Dictionary<string, string>> ValidateAsync(Guid networkId, ObjectiveForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.AreaId is Guid a && !await db.NetworkAreas.AnyAsync(x => x.Id == a && x.NetworkId == networkId))
            errors[nameof(ObjectiveForm.AreaId)] = Tr.Get("Scegli un'area dall'elenco.");
        return errors;
    }

    public async Task<PlanObjective> AddObjectiveAsync(PlanScope scope, Guid planId, ObjectiveForm form)
    {
        var o = new PlanObjective { Id = Guid.NewGuid(), PlanId = planId, Status = ObjectiveStatus.ToStart };
        Apply(o, form);
        db.PlanObjectives.Add(o);
        audit.Add("piano.obiettivo.creato", nameof(PlanObjective), o.Id, o.Title, scope.NetworkId);
        await db.SaveChangesAsync();
        return o;
    }

    public async Task UpdateObjectiveAsync(PlanScope scope, PlanObjective o, ObjectiveForm form)
    {
        var tracked = await db.PlanObjectives.FirstAsync(x => x.Id == o.Id);
        var moved = tracked.AreaId != form.AreaId;
        Apply(tracked, form);
        audit.Add("piano.obiettivo.modificato", nameof(PlanObjective), o.Id, tracked.Title, scope.NetworkId);
        await db.SaveChangesAsync();
        // Opportunities in the area: another area, another value.
        if (moved) await PlanIndicatorRefresher.ForgetAsync(db, tracked.PlanId, tracked.Id);
    }

    static void Apply(PlanObjective o, ObjectiveForm form)
    {
        o.AreaId = form.AreaId!.Value;
        o.Title = form.Title!.Trim();
        o.Description = Text.Clean(form.Description);
        o.Order = form.Order;
    }

    /// <summary>Deletes an objective with its actions and indicators.</summary>
    public async Task DeleteObjectiveAsync(PlanScope scope, PlanObjective o)
    {
        await db.PlanObjectives.Where(x => x.Id == o.Id).ExecuteDeleteAsync();
        audit.Add("piano.obiettivo.eliminato", nameof(PlanObjective), o.Id, o.Title, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    // ---------- Actions ----------

    public async Task<Dictionary<string, string>> ValidateAsync(Guid networkId, Guid planId, ActionForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.ObjectiveId is Guid o && !await db.PlanObjectives.AnyAsync(x => x.Id == o && x.PlanId == planId))
            errors[nameof(ActionForm.ObjectiveId)] = Tr.Get("Scegli un obiettivo di questo piano.");
        if (form.ResponsiblePartnerId is Guid p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == networkId))
            errors[nameof(ActionForm.ResponsiblePartnerId)] = Tr.Get("Scegli un ente partner della rete.");
        if (form.StartDate is DateOnly s && form.EndDate is DateOnly e && e < s)
            errors[nameof(ActionForm.EndDate)] = Tr.Get("La fine viene prima dell'inizio.");
        foreach (var (name, d) in new[] { (nameof(ActionForm.StartDate), form.StartDate), (nameof(ActionForm.EndDate), form.EndDate) })
            if (d is DateOnly day && (day.Year < 2000 || day.Year > 2100))
                errors[name] = Tr.Get("Indica una data tra il 2000 e il 2100.");
        return errors;
    }

    public async Task<PlanAction> AddActionAsync(PlanScope scope, Guid planId, ActionForm form)
    {
        var a = new PlanAction { Id = Guid.NewGuid(), PlanId = planId, Status = ActionStatus.ToStart };
        Apply(a, form);
        db.PlanActions.Add(a);
        audit.Add("piano.azione.creata", nameof(PlanAction), a.Id, a.Title, scope.NetworkId);
        await db.SaveChangesAsync();
        return a;
    }

    public async Task UpdateActionAsync(PlanScope scope, PlanAction a, ActionForm form)
    {
        var tracked = await db.PlanActions.FirstAsync(x => x.Id == a.Id);
        Apply(tracked, form);
        audit.Add("piano.azione.modificata", nameof(PlanAction), a.Id, tracked.Title, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    static void Apply(PlanAction a, ActionForm form)
    {
        a.ObjectiveId = form.ObjectiveId!.Value;
        a.Title = form.Title!.Trim();
        a.Description = Text.Clean(form.Description);
        a.ResponsiblePartnerId = form.ResponsiblePartnerId;
        a.Budget = form.Budget is decimal b ? Math.Round(b, 2) : null;
        a.StartDate = form.StartDate;
        a.EndDate = form.EndDate;
    }

    public async Task DeleteActionAsync(PlanScope scope, PlanAction a)
    {
        await db.PlanActions.Where(x => x.Id == a.Id).ExecuteDeleteAsync();
        audit.Add("piano.azione.eliminata", nameof(PlanAction), a.Id, a.Title, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    // ---------- Indicators ----------

    public async Task<Dictionary<string, string>> ValidateAsync(Guid planId, IndicatorForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.ObjectiveId is Guid o && !await db.PlanObjectives.AnyAsync(x => x.Id == o && x.PlanId == planId))
            errors[nameof(IndicatorForm.ObjectiveId)] = Tr.Get("Scegli un obiettivo di questo piano.");
        if (form.Source is IndicatorSource source && !Enum.IsDefined(source))
            errors[nameof(IndicatorForm.Source)] = Tr.Get("Scegli come si misura l'indicatore.");
        if (form.Source == IndicatorSource.Bound && (form.Metric is not IndicatorMetric m || !Enum.IsDefined(m)))
            errors[nameof(IndicatorForm.Metric)] = Tr.Get("Scegli il dato della piattaforma da cui calcolare l'indicatore.");
        return await Task.FromResult(errors);
    }

    public async Task<PlanIndicator> AddIndicatorAsync(PlanScope scope, Guid planId, IndicatorForm form)
    {
        var i = new PlanIndicator { Id = Guid.NewGuid(), PlanId = planId };
        Apply(i, form);
        db.PlanIndicators.Add(i);
        audit.Add("piano.indicatore.creato", nameof(PlanIndicator), i.Id, i.Name, scope.NetworkId);
        await db.SaveChangesAsync();
        return i;
    }

    public async Task UpdateIndicatorAsync(PlanScope scope, PlanIndicator i, IndicatorForm form)
    {
        var tracked = await db.PlanIndicators.FirstAsync(x => x.Id == i.Id);
        Apply(tracked, form);
        audit.Add("piano.indicatore.modificato", nameof(PlanIndicator), i.Id, tracked.Name, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    static void Apply(PlanIndicator i, IndicatorForm form)
    {
        var metric = form.Source == IndicatorSource.Bound ? form.Metric : null;
        if (i.ObjectiveId != form.ObjectiveId || i.Source != form.Source || i.Metric != metric)
        {
            // What it counts changes: the stored value no longer applies, and the refresher computes it again.
            i.ComputedValue = null;
            i.ComputedAt = null;
        }
        i.ObjectiveId = form.ObjectiveId!.Value;
        i.Name = form.Name!.Trim();
        i.Unit = Text.Clean(form.Unit);
        i.Baseline = Math.Round(form.Baseline!.Value, 2);
        i.Target = Math.Round(form.Target!.Value, 2);
        i.Source = form.Source!.Value;
        i.Metric = metric;
        i.Order = form.Order;
    }

    public async Task DeleteIndicatorAsync(PlanScope scope, PlanIndicator i)
    {
        await db.PlanIndicators.Where(x => x.Id == i.Id).ExecuteDeleteAsync();
        audit.Add("piano.indicatore.eliminato", nameof(PlanIndicator), i.Id, i.Name, scope.NetworkId);
        await db.SaveChangesAsync();
    }

    /// <summary>Records a manual value; the indicator's current value becomes the latest reading by date.</summary>
    public async Task RecordReadingAsync(PlanScope scope, PlanIndicator indicator, ReadingForm form)
    {
        var reading = new IndicatorReading
        {
            Id = Guid.NewGuid(), IndicatorId = indicator.Id, Value = Math.Round(form.Value!.Value, 2), Date = form.Date!.Value,
            Note = Text.Clean(form.Note), RecordedAt = Now, UserId = scope.UserId, UserName = scope.UserName,
        };
        db.IndicatorReadings.Add(reading);
        await db.SaveChangesAsync();
        var latest = await db.IndicatorReadings.Where(r => r.IndicatorId == indicator.Id)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.RecordedAt).Select(r => r.Value).FirstAsync();
        var tracked = await db.PlanIndicators.FirstAsync(x => x.Id == indicator.Id);
        tracked.ManualValue = latest;
        audit.Add("piano.indicatore.rilevazione", nameof(PlanIndicator), indicator.Id, $"{indicator.Name}: {PlanLabels.Number(reading.Value)} al {reading.Date:d/M/yyyy}", scope.NetworkId);
        await db.SaveChangesAsync();
    }
}
