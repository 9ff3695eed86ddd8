using Alleanza.Tests.Infrastructure;
using Xunit.Abstractions;
using static Alleanza.Tests.Platform.AccessMatrixTests;

namespace Alleanza.Tests.Platform;

/// <summary>
/// English is a complete language: every page of the access matrix, opened in English by a person who may see it,
/// shows no Italian of ours (the network's own content is marked lang="it"; see <see cref="LanguageTests"/>). One case
/// per part of the platform, so that a failure names the part and each part can be checked alone.
/// </summary>
public class EnglishEverywhereTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    /// <summary>The parts of the platform, by the beginning of their addresses (the longest beginning wins).</summary>
    static readonly Dictionary<string, string[]> Parts = new()
    {
        ["network"] = ["/gestione", "/gestione/partner", "/gestione/persone", "/gestione/registro", "/gestione/patto", "/gestione/piano", "/gestione/tavoli",
            "/gestione/mappatura", "/gestione/comunicazioni", "/gestione/valutazione", "/rete", "/amministrazione"],
        ["family-card"] = ["/gestione/carta-famiglia", "/esercente", "/carta-famiglia"],
        ["sharing"] = ["/condividi", "/banca-del-tempo", "/gruppi-acquisto", "/gestione/condividi"],
        ["surveys-support"] = ["/gestione/questionari", "/questionari", "/percorsi", "/gestione/percorsi", "/laboratori", "/formazione", "/volontari"],
        ["accounts-catalogue"] = ["/", "/account", "/la-mia-area", "/opportunita", "/gestione/opportunita", "/gestione/aree", "/gestione/sinonimi", "/notifiche", "/reti",
            "/privacy", "/accessibilita", "/errore"],
    };

    public static TheoryData<string> PartNames => new(Parts.Keys);

    /// <summary>
    /// The parts whose English is not complete yet, with the number of Italian texts they still show: the test fails when
    /// the number grows (a new page or text left in Italian) and asks for the figure to be lowered when it falls. A part
    /// that is complete is not listed (zero).
    /// </summary>
    static readonly Dictionary<string, int> ItalianLeft = new()
    {
    };

    /// <summary>Who opens a page: the first of these the matrix lets in.</summary>
    static readonly Who[] Readers = [Who.CoordinatorOwn, Who.PartnerStaff, Who.Family, Who.Merchant, Who.Officer, Who.CoordinatorOther, Who.Admin, Who.Anonymous];

    static string? PartOf(string url)
    {
        var path = url.Split('?')[0];
        return Parts.SelectMany(p => p.Value.Select(prefix => (Part: p.Key, Prefix: prefix)))
            .Where(x => path == x.Prefix || x.Prefix == "/" && path == "/" || x.Prefix != "/" && path.StartsWith(x.Prefix + "/", StringComparison.Ordinal))
            .OrderByDescending(x => x.Prefix.Length).Select(x => x.Part).FirstOrDefault();
    }

    [Fact]
    public void Every_page_belongs_to_a_part()
    {
        var orphans = Matrix.Where(r => r.Method == "GET" && !r.Url.StartsWith("/api/", StringComparison.Ordinal) && !r.Url.StartsWith("/health/", StringComparison.Ordinal)
                && !r.Url.StartsWith("/openapi/", StringComparison.Ordinal) && !r.Url.StartsWith("/.well-known/", StringComparison.Ordinal) && PartOf(r.Url) is null)
            .Select(r => r.Url).ToList();
        Assert.True(orphans.Count == 0, "Pages of no part: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(PartNames))]
    public async Task Every_page_reads_in_English(string part)
    {
        var urls = await AccessMatrixPeople.UrlsAsync(factory);
        var clients = new Dictionary<Who, TestClient>();
        var problems = new List<string>();
        var read = 0;
        foreach (var row in Matrix.Where(r => r.Method == "GET" && PartOf(r.Url) == part))
        {
            if (Readers.Where(w => row.For(w) == A.Ok).Cast<Who?>().FirstOrDefault() is not { } who) continue;
            if (!clients.TryGetValue(who, out var client))
            {
                clients[who] = client = factory.NewClient();
                await AccessMatrixPeople.SignInAsAsync(client, who);
            }
            var url = urls(row.Url);
            var page = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "culture=en");
            if (page.Response.Content.Headers.ContentType?.MediaType != "text/html") continue; // files: CSV, PDF, images
            read++;
            Assert.True(page.Status == System.Net.HttpStatusCode.OK, $"{url} as {who}: {(int)page.Status}");
            var italian = LanguageTests.OurTexts(page.Document, "en").Where(t => LanguageTests.ItalianWords(t) >= 2).Distinct().ToList();
            output.WriteLine($"{who,-16} {url}: {italian.Count} Italian texts");
            foreach (var text in italian) output.WriteLine($"    «{text}»");
            problems.AddRange(italian.Select(t => $"{url} ({who}): «{t}»"));
        }
        Assert.True(read > 0, $"No page read in part {part}");
        var allowed = ItalianLeft.GetValueOrDefault(part);
        Assert.True(problems.Count <= allowed, $"Italian on English pages of {part}: {problems.Count}, more than the {allowed} left\n" + string.Join("\n", problems));
        Assert.True(problems.Count == allowed, $"English pages of {part}: {problems.Count} Italian texts left, fewer than {allowed}: lower ItalianLeft[\"{part}\"] to {problems.Count}");
    }
}
