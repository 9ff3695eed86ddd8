using System.Threading.Channels;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Writes the paths' access log with group commit, as <see cref="FamilyCard.RedemptionWriter"/> records purchases: each read
/// queues its row and waits; one writer takes every row queued, inserts them in one transaction and answers each waiting
/// request once the commit is done. A read is still answered only after its row is on disk (the issue asks for the log of
/// every read), but concurrent reads share one commit instead of queueing one behind the other for SQLite's single writer
/// (where a writer that finds the file locked sleeps 150 ms before it tries again: most of the case page's p95 at Pavia ×10).
/// </summary>
public sealed class CaseAccessWriter(IServiceScopeFactory scopes, ILogger<CaseAccessWriter> log) : BackgroundService
{
    /// <summary>Rows per transaction at most.</summary>
    public const int MaxBatch = 256;

    sealed record Pending(CaseAccess Row, TaskCompletionSource Done);

    // Bounded: when the database falls behind, reads wait to queue instead of piling up in memory.
    readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxBatch * 16)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    volatile bool running;

    /// <summary>Writes <paramref name="row"/> and returns when it is committed.</summary>
    public async Task WriteAsync(CaseAccess row, CancellationToken cancel = default)
    {
        if (running)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try { await queue.Writer.WriteAsync(new Pending(row, done), cancel); }
            catch (ChannelClosedException) { done = null; }
            // Not cancellable once queued: the row may be committed.
            if (done is not null)
            {
                await done.Task;
                return;
            }
        }
        // Not started as a hosted service (a command-line task) or stopping: written on its own.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CaseAccesses.Add(row);
        await db.SaveChangesAsync(cancel);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        running = true;
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    db.CaseAccesses.AddRange(batch.Select(p => p.Row));
                    // One statement per row at most, one transaction for the batch (EF Core wraps several in one).
                    await db.SaveChangesAsync(CancellationToken.None);
                    foreach (var p in batch) p.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    log.LogError(e, "Registro degli accessi ai percorsi: {Count} righe non scritte", batch.Count);
                    foreach (var p in batch) p.Done.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        running = false;
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stopping);
    }
}
