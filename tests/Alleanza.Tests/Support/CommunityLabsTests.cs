using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Support.Labs;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Support;

/// <summary>
/// Community labs through HTTP: the public list with its map and each lab's page without signing in, a lab created with
/// its facilitators, sessions published in the catalogue, named and counted attendance (once, even with twin requests),
/// the anonymous listening log, the clearance rule for labs with children, and 404 for other networks and organisations.
/// </summary>
public class CommunityLabsTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static Dictionary<string, string?> Form(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    Task<Guid> DemoLabAsync(string place) => factory.WithDbAsync(db => db.CommunityLabs.Where(l => l.Name == $"Laboratorio di comunità di {place}").Select(l => l.Id).FirstAsync());

    /// <summary>The coordinator of Pavia creates a lab run by the partner; answers its id.</summary>
    async Task<Guid> CreateLabAsync(TestClient coordinator, string name, string partner, bool withChildren = false)
    {
        var form = await coordinator.GetAsync("/laboratori/nuovo");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var created = await coordinator.SubmitAsync(form, Form(("Input.PartnerId", (await factory.PartnerAsync(partner)).ToString()), ("Input.Name", name),
            ("Input.Address", "Via Roma 1"), ("Input.OpeningHours", "martedì 15–18"), ("Input.Latitude", "45,19"), ("Input.Longitude", "9.16"),
            ("Input.WithChildren", withChildren ? "true" : "false")));
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        return Guid.Parse(created.Location!.Split('/')[2]);
    }

    [Fact]
    public async Task Families_find_the_labs_their_map_and_times_without_signing_in()
    {
        var anonymous = factory.NewClient();
        await anonymous.ChooseNetworkAsync("pavia");
        var list = await anonymous.GetAsync("/laboratori");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(10, list.Document.QuerySelectorAll("#risultati > li").Length);
        Assert.Contains("Laboratorio di comunità di Pavia Ovest", list.Text);
        Assert.Contains("lunedì e giovedì 15–19", list.Text);
        var points = list.Document.QuerySelector("#mappa")!.GetAttribute("data-points")!;
        Assert.Equal(10, System.Text.Json.JsonDocument.Parse(points).RootElement.GetArrayLength());
        Assert.Equal("/laboratori/", list.Document.QuerySelector("#mappa")!.GetAttribute("data-link"));

        var ovest = await DemoLabAsync("Pavia Ovest");
        var page = await anonymous.GetAsync($"/laboratori/{ovest}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Prossimi incontri", page.Text);
        Assert.Contains("Consorzio Sociale Pavese", page.Text);
        // The lab's upcoming sessions are dates of its catalogue opportunity.
        var opportunity = await factory.WithDbAsync(db => db.CommunityLabs.Where(l => l.Id == ovest).Select(l => l.OpportunityId).FirstAsync());
        Assert.NotNull(opportunity);
        Assert.Contains($"/opportunita/{opportunity}", page.Html);
        var dates = await factory.WithDbAsync(db => db.LabSessions.CountAsync(s => s.LabId == ovest && s.OpportunitySessionId != null
            && db.OpportunitySessions.Any(o => o.Id == s.OpportunitySessionId && o.OpportunityId == opportunity)));
        Assert.True(dates >= 3, $"{dates} dates in the catalogue");

        // Another network's lab is not there for someone in Portogruaro.
        var elsewhere = factory.NewClient();
        await elsewhere.ChooseNetworkAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/laboratori/{ovest}")).Status);
        Assert.DoesNotContain("Pavia Ovest", (await elsewhere.GetAsync("/laboratori")).Text);
    }

    [Fact]
    public async Task A_lab_publishes_its_sessions_in_the_catalogue_and_counts_named_and_anonymous_attendance_once()
    {
        var coordinator = await factory.CoordinatorAsync();
        var lab = await CreateLabAsync(coordinator, "Laboratorio di prova del Ticino", "Babele Onlus");
        var opportunity = await factory.WithDbAsync(db => db.Opportunities.Where(o => db.Partners.Any(p => p.Id == o.PartnerId && p.Name == "Babele Onlus")
            && o.Status == Alleanza.Web.Modules.Catalog.OpportunityStatus.Published).Select(o => o.Id).FirstAsync());
        var edit = await coordinator.GetAsync($"/laboratori/{lab}/modifica");
        var saved = await coordinator.SubmitAsync(edit, Form(("Input.OpportunityId", opportunity.ToString())));
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));

        var day = RomeDate.Today.AddDays(9);
        var sessions = await coordinator.GetAsync($"/laboratori/{lab}/incontri");
        var created = await coordinator.SubmitAsync(sessions, Form(("Input.Date", day.ToString("yyyy-MM-dd")), ("Input.Start", "16:00"), ("Input.End", "18:00"), ("Input.Theme", "Merenda e giochi")));
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        var sessionId = Guid.Parse(created.Location!.Split('/')[3]);
        var published = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.Id == sessionId)
            .Select(s => db.OpportunitySessions.Where(o => o.Id == s.OpportunitySessionId).Select(o => new { o.OpportunityId, o.StartsAt }).FirstOrDefault()).FirstAsync());
        Assert.NotNull(published);
        Assert.Equal(opportunity, published.OpportunityId);

        // Named attendance: a person of the network, once even when the form is sent ten times at once.
        var family = await factory.NewPersonAsync(NetworkRole.Family);
        var session = await coordinator.GetAsync($"/laboratori/incontri/{sessionId}");
        await Concurrently.SubmitAsync(coordinator, session, Form(("Attendee.Email", family.Email)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.LabAttendances.CountAsync(a => a.SessionId == sessionId && a.UserId == family.UserId)));
        var again = await coordinator.SubmitAsync(session, Form(("Attendee.Email", family.Email)), follow: true);
        Assert.Contains("già", again.Text);
        var stranger = await coordinator.SubmitAsync(session, Form(("Attendee.Email", "nessuno@esempio.it")));
        Assert.Contains(stranger.Errors, e => e.Contains("Nessuna persona"));

        // Counted attendance: twins with the same version save once; the values are the ones sent.
        session = await coordinator.GetAsync($"/laboratori/incontri/{sessionId}");
        await Concurrently.SubmitAsync(coordinator, session, Form(("Counts.AdultsNew", "3"), ("Counts.AdultsReturning", "5"), ("Counts.ChildrenNew", "2"), ("Counts.ChildrenReturning", "7")));
        var counts = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.Id == sessionId).Select(s => new { s.AdultsNew, s.AdultsReturning, s.ChildrenNew, s.ChildrenReturning, s.Version }).FirstAsync());
        Assert.Equal((3, 5, 2, 7, 1), (counts.AdultsNew, counts.AdultsReturning, counts.ChildrenNew, counts.ChildrenReturning, counts.Version));
        var bad = await coordinator.SubmitAsync(await coordinator.GetAsync($"/laboratori/incontri/{sessionId}"), Form(("Counts.AdultsNew", "-4")));
        Assert.Contains(bad.Errors, e => e.Contains("tra 0 e 10000"));

        // Editing the session moves its catalogue date with it; a bad time is refused; a stale form changes nothing;
        // moved into the past, it leaves the catalogue.
        var page = await coordinator.GetAsync($"/laboratori/incontri/{sessionId}");
        var later = day.AddDays(2);
        Dictionary<string, string?> EditForm(DateOnly d, string start, string end, string theme) =>
            Form(("Edit.Date", d.ToString("yyyy-MM-dd")), ("Edit.Start", start), ("Edit.End", end), ("Edit.Theme", theme));
        var wrong = await coordinator.SubmitAsync(page, EditForm(later, "18:00", "17:00", "Merenda"), "form[action*='handler=Edit']");
        Assert.Contains(wrong.Errors, e => e.Contains("dopo quella di inizio"));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(page, EditForm(later, "15:30", "17:30", "Merenda, giochi e letture"), "form[action*='handler=Edit']")).Status);
        var moved = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.Id == sessionId)
            .Select(s => new { s.Theme, s.StartsAt, Catalogue = db.OpportunitySessions.Where(o => o.Id == s.OpportunitySessionId).Select(o => (DateTime?)o.StartsAt).FirstOrDefault() }).FirstAsync());
        Assert.Equal("Merenda, giochi e letture", moved.Theme);
        Assert.Equal(Alleanza.Web.Platform.RomeTime.FromRome(later, new TimeOnly(15, 30)), moved.StartsAt);
        Assert.Equal(moved.StartsAt, moved.Catalogue);
        var stale = await coordinator.SubmitAsync(page, EditForm(later, "15:30", "17:30", "Un tema di un'altra finestra"), "form[action*='handler=Edit']", follow: true);
        Assert.Contains("Qualcun altro ha modificato", stale.Text);
        Assert.Equal("Merenda, giochi e letture", await factory.WithDbAsync(db => db.LabSessions.Where(s => s.Id == sessionId).Select(s => s.Theme).FirstAsync()));
        page = await coordinator.GetAsync($"/laboratori/incontri/{sessionId}");
        var past = RomeDate.Today.AddDays(-3);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(page, EditForm(past, "15:30", "17:30", "Merenda, giochi e letture"), "form[action*='handler=Edit']")).Status);
        Assert.Null(await factory.WithDbAsync(db => db.LabSessions.Where(s => s.Id == sessionId).Select(s => s.OpportunitySessionId).FirstAsync()));
        Assert.False(await factory.WithDbAsync(db => db.OpportunitySessions.AnyAsync(o => o.OpportunityId == opportunity && o.StartsAt == moved.StartsAt)));

        // Deleting the session removes its catalogue date.
        var delete = await coordinator.SubmitAsync(await coordinator.GetAsync($"/laboratori/incontri/{sessionId}"), new Dictionary<string, string?>(), "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, delete.Status);
        Assert.False(await factory.WithDbAsync(db => db.OpportunitySessions.AnyAsync(o => o.OpportunityId == opportunity && o.StartsAt == published.StartsAt)));
    }

    [Fact]
    public async Task The_listening_log_records_topics_and_follow_ups_never_personal_data()
    {
        // The record has no field for a person.
        var fields = typeof(ListeningContact).GetProperties().Select(p => p.Name).ToList();
        Assert.DoesNotContain(fields, f => f.Contains("Name") || f.Contains("Email") || f.Contains("Phone") || f.Contains("FiscalCode") || f.Contains("Household") || f == "UserId");

        var ovest = await DemoLabAsync("Pavia Ovest");
        var facilitator = await factory.NewPersonAsync(NetworkRole.SocialOperator, "Consorzio Sociale Pavese");
        var coordinator = await factory.CoordinatorAsync();
        var edit = await coordinator.GetAsync($"/laboratori/{ovest}/modifica");
        var added = await coordinator.SubmitAsync(edit, Form(("Facilitator.Email", facilitator.Email)));
        Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));

        var log = await facilitator.Client.GetAsync($"/laboratori/{ovest}/ascolto");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        foreach (var personal in new[] { "mario.rossi@esempio.it", "chiamare il 333 1234567", "RSSMRA80A01H501U" })
        {
            var refused = await facilitator.Client.SubmitAsync(log, Form(("Input.Date", today), ("Input.Topic", "Casa"), ("Input.FollowUp", "Service"), ("Input.FollowUpNote", personal)));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains(refused.Errors, e => e.Contains("anonimo"));
        }
        var wrongTopic = await facilitator.Client.SubmitAsync(log, Form(("Input.Date", today), ("Input.Topic", "Un tema inventato"), ("Input.FollowUp", "Service")));
        Assert.Contains(wrongTopic.Errors, e => e.Contains("elenco"));
        var before = await factory.WithDbAsync(db => db.ListeningContacts.CountAsync(c => c.LabId == ovest));
        var ok = await facilitator.Client.SubmitAsync(log, Form(("Input.Date", today), ("Input.Topic", "Casa"), ("Input.FollowUp", "Service"), ("Input.FollowUpNote", "sportello casa del Comune")));
        Assert.True(ok.Status == HttpStatusCode.Redirect, string.Join(" | ", ok.Errors));
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.ListeningContacts.CountAsync(c => c.LabId == ovest)));
        var row = await factory.WithDbAsync(db => db.ListeningContacts.Where(c => c.LabId == ovest && c.RecordedByUserId == facilitator.UserId).FirstAsync());
        Assert.Equal(("Casa", ListeningFollowUp.Service, "sportello casa del Comune"), (row.Topic, row.FollowUp, row.FollowUpNote));
    }

    [Fact]
    public async Task A_volunteer_without_a_valid_check_cannot_facilitate_a_lab_with_children()
    {
        var coordinator = await factory.CoordinatorAsync();
        var lab = await CreateLabAsync(coordinator, "Doposcuola di prova", "Babele Onlus", withChildren: true);
        var volunteer = await factory.NewPersonAsync(NetworkRole.Volunteer, "Babele Onlus");
        var network = await factory.NetworkAsync("pavia");
        using (var scope = factory.Services.CreateScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<VolunteerRegistry>().MayWorkWithChildrenAsync(network, volunteer.UserId)); // not in the registry

        // In the registry with a check of 13 months ago: expired (validity 12 months).
        var registry = await coordinator.SubmitAsync(await coordinator.GetAsync("/volontari/nuovo"), Form(("Input.Email", volunteer.Email)));
        Assert.True(registry.Status == HttpStatusCode.Redirect, string.Join(" | ", registry.Errors));
        var profile = registry.Location!;
        var old = RomeDate.Today.AddMonths(-13).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(await coordinator.GetAsync(profile), Form(("Input.ClearanceDate", old)))).Status);
        using (var scope = factory.Services.CreateScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<VolunteerRegistry>().MayWorkWithChildrenAsync(network, volunteer.UserId));

        var edit = await coordinator.GetAsync($"/laboratori/{lab}/modifica");
        var refused = await coordinator.SubmitAsync(edit, Form(("Facilitator.Email", volunteer.Email)));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("scaduto") && e.Contains("25-bis"));
        Assert.False(await factory.WithDbAsync(db => db.LabFacilitators.AnyAsync(f => f.LabId == lab && f.UserId == volunteer.UserId)));

        // A fresh check: now the volunteer may.
        var recent = RomeDate.Today.AddMonths(-1).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(await coordinator.GetAsync(profile), Form(("Input.ClearanceDate", recent)))).Status);
        using (var scope = factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<VolunteerRegistry>().MayWorkWithChildrenAsync(network, volunteer.UserId));
        var accepted = await coordinator.SubmitAsync(await coordinator.GetAsync($"/laboratori/{lab}/modifica"), Form(("Facilitator.Email", volunteer.Email)));
        Assert.True(accepted.Status == HttpStatusCode.Redirect, string.Join(" | ", accepted.Errors));
        Assert.True(await factory.WithDbAsync(db => db.LabFacilitators.AnyAsync(f => f.LabId == lab && f.UserId == volunteer.UserId && f.IsVolunteer)));
    }

    [Fact]
    public async Task Other_organisations_and_networks_get_404_on_a_labs_work()
    {
        var ovest = await DemoLabAsync("Pavia Ovest");
        var session = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.LabId == ovest).Select(s => s.Id).FirstAsync());
        // Staff of another organisation, an operator who does not facilitate it, another network's coordinator.
        var otherStaff = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "ACLI Pavia");
        var ownStaff = await factory.NewPersonAsync(NetworkRole.PartnerStaff, "Consorzio Sociale Pavese");
        var operatorElsewhere = await factory.NewPersonAsync(NetworkRole.SocialOperator, "ALDIA cooperativa sociale");
        var brianza = await factory.CoordinatorAsync("brianza");
        foreach (var url in new[] { $"/laboratori/{ovest}/modifica", $"/laboratori/{ovest}/incontri", $"/laboratori/{ovest}/ascolto", $"/laboratori/incontri/{session}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.Client.GetAsync(url)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await operatorElsewhere.Client.GetAsync(url)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await brianza.GetAsync(url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await ownStaff.Client.GetAsync(url)).Status);
        }
        // A family is not lab staff at all.
        var family = await factory.NewPersonAsync(NetworkRole.Family);
        Assert.Contains("/account/accesso-negato", (await family.Client.GetAsync($"/laboratori/{ovest}/incontri")).Location);
    }
}

