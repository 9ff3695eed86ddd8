using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Catalog;

/// <summary>"Per la mia famiglia": a signed-in family with a household sees first what fits its children's ages and Comune.</summary>
public class ForMyFamilyTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Opportunities_are_ordered_by_fit_for_the_children_s_ages_then_the_Comune_marked_and_the_family_can_turn_it_off()
    {
        var tag = "prova" + Guid.NewGuid().ToString("N")[..8];
        // The demo family of Portogruaro: Giulia (born 2016-02-20) and Tommaso (born 2020-07-08), resident in Portogruaro.
        var today = RomeDate.Today;
        static int Age(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);
        int giulia = Age(new(2016, 2, 20), today), tommaso = Age(new(2020, 7, 8), today);
        await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "portogruaro");
            var portogruaro = network.Comuni.First(c => c.Name == "Portogruaro");
            var caorle = network.Comuni.First(c => c.Name == "Caorle");
            var partner = await db.Partners.Where(p => p.NetworkId == network.Id).Select(p => p.Id).FirstAsync();
            var area = await db.NetworkAreas.Where(a => a.NetworkId == network.Id).Select(a => a.Id).FirstAsync();
            Opportunity Make(string title, int? fromYears, int? toYears, Guid? comune, int daysAgo)
            {
                var id = Guid.NewGuid();
                return new Opportunity
                {
                    Id = id, NetworkId = network.Id, PartnerId = partner, AreaId = area, Kind = OpportunityKind.Service, Title = title, Description = title,
                    Categories = tag, AgeFromMonths = fromYears * 12, AgeToMonths = toYears is null ? null : toYears * 12 + 11, Cost = CostKind.Free,
                    Status = OpportunityStatus.Published, SearchText = title.ToLowerInvariant(), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                    PublishedAt = DateTime.UtcNow.AddDays(-daysAgo), Comuni = comune is { } c ? [new OpportunityComune { OpportunityId = id, ComuneId = c }] : [],
                };
            }
            db.Opportunities.AddRange(
                Make("Per adolescenti a Portogruaro", giulia + 2, null, portogruaro.Id, 1),      // newest, too old for both
                Make("Per piccoli a Caorle", tommaso, tommaso, caorle.Id, 2),                  // Tommaso's age, another Comune
                Make("Per piccoli a Portogruaro", tommaso, tommaso, portogruaro.Id, 3),        // Tommaso's age, their Comune
                Make("Per ragazzi a Portogruaro", giulia - 1, giulia + 1, portogruaro.Id, 4),  // Giulia's age, their Comune
                Make("Per ragazzi in tutta la rete", giulia, giulia, null, 5));                // Giulia's age, no Comune: every Comune
            return await db.SaveChangesAsync();
        });

        var family = factory.NewClient();
        await family.SignInOrFailAsync("famiglia@portogruaro.demo");
        await family.ChooseNetworkAsync("portogruaro");
        static List<string> Titles(TestClient.Page page) => page.Document.QuerySelectorAll("h2 a, h3 a").Select(a => a.TextContent.Trim()).Where(t => t.StartsWith("Per ")).ToList();

        var mine = await family.GetAsync($"/opportunita?categoria={tag}");
        Assert.Contains("Per la mia famiglia:", mine.Text);
        Assert.Contains("Giulia", mine.Text);
        // For a child's age and in the Comune (or the whole network) first, newest first among them; then for a child's
        // age elsewhere; then in the Comune but for no child; the anonymous order (newest first) would be the reverse.
        Assert.Equal(["Per piccoli a Portogruaro", "Per ragazzi a Portogruaro", "Per ragazzi in tutta la rete", "Per piccoli a Caorle", "Per adolescenti a Portogruaro"], Titles(mine));
        string Marks(string title) => string.Join(" | ", mine.Document.QuerySelectorAll("#risultati li.card").First(c => c.QuerySelector("h2")!.TextContent.Trim() == title)
            .QuerySelectorAll(".family-match .badge").Select(b => b.TextContent.Trim()));
        Assert.Equal($"Adatto a Tommaso, {tommaso} anni | Nel tuo Comune", Marks("Per piccoli a Portogruaro"));
        Assert.Equal($"Adatto a Giulia, {giulia} anni | Nel tuo Comune", Marks("Per ragazzi a Portogruaro"));
        Assert.Equal($"Adatto a Giulia, {giulia} anni | In tutti i Comuni della rete", Marks("Per ragazzi in tutta la rete"));
        Assert.Equal($"Adatto a Tommaso, {tommaso} anni", Marks("Per piccoli a Caorle"));
        Assert.Equal("Nel tuo Comune", Marks("Per adolescenti a Portogruaro"));

        var normal = await family.GetAsync($"/opportunita?categoria={tag}&famiglia=0");
        Assert.Equal(["Per adolescenti a Portogruaro", "Per piccoli a Caorle", "Per piccoli a Portogruaro", "Per ragazzi a Portogruaro", "Per ragazzi in tutta la rete"], Titles(normal));
        Assert.Empty(normal.Document.QuerySelectorAll(".family-match"));

        // Without a household (or without an account) the order is the usual one and nothing is said.
        var visitor = factory.NewClient();
        await visitor.ChooseNetworkAsync("portogruaro");
        var anonymous = await visitor.GetAsync($"/opportunita?categoria={tag}");
        Assert.DoesNotContain("Per la mia famiglia", anonymous.Text);
        Assert.Equal(Titles(normal), Titles(anonymous));
    }
}

/// <summary>Coordinators name and order their network's areas; an area in use cannot be removed.</summary>
public class AreaTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Coordinator_adds_renames_moves_and_removes_areas_but_not_one_in_use()
    {
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var page = await coordinator.GetAsync("/gestione/aree");
        var empty = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewArea.Name"] = " " }, "form[action*='handler=Add']");
        Assert.Contains("Scrivete il nome dell'area", empty.Text);
        var added = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["NewArea.Name"] = "Salute e benessere" }, "form[action*='handler=Add']", follow: true);
        Assert.Contains("Area «Salute e benessere» aggiunta", added.Text);
        var twice = await coordinator.SubmitAsync(added, new Dictionary<string, string?> { ["NewArea.Name"] = "salute e benessere" }, "form[action*='handler=Add']");
        Assert.Contains("C'è già un'area con questo nome", twice.Text);

        var area = await factory.WithDbAsync(db => db.NetworkAreas.FirstAsync(a => a.Code == "salute-e-benessere"));
        var renamed = await coordinator.SubmitAsync(added, new Dictionary<string, string?> { ["name"] = "Salute" }, $"form[action*='handler=Rename'][action*='{area.Id}']", follow: true);
        Assert.Contains("Area rinominata in «Salute»", renamed.Text);
        var moved = await coordinator.SubmitAsync(renamed, new Dictionary<string, string?>(), $"form[action*='handler=Move'][action*='{area.Id}'][action*='by=-1']", follow: true);
        var names = moved.Document.QuerySelectorAll("input[name=name]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(names.Count - 2, names.IndexOf("Salute"));

        var inUse = await factory.WithDbAsync(db => db.NetworkAreas.Where(a => a.NetworkId == area.NetworkId && db.Opportunities.Any(o => o.AreaId == a.Id)).Select(a => a.Id).FirstAsync());
        var refused = await coordinator.Http.PostAsync($"/gestione/aree?handler=Delete&areaId={inUse}", new FormUrlEncodedContent([new("__RequestVerificationToken", moved.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        var after = await coordinator.OpenAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("spostatele in un'altra area", after.Text);
        var removed = await coordinator.SubmitAsync(after, new Dictionary<string, string?>(), $"form[action*='handler=Delete'][action*='{area.Id}']", follow: true);
        Assert.Contains("Area «Salute» tolta", removed.Text);

        // Partner staff may publish but not change the areas; another network's area is not found.
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        Assert.Contains("/account/accesso-negato", (await staff.Http.GetAsync("/gestione/aree")).Headers.Location?.OriginalString ?? "");
        var other = factory.NewClient();
        await other.AsCoordinatorOfAsync("brianza");
        var otherPage = await other.GetAsync("/gestione/aree");
        var foreign = await other.Http.PostAsync($"/gestione/aree?handler=Delete&areaId={inUse}", new FormUrlEncodedContent([new("__RequestVerificationToken", otherPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
