using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Platform;

/// <summary>«La mia area»: each person lands on a home made of their roles' sections, and the header leads to their work.</summary>
public class PersonalHomeTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static IReadOnlyList<string> Sections(TestClient.Page page) =>
        page.Document.QuerySelectorAll("main section.home-section h2").Select(h => h.ChildNodes.First().TextContent.Trim()).ToList();

    static IReadOnlyList<string> MainNavigation(TestClient.Page page) =>
        page.Document.QuerySelectorAll("#menu-principale a.nav-link").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Signing_in_lands_on_the_personal_home_unless_the_person_was_going_elsewhere()
    {
        var client = factory.NewClient();
        var result = await client.SignInAsync("famiglia@portogruaro.demo");
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/la-mia-area", result.Location);

        var other = factory.NewClient();
        var login = await other.GetAsync("/account/accedi?returnUrl=%2Fopportunita%3Fq%3Dnuoto");
        var back = await other.SubmitAsync(login, new Dictionary<string, string?> { ["Input.Email"] = "famiglia@portogruaro.demo", ["Input.Password"] = Alleanza.Web.Demo.DemoData.Password });
        Assert.Equal("/opportunita?q=nuoto", back.Location);

        var anonymous = await factory.NewClient().GetAsync("/la-mia-area");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.Contains("/account/accedi", anonymous.Location);
    }

    public static TheoryData<string, string[], string[], string[]> Roles => new()
    {
        // who, sections of their home, header entries they get, header entries they must not get
        { "famiglia@portogruaro.demo", ["Le mie iscrizioni", "La mia Carta Famiglia"], ["La mia area"], ["Area esercente", "Ufficio Carta Famiglia", "Pubblica", "Gestione rete", "Amministrazione"] },
        { "esercente@portogruaro.demo", ["Area esercente"], ["La mia area", "Area esercente"], ["Ufficio Carta Famiglia", "Pubblica", "Gestione rete"] },
        { "comune@portogruaro.demo", ["Ufficio Carta Famiglia", "Piano Family"], ["La mia area", "Ufficio Carta Famiglia"], ["Area esercente", "Pubblica", "Gestione rete"] },
        { "referente@portogruaro.demo", ["Le opportunità del mio ente"], ["La mia area", "Pubblica"], ["Area esercente", "Ufficio Carta Famiglia", "Gestione rete"] },
        { "coordinatore@portogruaro.demo", ["Coordinamento della rete"], ["La mia area", "Pubblica", "Gestione rete"], ["Area esercente", "Amministrazione"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_finds_its_sections_and_its_way_from_the_header(string email, string[] sections, string[] entries, string[] notEntries)
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email);
        await client.ChooseNetworkAsync("portogruaro");
        var home = await client.GetAsync("/la-mia-area");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        var shown = Sections(home);
        foreach (var s in sections) Assert.Contains(s, shown);
        var navigation = MainNavigation(home);
        foreach (var e in entries) Assert.Contains(e, navigation);
        foreach (var e in notEntries) Assert.DoesNotContain(e, navigation);
        // Every link of the home opens for this person (no dead end, no page they may not see).
        var links = home.Document.QuerySelectorAll("main section.home-section a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var page = await client.GetAsync(link);
            Assert.True(page.Status == HttpStatusCode.OK, $"{email}: {link} → {(int)page.Status}");
        }
    }

    [Fact]
    public async Task The_family_finds_its_cards_and_its_next_registrations()
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync("famiglia@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");
        var home = await client.GetAsync("/la-mia-area");
        var (cards, upcoming) = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var household = await db.Households.Where(h => h.OwnerUserId == user).Select(h => h.Id).FirstAsync();
            var cards = await db.Cards.Where(c => c.HouseholdId == household && c.Status != CardStatus.Replaced).Select(c => c.Id).ToListAsync();
            var now = DateTime.UtcNow;
            var upcoming = await db.Registrations.CountAsync(r => r.UserId == user && r.Status != RegistrationStatus.Cancelled
                && db.OpportunitySessions.Any(s => s.Id == r.SessionId && s.StartsAt >= now));
            return (cards, upcoming);
        });
        Assert.NotEmpty(cards);
        var cardLinks = home.Document.QuerySelectorAll("a[href^='/carta-famiglia/carte/']").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToHashSet();
        Assert.Equal(cards.ToHashSet(), cardLinks);
        var shownRegistrations = home.Document.QuerySelectorAll("a[href^='/opportunita/']").Count(a => a.Closest("section")!.TextContent.Contains("Le mie iscrizioni")) ;
        Assert.True(upcoming == 0 ? shownRegistrations == 0 : shownRegistrations > 0, $"{upcoming} upcoming, {shownRegistrations} shown");
        if (upcoming > 3) Assert.Contains($"Tutte le mie iscrizioni ({upcoming})", home.Text);
    }

    [Fact]
    public async Task The_officer_and_the_coordinator_see_what_waits_for_them_as_the_database_counts_it()
    {
        var (officerComune, waitingInComune, waitingInNetwork, offers, opportunities) = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var officer = await db.Users.Where(u => u.Email == "comune@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var comune = await db.Memberships.Where(m => m.UserId == officer && m.NetworkId == network && m.Role == NetworkRole.MunicipalOfficer).Select(m => m.ComuneId).FirstAsync();
            return (comune, await db.CardApplications.CountAsync(a => a.NetworkId == network && a.ComuneId == comune && a.Status == ApplicationStatus.Submitted),
                await db.CardApplications.CountAsync(a => a.NetworkId == network && a.Status == ApplicationStatus.Submitted),
                await db.Offers.CountAsync(o => o.NetworkId == network && o.Status == OfferStatus.Submitted),
                await db.Opportunities.CountAsync(o => o.NetworkId == network && o.Status == OpportunityStatus.Submitted));
        });
        Assert.NotNull(officerComune);

        var officer = factory.NewClient();
        await officer.SignInOrFailAsync("comune@portogruaro.demo");
        await officer.ChooseNetworkAsync("portogruaro");
        var home = await officer.GetAsync("/la-mia-area");
        var office = home.Document.QuerySelectorAll("section.home-section").Single(s => s.QuerySelector("h2")!.TextContent.Contains("Ufficio Carta Famiglia")).TextContent;
        Assert.Contains(waitingInComune switch { 0 => "Nessuna domanda di Carta Famiglia in attesa", 1 => "1 domanda in attesa", var n => $"{n} domande in attesa" }, office);

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var todo = (await coordinator.GetAsync("/la-mia-area")).Document.QuerySelectorAll("section.home-section")
            .Single(s => s.QuerySelector("h2")!.TextContent.Contains("Coordinamento della rete")).TextContent;
        if (waitingInNetwork + offers + opportunities == 0) Assert.Contains("Non c'è niente in attesa", todo);
        if (offers > 0) Assert.Contains($"{offers} {(offers == 1 ? "convenzione" : "convenzioni")} da approvare", todo);
        if (waitingInNetwork > 0) Assert.Contains($"{waitingInNetwork} {(waitingInNetwork == 1 ? "domanda" : "domande")} di Carta Famiglia in attesa", todo);
        if (opportunities > 0) Assert.Contains($"{opportunities} opportunità da rivedere", todo);
    }

    [Fact]
    public async Task A_family_finds_its_network_by_the_name_of_its_Comune()
    {
        var client = factory.NewClient();
        var found = await client.GetAsync("/reti?comune=concordia%20sagittaria");
        var names = found.Document.QuerySelectorAll("main .card-title").Select(t => t.TextContent.Trim()).ToList();
        var expected = await factory.WithDbAsync(db => db.Networks.Where(n => n.Comuni.Any(c => c.Name == "Concordia Sagittaria")).Select(n => n.Name).ToListAsync());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), names.Order());
        Assert.Contains("Comprende Concordia Sagittaria", found.Text);

        var none = await client.GetAsync("/reti?comune=Atlantide");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Empty(none.Document.QuerySelectorAll("main .card-title"));
        Assert.Contains("Nessuna rete comprende un Comune che si chiama «Atlantide»", none.Text);

        var all = await client.GetAsync("/reti");
        Assert.Equal(await factory.WithDbAsync(db => db.Networks.CountAsync()), all.Document.QuerySelectorAll("main .card-title").Length);
    }

    [Fact]
    public async Task The_home_page_offers_a_search_and_the_next_dates_of_published_opportunities()
    {
        var client = factory.NewClient();
        var home = await client.GetAsync("/?rete=portogruaro");
        Assert.NotNull(home.Document.QuerySelector("form[action='/opportunita'] input[name=q]"));
        var shown = home.Document.QuerySelectorAll(".home-week a[href^='/opportunita/']").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToList();
        Task<List<Guid>> WithinAsync(int days) => factory.WithDbAsync(db =>
        {
            var now = DateTime.UtcNow;
            return db.OpportunitySessions.Where(s => s.StartsAt >= now && s.StartsAt < now.AddDays(days)
                    && db.Opportunities.Any(o => o.Id == s.OpportunityId && o.Status == OpportunityStatus.Published && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro")))
                .Select(s => s.OpportunityId).Distinct().ToListAsync();
        });
        // This week's dates; when there are none, those of the next five weeks.
        var upcoming = await WithinAsync(7);
        if (upcoming.Count == 0) upcoming = await WithinAsync(35);
        Assert.Equal(Math.Min(6, upcoming.Count), shown.Count);
        Assert.All(shown, id => Assert.Contains(id, upcoming));
        Assert.Equal(shown.Count, shown.Distinct().Count());
        if (upcoming.Count == 0) Assert.Contains("Nessuna attività in calendario", home.Text);
    }
}
