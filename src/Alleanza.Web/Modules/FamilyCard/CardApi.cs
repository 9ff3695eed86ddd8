using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// The verification API for shop tills: <c>POST /api/v1/card-verifications</c> with the partner's key in
/// <c>X-Api-Key</c>. Same rules as the counter page (<see cref="VerifyCard"/>), rate-limited per key.
/// </summary>
public static class CardApi
{
    public const string KeyHeader = "X-Api-Key";
    public const string RateLimit = "card-api";

    public sealed record VerificationRequest(string? Code, Guid ShopId, bool Record = false, decimal? PurchaseAmount = null,
        decimal? DiscountAmount = null, Guid? OfferId = null, string? IdempotencyKey = null);

    public sealed record VerificationResponse(string Verdict, bool Accepted, string Message, string? Holder, string? Network, DateOnly? ValidUntil,
        IReadOnlyList<OfferLine> Offers, RecordedRedemption? Redemption);

    public sealed record TillKey(Guid Id, Guid NetworkId, Guid PartnerId, string Name);

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/v1/card-verifications", VerifyAsync)
            .WithTags("Carta Famiglia").WithName("VerifyCard")
            .WithSummary("Verifica una Carta Famiglia alla cassa (QR o numero) e, se richiesto, registra l'acquisto. Chiave del partner nell'intestazione X-Api-Key.")
            .Produces<VerificationResponse>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(404).ProducesProblem(429)
            .RequireRateLimiting(RateLimit).DisableAntiforgery();
    }

    public static void AddRateLimit(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions o) =>
        o.AddPolicy(RateLimit, http =>
        {
            var perSecond = Math.Max(1, http.RequestServices.GetRequiredService<IConfiguration>().GetValue("FamilyCard:ApiRequestsPerSecond", 50));
            var key = http.Request.Headers[KeyHeader].ToString();
            return RateLimitPartition.GetTokenBucketLimiter(key.Length is > 0 and < 200 ? Hash(key) : "no-key:" + http.Connection.RemoteIpAddress, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
            });
        });

    static async Task<IResult> VerifyAsync(VerificationRequest? body, HttpContext http, VerifyCard verify, AppDbContext db, IMemoryCache cache, RedemptionWriter writer, TimeProvider clock)
    {
        // The key and the verification's reads on one connection (see VerifyCard.RunAsync).
        await db.Database.OpenConnectionAsync(http.RequestAborted);
        try { return await VerifyWithKeyAsync(body, http, verify, db, cache, writer, clock); }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    static async Task<IResult> VerifyWithKeyAsync(VerificationRequest? body, HttpContext http, VerifyCard verify, AppDbContext db, IMemoryCache cache, RedemptionWriter writer, TimeProvider clock)
    {
        var till = await FindKeyAsync(http.Request.Headers[KeyHeader].ToString(), db, cache, writer, clock);
        if (till is null) return Results.Problem(statusCode: 401, title: "Chiave mancante o non valida",
            detail: $"Indicate nell'intestazione {KeyHeader} una chiave attiva del vostro esercizio (si crea in «Chiavi per la cassa»).");
        if (body is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Il corpo della richiesta deve essere JSON."] });

        var who = new Verifier(till.NetworkId, [till.PartnerId], null, till.Id, "api:" + till.Id, "cassa: " + till.Name);
        var result = await verify.RunAsync(who, new VerifyRequest(body.Code, body.ShopId, body.Record, body.PurchaseAmount, body.DiscountAmount, body.OfferId, body.IdempotencyKey), http.RequestAborted);
        if (result is null) return Results.Problem(statusCode: 404, title: "Negozio non trovato", detail: "Il negozio indicato non è di questo esercizio.");
        if (result.Errors is { Count: > 0 } errors)
            return Results.ValidationProblem(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }));
        return Results.Ok(new VerificationResponse(char.ToLowerInvariant(result.Verdict.ToString()[0]) + result.Verdict.ToString()[1..], result.Accepted, result.Message,
            result.Holder, result.NetworkName, result.ValidUntil, result.Offers ?? [], result.Redemption));
    }

    /// <summary>
    /// An active key by its SHA-256, of a partner that still has merchant staff; cached for 10 s (a revoked key stops at
    /// once on the instance that revoked it, within 10 s on the others). Its last use is written with the next recorded purchases, at most once per 10 s.
    /// </summary>
    public static async Task<TillKey?> FindKeyAsync(string? key, AppDbContext db, IMemoryCache cache, RedemptionWriter writer, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200) return null;
        var hash = Hash(key);
        if (cache.TryGetValue("till-key:" + hash, out TillKey? cached)) return cached;
        var found = await ActiveKeyByHash(db, hash);
        cache.Set("till-key:" + hash, found, TimeSpan.FromSeconds(10));
        if (found is not null) writer.NoteKeyUsed(found.Id, clock.GetUtcNow().UtcDateTime);
        return found;
    }

    static readonly Func<AppDbContext, string, Task<TillKey?>> ActiveKeyByHash = EF.CompileAsyncQuery((AppDbContext db, string hash) =>
        db.PartnerApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null
                // A till speaks for the merchant's staff: a partner with no merchant left in the network has no working key.
                && db.Memberships.Any(m => m.PartnerId == k.PartnerId && m.NetworkId == k.NetworkId && m.Role == Platform.Auth.NetworkRole.Merchant))
            .Select(k => new TillKey(k.Id, k.NetworkId, k.PartnerId, k.Name)).FirstOrDefault());

    public static void Forget(IMemoryCache cache, string keyHash) => cache.Remove("till-key:" + keyHash);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "cf_" + 32 random bytes in base64url. Shown once; only its hash is kept.</summary>
    public static string NewKey() => "cf_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
