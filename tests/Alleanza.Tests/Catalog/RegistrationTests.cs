using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Catalog;

public class RegistrationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    /// <summary>A published event of Portogruaro with one new session of the given capacity.</summary>
    async Task<(Guid Opportunity, Guid Session)> EventWithPlacesAsync(int capacity)
    {
        return await factory.WithDbAsync(async db =>
        {
            var o = await db.Opportunities.Where(x => x.Title == "Giocare per crescere assieme" && db.Networks.Any(n => n.Id == x.NetworkId && n.Slug == "portogruaro")).FirstAsync();
            var session = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o.Id, StartsAt = DateTime.UtcNow.AddDays(30 + Random.Shared.Next(100)), Capacity = capacity };
            db.OpportunitySessions.Add(session);
            await db.SaveChangesAsync();
            return (o.Id, session.Id);
        });
    }

    async Task<TestClient> NewFamilyAsync()
    {
        var email = $"fam-{Guid.NewGuid():N}@esempio.it";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia " + email[4..10], CreatedAt = DateTime.UtcNow }, "famiglia-2026");
            Assert.True(result.Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, "famiglia-2026");
        await client.ChooseNetworkAsync("portogruaro");
        return client;
    }

    static Task<TestClient.Page> RegisterAsync(TestClient client, TestClient.Page page, Guid session, int places = 1, string names = "Giulia e Marco") =>
        client.SubmitAsync(page, new Dictionary<string, string?> { ["SessionId"] = session.ToString(), ["Registration.Places"] = places.ToString(), ["Registration.Participants"] = names },
            $"form[action*='handler=Register']:has(input[value='{session}'])", follow: true);

    Task<List<RegistrationStatus>> StatusesAsync(Guid session) => factory.WithDbAsync(db =>
        db.Registrations.Where(r => r.SessionId == session).OrderBy(r => r.CreatedAt).Select(r => r.Status).ToListAsync());

    [Fact]
    public async Task Families_register_the_last_places_go_to_the_waiting_list_and_a_cancellation_promotes_the_first_waiting()
    {
        var (opportunity, session) = await EventWithPlacesAsync(capacity: 3);
        var first = await NewFamilyAsync();
        var page = await first.GetAsync($"/opportunita/{opportunity}");
        var confirmed = await RegisterAsync(first, page, session, places: 2);
        Assert.Contains("Iscrizione confermata", confirmed.Text);
        Assert.Contains("1 posti liberi su 3", confirmed.Text);
        var mail = await Mailbox.WaitForAsync("@esempio.it", "Iscrizione confermata: Giocare per crescere assieme");
        Assert.Contains("Giocare per crescere assieme", mail.Text);

        var second = await NewFamilyAsync();
        var waiting = await RegisterAsync(second, await second.GetAsync($"/opportunita/{opportunity}"), session, places: 2);
        Assert.Contains("sei in lista d'attesa", waiting.Text);
        Assert.Contains("In lista d'attesa, posizione 1", waiting.Text);
        var third = await NewFamilyAsync();
        await RegisterAsync(third, await third.GetAsync($"/opportunita/{opportunity}"), session, places: 1); // fits the last place
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waiting, RegistrationStatus.Confirmed], await StatusesAsync(session));

        // Registering twice for the same date is refused: the page offers no form, and a forged post changes nothing.
        var again = await third.GetAsync($"/opportunita/{opportunity}");
        Assert.Contains("Sei iscritto", again.Text);
        Assert.Null(again.Document.QuerySelector($"form[action*='handler=Register']:has(input[value='{session}'])"));
        var token = again.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await third.Http.PostAsync($"/opportunita/{opportunity}?handler=Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["SessionId"] = session.ToString(), ["Registration.Places"] = "1", ["Registration.Participants"] = "di nuovo",
        }));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Contains("Sei già iscritto a questa data.", (await third.OpenAsync(forged.Headers.Location!.OriginalString)).Text);
        Assert.Equal(3, (await StatusesAsync(session)).Count);

        // The first family cancels: its two places go to the waiting family.
        var mine = await first.GetAsync("/account/iscrizioni");
        Assert.Contains("Giocare per crescere assieme", mine.Text);
        var cancelled = await first.SubmitAsync(mine, new Dictionary<string, string?>(), "form[action*='handler=Cancel']", follow: true);
        Assert.Contains("Iscrizione annullata.", cancelled.Text);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed], await StatusesAsync(session));
        Assert.Equal(3, await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.Id == session).Select(s => s.Taken).FirstAsync()));
    }

    [Fact]
    public async Task Registration_form_validates_and_anonymous_people_are_asked_to_sign_in()
    {
        var (opportunity, session) = await EventWithPlacesAsync(capacity: 10);
        var anonymous = factory.NewClient();
        await anonymous.ChooseNetworkAsync("portogruaro");
        var page = await anonymous.GetAsync($"/opportunita/{opportunity}");
        Assert.Contains("Accedi per iscriverti", page.Text);

        var family = await NewFamilyAsync();
        var form = await family.GetAsync($"/opportunita/{opportunity}");
        var bad = await family.SubmitAsync(form, new Dictionary<string, string?> { ["SessionId"] = session.ToString(), ["Registration.Places"] = "50", ["Registration.Participants"] = "" },
            $"form[action*='handler=Register']:has(input[value='{session}'])");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("Puoi iscrivere da 1 a 10 persone.", bad.Errors);
        Assert.Contains("Scrivi i nomi di chi partecipa.", bad.Errors);
        Assert.Empty(await StatusesAsync(session));
    }

    [Fact]
    public async Task Partner_sees_the_attendees_exports_them_and_marks_attendance()
    {
        var (opportunity, session) = await EventWithPlacesAsync(capacity: 5);
        var family = await NewFamilyAsync();
        await RegisterAsync(family, await family.GetAsync($"/opportunita/{opportunity}"), session, names: "=SOMMA(1;2) Luca");

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var list = await coordinator.GetAsync($"/gestione/opportunita/{opportunity}/iscritti");
        Assert.Contains("=SOMMA(1;2) Luca", list.Text);
        var csv = await coordinator.Http.GetAsync($"/gestione/opportunita/{opportunity}/iscritti?formato=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("\"'=SOMMA(1;2) Luca\"", text); // a formula is defused and quoted
        var registration = await factory.WithDbAsync(db => db.Registrations.Where(r => r.SessionId == session).Select(r => r.Id).FirstAsync());
        await coordinator.SubmitAsync(list, new Dictionary<string, string?> { ["present"] = registration.ToString() }, $"form[action*='sessionId={session}']");
        Assert.True(await factory.WithDbAsync(db => db.Registrations.Where(r => r.Id == registration).Select(r => r.Attended == true).FirstAsync()));
    }

    [Fact]
    public async Task Two_families_asking_for_the_last_place_at_the_same_moment_exactly_one_gets_it()
    {
        for (var round = 0; round < 3; round++)
        {
            var (opportunity, session) = await EventWithPlacesAsync(capacity: 1);
            var families = new List<TestClient>();
            var pages = new List<TestClient.Page>();
            for (var i = 0; i < 6; i++)
            {
                var f = await NewFamilyAsync();
                families.Add(f);
                pages.Add(await f.GetAsync($"/opportunita/{opportunity}"));
            }
            await Task.WhenAll(families.Select((f, i) => RegisterAsync(f, pages[i], session)));
            var statuses = await StatusesAsync(session);
            Assert.Equal(6, statuses.Count);
            Assert.Equal(1, statuses.Count(s => s == RegistrationStatus.Confirmed));
            Assert.Equal(5, statuses.Count(s => s == RegistrationStatus.Waiting));
            Assert.Equal(1, await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.Id == session).Select(s => s.Taken).FirstAsync()));
        }
    }
}
