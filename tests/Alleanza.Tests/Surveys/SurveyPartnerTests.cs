using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Demo;
using Alleanza.Web.Modules.Surveys;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Surveys;

/// <summary>Coordinators allow partner organisations to build questionnaires: each partner's referents reach their own only.</summary>
public class SurveyPartnerTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    /// <summary>Two partners of the network that are not allowed yet.</summary>
    async Task<List<Guid>> FreePartnersAsync(string network)
    {
        var id = await NetworkAsync(network);
        return await factory.WithDbAsync(db => db.Partners.Where(p => p.NetworkId == id && !db.SurveyPartners.Any(a => a.PartnerId == p.Id))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync());
    }

    /// <summary>A new person with the partner-staff role for the partner, signed in and working in the network.</summary>
    async Task<(TestClient Client, Guid UserId)> NewReferentAsync(string network, Guid partner)
    {
        var email = $"referente-{Guid.NewGuid():N}@esempio.it";
        var networkId = await NetworkAsync(network);
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Teresa Galli", CreatedAt = DateTime.UtcNow };
        using (var scope = factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoData.Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, NetworkId = networkId, Role = NetworkRole.PartnerStaff, PartnerId = partner, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email);
        await client.ChooseNetworkAsync(network);
        return (client, user.Id);
    }

    static void AssertDenied(TestClient.Page page) =>
        Assert.True(page.Status == HttpStatusCode.Redirect && page.Location!.Contains("accesso-negato"), $"{page.Status} {page.Location}");

    static async Task<TestClient.Page> AllowAsync(TestClient coordinator, Guid partner)
    {
        var page = await coordinator.GetAsync("/gestione/questionari/enti");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Input.PartnerId"] = partner.ToString() }, "form[action*='handler=Allow']");
    }

    [Fact]
    public async Task An_allowed_partners_referents_are_told_and_build_their_own_questionnaires_not_others()
    {
        var lucca = await NetworkAsync("lucca");
        var partners = await FreePartnersAsync("lucca");
        var (referent, referentId) = await NewReferentAsync("lucca", partners[0]);
        var (stranger, strangerId) = await NewReferentAsync("lucca", partners[1]);
        AssertDenied(await referent.GetAsync("/gestione/questionari"));

        Guid coordinationSurvey;
        using (var scope = factory.Services.CreateScope())
            coordinationSurvey = (await scope.ServiceProvider.GetRequiredService<BuildSurvey>().CreateAsync(lucca, "Il questionario del coordinamento"))!.Value;

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var allowed = await AllowAsync(coordinator, partners[0]);
        Assert.True(allowed.Status == HttpStatusCode.Redirect, string.Join(" | ", allowed.Errors));
        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == "surveys.partner").Select(n => n.UserId).ToListAsync());
        Assert.Contains(referentId, told);
        Assert.DoesNotContain(strangerId, told);
        var enti = await coordinator.GetAsync("/gestione/questionari/enti");
        Assert.Contains(await factory.WithDbAsync(db => db.Partners.Where(p => p.Id == partners[0]).Select(p => p.Name).FirstAsync()), enti.Document.QuerySelector("table")!.TextContent);

        // The referent finds «Questionari» in its header and home, and sees its partner's questionnaires only.
        var home = await referent.GetAsync("/la-mia-area");
        Assert.NotNull(home.Document.QuerySelector("header a[href='/gestione/questionari']"));
        Assert.NotNull(home.Document.QuerySelector("main a[href='/gestione/questionari']"));
        var list = await referent.GetAsync("/gestione/questionari");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain("Il questionario del coordinamento", list.Text);
        var created = await referent.SubmitAsync(list, new Dictionary<string, string?> { ["Input.Title"] = "Il questionario dell'ente" });
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        var id = Guid.Parse(created.Location!.Split('/').Last());
        Assert.Equal(partners[0], await factory.WithDbAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.PartnerId).FirstAsync()));
        Assert.Contains("Il questionario dell'ente", (await referent.GetAsync("/gestione/questionari")).Text);

        // It builds it: a question, then the other pages of its questionnaire.
        var question = await referent.GetAsync($"/gestione/questionari/{id}/domande");
        var saved = await referent.SubmitAsync(question, new Dictionary<string, string?> { ["Input.Type"] = "SingleChoice", ["Input.Text"] = "Conoscete l'associazione?", ["Input.Options"] = "Sì\nNo" });
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));
        var survey = await referent.GetAsync($"/gestione/questionari/{id}");
        Assert.Contains("Conoscete l'associazione?", survey.Text);
        Assert.Null(survey.Document.QuerySelector($"a[href='/gestione/questionari/{id}/inviti']"));
        Assert.Contains("li cura il coordinamento", survey.Text);
        foreach (var page in new[] { "risultati", "traduzioni", "anteprima", "scuole" })
            Assert.Equal(HttpStatusCode.OK, (await referent.GetAsync($"/gestione/questionari/{id}/{page}")).Status);
        // Inviting the registry's households and publishing the results stay with the coordinators.
        AssertDenied(await referent.GetAsync($"/gestione/questionari/{id}/inviti"));
        var (_, fields) = TestClient.FormOf(survey, new Dictionary<string, string?>(), "form[action*='handler=Settings']");
        var publish = await referent.Http.PostAsync($"/gestione/questionari/{id}/risultati?handler=Publish",
            new FormUrlEncodedContent(fields.Where(f => f.Key == "__RequestVerificationToken").Append(new("Audience", "Public"))));
        AssertDenied(await TestClient.ReadAsync(publish));
        Assert.Equal(ResultsAudience.None, await factory.WithDbAsync(db => db.Surveys.Where(s => s.Id == id).Select(s => s.ResultsAudience).FirstAsync()));

        // The coordination's questionnaire is not found, reading or writing.
        Assert.Equal(HttpStatusCode.NotFound, (await referent.GetAsync($"/gestione/questionari/{coordinationSurvey}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await referent.GetAsync($"/gestione/questionari/{coordinationSurvey}/risultati?handler=Csv")).Status);
        var edit = await referent.Http.PostAsync($"/gestione/questionari/{coordinationSurvey}?handler=Settings",
            new FormUrlEncodedContent(fields.Select(f => f.Key == "Input.Title" ? new KeyValuePair<string, string>(f.Key, "Preso!") : f)));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal("Il questionario del coordinamento", await factory.WithDbAsync(db => db.Surveys.Where(s => s.Id == coordinationSurvey).Select(s => s.Title).FirstAsync()));

        // A referent of a partner not allowed is denied, even the allowed partner's questionnaire.
        AssertDenied(await stranger.GetAsync("/gestione/questionari"));
        AssertDenied(await stranger.GetAsync($"/gestione/questionari/{id}"));
        Assert.Null((await stranger.GetAsync("/la-mia-area")).Document.QuerySelector("header a[href='/gestione/questionari']"));

        // The coordinator sees the partner's questionnaire with the others, and who prepared it.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/gestione/questionari/{id}")).Status);
        Assert.Contains("Il questionario dell'ente", (await coordinator.GetAsync("/gestione/questionari")).Text);

        // Removed (after a confirmation in the page), the partner's referents no longer reach it; the questionnaire stays.
        enti = await coordinator.GetAsync("/gestione/questionari/enti");
        var remove = enti.Document.QuerySelector($"form[action*='ente={partners[0]}']")!;
        Assert.NotNull(remove.QuerySelector("button[data-confirm]"));
        var removed = await coordinator.SubmitAsync(enti, new Dictionary<string, string?>(), $"form[action*='ente={partners[0]}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        AssertDenied(await referent.GetAsync($"/gestione/questionari/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/gestione/questionari/{id}")).Status);
        var again = await coordinator.SubmitAsync(enti, new Dictionary<string, string?>(), $"form[action*='ente={partners[0]}']");
        Assert.Contains("L'ente era già stato tolto.", again.Errors);
    }

    [Fact]
    public async Task Twin_requests_allow_a_partner_once_and_tell_its_referents_once()
    {
        var partner = (await FreePartnersAsync("cidis"))[0];
        var (_, referentId) = await NewReferentAsync("cidis", partner);
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("cidis");
        var page = await coordinator.GetAsync("/gestione/questionari/enti");
        var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?> { ["Input.PartnerId"] = partner.ToString() }, "form[action*='handler=Allow']");
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => coordinator.Http.PostAsync(target, new FormUrlEncodedContent(fields))));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await factory.WithDbAsync(db => db.SurveyPartners.CountAsync(a => a.PartnerId == partner)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == referentId && n.Kind == "surveys.partner")));
    }

    [Fact]
    public async Task Another_networks_partner_is_neither_allowed_nor_reaches_the_questionnaire()
    {
        var lucca = await NetworkAsync("lucca");
        var luccaPartner = (await FreePartnersAsync("lucca"))[0];
        Guid survey;
        using (var scope = factory.Services.CreateScope())
            survey = (await scope.ServiceProvider.GetRequiredService<BuildSurvey>().CreateAsync(lucca, "Il questionario di un ente di Lucca", luccaPartner))!.Value;

        // The referent of Portogruaro (its partner allowed in the demo) asks for Lucca's partner questionnaire: 404.
        var referent = factory.NewClient();
        await referent.SignInOrFailAsync("referente@portogruaro.demo");
        await referent.ChooseNetworkAsync("portogruaro");
        Assert.Equal(HttpStatusCode.OK, (await referent.GetAsync("/gestione/questionari")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await referent.GetAsync($"/gestione/questionari/{survey}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await referent.GetAsync($"/gestione/questionari/{survey}/risultati")).Status);

        // Portogruaro's coordinator cannot allow a partner of Lucca.
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var refused = await AllowAsync(coordinator, luccaPartner);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Scegliete un ente partner della rete.", refused.Errors);
        Assert.False(await factory.WithDbAsync(db => db.SurveyPartners.AnyAsync(a => a.PartnerId == luccaPartner)));
    }
}
