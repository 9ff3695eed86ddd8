using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Accounts;

/// <summary>Sessions end when people expect them to: at sign-out (even for a copied cookie), and everywhere after a password change or a role removal.</summary>
public class SessionTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "famiglia-2026";

    async Task<string> NewAccountAsync()
    {
        var email = $"sess-{Guid.NewGuid():N}@esempio.it";
        using var scope = factory.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(
            new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia", CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
        return email;
    }

    /// <summary>True when the client is signed in: the account page opens instead of sending to the sign-in page.</summary>
    static async Task<bool> SignedInAsync(HttpClient http) => (await http.GetAsync("/account")).StatusCode == HttpStatusCode.OK;

    HttpClient WithCookie(string cookie)
    {
        var http = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copied_cookie()
    {
        var email = await NewAccountAsync();
        var http = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var client = new TestClient(http, factory);
        var form = await client.GetAsync("/account/accedi");
        var (target, fields) = TestClient.FormOf(form, new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = Password });
        using var signIn = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        signIn.Headers.Add("Cookie", string.Join("; ", form.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var signedIn = await http.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("alleanza-auth=", StringComparison.Ordinal));

        var browser = WithCookie(auth);
        var copy = WithCookie(auth);
        Assert.True(await SignedInAsync(browser));
        Assert.True(await SignedInAsync(copy));

        // The browser signs out (its form, its antiforgery token).
        var page = await new TestClient(browser, factory).GetAsync("/account");
        var logout = page.Document.QuerySelector("form[action='/account/esci']") ?? page.Document.QuerySelector("form[action*='esci']");
        Assert.NotNull(logout);
        var token = logout!.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var signOut = new HttpRequestMessage(HttpMethod.Post, logout.GetAttribute("action")) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        signOut.Headers.Add("Cookie", auth + "; " + string.Join("; ", page.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []));
        Assert.True((int)(await http.SendAsync(signOut)).StatusCode is >= 300 and < 400);

        Assert.False(await SignedInAsync(copy)); // the copied cookie no longer opens anything
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_at_once_and_keeps_this_one()
    {
        var email = await NewAccountAsync();
        var here = factory.NewClient();
        await here.SignInOrFailAsync(email, Password);
        var elsewhere = factory.NewClient();
        await elsewhere.SignInOrFailAsync(email, Password);
        Assert.True(await SignedInAsync(elsewhere.Http));

        var security = await here.GetAsync("/account/sicurezza");
        var changed = await here.SubmitAsync(security, new Dictionary<string, string?>
            { ["Input.OldPassword"] = Password, ["Input.NewPassword"] = "nuova-password-9", ["Input.ConfirmPassword"] = "nuova-password-9" });
        Assert.True((int)changed.Status is 200 or 302, string.Join(" | ", changed.Errors));

        Assert.True(await SignedInAsync(here.Http));
        Assert.False(await SignedInAsync(elsewhere.Http));
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuthSessions.CountAsync(s => s.UserId == db.Users.Where(u => u.Email == email).Select(u => u.Id).First()
            && s.SecurityStamp != db.Users.Where(u => u.Email == email).Select(u => u.SecurityStamp).First())));
    }

    [Fact]
    public async Task Removing_a_role_ends_the_person_s_sessions_at_once()
    {
        var email = await NewAccountAsync();
        var membership = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
            var m = new Membership { Id = Guid.NewGuid(), UserId = user, NetworkId = network, Role = NetworkRole.MunicipalOfficer, CreatedAt = DateTime.UtcNow };
            db.Memberships.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var officer = factory.NewClient();
        await officer.SignInOrFailAsync(email, Password);
        Assert.True(await SignedInAsync(officer.Http));

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var people = await coordinator.GetAsync("/gestione/persone");
        var revoked = await coordinator.SubmitAsync(people, new Dictionary<string, string?>(), $"form[action*='handler=Revoke'][action*='{membership}']");
        Assert.True((int)revoked.Status is >= 300 and < 400);

        Assert.False(await SignedInAsync(officer.Http));
    }

    [Fact]
    public async Task After_five_failures_an_address_without_an_account_looks_locked_out_like_one_with_an_account()
    {
        var known = await NewAccountAsync();
        var unknown = $"nessuno-{Guid.NewGuid():N}@esempio.it";
        async Task<string?> FifthAttemptAsync(string email)
        {
            var client = factory.NewClient();
            TestClient.Page last = default!;
            for (var i = 0; i < 5; i++)
                last = await client.SubmitAsync(await client.GetAsync("/account/accedi"), new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "sbagliata-123" });
            return last.Location;
        }
        var knownAnswer = await FifthAttemptAsync(known);
        Assert.NotNull(knownAnswer);
        Assert.Equal(knownAnswer, await FifthAttemptAsync(unknown));
    }
}
