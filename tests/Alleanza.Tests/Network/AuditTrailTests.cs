using System.Net;
using System.Text;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Network;

/// <summary>
/// The audit log speaks Italian: each entry is a sentence with the person's name; it filters by person, kind of action
/// and period, pages by 50, exports the filtered rows as CSV, ignores bad filters with a notice, and shows one network only.
/// </summary>
public class AuditTrailTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    sealed record Seeded(string Tag, Guid Coordinator, Guid Officer, Guid Application, DateOnly Today);

    async Task<Seeded> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        return await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var coordinator = await db.Users.Where(u => u.Email == "coordinatore@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var officer = await db.Users.Where(u => u.Email == "comune@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var application = Guid.NewGuid();
            var now = DateTime.UtcNow;
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-2), UserId = officer, UserName = "comune@portogruaro.demo", NetworkId = network,
                Action = "card.application-approved", EntityType = "CardApplication", EntityId = application.ToString(), Details = $"2 carte emesse {tag}" });
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-40), UserId = coordinator, UserName = "coordinatore@portogruaro.demo", NetworkId = network,
                Action = "tavolo.creato", EntityType = "WorkingTable", EntityId = Guid.NewGuid().ToString(), Details = $"Tavolo sport {tag}" });
            for (var i = 0; i < 60; i++)
                db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-3).AddMinutes(i), UserId = coordinator, UserName = "coordinatore@portogruaro.demo", NetworkId = network,
                    Action = "partner.update", EntityType = "Partner", EntityId = Guid.NewGuid().ToString(), Details = $"Ente {i} {tag}" });
            await db.SaveChangesAsync();
            return new Seeded(tag, coordinator, officer, application, DateOnly.FromDateTime(now));
        });
    }

    [Fact]
    public async Task Entries_read_as_Italian_sentences_and_filter_by_person_kind_and_period()
    {
        var s = await SeedAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");

        var cards = await client.GetAsync($"/gestione/registro?tipo=carta&chi={s.Officer}");
        Assert.Equal(HttpStatusCode.OK, cards.Status);
        var number = s.Application.ToString()[..8].ToUpperInvariant();
        Assert.Contains($"Roberto Pivetta ha approvato la domanda di Carta Famiglia n. {number}: 2 carte emesse {s.Tag}.", cards.Text);
        Assert.All(cards.Document.QuerySelectorAll("#registro tbody tr"), r => Assert.StartsWith("card.", r.GetAttribute("data-action")));
        Assert.DoesNotContain("Tavolo sport " + s.Tag, cards.Text);

        // The period: the table created 40 days ago is in the last two months, not in the last ten days.
        var from = s.Today.AddDays(-60).ToString("yyyy-MM-dd");
        var tables = await client.GetAsync($"/gestione/registro?tipo=tavoli&dal={from}&al={s.Today:yyyy-MM-dd}");
        Assert.Contains($"Giulia Bortolin ha creato il tavolo di lavoro: Tavolo sport {s.Tag}.", tables.Text);
        var recent = await client.GetAsync($"/gestione/registro?tipo=tavoli&dal={s.Today.AddDays(-10):yyyy-MM-dd}");
        Assert.DoesNotContain("Tavolo sport " + s.Tag, recent.Text);

        // The filters stay chosen in the form.
        Assert.Equal("tavoli", tables.Document.QuerySelector("#tipo option[selected]")!.GetAttribute("value"));
        Assert.Equal(from, tables.Document.QuerySelector("#dal")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Pages_by_fifty_and_the_csv_has_exactly_the_filtered_rows()
    {
        var s = await SeedAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var filter = $"chi={s.Coordinator}&tipo=rete&dal={s.Today.AddDays(-5):yyyy-MM-dd}&al={s.Today:yyyy-MM-dd}";
        var first = await client.GetAsync($"/gestione/registro?{filter}");
        var total = int.Parse(first.Document.QuerySelector("[data-figure=total]")!.TextContent);
        Assert.True(total >= 60, total.ToString());
        Assert.Equal(50, first.Document.QuerySelectorAll("#registro tbody tr").Length);
        var pages = (total + 49) / 50; // other tests of the class add theirs
        var last = await client.GetAsync($"/gestione/registro?{filter}&pagina={pages}");
        Assert.Equal(total - 50 * (pages - 1), last.Document.QuerySelectorAll("#registro tbody tr").Length);
        Assert.Contains(last.Document.QuerySelectorAll("a"), a => a.GetAttribute("href")?.Contains("pagina=") == true);

        var csvLink = first.Document.QuerySelector("#csv")!.GetAttribute("href")!;
        Assert.Contains("tipo=rete", csvLink);
        var csv = await client.Http.GetAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data_ora;persona;tipo;descrizione;codice_azione;indirizzo_ip", lines[0]);
        Assert.Equal(total, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(";Giulia Bortolin;Rete, Comuni, partner e persone;", l));
        Assert.Contains(lines, l => l.Contains($"Giulia Bortolin ha modificato l'ente partner: Ente 59 {s.Tag}."));
        // Newest first: this seed's last change comes before its first.
        Assert.True(Array.FindIndex(lines, l => l.Contains($"Ente 59 {s.Tag}.")) < Array.FindIndex(lines, l => l.Contains($"Ente 0 {s.Tag}.")));
    }

    [Fact]
    public async Task Bad_filters_are_ignored_with_a_notice_and_another_network_sees_nothing()
    {
        var s = await SeedAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var bad = await client.GetAsync("/gestione/registro?chi=nessuno&tipo=boh&dal=ieri&al=2026-13-45&pagina=-4");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("La persona scelta non compare nel registro", bad.Text);
        Assert.Contains("Il tipo di azione scelto non esiste", bad.Text);
        Assert.Contains("La data «dal» non è valida", bad.Text);
        Assert.NotEmpty(bad.Document.QuerySelectorAll("#registro tbody tr")); // the filters ignored, the whole log
        var swapped = await client.GetAsync($"/gestione/registro?dal={s.Today:yyyy-MM-dd}&al={s.Today.AddDays(-5):yyyy-MM-dd}&tipo=carta");
        Assert.Contains("le date sono state scambiate", swapped.Text);
        Assert.Contains("2 carte emesse " + s.Tag, swapped.Text);

        var other = factory.NewClient();
        await other.AsCoordinatorOfAsync("brianza");
        var theirs = await other.GetAsync("/gestione/registro");
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.DoesNotContain(s.Tag, theirs.Text);
        Assert.DoesNotContain(s.Tag, Encoding.UTF8.GetString(await other.Http.GetByteArrayAsync("/gestione/registro?handler=Csv")));
        Assert.DoesNotContain(s.Tag, (await other.GetAsync($"/gestione/registro?chi={s.Coordinator}")).Text);
    }

    [Fact]
    public void Every_audited_action_has_an_Italian_sentence()
    {
        // The action codes the application writes (gathered from the sources) all have their own sentence.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Alleanza.Web"));
        var codes = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"audit\w*\.(?:Add|WriteAsync)\(\s*""([a-z-]+\.[a-z.-]+)""").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.True(codes.Count > 40, codes.Count.ToString());
        Assert.All(codes, c => Assert.DoesNotContain("ha eseguito l'azione", AuditDescriptions.Describe("Qualcuno", c, null, null)));
    }
}
