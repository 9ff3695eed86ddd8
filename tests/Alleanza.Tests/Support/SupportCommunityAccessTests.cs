using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Support;

/// <summary>
/// The access matrix of labs, training and the volunteer registry for Pavia's own people (the platform matrix knocks from
/// Portogruaro): anonymous, a family, the demo operator (facilitator of Pavia Ovest, enrolled in the operators' courses),
/// the demo volunteer, staff of the lab's partner and of another partner, the coordinator.
/// </summary>
public class SupportCommunityAccessTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    public enum A { Ok, Login, Denied, NotFound }

    [Fact]
    public async Task Pavias_people_get_the_expected_answer_on_every_page()
    {
        var lab = await factory.WithDbAsync(db => db.CommunityLabs.Where(l => l.Name == "Laboratorio di comunità di Pavia Ovest").Select(l => l.Id).FirstAsync());
        var session = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.LabId == lab).Select(s => s.Id).FirstAsync());
        var course = await factory.WithDbAsync(db => db.TrainingCourses.Where(c => c.Title.StartsWith("Tutoring familiare")).Select(c => c.Id).FirstAsync());
        var lesson = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.CourseId == course).Select(s => s.Id).FirstAsync());
        var volunteer = await factory.WithDbAsync(db => db.VolunteerProfiles.Where(v => db.Users.Any(u => u.Id == v.UserId && u.Email == "volontario@pavia.demo")).Select(v => v.Id).FirstAsync());

        var anonymous = factory.NewClient();
        await anonymous.ChooseNetworkAsync("pavia");
        var family = (await factory.NewPersonAsync(NetworkRole.Family)).Client;
        var operatore = factory.NewClient();
        await operatore.SignInOrFailAsync("operatore@pavia.demo");
        await operatore.ChooseNetworkAsync("pavia");
        var volontario = factory.NewClient();
        await volontario.SignInOrFailAsync("volontario@pavia.demo");
        await volontario.ChooseNetworkAsync("pavia");
        var labStaff = (await factory.NewPersonAsync(NetworkRole.PartnerStaff, "Consorzio Sociale Pavese")).Client;
        var otherStaff = (await factory.NewPersonAsync(NetworkRole.PartnerStaff, "ACLI Pavia")).Client;
        var coordinator = await factory.CoordinatorAsync();
        var people = new (string Who, TestClient Client)[] { ("anonimo", anonymous), ("famiglia", family), ("operatore", operatore), ("volontario", volontario), ("ente del laboratorio", labStaff), ("altro ente", otherStaff), ("coordinatore", coordinator) };

        //                                                                    anonymous  family    operator    volunteer   lab's staff other staff coordinator
        var rows = new (string Url, A[] Expected)[]
        {
            ("/laboratori", [A.Ok, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok]),
            ($"/laboratori/{lab}", [A.Ok, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok]),
            ("/laboratori/gestione", [A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok]),
            ("/laboratori/nuovo", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok]),
            ($"/laboratori/{lab}/modifica", [A.Login, A.Denied, A.NotFound, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ($"/laboratori/{lab}/incontri", [A.Login, A.Denied, A.Ok, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ($"/laboratori/{lab}/ascolto", [A.Login, A.Denied, A.Ok, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ($"/laboratori/incontri/{session}", [A.Login, A.Denied, A.Ok, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ("/formazione", [A.Login, A.Denied, A.Ok, A.Ok, A.Ok, A.Ok, A.Ok]),
            ("/formazione/nuovo", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok]),
            ($"/formazione/{course}", [A.Login, A.Denied, A.Ok, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ($"/formazione/{course}/attestato", [A.Login, A.Denied, A.Ok, A.NotFound, A.NotFound, A.NotFound, A.NotFound]),
            ($"/formazione/incontri/{lesson}", [A.Login, A.Denied, A.NotFound, A.NotFound, A.Ok, A.NotFound, A.Ok]),
            ("/volontari", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok]),
            ("/volontari/nuovo", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok]),
            ("/volontari/ore", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.Ok, A.Ok]),
            // The demo volunteer belongs to the Consorzio Sociale Pavese (whose staff run the lab): his organisation's staff read his record.
            ($"/volontari/{volunteer}", [A.Login, A.Denied, A.Denied, A.Denied, A.Ok, A.NotFound, A.Ok]),
            ("/volontari/la-mia-attivita", [A.Login, A.Denied, A.Denied, A.Ok, A.Denied, A.Denied, A.Denied]),
            ("/volontari/impostazioni", [A.Login, A.Denied, A.Denied, A.Denied, A.Denied, A.Denied, A.Ok]),
        };
        var wrong = new List<string>();
        foreach (var (url, expected) in rows)
            for (var i = 0; i < people.Length; i++)
            {
                var response = await people[i].Client.Http.GetAsync(url);
                var location = response.Headers.Location?.OriginalString ?? "";
                A? actual = (int)response.StatusCode switch
                {
                    200 => A.Ok, 404 => A.NotFound,
                    302 when location.Contains("/account/accedi") => A.Login,
                    302 when location.Contains("/account/accesso-negato") => A.Denied,
                    _ => null,
                };
                if (actual != expected[i]) wrong.Add($"{people[i].Who} GET {url}: {(int)response.StatusCode} {location}, expected {expected[i]}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
