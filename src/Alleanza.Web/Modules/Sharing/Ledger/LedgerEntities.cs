using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Sharing.Ledger;

/// <summary>What an account counts: the time bank's minutes, the purchasing groups' euro cents. A transfer never mixes units.</summary>
public enum LedgerUnit { Minutes = 1, EuroCents = 2 }

/// <summary>What a transfer that takes an account below its lower limit does: it is refused, or it goes through flagged for the managers.</summary>
public enum LimitPolicy { Refuse = 1, Flag = 2 }

/// <summary>
/// One account of the double-entry ledger: whose it is (<see cref="OwnerKind"/> + <see cref="OwnerId"/>, e.g. a time-bank
/// member, a bank, a purchasing group's member or supplier), in one unit. <see cref="Balance"/> is never written by hand:
/// it is the sum of the account's movements, moved in the same transaction that writes them (<see cref="LedgerBook"/>).
/// </summary>
public sealed class LedgerAccount : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid NetworkId { get; set; }
    public string OwnerKind { get; set; } = "";
    public Guid OwnerId { get; set; }
    public LedgerUnit Unit { get; set; }
    /// <summary>The lowest balance allowed (e.g. −1200 minutes); null: no limit.</summary>
    public long? LowerLimit { get; set; }
    public LimitPolicy LimitPolicy { get; set; } = LimitPolicy.Refuse;
    public long Balance { get; set; }
    public int MovementCount { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One transfer: two or more movements whose amounts sum to zero. Never changed nor deleted; a mistake is undone by a compensating transfer.</summary>
public sealed class LedgerTransfer
{
    public Guid Id { get; set; }
    /// <summary>The network where it was recorded (a transfer between two networks in reciprocity belongs to the one that recorded it).</summary>
    public Guid NetworkId { get; set; }
    public LedgerUnit Unit { get; set; }
    /// <summary>What the transfer is for the module that made it (e.g. "timebank.exchange", "timebank.group", "reversal").</summary>
    public string Kind { get; set; } = "";
    public string Memo { get; set; } = "";
    public DateTime At { get; set; }
    public Guid? RecordedByUserId { get; set; }
    /// <summary>The transfer this one compensates (unique: a transfer is reversed at most once).</summary>
    public Guid? ReversesTransferId { get; set; }
    /// <summary>True when it took an account with the «flag» policy below its lower limit.</summary>
    public bool Flagged { get; set; }
    public List<LedgerMovement> Movements { get; set; } = [];
}

/// <summary>One line of a transfer on one account: positive in, negative out; <see cref="BalanceAfter"/> is the account's balance right after it.</summary>
public sealed class LedgerMovement
{
    public Guid Id { get; set; }
    public Guid TransferId { get; set; }
    public Guid AccountId { get; set; }
    public long Amount { get; set; }
    public long BalanceAfter { get; set; }
    public DateTime At { get; set; }
}
