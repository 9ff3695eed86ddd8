using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Modules.FamilyCard.Residence;

/// <summary>Whom to look for: the applicant's codice fiscale and the Comune (with its ISTAT code when known) they declare to live in.</summary>
public sealed record ResidenceQuery(Guid NetworkId, string ComuneName, string? ComuneIstatCode, string? FiscalCode, string? DeclaredAddress);

/// <summary>What the check found, with a note in Italian for the officer.</summary>
public sealed record ResidenceResult(ResidenceCheckOutcome Outcome, string Note);

/// <summary>
/// Checks that an applicant lives in the Comune. The default (<see cref="DeclaredResidence"/>) asks no register: the residence
/// is declared by the family and checked by the officer. <see cref="AnprResidenceCheck"/> asks ANPR through PDND, per installation
/// (<c>ResidenceCheck:Mode = Anpr</c>), with each Comune's own PDND client.
/// </summary>
public interface IResidenceCheck
{
    Task<ResidenceResult> CheckAsync(ResidenceQuery query, CancellationToken cancel = default);
}

/// <summary>The default: nothing is asked of a register.</summary>
public sealed class DeclaredResidence : IResidenceCheck
{
    public Task<ResidenceResult> CheckAsync(ResidenceQuery query, CancellationToken cancel = default) =>
        Task.FromResult(new ResidenceResult(ResidenceCheckOutcome.Declared, "Residenza dichiarata dalla famiglia: da controllare nell'anagrafe del Comune."));
}

/// <summary>Configuration of the residence check (section <c>ResidenceCheck</c>).</summary>
public sealed class ResidenceCheckOptions
{
    /// <summary>"Declared" (default) or "Anpr".</summary>
    public string Mode { get; set; } = "Declared";
    public AnprOptions Anpr { get; set; } = new();
}

/// <summary>ANPR through PDND (the national interoperability platform): the voucher endpoint, the e-service, each Comune's client.</summary>
public sealed class AnprOptions
{
    /// <summary>PDND's voucher endpoint (production: https://auth.interop.pagopa.it/token.oauth2; test: https://auth.uat.interop.pagopa.it/token.oauth2).</summary>
    public string TokenUrl { get; set; } = "https://auth.interop.pagopa.it/token.oauth2";
    /// <summary>The audience of the client assertion, as PDND's back office shows it (production: auth.interop.pagopa.it/client-assertion).</summary>
    public string Audience { get; set; } = "auth.interop.pagopa.it/client-assertion";
    /// <summary>The ANPR e-service «accertamento residenza» (C001) endpoint, from its descriptor in the PDND catalogue.</summary>
    public string ServiceUrl { get; set; } = "";
    /// <summary>The e-service's audience for the Agid-JWT-Signature / TrackingEvidence tokens (from the descriptor).</summary>
    public string ServiceAudience { get; set; } = "";
    /// <summary>The use case sent to ANPR (casoUso) and the reason (motivoRichiesta), as agreed in the purpose on PDND.</summary>
    public string UseCase { get; set; } = "C001";
    public string Reason { get; set; } = "1";
    public int TimeoutSeconds { get; set; } = 10;
    /// <summary>One PDND client per Comune that joined the e-service (the Comune is the consumer, not the platform).</summary>
    public List<AnprComuneClient> Comuni { get; set; } = [];
}

public sealed class AnprComuneClient
{
    /// <summary>The Comune, by ISTAT code (preferred) or by name as the network writes it.</summary>
    public string? IstatCode { get; set; }
    public string? Name { get; set; }
    /// <summary>The PDND client id (iss and sub of the client assertion).</summary>
    public string ClientId { get; set; } = "";
    /// <summary>The id of the public key uploaded on PDND for the client (kid).</summary>
    public string KeyId { get; set; } = "";
    /// <summary>The purpose (finalità) the Comune registered for the e-service.</summary>
    public string PurposeId { get; set; } = "";
    /// <summary>The RSA private key, PEM (PKCS#8 or PKCS#1), inline or as a file path.</summary>
    public string? PrivateKeyPem { get; set; }
    public string? PrivateKeyPath { get; set; }
    /// <summary>The user of the Comune shown in the tracking evidence (e.g. the office), and where.</summary>
    public string UserId { get; set; } = "alleanza";
    public string UserLocation { get; set; } = "alleanza";
}

/// <summary>
/// ANPR's «accertamento residenza» through PDND, as a consumer of the Comune:
/// 1. a client assertion — a JWT signed RS256 with the Comune's key (kid), iss = sub = client id, aud = PDND's audience,
///    purposeId, jti, iat, exp (2 minutes) — is exchanged at PDND's token endpoint (grant client_credentials,
///    client_assertion_type jwt-bearer) for a voucher;
/// 2. the e-service is called with the voucher as bearer, the body's SHA-256 digest in <c>Digest</c>, an <c>Agid-JWT-Signature</c>
///    (ModI INTEGRITY_REST_01: the digest signed) and an <c>Agid-JWT-TrackingEvidence</c> (ModI AUDIT_REST_02: who asks, from where);
/// 3. the answer's residence (comune name or ISTAT code) is compared with the Comune of the application.
/// Any failure (no client for the Comune, PDND or ANPR refusing or unreachable) is «Unavailable»: the officer checks by hand.
/// Vouchers are not cached (a few applications a day per Comune).
/// </summary>
public sealed class AnprResidenceCheck(HttpClient http, IOptions<ResidenceCheckOptions> options, TimeProvider clock, ILogger<AnprResidenceCheck> log) : IResidenceCheck
{
    AnprOptions Anpr => options.Value.Anpr;

    public async Task<ResidenceResult> CheckAsync(ResidenceQuery query, CancellationToken cancel = default)
    {
        if (query.FiscalCode is null)
            return new(ResidenceCheckOutcome.Unavailable, "Nessun codice fiscale dell'adulto che fa la domanda: l'anagrafe non è stata interrogata.");
        var client = Anpr.Comuni.FirstOrDefault(c => query.ComuneIstatCode is not null && c.IstatCode == query.ComuneIstatCode)
            ?? Anpr.Comuni.FirstOrDefault(c => c.Name is not null && string.Equals(c.Name, query.ComuneName, StringComparison.OrdinalIgnoreCase));
        if (client is null || string.IsNullOrWhiteSpace(Anpr.ServiceUrl))
            return new(ResidenceCheckOutcome.Unavailable, $"Il Comune di {query.ComuneName} non è collegato ad ANPR tramite PDND: controllate la residenza nell'anagrafe.");
        try
        {
            using var key = RSA.Create();
            key.ImportFromPem(client.PrivateKeyPem ?? await File.ReadAllTextAsync(client.PrivateKeyPath!, cancel));
            var voucher = await VoucherAsync(client, key, cancel);
            if (voucher is null) return new(ResidenceCheckOutcome.Unavailable, "PDND non ha rilasciato il voucher per ANPR: controllate la residenza nell'anagrafe.");
            var body = JsonSerializer.Serialize(new JsonObject
            {
                ["idOperazioneClient"] = Guid.NewGuid().ToString("N")[..20],
                ["criteriRicerca"] = new JsonObject { ["codiceFiscale"] = query.FiscalCode },
                ["datiRichiesta"] = new JsonObject
                {
                    ["dataRiferimentoRichiesta"] = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd"),
                    ["motivoRichiesta"] = Anpr.Reason, ["casoUso"] = Anpr.UseCase,
                },
            });
            var digest = "SHA-256=" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            using var request = new HttpRequestMessage(HttpMethod.Post, Anpr.ServiceUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", voucher);
            request.Headers.TryAddWithoutValidation("Digest", digest);
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation("Agid-JWT-Signature", Jwt.Sign(key, client.KeyId, new JsonObject
            {
                ["iss"] = client.ClientId, ["sub"] = client.ClientId, ["aud"] = Anpr.ServiceAudience, ["jti"] = Guid.NewGuid().ToString(),
                ["iat"] = now, ["nbf"] = now, ["exp"] = now + 120,
                ["signed_headers"] = new JsonArray(new JsonObject { ["digest"] = digest }, new JsonObject { ["content-type"] = "application/json" }),
            }));
            request.Headers.TryAddWithoutValidation("Agid-JWT-TrackingEvidence", Jwt.Sign(key, client.KeyId, new JsonObject
            {
                ["iss"] = client.ClientId, ["aud"] = Anpr.ServiceAudience, ["purposeId"] = client.PurposeId, ["jti"] = Guid.NewGuid().ToString(),
                ["iat"] = now, ["exp"] = now + 120, ["userID"] = client.UserId, ["userLocation"] = client.UserLocation, ["LoA"] = "substantial",
            }));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(Anpr.TimeoutSeconds));
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return new(ResidenceCheckOutcome.NotConfirmed, "ANPR non trova una persona con questo codice fiscale.");
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("ANPR ha risposto {Status} all'accertamento di residenza", (int)response.StatusCode);
                return new(ResidenceCheckOutcome.Unavailable, $"ANPR ha risposto con un errore ({(int)response.StatusCode}): controllate la residenza nell'anagrafe.");
            }
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var residences = answer?["listaSoggetti"]?["datiSoggetto"]?.AsArray().SelectMany(s => s?["residenza"]?.AsArray() ?? []).ToList() ?? [];
            if (residences.Count == 0) return new(ResidenceCheckOutcome.NotConfirmed, "ANPR non riporta una residenza per questo codice fiscale.");
            foreach (var residence in residences)
            {
                var comune = residence?["indirizzo"]?["comune"];
                var name = comune?["nomeComune"]?.GetValue<string>();
                var istat = comune?["codiceIstat"]?.GetValue<string>();
                if ((query.ComuneIstatCode is not null && istat == query.ComuneIstatCode) || string.Equals(name, query.ComuneName, StringComparison.OrdinalIgnoreCase))
                    return new(ResidenceCheckOutcome.Confirmed, $"ANPR conferma la residenza a {query.ComuneName}.");
            }
            var elsewhere = residences[0]?["indirizzo"]?["comune"]?["nomeComune"]?.GetValue<string>();
            return new(ResidenceCheckOutcome.NotConfirmed, elsewhere is null ? $"ANPR non conferma la residenza a {query.ComuneName}." : $"Per ANPR la persona risiede a {elsewhere}, non a {query.ComuneName}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or CryptographicException or IOException or ArgumentException && !cancel.IsCancellationRequested)
        {
            log.LogWarning(e, "Accertamento di residenza su ANPR non riuscito");
            return new(ResidenceCheckOutcome.Unavailable, "ANPR non è raggiungibile ora: controllate la residenza nell'anagrafe.");
        }
    }

    async Task<string?> VoucherAsync(AnprComuneClient client, RSA key, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var assertion = Jwt.Sign(key, client.KeyId, new JsonObject
        {
            ["iss"] = client.ClientId, ["sub"] = client.ClientId, ["aud"] = Anpr.Audience, ["purposeId"] = client.PurposeId,
            ["jti"] = Guid.NewGuid().ToString(), ["iat"] = now, ["exp"] = now + 120,
        });
        using var form = new FormUrlEncodedContent([
            new("client_id", client.ClientId), new("client_assertion", assertion),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), new("grant_type", "client_credentials"),
        ]);
        using var response = await http.PostAsync(Anpr.TokenUrl, form, cancel);
        if (!response.IsSuccessStatusCode)
        {
            log.LogWarning("PDND ha rifiutato il voucher ({Status})", (int)response.StatusCode);
            return null;
        }
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel));
        return token?["access_token"]?.GetValue<string>();
    }
}

/// <summary>A compact JWS signed RS256 (what PDND and ModI ask for), without a token library.</summary>
public static class Jwt
{
    public static string Sign(RSA key, string keyId, JsonObject payload)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The payload of a token signed RS256 by <paramref name="key"/>, or null when the signature does not hold.</summary>
    public static JsonObject? Verify(RSA key, string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var ok = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return ok ? JsonNode.Parse(Base64UrlDecode(parts[1])) as JsonObject : null;
        }
        catch (FormatException) { return null; }
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
