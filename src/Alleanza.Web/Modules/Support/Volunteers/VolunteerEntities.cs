using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Support.Volunteers;

/// <summary>
/// A volunteer in the network's registry: skills, availability, the criminal-record check required for work with minors
/// (certificato del casellario giudiziale, art. 25-bis DPR 313/2002) and the insurance.
/// </summary>
public class VolunteerProfile : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
    public string? Skills { get; set; }
    public string? Availability { get; set; }
    /// <summary>Date of the criminal-record certificate (null: none on file).</summary>
    public DateOnly? ClearanceDate { get; set; }
    /// <summary>Last day covered by the insurance (null: none on file).</summary>
    public DateOnly? InsuredUntil { get; set; }
    /// <summary>Who approves the volunteer's hours and is told before the check expires (null: the network's coordinators).</summary>
    public Guid? ReferentUserId { get; set; }
    /// <summary>The check date the expiry reminder was sent for: claimed by a conditional update, so it goes out once.</summary>
    public DateOnly? ReminderSentFor { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The last day the check is valid, with the network's validity in months.</summary>
    public DateOnly? ClearanceValidUntil(int months) => ClearanceDate?.AddMonths(months).AddDays(-1);

    public bool ClearanceValidOn(DateOnly day, int months) => ClearanceValidUntil(months) is { } until && day <= until && ClearanceDate <= day;
}

public enum AssignmentKind
{
    SupportPath = 1,
    Event = 2,
    Other = 3,
}

public static class AssignmentKinds
{
    public static string Label(AssignmentKind k) => k switch
    {
        AssignmentKind.SupportPath => Tr.Get("Percorso di accompagnamento"),
        AssignmentKind.Event => Tr.Get("Evento"),
        _ => Tr.Get("Altra attività"),
    };
}

/// <summary>
/// A volunteer's assignment to a support path, an event or another activity (assignments to labs are the labs' facilitators).
/// </summary>
public class VolunteerAssignment
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid VolunteerUserId { get; set; }
    public AssignmentKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The record it points to (a support path), when any.</summary>
    public Guid? ReferenceId { get; set; }
    public bool WithChildren { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum HoursStatus
{
    Requested = 1,
    Approved = 2,
    Rejected = 3,
}

public static class HoursStatuses
{
    public static string Label(HoursStatus s) => s switch
    {
        HoursStatus.Approved => Tr.Get("Approvate"),
        HoursStatus.Rejected => Tr.Get("Respinte"),
        _ => Tr.Get("In attesa di approvazione"),
    };
}

/// <summary>Hours of volunteering logged by the volunteer: requested → approved or rejected by the referent.</summary>
public class VolunteerHours : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid VolunteerUserId { get; set; }
    public DateOnly Date { get; set; }
    public int Minutes { get; set; }
    public string Activity { get; set; } = "";
    public Guid? LabId { get; set; }
    public HoursStatus Status { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The network's settings for labs, training and volunteering (one row per network; defaults when missing).</summary>
public class CommunitySettings
{
    public Guid NetworkId { get; set; }
    /// <summary>Share of a course's hours a person must attend to complete it.</summary>
    public int CompletionPercent { get; set; } = 75;
    /// <summary>How long a criminal-record check is valid.</summary>
    public int ClearanceValidityMonths { get; set; } = 12;
    /// <summary>How many days before the check expires the referent is told.</summary>
    public int ClearanceReminderDays { get; set; } = 30;
    /// <summary>The listening point's topics, one per line.</summary>
    public string ListeningTopics { get; set; } = DefaultTopics;
    public DateTime UpdatedAt { get; set; }

    public const string DefaultTopics = "Lavoro e reddito\nCasa\nScuola e compiti\nRelazioni in famiglia\nSalute e benessere\nServizi e documenti\nSolitudine\nAltro";

    public IReadOnlyList<string> Topics => ListeningTopics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
