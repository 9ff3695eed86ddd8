using System.Net;
using System.Text.Json.Nodes;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Auth.Oidc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Accounts;

/// <summary>The app with SPID/CIE on and the fake federation (trust anchor, SPID and CIE providers) it serves in development and tests.</summary>
public sealed class SpidFixture : IAsyncLifetime
{
    public AlleanzaFactory App { get; } = AlleanzaFactory.With(new()
    {
        ["Spid:Enabled"] = "true",
        ["Spid:DevelopmentProvider"] = "true",
        ["Spid:RelyingParty:Contacts:0"] = "privacy@alleanza.test.example",
    });

    public DevelopmentFederation Federation => App.Services.GetRequiredService<DevelopmentFederation>();

    /// <summary>Back to a well-behaved federation, with no trust chain kept from the test before.</summary>
    public void Reset()
    {
        Federation.Faults.Clear();
        App.Services.GetRequiredService<TrustChains>().ForgetAll();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// SPID and CIE through the fake federation, in the test process: the relying party's Entity Configuration, the signed
/// request object with PKCE, private_key_jwt, the encrypted UserInfo; every refusal (wrong signature, broken or expired
/// chain, replay, no fiscal code) is a clear Italian message on the sign-in page, never a 500; first sign-in, linking and
/// never two accounts for one fiscal code.
/// </summary>
public class SpidSignInTests(SpidFixture fixture) : IClassFixture<SpidFixture>
{
    AlleanzaFactory App => fixture.App;

    /// <summary>A valid fiscal code from its first 15 characters.</summary>
    static string Cf(string first15) => first15 + ItalianFiscalCode.CheckCharacter(first15);

    sealed record Flow(HttpResponseMessage Final, string? CallbackPathAndQuery, string? RequestObject);

    /// <summary>Clicks the provider's button, signs in at the fake provider as the given person and comes back.</summary>
    async Task<Flow> SignInWithAsync(TestClient client, string provider, string fiscalCode, string given = "Mario", string family = "Rossi", string? email = null)
    {
        var start = await client.Http.GetAsync($"/account/accesso-esterno/{provider}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        if (!authorize.IsAbsoluteUri || !authorize.AbsolutePath.StartsWith(DevelopmentFederation.BasePath)) return new Flow(start, null, null);
        var request = System.Web.HttpUtility.ParseQueryString(authorize.Query)["request"];
        var page = await client.Http.GetAsync(authorize.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var answer = await client.Http.PostAsync(authorize.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fiscal_code"] = fiscalCode, ["given_name"] = given, ["family_name"] = family, ["email"] = email ?? $"{fiscalCode.ToLowerInvariant()}@example.org",
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.StartsWith(TestEnvironment.PublicUrl + "/account/accesso-esterno/" + provider + "/ritorno?", callback.ToString());
        var back = await client.Http.GetAsync(callback.PathAndQuery);
        return new Flow(back, callback.PathAndQuery, request);
    }

    static string? Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString;

    async Task<string> RefusalAsync(TestClient client, HttpResponseMessage final, string expectedCode)
    {
        Assert.Equal(HttpStatusCode.Redirect, final.StatusCode);
        Assert.Equal("/account/accedi?esterno=" + expectedCode, Location(final));
        var page = await client.GetAsync(Location(final)!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var alert = page.Document.QuerySelector(".alert-danger")?.TextContent ?? "";
        Assert.StartsWith("Accesso non riuscito", alert);
        return alert;
    }

    [Fact]
    public async Task The_relying_party_publishes_its_signed_entity_configuration()
    {
        fixture.Reset();
        var response = await App.NewClient().Http.GetAsync("/.well-known/openid-federation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/entity-statement+jwt", response.Content.Headers.ContentType?.MediaType);
        var jwt = await response.Content.ReadAsStringAsync();
        var payload = Jose.UnverifiedPayload(jwt);
        Assert.Equal(TestEnvironment.PublicUrl, (string?)payload["iss"]);
        Assert.Equal(TestEnvironment.PublicUrl, (string?)payload["sub"]);
        // Self-signed with the federation key it publishes, typ entity-statement+jwt, in force now.
        await Jose.ValidateAsync(jwt, Jose.Keys(payload["jwks"]), TestEnvironment.PublicUrl, null, Jose.EntityStatementType, DateTime.UtcNow);
        var rp = payload["metadata"]!["openid_relying_party"]!;
        Assert.Equal("private_key_jwt", (string?)rp["token_endpoint_auth_method"]);
        Assert.Equal("RSA-OAEP", (string?)rp["userinfo_encrypted_response_alg"]);
        Assert.Contains(TestEnvironment.PublicUrl + "/account/accesso-esterno/spid-prova/ritorno", rp["redirect_uris"]!.AsArray().Select(u => (string?)u));
        var uses = rp["jwks"]!["keys"]!.AsArray().Select(k => (string?)k!["use"]).ToList();
        Assert.Equal(["sig", "enc"], uses);
        Assert.DoesNotContain(rp["jwks"]!["keys"]!.AsArray(), k => k!["d"] is not null); // never a private part
        Assert.Equal(fixture.Federation.TrustAnchorId, (string?)payload["authority_hints"]![0]);
        // The keys are kept in the database (encrypted), the same on the next request.
        Assert.Equal(3, await App.WithDbAsync(db => db.FederationKeys.CountAsync()));
        var again = Jose.UnverifiedPayload(await App.NewClient().Http.GetStringAsync("/.well-known/openid-federation"));
        Assert.Equal((string?)payload["jwks"]!["keys"]![0]!["kid"], (string?)again["jwks"]!["keys"]![0]!["kid"]);
    }

    [Fact]
    public async Task A_first_SPID_sign_in_makes_one_account_with_the_fiscal_code_verified_and_the_next_signs_in()
    {
        fixture.Reset();
        var code = Cf("VRDGPP75C12L736");
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", code, "Giuseppe", "Verdi", "giuseppe.verdi@example.org");
        // The request object: signed by the relying party, PKCE S256, SpidL2, the fiscal number asked as essential.
        var request = Jose.UnverifiedPayload(flow.RequestObject!);
        Assert.Equal("S256", (string?)request["code_challenge_method"]);
        Assert.Equal(SpidAcr.L2, (string?)request["acr_values"]);
        Assert.True((bool?)request["claims"]!["userinfo"]!["https://attributes.eid.gov.it/fiscal_number"]!["essential"]);
        Assert.Equal(TestEnvironment.PublicUrl, (string?)request["client_id"]);
        Assert.StartsWith("/account/accesso-esterno/completa", Location(flow.Final));

        var complete = await client.GetAsync(Location(flow.Final)!);
        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Contains(code, complete.Text);
        Assert.Contains("Giuseppe Verdi", complete.Text);
        // Without the privacy notice ticked: a field message, no account.
        var refused = await client.SubmitAsync(complete, new Dictionary<string, string?> { ["Input.Email"] = "giuseppe.verdi@example.org" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("informativa privacy"));
        var created = await client.SubmitAsync(refused, new Dictionary<string, string?> { ["Input.Email"] = "giuseppe.verdi@example.org", ["Input.AcceptPrivacy"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/la-mia-area", created.Location);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.VerifiedFiscalCode == code));
        Assert.Equal("Giuseppe Verdi", user.DisplayName);
        Assert.True(user.EmailConfirmed);
        Assert.NotNull(user.FiscalCodeVerifiedAt);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);

        // Next time, from another device and with CIE: straight in, the same account.
        var other = App.NewClient();
        var again = await SignInWithAsync(other, "cie-prova", code, "Giuseppe", "Verdi");
        Assert.StartsWith("/account/accesso-esterno/completa", Location(again.Final));
        var signedIn = await other.Http.GetAsync(Location(again.Final));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/la-mia-area", Location(signedIn));
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.FiscalCode == code)));
        var log = await App.WithDbAsync(db => db.ExternalSignIns.AsNoTracking().Where(l => l.FiscalCode == code).OrderBy(l => l.At).ToListAsync());
        Assert.Contains(log, l => l.Succeeded && l.Outcome == "created" && l.UserId == user.Id && l.ProviderId == "spid-prova" && l.Acr == SpidAcr.L2);
        Assert.Contains(log, l => l.Succeeded && l.Outcome == "signed-in" && l.ProviderId == "cie-prova");
    }

    [Fact]
    public async Task An_id_token_with_a_wrong_signature_is_refused()
    {
        fixture.Reset();
        fixture.Federation.Faults.WrongIdTokenSignature = true;
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", Cf("BNCLRA85M41F205"));
        var message = await RefusalAsync(client, flow.Final, "signature");
        Assert.Contains("firma", message);
        Assert.True(await App.WithDbAsync(db => db.ExternalSignIns.AnyAsync(l => !l.Succeeded && l.Outcome == "Signature")));
    }

    [Fact]
    public async Task A_provider_the_trust_anchor_does_not_vouch_for_is_refused_before_leaving_the_site()
    {
        fixture.Reset();
        fixture.Federation.Faults.ProviderNotRegistered = true;
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", Cf("BNCLRA85M41F205"));
        Assert.Null(flow.CallbackPathAndQuery);
        Assert.Contains("federazione", await RefusalAsync(client, flow.Final, "trustchain"));

        // Registered, but its configuration is signed with a key the trust anchor never saw.
        fixture.Reset();
        fixture.Federation.Faults.ProviderKeyNotVouched = true;
        flow = await SignInWithAsync(client, "cie-prova", Cf("BNCLRA85M41F205"));
        await RefusalAsync(client, flow.Final, "trustchain");
    }

    [Fact]
    public async Task An_expired_entity_statement_is_refused()
    {
        fixture.Reset();
        fixture.Federation.Faults.ExpiredProviderConfiguration = true;
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", Cf("BNCLRA85M41F205"));
        Assert.Contains("scaduti", await RefusalAsync(client, flow.Final, "expired"));
    }

    [Fact]
    public async Task A_replayed_answer_is_refused()
    {
        fixture.Reset();
        var client = App.NewClient();
        var code = Cf("RPLNNA90A41H501");
        var flow = await SignInWithAsync(client, "spid-prova", code);
        Assert.StartsWith("/account/accesso-esterno/completa", Location(flow.Final));
        // The same code and state again, in the same browser (its correlation and nonce cookies are spent) …
        var replay = await client.Http.GetAsync(flow.CallbackPathAndQuery);
        await RefusalAsync(client, replay, "replay");
        // … and in another one (no cookies at all).
        var stranger = App.NewClient();
        await RefusalAsync(stranger, await stranger.Http.GetAsync(flow.CallbackPathAndQuery), "replay");
        // A state that is not ours.
        var forged = await stranger.Http.GetAsync("/account/accesso-esterno/spid-prova/ritorno?code=abc&state=xyz");
        await RefusalAsync(stranger, forged, "replay");
    }

    [Fact]
    public async Task An_answer_without_the_fiscal_code_is_refused()
    {
        fixture.Reset();
        fixture.Federation.Faults.OmitFiscalCode = true;
        var client = App.NewClient();
        var code = Cf("NFSCLD70B12F205");
        var flow = await SignInWithAsync(client, "spid-prova", code);
        Assert.Contains("codice fiscale", await RefusalAsync(client, flow.Final, "missingfiscalcode"));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.FiscalCode == code)));
    }

    [Fact]
    public async Task A_Comune_s_own_OpenID_provider_signs_in_with_discovery_a_client_secret_and_the_fiscal_code_it_vouches_for()
    {
        fixture.Reset();
        var code = Cf("BNCLCU82D15G224");
        var client = App.NewClient();
        var page = await client.GetAsync("/account/accedi");
        Assert.NotNull(page.Document.QuerySelector("a[href='/account/accesso-esterno/oidc-prova']")); // its own button beside SPID and CIE
        var flow = await SignInWithAsync(client, "oidc-prova", code, "Luca", "Bianchi", "luca.bianchi@example.org");
        Assert.Null(flow.RequestObject); // a plain code request, outside the federation
        Assert.StartsWith("/account/accesso-esterno/completa", Location(flow.Final));
        var complete = await client.GetAsync(Location(flow.Final)!);
        Assert.Equal(HttpStatusCode.OK, complete.Status);
        Assert.Contains(code, complete.Text);
        var created = await client.SubmitAsync(complete, new Dictionary<string, string?> { ["Input.Email"] = "luca.bianchi@example.org", ["Input.AcceptPrivacy"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.VerifiedFiscalCode == code));
        Assert.Equal("Luca Bianchi", user.DisplayName);
        var logged = await App.WithDbAsync(db => db.ExternalSignIns.AsNoTracking().Where(e => e.FiscalCode == code && e.Succeeded).ToListAsync());
        Assert.All(logged, e => Assert.Equal(ProviderKind.Oidc, e.Kind));
        Assert.NotEmpty(logged);

        // The same person again: the same account, not a second one.
        var phone = App.NewClient();
        var again = await SignInWithAsync(phone, "oidc-prova", code, "Luca", "Bianchi", "luca.bianchi@example.org");
        Assert.Equal("/la-mia-area", Location(await phone.Http.GetAsync(Location(again.Final))));
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.VerifiedFiscalCode == code || u.FiscalCode == code)));

        // A forged id token from that provider is refused with the same clear message.
        fixture.Federation.Faults.WrongIdTokenSignature = true;
        var forged = await SignInWithAsync(App.NewClient(), "oidc-prova", code);
        Assert.Equal(HttpStatusCode.Redirect, forged.Final.StatusCode);
        Assert.StartsWith("/account/accedi?esterno=", Location(forged.Final));
    }

    [Fact]
    public async Task A_signed_in_person_links_SPID_to_their_account_after_confirming()
    {
        fixture.Reset();
        var client = App.NewClient();
        await client.SignInOrFailAsync("famiglia@lucca.demo");
        var code = Cf("LNKFML80A41E715");
        var flow = await SignInWithAsync(client, "spid-prova", code, "Anna", "Lucchesi");
        var confirm = await client.GetAsync(Location(flow.Final)!);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("famiglia@lucca.demo", confirm.Text);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.VerifiedFiscalCode == code))); // nothing before confirming
        var linked = await client.SubmitAsync(confirm, new Dictionary<string, string?>(), "form[action*='handler=Link']");
        Assert.Equal(HttpStatusCode.Redirect, linked.Status);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "famiglia@lucca.demo"));
        Assert.Equal(code, user.VerifiedFiscalCode);

        // Next time SPID alone enters that account, without a new one.
        var phone = App.NewClient();
        var again = await SignInWithAsync(phone, "spid-prova", code, "Anna", "Lucchesi");
        var signedIn = await phone.Http.GetAsync(Location(again.Final));
        Assert.Equal("/la-mia-area", Location(signedIn));
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.FiscalCode == code || u.VerifiedFiscalCode == code)));

        // Another account cannot take the same identity.
        var other = App.NewClient();
        await other.SignInOrFailAsync("famiglia@portogruaro.demo");
        var third = await SignInWithAsync(other, "spid-prova", code, "Anna", "Lucchesi");
        // Signed in as Portogruaro's family, the identity already belongs to Lucca's: the page says so and links nothing.
        var page = await other.GetAsync(Location(third.Final)!);
        if (page.Status == HttpStatusCode.OK)
        {
            var refused = await other.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*='handler=Link']");
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains(refused.Errors, e => e.Contains("già collegata"));
        }
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.VerifiedFiscalCode).SingleAsync()));
    }

    [Fact]
    public async Task An_account_that_only_declares_the_fiscal_code_is_not_entered_by_SPID_nor_duplicated()
    {
        fixture.Reset();
        var code = Cf("DCHRTA82C50L219");
        await App.WithDbAsync(db => db.Users.Where(u => u.Email == "famiglia@brianza.demo").ExecuteUpdateAsync(s => s.SetProperty(u => u.FiscalCode, code)));
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", code, "Rita", "Brambilla", "altra.email@example.org");
        var page = await client.GetAsync(Location(flow.Final)!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Accedi con la password", page.Text);
        Assert.Empty(page.Document.QuerySelectorAll("form[action*='handler=Create']"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).Status); // not signed in
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.FiscalCode == code)));
    }

    [Fact]
    public async Task Twin_first_sign_ins_make_one_account()
    {
        fixture.Reset();
        var code = Cf("TWNGMN88D05A944");
        var client = App.NewClient();
        var flow = await SignInWithAsync(client, "spid-prova", code, "Gemma", "Gemelli", "gemma.gemelli@example.org");
        var page = await client.GetAsync(Location(flow.Final)!);
        var statuses = await Concurrently.SubmitAsync(client, page, new Dictionary<string, string?> { ["Input.Email"] = "gemma.gemelli@example.org", ["Input.AcceptPrivacy"] = "true" });
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.VerifiedFiscalCode == code)));
    }

    [Fact]
    public async Task The_endpoints_only_this_configuration_maps_are_the_fake_provider_s_page_and_it_refuses_a_bare_post()
    {
        // The access matrix runs with SPID off; with it on (and the development fake) the only endpoints added are the
        // fake provider's sign-in page, GET and POST — anything else added later must get its row there or here.
        var extra = App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => m + " /" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Where(e => !Platform.AccessMatrixTests.Matrix.Any(r => r.Method + " " + r.Pattern == e)).Distinct().Order().ToList();
        Assert.Equal(["GET /dev/federazione/{provider}/authorize", "POST /dev/federazione/{provider}/authorize"], extra);
        var client = App.NewClient();
        var page = await client.GetAsync("/dev/federazione/spid/authorize");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("solo per sviluppo", page.Text);
        var bare = await client.Http.PostAsync("/dev/federazione/spid/authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["fiscal_code"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Richiesta rifiutata", await bare.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_log_keeps_24_months_and_prunes_what_is_older()
    {
        var now = DateTime.UtcNow;
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await App.WithDbAsync(async db =>
        {
            db.ExternalSignIns.Add(new ExternalSignIn { Id = ids[0], At = now.AddMonths(-25), ProviderId = "spid-prova", ProviderName = "SPID di prova", Outcome = "authenticated", Succeeded = true });
            db.ExternalSignIns.Add(new ExternalSignIn { Id = ids[1], At = now.AddMonths(-23), ProviderId = "spid-prova", ProviderName = "SPID di prova", Outcome = "authenticated", Succeeded = true });
            return await db.SaveChangesAsync();
        });
        using (var scope = App.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ExternalSignInLog>().PruneAsync() >= 1);
        var left = await App.WithDbAsync(db => db.ExternalSignIns.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync());
        Assert.Equal([ids[1]], left);
    }

    [Fact]
    public async Task The_log_is_for_administrators_only()
    {
        fixture.Reset();
        var admin = App.NewClient();
        await admin.SignInOrFailAsync("admin@alleanza.demo");
        var page = await admin.GetAsync("/amministrazione/accessi-spid");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var coordinator = App.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/amministrazione/accessi-spid")).Status);
    }

    [Fact]
    public void Trust_chain_policies_apply_value_add_default_and_refuse_what_one_of_forbids()
    {
        var metadata = new JsonObject { ["scopes_supported"] = new JsonArray("openid"), ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic") };
        TrustChainResolver.Apply(new JsonObject
        {
            ["token_endpoint_auth_methods_supported"] = new JsonObject { ["value"] = new JsonArray("private_key_jwt") },
            ["scopes_supported"] = new JsonObject { ["add"] = new JsonArray("offline_access") },
            ["contacts"] = new JsonObject { ["default"] = new JsonArray("ops@example.org") },
        }, metadata);
        Assert.Equal("[\"private_key_jwt\"]", metadata["token_endpoint_auth_methods_supported"]!.ToJsonString());
        Assert.Equal("[\"openid\",\"offline_access\"]", metadata["scopes_supported"]!.ToJsonString());
        Assert.NotNull(metadata["contacts"]);
        var e = Assert.Throws<FederationException>(() => TrustChainResolver.Apply(new JsonObject { ["issuer"] = new JsonObject { ["one_of"] = new JsonArray("https://a") } },
            new JsonObject { ["issuer"] = "https://b" }));
        Assert.Equal(FederationFailure.TrustChain, e.Failure);
    }
}
