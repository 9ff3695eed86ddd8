using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>
/// A fake SPID/CIE federation for development and tests, never for production: a trust anchor and two OpenID providers
/// ("SPID di prova", "CIE di prova") served by the app itself under <see cref="BasePath"/>, with their own keys made at
/// start, signed entity statements, signed id tokens and a UserInfo answer signed and encrypted to the relying party's
/// key — made with the same libraries as the real thing. Beside them, outside the federation, a plain OpenID provider
/// ("Comune di prova": discovery, client secret, PKCE, plain JSON UserInfo with the fiscal code) for the generic option. The app's federation HTTP client answers their addresses in
/// process (no network). Enabled only with <c>Spid:Enabled</c> and <c>Spid:DevelopmentProvider</c> in the Development
/// or Testing environment. The provider's page asks whom to sign in as (fiscal code, names, e-mail).
/// Tests set <see cref="Faults"/> to make it misbehave.
/// </summary>
public sealed class DevelopmentFederation
{
    public const string BasePath = "/dev/federazione";

    public sealed class FaultSettings
    {
        /// <summary>The id token is signed with a key the provider never published.</summary>
        public bool WrongIdTokenSignature { get; set; }
        /// <summary>The trust anchor has no statement about the provider (not registered).</summary>
        public bool ProviderNotRegistered { get; set; }
        /// <summary>The provider's configuration is signed with a key the trust anchor does not vouch for.</summary>
        public bool ProviderKeyNotVouched { get; set; }
        /// <summary>The provider's Entity Configuration has expired.</summary>
        public bool ExpiredProviderConfiguration { get; set; }
        /// <summary>The UserInfo answer carries no fiscal number.</summary>
        public bool OmitFiscalCode { get; set; }

        public void Clear() { WrongIdTokenSignature = ProviderNotRegistered = ProviderKeyNotVouched = ExpiredProviderConfiguration = OmitFiscalCode = false; }
    }

    public sealed record Person(string FiscalCode, string GivenName, string FamilyName, string? Email);

    sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string CodeChallenge, string? Acr, Person Person, string Issuer);

    readonly string origin;
    readonly TimeProvider clock;
    readonly Func<CancellationToken, Task<string>> relyingPartyConfiguration;
    readonly RsaJwk anchorKey = RsaJwk.Generate("sig");
    readonly RsaJwk strayKey = RsaJwk.Generate("sig");
    readonly Dictionary<string, (RsaJwk Federation, RsaJwk Signing)> providerKeys;
    readonly ConcurrentDictionary<string, Grant> codes = new();
    readonly ConcurrentDictionary<string, Grant> accessTokens = new();

    public FaultSettings Faults { get; } = new();

    public DevelopmentFederation(PublicSite site, TimeProvider clock, IServiceProvider services)
        : this(site.Origin, clock, cancel => EntityConfiguration.BuildAsync(services.GetRequiredService<IOptions<SpidOptions>>().Value,
            services.GetRequiredService<FederationKeys>(), clock.GetUtcNow().UtcDateTime, cancel)) { }

    public DevelopmentFederation(string origin, TimeProvider clock, Func<CancellationToken, Task<string>> relyingPartyConfiguration)
    {
        this.origin = origin.TrimEnd('/');
        this.clock = clock;
        this.relyingPartyConfiguration = relyingPartyConfiguration;
        providerKeys = ProvidersFor(this.origin).ToDictionary(p => p.Issuer, _ => (RsaJwk.Generate("sig"), RsaJwk.Generate("sig")));
    }

    public string TrustAnchorId => origin + BasePath + "/ta";

    /// <summary>The providers it plays, as configuration.</summary>
    public static IReadOnlyList<ProviderOptions> ProvidersFor(string origin) =>
    [
        new() { Id = "spid-prova", Name = "SPID di prova", Kind = ProviderKind.Spid, Issuer = origin.TrimEnd('/') + BasePath + "/spid" },
        new() { Id = "cie-prova", Name = "CIE di prova", Kind = ProviderKind.Cie, Issuer = origin.TrimEnd('/') + BasePath + "/cie" },
        new()
        {
            Id = "oidc-prova", Name = "Comune di prova", Kind = ProviderKind.Oidc, Issuer = origin.TrimEnd('/') + BasePath + "/oidc",
            ClientId = PlainClientId, ClientSecret = PlainClientSecret, FiscalCodeClaim = "fiscal_number",
        },
    ];

    public const string PlainClientId = "alleanza-prova";
    public const string PlainClientSecret = "segreto-di-prova";

    string PlainIssuer => origin + BasePath + "/oidc";

    /// <summary>Points the options at this trust anchor (its keys pinned) unless another one is configured.</summary>
    public void PinTrustAnchor(SpidOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.TrustAnchor.EntityId) && o.TrustAnchor.EntityId != TrustAnchorId) return;
        o.TrustAnchor.EntityId = TrustAnchorId;
        o.TrustAnchor.Jwks = new JsonObject { ["keys"] = new JsonArray(anchorKey.PublicJwk()) }.ToJsonString();
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public sealed record Answer(HttpStatusCode Status, string ContentType, string Body);

    static Answer Jwt(string jwt, string type = Jose.EntityStatementMediaType) => new(HttpStatusCode.OK, type, jwt);
    static Answer Error(HttpStatusCode status, string error, string description) =>
        new(status, "application/json", new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());

    /// <summary>Answers a back-channel request (federation endpoints, token, UserInfo), or null when the address is not its own.</summary>
    public async Task<Answer?> AnswerAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string> form, string? bearer, CancellationToken cancel)
    {
        var address = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!address.StartsWith(origin + BasePath, StringComparison.Ordinal)) return null;
        if (address == TrustAnchorId + "/.well-known/openid-federation") return Jwt(AnchorConfiguration());
        if (address == TrustAnchorId + "/fetch") return await FetchAsync(System.Web.HttpUtility.ParseQueryString(url.Query)["sub"], cancel);
        if (address.StartsWith(PlainIssuer + "/", StringComparison.Ordinal)) return PlainAnswer(method, address, form, bearer);
        foreach (var (issuer, keys) in providerKeys)
        {
            if (address == issuer + "/.well-known/openid-federation") return Jwt(ProviderConfiguration(issuer, keys));
            if (address == issuer + "/token" && method == HttpMethod.Post) return await TokenAsync(issuer, keys.Signing, form, cancel);
            if (address == issuer + "/userinfo") return await UserInfoAsync(issuer, keys.Signing, bearer, cancel);
        }
        return new(HttpStatusCode.NotFound, "text/plain", "not found");
    }

    string AnchorConfiguration() => Jose.Sign(new JsonObject
    {
        ["iss"] = TrustAnchorId, ["sub"] = TrustAnchorId, ["iat"] = Jose.Epoch(Now), ["exp"] = Jose.Epoch(Now.AddDays(1)),
        ["jwks"] = new JsonObject { ["keys"] = new JsonArray(anchorKey.PublicJwk()) },
        ["metadata"] = new JsonObject
        {
            ["federation_entity"] = new JsonObject
            {
                ["organization_name"] = "Trust anchor di prova", ["homepage_uri"] = TrustAnchorId,
                ["federation_fetch_endpoint"] = TrustAnchorId + "/fetch",
            },
        },
    }, anchorKey, Jose.EntityStatementType);

    async Task<Answer> FetchAsync(string? sub, CancellationToken cancel)
    {
        JsonObject? jwks = null;
        JsonObject? policy = null;
        if (sub is not null && sub != PlainIssuer && providerKeys.TryGetValue(sub, out var keys))
        {
            if (Faults.ProviderNotRegistered) return Error(HttpStatusCode.NotFound, "not_found", "subject unknown");
            jwks = new JsonObject { ["keys"] = new JsonArray(keys.Federation.PublicJwk()) };
            policy = new JsonObject { ["openid_provider"] = new JsonObject { ["token_endpoint_auth_methods_supported"] = new JsonObject { ["value"] = new JsonArray("private_key_jwt") } } };
        }
        else if (sub is not null)
        {
            // The relying party: registered at onboarding (here: whatever its Entity Configuration says).
            var rp = Jose.UnverifiedPayload(await relyingPartyConfiguration(cancel));
            if ((string?)rp["sub"] == sub) jwks = rp["jwks"]!.DeepClone().AsObject();
        }
        if (jwks is null) return Error(HttpStatusCode.NotFound, "not_found", "subject unknown");
        var statement = new JsonObject
        {
            ["iss"] = TrustAnchorId, ["sub"] = sub, ["iat"] = Jose.Epoch(Now), ["exp"] = Jose.Epoch(Now.AddDays(1)), ["jwks"] = jwks,
        };
        if (policy is not null) statement["metadata_policy"] = policy;
        return Jwt(Jose.Sign(statement, anchorKey, Jose.EntityStatementType));
    }

    string ProviderConfiguration(string issuer, (RsaJwk Federation, RsaJwk Signing) keys)
    {
        var expired = Faults.ExpiredProviderConfiguration;
        var payload = new JsonObject
        {
            ["iss"] = issuer, ["sub"] = issuer,
            ["iat"] = Jose.Epoch(expired ? Now.AddDays(-2) : Now), ["exp"] = Jose.Epoch(expired ? Now.AddDays(-1) : Now.AddDays(1)),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray((Faults.ProviderKeyNotVouched ? strayKey : keys.Federation).PublicJwk()) },
            ["authority_hints"] = new JsonArray(TrustAnchorId),
            ["metadata"] = new JsonObject
            {
                ["openid_provider"] = new JsonObject
                {
                    ["issuer"] = issuer,
                    ["authorization_endpoint"] = issuer + "/authorize",
                    ["token_endpoint"] = issuer + "/token",
                    ["userinfo_endpoint"] = issuer + "/userinfo",
                    ["jwks"] = new JsonObject { ["keys"] = new JsonArray(keys.Signing.PublicJwk()) },
                    ["acr_values_supported"] = new JsonArray(SpidAcr.L1, SpidAcr.L2, SpidAcr.L3),
                    ["response_types_supported"] = new JsonArray("code"),
                    ["scopes_supported"] = new JsonArray("openid", "offline_access"),
                    ["code_challenge_methods_supported"] = new JsonArray("S256"),
                    ["request_object_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["userinfo_encryption_alg_values_supported"] = new JsonArray("RSA-OAEP"),
                    ["userinfo_encryption_enc_values_supported"] = new JsonArray("A256CBC-HS512"),
                    ["claims_supported"] = new JsonArray("https://attributes.eid.gov.it/fiscal_number", "given_name", "family_name", "email"),
                },
                ["federation_entity"] = new JsonObject { ["organization_name"] = "Gestore di prova", ["homepage_uri"] = issuer },
            },
        };
        return Jose.Sign(payload, Faults.ProviderKeyNotVouched ? strayKey : keys.Federation, Jose.EntityStatementType);
    }

    async Task<JsonObject> RelyingPartyMetadataAsync(CancellationToken cancel) =>
        Jose.UnverifiedPayload(await relyingPartyConfiguration(cancel))["metadata"]!["openid_relying_party"]!.AsObject();

    /// <summary>
    /// The front channel: checks the signed request object of an authorization request and answers with the address the
    /// browser goes back to (the relying party's redirect URI with code and state), or an Italian reason for refusing.
    /// </summary>
    public async Task<(string? Redirect, string? Problem)> AuthorizeAsync(string issuer, IReadOnlyDictionary<string, string> query, Person person, CancellationToken cancel)
    {
        if (!providerKeys.ContainsKey(issuer)) return (null, "gestore sconosciuto");
        if (issuer == PlainIssuer) return AuthorizePlain(query, person);
        if (!query.TryGetValue("request", out var requestJwt) || !query.TryGetValue("client_id", out var clientId)) return (null, "manca l'oggetto request firmato");
        var rp = await RelyingPartyMetadataAsync(cancel);
        if ((string?)rp["client_id"] != clientId) return (null, "client_id sconosciuto");
        JsonObject request;
        try
        {
            await Jose.ValidateAsync(requestJwt, Jose.Keys(rp["jwks"]), clientId, issuer, null, Now);
            request = Jose.UnverifiedPayload(requestJwt);
        }
        catch (FederationException e) { return (null, "oggetto request non valido: " + e.Message); }
        var redirect = (string?)request["redirect_uri"];
        if (redirect is null || !(rp["redirect_uris"]?.AsArray().Any(u => (string?)u == redirect) ?? false)) return (null, "redirect_uri non registrato");
        if ((string?)request["code_challenge_method"] != "S256" || (string?)request["code_challenge"] is not { Length: > 0 } challenge) return (null, "PKCE S256 richiesto");
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        codes[code] = new Grant(clientId, redirect, (string?)request["nonce"], challenge, (string?)request["acr_values"], person, issuer);
        var state = (string?)request["state"] ?? "";
        return ($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}&iss={Uri.EscapeDataString(issuer)}", null);
    }

    async Task<Answer> TokenAsync(string issuer, RsaJwk signing, IReadOnlyDictionary<string, string> form, CancellationToken cancel)
    {
        if (form.GetValueOrDefault("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || form.GetValueOrDefault("client_assertion") is not { } assertion)
            return Error(HttpStatusCode.Unauthorized, "invalid_client", "private_key_jwt required");
        var rp = await RelyingPartyMetadataAsync(cancel);
        var clientId = (string?)rp["client_id"];
        try { await Jose.ValidateAsync(assertion, Jose.Keys(rp["jwks"]), clientId, issuer + "/token", null, Now); }
        catch (FederationException) { return Error(HttpStatusCode.Unauthorized, "invalid_client", "bad client assertion"); }
        if (form.GetValueOrDefault("code") is not { } code || !codes.TryRemove(code, out var grant) || grant.Issuer != issuer)
            return Error(HttpStatusCode.BadRequest, "invalid_grant", "code unknown or used");
        var verifier = form.GetValueOrDefault("code_verifier") ?? "";
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.CodeChallenge)
            return Error(HttpStatusCode.BadRequest, "invalid_grant", "PKCE verification failed");
        if (form.GetValueOrDefault("redirect_uri") != grant.RedirectUri) return Error(HttpStatusCode.BadRequest, "invalid_grant", "redirect_uri mismatch");
        var accessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        accessTokens[accessToken] = grant;
        var atHash = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        var idToken = Jose.Sign(new JsonObject
        {
            ["iss"] = issuer, ["sub"] = Subject(grant), ["aud"] = grant.ClientId, ["iat"] = Jose.Epoch(Now), ["exp"] = Jose.Epoch(Now.AddMinutes(10)),
            ["nonce"] = grant.Nonce, ["acr"] = grant.Acr ?? SpidAcr.L2, ["at_hash"] = atHash, ["jti"] = ExternalSignInSetup.NewJti(),
        }, Faults.WrongIdTokenSignature ? strayKey : signing);
        return new(HttpStatusCode.OK, "application/json", new JsonObject
        {
            ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 600, ["id_token"] = idToken,
        }.ToJsonString());
    }

    async Task<Answer> UserInfoAsync(string issuer, RsaJwk signing, string? bearer, CancellationToken cancel)
    {
        if (bearer is null || !accessTokens.TryGetValue(bearer, out var grant) || grant.Issuer != issuer) return Error(HttpStatusCode.Unauthorized, "invalid_token", "unknown token");
        var rp = await RelyingPartyMetadataAsync(cancel);
        var encryptTo = Jose.EncryptionKeys(rp["jwks"]).FirstOrDefault();
        if (encryptTo is null) return Error(HttpStatusCode.BadRequest, "invalid_client", "no encryption key");
        var claims = new JsonObject
        {
            ["iss"] = issuer, ["sub"] = Subject(grant), ["aud"] = grant.ClientId, ["iat"] = Jose.Epoch(Now), ["exp"] = Jose.Epoch(Now.AddMinutes(10)),
            ["given_name"] = grant.Person.GivenName, ["family_name"] = grant.Person.FamilyName,
        };
        if (!Faults.OmitFiscalCode) claims["https://attributes.eid.gov.it/fiscal_number"] = "TINIT-" + grant.Person.FiscalCode;
        if (grant.Person.Email is { Length: > 0 } email) claims["email"] = email;
        return new(HttpStatusCode.OK, "application/jwt", Jose.SignAndEncrypt(claims, signing, encryptTo));
    }

    /// <summary>The plain provider's back channel: discovery, its keys, the token (client secret, PKCE) and UserInfo as JSON.</summary>
    Answer PlainAnswer(HttpMethod method, string address, IReadOnlyDictionary<string, string> form, string? bearer)
    {
        var issuer = PlainIssuer;
        var signing = providerKeys[issuer].Signing;
        if (address == issuer + "/.well-known/openid-configuration")
            return new(HttpStatusCode.OK, "application/json", new JsonObject
            {
                ["issuer"] = issuer, ["authorization_endpoint"] = issuer + "/authorize", ["token_endpoint"] = issuer + "/token",
                ["userinfo_endpoint"] = issuer + "/userinfo", ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new JsonArray("code"), ["subject_types_supported"] = new JsonArray("public"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"), ["code_challenge_methods_supported"] = new JsonArray("S256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post"),
                ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
            }.ToJsonString());
        if (address == issuer + "/jwks")
            return new(HttpStatusCode.OK, "application/json", new JsonObject { ["keys"] = new JsonArray(signing.PublicJwk()) }.ToJsonString());
        if (address == issuer + "/token" && method == HttpMethod.Post)
        {
            if (form.GetValueOrDefault("client_id") != PlainClientId || form.GetValueOrDefault("client_secret") != PlainClientSecret)
                return Error(HttpStatusCode.Unauthorized, "invalid_client", "client secret required");
            if (form.GetValueOrDefault("code") is not { } code || !codes.TryRemove(code, out var grant) || grant.Issuer != issuer)
                return Error(HttpStatusCode.BadRequest, "invalid_grant", "code unknown or used");
            if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form.GetValueOrDefault("code_verifier") ?? ""))) != grant.CodeChallenge)
                return Error(HttpStatusCode.BadRequest, "invalid_grant", "PKCE verification failed");
            if (form.GetValueOrDefault("redirect_uri") != grant.RedirectUri) return Error(HttpStatusCode.BadRequest, "invalid_grant", "redirect_uri mismatch");
            var accessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            accessTokens[accessToken] = grant;
            var idToken = Jose.Sign(new JsonObject
            {
                ["iss"] = issuer, ["sub"] = Subject(grant), ["aud"] = grant.ClientId, ["iat"] = Jose.Epoch(Now), ["exp"] = Jose.Epoch(Now.AddMinutes(10)),
                ["nonce"] = grant.Nonce, ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
            }, Faults.WrongIdTokenSignature ? strayKey : signing);
            return new(HttpStatusCode.OK, "application/json", new JsonObject
            {
                ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 600, ["id_token"] = idToken,
            }.ToJsonString());
        }
        if (address == issuer + "/userinfo")
        {
            if (bearer is null || !accessTokens.TryGetValue(bearer, out var grant) || grant.Issuer != issuer) return Error(HttpStatusCode.Unauthorized, "invalid_token", "unknown token");
            var claims = new JsonObject { ["sub"] = Subject(grant), ["given_name"] = grant.Person.GivenName, ["family_name"] = grant.Person.FamilyName };
            if (!Faults.OmitFiscalCode) claims["fiscal_number"] = grant.Person.FiscalCode;
            if (grant.Person.Email is { Length: > 0 } email) claims["email"] = email;
            return new(HttpStatusCode.OK, "application/json", claims.ToJsonString());
        }
        return new(HttpStatusCode.NotFound, "text/plain", "not found");
    }

    /// <summary>The plain provider's front channel: an ordinary code request (client id, registered redirect, PKCE S256).</summary>
    (string? Redirect, string? Problem) AuthorizePlain(IReadOnlyDictionary<string, string> query, Person person)
    {
        if (query.GetValueOrDefault("client_id") != PlainClientId) return (null, "client_id sconosciuto");
        var redirect = query.GetValueOrDefault("redirect_uri");
        if (redirect != origin + "/account/accesso-esterno/oidc-prova/ritorno") return (null, "redirect_uri non registrato");
        if (query.GetValueOrDefault("code_challenge_method") != "S256" || query.GetValueOrDefault("code_challenge") is not { Length: > 0 } challenge) return (null, "PKCE S256 richiesto");
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        codes[code] = new Grant(PlainClientId, redirect, query.GetValueOrDefault("nonce"), challenge, null, person, PlainIssuer);
        return ($"{redirect}?code={code}&state={Uri.EscapeDataString(query.GetValueOrDefault("state") ?? "")}", null);
    }

    /// <summary>A pairwise subject per provider, stable for a person.</summary>
    static string Subject(Grant grant) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grant.Issuer + "|" + grant.Person.FiscalCode)))[..32];

    /// <summary>Answers the federation HTTP client's requests to the fake's addresses in process; others go to the network.</summary>
    public sealed class Handler(DevelopmentFederation federation) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var form = new Dictionary<string, string>();
            if (request.Content is FormUrlEncodedContent or StringContent && request.Method == HttpMethod.Post)
                foreach (var pair in (await request.Content.ReadAsStringAsync(cancel)).Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var kv = pair.Split('=', 2);
                    form[WebUtility.UrlDecode(kv[0])] = kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : "";
                }
            var answer = await federation.AnswerAsync(request.Method, request.RequestUri!, form, request.Headers.Authorization?.Parameter, cancel);
            if (answer is null) return await base.SendAsync(request, cancel);
            return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, answer.ContentType), RequestMessage = request };
        }
    }

    /// <summary>The provider's sign-in page (development only): whom to sign in as.</summary>
    public static void Map(WebApplication app)
    {
        app.MapMethods(BasePath + "/{provider}/authorize", ["GET", "POST"], async (string provider, HttpContext http, DevelopmentFederation federation, CancellationToken cancel) =>
        {
            var issuer = federation.origin + BasePath + "/" + provider;
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            if (HttpMethods.IsPost(http.Request.Method))
            {
                var form = await http.Request.ReadFormAsync(cancel);
                var code = Modules.Families.ItalianFiscalCode.Normalize(form["fiscal_code"]) ?? "";
                var person = new Person(code, form["given_name"].ToString().Trim(), form["family_name"].ToString().Trim(), form["email"].ToString().Trim());
                var (redirect, problem) = await federation.AuthorizeAsync(issuer, query, person, cancel);
                return redirect is null ? Results.Text("Richiesta rifiutata dal gestore di prova: " + problem, "text/plain; charset=utf-8", statusCode: 400) : Results.Redirect(redirect);
            }
            var e = System.Net.WebUtility.HtmlEncode(http.Request.QueryString.Value ?? "");
            var name = provider switch { "cie" => "CIE di prova", "oidc" => "Comune di prova", _ => "SPID di prova" };
            var html = $$"""
                <!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{name}}</title>
                <style>body{font-family:sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#06c;color:#fff;border:0}</style></head>
                <body><main><h1>{{name}}</h1><p>Gestore dell'identità finto, solo per sviluppo e prove: scegli chi accede.</p>
                <form method="post" action="{{BasePath}}/{{provider}}/authorize{{e}}">
                <label for="fiscal_code">Codice fiscale</label><input id="fiscal_code" name="fiscal_code" value="RSSMRA80A01H501U" autocomplete="off">
                <label for="given_name">Nome</label><input id="given_name" name="given_name" value="Mario">
                <label for="family_name">Cognome</label><input id="family_name" name="family_name" value="Rossi">
                <label for="email">Email</label><input id="email" name="email" type="email" value="mario.rossi@example.org">
                <button type="submit">Autorizza e accedi</button></form></main></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        }).ExcludeFromDescription().DisableAntiforgery();
    }
}
