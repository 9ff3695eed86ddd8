using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Catalog.Hsds;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// The HSDS import with files in the shapes of the Open Referral examples (HsdsFixtures/): idempotent and merge-safe,
/// ids scoped per network, and a report that names what it could not keep.
/// </summary>
public class HsdsImportTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string CounsellingId = "ac148810-d857-441c-9679-408f346de14b";

    static string Fixture(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alleanza.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "Alleanza.Tests", "Catalog", "HsdsFixtures", name);
    }

    static byte[] Json(string name) => File.ReadAllBytes(Fixture(name));

    static byte[] CsvZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in Directory.GetFiles(Fixture("csv"), "*.csv"))
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
        return buffer.ToArray();
    }

    sealed record Result(TestClient.Page Page, string Summary)
    {
        public AngleSharp.Dom.IElement? Warning(string field) =>
            Page.Document.QuerySelectorAll("#avvisi tbody tr").FirstOrDefault(r => r.Children[2].TextContent == field);
    }

    async Task<TestClient> CoordinatorAsync(string network)
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync(network);
        return client;
    }

    static async Task<Result> ImportAsync(TestClient client, byte[] content, string fileName = "hsds.json")
    {
        var page = await client.GetAsync("/gestione/opportunita/importa");
        var token = page.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(content), "File", fileName);
        var response = await client.Http.PostAsync("/gestione/opportunita/importa", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var summary = document.QuerySelector("#report")?.TextContent.Replace("\n", " ") ?? "";
        while (summary.Contains("  ")) summary = summary.Replace("  ", " ");
        return new Result(new TestClient.Page(response, html, document), summary.Trim());
    }

    Task<Opportunity?> ServiceAsync(string network, string name) => factory.WithDbAsync(db =>
        db.Opportunities.AsNoTracking().Include(o => o.Locations).Include(o => o.Sessions)
            .Where(o => o.Title == name && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == network)).SingleOrDefaultAsync());

    [Fact]
    public async Task Reimporting_a_service_with_a_new_place_updates_it()
    {
        var client = await CoordinatorAsync("portogruaro");
        Assert.Contains("1 nuovi, 0 aggiornati, 0 scartati", (await ImportAsync(client, Json("service_full.json"))).Summary);

        var richer = JsonNode.Parse(Json("service_full.json"))!;
        var place = richer["service_at_locations"]![0]!.DeepClone();
        place["id"] = "0a5b7c1e-3d2f-4e6a-9b8c-7d6e5f4a3b21";
        place["location"]!["id"] = "1b6c8d2f-4e3a-4f7b-8c9d-8e7f6a5b4c32";
        place["location"]!["name"] = "Biblioteca di Concordia";
        richer["service_at_locations"]!.AsArray().Add(place);
        var second = await ImportAsync(client, Encoding.UTF8.GetBytes(richer.ToJsonString()));
        Assert.Contains("0 nuovi, 1 aggiornati, 0 scartati", second.Summary);

        var service = await ServiceAsync("portogruaro", "Consulenza familiare");
        Assert.Equal(["Biblioteca di Concordia", "Centro civico"], service!.Locations.Select(l => l.Name).Order());
        // The same file a third time changes nothing.
        Assert.Contains("0 nuovi, 1 aggiornati, 0 scartati", (await ImportAsync(client, Encoding.UTF8.GetBytes(richer.ToJsonString()))).Summary);
        Assert.Equal(2, (await ServiceAsync("portogruaro", "Consulenza familiare"))!.Locations.Count);
    }

    [Fact]
    public async Task The_list_form_does_not_erase_what_the_full_form_brought()
    {
        var client = await CoordinatorAsync("cidis");
        await ImportAsync(client, Json("service_full.json"));
        var list = await ImportAsync(client, Json("service_list.json"));
        Assert.Contains("0 nuovi, 1 aggiornati, 0 scartati", list.Summary);

        var service = await ServiceAsync("cidis", "Consulenza familiare");
        Assert.Equal("Colloqui con consulenti familiari per genitori e ragazzi, anche online.", service!.Description); // what it says is taken
        Assert.Single(service.Locations);                                                                             // what it does not say stays
        Assert.Equal("Via Roma 1, 30026 Portogruaro, VE", service.Locations[0].Address);
        Assert.Equal("Urdu", service.Languages);
        Assert.Equal(CostKind.Paid, service.Cost);
        Assert.Equal("Per famiglie con figli dai 12 anni.", service.Eligibility);
        Assert.StartsWith("ogni giovedì e venerdì", service.ScheduleText);
        Assert.Equal("+39 0421 123456", service.ContactPhone);
        Assert.Equal("Accesso in sedia a rotelle a tutti i piani.", service.AccessibilityNotes);
    }

    [Fact]
    public async Task A_price_in_pounds_is_not_taken_for_euro_and_the_report_says_so()
    {
        var client = await CoordinatorAsync("brianza");
        var result = await ImportAsync(client, Json("service_full.json"));
        var currency = result.Warning("cost_options[0].currency");
        Assert.NotNull(currency);
        Assert.Contains("35 GBP", currency.Children[3].TextContent);
        Assert.Contains("solo in euro", currency.Children[4].TextContent);

        var service = await ServiceAsync("brianza", "Consulenza familiare");
        Assert.Equal(CostKind.Paid, service!.Cost);
        Assert.Null(service.Price);
        var visitor = factory.NewClient();
        await visitor.ChooseNetworkAsync("brianza");
        var details = await visitor.GetAsync($"/opportunita/{service.Id}");
        Assert.Contains("A pagamento", details.Text);
        Assert.DoesNotContain("35", details.Document.QuerySelector("dl")!.TextContent);
    }

    [Fact]
    public async Task A_weekly_schedule_becomes_the_recurring_schedule_not_a_date()
    {
        var client = await CoordinatorAsync("pavia");
        await ImportAsync(client, Json("service_full.json"));
        var service = await ServiceAsync("pavia", "Consulenza familiare");
        Assert.Equal("ogni giovedì e venerdì, 10:00–18:00 (dal 1/1/2026)", service!.ScheduleText);
        Assert.Empty(service.Sessions);
        Assert.Equal(OpportunityKind.Service, service.Kind);

        // A monthly one ("1MO") and a dated one (a session) from an organization with its services.
        var organization = await ImportAsync(client, Json("organization_full.json"));
        Assert.Contains("2 nuovi, 0 aggiornati, 0 scartati", organization.Summary);
        Assert.Equal("il primo lunedì del mese, 20:30–22:00", (await ServiceAsync("pavia", "Gruppo di lettura per genitori"))!.ScheduleText);
        var party = await ServiceAsync("pavia", "Festa di primavera");
        var session = Assert.Single(party!.Sessions);
        Assert.Equal(new DateTime(2026, 4, 18, 13, 0, 0), session.StartsAt); // 15:00 in Rome, summer time
        Assert.Equal(new DateTime(2026, 4, 18, 17, 0, 0), session.EndsAt);
        Assert.Equal(5m, party.Price);
    }

    [Fact]
    public async Task What_the_catalogue_cannot_keep_is_reported_field_by_field()
    {
        var client = await CoordinatorAsync("lucca");
        var result = await ImportAsync(client, Json("service_full.json"));
        Assert.DoesNotContain(" 0 avvisi", result.Summary);
        foreach (var (field, value) in new[]
                 {
                     ("alternate_name", "Sportello famiglie"), ("contacts[0]", "Anna Persona"), ("program", "Sostegno alla genitorialità"),
                     ("required_documents[0]", "Documento d'identità"), ("funding[0]", "Contributo regionale"), ("url", "http://example.com/consulenza"),
                     ("fees_description", "35 sterline"), ("phones[0].extension", "100"),
                     ("service_at_locations[0].location.transportation", "Autobus 1"), ("organization.alternate_name", "Esempio"),
                     ("organization.year_incorporated", "2011"), ("maximum_age", "100"),
                 })
        {
            var row = result.Warning(field);
            Assert.True(row is not null, $"no warning for {field}: {result.Page.Document.QuerySelector("#avvisi")?.TextContent}");
            Assert.Contains(value, row.Children[3].TextContent);
            Assert.NotEqual("", row.Children[4].TextContent.Trim());
        }
        // Our own export, imported into another network, has nothing the catalogue cannot keep.
        var export = await factory.NewClient().Http.GetByteArrayAsync("/api/hsds/portogruaro/export.json");
        var own = await ImportAsync(await CoordinatorAsync("cidis"), export);
        Assert.True(own.Page.Document.QuerySelector("#avvisi") is null, own.Page.Document.QuerySelector("#avvisi")?.TextContent);
    }

    [Fact]
    public async Task Two_networks_import_the_same_public_dataset()
    {
        foreach (var network in new[] { "portogruaro", "brianza" })
        {
            var client = await CoordinatorAsync(network);
            var result = await ImportAsync(client, Json("organization_full.json"));
            Assert.Contains("0 scartati", result.Summary);
            Assert.NotNull(await ServiceAsync(network, "Festa di primavera"));
        }
        var ids = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.Title == "Festa di primavera").Select(o => o.Id).ToListAsync());
        Assert.Equal(2, ids.Distinct().Count());
        // Each network's HSDS API answers with its own id.
        var brianza = JsonNode.Parse(await factory.NewClient().Http.GetStringAsync("/api/hsds/brianza/services?search=primavera"))!;
        Assert.Contains(brianza["contents"]![0]!["id"]!.GetValue<string>(), ids.Select(i => i.ToString()));
    }

    [Fact]
    public async Task The_tabular_csv_zip_is_imported_like_the_nested_form()
    {
        var client = await CoordinatorAsync("lucca");
        var result = await ImportAsync(client, CsvZip(), "hsds.zip");
        Assert.Contains("1 nuovi, 0 aggiornati, 0 scartati", result.Summary);
        var service = await ServiceAsync("lucca", "Doposcuola in biblioteca");
        Assert.NotNull(service);
        Assert.Equal("Piazza della Repubblica 3, 30026 Portogruaro, VE", Assert.Single(service.Locations).Address);
        Assert.Equal(45.7751, service.Locations[0].Latitude);
        Assert.Equal("ogni lunedì e mercoledì, 16:30–18:00", service.ScheduleText);
        Assert.Equal(15m, service.Price);
        Assert.Equal("Italiano", service.Languages);
        Assert.Equal(6 * 12, service.AgeFromMonths);
        Assert.Equal("Modulo di iscrizione firmato", result.Warning("required_documents[0]")!.Children[3].TextContent);
        Assert.NotNull(result.Warning("alternate_name"));
        Assert.Equal("Biblioteca civica", await factory.WithDbAsync(db => db.Partners.Where(p => p.Id == service.PartnerId).Select(p => p.Name).SingleAsync()));
        Assert.Contains("0 nuovi, 1 aggiornati, 0 scartati", (await ImportAsync(client, CsvZip(), "hsds.zip")).Summary);
    }

    [Fact]
    public async Task Files_that_hold_no_services_are_explained_in_italian_without_exception_text()
    {
        var client = await CoordinatorAsync("cidis");
        var root = await ImportAsync(client, Json("base.json"));
        Assert.Contains("documento radice", root.Page.Document.QuerySelector("#scartati")!.TextContent);

        var garbage = await ImportAsync(client, Encoding.UTF8.GetBytes("questo non è json"));
        var reason = garbage.Page.Document.QuerySelector("#scartati")!.TextContent;
        Assert.Contains("Il file non è JSON valido", reason);
        Assert.DoesNotContain("LineNumber", reason);
        Assert.DoesNotContain("BytePositionInLine", reason);
        Assert.DoesNotContain("invalid start", reason);

        var brokenZip = await ImportAsync(client, [.. "PK"u8.ToArray(), 3, 4, 0, 0, 1, 2], "rotto.zip");
        Assert.Contains("zip", brokenZip.Page.Document.QuerySelector("#scartati")!.TextContent);
    }
}

/// <summary>A network with no areas (as after a coordinator removed them all), on a database of its own.</summary>
public class HsdsImportWithoutAreasTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task A_network_without_areas_gets_a_clear_message_not_a_500()
    {
        await factory.WithDbAsync(async db =>
        {
            var pavia = await db.Networks.SingleAsync(n => n.Slug == "pavia");
            await db.Opportunities.Where(o => o.NetworkId == pavia.Id).ExecuteDeleteAsync();
            // Pavia's plan has objectives in its areas: an area in use cannot go, so the plan's objectives go first.
            await db.PlanObjectives.Where(o => db.NetworkAreas.Any(a => a.Id == o.AreaId && a.NetworkId == pavia.Id)).ExecuteDeleteAsync();
            return await db.NetworkAreas.Where(a => a.NetworkId == pavia.Id).ExecuteDeleteAsync();
        });
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("pavia");
        var page = await client.GetAsync("/gestione/opportunita/importa");
        var token = page.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("""[{ "id": "ac148810-d857-441c-9679-408f346de14b", "name": "Servizio", "status": "active", "organization": { "id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Ente" } }]""")), "File", "hsds.json");
        var response = await client.Http.PostAsync("/gestione/opportunita/importa", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("non ha ancora aree tematiche", html);
    }
}
