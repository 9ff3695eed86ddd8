using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Absolute links come from the configured public address (App:PublicUrl), never from the request's Host header; behind a
/// proxy the scheme comes from X-Forwarded-Proto, so cookies are Secure and HSTS is sent over TLS.
/// </summary>
public class PublicUrlTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Foreign = "http://evil.example";

    [Fact]
    public async Task A_foreign_Host_header_changes_no_link_in_mails_calendars_or_HSDS()
    {
        var email = $"host-{Guid.NewGuid():N}@esempio.it";
        using (var scope = factory.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(
                new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia", CreatedAt = DateTime.UtcNow }, "famiglia-2026")).Succeeded);

        // Every request of this client names evil.example as its host (the URL's authority is the Host header).
        var client = factory.NewClient();
        var forgot = await client.GetAsync($"{Foreign}/account/password-dimenticata");
        var (target, fields) = TestClient.FormOf(forgot, new Dictionary<string, string?> { ["Email"] = email });
        var sent = await client.Http.PostAsync(Foreign + target, new FormUrlEncodedContent(fields));
        Assert.Contains("riceverai a breve un messaggio", await sent.Content.ReadAsStringAsync());
        var mail = await Mailbox.WaitForAsync(email, "Reimposta la password");
        Assert.DoesNotContain("evil.example", mail.Text);
        Assert.Contains(TestEnvironment.PublicUrl + "/account/reimposta-password?code=", mail.Text);

        var calendar = await client.Http.GetStringAsync($"{Foreign}/opportunita/calendario.ics?rete=portogruaro");
        Assert.Contains("URL:" + TestEnvironment.PublicUrl + "/opportunita/", calendar.Replace("\r\n ", ""));
        Assert.DoesNotContain("evil.example", calendar);

        var hsds = await client.Http.GetStringAsync($"{Foreign}/api/hsds/portogruaro/services?full=true");
        Assert.Contains(TestEnvironment.PublicUrl, hsds);
        Assert.DoesNotContain("evil.example", hsds);

        var search = await client.Http.GetStringAsync($"{Foreign}/api/v1/opportunities?network=portogruaro");
        Assert.DoesNotContain("evil.example", search);
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_the_cookies_are_Secure_and_HSTS_is_sent()
    {
        var http = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://alleanza.test.example") });
        using var overTls = new HttpRequestMessage(HttpMethod.Get, "/account/accedi");
        overTls.Headers.Add("X-Forwarded-Proto", "https");
        overTls.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await http.SendAsync(overTls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("alleanza-af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));

        // The same page over plain HTTP: no Secure flag (it would not come back), no HSTS.
        var plain = await http.GetAsync("/account/accedi");
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.StartsWith("alleanza-af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task In_Production_only_the_public_address_s_host_is_served()
    {
        await using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var http = production.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{Foreign}/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("https://alleanza.test.example/health/live")).StatusCode);
    }
}
