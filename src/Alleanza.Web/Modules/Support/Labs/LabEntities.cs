using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Support.Labs;

/// <summary>
/// A community lab (laboratorio di comunità): a permanent place where families and residents meet, with a listening point.
/// Run by a partner of the network; its facilitators are social operators and volunteers.
/// </summary>
public class CommunityLab
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The partner organisation that runs the lab: its staff manage it.</summary>
    public Guid PartnerId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Address { get; set; } = "";
    public Guid? ComuneId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Opening times in words ("lunedì e giovedì 15–19").</summary>
    public string OpeningHours { get; set; } = "";
    /// <summary>The lab works with children: only volunteers with a valid criminal-record check may facilitate it.</summary>
    public bool WithChildren { get; set; }
    /// <summary>The catalogue opportunity of the lab's partner where the lab's upcoming sessions are published as dates.</summary>
    public Guid? OpportunityId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Closed labs stay in the records but are no longer listed publicly.</summary>
    public DateTime? ClosedAt { get; set; }
}

/// <summary>A social operator or a volunteer who runs the lab's sessions and keeps its listening log.</summary>
public class LabFacilitator
{
    public Guid LabId { get; set; }
    public Guid UserId { get; set; }
    public bool IsVolunteer { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>
/// A session of a lab (date, theme, activity) with its attendance: named rows for people with an account in the network
/// (<see cref="LabAttendance"/>), counts for everyone else.
/// </summary>
public class LabSession : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid LabId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string Theme { get; set; } = "";
    public string? Activity { get; set; }
    public int AdultsNew { get; set; }
    public int AdultsReturning { get; set; }
    public int ChildrenNew { get; set; }
    public int ChildrenReturning { get; set; }
    /// <summary>The date published in the catalogue (on the lab's opportunity), when the lab has one and the session is ahead.</summary>
    public Guid? OpportunitySessionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public int Counted => AdultsNew + AdultsReturning + ChildrenNew + ChildrenReturning;
}

/// <summary>A person with an account in the network present at a lab session (one row per person and session).</summary>
public class LabAttendance
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public DateTime AddedAt { get; set; }
}

public enum ListeningFollowUp
{
    /// <summary>Listened to, information given, nothing more needed.</summary>
    Listened = 1,
    /// <summary>Referred to a support path (percorso di accompagnamento).</summary>
    SupportPath = 2,
    /// <summary>Referred to a service (social services, consultorio, school …).</summary>
    Service = 3,
    /// <summary>Pointed to an opportunity of the network's catalogue.</summary>
    Opportunity = 4,
}

public static class ListeningFollowUps
{
    public static string Label(ListeningFollowUp f) => f switch
    {
        ListeningFollowUp.SupportPath => Tr.Get("Inviato a un percorso di accompagnamento"),
        ListeningFollowUp.Service => Tr.Get("Inviato a un servizio"),
        ListeningFollowUp.Opportunity => Tr.Get("Orientato a un'opportunità della rete"),
        _ => Tr.Get("Ascolto e informazioni"),
    };
}

/// <summary>
/// An anonymous contact at a lab's listening point: when, about what (a topic of the network's list) and the follow-up given.
/// No name, no contact detail, nothing that identifies the person.
/// </summary>
public class ListeningContact
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid LabId { get; set; }
    public DateOnly Date { get; set; }
    public string Topic { get; set; } = "";
    public ListeningFollowUp FollowUp { get; set; }
    /// <summary>Where the person was sent ("consultorio", "sportello ISEE"), never who they are.</summary>
    public string? FollowUpNote { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}
