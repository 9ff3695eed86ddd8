using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Surveys;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Surveys;

/// <summary>The class slips carry short instructions in Italian and in the questionnaire's other languages.</summary>
public class SurveySlipsTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    async Task<string> PrintAsync(params string[] languages)
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());
        Guid id, @class;
        using (var scope = factory.Services.CreateScope())
        {
            var build = scope.ServiceProvider.GetRequiredService<BuildSurvey>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            id = (await build.CreateAsync(network, "Le famiglie e la scuola"))!.Value;
            var section = await db.SurveySections.Where(x => x.SurveyId == id).Select(x => x.Id).FirstAsync();
            await build.SaveQuestionAsync(network, id, null, new(section, QuestionType.Rating5, "Come va?", "", true, null, null));
            Assert.True((await build.OpenAsync(network, id)).Ok);
            foreach (var l in languages)
                db.SurveyTranslations.Add(new SurveyTranslation { SurveyId = id, Language = l, ItemId = id, Field = TranslatedField.Title, Text = "Titolo " + l });
            await db.SaveChangesAsync();
            var school = await db.Partners.Where(p => p.NetworkId == network && p.Kind == Alleanza.Web.Modules.Network.PartnerKind.School).Select(p => p.Id).FirstAsync();
            Assert.Null((await scope.ServiceProvider.GetRequiredService<SchoolCodes>().AddClassAsync(network, id, school, "2ª A", 9)).Error);
            @class = await db.SurveyClasses.Where(c => c.SurveyId == id).Select(c => c.Id).SingleAsync();
        }
        var page = await client.GetAsync($"/gestione/questionari/{id}/scuole");
        var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?>(), $"form[action*='handler=Print'][action*='{@class}']");
        var pdf = await client.Http.PostAsync(target, new FormUrlEncodedContent(fields));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal(languages.Length == 0 ? 1 : 2, read.NumberOfPages); // 9 slips: 10 a page, 8 when other languages need the room
        return string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    static int Count(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;

    [Fact]
    public async Task The_slips_carry_the_instructions_in_Italian_and_in_the_questionnaires_other_languages()
    {
        var text = await PrintAsync("en", "ro", "uk", "zh");
        Assert.Equal(9, Count(text, "Inquadrate il QR col telefono"));
        Assert.Equal(9, Count(text, "English: scan the QR code or open the link and type the code."));
        Assert.Equal(9, Count(text, "Română: scanați codul QR sau deschideți linkul și scrieți codul."));
        // Ukrainian and Chinese: the PDF's font has no Cyrillic or Chinese glyphs, so the slip names them in Italian.
        Assert.Equal(9, Count(text, "Il questionario è anche in ucraino e cinese"));
        Assert.DoesNotContain("Shqip", text);
        Assert.DoesNotContain("arabo", text);
    }

    [Fact]
    public async Task A_questionnaire_only_in_Italian_prints_the_Italian_instructions_alone()
    {
        var text = await PrintAsync();
        Assert.Equal(9, Count(text, "Inquadrate il QR col telefono"));
        Assert.DoesNotContain("English", text);
        Assert.DoesNotContain("anche in", text);
    }
}
