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
/// phone's key), the shop (it must be the key's partner's), the card row (status and expiry), then in one transaction
/// the same INSERT into Redemptions and the same upsert of RedemptionMonths as <c>VerifyCard</c>. It leaves out what
/// the app adds around it: EF Core, the device, idempotency and replay look-ups before the insert (the unique indexes
/// still refuse duplicates), the offers, the rate limiter, problem details.
/// </summary>
public sealed class RawCards(bool sqlite, string connectionString) : IAsyncDisposable
{
    readonly NpgsqlDataSource? postgres = sqlite ? null : NpgsqlDataSource.Create(connectionString);
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
        return connection;
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
        long id;
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using (var insert = Command(connection, """
                INSERT INTO "Redemptions" ("NetworkId", "ShopId", "PartnerId", "CardId", "OfferId", "At", "PurchaseAmount", "DiscountAmount", "TokenHash", "IdempotencyKey", "RecordedByUserId", "ApiKeyId")
                VALUES (@n, @s, @p, @c, NULL, @at, @purchase, @discount, @token, @key, NULL, @api) RETURNING "Id"
                """, ("n", P(till.Network)), ("s", P(body.ShopId)), ("p", P(till.Partner)), ("c", P(check.CardId)), ("at", P(at)), ("purchase", P(body.PurchaseAmount)),
                ("discount", P(body.DiscountAmount)), ("token", tokenHash), ("key", $"api:{till.Id}:{body.IdempotencyKey}"), ("api", P(till.Id))))
            {
                insert.Transaction = tx;
                id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }
            await using (var month = Command(connection, """
                INSERT INTO "RedemptionMonths" ("ShopId", "Month", "NetworkId", "Count", "DiscountCents", "PurchaseCents")
                VALUES (@s, @m, @n, 1, @d, @p)
                ON CONFLICT ("ShopId", "Month") DO UPDATE SET "Count" = "RedemptionMonths"."Count" + 1,
                    "DiscountCents" = "RedemptionMonths"."DiscountCents" + excluded."DiscountCents",
                    "PurchaseCents" = "RedemptionMonths"."PurchaseCents" + excluded."PurchaseCents"
                """, ("s", P(body.ShopId)), ("m", local.Year * 100 + local.Month), ("n", P(till.Network)),
                ("d", (long)Math.Round((body.DiscountAmount ?? 0) * 100)), ("p", (long)Math.Round((body.PurchaseAmount ?? 0) * 100))))
            {
                month.Transaction = tx;
                await month.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbException e) when (e is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23505" })
        {
            return (200, "{\"verdict\":\"replayed\",\"accepted\":false}");
        }
        return (200, $"{{\"verdict\":\"valid\",\"accepted\":true,\"redemption\":{{\"id\":{id}}}}}");
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null) await postgres.DisposeAsync();
    }
}
