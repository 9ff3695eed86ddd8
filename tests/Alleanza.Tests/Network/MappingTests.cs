using System.Net;
using System.Text;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Network;

/// <summary>
/// The mapping against the catalogue: a Comune with no offer for an area and age band shows the gap, which goes once
/// an opportunity is published there; an opportunity with no Comune fills its area in every Comune; CSV and XLSX carry
/// the same numbers; an officer bound to a Comune sees only that Comune.
/// </summary>
public class MappingTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    sealed record Setup(Guid Network, Guid Comune, string ComuneName, Guid Sport, Guid Governance, Guid Communication, Guid Partner);

    async Task<Setup> NewComuneAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        return await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var comune = new Comune { Id = Guid.NewGuid(), NetworkId = network, Name = $"Borgo Mappa {tag}", Province = "VE" };
            db.Comuni.Add(comune);
            await db.SaveChangesAsync();
            var sport = await db.NetworkAreas.Where(a => a.NetworkId == network && a.Code == "ambiente-sport").Select(a => a.Id).FirstAsync();
            var governance = await db.NetworkAreas.Where(a => a.NetworkId == network && a.Code == "governance").Select(a => a.Id).FirstAsync();
            var communication = await db.NetworkAreas.Where(a => a.NetworkId == network && a.Code == "comunicazione").Select(a => a.Id).FirstAsync();
            var partner = await db.Partners.Where(p => p.NetworkId == network).Select(p => p.Id).FirstAsync();
            return new Setup(network, comune.Id, comune.Name, sport, governance, communication, partner);
        });
    }

    Task PublishAsync(Setup s, Guid area, int? fromMonths, int? toMonths, Guid? comune, OpportunityStatus status = OpportunityStatus.Published) =>
        factory.WithDbAsync(async db =>
        {
            var id = Guid.NewGuid();
            var now = DateTime.UtcNow;
            db.Opportunities.Add(new Opportunity
            {
                Id = id, NetworkId = s.Network, PartnerId = s.Partner, Kind = OpportunityKind.Service, Title = "Prova mappatura", Description = "Prova",
                AreaId = area, AgeFromMonths = fromMonths, AgeToMonths = toMonths, Cost = CostKind.Free, Status = status, SearchText = "prova mappatura",
                CreatedAt = now, UpdatedAt = now, PublishedAt = status == OpportunityStatus.Published ? now : null,
                Comuni = comune is Guid c ? [new OpportunityComune { OpportunityId = id, ComuneId = c }] : [],
            });
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>The matrix cell of the page for an area (row header) and a band (column index 1–5).</summary>
    static string Cell(TestClient.Page page, string area, int band)
    {
        var row = page.Document.QuerySelectorAll("#matrice tbody tr").First(r => r.QuerySelector("th")!.TextContent.Trim() == area);
        return row.QuerySelectorAll("td")[band - 1].TextContent.Trim();
    }

    [Fact]
    public async Task A_gap_shows_and_goes_once_an_opportunity_is_published_there()
    {
        var s = await NewComuneAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var url = $"/gestione/mappatura?comune={s.Comune}";

        var before = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("✕ lacuna", Cell(before, "Ambiente e sport", 4)); // 11–13
        // The demo opportunities all name other Comuni: every cell is a gap, but Governance applies to no age band, so
        // it is no row of the matrix and no gap (5 areas × 5 bands).
        Assert.Equal(25, before.Document.QuerySelectorAll("#matrice td[data-gap]").Length);
        Assert.DoesNotContain(before.Document.QuerySelectorAll("#matrice tbody th"), th => th.TextContent.Trim() == "Governance");
        Assert.Contains("Governance: nessuna opportunità", before.Document.QuerySelector("#senza-eta")!.TextContent.Replace("\n", " "));

        // 12–13 years, in this Comune; a draft and another Comune's offer change nothing here.
        await PublishAsync(s, s.Sport, 144, 167, s.Comune);
        await PublishAsync(s, s.Sport, 72, 131, s.Comune, OpportunityStatus.Draft);
        var after = await client.GetAsync(url);
        Assert.Equal("1", Cell(after, "Ambiente e sport", 4));
        Assert.Contains("✕ lacuna", Cell(after, "Ambiente e sport", 3)); // 6–10: still nothing published
        Assert.Contains("✕ lacuna", Cell(after, "Ambiente e sport", 5)); // 14–17
        Assert.Equal(24, after.Document.QuerySelectorAll("#matrice td[data-gap]").Length);

        // No Comune and no age limits: offered everywhere, for every band of its area.
        await PublishAsync(s, s.Communication, null, null, null);
        var everywhere = await client.GetAsync(url);
        for (var band = 1; band <= 5; band++) Assert.NotEqual("✕ lacuna", Cell(everywhere, "Comunicazione", band));
        Assert.Equal(19, everywhere.Document.QuerySelectorAll("#matrice td[data-gap]").Length);

        // A governance offer (for the whole network) is counted apart, and the gaps do not change.
        var governanceBefore = await factory.WithDbAsync(db => db.Opportunities.CountAsync(o => o.NetworkId == s.Network && o.AreaId == s.Governance
            && o.Status == OpportunityStatus.Published && !o.Comuni.Any()));
        await PublishAsync(s, s.Governance, null, null, null);
        var governance = await client.GetAsync(url);
        Assert.Equal(19, governance.Document.QuerySelectorAll("#matrice td[data-gap]").Length);
        Assert.Contains($"Governance: {(governanceBefore + 1 == 1 ? "1 opportunità" : $"{governanceBefore + 1} opportunità")}",
            governance.Document.QuerySelector("#senza-eta")!.TextContent.Replace("\n", " "));

        // The page's numbers against a direct count for a Comune of the demo data.
        var portogruaro = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == s.Network && c.Name == "Portogruaro").Select(c => c.Id).FirstAsync());
        var expected = await factory.WithDbAsync(db => db.Opportunities.CountAsync(o => o.NetworkId == s.Network && o.Status == OpportunityStatus.Published
            && o.AreaId == s.Sport && (!o.Comuni.Any() || o.Comuni.Any(c => c.ComuneId == portogruaro))
            && (o.AgeFromMonths == null || o.AgeFromMonths <= 71) && (o.AgeToMonths == null || o.AgeToMonths >= 36)));
        var demo = await client.GetAsync($"/gestione/mappatura?comune={portogruaro}");
        var cell = Cell(demo, "Ambiente e sport", 2);
        Assert.Equal(expected == 0 ? "✕ lacuna" : expected.ToString(), cell);

        // The whole network: this Comune's row has its gap count.
        var network = await client.GetAsync("/gestione/mappatura");
        var all = new List<string>();
        for (var p = 1; p <= 10; p++)
        {
            var page = await client.GetAsync($"/gestione/mappatura?pagina={p}");
            all.AddRange(page.Document.QuerySelectorAll("#comuni tbody tr").Select(r => r.TextContent));
            if (page.Document.QuerySelectorAll("#comuni tbody tr").Length < 25) break;
        }
        Assert.Contains(all, r => r.Contains(s.ComuneName) && r.Contains("19 / 25"));
        Assert.DoesNotContain("Governance", network.Document.QuerySelector("#comuni thead")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, network.Status);
    }

    [Fact]
    public async Task Csv_and_xlsx_carry_the_same_numbers()
    {
        var s = await NewComuneAsync();
        await PublishAsync(s, s.Sport, 0, 35, s.Comune);
        await PublishAsync(s, s.Sport, 0, 71, s.Comune);
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");

        var csv = await client.Http.GetAsync($"/gestione/mappatura?handler=Csv&comune={s.Comune}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("comune;area;fascia_eta;opportunita;lacuna", lines[0]);
        Assert.Equal(31, lines.Length);
        Assert.Contains($"{s.ComuneName};Ambiente e sport;0–2 anni;2;no", lines);
        Assert.Contains($"{s.ComuneName};Ambiente e sport;3–5 anni;1;no", lines);
        Assert.Contains($"{s.ComuneName};Ambiente e sport;6–10 anni;0;sì", lines);
        Assert.Contains($"{s.ComuneName};Governance;6–10 anni;0;non si applica", lines);

        var xlsx = await client.Http.GetAsync($"/gestione/mappatura?handler=Xlsx&comune={s.Comune}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var book = new XLWorkbook(stream);
        var rows = ReadSheet(book, "Mappatura");
        Assert.Equal(31, rows.Count);
        Assert.Equal(["Comune", "Area", "Fascia d'età", "Opportunità", "Lacuna"], rows[0]);
        Assert.Equal(XLDataType.Number, book.Worksheet("Mappatura").Cell(2, 4).DataType);
        Assert.Equal(1, book.Worksheet("Mappatura").SheetView.SplitRow); // the header row stays in view
        Assert.Contains(rows, r => r.SequenceEqual(new[] { s.ComuneName, "Ambiente e sport", "0–2 anni", "2", "no" }));
        Assert.Contains(rows, r => r.SequenceEqual(new[] { s.ComuneName, "Ambiente e sport", "6–10 anni", "0", "sì" }));
        var gaps = ReadSheet(book, "Lacune per Comune");
        Assert.Equal(s.ComuneName, gaps[1][0]);
        Assert.Equal(lines.Count(l => l.EndsWith(";sì")).ToString(), gaps[1][^2]); // another test may publish for every Comune
        Assert.Equal("25", gaps[1][^1]); // combinations that can be gaps: 5 areas by age × 5 bands
    }

    [Fact]
    public void Xlsx_text_that_looks_like_a_formula_stays_text_and_numbers_and_dates_keep_their_type()
    {
        var book = new Alleanza.Web.Modules.Network.Plan.XlsxBook();
        book.AddSheet("Prova", [new("Testo"), new("Numero", Alleanza.Web.Modules.Network.Plan.XlsxBook.Integer), new("Data")],
            [["=HYPERLINK(\"http://esempio.it\")", 42, new DateOnly(2026, 3, 1)], ["+39 0421 123456", 7, null]]);
        using var read = new XLWorkbook(new MemoryStream(book.ToBytes()));
        var sheet = read.Worksheet("Prova");
        Assert.False(sheet.Cell(2, 1).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://esempio.it\")", sheet.Cell(2, 1).GetString());
        Assert.Equal("+39 0421 123456", sheet.Cell(3, 1).GetString());
        Assert.Equal(42, sheet.Cell(2, 2).GetDouble());
        Assert.Equal(new DateTime(2026, 3, 1), sheet.Cell(2, 3).GetDateTime());
        Assert.Equal("dd/mm/yyyy", sheet.Cell(2, 3).Style.NumberFormat.Format);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
    }

    /// <summary>A sheet's used rows as text (numbers as they are stored, "2"; dates as day/month/year).</summary>
    public static List<string[]> ReadSheet(XLWorkbook book, string name)
    {
        var sheet = book.Worksheet(name);
        var last = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        return sheet.RowsUsed().Select(r => Enumerable.Range(1, last).Select(c => r.Cell(c) switch
        {
            var cell when cell.DataType == XLDataType.DateTime => cell.GetDateTime().ToString("dd/MM/yyyy"),
            var cell when cell.DataType == XLDataType.Number => cell.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            var cell => cell.GetString(),
        }).ToArray()).ToList();
    }

    [Fact]
    public async Task An_officer_bound_to_a_Comune_sees_only_that_Comune()
    {
        var s = await NewComuneAsync();
        var client = factory.NewClient();
        await client.SignInOrFailAsync("comune@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");
        var page = await client.GetAsync($"/gestione/mappatura?comune={s.Comune}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Comune di Portogruaro", page.Document.QuerySelector("#matrice caption")!.TextContent);
        Assert.DoesNotContain(s.ComuneName, page.Html);
        Assert.Null(page.Document.QuerySelector("select#comune"));
        var csv = Encoding.UTF8.GetString(await (await client.Http.GetAsync($"/gestione/mappatura?handler=Csv&comune={s.Comune}")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(s.ComuneName, csv);
        Assert.Contains("Portogruaro;", csv);
    }
}
