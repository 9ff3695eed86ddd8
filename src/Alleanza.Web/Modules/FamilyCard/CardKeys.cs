using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// The networks' signing keys: one active key per network signs new credentials and printed codes; retired keys
/// keep verifying what they signed. Private keys are stored encrypted with data protection (shared by all instances
/// through the database); public keys are published as a JWK set at <see cref="PublishedPath"/>.
/// </summary>
public sealed class CardKeys(AppDbContext db, IDataProtectionProvider protection, IMemoryCache cache, TimeProvider clock)
{
    public const string PublishedPath = "/.well-known/carta-famiglia/chiavi.json";
    const string CacheKey = "alleanza:card-keys";
    const string MissKey = "alleanza:card-keys:miss";
    IDataProtector Protector => protection.CreateProtector("Alleanza.FamilyCard.SigningKey.v1");

    public sealed record Published(string Kid, string Network, byte[] SubjectPublicKeyInfo, bool Active);

    /// <summary>Every network's public keys (cached for a minute; a kid not in the cache reloads at most every 5 s).</summary>
    public async Task<FrozenDictionary<string, Published>> AllAsync(CancellationToken cancel = default)
    {
        if (cache.TryGetValue(CacheKey, out FrozenDictionary<string, Published>? keys) && keys is not null) return keys;
        var rows = await db.CardSigningKeys.AsNoTracking()
            .Join(db.Networks, k => k.NetworkId, n => n.Id, (k, n) => new { k.Kid, n.Slug, k.PublicKey, k.RetiredAt })
            .ToListAsync(cancel);
        keys = rows.ToFrozenDictionary(r => r.Kid, r => new Published(r.Kid, r.Slug, r.PublicKey, r.RetiredAt is null));
        cache.Set(CacheKey, keys, TimeSpan.FromMinutes(1));
        return keys;
    }

    /// <summary>The lookup <see cref="CardTokens.Check"/> needs; an unknown kid (a key made on another instance) reloads the set.</summary>
    public async Task<CardTokens.KeyLookup> LookupAsync(string? kidHint, CancellationToken cancel = default)
    {
        var keys = await AllAsync(cancel);
        if (kidHint is not null && !keys.ContainsKey(kidHint) && !cache.TryGetValue(MissKey, out _))
        {
            cache.Set(MissKey, true, TimeSpan.FromSeconds(5));
            cache.Remove(CacheKey);
            keys = await AllAsync(cancel);
        }
        return kid => keys.TryGetValue(kid, out var k) ? new CardTokens.PublicKey(k.Network, k.SubjectPublicKeyInfo) : null;
    }

    /// <summary>The network's active signing key, made on first use.</summary>
    public async Task<(string Kid, ECDsa Key)> SigningKeyAsync(Guid networkId, CancellationToken cancel = default)
    {
        var row = await db.CardSigningKeys.AsNoTracking().Where(k => k.NetworkId == networkId && k.RetiredAt == null)
            .OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancel);
        row ??= await CreateAsync(networkId, cancel);
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Protector.Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey)), out _);
        return (row.Kid, key);
    }

    /// <summary>Retires the active key and makes a new one. Cards already activated keep working: their credentials are refreshed on the next visit online.</summary>
    public async Task<string> RotateAsync(Guid networkId, CancellationToken cancel = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.CardSigningKeys.Where(k => k.NetworkId == networkId && k.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), cancel);
        var row = await CreateAsync(networkId, cancel);
        return row.Kid;
    }

    async Task<CardSigningKey> CreateAsync(Guid networkId, CancellationToken cancel)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var slug = await db.Networks.Where(n => n.Id == networkId).Select(n => n.Slug).FirstAsync(cancel);
        var row = new CardSigningKey
        {
            Id = Guid.NewGuid(), NetworkId = networkId,
            Kid = $"{(slug.Length > 12 ? slug[..12] : slug)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}",
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            ProtectedPrivateKey = Convert.ToBase64String(Protector.Protect(key.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CardSigningKeys.Add(row);
        await db.SaveChangesAsync(cancel);
        cache.Remove(CacheKey);
        return row;
    }

    /// <summary>The JWK set published for merchants' phones and tills (ES256 keys, with the network each speaks for).</summary>
    public static object JwkSet(IEnumerable<Published> keys) => new
    {
        keys = keys.OrderBy(k => k.Network).ThenBy(k => k.Kid).Select(k =>
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(k.SubjectPublicKeyInfo, out _);
            var p = ec.ExportParameters(false);
            return new Dictionary<string, object>
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["alg"] = "ES256", ["use"] = "sig", ["kid"] = k.Kid,
                ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y),
                ["network"] = k.Network, ["status"] = k.Active ? "active" : "retired",
            };
        }).ToList(),
    };
}

/// <summary>Card numbers: 12 characters of Crockford base32 (60 random bits) in groups of four, e.g. "K7F3-9Q2M-XH4T".</summary>
public static class CardNumbers
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>What a person typed, as a stored number; null when it cannot be one. O→0, I/L→1, spaces and dashes ignored.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        Span<char> chars = stackalloc char[12];
        var n = 0;
        foreach (var raw in typed)
        {
            if (raw is ' ' or '-' or '\t') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (Alphabet.IndexOf(c) < 0 || n == chars.Length) return null;
            chars[n++] = c;
        }
        return n == chars.Length ? $"{chars[..4]}-{chars[4..8]}-{chars[8..]}" : null;
    }
}
