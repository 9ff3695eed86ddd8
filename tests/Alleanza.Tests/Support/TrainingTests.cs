using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Support;

/// <summary>
/// Training through HTTP: a course with modules and lessons, enrolment by role, the attendance register, the completion rule
/// (the network's share of the hours, 75 % by default) and the certificate PDF, read back with PdfPig; others get 404.
/// </summary>
public class TrainingTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static Dictionary<string, string?> Form(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public async Task Who_attends_the_required_share_of_hours_completes_the_course_and_gets_the_certificate()
    {
        var coordinator = await factory.CoordinatorAsync();
        var created = await coordinator.SubmitAsync(await coordinator.GetAsync("/formazione/nuovo"), Form(("Input.Title", "Ascolto attivo per operatori"),
            ("Input.Audience", "Operators"), ("Input.PartnerId", (await factory.PartnerAsync("Consorzio Sociale Pavese")).ToString())));
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        var course = created.Location!;
        var id = Guid.Parse(course.Split('/')[2]);

        var page = await coordinator.GetAsync(course);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(page, Form(("Module.Title", "Ascoltare le famiglie")))).Status);
        var start = RomeDate.Today.AddDays(-30);
        for (var i = 0; i < 4; i++)
        {
            var lesson = await coordinator.SubmitAsync(await coordinator.GetAsync(course), Form(("Lesson.Date", start.AddDays(i * 7).ToString("yyyy-MM-dd")), ("Lesson.Start", "09:00"), ("Lesson.End", "11:00"), ("Lesson.Place", "Sede del Consorzio")));
            Assert.True(lesson.Status == HttpStatusCode.Redirect, string.Join(" | ", lesson.Errors));
        }
        var diligent = await factory.NewPersonAsync(NetworkRole.SocialOperator, "Consorzio Sociale Pavese");
        var absent = await factory.NewPersonAsync(NetworkRole.SocialOperator, "ALDIA cooperativa sociale");
        var volunteer = await factory.NewPersonAsync(NetworkRole.Volunteer, "CSV Lombardia Sud");
        foreach (var p in new[] { diligent, absent })
        {
            var enrolled = await coordinator.SubmitAsync(await coordinator.GetAsync(course), Form(("Learner.Email", p.Email)));
            Assert.True(enrolled.Status == HttpStatusCode.Redirect, string.Join(" | ", enrolled.Errors));
        }
        // The course is for operators: a volunteer is refused.
        var refused = await coordinator.SubmitAsync(await coordinator.GetAsync(course), Form(("Learner.Email", volunteer.Email)));
        Assert.Contains(refused.Errors, e => e.Contains("operatore sociale"));

        // 3 lessons of 4 (6 hours of 8 = 75 %) for one, 2 of 4 (50 %) for the other.
        var lessons = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.CourseId == id).OrderBy(s => s.StartsAt).Select(s => s.Id).ToListAsync());
        for (var i = 0; i < 4; i++)
        {
            var present = new List<object>();
            if (i < 3) present.Add(diligent.UserId);
            if (i < 2) present.Add(absent.UserId);
            var register = await coordinator.GetAsync($"/formazione/incontri/{lessons[i]}");
            var saved = await coordinator.SubmitAsync(register, Form(("present", present.Count == 0 ? null : TestClient.Many([.. present]))));
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }
        Assert.Equal(5, await factory.WithDbAsync(db => db.TrainingAttendances.CountAsync(a => lessons.Contains(a.SessionId))));

        var mine = await diligent.Client.GetAsync(course);
        Assert.Contains("6 ore su 8", mine.Text);
        var pdf = await diligent.Client.Http.GetAsync($"/formazione/{id}/attestato");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var name = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == diligent.UserId).Select(u => u.DisplayName).FirstAsync());
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("ATTESTATO DI PARTECIPAZIONE", text);
            Assert.Contains(name, text);
            Assert.Contains("Ascolto attivo per operatori", text);
            Assert.Contains("6 ore su 8", text);
        }
        Assert.Contains("4 ore su 8", (await absent.Client.GetAsync(course)).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await absent.Client.Http.GetAsync($"/formazione/{id}/attestato")).StatusCode);
        // Who manages the course downloads a learner's certificate; a learner cannot download another's.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Http.GetAsync($"/formazione/{id}/attestato?persona={diligent.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await absent.Client.Http.GetAsync($"/formazione/{id}/attestato?persona={diligent.UserId}")).StatusCode);

        // The rule is the network's: at 80 % the same 75 % no longer completes.
        var settings = await coordinator.GetAsync("/volontari/impostazioni");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(settings, Form(("Input.CompletionPercent", "80")))).Status);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await diligent.Client.Http.GetAsync($"/formazione/{id}/attestato")).StatusCode);
        }
        finally
        {
            await coordinator.SubmitAsync(await coordinator.GetAsync("/volontari/impostazioni"), Form(("Input.CompletionPercent", "75")));
        }
        Assert.Equal(HttpStatusCode.OK, (await diligent.Client.Http.GetAsync($"/formazione/{id}/attestato")).StatusCode);
    }

    [Fact]
    public async Task Courses_are_for_their_people_only()
    {
        var course = await factory.WithDbAsync(db => db.TrainingCourses.Where(c => c.Title == "Mediazione dei conflitti familiari").Select(c => c.Id).FirstAsync());
        var outsider = await factory.NewPersonAsync(NetworkRole.Volunteer, "Babele Onlus"); // not enrolled
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/formazione/{course}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.Http.GetAsync($"/formazione/{course}/attestato")).StatusCode);
        var otherNetwork = await factory.CoordinatorAsync("brianza");
        Assert.Equal(HttpStatusCode.NotFound, (await otherNetwork.GetAsync($"/formazione/{course}")).Status);
        var family = await factory.NewPersonAsync(NetworkRole.Family);
        Assert.Contains("/account/accesso-negato", (await family.Client.GetAsync("/formazione")).Location);
        // The demo operator sees her courses and her progress.
        var operatore = factory.NewClient();
        await operatore.SignInOrFailAsync("operatore@pavia.demo");
        await operatore.ChooseNetworkAsync("pavia");
        var mine = await operatore.GetAsync("/formazione");
        Assert.Contains("Tutoring familiare", mine.Text);
        Assert.Contains("Completato", mine.Text);
        var home = await operatore.GetAsync("/la-mia-area");
        Assert.Contains("La mia formazione", home.Text);
        Assert.Contains("Mediazione dei conflitti familiari", home.Text);
    }
}
