using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>One of the relying party's keys, stored encrypted with the data-protection keys (shared by every instance).</summary>
public class FederationKey
{
    public Guid Id { get; set; }
    /// <summary><see cref="FederationKeys.Federation"/>, <see cref="FederationKeys.Signing"/> or <see cref="FederationKeys.Encryption"/>: one row each (unique).</summary>
    public string Purpose { get; set; } = "";
    public string Kid { get; set; } = "";
    public string ProtectedJwk { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The relying party's three RSA keys: the federation key (signs the Entity Configuration), the OpenID Connect signing key
/// (request objects, client assertions) and the encryption key (the provider encrypts the UserInfo answer to it).
/// From configuration when given (<c>Spid:RelyingParty:*Jwk</c>), otherwise generated on first use and kept in the
/// database table <c>FederationKeys</c>, encrypted with data protection. Two instances starting at once make one each
/// and the unique index keeps the first.
/// </summary>
public sealed class FederationKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<SpidOptions> options, TimeProvider clock)
{
    public const string Federation = "federation";
    public const string Signing = "signing";
    public const string Encryption = "encryption";
    IDataProtector Protector => protection.CreateProtector("Alleanza.Spid.FederationKey.v1");
    readonly SemaphoreSlim gate = new(1, 1);
    Dictionary<string, RsaJwk>? keys;

    public async Task<RsaJwk> GetAsync(string purpose, CancellationToken cancel = default) => (await AllAsync(cancel))[purpose];

    public async Task<IReadOnlyDictionary<string, RsaJwk>> AllAsync(CancellationToken cancel = default)
    {
        if (keys is not null) return keys;
        await gate.WaitAsync(cancel);
        try
        {
            if (keys is not null) return keys;
            var rp = options.Value.RelyingParty;
            var loaded = new Dictionary<string, RsaJwk>();
            foreach (var (purpose, configured) in new[] { (Federation, rp.FederationKeyJwk), (Signing, rp.SigningKeyJwk), (Encryption, rp.EncryptionKeyJwk) })
            {
                var use = purpose == Encryption ? "enc" : "sig";
                loaded[purpose] = string.IsNullOrWhiteSpace(configured) ? await StoredAsync(purpose, use, cancel) : RsaJwk.FromPrivateJson(configured, use);
            }
            return keys = loaded;
        }
        finally { gate.Release(); }
    }

    async Task<RsaJwk> StoredAsync(string purpose, string use, CancellationToken cancel)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.FederationKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Purpose == purpose, cancel);
        if (row is null)
        {
            var made = RsaJwk.Generate(use);
            db.FederationKeys.Add(new FederationKey
            {
                Id = Guid.NewGuid(), Purpose = purpose, Kid = made.Kid, CreatedAt = clock.GetUtcNow().UtcDateTime,
                ProtectedJwk = Protector.Protect(made.PrivateJson()),
            });
            try { await db.SaveChangesAsync(cancel); return made; }
            catch (DbUpdateException)
            {
                // Another instance made it first: use theirs.
                db.ChangeTracker.Clear();
                row = await db.FederationKeys.AsNoTracking().FirstAsync(k => k.Purpose == purpose, cancel);
            }
        }
        return RsaJwk.FromPrivateJson(Protector.Unprotect(row.ProtectedJwk), use);
    }

    internal static void Configure(ModelBuilder b) => b.Entity<FederationKey>(e =>
    {
        e.ToTable("FederationKeys");
        e.Property(k => k.Purpose).HasMaxLength(20);
        e.Property(k => k.Kid).HasMaxLength(100);
        e.HasIndex(k => k.Purpose).IsUnique();
    });
}
