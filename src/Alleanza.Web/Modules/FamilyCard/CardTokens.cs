using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// The Family Card's QR format (documented in the README, "Il QR della Carta Famiglia").
/// <para>
/// Live code, shown on the family's phone and redrawn every 30 seconds:
/// <c>CF1.{credential}.{credentialSignature}.{unixSeconds}.{deviceSignature}</c>.
/// The credential is base64url JSON <c>{"v":1,"k":kid,"n":network,"c":card,"d":device,"p":devicePublicKey,"e":expires}</c>
/// signed (ECDSA P-256, SHA-256, r‖s) by the network key <c>k</c>; it binds the card to a key pair that the browser
/// made non-extractable when the card was activated. The device signs <c>CF1.{credential}.{credentialSignature}.{unixSeconds}</c>
/// with that key, so a copy of the credential is useless without the phone, and a screenshot is refused after
/// <see cref="MaxAge"/>.
/// </para>
/// <para>
/// Printed code, for families without a smartphone: <c>CFP1.{claim}.{signature}</c> with the claim
/// <c>{"v":1,"k":kid,"n":network,"c":card,"i":issued}</c>. It never expires by itself, so verification answers
/// "stampata: verificare un documento".
/// </para>
/// Everything here is pure: keys come in through <see cref="KeyLookup"/>, time through the caller.
/// </summary>
public static class CardTokens
{
    public const string LivePrefix = "CF1";
    public const string PrintedPrefix = "CFP1";
    /// <summary>The code changes every 30 s; a minute allows for a slow scan and small clock differences.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    /// <summary>A phone's clock may run a little ahead of the server's.</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromSeconds(30);
    /// <summary>Longest accepted token (a live code is about 470 characters).</summary>
    public const int MaxLength = 2000;

    /// <summary>A network's public key: which network it speaks for, and the key (SubjectPublicKeyInfo).</summary>
    public sealed record PublicKey(string Network, byte[] SubjectPublicKeyInfo);
    public delegate PublicKey? KeyLookup(string kid);

    public sealed class CredentialClaims
    {
        [JsonPropertyName("v")] public int Version { get; set; } = 1;
        [JsonPropertyName("k")] public string Kid { get; set; } = "";
        [JsonPropertyName("n")] public string Network { get; set; } = "";
        [JsonPropertyName("c")] public Guid CardId { get; set; }
        [JsonPropertyName("d")] public Guid DeviceId { get; set; }
        [JsonPropertyName("p")] public string DevicePublicKey { get; set; } = "";
        [JsonPropertyName("e")] public long ExpiresAt { get; set; }
    }

    public sealed class PrintedClaims
    {
        [JsonPropertyName("v")] public int Version { get; set; } = 1;
        [JsonPropertyName("k")] public string Kid { get; set; } = "";
        [JsonPropertyName("n")] public string Network { get; set; } = "";
        [JsonPropertyName("c")] public Guid CardId { get; set; }
        [JsonPropertyName("i")] public long IssuedAt { get; set; }
    }

    public enum Outcome
    {
        Valid, ValidPrinted, Malformed, UnknownKey, WrongNetworkKey, BadSignature, BadDeviceKey, BadDeviceSignature,
        CredentialExpired, TooOld, FromTheFuture,
    }

    /// <param name="ReplayKey">For a valid live code: what makes it this code and no other (see <see cref="ReplayKeyOf"/>).</param>
    public sealed record Result(Outcome Outcome, string Network = "", Guid CardId = default, Guid? DeviceId = null, string? ReplayKey = null)
    {
        public bool Authentic => Outcome is Outcome.Valid or Outcome.ValidPrinted;
    }

    /// <summary>
    /// The replay key of a live code: SHA-256 of the signed credential's bytes and the second it was shown, as numbers.
    /// Only what the signatures vouch for goes in, never the signatures themselves: an ECDSA signature (r, s) is also valid
    /// as (r, n−s), so a key made from the code's text would let a rewritten signature pass as a new code. The credential's
    /// base64url must be canonical (<see cref="TryDecode"/>), so its bytes have one spelling; the time is the parsed number.
    /// </summary>
    public static string ReplayKeyOf(ReadOnlySpan<byte> credential, long shownAt)
    {
        var data = new byte[credential.Length + 8];
        credential.CopyTo(data);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(credential.Length), shownAt);
        return Convert.ToHexStringLower(SHA256.HashData(data));
    }

    /// <summary>Italian words for the merchant, for every refusal.</summary>
    public static string Explain(Outcome outcome) => outcome switch
    {
        Outcome.Valid => "Codice autentico.",
        Outcome.ValidPrinted => "Carta stampata: verificare un documento d'identità.",
        Outcome.Malformed => "Il codice non è una Carta Famiglia leggibile.",
        Outcome.UnknownKey => "Il codice è firmato con una chiave che nessuna rete ha pubblicato: falso.",
        Outcome.WrongNetworkKey => "Il codice è firmato con la chiave di un'altra rete: falso.",
        Outcome.BadSignature => "La firma della rete non corrisponde: codice falso o alterato.",
        Outcome.BadDeviceKey or Outcome.BadDeviceSignature => "Il codice non viene dal telefono su cui la carta è stata attivata: falso o alterato.",
        Outcome.CredentialExpired => "La carta è scaduta.",
        Outcome.TooOld => "Il codice è vecchio (forse una foto dello schermo): chiedete di mostrare la carta dal telefono.",
        Outcome.FromTheFuture => "L'orologio del telefono della famiglia non è corretto: chiedete di aggiornarlo.",
        _ => "Codice non valido.",
    };

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ---------- Issuing (server) ----------

    public static string SignCredential(CredentialClaims claims, ECDsa networkKey) => SignPart(JsonSerializer.SerializeToUtf8Bytes(claims, Json), networkKey);

    public static string PrintedCode(PrintedClaims claims, ECDsa networkKey) => $"{PrintedPrefix}.{SignPart(JsonSerializer.SerializeToUtf8Bytes(claims, Json), networkKey)}";

    static string SignPart(byte[] payload, ECDsa key)
    {
        var signature = key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>What the phone does every 30 seconds (the browser does it with WebCrypto; tests and the bench with this).</summary>
    public static string Present(string signedCredential, DateTimeOffset at, ECDsa deviceKey)
    {
        var signed = $"{LivePrefix}.{signedCredential}.{at.ToUnixTimeSeconds()}";
        var signature = deviceKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Uncompressed point 0x04‖X‖Y, as WebCrypto exports a P-256 public key in "raw" form.</summary>
    public static byte[] RawPublicKey(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return [0x04, .. p.Q.X!, .. p.Q.Y!];
    }

    // ---------- Checking (server, offline-capable page, tills) ----------

    /// <summary>Checks format, signatures and time. Card status (revoked, suspended …) is the caller's, online.</summary>
    public static Result Check(string? token, KeyLookup keys, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxLength) return new(Outcome.Malformed);
        // Exactly the code: callers trim what a person typed; here even a space makes a different code.
        var parts = token.Split('.');
        if (parts[0] == PrintedPrefix && parts.Length == 3) return CheckPrinted(parts, keys);
        if (parts[0] != LivePrefix || parts.Length != 5) return new(Outcome.Malformed);

        if (!TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var credentialSignature) || !TryDecode(parts[4], out var deviceSignature)
            || !long.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shownAt)
            || parts[3] != shownAt.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return new(Outcome.Malformed);
        CredentialClaims? claims;
        try { claims = JsonSerializer.Deserialize<CredentialClaims>(payload, Json); }
        catch (JsonException) { return new(Outcome.Malformed); }
        if (claims is null || claims.Version != 1 || claims.CardId == Guid.Empty || claims.Kid.Length == 0) return new(Outcome.Malformed);

        var key = keys(claims.Kid);
        if (key is null) return new(Outcome.UnknownKey, claims.Network, claims.CardId);
        if (key.Network != claims.Network) return new(Outcome.WrongNetworkKey, claims.Network, claims.CardId);
        if (!Verify(key.SubjectPublicKeyInfo, payload, credentialSignature)) return new(Outcome.BadSignature, claims.Network, claims.CardId);

        if (!TryDecode(claims.DevicePublicKey, out var raw) || raw.Length != 65 || raw[0] != 0x04) return new(Outcome.BadDeviceKey, claims.Network, claims.CardId);
        bool deviceOk;
        try
        {
            using var device = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = raw[1..33], Y = raw[33..] } });
            var signed = Encoding.ASCII.GetBytes(token[..(parts[0].Length + parts[1].Length + parts[2].Length + parts[3].Length + 3)]);
            deviceOk = device.VerifyData(signed, deviceSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException) { return new(Outcome.BadDeviceKey, claims.Network, claims.CardId); }
        if (!deviceOk) return new(Outcome.BadDeviceSignature, claims.Network, claims.CardId);

        var nowSeconds = now.ToUnixTimeSeconds();
        if (claims.ExpiresAt <= nowSeconds) return new(Outcome.CredentialExpired, claims.Network, claims.CardId, claims.DeviceId);
        if (shownAt > nowSeconds + (long)MaxClockAhead.TotalSeconds) return new(Outcome.FromTheFuture, claims.Network, claims.CardId, claims.DeviceId);
        if (nowSeconds - shownAt > (long)MaxAge.TotalSeconds) return new(Outcome.TooOld, claims.Network, claims.CardId, claims.DeviceId);
        return new(Outcome.Valid, claims.Network, claims.CardId, claims.DeviceId, ReplayKeyOf(payload, shownAt));
    }

    static Result CheckPrinted(string[] parts, KeyLookup keys)
    {
        if (!TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature)) return new(Outcome.Malformed);
        PrintedClaims? claims;
        try { claims = JsonSerializer.Deserialize<PrintedClaims>(payload, Json); }
        catch (JsonException) { return new(Outcome.Malformed); }
        if (claims is null || claims.Version != 1 || claims.CardId == Guid.Empty || claims.Kid.Length == 0) return new(Outcome.Malformed);
        var key = keys(claims.Kid);
        if (key is null) return new(Outcome.UnknownKey, claims.Network, claims.CardId);
        if (key.Network != claims.Network) return new(Outcome.WrongNetworkKey, claims.Network, claims.CardId);
        if (!Verify(key.SubjectPublicKeyInfo, payload, signature)) return new(Outcome.BadSignature, claims.Network, claims.CardId);
        return new(Outcome.ValidPrinted, claims.Network, claims.CardId);
    }

    static bool Verify(byte[] subjectPublicKeyInfo, byte[] data, byte[] signature)
    {
        if (signature.Length != 64) return false;
        try
        {
            return NetworkKey(subjectPublicKeyInfo).VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException) { return false; }
    }

    // Importing a public key costs about twice a verification (OpenSSL validates the point). The networks' keys are few
    // and come from the database, never from a token, so each thread keeps the ones it has imported.
    [ThreadStatic] static Dictionary<string, ECDsa>? imported;

    static ECDsa NetworkKey(byte[] subjectPublicKeyInfo)
    {
        imported ??= new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        var id = Convert.ToBase64String(subjectPublicKeyInfo);
        if (imported.TryGetValue(id, out var key)) return key;
        key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        if (imported.Count >= 64) imported.Clear(); // retired keys do not pile up
        return imported[id] = key;
    }

    static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text)) return false;
        try { bytes = Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return false; }
        // Only the canonical spelling: otherwise a changed padding bit would give a different token with the same bytes.
        return Base64Url.EncodeToString(bytes) == text;
    }
}
