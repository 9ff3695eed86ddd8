using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>What to do with an exchange recorded by the giver that the receiver has not confirmed within the bank's days.</summary>
public enum UnconfirmedOutcome { AutoConfirm = 1, Expire = 2 }

/// <summary>A network's time bank (run by the network or by a partner association): its rules, its limits, its own ledger account.</summary>
public sealed class Bank : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The partner association that runs it, if not the network itself.</summary>
    public Guid? PartnerId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The rules every member accepts on joining.</summary>
    public string Rules { get; set; } = "";
    /// <summary>The lowest balance of a member, in minutes (e.g. −1200 = −20 h).</summary>
    public int LowerLimitMinutes { get; set; } = -1200;
    public LimitPolicy LimitPolicy { get; set; } = LimitPolicy.Refuse;
    /// <summary>Days the receiver has to confirm an exchange recorded by the giver.</summary>
    public int ConfirmDays { get; set; } = 7;
    public UnconfirmedOutcome Unconfirmed { get; set; } = UnconfirmedOutcome.AutoConfirm;
    /// <summary>The bank's own account: it pays and collects for group activities.</summary>
    public Guid AccountId { get; set; }
    public DateTime OpenedAt { get; set; }
    public Guid OpenedByUserId { get; set; }
}

/// <summary>A person who runs the bank with the coordinators: accepts members, records for those without a smartphone, records group activities.</summary>
public sealed class BankManager
{
    public Guid BankId { get; set; }
    public Guid UserId { get; set; }
    public DateTime AddedAt { get; set; }
}

public enum MemberStatus { Pending = 1, Active = 2, Rejected = 3 }

/// <summary>A member of the bank: a family (its household) or a single adult, acting through the person who joined.</summary>
public sealed class BankMember : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid BankId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The family's household when the person joined for it; null for a single adult.</summary>
    public Guid? HouseholdId { get; set; }
    public string Name { get; set; } = "";
    public string? Presentation { get; set; }
    public MemberStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime RulesAcceptedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The member's ledger account (minutes), opened when accepted.</summary>
    public Guid? AccountId { get; set; }
}

public enum PostKind { Offer = 1, Request = 2 }

public enum HelpCategory { Babysitting = 1, Homework = 2, Lifts = 3, Repairs = 4, Cooking = 5, Languages = 6, Accompanying = 7, DigitalHelp = 8, Other = 9 }

/// <summary>An offer or a request of help published by a member.</summary>
public sealed class BankPost
{
    public Guid Id { get; set; }
    public Guid BankId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid MemberId { get; set; }
    public PostKind Kind { get; set; }
    public HelpCategory Category { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
}

public enum ExchangeStatus { Pending = 1, Confirmed = 2, Declined = 3, Expired = 4, Reversed = 5 }

public enum RecordedBy { Receiver = 1, Giver = 2, Manager = 3 }

/// <summary>
/// Hours of help given by one member to another. Recorded by the receiver (or a manager) it is confirmed at once; recorded by
/// the giver it waits for the receiver, who confirms or declines within the bank's days (then it is confirmed or expires,
/// as the bank chose). Confirmed, it is one ledger transfer from the receiver's account to the giver's.
/// </summary>
public sealed class Exchange : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid BankId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid GiverMemberId { get; set; }
    public Guid ReceiverMemberId { get; set; }
    public int Minutes { get; set; }
    public HelpCategory Category { get; set; }
    public string Description { get; set; } = "";
    public DateOnly On { get; set; }
    public ExchangeStatus Status { get; set; }
    public RecordedBy RecordedBy { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? SettledAt { get; set; }
    public Guid? TransferId { get; set; }
    public Guid? PostId { get; set; }
}

/// <summary>A group activity (a course, a workshop): each participant gives their minutes, the teacher receives hers, the bank's account takes or gives the rest.</summary>
public sealed class GroupActivity
{
    public Guid Id { get; set; }
    public Guid BankId { get; set; }
    public Guid NetworkId { get; set; }
    public string Title { get; set; } = "";
    public HelpCategory Category { get; set; }
    public DateOnly On { get; set; }
    public Guid TeacherMemberId { get; set; }
    public int TeacherMinutes { get; set; }
    public int MinutesPerParticipant { get; set; }
    public int Participants { get; set; }
    public Guid TransferId { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
}
