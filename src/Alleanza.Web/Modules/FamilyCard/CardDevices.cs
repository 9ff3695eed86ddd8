using System.Buffers.Text;
using System.Security.Cryptography;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>The family's side of a card: finding its own cards, activating them on a phone, the credential, the printed code.</summary>
public sealed class CardDevices(AppDbContext db, CardKeys keys, TimeProvider clock, AuditLog audit)
{
    public const int MaxDevicesPerCard = 5;

    /// <summary>A card of the signed-in family's household in this network, or null (unknown and foreign cards look the same).</summary>
    public Task<Card?> FindOwnAsync(Guid networkId, Guid userId, Guid cardId) =>
        db.Cards.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cardId && c.NetworkId == networkId
            && db.Households.Any(h => h.Id == c.HouseholdId && h.OwnerUserId == userId));

    public Task<List<CardDevice>> DevicesAsync(Guid cardId) =>
        db.CardDevices.AsNoTracking().Where(d => d.CardId == cardId && d.RevokedAt == null).OrderBy(d => d.CreatedAt).ToListAsync();

    public sealed record Activation(Guid DeviceId, string Credential, long ExpiresAt);

    /// <summary>Binds a browser's public key (raw P-256, base64url) to the card. Returns an error in words, or the credential.</summary>
    public async Task<(string? Error, Activation? Activation)> ActivateAsync(Card card, string? publicKey, string? label)
    {
        if (card.StateAt(clock.GetUtcNow().UtcDateTime) != CardState.Valid) return ("La carta non è valida: non si può attivare.", null);
        if (publicKey is null || publicKey.Length > 200 || !Base64Url.IsValid(publicKey)) return ("Chiave del dispositivo non valida.", null);
        var raw = Base64Url.DecodeFromChars(publicKey);
        if (raw.Length != 65 || raw[0] != 0x04 || Base64Url.EncodeToString(raw) != publicKey) return ("Chiave del dispositivo non valida.", null);
        try
        {
            // A point that is not on the curve is refused here, not at the counter.
            using var check = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = raw[1..33], Y = raw[33..] } });
        }
        catch (CryptographicException) { return ("Chiave del dispositivo non valida.", null); }
        // Activations of one card take turns (the card's row is written first, which locks it until commit), so that
        // several phones activating at once cannot go past the limit together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Cards.Where(c => c.Id == card.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1));
        if (await db.CardDevices.CountAsync(d => d.CardId == card.Id && d.RevokedAt == null) >= MaxDevicesPerCard)
            return ($"La carta è già attiva su {MaxDevicesPerCard} dispositivi: disattivatene uno prima.", null);

        var device = new CardDevice
        {
            Id = Guid.NewGuid(), CardId = card.Id, PublicKey = raw, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Label = label is null ? null : (label.Length > 200 ? label[..200] : label),
        };
        db.CardDevices.Add(device);
        audit.Add("card.device-activated", "Card", card.Id, device.Label, card.NetworkId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (null, await CredentialAsync(card, device));
    }

    /// <summary>A fresh credential for a device still active (after a key rotation or a renewal), or null.</summary>
    public async Task<Activation?> RefreshAsync(Card card, Guid deviceId)
    {
        if (card.StateAt(clock.GetUtcNow().UtcDateTime) != CardState.Valid) return null;
        var device = await db.CardDevices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId && d.CardId == card.Id && d.RevokedAt == null);
        return device is null ? null : await CredentialAsync(card, device);
    }

    public async Task<bool> RevokeAsync(Card card, Guid deviceId)
    {
        var revoked = await db.CardDevices.Where(d => d.Id == deviceId && d.CardId == card.Id && d.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, clock.GetUtcNow().UtcDateTime));
        if (revoked > 0) await audit.WriteAsync("card.device-revoked", "Card", card.Id, null, card.NetworkId);
        return revoked > 0;
    }

    async Task<Activation> CredentialAsync(Card card, CardDevice device)
    {
        var (kid, key) = await keys.SigningKeyAsync(card.NetworkId);
        using (key)
        {
            var slug = await db.Networks.Where(n => n.Id == card.NetworkId).Select(n => n.Slug).FirstAsync();
            var expires = new DateTimeOffset(card.ValidUntil).ToUnixTimeSeconds();
            var credential = CardTokens.SignCredential(new CardTokens.CredentialClaims
            {
                Kid = kid, Network = slug, CardId = card.Id, DeviceId = device.Id,
                DevicePublicKey = Base64Url.EncodeToString(device.PublicKey), ExpiresAt = expires,
            }, key);
            return new Activation(device.Id, credential, expires);
        }
    }

    /// <summary>The static signed code of the printed card.</summary>
    public async Task<string> PrintedCodeAsync(Card card)
    {
        var (kid, key) = await keys.SigningKeyAsync(card.NetworkId);
        using (key)
        {
            var slug = await db.Networks.Where(n => n.Id == card.NetworkId).Select(n => n.Slug).FirstAsync();
            return CardTokens.PrintedCode(new CardTokens.PrintedClaims { Kid = kid, Network = slug, CardId = card.Id, IssuedAt = clock.GetUtcNow().ToUnixTimeSeconds() }, key);
        }
    }
}
