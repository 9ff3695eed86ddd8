using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>An RSA key with its JWK key id (the RFC 7638 thumbprint).</summary>
public sealed class RsaJwk
{
    public RsaJwk(RSAParameters parameters, string use)
    {
        Parameters = parameters;
        Use = use;
        Kid = Thumbprint(parameters);
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        Key = new RsaSecurityKey(rsa) { KeyId = Kid };
    }

    public RSAParameters Parameters { get; }
    public string Use { get; }
    public string Kid { get; }
    public RsaSecurityKey Key { get; }

    public static RsaJwk Generate(string use)
    {
        using var rsa = RSA.Create(2048);
        return new RsaJwk(rsa.ExportParameters(true), use);
    }

    /// <summary>The public JWK as published (kty, use, kid, alg, n, e).</summary>
    public JsonObject PublicJwk() => new()
    {
        ["kty"] = "RSA", ["use"] = Use, ["kid"] = Kid, ["alg"] = Use == "enc" ? "RSA-OAEP" : "RS256",
        ["n"] = Base64UrlEncoder.Encode(Parameters.Modulus!), ["e"] = Base64UrlEncoder.Encode(Parameters.Exponent!),
    };

    /// <summary>The JWK with its private parts (for storage, encrypted).</summary>
    public string PrivateJson()
    {
        var jwk = PublicJwk();
        jwk["d"] = B(Parameters.D); jwk["p"] = B(Parameters.P); jwk["q"] = B(Parameters.Q);
        jwk["dp"] = B(Parameters.DP); jwk["dq"] = B(Parameters.DQ); jwk["qi"] = B(Parameters.InverseQ);
        return jwk.ToJsonString();
        static string B(byte[]? v) => Base64UrlEncoder.Encode(v ?? throw new InvalidOperationException("la chiave non ha la parte privata"));
    }

    /// <summary>Reads a private JWK (RSA). Throws <see cref="InvalidOperationException"/> with an Italian reason when it is not one.</summary>
    public static RsaJwk FromPrivateJson(string json, string use)
    {
        try
        {
            var o = JsonNode.Parse(json)!.AsObject();
            if ((string?)o["kty"] != "RSA") throw new InvalidOperationException("la chiave deve essere RSA (kty \"RSA\")");
            byte[] D(string name) => Base64UrlEncoder.DecodeBytes((string?)o[name] ?? throw new InvalidOperationException($"manca il campo «{name}»"));
            return new RsaJwk(new RSAParameters
            {
                Modulus = D("n"), Exponent = D("e"), D = D("d"), P = D("p"), Q = D("q"), DP = D("dp"), DQ = D("dq"), InverseQ = D("qi"),
            }, use);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new InvalidOperationException("la chiave non è un JWK valido: " + e.Message);
        }
    }

    static string Thumbprint(RSAParameters p)
    {
        // RFC 7638: the required members in lexicographic order, no spaces.
        var canonical = $"{{\"e\":\"{Base64UrlEncoder.Encode(p.Exponent!)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus!)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>Small JOSE helpers over Microsoft.IdentityModel: signed JWTs with a chosen typ, payloads read as JSON.</summary>
public static class Jose
{
    public const string EntityStatementType = "entity-statement+jwt";
    public const string EntityStatementMediaType = "application/entity-statement+jwt";
    static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A JWS (RS256) of <paramref name="payload"/> with the key's kid and the given typ.</summary>
    public static string Sign(JsonObject payload, RsaJwk key, string typ = "JWT") =>
        Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { ["typ"] = typ });

    /// <summary>A JWE (RSA-OAEP, A256CBC-HS512) around a JWS (RS256) of <paramref name="payload"/>, as SPID's UserInfo answers.</summary>
    public static string SignAndEncrypt(JsonObject payload, RsaJwk signing, SecurityKey encryptFor) =>
        Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(signing.Key, SecurityAlgorithms.RsaSha256),
            new EncryptingCredentials(encryptFor, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));

    /// <summary>The payload of a compact JWS as JSON, without checking anything (read the issuer before knowing its keys).</summary>
    public static JsonObject UnverifiedPayload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) throw new FederationException(FederationFailure.Malformed, "la risposta non è un JWT firmato");
        try { return JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject(); }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or NullReferenceException)
        {
            throw new FederationException(FederationFailure.Malformed, "il contenuto del JWT non è leggibile");
        }
    }

    /// <summary>The public keys of a JWK set held in a JSON node (a "jwks" member).</summary>
    public static IList<SecurityKey> Keys(JsonNode? jwks)
    {
        if (jwks is null) return [];
        try { return new JsonWebKeySet(jwks.ToJsonString()).GetSigningKeys(); }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException)
        {
            throw new FederationException(FederationFailure.Malformed, "l'insieme di chiavi (jwks) non è valido");
        }
    }

    /// <summary>The keys of a JWK set for encryption (use "enc").</summary>
    public static IList<SecurityKey> EncryptionKeys(JsonNode? jwks)
    {
        if (jwks is null) return [];
        var set = new JsonWebKeySet(jwks.ToJsonString());
        return set.Keys.Where(k => k.Use == "enc").Cast<SecurityKey>().ToList();
    }

    /// <summary>Checks a JWS's signature, type and lifetime; the exception tells which.</summary>
    public static async Task<JsonWebToken> ValidateAsync(string jwt, IEnumerable<SecurityKey> keys, string? issuer, string? audience, string? typ, DateTime now)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidateIssuer = issuer is not null, ValidIssuer = issuer,
            ValidateAudience = audience is not null, ValidAudience = audience,
            ValidateLifetime = true, ClockSkew = TimeSpan.FromMinutes(2),
            LifetimeValidator = (notBefore, expires, _, p) => (notBefore is null || notBefore <= now + p.ClockSkew) && expires is not null && expires > now - p.ClockSkew,
            ValidTypes = typ is null ? null : [typ],
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
        };
        var result = await Handler.ValidateTokenAsync(jwt, parameters);
        if (result.IsValid) return (JsonWebToken)result.SecurityToken;
        throw result.Exception switch
        {
            SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException => new FederationException(FederationFailure.Expired, "la dichiarazione è scaduta"),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => new FederationException(FederationFailure.Signature, "la firma non corrisponde alle chiavi attese"),
            SecurityTokenInvalidTypeException => new FederationException(FederationFailure.Malformed, "il tipo del JWT non è quello atteso"),
            _ => new FederationException(FederationFailure.Malformed, result.Exception?.Message ?? "JWT non valido"),
        };
    }

    public static long Epoch(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();
}

/// <summary>Why a federation step was refused: each maps to an Italian message on the sign-in page.</summary>
public enum FederationFailure { Signature, Expired, TrustChain, Malformed, Unreachable, MissingFiscalCode, Replay, Cancelled, Other }

public sealed class FederationException(FederationFailure failure, string detail) : Exception(detail)
{
    public FederationFailure Failure { get; } = failure;
}
