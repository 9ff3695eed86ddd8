using System.Globalization;
using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Network;

/// <summary>The coordinator's dashboard against direct counts of the database (the demo data has a year of registrations, cards and purchases).</summary>
public class DashboardTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    sealed record Expected(long Partners, long Opportunities, long Registrations, long Waiting, long CardsActive, long CardsIssued, long Redemptions);

    static long Figure(TestClient.Page page, string name)
    {
        var text = page.Document.QuerySelector($"[data-figure={name}]")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No figure {name}");
        return long.Parse(text.Split(' ')[0].Replace(".", ""), CultureInfo.InvariantCulture);
    }

    /// <summary>Straight from the tables, with the meaning the page states: the period is the last 12 Italian months.</summary>
    Task<Expected> CountAsync(string slug, Guid? comune, MonthPeriod period) => factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync();
        DateTime start = period.StartUtc, end = period.EndUtc, now = DateTime.UtcNow;
        var partners = await db.Partners.Where(p => p.NetworkId == network)
            .Where(p => comune == null || !db.PartnerComuni.Any(c => c.PartnerId == p.Id) || db.PartnerComuni.Any(c => c.PartnerId == p.Id && c.ComuneId == comune)).CountAsync();
        var reaching = db.Opportunities.Where(o => o.NetworkId == network)
            .Where(o => comune == null || !db.OpportunityComuni.Any(c => c.OpportunityId == o.Id) || db.OpportunityComuni.Any(c => c.OpportunityId == o.Id && c.ComuneId == comune));
        var opportunities = await reaching.CountAsync(o => o.Status == OpportunityStatus.Published);
        var sessions = db.OpportunitySessions.Where(s => reaching.Any(o => o.Id == s.OpportunityId)).Select(s => s.Id);
        var inPeriod = db.Registrations.Where(r => r.NetworkId == network && r.CreatedAt >= start && r.CreatedAt < end && sessions.Contains(r.SessionId));
        var cards = db.Cards.Where(c => c.NetworkId == network && (comune == null || c.ComuneId == comune));
        var shops = db.Shops.Where(s => s.NetworkId == network && (comune == null || s.ComuneId == comune)).Select(s => s.Id);
        return new Expected(partners, opportunities, await inPeriod.CountAsync(r => r.Status == RegistrationStatus.Confirmed), await inPeriod.CountAsync(r => r.Status == RegistrationStatus.Waiting),
            await cards.CountAsync(c => c.Status == CardStatus.Active && c.ValidUntil > now),
            await cards.CountAsync(c => c.IssuedAt >= start && c.IssuedAt < end),
            await db.Redemptions.CountAsync(r => r.NetworkId == network && r.At >= start && r.At < end && shops.Contains(r.ShopId)));
    });

    static void AssertShows(Expected expected, TestClient.Page page)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(expected, new Expected(Figure(page, "partners"), Figure(page, "opportunities"), Figure(page, "registrations"), Figure(page, "waiting"),
            Figure(page, "cards-active"), Figure(page, "cards-issued"), Figure(page, "redemptions")));
    }

    [Fact]
    public async Task The_figures_equal_direct_counts_for_the_network_and_for_one_Comune()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var period = MonthPeriod.Parse(null, null, TimeProvider.System).Period;

        var expected = await CountAsync("portogruaro", null, period);
        Assert.True(expected.Registrations > 0 && expected.CardsActive > 0 && expected.Redemptions > 0, "the demo data should give the dashboard something to count");
        var page = await client.GetAsync("/gestione");
        AssertShows(expected, page);

        // Each chart has its numbers in a table too, and the page says how long each section took.
        Assert.NotEmpty(page.Document.QuerySelectorAll("canvas[data-chart]"));
        foreach (var id in new[] { "partner-tipi", "opportunita-aree", "iscrizioni-mesi", "carta-mesi" })
            Assert.NotNull(page.Document.QuerySelector($"table#{id} caption"));
        var timing = string.Join(",", page.Response.Headers.GetValues("Server-Timing"));
        foreach (var section in new[] { "partners", "opportunities", "registrations", "cards", "redemptions", "pact", "plans", "tables" })
            Assert.Contains(section + ";dur=", timing);

        // The network-wide governance figures: pact adhesions to the version in force, active working tables and their meetings in the period.
        var (adhering, tables, meetings) = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var current = await db.PactVersions.Where(v => v.NetworkId == network && v.Status == Alleanza.Web.Modules.Network.Pact.PactVersionStatus.Published).Select(v => v.Number).FirstAsync();
            var activeTables = db.WorkingTables.Where(t => t.NetworkId == network && t.ArchivedAt == null).Select(t => t.Id);
            DateTime start = period.StartUtc, end = period.EndUtc, now = DateTime.UtcNow;
            return (await db.PactAdhesions.CountAsync(a => a.NetworkId == network && a.LivePartnerId != null && a.VersionNumber >= current),
                await activeTables.CountAsync(),
                await db.TableMeetings.CountAsync(m => activeTables.Contains(m.TableId) && m.StartsAt >= start && m.StartsAt < end && m.StartsAt < now));
        });
        Assert.True(adhering > 0 && tables > 0 && meetings > 0, "the demo data should have a pact, tables and meetings");
        Assert.Equal((adhering, tables, meetings), (Figure(page, "pact-adhering"), Figure(page, "tables"), Figure(page, "meetings")));
        Assert.NotEmpty(page.Document.QuerySelectorAll("table.plan-objectives tbody tr"));

        // The Comune with the most cards, so that the filter changes the figures.
        var comune = await factory.WithDbAsync(db => db.Cards.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "portogruaro"))
            .GroupBy(c => c.ComuneId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        var forComune = await CountAsync("portogruaro", comune, period);
        Assert.NotEqual(expected.CardsActive, forComune.CardsActive);
        AssertShows(forComune, await client.GetAsync($"/gestione?comune={comune}"));
    }

    [Fact]
    public async Task A_shorter_period_counts_only_its_months()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var twoMonths = MonthPeriod.Parse(null, null, TimeProvider.System).Period;
        twoMonths = twoMonths with { FromMonth = MonthPeriod.AddMonths(twoMonths.ToMonth, -1) };
        var page = await client.GetAsync($"/gestione?da={MonthPeriod.MonthValue(twoMonths.FromMonth)}&a={MonthPeriod.MonthValue(twoMonths.ToMonth)}");
        AssertShows(await CountAsync("portogruaro", null, twoMonths), page);
        Assert.Equal(2, page.Document.QuerySelectorAll("table#iscrizioni-mesi tbody tr").Length);
    }

    [Fact]
    public async Task Unusable_filters_fall_back_to_the_last_12_months_with_a_message()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var expected = await CountAsync("portogruaro", null, MonthPeriod.Parse(null, null, TimeProvider.System).Period);
        foreach (var query in new[] { "da=marzo&a=2026-13", "da=2026-06&a=2025-01", "da=2001-01&a=2026-01" })
        {
            var page = await client.GetAsync("/gestione?" + query);
            AssertShows(expected, page);
            Assert.Contains("mostriamo gli ultimi 12 mesi", page.Document.QuerySelector(".alert-warning")?.TextContent);
        }
        // A Comune id that is not a Guid is a bad request for the binder, not an error page.
        Assert.NotEqual(HttpStatusCode.InternalServerError, (await client.GetAsync("/gestione?comune=xyz")).Status);
    }

    [Fact]
    public async Task Another_networks_Comune_is_ignored_and_its_figures_never_shown()
    {
        var portogruaroComune = await factory.WithDbAsync(db => db.Comuni.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "portogruaro")).Select(c => c.Id).FirstAsync());
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");
        var period = MonthPeriod.Parse(null, null, TimeProvider.System).Period;
        var page = await client.GetAsync($"/gestione?comune={portogruaroComune}");
        AssertShows(await CountAsync("brianza", null, period), page);
        Assert.DoesNotContain("Portogruar", page.Document.QuerySelector("main")!.TextContent.Replace("Portogruarese", ""));
    }
}
