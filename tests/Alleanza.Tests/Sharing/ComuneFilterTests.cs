using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Network;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// Condividi's Comune filter in a network of many Comuni (a region's thousand): a name typed and found on the server, not a
/// drop-down of every Comune; several Comuni matching answer with links to each, none with a message by the field.
/// Its own app instance: the Comuni added here would turn the drop-down of the other tests' network into the field.
/// </summary>
public class ComuneFilterTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    readonly SharingTestKit kit = new(factory);

    [Fact]
    public async Task In_a_network_of_many_comuni_the_filter_is_a_typed_name_found_on_the_server()
    {
        var brianza = await kit.NetworkAsync("brianza");
        await kit.SettingsAsync(brianza);
        var giver = await kit.FamilyAsync("brianza");
        await SharingTestKit.PublishedAsync(giver.Client, SharingTestKit.Gift("Triciclo rosso"));
        // The family's Comune is the network's first by name; the Comuni added sort after it.
        var home = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == brianza).OrderBy(c => c.Name).Select(c => c.Name).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            for (var i = 1; i <= ComuneOptions.SelectMax; i++) db.Comuni.Add(new Comune { Id = Guid.NewGuid(), NetworkId = brianza, Name = $"Zeta Comune {i:00}", Province = "MB" });
            db.Comuni.Add(new Comune { Id = Guid.NewGuid(), NetworkId = brianza, Name = "Zeta Sant'Àmbrogio Alto", Province = "MB" });
            db.Comuni.Add(new Comune { Id = Guid.NewGuid(), NetworkId = brianza, Name = "Zeta Sant'Ambrogio Basso", Province = "MB" });
            return await db.SaveChangesAsync();
        });
        var reader = await kit.FamilyAsync("brianza");

        var all = await reader.Client.GetAsync("/condividi");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.NotNull(all.Document.QuerySelector("input#comune-nome"));
        Assert.Null(all.Document.QuerySelector("select#comune"));
        Assert.DoesNotContain("Zeta Comune 07", all.Text);
        Assert.Contains("Triciclo rosso", all.Text);

        // Typed without regard to case and accents: the Comune itself, its posts only.
        var there = await reader.Client.GetAsync("/condividi?comune-nome=" + Uri.EscapeDataString(home.ToUpperInvariant()));
        Assert.Equal(home, there.Document.QuerySelector("input#comune-nome")!.GetAttribute("value"));
        Assert.Contains("Triciclo rosso", there.Text);
        var elsewhere = await reader.Client.GetAsync("/condividi?comune-nome=zeta+comune+07");
        Assert.Equal("Zeta Comune 07", elsewhere.Document.QuerySelector("input#comune-nome")!.GetAttribute("value"));
        Assert.DoesNotContain("Triciclo rosso", elsewhere.Text);

        // Two Comuni start with what was typed: a link to each, and the list is not filtered.
        var two = await reader.Client.GetAsync("/condividi?comune-nome=zeta+santambrogio");
        Assert.Contains("Più Comuni corrispondono", two.Text);
        var links = two.Document.QuerySelectorAll("#comune-nome-errore a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Contains("comune=", l));
        var chosen = await reader.Client.GetAsync(links[0]);
        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.StartsWith("Zeta Sant", chosen.Document.QuerySelector("input#comune-nome")!.GetAttribute("value"));

        var none = await reader.Client.GetAsync("/condividi?comune-nome=xyzzy");
        Assert.Contains("Nessun Comune della rete si chiama «xyzzy»", none.Text);
        Assert.Equal("true", none.Document.QuerySelector("input#comune-nome")!.GetAttribute("aria-invalid"));
        Assert.Contains("Triciclo rosso", none.Text);
        Assert.Equal(HttpStatusCode.OK, (await reader.Client.GetAsync("/condividi?comune-nome=" + new string('x', 500) + "&comune=abc")).Status);
    }
}
