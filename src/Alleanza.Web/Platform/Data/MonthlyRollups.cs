using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Alleanza.Web.Platform.Data;

/// <summary>One additive write to a rollup table: SQL with {0}, {1}… placeholders and its values.</summary>
public sealed record RollupWrite(string Sql, object[] Values);

/// <summary>
/// A table kept in step with the rows it follows (cards per Comune and month, registrations per Comune and month, the
/// search index's journal…). Before a save it says what the save will change, as additive upserts
/// (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n): two people saving at once never lose a count.
/// </summary>
public interface IMonthlyRollup
{
    /// <summary>The writes the pending changes of <paramref name="context"/> call for (none when they touch nothing counted). May query.</summary>
    ValueTask<IReadOnlyList<RollupWrite>> WritesAsync(DbContext context, CancellationToken cancel);
}

/// <summary>
/// Runs every <see cref="IMonthlyRollup"/> on every SaveChanges and writes their counts in the same transaction as the
/// rows: it opens one when the save has none, and a failed or cancelled save rolls the counts back with the rows.
/// One interceptor for all the rollups, so that a save touching two of them still commits once, after both.
/// Code that changes counted rows without SaveChanges (ExecuteUpdate, cascades in the database) must keep them itself.
/// </summary>
public sealed class RollupInterceptor(params IMonthlyRollup[] rollups) : SaveChangesInterceptor
{
    public static readonly RollupInterceptor Instance = new(Modules.FamilyCard.CardMonthRollup.Instance, Modules.Catalog.RegistrationMonthRollup.Instance,
        Modules.Catalog.Search.SearchIndexJournal.Instance, Modules.Sharing.Exchange.SharingListJournal.Instance);

    readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Pending> pending = new();

    sealed record Pending(List<RollupWrite> Writes, IDbContextTransaction? OwnTransaction);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            pending.Remove(context); // pooled contexts are reused: nothing of an earlier save may be taken for this one's
            var writes = new List<RollupWrite>();
            foreach (var rollup in rollups) writes.AddRange(await rollup.WritesAsync(context, cancellationToken));
            if (writes.Count > 0)
            {
                // SaveChanges uses the transaction that is open; without one, open ours so the counts commit with the rows.
                var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
                pending.AddOrUpdate(context, new Pending(writes, own));
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
                foreach (var write in p.Writes)
                    await context.Database.ExecuteSqlRawAsync(write.Sql, write.Values, cancellationToken);
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

    // A save that loses a race on a version token (IVersioned) fails by this path, not by SaveChangesFailed.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await AbandonAsync(eventData.Context);
        return result;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        AbandonAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

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
}
