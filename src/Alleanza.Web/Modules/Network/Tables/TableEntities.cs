using Alleanza.Web.Platform.Data;
namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>A working table (tavolo di lavoro) of a network: partners and families who meet on a theme.</summary>
public class WorkingTable
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Name { get; set; } = "";
    public string? Purpose { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Archived tables are read-only and hidden from the lists by default.</summary>
    public DateTime? ArchivedAt { get; set; }
}

public enum TableRole
{
    Member = 1,
    FamilyRepresentative = 2,
    Referent = 3,
}

public static class TableRoles
{
    public static string Label(TableRole role) => role switch
    {
        TableRole.Referent => "Referente",
        TableRole.FamilyRepresentative => "Rappresentante delle famiglie",
        _ => "Membro",
    };
}

/// <summary>A person who sits at a table, for a partner organisation or for the families.</summary>
public class TableMember
{
    public Guid Id { get; set; }
    public Guid TableId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The organisation the person represents at the table, when any.</summary>
    public Guid? PartnerId { get; set; }
    public TableRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>A meeting of a table: when, where (a place or an online link), agenda and minutes in Markdown.</summary>
public class TableMeeting : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid TableId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Agenda { get; set; }
    public string? Minutes { get; set; }
    /// <summary>SHA-256 of the sign-in code carried by the meeting's QR; checked at sign-in.</summary>
    public string SignInCodeHash { get; set; } = "";
    /// <summary>The same code sealed with the data-protection keys, so the referent's page can draw the QR again.</summary>
    public string SignInCodeSealed { get; set; } = "";
    /// <summary>Raised when date or place change, for the iCalendar SEQUENCE.</summary>
    public int Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum AttendanceMethod
{
    Qr = 1,
    Referent = 2,
}

/// <summary>A person present at a meeting (one row per person and meeting).</summary>
public class MeetingAttendance
{
    public Guid MeetingId { get; set; }
    public Guid UserId { get; set; }
    public DateTime At { get; set; }
    public AttendanceMethod Method { get; set; }
}

public enum TableActionKind
{
    Decision = 1,
    Action = 2,
}

public enum TableActionStatus
{
    Open = 1,
    InProgress = 2,
    Done = 3,
    Cancelled = 4,
}

public static class TableActionLabels
{
    public static string Kind(TableActionKind kind) => kind == TableActionKind.Decision ? "Decisione" : "Azione";

    public static string Status(TableActionStatus status) => status switch
    {
        TableActionStatus.InProgress => "In corso",
        TableActionStatus.Done => "Completata",
        TableActionStatus.Cancelled => "Annullata",
        _ => "Aperta",
    };

    /// <summary>Status words as they travel in URLs (?stato=).</summary>
    public static string Slug(TableActionStatus status) => status switch
    {
        TableActionStatus.InProgress => "in-corso",
        TableActionStatus.Done => "completata",
        TableActionStatus.Cancelled => "annullata",
        _ => "aperta",
    };

    public static TableActionStatus? FromSlug(string? slug) =>
        Enum.GetValues<TableActionStatus>().Cast<TableActionStatus?>().FirstOrDefault(s => Slug(s!.Value) == slug);
}

/// <summary>A decision or an action agreed at a table, with its owner, due date and status.</summary>
public class TableAction : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid TableId { get; set; }
    public Guid? MeetingId { get; set; }
    public TableActionKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Details { get; set; }
    public Guid? OwnerUserId { get; set; }
    public Guid? OwnerPartnerId { get; set; }
    public DateOnly? DueDate { get; set; }
    public TableActionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsOpen => Status is TableActionStatus.Open or TableActionStatus.InProgress;
    public bool IsOverdue(DateOnly today) => IsOpen && DueDate is { } due && due < today;
}

/// <summary>A document of a table (or of one of its meetings). The bytes live in the database, shared by every app instance.</summary>
public class TableDocument
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid TableId { get; set; }
    public Guid? MeetingId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public Guid? UploadedByUserId { get; set; }
    public DateTime UploadedAt { get; set; }
}
