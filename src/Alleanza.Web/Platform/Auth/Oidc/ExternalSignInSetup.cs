using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>
/// Sign-in with SPID, CIE and other OpenID providers on the stock OpenID Connect handler: one scheme per configured
/// provider; for the federation's providers the configuration comes from the checked trust chain, the authorization
/// request is a signed request object (PKCE S256, acr_values, the claims asked), the client authenticates with
/// private_key_jwt and the UserInfo answer (JWE around a JWS) is decrypted and checked here.
/// </summary>
public static class ExternalSignInSetup
{
    /// <summary>Claims the external cookie carries to the completion page.</summary>
    public static class Claims
    {
        public const string FiscalCode = "fiscal_number";
        public const string GivenName = "given_name";
        public const string FamilyName = "family_name";
        public const string Email = "email";
        public const string Acr = "acr";
        public const string Provider = "alleanza:idp";
        public const string Subject = "sub";
    }

    public const string StartPath = "/account/accesso-esterno";
    public const string CompletePath = "/account/accesso-esterno/completa";
    public const string EntityConfigurationPath = "/.well-known/openid-federation";
    const string FiscalNumberUri = "https://attributes.eid.gov.it/fiscal_number";

    public static IServiceCollection AddExternalSignIn(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection(SpidOptions.Section);
        var options = section.Get<SpidOptions>() ?? new SpidOptions();
        var development = options.DevelopmentProvider && (env.IsDevelopment() || env.IsEnvironment("Testing"));
        var origin = (config["App:PublicUrl"] is { Length: > 0 } url ? url.Trim() : PublicSite.DevelopmentUrl).TrimEnd('/');
        if (development) options.Providers.AddRange(DevelopmentFederation.ProvidersFor(origin));
        services.AddOptions<SpidOptions>().Bind(section).PostConfigure<PublicSite>((o, site) =>
        {
            if (string.IsNullOrWhiteSpace(o.RelyingParty.EntityId)) o.RelyingParty.EntityId = site.Origin;
            if (development) o.Providers.AddRange(DevelopmentFederation.ProvidersFor(origin));
        });
        var client = services.AddHttpClient(TrustChainResolver.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<TrustChainResolver>();
        services.AddSingleton<TrustChains>();
        services.AddSingleton<FederationKeys>();
        services.AddScoped<ExternalSignInLog>();
        services.AddScoped<ExternalSignInEvents>();
        services.AddHostedService<ExternalSignInLogPruning>(); // the log outlives a switch-off: pruned whether sign-in is on or not
        if (development)
        {
            services.AddSingleton<DevelopmentFederation>();
            services.AddOptions<SpidOptions>().PostConfigure<DevelopmentFederation>((o, fake) => fake.PinTrustAnchor(o));
            client.ConfigurePrimaryHttpMessageHandler(sp => new DevelopmentFederation.Handler(sp.GetRequiredService<DevelopmentFederation>()));
        }
        if (!options.Enabled) return services;

        var providers = options.Providers;
        var auth = services.AddAuthentication();
        foreach (var provider in providers)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(provider.Id, "^[a-z0-9-]{1,40}$"))
                throw new InvalidOperationException($"Spid:Providers: l'id «{provider.Id}» deve avere solo lettere minuscole, cifre e trattini.");
            var p = provider;
            auth.AddOpenIdConnect(p.Scheme, p.Name, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.CallbackPath = p.CallbackPath;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.ClaimActions.Remove("acr"); // the level reached goes to the log
                o.DisableTelemetry = true;
                o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
                o.EventsType = typeof(ExternalSignInEvents);
                // The answer comes back as a top-level GET: Lax cookies are sent with it, on http in development too.
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                if (p.Kind == ProviderKind.Oidc)
                {
                    o.Authority = p.Issuer;
                    o.ClientId = p.ClientId;
                    o.ClientSecret = p.ClientSecret;
                    o.GetClaimsFromUserInfoEndpoint = true;
                    o.Scope.Add("profile");
                    o.Scope.Add("email");
                    if (p.FiscalCodeClaim is { Length: > 0 } claim) o.ClaimActions.MapUniqueJsonKey(claim, claim); // from UserInfo's JSON
                    // Discovery over https, except a provider on this machine (the development fake).
                    o.RequireHttpsMetadata = !(Uri.TryCreate(p.Issuer, UriKind.Absolute, out var issuer) && issuer.IsLoopback);
                }
                else
                {
                    o.GetClaimsFromUserInfoEndpoint = false; // encrypted: read by the events
                }
            });
            services.AddOptions<OpenIdConnectOptions>(p.Scheme).Configure<IHttpClientFactory, TrustChains, IOptions<SpidOptions>>((o, http, chains, spid) =>
            {
                o.Backchannel = http.CreateClient(TrustChainResolver.HttpClientName);
                if (p.Kind != ProviderKind.Oidc)
                {
                    o.ClientId = spid.Value.RelyingParty.EntityId;
                    o.ConfigurationManager = new FederationConfigurationManager(chains, p.Issuer);
                }
                o.TokenValidationParameters.ValidAudience = o.ClientId;
            });
        }
        return services;
    }

    /// <summary>The providers offered, configured and (in development) the fake ones.</summary>
    public static IReadOnlyList<ProviderOptions> Offered(SpidOptions options) => options.Enabled ? options.Providers : [];

    public static void MapExternalSignIn(this WebApplication app)
    {
        app.MapGet(EntityConfigurationPath, async (IOptions<SpidOptions> options, FederationKeys keys, TimeProvider clock, CancellationToken cancel) =>
        {
            if (!options.Value.Enabled) return Results.NotFound();
            var jwt = await EntityConfiguration.BuildAsync(options.Value, keys, clock.GetUtcNow().UtcDateTime, cancel);
            return Results.Text(jwt, Jose.EntityStatementMediaType);
        }).ExcludeFromDescription();

        // The button's link: the provider's trust chain is checked first, so a broken federation is a message, not an error page.
        app.MapGet(StartPath + "/{id}", async (string id, string? returnUrl, HttpContext http, IOptions<SpidOptions> options, TrustChains chains, ExternalSignInLog log, CancellationToken cancel) =>
        {
            var provider = Offered(options.Value).FirstOrDefault(p => p.Id == id);
            if (provider is null) return Results.NotFound();
            if (provider.Kind != ProviderKind.Oidc)
            {
                try { await chains.GetAsync(provider.Issuer, cancel); }
                catch (FederationException e)
                {
                    await log.WriteAsync(provider, false, e.Failure.ToString(), e.Message, cancel: cancel);
                    return Results.Redirect(FailurePath(e.Failure));
                }
            }
            var back = PlatformSetup.AfterSignIn(returnUrl);
            var properties = new AuthenticationProperties { RedirectUri = CompletePath + "?returnUrl=" + Uri.EscapeDataString(back) };
            properties.Items["alleanza:provider"] = provider.Id;
            return Results.Challenge(properties, [provider.Scheme]);
        }).RequireRateLimiting(PlatformSetup.SignInRateLimit).ExcludeFromDescription();

        if (app.Services.GetService<DevelopmentFederation>() is not null) DevelopmentFederation.Map(app);
    }

    public static string FailurePath(FederationFailure failure) => Modules.Accounts.AccountsModule.SignInPath + "?esterno=" + failure.ToString().ToLowerInvariant();

    /// <summary>The Italian message for a refusal (the sign-in page shows it).</summary>
    public static string? Message(string? code) => Enum.TryParse<FederationFailure>(code, ignoreCase: true, out var f) ? f switch
    {
        FederationFailure.Signature => Tr.Get("Accesso non riuscito: la risposta del gestore dell'identità digitale non ha una firma valida."),
        FederationFailure.TrustChain => Tr.Get("Accesso non riuscito: il gestore dell'identità digitale non risulta nella federazione SPID/CIE riconosciuta da questo sito."),
        FederationFailure.Expired => Tr.Get("Accesso non riuscito: i dati di federazione del gestore dell'identità digitale sono scaduti. Riprova più tardi."),
        FederationFailure.Replay => Tr.Get("Accesso non riuscito: la richiesta di accesso è scaduta o è già stata usata. Riprova dall'inizio."),
        FederationFailure.MissingFiscalCode => Tr.Get("Accesso non riuscito: il gestore dell'identità digitale non ha comunicato il codice fiscale, che serve per accedere."),
        FederationFailure.Cancelled => Tr.Get("Accesso annullato: non hai autorizzato l'invio dei tuoi dati."),
        _ => Tr.Get("Accesso non riuscito: il gestore dell'identità digitale non risponde come previsto. Riprova più tardi o accedi in un altro modo."),
    } : null;

    internal static FederationFailure Classify(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case FederationException f: return f.Failure;
                case SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException: return FederationFailure.Signature;
                case SecurityTokenExpiredException: return FederationFailure.Expired;
                case OpenIdConnectProtocolInvalidNonceException: return FederationFailure.Replay;
            }
            var m = x.Message;
            if (m.Contains("Correlation failed", StringComparison.OrdinalIgnoreCase) || m.Contains("state", StringComparison.OrdinalIgnoreCase)
                || m.Contains("invalid_grant", StringComparison.Ordinal) || m.Contains("nonce", StringComparison.OrdinalIgnoreCase)) return FederationFailure.Replay;
            if (m.Contains("Access was denied", StringComparison.OrdinalIgnoreCase) || m.Contains("access_denied", StringComparison.Ordinal)) return FederationFailure.Cancelled;
        }
        return FederationFailure.Other;
    }

    internal static string? FiscalCodeFrom(JsonObject claims)
    {
        var raw = (string?)(claims[FiscalNumberUri] ?? claims["fiscal_number"] ?? claims["fiscal_code"]);
        if (raw is null) return null;
        raw = raw.Trim();
        if (raw.StartsWith("TINIT-", StringComparison.OrdinalIgnoreCase)) raw = raw[6..];
        var code = Modules.Families.ItalianFiscalCode.Normalize(raw);
        return code is not null && Modules.Families.ItalianFiscalCode.Problem(code) is null ? code : null;
    }

    internal static JsonObject ClaimsAsked() => new()
    {
        ["userinfo"] = new JsonObject
        {
            [FiscalNumberUri] = new JsonObject { ["essential"] = true },
            ["given_name"] = null, ["family_name"] = null, ["email"] = null,
        },
    };

    internal static string NewJti() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The handler's events for every external provider (resolved per request).</summary>
public sealed class ExternalSignInEvents(IOptions<SpidOptions> spid, FederationKeys keys, ExternalSignInLog log, TimeProvider clock, IHttpClientFactory http,
    PublicSite site) : OpenIdConnectEvents
{
    ProviderOptions ProviderOf(AuthenticationScheme scheme) =>
        ExternalSignInSetup.Offered(spid.Value).First(p => p.Scheme == scheme.Name);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public override async Task RedirectToIdentityProvider(RedirectContext context)
    {
        var provider = ProviderOf(context.Scheme);
        var message = context.ProtocolMessage;
        // The address registered with the provider comes from App:PublicUrl, never from the request's Host.
        message.RedirectUri = site.Link(provider.CallbackPath);
        if (provider.Kind == ProviderKind.Oidc) return;
        var acr = provider.AcrValues ?? spid.Value.AcrValues;
        // What the handler does after this event, done here because the request object must carry the final state.
        context.Properties.Items[OpenIdConnectDefaults.RedirectUriForCodePropertiesKey] = message.RedirectUri;
        message.State = context.Options.StateDataFormat.Protect(context.Properties);
        var config = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var signing = await keys.GetAsync(FederationKeys.Signing, context.HttpContext.RequestAborted);
        var clientId = context.Options.ClientId!;
        var now = Now;
        var request = new JsonObject
        {
            ["iss"] = clientId, ["sub"] = clientId, ["aud"] = new JsonArray(config.Issuer, config.AuthorizationEndpoint),
            ["iat"] = Jose.Epoch(now), ["exp"] = Jose.Epoch(now.AddMinutes(5)), ["jti"] = ExternalSignInSetup.NewJti(),
            ["client_id"] = clientId, ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = message.RedirectUri,
            ["state"] = message.State, ["nonce"] = message.Nonce,
            ["code_challenge"] = message.GetParameter("code_challenge"), ["code_challenge_method"] = message.GetParameter("code_challenge_method"),
            ["acr_values"] = acr, ["prompt"] = "consent login", ["ui_locales"] = "it", ["claims"] = ExternalSignInSetup.ClaimsAsked(),
        };
        var url = new OpenIdConnectMessage { IssuerAddress = config.AuthorizationEndpoint };
        url.ClientId = clientId;
        url.ResponseType = "code";
        url.Scope = "openid";
        url.SetParameter("code_challenge", message.GetParameter("code_challenge"));
        url.SetParameter("code_challenge_method", message.GetParameter("code_challenge_method"));
        url.SetParameter("request", Jose.Sign(request, signing));
        context.Response.Redirect(url.CreateAuthenticationRequestUrl());
        context.HandleResponse();
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        var provider = ProviderOf(context.Scheme);
        if (provider.Kind == ProviderKind.Oidc || context.TokenEndpointRequest is null) return;
        var config = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var signing = await keys.GetAsync(FederationKeys.Signing, context.HttpContext.RequestAborted);
        var clientId = context.Options.ClientId!;
        var now = Now;
        var assertion = new JsonObject
        {
            ["iss"] = clientId, ["sub"] = clientId, ["aud"] = config.TokenEndpoint,
            ["iat"] = Jose.Epoch(now), ["exp"] = Jose.Epoch(now.AddMinutes(5)), ["jti"] = ExternalSignInSetup.NewJti(),
        };
        context.TokenEndpointRequest.ClientSecret = null;
        context.TokenEndpointRequest.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
        context.TokenEndpointRequest.ClientAssertion = Jose.Sign(assertion, signing);
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var provider = ProviderOf(context.Scheme);
        if (provider.Kind == ProviderKind.Oidc) return;
        var cancel = context.HttpContext.RequestAborted;
        var config = await context.Options.ConfigurationManager!.GetConfigurationAsync(cancel);
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(accessToken)) { context.Fail(new FederationException(FederationFailure.Malformed, "nessun access token")); return; }
        string body;
        try
        {
            using var client = http.CreateClient(TrustChainResolver.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, config.UserInfoEndpoint);
            request.Headers.Authorization = new("Bearer", accessToken);
            using var response = await client.SendAsync(request, cancel);
            if (!response.IsSuccessStatusCode) { context.Fail(new FederationException(FederationFailure.Unreachable, $"UserInfo: {(int)response.StatusCode}")); return; }
            body = (await response.Content.ReadAsStringAsync(cancel)).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            context.Fail(new FederationException(FederationFailure.Unreachable, "UserInfo non raggiungibile")); return;
        }
        var encryption = await keys.GetAsync(FederationKeys.Encryption, cancel);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body, new TokenValidationParameters
        {
            TokenDecryptionKeys = [encryption.Key], IssuerSigningKeys = config.SigningKeys, TryAllIssuerSigningKeys = true,
            ValidIssuer = config.Issuer, ValidAudience = context.Options.ClientId, RequireExpirationTime = false, ValidateLifetime = false,
            RequireSignedTokens = true,
        });
        if (!result.IsValid)
        {
            var failure = ExternalSignInSetup.Classify(result.Exception);
            context.Fail(new FederationException(failure == FederationFailure.Other ? FederationFailure.Malformed : failure, "UserInfo: " + result.Exception?.Message));
            return;
        }
        var token = (JsonWebToken)result.SecurityToken;
        var inner = token.InnerToken ?? token;
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(inner.EncodedPayload))!.AsObject();
        var sub = context.Principal?.FindFirst("sub")?.Value;
        if ((string?)claims["sub"] != sub) { context.Fail(new FederationException(FederationFailure.Malformed, "UserInfo di un altro soggetto")); return; }
        var fiscalCode = ExternalSignInSetup.FiscalCodeFrom(claims);
        if (fiscalCode is null)
        {
            context.Fail(new FederationException(FederationFailure.MissingFiscalCode, "UserInfo senza codice fiscale valido"));
            return;
        }
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        identity.AddClaim(new(ExternalSignInSetup.Claims.FiscalCode, fiscalCode));
        foreach (var name in new[] { "given_name", "family_name", "email" })
            if ((string?)claims[name] is { Length: > 0 and <= 256 } value && identity.FindFirst(name) is null) identity.AddClaim(new(name, value.Trim()));
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var provider = ProviderOf(context.Scheme);
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        if (provider.Kind == ProviderKind.Oidc && identity.FindFirst(ExternalSignInSetup.Claims.FiscalCode) is null
            && provider.FiscalCodeClaim is { } claim && identity.FindFirst(claim)?.Value is { } raw)
        {
            if (ExternalSignInSetup.FiscalCodeFrom(new JsonObject { ["fiscal_number"] = raw }) is { } code) identity.AddClaim(new(ExternalSignInSetup.Claims.FiscalCode, code));
        }
        identity.AddClaim(new(ExternalSignInSetup.Claims.Provider, provider.Id));
        await log.WriteAsync(provider, true, "authenticated", acr: identity.FindFirst("acr")?.Value,
            fiscalCode: identity.FindFirst(ExternalSignInSetup.Claims.FiscalCode)?.Value, subject: identity.FindFirst("sub")?.Value,
            cancel: context.HttpContext.RequestAborted);
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        var provider = ExternalSignInSetup.Offered(spid.Value).FirstOrDefault(p => p.Scheme == context.Scheme.Name);
        var failure = ExternalSignInSetup.Classify(context.Failure);
        if (provider is not null) await log.WriteAsync(provider, false, failure.ToString(), context.Failure?.Message);
        context.Response.Redirect(ExternalSignInSetup.FailurePath(failure));
        context.HandleResponse();
    }
}
