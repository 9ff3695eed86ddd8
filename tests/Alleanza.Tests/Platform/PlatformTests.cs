using System.Net;
using System.Text.Json;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Platform;

public class PlatformTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_and_ready_checks_the_database()
    {
        var client = factory.NewClient();
        Assert.Equal("Healthy", await client.Http.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.Http.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_database_cannot_be_reached()
    {
        var broken = factory.Provider == DatabaseProvider.Sqlite
            ? "Data Source=/nonexistent-folder/alleanza.db;Mode=ReadOnly"
            : "Host=127.0.0.1;Port=1;Username=nessuno;Password=nessuna;Database=missing;Timeout=2";
        await using var down = AlleanzaFactory.With(new() { ["Database:MigrateOnStartup"] = "false", ["Demo:Load"] = "false" }, broken);
        var response = await down.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await down.CreateClient().GetAsync("/health/live")).StatusCode);

        // Pages and the API say so with 503 and Retry-After: an Italian page that needs no database, problem details for programs.
        var page = await down.CreateClient().GetAsync("/opportunita?rete=portogruaro");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("5", page.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Servizio momentaneamente non disponibile", await page.Content.ReadAsStringAsync());
        var api = await down.CreateClient().GetAsync("/api/v1/opportunities?network=portogruaro");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await factory.NewClient().Http.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        var scriptSrc = csp.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html); // no inline script anywhere
    }

    [Fact]
    public async Task Unknown_page_gets_a_friendly_Italian_404()
    {
        var page = await factory.NewClient().GetAsync("/non-esiste");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Pagina non trovata", page.Text);
        Assert.Contains("Torna alla pagina iniziale", page.Text);
    }

    [Fact]
    public async Task Api_errors_are_problem_details_with_field_errors()
    {
        var client = factory.NewClient().Http;
        var bad = await client.GetAsync("/api/v1/networks/portogruaro/partners?page=0&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("page", out _));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("pageSize", out _));

        var unknown = await client.GetAsync("/api/v1/networks/nessuna/partners");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        var notANumber = await client.GetAsync("/api/v1/networks/portogruaro/partners?page=uno&kind=pippo");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal("application/problem+json", notANumber.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_endpoints()
    {
        var json = await factory.NewClient().Http.GetStringAsync("/openapi/v1.json");
        using var doc = JsonDocument.Parse(json);
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/networks", paths);
        Assert.Contains("/api/v1/networks/{slug}/partners", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
    }

    [Fact]
    public async Task Language_switch_sets_English_and_back()
    {
        var client = factory.NewClient();
        var home = await client.GetAsync("/");
        Assert.Equal("it", home.Document.DocumentElement.GetAttribute("lang"));
        var link = home.Document.QuerySelector("footer a[hreflang=en]")!.GetAttribute("href")!;
        var switched = await client.GetAsync(link);
        Assert.Equal("en", switched.Document.DocumentElement.GetAttribute("lang"));
        var english = await client.GetAsync("/"); // the choice is kept in a cookie
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in", english.Text);
        Assert.Contains("Privacy notice", english.Text);
        await client.GetAsync("/?culture=it");
        Assert.Equal("it", (await client.GetAsync("/")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Every_screen_shows_which_network_it_is_in()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("cidis");
        foreach (var url in new[] { "/", "/rete", "/account/accedi", "/privacy" })
            Assert.Contains("Family e benessere della Comunità — CIdiS", (await client.GetAsync(url)).Text);
    }
}

/// <summary>Limits that need their own low settings: sign-in attempts and anonymous API calls per minute.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_and_anonymous_api_calls_are_rate_limited()
    {
        await using var factory = AlleanzaFactory.With(new() { ["RateLimits:SignInPerMinute"] = "3", ["RateLimits:AnonymousApiPerMinute"] = "5" });
        var client = factory.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.SignInAsync("nessuno@esempio.it", "sbagliata-123")).Status);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/accedi")).Status); // reading the page is never limited

        var api = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) api.Add((await client.Http.GetAsync("/api/v1/networks")).StatusCode);
        Assert.Equal(5, api.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, api.Count(s => s == HttpStatusCode.TooManyRequests));
        var limited = await client.Http.GetAsync("/api/v1/networks");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>Two app instances on one database share data-protection keys, so a sign-in on one is valid on the other.</summary>
public class ScaleOutTests
{
    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_works_on_another()
    {
        await using var first = new AlleanzaFactory();
        _ = first.Services;
        await using var second = AlleanzaFactory.With(new(), first.ConnectionString, first.Provider);
        var client = first.NewClient();
        var signIn = await client.SignInAsync("coordinatore@pavia.demo");
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        var cookie = string.Join("; ", signIn.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var other = second.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("coordinatore@pavia.demo", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
