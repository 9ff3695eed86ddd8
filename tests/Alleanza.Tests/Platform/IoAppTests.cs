using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Notifications.IoApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>A local stand-in for the IO app's messages API (profiles and messages), on a real loopback port.</summary>
public sealed class FakeIoApp : IAsyncDisposable
{
    public const string Key = "chiave-di-prova-io";
    public sealed record Received(string FiscalCode, string Subject, string Markdown, string? Key);
    public ConcurrentBag<Received> Messages { get; } = [];
    /// <summary>Codes on IO that accept the service's messages; codes in <see cref="Blocked"/> are on IO but refuse them.</summary>
    public ConcurrentDictionary<string, bool> Users { get; } = new();
    readonly WebApplication app;
    public string BaseUrl { get; }

    FakeIoApp(WebApplication app, string baseUrl) { this.app = app; BaseUrl = baseUrl; }

    public static async Task<FakeIoApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeIoApp? fake = null;
        app.MapPost("/api/v1/profiles", async (HttpContext http) =>
        {
            if (http.Request.Headers["Ocp-Apim-Subscription-Key"] != Key) return Results.Unauthorized();
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            var code = body.RootElement.GetProperty("fiscal_code").GetString()!;
            return fake!.Users.TryGetValue(code, out var allowed) ? Results.Ok(new { sender_allowed = allowed, preferred_languages = new[] { "it_IT" } }) : Results.NotFound();
        });
        app.MapPost("/api/v1/messages", async (HttpContext http) =>
        {
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            var content = body.RootElement.GetProperty("content");
            var subject = content.GetProperty("subject").GetString()!;
            var markdown = content.GetProperty("markdown").GetString()!;
            // IO's own rules: the API refuses what breaks them.
            if (subject.Length is < 10 or > 120 || markdown.Length < 80) return Results.BadRequest();
            fake!.Messages.Add(new(body.RootElement.GetProperty("fiscal_code").GetString()!, subject, markdown, http.Request.Headers["Ocp-Apim-Subscription-Key"]));
            return Results.Created("/api/v1/messages/01", new { id = "01" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeIoApp(app, address + "/api/v1");
        return fake;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public class IoAppTests
{
    [Fact]
    public void Subjects_and_texts_follow_the_IO_rules()
    {
        Assert.InRange(IoAppClient.Subject("Avviso").Length, 10, 120);
        Assert.InRange(IoAppClient.Subject(new string('a', 300)).Length, 10, 120);
        Assert.True(IoAppClient.Markdown("Ciao", "Rete").Length >= 80);
        Assert.Contains("Messaggio di Rete", IoAppClient.Markdown("Ciao", "Rete"));
    }

    [Fact]
    public async Task A_message_of_the_network_reaches_the_IO_app_of_those_who_gave_their_fiscal_code_and_accept_it()
    {
        await using var io = await FakeIoApp.StartAsync();
        using var factory = AlleanzaFactory.With(new()
        {
            ["Notifications:IoApp:Enabled"] = "true", ["Notifications:IoApp:BaseUrl"] = io.BaseUrl, ["Notifications:IoApp:ApiKey"] = FakeIoApp.Key,
        });
        const string onIo = "RSSMRA80A01H501U";
        var blocked = "VRDLGU70B12F205" + ItalianFiscalCode.CheckCharacter("VRDLGU70B12F205");
        var notOnIo = "BNCLRA85M41F205" + ItalianFiscalCode.CheckCharacter("BNCLRA85M41F205");
        io.Users[onIo] = true;
        io.Users[blocked] = false;

        // A family gives its code on the profile page (lower-case, with spaces); two others have theirs already.
        var family = factory.NewClient();
        await family.SignInOrFailAsync("famiglia@portogruaro.demo");
        var saved = await family.SubmitAsync(await family.GetAsync("/account"), new Dictionary<string, string?> { ["FiscalCode"] = "rssmra 80a01 h501u" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(onIo, await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.FiscalCode).FirstAsync()));
        await factory.WithDbAsync(async db =>
        {
            var others = await db.Households.Where(h => db.Networks.Any(n => n.Id == h.NetworkId && n.Slug == "portogruaro"))
                .Join(db.Users, h => h.OwnerUserId, u => u.Id, (h, u) => u).Where(u => u.EmailConfirmed && u.Email != "famiglia@portogruaro.demo").OrderBy(u => u.Email).Take(2).ToListAsync();
            others[0].FiscalCode = blocked;
            others[1].FiscalCode = notOnIo;
            return await db.SaveChangesAsync();
        });

        // A wrong code is refused on the page and nothing changes.
        var refused = await family.SubmitAsync(await family.GetAsync("/account"), new Dictionary<string, string?> { ["FiscalCode"] = "RSSMRA80A01H501X" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("carattere di controllo"));
        Assert.Equal(onIo, await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.FiscalCode).FirstAsync()));

        // The coordinator writes to every family of the network.
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var form = await coordinator.GetAsync("/gestione/comunicazioni/nuova");
        var values = new Dictionary<string, string?> { ["Input.Audience"] = "Families", ["Input.Subject"] = "Chiusura estiva degli sportelli", ["Input.Body"] = "Dal 10 al 20 agosto gli sportelli della Carta Famiglia sono chiusi." };
        var (target, fields) = TestClient.FormOf(form, values);
        var sent = await coordinator.Http.PostAsync(target.Split('?')[0] + "?handler=Send", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        for (var i = 0; i < 100 && io.Messages.IsEmpty; i++) await Task.Delay(200);
        await Task.Delay(500);

        var received = Assert.Single(io.Messages);
        Assert.Equal(onIo, received.FiscalCode);
        Assert.Equal(FakeIoApp.Key, received.Key);
        Assert.Equal("Chiusura estiva degli sportelli", received.Subject);
        Assert.Contains("sportelli della Carta Famiglia sono chiusi", received.Markdown);
    }

    [Fact]
    public async Task Without_the_setting_nothing_goes_to_IO()
    {
        await using var io = await FakeIoApp.StartAsync();
        using var factory = AlleanzaFactory.With(new() { ["Notifications:IoApp:BaseUrl"] = io.BaseUrl, ["Notifications:IoApp:ApiKey"] = FakeIoApp.Key });
        io.Users["RSSMRA80A01H501U"] = true;
        using var scope = factory.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IoAppClient>();
        Assert.False(client.Enabled);
        Assert.Equal(IoAppOutcome.Disabled, await client.SendAsync("RSSMRA80A01H501U", "Un avviso di prova", "Testo", "Rete"));
        Assert.Empty(io.Messages);
    }
}
