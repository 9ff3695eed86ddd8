using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Records the counter's purchases with group commit. Each verification that records a purchase queues its
/// <see cref="Redemption"/> and waits; one writer takes everything queued, writes it in one transaction (one multi-row
/// INSERT … ON CONFLICT DO NOTHING RETURNING, then one upsert of the monthly sums per shop and month) and answers every
/// waiting request when the commit is done. A commit, not a row, is what a database pays for (the WAL's fsync on
/// PostgreSQL, SQLite's single writer), so many counters at once share one. A request is answered only after its row
/// is committed, as before; the unique indexes on the idempotency key and on the QR code still decide duplicates.
/// The tills' "last used" goes along in the same transactions (<see cref="NoteKeyUsed"/>): written by every request
/// on its own, it was a second writer per verification, and on SQLite the requests queued behind each other for it.
/// </summary>
public sealed class RedemptionWriter(IServiceScopeFactory scopes, IMeterFactory meters, ILogger<RedemptionWriter> log) : BackgroundService
{
    /// <summary>Meter of the writer's instruments (read them with <c>dotnet-counters monitor -n Alleanza.Web --counters Alleanza.FamilyCard</c>).</summary>
    public const string MeterName = "Alleanza.FamilyCard";
    readonly Histogram<int> batchSize = meters.Create(MeterName).CreateHistogram<int>("alleanza.card.redemption_batch.size", "{redemption}", "Purchases and till uses per commit");
    readonly Histogram<double> batchTime = meters.Create(MeterName).CreateHistogram<double>("alleanza.card.redemption_batch.duration", "ms", "Time to write and commit one batch");

    /// <summary>Rows per transaction at most (13 parameters each; SQLite allows 32,766 per statement).</summary>
    public const int MaxBatch = 256;

    /// <summary>A purchase to record and its waiting request, or (without a row) a till key used at that moment.</summary>
    sealed record Pending(Redemption? Row, TaskCompletionSource<bool>? Done, Guid KeyId = default, DateTime KeyUsedAt = default);

    // Bounded: when the database falls behind, requests wait to queue instead of piling up in memory.
    readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxBatch * 16)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>
    /// Writes <paramref name="row"/> (its <see cref="Redemption.Id"/> is set) and adds it to its shop's month; false
    /// when a unique index refused it (the same idempotency key or the same QR code was recorded before).
    /// </summary>
    public async Task<bool> RecordAsync(Redemption row, CancellationToken cancel = default)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync(new Pending(row, done), cancel);
        // Not cancellable once queued: the row may be committed, and the caller must learn whether it was.
        return await done.Task;
    }

    /// <summary>The till key <paramref name="keyId"/> was used now; written with the next batch (a hint: dropped when the queue is full).</summary>
    public void NoteKeyUsed(Guid keyId, DateTime at) => queue.Writer.TryWrite(new Pending(null, null, keyId, at));

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    await using (var scope = scopes.CreateAsyncScope())
                        await WriteAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), batch, CancellationToken.None);
                    batchSize.Record(batch.Count);
                    batchTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    log.LogError(e, "Registrazione di {Count} acquisti della Carta Famiglia non riuscita", batch.Count);
                    foreach (var p in batch) p.Done?.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var left)) left.Done?.TrySetCanceled(stopping);
    }

    static readonly string[] Columns = [nameof(Redemption.NetworkId), nameof(Redemption.ShopId), nameof(Redemption.PartnerId), nameof(Redemption.CardId),
        nameof(Redemption.OfferId), nameof(Redemption.At), nameof(Redemption.PurchaseAmount), nameof(Redemption.DiscountAmount), nameof(Redemption.TokenHash),
        nameof(Redemption.IdempotencyKey), nameof(Redemption.RecordedByUserId), nameof(Redemption.ApiKeyId)];

    /// <summary>One transaction for the whole batch: the rows, then their months.</summary>
    static async Task WriteAsync(AppDbContext db, IReadOnlyList<Pending> batch, CancellationToken cancel)
    {
        // Two requests of one batch with the same key or code: only the first goes to the database, the other is refused
        // as it would be by the index (one statement cannot be relied on to skip a row that conflicts with its own).
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<Pending>(batch.Count);
        var refused = new List<Pending>();
        var keysUsed = new Dictionary<Guid, DateTime>();
        foreach (var p in batch)
        {
            if (p.Row is null) keysUsed[p.KeyId] = p.KeyUsedAt;
            else (keys.Add(p.Row.IdempotencyKey) && (p.Row.TokenHash is null || codes.Add(p.Row.TokenHash)) ? rows : refused).Add(p);
        }

        var entity = db.Model.FindEntityType(typeof(Redemption))!;
        var mappings = Columns.Select(c => entity.FindProperty(c)!.GetRelationalTypeMapping()).ToArray();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var inserted = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                var sql = new StringBuilder("INSERT INTO \"Redemptions\" (")
                    .AppendJoin(", ", Columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
                for (var i = 0; i < rows.Count; i++)
                {
                    var r = rows[i].Row!;
                    object?[] values = [r.NetworkId, r.ShopId, r.PartnerId, r.CardId, r.OfferId, r.At, r.PurchaseAmount, r.DiscountAmount, r.TokenHash,
                        r.IdempotencyKey, r.RecordedByUserId, r.ApiKeyId];
                    sql.Append(i == 0 ? "(" : ", (");
                    for (var c = 0; c < values.Length; c++)
                    {
                        var name = $"@p{i * values.Length + c}";
                        sql.Append(c == 0 ? "" : ", ").Append(name);
                        insert.Parameters.Add(mappings[c].CreateParameter(insert, name, values[c], nullable: true));
                    }
                    sql.Append(')');
                }
                insert.CommandText = sql.Append(" ON CONFLICT DO NOTHING RETURNING \"Id\", \"IdempotencyKey\"").ToString();
                if (rows.Count > 0)
                {
                    await using var reader = await insert.ExecuteReaderAsync(cancel);
                    while (await reader.ReadAsync(cancel)) inserted[reader.GetString(1)] = reader.GetInt64(0);
                }
            }

            // The months of what went in, summed per shop and month first (one statement may not update a row twice).
            var months = new Dictionary<(Guid Shop, int Month), (Guid Network, long Count, long Discount, long Purchase)>();
            foreach (var r in rows.Select(p => p.Row!))
            {
                if (!inserted.TryGetValue(r.IdempotencyKey, out var id)) continue;
                r.Id = id;
                var key = (r.ShopId, MonthPeriod.MonthOf(r.At));
                var sum = months.GetValueOrDefault(key, (r.NetworkId, 0, 0, 0));
                months[key] = (sum.Network, sum.Count + 1, sum.Discount + Cents(r.DiscountAmount), sum.Purchase + Cents(r.PurchaseAmount));
            }
            if (months.Count > 0)
            {
                await using var upsert = connection.CreateCommand();
                upsert.Transaction = transaction;
                var guid = db.Model.FindEntityType(typeof(RedemptionMonth))!.FindProperty(nameof(RedemptionMonth.ShopId))!.GetRelationalTypeMapping();
                var sql = new StringBuilder("INSERT INTO \"RedemptionMonths\" (\"ShopId\", \"Month\", \"NetworkId\", \"Count\", \"DiscountCents\", \"PurchaseCents\") VALUES ");
                var n = 0;
                foreach (var ((shop, month), sum) in months)
                {
                    sql.Append(n == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@s{n}, {month}, @n{n}, {sum.Count}, {sum.Discount}, {sum.Purchase})");
                    upsert.Parameters.Add(guid.CreateParameter(upsert, $"@s{n}", shop));
                    upsert.Parameters.Add(guid.CreateParameter(upsert, $"@n{n}", sum.Network));
                    n++;
                }
                upsert.CommandText = sql.Append(" ON CONFLICT (\"ShopId\", \"Month\") DO UPDATE SET \"Count\" = \"RedemptionMonths\".\"Count\" + excluded.\"Count\", " +
                    "\"DiscountCents\" = \"RedemptionMonths\".\"DiscountCents\" + excluded.\"DiscountCents\", " +
                    "\"PurchaseCents\" = \"RedemptionMonths\".\"PurchaseCents\" + excluded.\"PurchaseCents\"").ToString();
                await upsert.ExecuteNonQueryAsync(cancel);
            }
            if (keysUsed.Count > 0)
            {
                var key = db.Model.FindEntityType(typeof(PartnerApiKey))!;
                var idMapping = key.FindProperty(nameof(PartnerApiKey.Id))!.GetRelationalTypeMapping();
                var atMapping = key.FindProperty(nameof(PartnerApiKey.LastUsedAt))!.GetRelationalTypeMapping();
                await using var touch = connection.CreateCommand();
                touch.Transaction = transaction;
                touch.CommandText = "UPDATE \"PartnerApiKeys\" SET \"LastUsedAt\" = @at WHERE \"Id\" = @id";
                foreach (var (keyId, usedAt) in keysUsed)
                {
                    touch.Parameters.Clear();
                    touch.Parameters.Add(idMapping.CreateParameter(touch, "@id", keyId));
                    touch.Parameters.Add(atMapping.CreateParameter(touch, "@at", usedAt, nullable: true));
                    await touch.ExecuteNonQueryAsync(cancel);
                }
            }
            await transaction.CommitAsync(cancel);
            foreach (var p in rows) p.Done!.TrySetResult(p.Row!.Id != 0);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        foreach (var p in refused) p.Done!.TrySetResult(false);
    }

    static long Cents(decimal? amount) => (long)Math.Round((amount ?? 0) * 100);
}
