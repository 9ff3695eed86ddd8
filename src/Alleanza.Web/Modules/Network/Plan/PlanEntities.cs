using Alleanza.Web.Platform.Data;
using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Network.Plan;

public enum PlanStatus
{
    [Display(Name = "Bozza")] Draft = 1,
    [Display(Name = "Approvato")] Approved = 2,
    [Display(Name = "Concluso")] Concluded = 3,
}

public enum ObjectiveStatus
{
    [Display(Name = "Da avviare")] ToStart = 1,
    [Display(Name = "In corso")] InProgress = 2,
    [Display(Name = "Raggiunto")] Achieved = 3,
    [Display(Name = "Sospeso")] Suspended = 4,
}

public enum ActionStatus
{
    [Display(Name = "Da avviare")] ToStart = 1,
    [Display(Name = "In corso")] InProgress = 2,
    [Display(Name = "Completata")] Completed = 3,
    [Display(Name = "Sospesa")] Suspended = 4,
}

public enum IndicatorSource
{
    [Display(Name = "Inserito a mano")] Manual = 1,
    [Display(Name = "Calcolato dai dati della piattaforma")] Bound = 2,
}

/// <summary>What a bound indicator counts (see <see cref="IndicatorValues"/> for the exact rules).</summary>
public enum IndicatorMetric
{
    [Display(Name = "Opportunità pubblicate nell'area dell'obiettivo")] PublishedOpportunitiesInArea = 1,
    [Display(Name = "Carte Famiglia rilasciate")] FamilyCardsIssued = 2,
    [Display(Name = "Esercenti aderenti (con convenzioni pubblicate)")] MerchantsJoined = 3,
    [Display(Name = "Famiglie raggiunte dalle iscrizioni")] FamiliesReached = 4,
    [Display(Name = "Famiglie accompagnate (percorsi aperti)")] FamiliesAccompanied = 5,
    [Display(Name = "Laboratori di comunità attivi")] LabsActive = 6,
    [Display(Name = "Operatori formati (corsi completati)")] OperatorsTrained = 7,
    [Display(Name = "Volontari formati (corsi completati)")] VolunteersTrained = 8,
    [Display(Name = "Ore di volontariato approvate")] VolunteerHoursApproved = 9,
    [Display(Name = "Ore scambiate nella banca del tempo")] TimeBankHours = 10,
    [Display(Name = "Famiglie coinvolte nella banca del tempo")] TimeBankFamilies = 11,
    [Display(Name = "Questionari compilati dalle famiglie")] SurveyAnswers = 12,
    [Display(Name = "Tasso di risposta ai questionari (%)")] SurveyResponseRate = 13,
    [Display(Name = "Scambi completati su Condividi")] SharingExchanges = 14,
    [Display(Name = "Oggetti regalati su Condividi")] SharingItemsGiven = 15,
    [Display(Name = "Prestiti su Condividi")] SharingItemsLent = 16,
    [Display(Name = "Famiglie coinvolte negli scambi di Condividi")] SharingFamilies = 17,
    [Display(Name = "Ordini dei gruppi di acquisto consegnati")] GafOrders = 18,
    [Display(Name = "Valore degli ordini dei gruppi di acquisto (euro)")] GafValueEuro = 19,
    [Display(Name = "Famiglie attive nei gruppi di acquisto")] GafFamilies = 20,
    [Display(Name = "Fornitori locali dei gruppi di acquisto")] GafLocalSuppliers = 21,
}

/// <summary>What a status change is about.</summary>
public enum PlanSubject { Plan = 1, Objective = 2, Action = 3 }

/// <summary>
/// A two-yearly Piano Family of a network (ComuneId null) or of one of its Comuni: it covers <see cref="StartYear"/>
/// and the year after.
/// </summary>
public class FamilyPlan : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid? ComuneId { get; set; }
    public string Title { get; set; } = "";
    public int StartYear { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public int EndYear => StartYear + 1;
    public DateOnly PeriodStart => new(StartYear, 1, 1);
    public DateOnly PeriodEnd => new(StartYear + 1, 12, 31);
}

/// <summary>An objective of a plan, in one thematic area of the network.</summary>
public class PlanObjective : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid AreaId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public int Order { get; set; }
    public ObjectiveStatus Status { get; set; } = ObjectiveStatus.ToStart;
}

/// <summary>An action that serves an objective, in the hands of a partner, with a budget (euro) and dates.</summary>
public class PlanAction : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid ObjectiveId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public Guid? ResponsiblePartnerId { get; set; }
    public decimal? Budget { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.ToStart;
}

/// <summary>
/// How an objective is measured: a baseline, a target and the current value, either typed in (manual readings)
/// or computed from the platform's data (bound to a <see cref="IndicatorMetric"/>).
/// </summary>
public class PlanIndicator
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid ObjectiveId { get; set; }
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public decimal Baseline { get; set; }
    public decimal Target { get; set; }
    public IndicatorSource Source { get; set; }
    public IndicatorMetric? Metric { get; set; }
    /// <summary>The latest manual reading (manual indicators), kept with the history in <see cref="IndicatorReading"/>.</summary>
    public decimal? ManualValue { get; set; }
    public int Order { get; set; }
    /// <summary>
    /// Bound indicators: the value over the plan's own period and Comune as <see cref="PlanIndicatorRefresher"/> last
    /// computed it, at <see cref="ComputedAt"/> (null: not yet). The dashboard reads it; the plan's pages count live.
    /// </summary>
    public decimal? ComputedValue { get; set; }
    public DateTime? ComputedAt { get; set; }

    /// <summary>Counted from the platform's data (not typed in).</summary>
    public bool IsBound => Source == IndicatorSource.Bound && Metric is not null;

    /// <summary>How far from the baseline towards the target, 0–100 (a target below the baseline works too).</summary>
    public static double Progress(decimal baseline, decimal target, decimal? current)
    {
        if (current is not decimal c) return 0;
        if (target == baseline) return c >= target ? 100 : 0;
        var share = (double)((c - baseline) / (target - baseline)) * 100;
        return Math.Clamp(share, 0, 100);
    }
}

/// <summary>A manual value of an indicator on a date, with who typed it.</summary>
public class IndicatorReading
{
    public Guid Id { get; set; }
    public Guid IndicatorId { get; set; }
    public decimal Value { get; set; }
    public DateOnly Date { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
}

/// <summary>History of the statuses of a plan, its objectives and actions (statuses as their enum numbers).</summary>
public class PlanStatusChange
{
    public long Id { get; set; }
    public Guid PlanId { get; set; }
    public PlanSubject Subject { get; set; }
    public Guid SubjectId { get; set; }
    public int? FromStatus { get; set; }
    public int ToStatus { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Note { get; set; }
}

public static class PlanLabels
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttributes(typeof(DisplayAttribute), false).OfType<DisplayAttribute>().FirstOrDefault()?.Name ?? value.ToString();

    public static string Status(PlanSubject subject, int status) => subject switch
    {
        PlanSubject.Plan => Of((PlanStatus)status),
        PlanSubject.Objective => Of((ObjectiveStatus)status),
        _ => Of((ActionStatus)status),
    };

    /// <summary>The label in the reader's language (<see cref="Of{T}"/> stays Italian: the dossier and the activity log are written in Italian).</summary>
    public static string Text<T>(T value) where T : struct, Enum => Tr.Get(Of(value));

    public static string StatusText(PlanSubject subject, int status) => Tr.Get(Status(subject, status));

    public static string Subject(PlanSubject s) => s switch { PlanSubject.Plan => "Piano", PlanSubject.Objective => "Obiettivo", _ => "Azione" };

    /// <summary>"2025–2026".</summary>
    public static string Years(int startYear) => $"{startYear}–{startYear + 1}";

    /// <summary>"1.234,5" — decimals only when there are any.</summary>
    public static string Number(decimal? value) => value is decimal v ? v.ToString("#,##0.##", Platform.RomeTime.Italian) : "—";

    /// <summary>An amount in the language in force: the reader's on the pages, Italian in the dossier (<see cref="Dossier"/>).</summary>
    public static string Euro(decimal? value) => value is decimal v ? Platform.Localization.Money.Format(v) : "—";
}
