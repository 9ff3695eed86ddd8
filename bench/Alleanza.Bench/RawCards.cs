using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alleanza.Web.Modules.FamilyCard;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Alleanza.Bench;

/// <summary>
/// The raw ADO.NET baseline of the till API (<c>POST /api/v1/card-verifications</c>): the work the verification cannot
/// do without, written by hand. The till key by its SHA-256 (cached, as the app caches it), the same two ECDSA checks
/// (<see cref="CardTokens.Check"/>, compiled from the app: the credential by the network's key, the presentation by the
/// phone's key), the shop (it must be the key's partner's), the card row (status and expiry), then the same INSERT into
/// Redemptions and the same upsert of RedemptionMonths as the app, with the same group commit as its
/// <c>RedemptionWriter</c> (one writer, everything queued in one transaction, ON CONFLICT DO NOTHING). It leaves out what
/// the app adds around it: EF Core, the device, idempotency and replay look-ups before the insert (the unique indexes
/// still refuse duplicates), the offers, the rate limiter, problem details.
/// </summary>
public sealed class RawCards(bool sqlite, string connectionString) : IAsyncDisposable
{
    // The app's connection settings (statements prepared on the server after a few runs), as the pragmas below.
    readonly NpgsqlDataSource? postgres = sqlite ? null : NpgsqlDataSource.Create(Alleanza.Web.Platform.Data.PostgresConnection.WithAutoPrepare(connectionString));
    readonly ConcurrentDictionary<string, (Guid Id, Guid Network, Guid Partner)?> keys = new();
    readonly TimeZoneInfo rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    Dictionary<string, CardTokens.PublicKey>? signing;

    sealed record Body(string? Code, Guid ShopId, bool Record, decimal? PurchaseAmount, decimal? DiscountAmount, string? IdempotencyKey);
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (postgres is not null) return await postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // The app's SqlitePragmas, on every open as there.
        await using (var pragmas = Command(connection, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384; PRAGMA busy_timeout=10000;")) await pragmas.ExecuteNonQueryAsync(ct);
        return connection;
    }

    // ---------------------------------------------------------------------------------------- group commit, as the app's RedemptionWriter

    sealed record Pending(object[] Row, string Key, string Token, object Shop, int Month, object Network, long Discount, long Purchase, TaskCompletionSource<long?> Done);

    readonly System.Threading.Channels.Channel<Pending> queue = System.Threading.Channels.Channel.CreateBounded<Pending>(
        new System.Threading.Channels.BoundedChannelOptions(256 * 16) { SingleReader = true });
    Task? writer;

    /// <summary>Queues a row for the writer; its id, or null when a unique index refused it.</summary>
    Task<long?> RecordAsync(Pending pending, CancellationToken ct)
    {
        lock (queue) writer ??= Task.Run(WriteLoopAsync);
        return queue.Writer.WriteAsync(pending, ct).AsTask().ContinueWith(_ => pending.Done.Task, ct).Unwrap();
    }

    async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(256);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 256 && queue.Reader.TryRead(out var next)) batch.Add(next);
            try { await WriteAsync(batch); }
            catch (Exception e) { foreach (var p in batch) p.Done.TrySetException(e); }
        }
    }

    async Task WriteAsync(List<Pending> batch)
    {
        var keys = new HashSet<string>();
        var tokens = new HashSet<string>();
        var rows = batch.Where(p => keys.Add(p.Key) && tokens.Add(p.Token)).ToList();
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync();
        var inserted = new Dictionary<string, long>();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            var sql = new StringBuilder("""INSERT INTO "Redemptions" ("NetworkId", "ShopId", "PartnerId", "CardId", "OfferId", "At", "PurchaseAmount", "DiscountAmount", "TokenHash", "IdempotencyKey", "RecordedByUserId", "ApiKeyId") VALUES """);
            for (var i = 0; i < rows.Count; i++)
            {
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < rows[i].Row.Length; c++)
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = $"p{i * 12 + c}";
                    p.Value = rows[i].Row[c];
                    insert.Parameters.Add(p);
                    sql.Append(c == 0 ? "" : ", ").Append('@').Append(p.ParameterName);
                }
                sql.Append(')');
            }
            insert.CommandText = sql.Append(""" ON CONFLICT DO NOTHING RETURNING "Id", "IdempotencyKey" """).ToString();
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync()) inserted[reader.GetString(1)] = reader.GetInt64(0);
        }
        var months = rows.Where(p => inserted.ContainsKey(p.Key)).GroupBy(p => (Shop: p.Shop.ToString()!, p.Month)).ToList();
        if (months.Count > 0)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = tx;
            var sql = new StringBuilder("""INSERT INTO "RedemptionMonths" ("ShopId", "Month", "NetworkId", "Count", "DiscountCents", "PurchaseCents") VALUES """);
            for (var i = 0; i < months.Count; i++)
            {
                var g = months[i];
                var first = g.First();
                foreach (var (name, value) in new[] { ($"s{i}", first.Shop), ($"n{i}", first.Network) })
                {
                    var p = upsert.CreateParameter();
                    p.ParameterName = name;
                    p.Value = value;
                    upsert.Parameters.Add(p);
                }
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@s{i}, {g.Key.Month}, @n{i}, {g.Count()}, {g.Sum(p => p.Discount)}, {g.Sum(p => p.Purchase)})");
            }
            upsert.CommandText = sql.Append("""
                 ON CONFLICT ("ShopId", "Month") DO UPDATE SET "Count" = "RedemptionMonths"."Count" + excluded."Count",
                    "DiscountCents" = "RedemptionMonths"."DiscountCents" + excluded."DiscountCents",
                    "PurchaseCents" = "RedemptionMonths"."PurchaseCents" + excluded."PurchaseCents"
                """).ToString();
            await upsert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        var written = rows.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var p in batch) p.Done.TrySetResult(written.Contains(p) && inserted.TryGetValue(p.Key, out var id) ? id : null);
    }

    object P(Guid g) => sqlite ? g.ToString("D").ToUpperInvariant() : g;
    object P(DateTime t) => sqlite ? t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : t;
    object P(decimal? m) => m is null ? DBNull.Value : sqlite ? m.Value.ToString("0.0###", CultureInfo.InvariantCulture) : m.Value;
    Guid G(object o) => o is Guid g ? g : Guid.Parse((string)o);
    DateTime T(object o) => o is DateTime t ? t : DateTime.Parse((string)o, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    public async Task<(int Status, string Json)> VerifyAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var apiKey = http.Request.Headers["X-Api-Key"].ToString();
        Body? body;
        try { body = await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, ct); }
        catch (JsonException) { return (400, "{\"title\":\"JSON\"}"); }
        if (body?.Code is null || body.IdempotencyKey is null) return (400, "{\"title\":\"code\"}");

        await using var connection = await OpenAsync(ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        if (!keys.TryGetValue(hash, out var key))
        {
            await using var find = Command(connection, "SELECT \"Id\", \"NetworkId\", \"PartnerId\" FROM \"PartnerApiKeys\" WHERE \"KeyHash\" = @h AND \"RevokedAt\" IS NULL", ("h", hash));
            await using var r = await find.ExecuteReaderAsync(ct);
            key = await r.ReadAsync(ct) ? (G(r.GetValue(0)), G(r.GetValue(1)), G(r.GetValue(2))) : null;
            keys[hash] = key;
        }
        if (key is not { } till) return (401, "{\"title\":\"key\"}");

        if (signing is null)
        {
            var loaded = new Dictionary<string, CardTokens.PublicKey>();
            await using var all = Command(connection, "SELECT k.\"Kid\", n.\"Slug\", k.\"PublicKey\" FROM \"CardSigningKeys\" k JOIN \"Networks\" n ON n.\"Id\" = k.\"NetworkId\"");
            await using (var r = await all.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) loaded[r.GetString(0)] = new CardTokens.PublicKey(r.GetString(1), (byte[])r.GetValue(2));
            signing = loaded;
        }
        var now = DateTimeOffset.UtcNow;
        var check = CardTokens.Check(body.Code, kid => signing.GetValueOrDefault(kid), now);
        if (!check.Authentic) return (200, $"{{\"verdict\":\"forged\",\"accepted\":false,\"outcome\":\"{check.Outcome}\"}}");

        await using (var shop = Command(connection, "SELECT 1 FROM \"Shops\" WHERE \"Id\" = @s AND \"NetworkId\" = @n AND \"PartnerId\" = @p",
                         ("s", P(body.ShopId)), ("n", P(till.Network)), ("p", P(till.Partner))))
            if (await shop.ExecuteScalarAsync(ct) is null) return (404, "{\"title\":\"shop\"}");
        await using (var card = Command(connection, "SELECT \"Status\", \"ValidUntil\", \"NetworkId\" FROM \"FamilyCards\" WHERE \"Id\" = @c", ("c", P(check.CardId))))
        await using (var r = await card.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return (200, "{\"verdict\":\"unknownCard\",\"accepted\":false}");
            if (r.GetInt32(0) != 1 || T(r.GetValue(1)) <= now.UtcDateTime) return (200, "{\"verdict\":\"expired\",\"accepted\":false}");
            if (G(r.GetValue(2)) != till.Network) return (200, "{\"verdict\":\"notAcceptedHere\",\"accepted\":false}");
        }
        if (!body.Record) return (200, "{\"verdict\":\"valid\",\"accepted\":true}");

        var at = now.UtcDateTime;
        var local = TimeZoneInfo.ConvertTimeFromUtc(at, rome);
        var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(body.Code.Trim())));
        // The connection goes back to the pool before the wait: the writer has its own.
        await connection.DisposeAsync();
        var idempotencyKey = $"api:{till.Id}:{body.IdempotencyKey}";
        var recorded = await RecordAsync(new Pending(
            [P(till.Network), P(body.ShopId), P(till.Partner), P(check.CardId), DBNull.Value, P(at), P(body.PurchaseAmount), P(body.DiscountAmount), tokenHash, idempotencyKey, DBNull.Value, P(till.Id)],
            idempotencyKey, tokenHash, P(body.ShopId), local.Year * 100 + local.Month, P(till.Network),
            (long)Math.Round((body.DiscountAmount ?? 0) * 100), (long)Math.Round((body.PurchaseAmount ?? 0) * 100),
            new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously)), ct);
        if (recorded is not long id) return (200, "{\"verdict\":\"replayed\",\"accepted\":false}");
        return (200, $"{{\"verdict\":\"valid\",\"accepted\":true,\"redemption\":{{\"id\":{id}}}}}");
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null) await postgres.DisposeAsync();
    }
}
