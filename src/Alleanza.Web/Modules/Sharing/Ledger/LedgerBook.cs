using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Ledger;

/// <summary>One line of a transfer request: an account and the signed amount it receives (negative: it gives).</summary>
public sealed record Leg(Guid AccountId, long Amount);

/// <summary>
/// A transfer to record: legs summing to zero, all in <see cref="Unit"/>. <see cref="RequestId"/>, when given (a form's
/// one-time id), becomes the transfer's id: a second request with it records nothing and answers <see cref="TransferOutcome.Duplicate"/>.
/// </summary>
public sealed record TransferRequest(Guid NetworkId, LedgerUnit Unit, string Kind, string Memo, IReadOnlyList<Leg> Legs, Guid? RecordedByUserId = null)
{
    public Guid? RequestId { get; init; }
}

public enum TransferOutcome
{
    Done,
    /// <summary>An account with the «refuse» policy would go below its lower limit (see <see cref="TransferResult.RefusedAccountId"/>).</summary>
    BelowLimit,
    /// <summary>The legs do not sum to zero, are fewer than two accounts, or carry a zero amount.</summary>
    Unbalanced,
    /// <summary>An account does not exist or counts another unit.</summary>
    UnknownAccount,
    /// <summary>The transfer to reverse was reversed already (or is itself a reversal).</summary>
    AlreadyReversed,
    /// <summary>A transfer with the request's id was recorded before (a double-submitted form): nothing was recorded again.</summary>
    Duplicate,
}

public sealed record TransferResult(TransferOutcome Outcome, Guid? TransferId = null, bool Flagged = false, Guid? RefusedAccountId = null)
{
    public bool Succeeded => Outcome == TransferOutcome.Done;
}

/// <summary>
/// The double-entry ledger shared by the time bank (minutes) and the purchasing groups (euro cents). Every transfer is
/// two or more movements summing to zero. An account's balance is the sum of its movements: it is moved by a conditional
/// UPDATE (balance = balance + amount, refused below the lower limit in the same statement) in the transaction that
/// writes the movements, so concurrent transfers on the same account queue on its row and the balance never drifts.
/// Accounts are updated in a fixed order (by id), so two transfers never wait for each other in a cycle.
/// Nothing is ever edited or deleted: a mistake is undone by <see cref="ReverseAsync"/>, a compensating transfer.
/// </summary>
public sealed class LedgerBook(AppDbContext db, TimeProvider clock)
{
    /// <summary>The account of an owner in a unit, opened on first use (a unique index keeps it one against a concurrent twin).</summary>
    public async Task<Guid> OpenAccountAsync(Guid networkId, string ownerKind, Guid ownerId, LedgerUnit unit, long? lowerLimit = null, LimitPolicy policy = LimitPolicy.Refuse)
    {
        if (await FindAccountAsync(ownerKind, ownerId, unit) is { } existing) return existing;
        var account = new LedgerAccount
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OwnerKind = ownerKind, OwnerId = ownerId, Unit = unit,
            LowerLimit = lowerLimit, LimitPolicy = policy, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.LedgerAccounts.Add(account);
        if (await db.TrySaveAsync()) { db.Entry(account).State = EntityState.Detached; return account.Id; }
        return await FindAccountAsync(ownerKind, ownerId, unit) ?? throw new InvalidOperationException("The ledger account vanished after a concurrent open.");
    }

    public Task<Guid?> FindAccountAsync(string ownerKind, Guid ownerId, LedgerUnit unit) =>
        db.LedgerAccounts.AsNoTracking().Where(a => a.OwnerKind == ownerKind && a.OwnerId == ownerId && a.Unit == unit).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();

    /// <summary>Changes the lower limit and its policy of every account of an owner kind in a network (a bank changing its rules); balances stay as they are.</summary>
    public Task<int> SetLimitAsync(Guid networkId, string ownerKind, LedgerUnit unit, long? lowerLimit, LimitPolicy policy) =>
        db.LedgerAccounts.Where(a => a.NetworkId == networkId && a.OwnerKind == ownerKind && a.Unit == unit)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LowerLimit, lowerLimit).SetProperty(a => a.LimitPolicy, policy).SetProperty(a => a.Version, a => a.Version + 1));

    /// <summary>
    /// Records a transfer. Inside a transaction the caller opened (to change its own rows with it) it works on a savepoint
    /// and leaves the commit to the caller; otherwise it opens and commits its own.
    /// </summary>
    public Task<TransferResult> TransferAsync(TransferRequest request) => PostAsync(request, reverses: null);

    /// <summary>Undoes a transfer with its mirror image (every amount with the opposite sign), at most once. Never refused by a limit: it restores what was.</summary>
    public async Task<TransferResult> ReverseAsync(Guid transferId, Guid networkId, Guid? userId, string memo)
    {
        var original = await db.LedgerTransfers.AsNoTracking().Where(t => t.Id == transferId && t.NetworkId == networkId)
            .Select(t => new { t.Unit, t.ReversesTransferId, Legs = t.Movements.Select(m => new Leg(m.AccountId, -m.Amount)).ToList() }).FirstOrDefaultAsync();
        if (original is null) return new(TransferOutcome.UnknownAccount);
        if (original.ReversesTransferId is not null) return new(TransferOutcome.AlreadyReversed);
        return await PostAsync(new TransferRequest(networkId, original.Unit, "reversal", memo, original.Legs, userId), reverses: transferId);
    }

    async Task<TransferResult> PostAsync(TransferRequest request, Guid? reverses)
    {
        // One leg per account: amounts of the same account add up; an account whose amounts cancel out takes no part.
        var legs = request.Legs.GroupBy(l => l.AccountId).Select(g => new Leg(g.Key, g.Sum(l => l.Amount))).Where(l => l.Amount != 0)
            .OrderBy(l => l.AccountId).ToList();
        if (legs.Count < 2 || legs.Sum(l => l.Amount) != 0) return new(TransferOutcome.Unbalanced);
        if (request.RequestId is { } requestId && await db.LedgerTransfers.AnyAsync(t => t.Id == requestId)) return new(TransferOutcome.Duplicate, requestId);
        var ids = legs.Select(l => l.AccountId).ToList();
        var unit = request.Unit;

        var outer = db.Database.CurrentTransaction;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync() : null;
        const string savepoint = "ledger_transfer";
        if (outer is not null) await outer.CreateSavepointAsync(savepoint);
        async Task UndoAsync()
        {
            db.ChangeTracker.Clear();
            if (own is not null) await own.RollbackAsync(); else await outer!.RollbackToSavepointAsync(savepoint);
        }

        var reversal = reverses is not null;
        foreach (var leg in legs)
        {
            var amount = leg.Amount;
            // An account of another unit, or none, is not moved either: told apart from a refused limit only then, so that a
            // transfer reads nothing before its first update (on SQLite every statement inside the transaction holds up all other writers).
            var moved = await db.LedgerAccounts
                .Where(a => a.Id == leg.AccountId && a.Unit == unit
                    && (amount >= 0 || reversal || a.LowerLimit == null || a.LimitPolicy == LimitPolicy.Flag || a.Balance + amount >= a.LowerLimit))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + amount)
                    .SetProperty(a => a.MovementCount, a => a.MovementCount + 1).SetProperty(a => a.Version, a => a.Version + 1));
            if (moved == 0)
            {
                var unknown = !await db.LedgerAccounts.AnyAsync(a => a.Id == leg.AccountId && a.Unit == unit);
                await UndoAsync();
                return unknown ? new(TransferOutcome.UnknownAccount) : new(TransferOutcome.BelowLimit, RefusedAccountId: leg.AccountId);
            }
        }

        // The balances right after this transfer: the rows are ours until the commit.
        var after = await db.LedgerAccounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Balance, a.LowerLimit }).ToDictionaryAsync(a => a.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var transfer = new LedgerTransfer
        {
            Id = request.RequestId is { } given && given != Guid.Empty ? given : Guid.NewGuid(), NetworkId = request.NetworkId, Unit = request.Unit, Kind = request.Kind, Memo = Trim(request.Memo, 300), At = now,
            RecordedByUserId = request.RecordedByUserId, ReversesTransferId = reverses,
            Flagged = !reversal && legs.Any(l => l.Amount < 0 && after[l.AccountId].LowerLimit is { } limit && after[l.AccountId].Balance < limit),
            Movements = legs.Select(l => new LedgerMovement { Id = Guid.NewGuid(), AccountId = l.AccountId, Amount = l.Amount, BalanceAfter = after[l.AccountId].Balance, At = now }).ToList(),
        };
        db.LedgerTransfers.Add(transfer);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (reversal && e.IsUniqueViolation())
        {
            await UndoAsync();
            return new(TransferOutcome.AlreadyReversed);
        }
        catch (DbUpdateException e) when (request.RequestId is not null && e.IsUniqueViolation())
        {
            // A twin request with the same id committed first (its balances moved once): ours, with its moves, is undone.
            await UndoAsync();
            return new(TransferOutcome.Duplicate, request.RequestId);
        }
        if (own is not null) await own.CommitAsync();
        else await outer!.ReleaseSavepointAsync(savepoint);
        db.Entry(transfer).State = EntityState.Detached;
        foreach (var m in transfer.Movements) db.Entry(m).State = EntityState.Detached;
        return new(TransferOutcome.Done, transfer.Id, transfer.Flagged);
    }

    static string Trim(string text, int max) => text.Length <= max ? text : text[..max];

    public sealed record Drift(Guid AccountId, long Balance, long SumOfMovements, int MovementCount, int Movements);

    /// <summary>The accounts of a network whose balance differs from the sum of their movements (none, unless something bypassed the ledger).</summary>
    public async Task<List<Drift>> CheckAsync(Guid networkId)
    {
        var sums = await db.LedgerAccounts.AsNoTracking().Where(a => a.NetworkId == networkId)
            .Select(a => new
            {
                a.Id, a.Balance, a.MovementCount,
                Sum = db.LedgerMovements.Where(m => m.AccountId == a.Id).Sum(m => (long?)m.Amount) ?? 0,
                Count = db.LedgerMovements.Count(m => m.AccountId == a.Id),
            }).ToListAsync();
        return sums.Where(s => s.Balance != s.Sum || s.MovementCount != s.Count).Select(s => new Drift(s.Id, s.Balance, s.Sum, s.MovementCount, s.Count)).ToList();
    }

    /// <summary>The transfers of a network whose movements do not sum to zero (none, by construction).</summary>
    public Task<List<Guid>> UnbalancedTransfersAsync(Guid networkId) =>
        db.LedgerTransfers.AsNoTracking().Where(t => t.NetworkId == networkId && t.Movements.Sum(m => m.Amount) != 0).Select(t => t.Id).ToListAsync();
}
