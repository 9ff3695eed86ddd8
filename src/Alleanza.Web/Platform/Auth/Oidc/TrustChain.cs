using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>A provider's trust chain, resolved and checked: its OpenID provider metadata (with the superiors' policies applied) until <see cref="Expires"/>.</summary>
public sealed record TrustChain(string Subject, JsonObject ProviderMetadata, IList<SecurityKey> ProviderKeys, DateTime Expires, IReadOnlyList<string> Path);

/// <summary>
/// Resolves and checks a provider's trust chain up to the configured trust anchor (SPID/CIE OIDC Federation, OpenID
/// Federation 1.0): the provider's self-signed Entity Configuration, then for each superior named in authority_hints its
/// own Entity Configuration and the subordinate statement it publishes about the subject (fetch endpoint), whose keys must
/// be the ones that signed the subject's configuration; the trust anchor's configuration is checked against the keys pinned
/// in <c>Spid:TrustAnchor:Jwks</c>, never against the keys it publishes. Every statement must be in force; the chain's
/// expiry is the earliest of them. Of the metadata policy operators, value, default, add and one_of are applied.
/// </summary>
public sealed class TrustChainResolver(IHttpClientFactory http, IOptions<SpidOptions> options, TimeProvider clock, ILogger<TrustChainResolver> log)
{
    public const string HttpClientName = "spid-federation";
    const int MaxDepth = 4;
    const string WellKnown = "/.well-known/openid-federation";

    public async Task<TrustChain> ResolveAsync(string subject, CancellationToken cancel = default)
    {
        var anchor = options.Value.TrustAnchor;
        if (string.IsNullOrWhiteSpace(anchor.EntityId) || string.IsNullOrWhiteSpace(anchor.Jwks))
            throw new FederationException(FederationFailure.TrustChain, "trust anchor non configurato (Spid:TrustAnchor)");
        IList<SecurityKey> anchorKeys;
        try { anchorKeys = Jose.Keys(JsonNode.Parse(anchor.Jwks)); }
        catch (System.Text.Json.JsonException) { throw new FederationException(FederationFailure.TrustChain, "le chiavi del trust anchor configurate non sono un JWK set"); }

        var now = clock.GetUtcNow().UtcDateTime;
        var leaf = await SelfSignedAsync(subject, null, now, cancel);
        var metadata = leaf.Payload["metadata"]?["openid_provider"]?.DeepClone().AsObject()
            ?? throw new FederationException(FederationFailure.Malformed, "il provider non pubblica metadati openid_provider");
        var expires = leaf.Expires;
        var path = new List<string> { subject };
        var policies = new List<JsonObject>();

        var current = leaf;
        for (var depth = 0; ; depth++)
        {
            if (depth >= MaxDepth) throw new FederationException(FederationFailure.TrustChain, "catena di fiducia troppo lunga");
            var hints = current.Payload["authority_hints"]?.AsArray().Select(h => (string?)h).OfType<string>().ToList() ?? [];
            // The trust anchor when it is among the hints, otherwise the first intermediate.
            var superior = hints.FirstOrDefault(h => Same(h, anchor.EntityId)) ?? hints.FirstOrDefault()
                ?? throw new FederationException(FederationFailure.TrustChain, $"{current.Subject} non indica nessun superiore (authority_hints)");
            var isAnchor = Same(superior, anchor.EntityId);
            var sup = await SelfSignedAsync(superior, isAnchor ? anchorKeys : null, now, cancel);
            var fetchEndpoint = (string?)sup.Payload["metadata"]?["federation_entity"]?["federation_fetch_endpoint"]
                ?? throw new FederationException(FederationFailure.TrustChain, $"{superior} non pubblica il federation_fetch_endpoint");
            var statementJwt = await GetAsync(fetchEndpoint + (fetchEndpoint.Contains('?') ? "&" : "?") + "sub=" + Uri.EscapeDataString(current.Subject), notFound: FederationFailure.TrustChain, cancel);
            var statement = await Jose.ValidateAsync(statementJwt, sup.Keys, superior, null, Jose.EntityStatementType, now);
            var statementPayload = Jose.UnverifiedPayload(statementJwt);
            if ((string?)statementPayload["sub"] != current.Subject)
                throw new FederationException(FederationFailure.TrustChain, $"la dichiarazione di {superior} riguarda un altro soggetto");
            // The superior vouches for the subject's keys: the subject's configuration must be signed by one of them.
            var vouched = Jose.Keys(statementPayload["jwks"]);
            try { await Jose.ValidateAsync(current.Jwt, vouched, current.Subject, null, Jose.EntityStatementType, now); }
            catch (FederationException e) when (e.Failure == FederationFailure.Signature)
            {
                throw new FederationException(FederationFailure.TrustChain, $"le chiavi di {current.Subject} non sono quelle registrate presso {superior}");
            }
            expires = Min(expires, statement.ValidTo);
            expires = Min(expires, sup.Expires);
            if (statementPayload["metadata_policy"]?["openid_provider"] is JsonObject policy) policies.Add(policy);
            path.Add(superior);
            if (isAnchor) break;
            current = sup;
        }
        // Policies apply from the trust anchor down.
        for (var i = policies.Count - 1; i >= 0; i--) Apply(policies[i], metadata);
        var providerKeys = Jose.Keys(metadata["jwks"]);
        if (providerKeys.Count == 0) throw new FederationException(FederationFailure.Malformed, "il provider non pubblica le chiavi OpenID Connect (jwks)");
        log.LogInformation("Trust chain of {Subject} resolved through {Path}, valid until {Expires:u}", subject, string.Join(" → ", path), expires);
        return new TrustChain(subject, metadata, providerKeys, expires, path);
    }

    sealed record Statement(string Jwt, string Subject, JsonObject Payload, IList<SecurityKey> Keys, DateTime Expires);

    /// <summary>An entity's configuration, checked against <paramref name="pinned"/> keys or, without them, its own.</summary>
    async Task<Statement> SelfSignedAsync(string entityId, IList<SecurityKey>? pinned, DateTime now, CancellationToken cancel)
    {
        var jwt = await GetAsync(entityId.TrimEnd('/') + WellKnown, notFound: FederationFailure.Unreachable, cancel);
        var payload = Jose.UnverifiedPayload(jwt);
        if ((string?)payload["iss"] != (string?)payload["sub"] || !Same((string?)payload["sub"], entityId))
            throw new FederationException(FederationFailure.TrustChain, $"la configurazione di {entityId} non è autoemessa");
        var own = Jose.Keys(payload["jwks"]);
        var token = await Jose.ValidateAsync(jwt, pinned ?? own, (string?)payload["iss"], null, Jose.EntityStatementType, now);
        return new Statement(jwt, (string)payload["sub"]!, payload, own, token.ValidTo);
    }

    async Task<string> GetAsync(string url, FederationFailure notFound, CancellationToken cancel)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, cancel);
            if (!response.IsSuccessStatusCode)
                throw new FederationException(response.StatusCode == System.Net.HttpStatusCode.NotFound ? notFound : FederationFailure.Unreachable,
                    $"{url} ha risposto {(int)response.StatusCode}");
            var body = (await response.Content.ReadAsStringAsync(cancel)).Trim();
            if (body.Length > 200_000) throw new FederationException(FederationFailure.Malformed, $"{url}: risposta troppo grande");
            return body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            throw new FederationException(FederationFailure.Unreachable, $"{url} non raggiungibile: {e.Message}");
        }
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>A superior's metadata policy on the provider's metadata (the operators the SPID/CIE federation uses).</summary>
    internal static void Apply(JsonObject policy, JsonObject metadata)
    {
        foreach (var (claim, node) in policy)
        {
            if (node is not JsonObject ops) continue;
            if (ops["value"] is { } value) { metadata[claim] = value.DeepClone(); continue; }
            if (ops["add"] is JsonArray add)
            {
                var current = metadata[claim] as JsonArray ?? [];
                foreach (var item in add)
                    if (!current.Any(c => JsonNode.DeepEquals(c, item))) current.Add(item?.DeepClone());
                metadata[claim] = current.DeepClone();
            }
            if (metadata[claim] is null && ops["default"] is { } def) metadata[claim] = def.DeepClone();
            if (ops["one_of"] is JsonArray oneOf && metadata[claim] is JsonValue v && !oneOf.Any(o => JsonNode.DeepEquals(o, v)))
                throw new FederationException(FederationFailure.TrustChain, $"il valore di {claim} non è ammesso dalla federazione");
            if (ops["subset_of"] is JsonArray subset && metadata[claim] is JsonArray values)
                metadata[claim] = new JsonArray(values.Where(x => subset.Any(s => JsonNode.DeepEquals(s, x))).Select(x => x?.DeepClone()).ToArray());
        }
    }
}
