using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Support;

/// <summary>
/// The volunteer registry through HTTP: hours logged by the volunteer and decided once by the referent (twin requests),
/// other organisations' referents get 404, assignments with children need a valid check, the referent is told before a
/// check expires (once), and the volunteer's and referent's «La mia area».
/// </summary>
public class VolunteerTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static Dictionary<string, string?> Form(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    async Task<Guid> RegisterAsync(TestClient referent, string email, DateOnly? clearance)
    {
        var created = await referent.SubmitAsync(await referent.GetAsync("/volontari/nuovo"), Form(("Input.Email", email)));
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        if (clearance is { } c)
            Assert.Equal(HttpStatusCode.Redirect, (await referent.SubmitAsync(await referent.GetAsync(created.Location!), Form(("Input.ClearanceDate", c.ToString("yyyy-MM-dd"))))).Status);
        return Guid.Parse(created.Location!.Split('/')[2]);
    }

    [Fact]
    public async Task Hours_are_logged_by_the_volunteer_and_approved_once_by_the_referent()
    {
        var activity = $"Ascolto di prova {Guid.NewGuid():N}";
        var referent = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "Fondazione Costantino");
        var volunteer = await factory.NewPersonAsync(NetworkRole.Volunteer, "Fondazione Costantino");
        await RegisterAsync(referent.Client, volunteer.Email, null);

        var mine = await volunteer.Client.GetAsync("/volontari/la-mia-attivita");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        var yesterday = RomeDate.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var bad = await volunteer.Client.SubmitAsync(mine, Form(("Input.Date", yesterday), ("Input.Hours", "30"), ("Input.Activity", activity)));
        Assert.Contains(bad.Errors, e => e.Contains("tra 0,25 e 24"));
        var logged = await volunteer.Client.SubmitAsync(mine, Form(("Input.Date", yesterday), ("Input.Hours", "2,5"), ("Input.Activity", activity)));
        Assert.True(logged.Status == HttpStatusCode.Redirect, string.Join(" | ", logged.Errors));
        var hours = await factory.WithDbAsync(db => db.VolunteerHours.Where(h => h.VolunteerUserId == volunteer.UserId).SingleAsync());
        Assert.Equal((150, HoursStatus.Requested), (hours.Minutes, hours.Status));

        // Staff of another organisation neither sees nor decides them.
        var stranger = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "ACLI Pavia");
        Assert.DoesNotContain(activity, (await stranger.Client.GetAsync("/volontari/ore")).Text);
        var page = await referent.Client.GetAsync("/volontari/ore");
        Assert.Contains(activity, page.Text);
        var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?>(), $"form[action*='hoursId={hours.Id}'][action*='Approve']");
        var strangerPage = await stranger.Client.GetAsync("/volontari/ore");
        var token = strangerPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var strangerTry = await stranger.Client.Http.PostAsync(target, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, strangerTry.StatusCode);
        // A volunteer is not a referent.
        Assert.Contains("/account/accesso-negato", (await volunteer.Client.GetAsync("/volontari/ore")).Location);

        // Ten approvals at once: approved once, one audit line.
        await Concurrently.SendAsync(Concurrently.Twins, () => referent.Client.Http.PostAsync(target, new FormUrlEncodedContent(fields)));
        var decided = await factory.WithDbAsync(db => db.VolunteerHours.Where(h => h.Id == hours.Id).SingleAsync());
        Assert.Equal(HoursStatus.Approved, decided.Status);
        Assert.Equal(referent.UserId, decided.DecidedByUserId);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "volontari.ore-approvate" && a.EntityId == hours.Id.ToString())));
        // A later rejection of the same hours: already decided.
        var reject = await referent.Client.Http.PostAsync(target.Replace("Approve", "Reject"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        Assert.Contains("già", (await referent.Client.GetAsync("/volontari/ore")).Text);
        Assert.Equal(HoursStatus.Approved, await factory.WithDbAsync(db => db.VolunteerHours.Where(h => h.Id == hours.Id).Select(h => h.Status).SingleAsync()));
        Assert.Contains("Approvate", (await volunteer.Client.GetAsync("/volontari/la-mia-attivita")).Text);
    }

    [Fact]
    public async Task Work_with_children_needs_a_valid_check_and_the_referent_is_told_before_it_expires()
    {
        var referent = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "Progetto Con-tatto");
        var expired = await factory.NewPersonAsync(NetworkRole.Volunteer, "Progetto Con-tatto");
        var missing = await factory.NewPersonAsync(NetworkRole.Volunteer, "Progetto Con-tatto");
        var expiring = await factory.NewPersonAsync(NetworkRole.Volunteer, "Progetto Con-tatto");
        var today = RomeDate.Today;
        var expiredProfile = await RegisterAsync(referent.Client, expired.Email, today.AddMonths(-12).AddDays(-2));
        var missingProfile = await RegisterAsync(referent.Client, missing.Email, null);
        var expiringProfile = await RegisterAsync(referent.Client, expiring.Email, today.AddMonths(-12).AddDays(10));
        var network = await factory.NetworkAsync("pavia");
        using (var scope = factory.Services.CreateScope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<VolunteerRegistry>();
            Assert.False(await registry.MayWorkWithChildrenAsync(network, expired.UserId));
            Assert.False(await registry.MayWorkWithChildrenAsync(network, missing.UserId));
            Assert.True(await registry.MayWorkWithChildrenAsync(network, expiring.UserId));
            Assert.False(await registry.MayWorkWithChildrenAsync(await factory.NetworkAsync("brianza"), expiring.UserId)); // another network's registry
        }

        foreach (var profile in new[] { expiredProfile, missingProfile })
        {
            var page = await referent.Client.GetAsync($"/volontari/{profile}");
            var refused = await referent.Client.SubmitAsync(page, Form(("Assignment.Kind", "SupportPath"), ("Assignment.Title", "Compiti con due fratelli"), ("Assignment.WithChildren", "true"),
                ("Assignment.StartsOn", today.ToString("yyyy-MM-dd"))));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains(refused.Errors, e => e.Contains("casellario"));
        }
        Assert.False(await factory.WithDbAsync(db => db.VolunteerAssignments.AnyAsync(a => a.VolunteerUserId == expired.UserId || a.VolunteerUserId == missing.UserId)));
        var adults = await referent.Client.SubmitAsync(await referent.Client.GetAsync($"/volontari/{expiredProfile}"), Form(("Assignment.Kind", "Event"), ("Assignment.Title", "Festa di quartiere: allestimento"),
            ("Assignment.WithChildren", "false"), ("Assignment.StartsOn", today.ToString("yyyy-MM-dd"))));
        Assert.True(adults.Status == HttpStatusCode.Redirect, string.Join(" | ", adults.Errors));

        // Other organisations' staff do not see these volunteers.
        var stranger = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "ACLI Pavia");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/volontari/{expiringProfile}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CoordinatorAsync("brianza")).GetAsync($"/volontari/{expiringProfile}")).Status);

        // The check expiring in ten days: the organisation's staff are told, once.
        int sent;
        using (var scope = factory.Services.CreateScope()) sent = await ClearanceReminders.SendDueAsync(scope.ServiceProvider);
        Assert.True(sent >= 1);
        var name = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == expiring.UserId).Select(u => u.DisplayName).FirstAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == referent.UserId && n.Subject == $"Certificato in scadenza: {name}")));
        using (var scope = factory.Services.CreateScope()) await ClearanceReminders.SendDueAsync(scope.ServiceProvider);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == referent.UserId && n.Subject == $"Certificato in scadenza: {name}")));

        // The referent's home: checks expiring and expired.
        var home = await referent.Client.GetAsync("/la-mia-area");
        Assert.Contains("Volontari", home.Text);
        Assert.Contains("certificati in scadenza", home.Text);
    }

    [Fact]
    public async Task The_demo_volunteer_sees_his_work_in_his_area()
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync("volontario@pavia.demo");
        await client.ChooseNetworkAsync("pavia");
        var home = await client.GetAsync("/la-mia-area");
        Assert.Contains("Il mio volontariato", home.Text);
        Assert.Contains("Prossimi incontri nei miei laboratori", home.Text);
        Assert.Contains("In attesa di approvazione", home.Text);
        Assert.Contains("La mia formazione", home.Text);
        var mine = await client.GetAsync("/volontari/la-mia-attivita");
        Assert.Contains("Laboratorio di comunità di Pavia Est", mine.Text);
        Assert.DoesNotContain("manca o è scaduto", mine.Text);
    }
}
