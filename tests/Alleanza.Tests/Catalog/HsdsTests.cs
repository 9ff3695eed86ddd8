using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alleanza.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Catalog;

/// <summary>The HSDS 3.0 API, validated against the official JSON schemas with ajv (no .NET validator restores here).</summary>
public class HsdsTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alleanza.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Alleanza.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>shared/standards/hsds-3.0/schema beside the repository (as in CI), or ALLEANZA_HSDS_SCHEMAS.</summary>
    static string SchemaDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("ALLEANZA_HSDS_SCHEMAS");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(RepositoryRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "standards", "hsds-3.0", "schema");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("The HSDS 3.0 schemas (shared/standards/hsds-3.0/schema) are not beside the repository; set ALLEANZA_HSDS_SCHEMAS.");
    }

    /// <summary>Runs ajv (tests/tools) on the JSON; returns its complaints, empty when valid.</summary>
    static async Task<string> AjvAsync(string schema, JsonElement json)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, json.GetRawText());
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "tools", "validate-hsds.mjs"), SchemaDirectory(), schema, file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, "tests", "tools"),
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        return process.ExitCode == 0 ? "" : output.Length > 3000 ? output[..3000] : output;
    }

    static async Task AssertValidAsync(string schema, JsonElement json)
    {
        var complaints = await AjvAsync(schema, json);
        Assert.True(complaints == "", $"Not valid against {schema}: {complaints}");
    }

    async Task<JsonElement> GetAsync(string url)
    {
        var response = await factory.NewClient().Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>How many opportunities a demo network publishes (the HSDS services).</summary>
    internal static Task<int> PublishedAsync(AlleanzaFactory factory, string slug, string? area = null) =>
        factory.WithDbAsync(db => db.Opportunities.CountAsync(o => o.Status == Alleanza.Web.Modules.Catalog.OpportunityStatus.Published
            && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == slug) && (area == null || db.NetworkAreas.Any(a => a.Id == o.AreaId && a.Code == area))));

    static void AssertPage(JsonElement page, int expectedTotal)
    {
        foreach (var field in new[] { "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents" })
            Assert.True(page.TryGetProperty(field, out _), "page without " + field);
        Assert.Equal(expectedTotal, page.GetProperty("total_items").GetInt32());
    }

    [Fact]
    public async Task Every_hsds_endpoint_answers_json_valid_against_the_official_schemas()
    {
        var services = await GetAsync("/api/hsds/portogruaro/services");
        var published = await PublishedAsync(factory, "portogruaro");
        Assert.InRange(published, 40, 80); // the demo catalogue
        AssertPage(services, published);
        await AssertValidAsync("compiled/service_list.json", services.GetProperty("contents"));

        var full = await GetAsync("/api/hsds/portogruaro/services?full=true&per_page=10&search=nuoto");
        await AssertValidAsync("compiled/service.json", full.GetProperty("contents"));
        var swimming = full.GetProperty("contents").EnumerateArray().First(s => s.GetProperty("name").GetString() == "Corso di nuoto per bambini");
        Assert.Equal(4, swimming.GetProperty("schedules").GetArrayLength());
        Assert.Equal(60, swimming.GetProperty("cost_options").EnumerateArray().Last().GetProperty("amount").GetDouble());

        var one = await GetAsync($"/api/hsds/portogruaro/services/{swimming.GetProperty("id").GetString()}");
        await AssertValidAsync("compiled/service.json", one);

        var organizations = await GetAsync("/api/hsds/portogruaro/organizations?per_page=100");
        await AssertValidAsync("compiled/organization_list.json", organizations.GetProperty("contents"));
        var organization = await GetAsync($"/api/hsds/portogruaro/organizations/{swimming.GetProperty("organization_id").GetString()}");
        await AssertValidAsync("compiled/organization.json", organization);
        Assert.Contains(organization.GetProperty("services").EnumerateArray(), s => s.GetProperty("name").GetString() == "Corso di nuoto per bambini");

        var sals = await GetAsync("/api/hsds/portogruaro/service_at_locations?full=true");
        AssertPage(sals, published); // one place each
        await AssertValidAsync("compiled/service_at_location_list.json", sals.GetProperty("contents"));
        var sal = await GetAsync($"/api/hsds/portogruaro/service_at_locations/{sals.GetProperty("contents")[0].GetProperty("id").GetString()}");
        await AssertValidAsync("compiled/service_at_location.json", sal);

        var taxonomies = await GetAsync("/api/hsds/portogruaro/taxonomies");
        await AssertValidAsync("taxonomy.json", taxonomies.GetProperty("contents"));
        var terms = await GetAsync("/api/hsds/portogruaro/taxonomy_terms");
        AssertPage(terms, 6);
        await AssertValidAsync("taxonomy_term.json", terms.GetProperty("contents"));
    }

    [Fact]
    public async Task The_validator_does_fail_on_a_broken_service()
    {
        // A test that cannot fail is worse than none: a service without its required status must be refused.
        var broken = JsonDocument.Parse("""[{ "id": "ac148810-d857-441c-9679-408f346de14b", "name": "Senza stato" }]""").RootElement;
        Assert.NotEqual("", await AjvAsync("compiled/service_list.json", broken));
    }

    [Fact]
    public async Task Search_filters_paging_modified_after_and_proximity()
    {
        var found = await GetAsync("/api/hsds/portogruaro/services?search=nuoto");
        Assert.All(found.GetProperty("contents").EnumerateArray(), s => Assert.Contains("uoto", s.GetProperty("name").GetString()));
        Assert.Equal(2, found.GetProperty("total_items").GetInt32());

        var published = await PublishedAsync(factory, "portogruaro");
        var lastPage = (published + 2) / 3;
        var paged = await GetAsync($"/api/hsds/portogruaro/services?per_page=3&page={lastPage}");
        Assert.Equal(published - 3 * (lastPage - 1), paged.GetProperty("size").GetInt32());
        Assert.True(paged.GetProperty("last_page").GetBoolean());

        var future = await GetAsync($"/api/hsds/portogruaro/services?modified_after={DateTime.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.True(future.GetProperty("empty").GetBoolean());

        var term = (await GetAsync("/api/hsds/portogruaro/taxonomy_terms")).GetProperty("contents").EnumerateArray().First(t => t.GetProperty("code").GetString() == "welfare-territoriale");
        var welfare = await GetAsync($"/api/hsds/portogruaro/services?taxonomy_term_id={term.GetProperty("id").GetString()}");
        Assert.Equal(await PublishedAsync(factory, "portogruaro", "welfare-territoriale"), welfare.GetProperty("total_items").GetInt32());
        Assert.Contains(welfare.GetProperty("contents").EnumerateArray(), s => s.GetProperty("name").GetString() == "Sportello di ascolto per genitori");

        var (lat, lon) = await factory.WithDbAsync(async db =>
        {
            var l = await db.OpportunityLocations.Where(x => db.Opportunities.Any(o => o.Id == x.OpportunityId && o.Title == "Centro estivo" && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro"))).FirstAsync();
            return (l.Latitude!.Value, l.Longitude!.Value);
        });
        var near = await GetAsync($"/api/hsds/portogruaro/service_at_locations?proximity={lat.ToString(System.Globalization.CultureInfo.InvariantCulture)},{lon.ToString(System.Globalization.CultureInfo.InvariantCulture)},50&full=true");
        Assert.Contains(near.GetProperty("contents").EnumerateArray(), s => s.GetProperty("service").GetProperty("name").GetString() == "Centro estivo");
        Assert.True(near.GetProperty("total_items").GetInt32() < 10);

        var http = factory.NewClient().Http;
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/hsds/portogruaro/services?modified_after=ieri")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/hsds/portogruaro/service_at_locations?proximity=qui")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/hsds/nessuna/services")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/hsds/brianza/services/{found.GetProperty("contents")[0].GetProperty("id").GetString()}")).StatusCode);
    }
}

/// <summary>Bulk export (JSON and CSV) and the idempotent import with its report.</summary>
public class HsdsExchangeTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Export_json_is_valid_hsds_and_the_csv_zip_holds_the_tables()
    {
        var http = factory.NewClient().Http;
        var json = JsonDocument.Parse(await http.GetStringAsync("/api/hsds/portogruaro/export.json")).RootElement.Clone();
        var published = await HsdsTests.PublishedAsync(factory, "portogruaro");
        Assert.Equal(published, json.GetArrayLength());
        var complaints = await HsdsTestsAccess.AjvAsync("compiled/service.json", json);
        Assert.True(complaints == "", complaints);

        var zip = await http.GetAsync("/api/hsds/portogruaro/export.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("services.csv", names);
        Assert.Contains("organizations.csv", names);
        Assert.Contains("locations.csv", names);
        using var reader = new StreamReader(archive.GetEntry("services.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,organization_id,name,description", lines[0]);
        Assert.Equal(published + 1, lines.Length);
    }

    [Fact]
    public async Task Import_creates_then_updates_without_duplicates_and_reports_what_it_refused()
    {
        // Take Portogruaro's export, give every object a new id (as another system would have), and import it into Lucca.
        var http = factory.NewClient().Http;
        var text = await http.GetStringAsync("/api/hsds/portogruaro/export.json");
        foreach (var id in System.Text.RegularExpressions.Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Select(m => m.Value).Distinct())
            text = text.Replace(id, Guid.NewGuid().ToString());
        var services = JsonNode.Parse(text)!.AsArray();
        services.Add(JsonNode.Parse("""{ "id": "non-un-uuid", "name": "Senza id", "status": "active" }"""));
        services.Add(JsonNode.Parse($$"""{ "id": "{{Guid.NewGuid()}}", "name": "Senza stato", "organization_id": "{{Guid.NewGuid()}}" }"""));
        var file = services.ToJsonString();
        var published = await HsdsTests.PublishedAsync(factory, "portogruaro");

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        async Task<TestClient.Page> ImportAsync(string content)
        {
            var page = await coordinator.GetAsync("/gestione/opportunita/importa");
            var token = page.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "File", "catalogo.json");
            var response = await coordinator.Http.PostAsync("/gestione/opportunita/importa", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            return new TestClient.Page(response, html, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html));
        }

        var before = await factory.WithDbAsync(db => db.Opportunities.CountAsync(o => db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "lucca")));
        var first = await ImportAsync(file);
        Assert.Contains($"{published} nuovi, 0 aggiornati, 2 scartati", first.Document.QuerySelector("#report")!.TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Contains("Manca l'id, o non è un UUID.", first.Text);
        Assert.Contains("Lo stato (status) manca", first.Text);
        var second = await ImportAsync(file);
        var secondReport = second.Document.QuerySelector("#report")!.TextContent.Replace("\n", " ").Replace("  ", " ");
        Assert.True(secondReport.Contains($"0 nuovi, {published} aggiornati, 2 scartati"), secondReport + " | " + second.Document.QuerySelector("table")?.TextContent);
        Assert.Equal(before + published, await factory.WithDbAsync(db => db.Opportunities.CountAsync(o => db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "lucca"))));

        // Imported services are found by the Italian search in their new network.
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("lucca");
        var found = await client.GetAsync("/opportunita?q=nuoto");
        Assert.True(found.Document.QuerySelectorAll("#risultati [itemprop=name]").Count(e => e.TextContent.Contains("Corso di nuoto per bambini")) == 1); // Lucca's own catalogue has none

        // Ids are scoped per network: another network imports the same file as its own; a file that is not JSON is reported, not a crash.
        var brianza = factory.NewClient();
        await brianza.AsCoordinatorOfAsync("brianza");
        coordinator = brianza;
        var again = await ImportAsync(file);
        Assert.Contains($"{published} nuovi, 0 aggiornati, 2 scartati", again.Document.QuerySelector("#report")!.TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Contains("Il file non è JSON valido", (await ImportAsync("questo non è json")).Text);
    }
}

/// <summary>The ajv runner of <see cref="HsdsTests"/>, for the other HSDS test classes.</summary>
static class HsdsTestsAccess
{
    public static Task<string> AjvAsync(string schema, JsonElement json) =>
        (Task<string>)typeof(HsdsTests).GetMethod("AjvAsync", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, [schema, json])!;
}
