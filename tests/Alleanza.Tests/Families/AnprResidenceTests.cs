using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.FamilyCard.Residence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alleanza.Tests.Families;

/// <summary>
/// A local stand-in for PDND's voucher endpoint and ANPR's «accertamento residenza» e-service, on a loopback port: the voucher
/// only for a client assertion signed by the Comune's registered key (right iss, sub, aud, purposeId, not expired, jti not
/// replayed); the e-service only with that voucher and a Digest that matches the body, signed in Agid-JWT-Signature.
/// </summary>
public sealed class FakePdndAnpr : IAsyncDisposable
{
    public const string ClientId = "client-comune-portogruaro";
    public const string PurposeId = "purpose-carta-famiglia";
    public const string Audience = "auth.test.interop/client-assertion";
    public RSA ComuneKey { get; } = RSA.Create(2048);
    /// <summary>Residence (Comune name) by codice fiscale; others are unknown to ANPR (404).</summary>
    public ConcurrentDictionary<string, string> Residents { get; } = new();
    public ConcurrentBag<string> Refusals { get; } = [];
    readonly ConcurrentDictionary<string, bool> seenJti = new();
    readonly ConcurrentDictionary<string, bool> vouchers = new();
    readonly WebApplication app;
    public string BaseUrl { get; private set; } = "";

    FakePdndAnpr(WebApplication app) => this.app = app;

    public static async Task<FakePdndAnpr> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakePdndAnpr(app);
        app.MapPost("/token.oauth2", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            string? Refuse(string why) { fake.Refusals.Add(why); return why; }
            var claims = form["client_assertion"].ToString() is { Length: > 0 } assertion ? Jwt.Verify(fake.ComuneKey, assertion) : null;
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var problem = form["grant_type"] != "client_credentials" ? Refuse("grant")
                : form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ? Refuse("assertion type")
                : claims is null ? Refuse("signature")
                : (string?)claims["iss"] != ClientId || (string?)claims["sub"] != ClientId || form["client_id"] != ClientId ? Refuse("client")
                : (string?)claims["aud"] != Audience ? Refuse("audience")
                : (string?)claims["purposeId"] != PurposeId ? Refuse("purpose")
                : (long?)claims["exp"] < now ? Refuse("expired")
                : !fake.seenJti.TryAdd((string?)claims["jti"] ?? "", true) ? Refuse("replayed jti")
                : null;
            if (problem is not null) return Results.BadRequest(new { error = "invalid_client" });
            var voucher = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            fake.vouchers[voucher] = true;
            return Results.Ok(new { access_token = voucher, token_type = "Bearer", expires_in = 600 });
        });
        app.MapPost("/anpr/C001", async (HttpContext http) =>
        {
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ") || !fake.vouchers.ContainsKey(auth[7..])) return Results.Unauthorized();
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var digest = "SHA-256=" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            var signature = Jwt.Verify(fake.ComuneKey, http.Request.Headers["Agid-JWT-Signature"].ToString());
            if (http.Request.Headers["Digest"] != digest || signature?["signed_headers"]?[0]?["digest"]?.GetValue<string>() != digest) return Results.BadRequest();
            if (Jwt.Verify(fake.ComuneKey, http.Request.Headers["Agid-JWT-TrackingEvidence"].ToString()) is null) return Results.BadRequest();
            var request = JsonNode.Parse(body)!;
            if ((string?)request["datiRichiesta"]?["casoUso"] != "C001") return Results.BadRequest();
            var code = (string?)request["criteriRicerca"]?["codiceFiscale"] ?? "";
            if (!fake.Residents.TryGetValue(code, out var comune)) return Results.NotFound();
            return Results.Ok(new JsonObject
            {
                ["idOperazioneANPR"] = "1",
                ["listaSoggetti"] = new JsonObject { ["datiSoggetto"] = new JsonArray(new JsonObject
                {
                    ["residenza"] = new JsonArray(new JsonObject { ["indirizzo"] = new JsonObject { ["comune"] = new JsonObject { ["nomeComune"] = comune } } }),
                }) },
            });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public async ValueTask DisposeAsync() { await app.DisposeAsync(); ComuneKey.Dispose(); }
}

public class AnprResidenceTests
{
    static AnprResidenceCheck Adapter(FakePdndAnpr fake, RSA key, string audience = FakePdndAnpr.Audience) => new(new HttpClient(),
        Options.Create(new ResidenceCheckOptions
        {
            Mode = "Anpr",
            Anpr = new AnprOptions
            {
                TokenUrl = fake.BaseUrl + "/token.oauth2", Audience = audience, ServiceUrl = fake.BaseUrl + "/anpr/C001", ServiceAudience = "anpr/C001",
                Comuni = [new AnprComuneClient { Name = "Portogruaro", ClientId = FakePdndAnpr.ClientId, KeyId = "kid-1", PurposeId = FakePdndAnpr.PurposeId, PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() }],
            },
        }), TimeProvider.System, NullLogger<AnprResidenceCheck>.Instance);

    static ResidenceQuery Query(string comune, string code) => new(Guid.NewGuid(), comune, null, code, "Via Roma 12");

    [Fact]
    public async Task Anpr_through_Pdnd_confirms_a_resident_says_where_another_lives_and_knows_nobody_else()
    {
        await using var fake = await FakePdndAnpr.StartAsync();
        fake.Residents["RSSMRA80A41H501U"] = "PORTOGRUARO";
        fake.Residents["BNCLGU75B12F205X"] = "Caorle";
        var anpr = Adapter(fake, fake.ComuneKey);

        var resident = await anpr.CheckAsync(Query("Portogruaro", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Confirmed, resident.Outcome);
        var elsewhere = await anpr.CheckAsync(Query("Portogruaro", "BNCLGU75B12F205X"));
        Assert.Equal(ResidenceCheckOutcome.NotConfirmed, elsewhere.Outcome);
        Assert.Contains("risiede a Caorle", elsewhere.Note);
        var unknown = await anpr.CheckAsync(Query("Portogruaro", "VRDGPP60C03L219Z"));
        Assert.Equal(ResidenceCheckOutcome.NotConfirmed, unknown.Outcome);
        Assert.Empty(fake.Refusals); // every voucher asked with a fresh jti was given
    }

    [Fact]
    public async Task A_wrong_key_a_wrong_audience_a_Comune_without_a_client_or_an_unreachable_Pdnd_leave_it_to_the_officer()
    {
        await using var fake = await FakePdndAnpr.StartAsync();
        fake.Residents["RSSMRA80A41H501U"] = "Portogruaro";
        using var stranger = RSA.Create(2048);
        var wrongKey = await Adapter(fake, stranger).CheckAsync(Query("Portogruaro", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Unavailable, wrongKey.Outcome);
        Assert.Contains("voucher", wrongKey.Note);
        var wrongAudience = await Adapter(fake, fake.ComuneKey, "altro/client-assertion").CheckAsync(Query("Portogruaro", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Unavailable, wrongAudience.Outcome);
        Assert.Equal(["audience", "signature"], fake.Refusals.Order().ToArray());
        var notJoined = await Adapter(fake, fake.ComuneKey).CheckAsync(Query("Caorle", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Unavailable, notJoined.Outcome);
        Assert.Contains("non è collegato ad ANPR", notJoined.Note);
        var noCode = await Adapter(fake, fake.ComuneKey).CheckAsync(Query("Portogruaro", null!));
        Assert.Equal(ResidenceCheckOutcome.Unavailable, noCode.Outcome);

        var gone = await FakePdndAnpr.StartAsync();
        await gone.DisposeAsync(); // its port no longer answers
        var offline = await Adapter(gone, fake.ComuneKey).CheckAsync(Query("Portogruaro", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Unavailable, offline.Outcome);
    }

    [Fact]
    public async Task The_default_asks_no_register()
    {
        var declared = await new DeclaredResidence().CheckAsync(Query("Portogruaro", "RSSMRA80A41H501U"));
        Assert.Equal(ResidenceCheckOutcome.Declared, declared.Outcome);
    }
}
