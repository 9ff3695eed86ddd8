using System.Net;
using System.Text.Json;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Catalog;

public class PublishingAndSearchTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    Task<Guid> AreaAsync(string slug, string code) => factory.WithDbAsync(db => db.NetworkAreas.Where(a => a.Code == code && db.Networks.Any(n => n.Id == a.NetworkId && n.Slug == slug)).Select(a => a.Id).FirstAsync());
    Task<Guid> StaffPartnerAsync() => factory.WithDbAsync(db => db.Memberships.Where(m => m.User!.Email == "referente@portogruaro.demo").Select(m => m.PartnerId!.Value).FirstAsync());

    static List<string> Titles(TestClient.Page page) => page.Document.QuerySelectorAll("#risultati [itemprop=name]").Select(e => e.TextContent.Trim()).ToList();

    async Task<Guid> CreateDraftAsync(TestClient client, string title, string description, Dictionary<string, string?>? extra = null)
    {
        var form = await client.GetAsync("/gestione/opportunita/nuova");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var values = new Dictionary<string, string?>
        {
            ["Input.Title"] = title, ["Input.Kind"] = nameof(OpportunityKind.Activity), ["Input.PartnerId"] = (await StaffPartnerAsync()).ToString(),
            ["Input.Description"] = description, ["Input.AreaId"] = (await AreaAsync("portogruaro", "ambiente-sport")).ToString(),
            ["Input.Cost"] = nameof(CostKind.Free), ["Input.AgeFromYears"] = "6", ["Input.AgeToYears"] = "10",
        };
        foreach (var (k, v) in extra ?? []) values[k] = v;
        var created = await client.SubmitAsync(form, values);
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        return Guid.Parse(created.Location!.Split('/').Last());
    }

    [Fact]
    public async Task Partner_drafts_submits_coordinator_publishes_and_families_find_it()
    {
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        var id = await CreateDraftAsync(staff, "Canoa sul Lemene per ragazzi", "Uscite in canoa sul fiume Lemene con istruttori federali, giubbotto incluso.");

        var anonymous = factory.NewClient();
        await anonymous.ChooseNetworkAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/opportunita/{id}")).Status); // a draft is not public
        Assert.DoesNotContain("Canoa sul Lemene per ragazzi", Titles(await anonymous.GetAsync("/opportunita?q=canoa")));

        var edit = await staff.GetAsync($"/gestione/opportunita/{id}");
        var submitted = await staff.SubmitAsync(edit, new Dictionary<string, string?>(), "form[action$='handler=Submit']", follow: true);
        Assert.Contains("Inviata al coordinatore", submitted.Text);
        // Partner staff cannot publish it themselves.
        Assert.Null(submitted.Document.QuerySelector("form[action$='handler=Approve']"));

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var queue = await coordinator.GetAsync("/gestione/opportunita?stato=revisione");
        Assert.Contains("Canoa sul Lemene per ragazzi", queue.Text);
        var review = await coordinator.GetAsync($"/gestione/opportunita/{id}");
        var published = await coordinator.SubmitAsync(review, new Dictionary<string, string?>(), "form[action$='handler=Approve']", follow: true);
        Assert.Contains("Pubblicata", published.Text);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/opportunita/{id}")).Status);
        Assert.Equal("Canoa sul Lemene per ragazzi", Titles(await anonymous.GetAsync("/opportunita?q=canoa")).First());

        // Editing a published opportunity keeps it visible, and the history says who did what.
        var again = await staff.GetAsync($"/gestione/opportunita/{id}");
        var saved = await staff.SubmitAsync(again, new Dictionary<string, string?> { ["Input.Title"] = "Canoa sul Lemene per ragazzi e ragazze" }, "main form:not([action])", follow: true);
        Assert.Contains("resta pubblicata", saved.Text);
        Assert.Equal("Canoa sul Lemene per ragazzi e ragazze", Titles(await anonymous.GetAsync("/opportunita?q=canoa")).First());
        var history = await factory.WithDbAsync(db => db.OpportunityChanges.Where(c => c.OpportunityId == id).OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.Action).ToListAsync());
        Assert.Equal(["creata", "inviata in revisione", "pubblicata", "modificata"], history);

        // Archived: gone from search and from its public page.
        var toArchive = await staff.GetAsync($"/gestione/opportunita/{id}");
        await staff.SubmitAsync(toArchive, new Dictionary<string, string?>(), "form[action$='handler=Archive']");
        Assert.Empty(Titles(await anonymous.GetAsync("/opportunita?q=canoa")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/opportunita/{id}")).Status);
    }

    [Fact]
    public async Task Coordinator_sends_it_back_with_a_reason_the_partner_reads()
    {
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        var id = await CreateDraftAsync(staff, "Laboratorio di cucina per bambini", "Ricette semplici e merenda sana con un cuoco volontario.");
        await staff.SubmitAsync(await staff.GetAsync($"/gestione/opportunita/{id}"), new Dictionary<string, string?>(), "form[action$='handler=Submit']");

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var review = await coordinator.GetAsync($"/gestione/opportunita/{id}");
        var empty = await coordinator.SubmitAsync(review, new Dictionary<string, string?> { ["Reason"] = "" }, "form[action$='handler=Reject']");
        Assert.Contains("Scrivi perché la rimandi all'ente: lo leggerà chi l'ha scritta.", empty.Errors);
        await coordinator.SubmitAsync(review, new Dictionary<string, string?> { ["Reason"] = "Manca il luogo dove si svolge." }, "form[action$='handler=Reject']");

        var back = await staff.GetAsync($"/gestione/opportunita/{id}");
        Assert.Contains("Manca il luogo dove si svolge.", back.Text);
        Assert.Contains("Da correggere", back.Text);
        Assert.NotNull(back.Document.QuerySelector("form[action$='handler=Submit']")); // it can be sent again
    }

    [Fact]
    public async Task Opportunity_form_rejects_bad_input_with_Italian_messages()
    {
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        var otherPartner = await factory.WithDbAsync(db => db.Partners.Where(p => p.Name == "ASD Nuoto Portogruaro").Select(p => p.Id).FirstAsync());
        var form = await staff.GetAsync("/gestione/opportunita/nuova");
        var result = await staff.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Title"] = "X", ["Input.Kind"] = "Event", ["Input.PartnerId"] = otherPartner.ToString(), ["Input.Description"] = "breve",
            ["Input.AreaId"] = Guid.NewGuid().ToString(), ["Input.Cost"] = "ReducedWithCard", ["Input.Price"] = "10,50", ["Input.ReducedPrice"] = "12.5",
            ["Input.AgeFromYears"] = "10", ["Input.AgeToYears"] = "6", ["Input.Latitude"] = "45.77",
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Il titolo deve avere tra 3 e 200 caratteri.", result.Errors);
        Assert.Contains("La descrizione deve avere tra 20 e 20000 caratteri.", result.Errors);
        Assert.Contains("Scegli uno degli enti per cui puoi pubblicare.", result.Errors);
        Assert.Contains("Scegli un'area dall'elenco.", result.Errors);

        // Checks across fields come once each field is right on its own.
        var second = await staff.SubmitAsync(result, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Torneo di pallavolo", ["Input.Description"] = "Un torneo per tutte le età, a squadre miste di genitori e figli.",
            ["Input.PartnerId"] = (await StaffPartnerAsync()).ToString(), ["Input.AreaId"] = (await AreaAsync("portogruaro", "ambiente-sport")).ToString(),
        }, "main form");
        result = second;
        Assert.Contains("L'età minima non può superare quella massima.", result.Errors);
        Assert.Contains("Il prezzo ridotto deve essere minore di quello intero.", result.Errors); // 12.5 ≥ 10,50: both separators understood
        Assert.Contains("Indica sia la latitudine sia la longitudine, oppure nessuna delle due.", result.Errors);
    }

    [Fact]
    public async Task Partner_staff_cannot_open_another_partners_opportunity()
    {
        var staffPartner = await StaffPartnerAsync();
        var foreign = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.PartnerId != staffPartner && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro")).Select(o => o.Id).FirstAsync());
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/gestione/opportunita/{foreign}")).Status);
        var list = await staff.GetAsync("/gestione/opportunita");
        Assert.DoesNotContain("Corso di nuoto per bambini", list.Text);
    }

    [Fact]
    public async Task Search_is_Italian_accent_and_case_insensitive_and_ranks_the_obvious_first()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        var nuoto = Titles(await client.GetAsync("/opportunita?q=nuoto"));
        Assert.Contains("Corso di nuoto per bambini", nuoto);
        Assert.All(nuoto, t => Assert.Contains("uoto", t)); // nothing unrelated

        var piscina = Titles(await client.GetAsync("/opportunita?q=piscina"));
        Assert.NotEmpty(piscina);
        Assert.Contains("uoto", piscina[0]); // the swimming offers, not something unrelated, come first

        Assert.Contains("Attività motorie all'infanzia", Titles(await client.GetAsync("/opportunita?q=attivita")));
        Assert.Contains("Attività motorie all'infanzia", Titles(await client.GetAsync("/opportunita?q=ATTIVITÀ")));
        Assert.Contains("Letture ad alta voce in biblioteca", Titles(await client.GetAsync("/opportunita?q=lettura")));
        Assert.Empty(Titles(await client.GetAsync("/opportunita?q=astronave")));
        Assert.Contains("Nessun risultato", (await client.GetAsync("/opportunita?q=astronave")).Text);
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_bad_values_are_ignored_with_a_notice()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        var all = Titles(await client.GetAsync("/opportunita"));
        Assert.Equal(20, all.Count); // a full page of the demo catalogue

        Assert.Contains("Spazio gioco 0–3 anni", Titles(await client.GetAsync("/opportunita?eta=1&q=gioco")));
        Assert.DoesNotContain("Centro estivo", Titles(await client.GetAsync("/opportunita?eta=1&q=estivo")));
        Assert.DoesNotContain("Corso di nuoto per bambini", Titles(await client.GetAsync("/opportunita?eta=1&q=nuoto")));
        Assert.Contains("Corso di nuoto per bambini", Titles(await client.GetAsync("/opportunita?eta=6&q=nuoto")));

        var free = Titles(await client.GetAsync("/opportunita?gratuito=true&q=nuoto"));
        Assert.DoesNotContain("Corso di nuoto per bambini", free);
        Assert.Contains("Sportello di ascolto per genitori", Titles(await client.GetAsync("/opportunita?gratuito=true&q=ascolto")));

        var welfare = Titles(await client.GetAsync("/opportunita?area=welfare-territoriale"));
        Assert.Contains("Percorso nascita al consultorio", welfare);
        Assert.Contains("Sportello di ascolto per genitori", welfare);
        Assert.DoesNotContain("Centro estivo", welfare);
        Assert.Equal(await HsdsTests.PublishedAsync(factory, "portogruaro", "welfare-territoriale"), welfare.Count);

        // (The demo catalogue is more than a page: the search narrows it to the offers in question.)
        Assert.Contains("Centro estivo", Titles(await client.GetAsync("/opportunita?posti=true&q=estivo")));
        Assert.DoesNotContain("Sportello di ascolto per genitori", Titles(await client.GetAsync("/opportunita?posti=true&q=ascolto")));
        Assert.Contains("Sportello di ascolto per genitori", Titles(await client.GetAsync("/opportunita?q=ascolto")));

        var bad = await client.GetAsync("/opportunita?eta=tanti&comune=nessuno&pagina=-3&dal=ieri");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("non è valido ed è stato ignorato", bad.Text);
        Assert.Equal(20, Titles(bad).Count);
    }

    [Fact]
    public async Task Calendar_feeds_follow_the_network_the_partner_and_the_search()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        static int Events(string ics) => ics.Split("BEGIN:VEVENT").Length - 1;
        var all = await client.Http.GetStringAsync("/opportunita/calendario.ics");
        var swimming = await client.Http.GetStringAsync("/opportunita/calendario.ics?q=nuoto");
        Assert.StartsWith("BEGIN:VCALENDAR", all);
        Assert.Equal(4, Events(swimming)); // the four dates of the swimming course
        Assert.True(Events(all) > Events(swimming));
        Assert.All(swimming.Split("SUMMARY:").Skip(1), s => Assert.StartsWith("Corso di nuoto per bambini", s));
        var partner = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.Title == "Centro estivo" && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro")).Select(o => o.PartnerId).FirstAsync());
        var byPartner = await client.Http.GetStringAsync($"/opportunita/calendario.ics?ente={partner}");
        Assert.Contains("SUMMARY:Centro estivo", byPartner);
        var search = await client.GetAsync("/opportunita?q=nuoto");
        Assert.Equal("/opportunita/calendario.ics?q=nuoto", search.Document.QuerySelector("a[href^='/opportunita/calendario.ics']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Search_api_answers_json_and_problem_details()
    {
        var http = factory.NewClient().Http;
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/opportunities?network=portogruaro&q=nuoto&age=6"));
        var titles = doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Contains("Corso di nuoto per bambini", titles);
        var bad = await http.GetAsync("/api/v1/opportunities?network=portogruaro&age=99&pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/opportunities?network=nessuna")).StatusCode);
    }

    [Fact]
    public async Task Detail_page_renders_markdown_safely_and_offers_a_calendar_file()
    {
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        var id = await CreateDraftAsync(staff, "Festa delle famiglie", "**Musica** e giochi in piazza. <script>alert('x')</script> <img src=x onerror=alert(1)>");
        var edit = await staff.GetAsync($"/gestione/opportunita/{id}");
        await staff.SubmitAsync(edit, new Dictionary<string, string?> { ["NewSession.Date"] = "2030-06-01", ["NewSession.Start"] = "16:00", ["NewSession.End"] = "19:00", ["NewSession.Capacity"] = "100" }, "form[action$='handler=AddSession']");
        await staff.SubmitAsync(await staff.GetAsync($"/gestione/opportunita/{id}"), new Dictionary<string, string?>(), "form[action$='handler=Submit']");
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        await coordinator.SubmitAsync(await coordinator.GetAsync($"/gestione/opportunita/{id}"), new Dictionary<string, string?>(), "form[action$='handler=Approve']");

        var page = await factory.NewClient().GetAsync($"/opportunita/{id}?rete=portogruaro");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var description = page.Document.QuerySelector("[itemprop=description]")!;
        Assert.NotNull(description.QuerySelector("strong"));
        Assert.Null(description.QuerySelector("script"));
        Assert.Null(description.QuerySelector("img"));
        Assert.Contains("sabato 1 giugno 2030, 16:00–19:00", page.Text);
        Assert.Equal("https://schema.org/Service", page.Document.QuerySelector("article")!.GetAttribute("itemtype"));

        var ics = await factory.NewClient().Http.GetAsync(page.Document.QuerySelector("a[href*='calendario.ics']")!.GetAttribute("href") + "&rete=portogruaro");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains("DTSTART:20300601T140000Z", text); // 16:00 in Rome, summer time
        Assert.Contains("SUMMARY:Festa delle famiglie", text);
    }
}
