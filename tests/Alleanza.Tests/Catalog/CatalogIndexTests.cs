using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Catalog.Search;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// The in-memory index against a plain reading of the rules, on random catalogues changed thousands of times (so that
/// replaced words and compaction are exercised): the same opportunities match, in the order asked for.
/// </summary>
public class CatalogIndexTests
{
    static readonly string[] Vocabulary =
        ["nuoto", "nuotare", "piscina", "corso", "attivita", "attivo", "laboratorio", "musica", "lettura", "teatro", "calcio", "estate",
         "centro", "estivo", "bambini", "famiglie", "genitori", "sostegno", "compiti", "scuola", "sport", "danza", "inglese", "arte"];

    static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    sealed record Doc(IndexedOpportunity Opportunity, IndexedText Text);

    static Doc RandomDoc(Random random, Guid id, Guid[] areas, Guid[] comuni)
    {
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        var title = Words(random.Next(1, 5));
        var body = Words(random.Next(0, 30));
        int? from = random.Next(4) == 0 ? null : random.Next(0, 15) * 12;
        int? to = from is null || random.Next(4) == 0 ? null : from + random.Next(0, 6) * 12 + 11;
        var sessions = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var capacity = random.Next(3) == 0 ? (int?)null : random.Next(1, 10);
            return new IndexedSession(Guid.NewGuid(), Now.AddDays(random.Next(-30, 90)), null, capacity, capacity is { } c ? random.Next(0, c + 1) : 0, random.Next(6) > 0);
        }).OrderBy(s => s.StartsAt).ToArray();
        var text = new IndexedText(title, body);
        return new Doc(new IndexedOpportunity
        {
            Id = id, PartnerId = Guid.Empty, AreaId = areas[random.Next(areas.Length)], Kind = (OpportunityKind)random.Next(1, 4), Title = title, Summary = "",
            CategoriesLower = random.Next(3) == 0 ? "sport, acqua" : "cultura", AgeFromMonths = from, AgeToMonths = to,
            Cost = (CostKind)random.Next(1, 4), PublishedAt = Now.AddDays(-random.Next(0, 400)),
            Comuni = random.GetItems(comuni, random.Next(0, 3)).Distinct().ToArray(), Sessions = sessions,
            Places = [new IndexedPlace("Sede", null, 45 + random.NextDouble(), 12 + random.NextDouble())],
            TextHash = text.Hash,
        }, text);
    }

    /// <summary>The rules as the search page states them, one opportunity at a time.</summary>
    static bool Matches(Doc d, SearchRequest r)
    {
        var o = d.Opportunity;
        var words = (d.Text.Title + " " + d.Text.Body).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!SearchTerms.Of(r.Text).All(t => words.Any(w => w.StartsWith(SearchTerms.Stem(t), StringComparison.Ordinal)))) return false;
        if (r.AreaId is { } area && o.AreaId != area) return false;
        if (r.ComuneId is { } comune && !ComuneScope.Serves(o.Comuni, comune)) return false; // naming no Comune: every Comune
        if (r.AgeYears is { } y && !((o.AgeFromMonths ?? 0) <= y * 12 + 11 && (o.AgeToMonths ?? int.MaxValue) >= y * 12)) return false;
        if (r.FreeOnly && o.Cost != CostKind.Free) return false;
        if (r.Category is { } category && o.CategoriesLower?.Contains(category) != true) return false;
        if (r.WithPlaces && !o.Sessions.Any(s => s.StartsAt >= Now && s.RegistrationOpen && (s.Capacity is null || s.Taken < s.Capacity))) return false;
        if (r.From is { } f && !(o.Kind == OpportunityKind.Service && o.Sessions.Length == 0)
            && !o.Sessions.Any(s => s.StartsAt >= f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))) return false;
        return true;
    }

    [Fact]
    public void Random_catalogues_and_searches_agree_with_the_rules_after_thousands_of_changes()
    {
        var random = new Random(20261205);
        var areas = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var comuni = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var index = new CatalogIndex();
        var live = new Dictionary<Guid, Doc>();
        for (var round = 0; round < 12; round++)
        {
            // Changes: new opportunities, new words for old ones, other dates only, removals.
            var upserts = new List<Doc>();
            var removals = new List<Guid>();
            for (var i = 0; i < 600; i++)
            {
                var pick = live.Count == 0 ? 0 : random.Next(4);
                var existing = live.Count == 0 ? default : live.ElementAt(random.Next(live.Count));
                switch (pick)
                {
                    case 0: upserts.Add(RandomDoc(random, Guid.NewGuid(), areas, comuni)); break;
                    case 1: upserts.Add(RandomDoc(random, existing.Key, areas, comuni)); break;
                    case 2:
                        var same = existing.Value;
                        upserts.Add(same with { Opportunity = RandomDoc(random, existing.Key, areas, comuni).Opportunity.WithText(same.Opportunity.TextHash) });
                        break;
                    default: removals.Add(existing.Key); break;
                }
            }
            // The last word on an id wins, as in the journal; removals first.
            foreach (var id in removals) live.Remove(id);
            var lastUpserts = upserts.Where(u => !removals.Contains(u.Opportunity.Id)).GroupBy(u => u.Opportunity.Id).Select(g => g.Last()).ToList();
            foreach (var u in lastUpserts) live[u.Opportunity.Id] = u;
            index.Apply(lastUpserts.Select(u => (u.Opportunity, u.Text)), removals);
            Assert.Equal(live.Count, index.Count);

            for (var q = 0; q < 40; q++)
            {
                var request = new SearchRequest(
                    Text: random.Next(5) == 0 ? null : string.Join(' ', random.GetItems(Vocabulary, random.Next(1, 3))),
                    AreaId: random.Next(3) == 0 ? areas[random.Next(areas.Length)] : null,
                    AgeYears: random.Next(3) == 0 ? random.Next(0, 18) : null,
                    ComuneId: random.Next(4) == 0 ? comuni[random.Next(comuni.Length)] : null,
                    FreeOnly: random.Next(5) == 0, WithPlaces: random.Next(4) == 0,
                    Category: random.Next(6) == 0 ? "sport" : null,
                    From: random.Next(6) == 0 ? DateOnly.FromDateTime(Now.AddDays(30)) : null,
                    Order: (SearchOrder)random.Next(0, 3), Latitude: 45.5, Longitude: 12.5, PageSize: 1000);
                // For the text in the known words, the pure rule with stems found by prefix.
                var expected = live.Values.Where(d => Matches(d, request)).Select(d => d.Opportunity.Id).ToHashSet();
                var page = index.Search(request, Now);
                Assert.Equal(expected.Count, page.Total);
                Assert.True(expected.SetEquals(page.Rows.Select(o => o.Id)), $"round {round}, query {q}: «{request.Text}»");
                if (request.Order == SearchOrder.Date)
                {
                    var next = page.Rows.Select(o => o.NextSession(Now)?.StartsAt ?? DateTime.MaxValue).ToList();
                    Assert.Equal(next.Order().ToList(), next);
                }
            }
        }
    }

    [Fact]
    public void Title_words_outrank_body_words_and_rare_words_outrank_common_ones()
    {
        var index = new CatalogIndex();
        IndexedOpportunity Make(string title, string body, out IndexedText text)
        {
            text = new IndexedText(title, body);
            return new IndexedOpportunity { Id = Guid.NewGuid(), PartnerId = Guid.Empty, AreaId = Guid.Empty, Kind = OpportunityKind.Activity, Title = title, Summary = "", TextHash = text.Hash };
        }
        var inTitle = Make("corso di nuoto per bambini", "in piscina comunale", out var t1);
        var inBody = Make("estate in citta", "centro estivo con nuoto e giochi e merende e compiti", out var t2);
        var other = Make("laboratorio di lettura", "libri per bambini", out var t3);
        index.Apply([(inBody, t2), (inTitle, t1), (other, t3)], []);
        var rows = index.Search(new SearchRequest("Nuoto"), Now).Rows;
        Assert.Equal([inTitle.Id, inBody.Id], rows.Select(r => r.Id));
        Assert.Equal(inTitle.Id, index.Search(new SearchRequest("piscina bambini"), Now).Rows.Single().Id);
    }
}

static class IndexedOpportunityCopies
{
    /// <summary>The same opportunity with another fingerprint of its words (other dates and fields, same words).</summary>
    public static IndexedOpportunity WithText(this IndexedOpportunity o, long hash) => new()
    {
        Id = o.Id, PartnerId = o.PartnerId, AreaId = o.AreaId, Kind = o.Kind, Title = o.Title, Summary = o.Summary, CategoriesLower = o.CategoriesLower,
        AgeFromMonths = o.AgeFromMonths, AgeToMonths = o.AgeToMonths, Cost = o.Cost, Price = o.Price, ReducedPrice = o.ReducedPrice,
        PublishedAt = o.PublishedAt, Comuni = o.Comuni, Sessions = o.Sessions, Places = o.Places, TextHash = hash,
    };
}
