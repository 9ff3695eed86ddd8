using System.Globalization;
using System.Net;
using System.Text;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.FamilyCard;

/// <summary>
/// The statistics pages against direct counts of the database: the coordinator's figures (cards issued per month in
/// Italy, active now, purchases and discounts from the monthly sums), the merchant's own shops only, the CSV files.
/// </summary>
public class StatisticsTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string CoordinatorPage = "/gestione/carta-famiglia/statistiche";
    const string MerchantPage = "/esercente/statistiche";

    static int Month(DateTime utc) { var r = utc.ToRome(); return r.Year * 100 + r.Month; }
    static int ThisMonth => Month(DateTime.UtcNow);
    static int MonthsAgo(int n) => MonthPeriod.AddMonths(ThisMonth, -n);

    sealed record Setup(Guid Network, Guid MerchantPartner, Guid OtherPartner, Guid ComuneA, Guid ComuneB, Guid OwnShopFood, Guid OwnShopBooks, Guid OtherShop,
        string OwnFoodName, string OwnBooksName, string OtherName);

    /// <summary>Portogruaro: two shops of the demo merchant's partner, one of another partner (its name looks like a formula), monthly sums in and out of the default period, and one household with cards.</summary>
    async Task<Setup> SetUpAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var setup = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var merchant = await db.Memberships.Where(m => m.User!.Email == "esercente@portogruaro.demo" && m.Role == NetworkRole.Merchant).Select(m => m.PartnerId!.Value).FirstAsync();
            var other = await db.Partners.Where(p => p.NetworkId == network && p.Id != merchant).Select(p => p.Id).FirstAsync();
            var comuni = await db.Comuni.Where(c => c.NetworkId == network).OrderBy(c => c.Name).Select(c => c.Id).Take(2).ToListAsync();
            var s = new Setup(network, merchant, other, comuni[0], comuni[1], Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
                $"Bottega {tag}", $"Cartoleria {tag}", $"=SOMMA(A1) {tag}");
            var now = DateTime.UtcNow;
            Shop ShopOf(Guid id, Guid partner, string name, ShopCategory category, Guid comune) => new()
            {
                Id = id, NetworkId = network, PartnerId = partner, Name = name, NameKey = name.ToLowerInvariant(), Address = "Via Roma 1", ComuneId = comune,
                Category = category, CreatedAt = now, UpdatedAt = now,
            };
            db.Shops.AddRange(ShopOf(s.OwnShopFood, merchant, s.OwnFoodName, ShopCategory.Food, s.ComuneA), ShopOf(s.OwnShopBooks, merchant, s.OwnBooksName, ShopCategory.Books, s.ComuneB),
                ShopOf(s.OtherShop, other, s.OtherName, ShopCategory.Food, s.ComuneB));
            RedemptionMonth Sum(Guid shop, int month, long count, long discount, long purchase) =>
                new() { ShopId = shop, Month = month, NetworkId = network, Count = count, DiscountCents = discount, PurchaseCents = purchase };
            db.RedemptionMonths.AddRange(
                Sum(s.OwnShopFood, ThisMonth, 3, 450, 4500), Sum(s.OwnShopFood, MonthsAgo(1), 2, 199, 2000),
                Sum(s.OwnShopBooks, MonthsAgo(11), 5, 1000, 10000),
                Sum(s.OwnShopBooks, MonthsAgo(12), 7, 700, 7000), // outside the default 12 months
                Sum(s.OtherShop, ThisMonth, 11, 1234, 12340));

            // A household with four cards: issued this month and last month, one suspended, one expired, one issued long ago.
            var email = $"stat-{tag}@esempio.it";
            var household = TestFamilies.AddHousehold(db, network, s.ComuneA, email, now);
            void CardOf(DateTime issued, DateTime until, CardStatus status, Guid comune) =>
                TestFamilies.AddCard(db, network, household.Id, comune, "Maria", "Rossi", status, issued, until);
            CardOf(now.AddMinutes(-5), now.AddYears(3), CardStatus.Active, s.ComuneA);
            CardOf(MonthPeriod.MonthStartUtc(MonthsAgo(1)).AddHours(1), now.AddYears(3), CardStatus.Active, s.ComuneB);
            CardOf(now.AddMinutes(-10), now.AddYears(3), CardStatus.Suspended, s.ComuneA);
            CardOf(now.AddYears(-4), now.AddDays(-1), CardStatus.Active, s.ComuneA);
            CardOf(now.AddYears(-2), now.AddYears(1), CardStatus.Active, s.ComuneB);
            await db.SaveChangesAsync();
            return s;
        });
        return setup;
    }

    /// <summary>What the page should say, counted the plain way: every row of the network, months worked out in C#.</summary>
    async Task<(long Issued, long Active, long Redemptions, long Discount)> ExpectedAsync(Guid network, int from, int to, Guid? comune = null, IReadOnlyList<Guid>? partners = null) =>
        await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var cards = await db.Cards.Where(c => c.NetworkId == network && (comune == null || c.ComuneId == comune)).Select(c => new { c.IssuedAt, c.ValidUntil, c.Status }).ToListAsync();
            var shops = await db.Shops.Where(s => s.NetworkId == network && (comune == null || s.ComuneId == comune)).Select(s => new { s.Id, s.PartnerId }).ToListAsync();
            var shopIds = shops.Where(s => partners == null || partners.Contains(s.PartnerId)).Select(s => s.Id).ToHashSet();
            var months = (await db.RedemptionMonths.Where(m => m.NetworkId == network).ToListAsync()).Where(m => shopIds.Contains(m.ShopId) && m.Month >= from && m.Month <= to).ToList();
            return (cards.LongCount(c => Month(c.IssuedAt) >= from && Month(c.IssuedAt) <= to), cards.LongCount(c => c.Status == CardStatus.Active && c.ValidUntil > now),
                months.Sum(m => m.Count), months.Sum(m => m.DiscountCents));
        });

    static long Figure(TestClient.Page page, string name)
    {
        var text = page.Document.QuerySelector($"[data-figure='{name}']")?.TextContent ?? throw new Xunit.Sdk.XunitException($"no figure {name} on the page");
        text = text.Replace("€", "").Replace(".", "").Replace(",", "").Trim();
        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_coordinator_sees_the_same_figures_as_a_direct_count_with_charts_and_filters()
    {
        var s = await SetUpAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");

        var page = await client.GetAsync(CoordinatorPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var expected = await ExpectedAsync(s.Network, MonthsAgo(11), ThisMonth);
        Assert.Equal(expected.Issued, Figure(page, "cards-issued"));
        Assert.Equal(expected.Active, Figure(page, "cards-active"));
        Assert.Equal(expected.Redemptions, Figure(page, "redemptions"));
        Assert.Equal(expected.Discount, Figure(page, "discount"));
        // Our rows are in it: 2 cards issued in the period (the suspended one too), 3 + 2 + 5 + 11 purchases.
        Assert.True(expected.Issued >= 3 && expected.Redemptions >= 21);
        Assert.Contains("Alimentari", page.Document.QuerySelector("#acquisti-categorie")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector("canvas[data-chart]"));
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/charts.'][src$='.js']")); // fingerprinted: /js/charts.HASH.js
        Assert.All(page.Document.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));

        // One Comune and a longer period: the month 12 months ago is counted now.
        var filtered = await client.GetAsync($"{CoordinatorPage}?da={MonthPeriod.MonthValue(MonthsAgo(12))}&a={MonthPeriod.MonthValue(ThisMonth)}&comune={s.ComuneB}");
        var expectedB = await ExpectedAsync(s.Network, MonthsAgo(12), ThisMonth, s.ComuneB);
        Assert.Equal(expectedB.Redemptions, Figure(filtered, "redemptions"));
        Assert.Equal(expectedB.Issued, Figure(filtered, "cards-issued"));
        Assert.Equal(expectedB.Active, Figure(filtered, "cards-active"));
        Assert.True(expectedB.Redemptions >= 5 + 7 + 11);

        // Nonsense in the filter: a message and the default period, never an error page.
        var wrong = await client.GetAsync($"{CoordinatorPage}?da=2026-13&a=ieri&comune={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("ultimi 12 mesi", wrong.Text);
        Assert.Equal(expected.Redemptions, Figure(wrong, "redemptions"));

        // A period with nothing in it: the empty state, in Italian.
        var empty = await client.GetAsync($"{CoordinatorPage}?da=2001-01&a=2001-12");
        Assert.Contains("Nessun acquisto", empty.Text);
        Assert.Equal(0, Figure(empty, "cards-issued"));
    }

    [Fact]
    public async Task A_deleted_shop_takes_its_purchases_out_of_the_network_figures()
    {
        var s = await SetUpAsync();
        var merchant = factory.NewClient();
        await merchant.SignInOrFailAsync("esercente@portogruaro.demo");
        await merchant.ChooseNetworkAsync("portogruaro");
        var confirm = await merchant.GetAsync($"/esercente/negozi/{s.OwnShopFood}/elimina");
        Assert.Contains("eliminato", (await merchant.SubmitAsync(confirm, new Dictionary<string, string?>(), "main form", follow: true)).Text);
        Assert.False(await factory.WithDbAsync(db => db.RedemptionMonths.AnyAsync(m => m.ShopId == s.OwnShopFood)));

        // The coordinator's page and the dashboard (both read the network's monthly sums) count the remaining shops only.
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var expected = await ExpectedAsync(s.Network, MonthsAgo(11), ThisMonth);
        Assert.Equal(expected.Redemptions, Figure(await coordinator.GetAsync(CoordinatorPage), "redemptions"));
        Assert.Equal(expected.Redemptions, Figure(await coordinator.GetAsync("/gestione"), "redemptions"));
    }

    [Fact]
    public async Task The_coordinator_downloads_csv_files_with_the_numbers_and_defused_formulas()
    {
        var s = await SetUpAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var period = $"&da={MonthPeriod.MonthValue(MonthsAgo(11))}&a={MonthPeriod.MonthValue(ThisMonth)}";

        var response = await client.Http.GetAsync($"{CoordinatorPage}?handler=Csv&tipo=negozi{period}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("negozio;esercente;categoria;comune;acquisti;sconto_euro;spesa_euro", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{s.OwnFoodName};", StringComparison.Ordinal) && l.EndsWith(";5;6.49;65.00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"'{s.OtherName};", StringComparison.Ordinal) && l.EndsWith(";11;12.34;123.40", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('='));

        var months = Encoding.UTF8.GetString(await client.Http.GetByteArrayAsync($"{CoordinatorPage}?handler=Csv&tipo=mesi{period}")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, months.Length); // header + 12 months, zeros included
        var expected = await ExpectedAsync(s.Network, MonthsAgo(11), ThisMonth);
        Assert.Equal(expected.Redemptions, months.Skip(1).Sum(l => long.Parse(l.Split(';')[1], CultureInfo.InvariantCulture)));

        var cards = Encoding.UTF8.GetString(await client.Http.GetByteArrayAsync($"{CoordinatorPage}?handler=Csv&tipo=carte{period}")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("comune;", cards[0]);
        Assert.EndsWith(";emesse_nel_periodo;attive_oggi", cards[0]);
        Assert.Equal(expected.Issued, cards.Skip(1).Sum(l => long.Parse(l.Split(';')[^2], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Active, cards.Skip(1).Sum(l => long.Parse(l.Split(';')[^1], CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"{CoordinatorPage}?handler=Csv&tipo=altro")).StatusCode);
    }

    [Fact]
    public async Task A_merchant_sees_and_downloads_only_the_shops_of_its_own_partner()
    {
        var s = await SetUpAsync();
        var client = factory.NewClient();
        await client.SignInOrFailAsync("esercente@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");

        var page = await client.GetAsync(MerchantPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var expected = await ExpectedAsync(s.Network, MonthsAgo(11), ThisMonth, partners: [s.MerchantPartner]);
        Assert.Equal(expected.Redemptions, Figure(page, "redemptions"));
        Assert.Equal(expected.Discount, Figure(page, "discount"));
        Assert.Contains(s.OwnFoodName, page.Html);
        Assert.Contains(s.OwnBooksName, page.Html);
        Assert.DoesNotContain(s.OtherName, page.Html);
        Assert.Empty(page.Document.QuerySelectorAll("[data-figure='cards-issued']"));

        var csv = Encoding.UTF8.GetString(await client.Http.GetByteArrayAsync($"{MerchantPage}?handler=Csv&tipo=negozi")).TrimStart('\uFEFF');
        Assert.Contains($"{s.OwnBooksName};", csv);
        Assert.DoesNotContain(s.OtherName, csv);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Redemptions, lines.Skip(1).Sum(l => long.Parse(l.Split(';')[^3], CultureInfo.InvariantCulture)));

        // The other network's merchant, in a year with nothing recorded: the empty state.
        var brianza = factory.NewClient();
        await brianza.SignInOrFailAsync("esercente@brianza.demo");
        await brianza.ChooseNetworkAsync("brianza");
        var none = await brianza.GetAsync(MerchantPage + "?da=2005-01&a=2005-12");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("Nessun acquisto", none.Text);
        Assert.DoesNotContain(s.OwnFoodName, none.Html);
    }

    /// <summary>
    /// On PostgreSQL the coordinator's reads turn parallel workers off on their connections: the setting must not stay
    /// on a connection that goes back to the pool (the next request, of any page, would run without them). Each
    /// connection the pool hands out afterwards, as many at once as could have been used, has the server's setting.
    /// </summary>
    [Fact]
    public async Task The_coordinators_figures_leave_the_pooled_connections_as_they_found_them()
    {
        var setup = await SetUpAsync();
        for (var round = 0; round < 3; round++)
        {
            using var scope = factory.Services.CreateScope();
            var statistics = scope.ServiceProvider.GetRequiredService<CardStatistics>();
            var (filter, error) = statistics.ParseFilter(null, null, null);
            Assert.Null(error);
            var figures = await statistics.RedemptionsAsync(setup.Network, filter, withShops: false);
            Assert.True(figures.Total.Count >= 21); // the 21 purchases of SetUpAsync in the last 12 months, and the demo's
        }
        if (factory.Provider != DatabaseProvider.Postgres) return; // SQLite has no such setting

        var scopes = Enumerable.Range(0, 12).Select(_ => factory.Services.CreateAsyncScope()).ToList();
        try
        {
            var settings = await Task.WhenAll(scopes.Select(async s =>
            {
                var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                return await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync();
            }));
            Assert.All(settings, value => Assert.NotEqual("0", value));
        }
        finally
        {
            foreach (var s in scopes) await s.DisposeAsync();
        }
    }
}
