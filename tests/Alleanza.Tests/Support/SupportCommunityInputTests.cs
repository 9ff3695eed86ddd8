using System.Net;
using AngleSharp.Html.Dom;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Support;

/// <summary>
/// No input gives a 500 on the labs', training's and registry's forms of Pavia (the platform's input probes knock from
/// Portogruaro, where these objects are 404): every field of every form gets nasty values, one field at a time.
/// </summary>
public class SupportCommunityInputTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static readonly string[] Nasty = ["", " ", "-1", "0", "99999999999", "1e309", "abc", "2024-02-30", "9999-12-31", "25:61", "00000000-0000-0000-0000-000000000000",
        "<script>alert(1)</script>", "' OR 1=1 --", new string('a', 5000), "\u202e\u0001", "1,5", "true"];

    [Fact]
    public async Task Nasty_values_in_every_form_never_give_a_500()
    {
        var lab = await factory.WithDbAsync(db => db.CommunityLabs.Where(l => l.Name == "Laboratorio di comunità di Pavia Est").Select(l => l.Id).FirstAsync());
        var session = await factory.WithDbAsync(db => db.LabSessions.Where(s => s.LabId == lab).OrderByDescending(s => s.StartsAt).Select(s => s.Id).FirstAsync());
        var course = await factory.WithDbAsync(db => db.TrainingCourses.OrderBy(c => c.Title).Select(c => c.Id).FirstAsync());
        var lesson = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.CourseId == course).Select(s => s.Id).FirstAsync());
        var volunteer = await factory.WithDbAsync(db => db.VolunteerProfiles.OrderBy(v => v.CreatedAt).Select(v => v.Id).FirstAsync());
        var coordinator = await factory.CoordinatorAsync();
        var volontario = factory.NewClient();
        await volontario.SignInOrFailAsync("volontario@pavia.demo");
        await volontario.ChooseNetworkAsync("pavia");
        var pages = new (TestClient Client, string Url)[]
        {
            (coordinator, "/laboratori/nuovo"), (coordinator, $"/laboratori/{lab}/modifica"), (coordinator, $"/laboratori/{lab}/incontri"), (coordinator, $"/laboratori/incontri/{session}"),
            (coordinator, $"/laboratori/{lab}/ascolto"), (coordinator, "/formazione/nuovo"), (coordinator, $"/formazione/{course}"), (coordinator, $"/formazione/incontri/{lesson}"),
            (coordinator, "/volontari/nuovo"), (coordinator, $"/volontari/{volunteer}"), (coordinator, "/volontari/ore"), (coordinator, "/volontari/impostazioni"),
            (volontario, "/volontari/la-mia-attivita"),
        };
        var failures = new List<string>();
        var posts = 0;
        var random = new Random(2026);
        foreach (var (client, url) in pages)
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var forms = page.Document.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && f.Elements.Any(e => e.GetAttribute("name") == "__RequestVerificationToken")
                && !(f.GetAttribute("action") ?? "").Contains("/account/")).ToList();
            foreach (var form in forms)
            {
                var names = form.Elements.Select(e => e.GetAttribute("name")).Where(n => n is not null && n != "__RequestVerificationToken").Distinct().ToList();
                foreach (var name in names.DefaultIfEmpty("x"))
                    foreach (var value in Nasty.OrderBy(_ => random.Next()).Take(6))
                    {
                        var fields = Shared.HtmlForms.CurrentValues(form, n => n == name);
                        fields.Add(new(name!, value));
                        var action = form.GetAttribute("action");
                        var target = string.IsNullOrEmpty(action) ? url : action;
                        // Destructive handlers are skipped: they would remove what the next probes need.
                        if (target.Contains("handler=Delete") || target.Contains("handler=Close") || target.Contains("handler=Remove")) continue;
                        var response = await client.Http.PostAsync(target, new FormUrlEncodedContent(fields));
                        posts++;
                        if ((int)response.StatusCode >= 500) failures.Add($"{target} {name}={value[..Math.Min(20, value.Length)]}: {(int)response.StatusCode}");
                    }
            }
        }
        Assert.True(posts > 200, $"only {posts} probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
