using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Keeps <see cref="CardMonth"/> in step with the cards. It watches every SaveChanges: the cards added, changed
/// (status, validity, Comune) or removed give +1/−1 per Comune and month, written in the same transaction with an
/// INSERT … ON CONFLICT DO UPDATE that adds to the stored numbers, so two officers saving at once never lose a count.
/// Code that changes cards without SaveChanges (ExecuteUpdate) must not touch those columns.
/// </summary>
public sealed class CardMonthRollup : SaveChangesInterceptor
{
    public static readonly CardMonthRollup Instance = new();

    readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Pending> pending = new();

    sealed class Pending(Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)> deltas, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own)
    {
        public Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)> Deltas { get; } = deltas;
        public Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? OwnTransaction { get; } = own;
    }

    /// <summary>The changes a save would make to the monthly counts (zero changes left out).</summary>
    public static Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)> Deltas(ChangeTracker tracker)
    {
        var deltas = new Dictionary<(Guid, Guid, int), (long Issued, long Active)>();
        void Add(Guid network, Guid comune, DateTime at, long issued, long active)
        {
            var key = (network, comune, MonthPeriod.MonthOf(at));
            var (i, a) = deltas.GetValueOrDefault(key);
            deltas[key] = (i + issued, a + active);
        }
        void Count(PropertyValues v, int sign)
        {
            var network = v.GetValue<Guid>(nameof(Card.NetworkId));
            var comune = v.GetValue<Guid>(nameof(Card.ComuneId));
            Add(network, comune, v.GetValue<DateTime>(nameof(Card.IssuedAt)), sign, 0);
            if (v.GetValue<CardStatus>(nameof(Card.Status)) == CardStatus.Active) Add(network, comune, v.GetValue<DateTime>(nameof(Card.ValidUntil)), 0, sign);
        }
        foreach (var entry in tracker.Entries<Card>())
        {
            if (entry.State is EntityState.Added) Count(entry.CurrentValues, +1);
            else if (entry.State is EntityState.Deleted) Count(entry.OriginalValues, -1);
            else if (entry.State is EntityState.Modified)
            {
                Count(entry.OriginalValues, -1);
                Count(entry.CurrentValues, +1);
            }
        }
        return deltas.Where(d => d.Value != (0, 0)).ToDictionary();
    }

    const string Upsert =
        "INSERT INTO \"CardMonths\" (\"ComuneId\", \"Month\", \"NetworkId\", \"Issued\", \"ActiveExpiring\") VALUES ({0}, {1}, {2}, {3}, {4}) " +
        "ON CONFLICT (\"ComuneId\", \"Month\") DO UPDATE SET \"Issued\" = \"CardMonths\".\"Issued\" + excluded.\"Issued\", " +
        "\"ActiveExpiring\" = \"CardMonths\".\"ActiveExpiring\" + excluded.\"ActiveExpiring\"";

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var deltas = Deltas(context.ChangeTracker);
            if (deltas.Count > 0)
            {
                // SaveChanges uses the transaction that is open; without one, open ours so the counts commit with the cards.
                var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
                pending.AddOrUpdate(context, new Pending(deltas, own));
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var p))
        {
            pending.Remove(context);
            try
            {
                foreach (var ((network, comune, month), (issued, active)) in p.Deltas)
                    await context.Database.ExecuteSqlRawAsync(Upsert, [comune, month, network, issued, active], cancellationToken);
                if (p.OwnTransaction is not null) await p.OwnTransaction.CommitAsync(cancellationToken);
            }
            finally
            {
                if (p.OwnTransaction is not null) await p.OwnTransaction.DisposeAsync();
            }
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => AbandonAsync(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => AbandonAsync(eventData.Context);

    async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var p))
        {
            pending.Remove(context);
            if (p.OwnTransaction is not null) await p.OwnTransaction.DisposeAsync(); // rolls back
        }
    }

    // The synchronous SaveChanges takes the same path.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    public override void SaveChangesCanceled(DbContextEventData eventData) => AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    /// <summary>
    /// Counts every card again (after the migration that adds the table, or to repair the counts): replaces the rows
    /// with the exact figures, months computed in Italy's time zone.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, CancellationToken cancel = default)
    {
        var counts = new Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)>();
        await foreach (var c in db.Cards.AsNoTracking().Select(c => new { c.NetworkId, c.ComuneId, c.IssuedAt, c.ValidUntil, c.Status }).AsAsyncEnumerable().WithCancellation(cancel))
        {
            var issuedKey = (c.NetworkId, c.ComuneId, MonthPeriod.MonthOf(c.IssuedAt));
            var (i, a) = counts.GetValueOrDefault(issuedKey);
            counts[issuedKey] = (i + 1, a);
            if (c.Status != CardStatus.Active) continue;
            var activeKey = (c.NetworkId, c.ComuneId, MonthPeriod.MonthOf(c.ValidUntil));
            (i, a) = counts.GetValueOrDefault(activeKey);
            counts[activeKey] = (i, a + 1);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.CardMonths.ExecuteDeleteAsync(cancel);
        foreach (var chunk in counts.Chunk(1000))
        {
            db.CardMonths.AddRange(chunk.Select(kv => new CardMonth
            {
                NetworkId = kv.Key.Network, ComuneId = kv.Key.Comune, Month = kv.Key.Month, Issued = kv.Value.Issued, ActiveExpiring = kv.Value.Active,
            }));
            await db.SaveChangesAsync(cancel);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancel);
    }
}
