using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network.Plan;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// What the catalogue promises (issue 14): an opportunity that names no Comune serves the whole network in the Comune
/// filter, «Per la mia famiglia» and the mapping alike; a search needs every word, then offers what matches some of them,
/// applies the network's synonyms and suggests a correction for a typo.
/// </summary>
public class CatalogPromisesTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static List<string> Titles(TestClient.Page page, string list = "#risultati") =>
        page.Document.QuerySelectorAll($"{list} [itemprop=name]").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>A published service of Portogruaro with these words, in these Comuni (none: the whole network).</summary>
    Task<Guid> PublishAsync(string title, string description, params string[] comuni) => factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "portogruaro");
        var partner = await db.Partners.Where(p => p.NetworkId == network.Id).Select(p => p.Id).FirstAsync();
        var area = await db.NetworkAreas.Where(a => a.NetworkId == network.Id && a.Code == "governance").Select(a => a.Id).FirstAsync();
        var id = Guid.NewGuid();
        var now = DateTime.UtcNow;
        db.Opportunities.Add(new Opportunity
        {
            Id = id, NetworkId = network.Id, PartnerId = partner, AreaId = area, Kind = OpportunityKind.Service, Title = title, Description = description,
            Cost = CostKind.Free, Status = OpportunityStatus.Published, SearchText = title.ToLowerInvariant(), CreatedAt = now, UpdatedAt = now, PublishedAt = now,
            Comuni = network.Comuni.Where(c => comuni.Contains(c.Name)).Select(c => new OpportunityComune { OpportunityId = id, ComuneId = c.Id }).ToList(),
        });
        await db.SaveChangesAsync();
        return id;
    });

    [Fact]
    public async Task An_opportunity_naming_no_Comune_is_found_under_every_Comune_counted_in_every_Comune_s_mapping_and_marked_for_every_family()
    {
        var tag = "ovunque" + Guid.NewGuid().ToString("N")[..6];
        var comuni = await factory.WithDbAsync(db => db.Comuni.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "portogruaro")).Select(c => new { c.Id, c.Name }).ToListAsync());
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());
        var governance = await factory.WithDbAsync(db => db.NetworkAreas.Where(a => a.NetworkId == network && a.Code == "governance").Select(a => a.Name).FirstAsync());
        async Task<Dictionary<Guid, int>> GovernanceCellsAsync()
        {
            using var scope = factory.Services.CreateScope();
            var mapping = await scope.ServiceProvider.GetRequiredService<ServiceMapping>().ComputeAsync(network);
            var area = mapping.Areas.Select((a, i) => (a.Name, i)).First(a => a.Name == governance).i;
            return mapping.Comuni.ToDictionary(c => c.ComuneId, c => c.Counts[area][0]);
        }
        var before = await GovernanceCellsAsync();
        await PublishAsync($"Sportello unico {tag}", $"Per tutte le famiglie della rete {tag}");
        await PublishAsync($"Sportello di Caorle {tag}", $"Solo a Caorle {tag}", "Caorle");

        var visitor = factory.NewClient();
        await visitor.ChooseNetworkAsync("portogruaro");
        foreach (var c in comuni)
        {
            var found = Titles(await visitor.GetAsync($"/opportunita?q={tag}&comune={c.Id}"));
            Assert.Contains($"Sportello unico {tag}", found);
            Assert.Equal(c.Name == "Caorle", found.Contains($"Sportello di Caorle {tag}"));
        }
        var after = await GovernanceCellsAsync();
        Assert.All(comuni, c => Assert.Equal(before[c.Id] + (c.Name == "Caorle" ? 2 : 1), after[c.Id]));

        // The demo family lives in Portogruaro: the network-wide one is marked as offered in every Comune, Caorle's is not.
        var family = factory.NewClient();
        await family.SignInOrFailAsync("famiglia@portogruaro.demo");
        await family.ChooseNetworkAsync("portogruaro");
        var mine = await family.GetAsync($"/opportunita?q={tag}");
        Assert.Equal([$"Sportello unico {tag}", $"Sportello di Caorle {tag}"], Titles(mine));
        var cards = mine.Document.QuerySelectorAll("#risultati li.card").ToList();
        Assert.Contains("In tutti i Comuni della rete", cards[0].TextContent);
        Assert.DoesNotContain("Nel tuo Comune", cards[1].TextContent);
        Assert.DoesNotContain("In tutti i Comuni della rete", cards[1].TextContent);
    }

    [Fact]
    public async Task Every_word_is_required_first_then_results_with_some_words_are_listed_apart_most_words_first()
    {
        var tag = "qz" + Guid.NewGuid().ToString("N")[..6];
        await PublishAsync($"Laboratorio {tag} di ceramica", $"Argilla e tornio {tag}");
        await PublishAsync($"Laboratorio {tag} di ceramica e pittura", $"Colori e argilla {tag}");
        await PublishAsync($"Corso {tag} di pittura", $"Colori {tag}");
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");

        // All three words: one opportunity; the others hold two of the three and come in their own section.
        var page = await client.GetAsync($"/opportunita?q={tag}+ceramica+pittura");
        Assert.Equal([$"Laboratorio {tag} di ceramica e pittura"], Titles(page));
        Assert.Contains("Risultati che contengono solo alcune parole", page.Text);
        var some = Titles(page, "#solo-alcune-parole");
        Assert.Equal(2, some.Count);
        Assert.Contains($"Laboratorio {tag} di ceramica", some);
        Assert.Contains($"Corso {tag} di pittura", some);
        Assert.All(page.Document.QuerySelectorAll("#solo-alcune-parole [data-some-words]"), b => Assert.Equal("Contiene 2 parole su 3", b.TextContent.Trim()));

        // Fewer words matched, lower: "tornio" is in one of them only.
        var ranked = await client.GetAsync($"/opportunita?q={tag}+ceramica+tornio+violino");
        Assert.Empty(Titles(ranked));
        Assert.Equal($"Laboratorio {tag} di ceramica", Titles(ranked, "#solo-alcune-parole")[0]);
        Assert.Equal("Contiene 3 parole su 4", ranked.Document.QuerySelector("#solo-alcune-parole [data-some-words]")!.TextContent.Trim());

        // A search that finds plenty does not add the section; a search of one word has nothing to relax.
        var plenty = await client.GetAsync($"/opportunita?q={tag}");
        Assert.Equal(3, Titles(plenty).Count);
        Assert.DoesNotContain("Risultati che contengono solo alcune parole", plenty.Text);
    }

    [Fact]
    public async Task A_typo_gets_a_suggestion_from_the_catalogue_s_words()
    {
        var word = "zorbalt" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4).ToArray());
        await PublishAsync($"Torneo di {word}", "Un torneo per tutte le età.");
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        // One letter dropped, two swapped: the catalogue's word is suggested, with a link that searches it.
        var typo = word.Remove(3, 1);
        var page = await client.GetAsync($"/opportunita?q=torneo+{typo}");
        var suggestion = page.Document.QuerySelector("[data-suggestion] a");
        Assert.NotNull(suggestion);
        Assert.Equal($"torneo {word}", suggestion!.TextContent.Trim());
        var followed = await client.GetAsync(suggestion.GetAttribute("href")!);
        Assert.Equal([$"Torneo di {word}"], Titles(followed));
        var swapped = word[..2] + word[3] + word[2] + word[4..];
        Assert.Contains(word, (await client.GetAsync($"/opportunita?q={swapped}")).Document.QuerySelector("[data-suggestion]")?.TextContent ?? "");
        // A word that is right gets no suggestion.
        Assert.Null(followed.Document.QuerySelector("[data-suggestion]"));
    }

    [Fact]
    public async Task The_network_s_synonyms_apply_to_the_search_and_the_coordinator_edits_them()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        // Seeded defaults: «bimbi» finds «bambini», «asilo» finds «scuola dell'infanzia» (all its words).
        Assert.Contains("Corso di nuoto per bambini", Titles(await client.GetAsync("/opportunita?q=bimbi")));
        Assert.Contains("Attività motorie all'infanzia", Titles(await client.GetAsync("/opportunita?q=asilo")));

        var tag = "kw" + Guid.NewGuid().ToString("N")[..6];
        var synonym = "sy" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        await PublishAsync($"Ludoteca {tag}", "Giochi da tavolo per famiglie.");
        Assert.Empty(Titles(await client.GetAsync($"/opportunita?q={synonym}")));

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var page = await coordinator.GetAsync("/gestione/sinonimi");
        Assert.Contains("bimbi", page.Text);
        var empty = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewSynonym.Word"] = "", ["NewSynonym.Means"] = "" }, "form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Scrivete la parola che le famiglie cercano.", empty.Errors);
        var two = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewSynonym.Word"] = "due parole", ["NewSynonym.Means"] = "x" }, "form[action*='handler=Add']");
        Assert.Contains(two.Errors, e => e.Contains("una parola sola"));
        var twice = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewSynonym.Word"] = "Bimbi", ["NewSynonym.Means"] = "piccoli" }, "form[action*='handler=Add']");
        Assert.Contains(twice.Errors, e => e.Contains("C'è già un sinonimo per «bimbi»"));
        var added = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewSynonym.Word"] = synonym.ToUpperInvariant(), ["NewSynonym.Means"] = $" Ludoteca ,{tag}" }, "form[action*='handler=Add']", follow: true);
        Assert.Contains($"cercando «{synonym}» si trova anche «ludoteca, {tag}»", added.Text);

        Assert.Equal([$"Ludoteca {tag}"], Titles(await client.GetAsync($"/opportunita?q={synonym}")));

        // Removed: the search forgets it at once.
        var id = await factory.WithDbAsync(db => db.SearchSynonyms.Where(s => s.Word == synonym).Select(s => s.Id).FirstAsync());
        var removed = await coordinator.SubmitAsync(added, new Dictionary<string, string?>(), $"form[action*='handler=Delete'][action*='{id}']", follow: true);
        Assert.Contains($"Sinonimo di «{synonym}» tolto.", removed.Text);
        Assert.Empty(Titles(await client.GetAsync($"/opportunita?q={synonym}")));

        // Another network's coordinator cannot touch Portogruaro's synonyms.
        var bimbi = await factory.WithDbAsync(db => db.SearchSynonyms.Where(s => s.Word == "bimbi" && db.Networks.Any(n => n.Id == s.NetworkId && n.Slug == "portogruaro")).Select(s => s.Id).FirstAsync());
        var other = factory.NewClient();
        await other.AsCoordinatorOfAsync("brianza");
        var otherPage = await other.GetAsync("/gestione/sinonimi");
        var token = otherPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var foreign = await other.Http.PostAsync($"/gestione/sinonimi?handler=Delete&synonymId={bimbi}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
