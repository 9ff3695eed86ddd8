using System.Globalization;
using System.Runtime.InteropServices;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using static Alleanza.Web.Platform.Statistics.MonthPeriod;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Family Card statistics for the coordinator (the whole network) and for merchants (their own shops only).
/// Redemption figures come from <see cref="RedemptionMonth"/> (per shop and month, kept by <see cref="VerifyCard"/>)
/// joined to the shops: the millions of <see cref="Redemption"/> rows are never read. Card figures count
/// <see cref="Card"/> rows: issued per Comune and month (months in Europe/Rome), active now per Comune.
/// Money is in euro cents.
/// </summary>
public sealed class CardStatistics(AppDbContext db, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long each part of this request's figures took, for the page's Server-Timing header.</summary>
    public SectionTimings Timings { get; } = new();

    /// <summary>A period of whole months and an optional Comune.</summary>
    public sealed record Filter(MonthPeriod Period, Guid? ComuneId)
    {
        public int FromMonth => Period.FromMonth;
        public int ToMonth => Period.ToMonth;
        public IReadOnlyList<int> Months => Period.Months;
    }

    public sealed record Figures(long Count, long DiscountCents, long PurchaseCents)
    {
        public static readonly Figures Zero = new(0, 0, 0);
    }

    public sealed record Line(string Key, string Name, Figures Figures);

    public sealed record ShopLine(Guid ShopId, string Shop, Guid PartnerId, string Partner, ShopCategory Category, Guid ComuneId, string Comune, Figures Figures);

    /// <summary>Redemptions in the period: per month (every month of the period, zeros included), per merchant, category, Comune and shop.</summary>
    public sealed record RedemptionFigures(Figures Total, IReadOnlyList<Line> ByMonth, IReadOnlyList<Line> ByPartner, IReadOnlyList<Line> ByCategory,
        IReadOnlyList<Line> ByComune, IReadOnlyList<ShopLine> ByShop);

    public sealed record ComuneCards(Guid ComuneId, string Comune, IReadOnlyList<long> IssuedPerMonth, long Issued, long Active);

    /// <summary>Cards issued per month of the period (and per Comune × month), active now per Comune.</summary>
    public sealed record CardFigures(IReadOnlyList<int> Months, IReadOnlyList<long> IssuedPerMonth, long Issued, long Active, IReadOnlyList<ComuneCards> ByComune);

    /// <summary>The Comuni of the network, for the filter.</summary>
    public Task<List<(Guid Id, string Name)>> ComuniAsync(Guid networkId, CancellationToken cancel = default) => db.ComuniOfAsync(networkId, cancel);

    /// <summary>The filter from the query string (see <see cref="MonthPeriod.Parse"/>), with the error to show when the input is unusable.</summary>
    public (Filter Filter, string? Error) ParseFilter(string? from, string? to, Guid? comuneId)
    {
        var (period, error) = MonthPeriod.Parse(from, to, clock);
        return (new Filter(period, comuneId), error);
    }

    /// <summary>
    /// Redemptions of the network in the period, from the monthly sums. With <paramref name="partnerIds"/>, only the
    /// shops of those partners (a merchant's own data). Without <paramref name="withShops"/>, <see cref="RedemptionFigures.ByShop"/>
    /// is empty: the shops' names are neither read nor sorted (the coordinator's page shows no list of shops, only its CSV).
    /// </summary>
    public async Task<RedemptionFigures> RedemptionsAsync(Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds = null,
        bool withShops = true, CancellationToken cancel = default)
    {
        // Independent reads, side by side, each on a context of its own (see OnOwnContextAsync).
        // The monthly rows of the period (one per shop and month: a few hundred thousand at regional scale) are summed in
        // the database, once per shop and once per month; only those sums travel.
        var shopSums = OnOwnContextAsync("shop-sums", c => MonthRowsOf(c, networkId, filter, partnerIds).GroupBy(m => m.ShopId)
            .Select(g => new ShopSums(g.Key, new Sums(g.Sum(m => m.Count), g.Sum(m => m.DiscountCents), g.Sum(m => m.PurchaseCents))))
            .ToListAsync(cancel));
        var monthSums = OnOwnContextAsync("month-sums", c => MonthlyTotalsAsync(c, networkId, filter, partnerIds, cancel));
        var names = OnOwnContextAsync("names", async c =>
        {
            var shops = ShopsOf(c, networkId, filter, partnerIds);
            var facts = await shops.Select(s => new ShopFacts(s.Id, s.PartnerId, s.Category, s.ComuneId)).ToListAsync(cancel);
            var shopNames = withShops ? await shops.Select(s => new { s.Id, s.Name, s.NameKey }).ToDictionaryAsync(s => s.Id, s => (s.Name, s.NameKey), cancel) : null;
            var shown = facts.Select(s => s.PartnerId).Distinct().ToList();
            var partners = c.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
            if (shown.Count <= 50) partners = partners.Where(p => shown.Contains(p.Id));
            var partnerNames = shown.Count == 0 ? [] : await partners.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancel);
            var comuneNames = (await c.ComuniOfAsync(networkId, cancel)).ToDictionary(x => x.Id, x => x.Name);
            return (facts, shopNames, partnerNames, comuneNames);
        });
        var perShop = await shopSums;
        var perMonth = await monthSums;
        var (facts, shopNames, partnerNames, comuneNames) = await names;
        var grouping = System.Diagnostics.Stopwatch.GetTimestamp();

        // Summed in place per merchant, category and Comune: 20,000 shops at regional scale, so no object per shop
        // unless the shops are listed.
        var byShop = new Dictionary<Guid, Sums>(perShop.Count);
        var total = default(Sums);
        foreach (var (shopId, sums) in perShop)
        {
            byShop[shopId] = sums;
            total.Add(sums);
        }
        var byPartner = new Dictionary<Guid, Sums>();
        var byCategory = new Dictionary<ShopCategory, Sums>();
        var byComune = new Dictionary<Guid, Sums>();
        var shopLines = new List<ShopLine>(withShops ? facts.Count : 0);
        foreach (var shop in facts)
        {
            if (!byShop.TryGetValue(shop.Id, out var sums)) continue;
            CollectionsMarshal.GetValueRefOrAddDefault(byPartner, shop.PartnerId, out _).Add(sums);
            CollectionsMarshal.GetValueRefOrAddDefault(byCategory, shop.Category, out _).Add(sums);
            CollectionsMarshal.GetValueRefOrAddDefault(byComune, shop.ComuneId, out _).Add(sums);
            if (shopNames is not null)
                shopLines.Add(new ShopLine(shop.Id, shopNames[shop.Id].Name, shop.PartnerId, partnerNames.GetValueOrDefault(shop.PartnerId, "—"), shop.Category,
                    shop.ComuneId, comuneNames.GetValueOrDefault(shop.ComuneId, "—"), sums.Figures));
        }

        List<Line> Lines<TKey>(Dictionary<TKey, Sums> sums, Func<TKey, string> name) where TKey : notnull =>
            MostFirst(sums.Select(kv => new Line(kv.Key.ToString()!, name(kv.Key), kv.Value.Figures)), l => l.Figures.Count, l => l.Name);

        var result = new RedemptionFigures(total.Figures,
            filter.Months.Zip(perMonth).Select(x => new Line(x.First.ToString(CultureInfo.InvariantCulture), MonthName(x.First), x.Second)).ToList(),
            Lines(byPartner, id => partnerNames.GetValueOrDefault(id, "—")),
            Lines(byCategory, CategoryName),
            Lines(byComune, id => comuneNames.GetValueOrDefault(id, "—")),
            shopNames is null ? [] : MostFirst(shopLines, l => l.Figures.Count, l => l.Shop, shopNames.Values.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => s.NameKey)));
        Timings.Add("grouping", System.Diagnostics.Stopwatch.GetElapsedTime(grouping).TotalMilliseconds);
        return result;
    }

    /// <summary>Redemption sums being added up (a struct: one per shop at regional scale).</summary>
    struct Sums(long count, long discountCents, long purchaseCents)
    {
        long count = count, discountCents = discountCents, purchaseCents = purchaseCents;

        public void Add(Sums other)
        {
            count += other.count;
            discountCents += other.discountCents;
            purchaseCents += other.purchaseCents;
        }

        public readonly Figures Figures => new(count, discountCents, purchaseCents);
    }

    readonly record struct ShopSums(Guid ShopId, Sums Sums);

    /// <summary>What the figures need of a shop.</summary>
    readonly record struct ShopFacts(Guid Id, Guid PartnerId, ShopCategory Category, Guid ComuneId);

    static readonly StringComparer Italian = StringComparer.Create(RomeTime.Italian, ignoreCase: true);

    /// <summary>Most first, then in Italian alphabetical order (<see cref="ItalianNames"/>).</summary>
    static List<T> MostFirst<T>(IEnumerable<T> lines, Func<T, long> count, Func<T, string> name, IReadOnlyDictionary<string, string>? knownKeys = null) =>
        lines.OrderByDescending(count).ThenBy(name, new ItalianNames(knownKeys)).ToList();

    /// <summary>
    /// Italian alphabetical order, cheaply. Comparing two names the Italian way (ICU) costs far more than comparing
    /// numbers, and the 10,000 merchants or 20,000 shops of a region have many equal counts: names compare by their
    /// search keys (lower case, no accents: the shops' stored <see cref="Shop.NameKey"/>, or made when a name first
    /// ties), ordinally, which for names gives the same order; only names with equal keys are compared the Italian way.
    /// </summary>
    sealed class ItalianNames(IReadOnlyDictionary<string, string>? known) : IComparer<string>
    {
        readonly Dictionary<string, string> made = new(StringComparer.Ordinal);

        public int Compare(string? x, string? y)
        {
            var byKey = string.CompareOrdinal(Key(x ?? ""), Key(y ?? ""));
            return byKey != 0 ? byKey : Italian.Compare(x, y);
        }

        string Key(string name)
        {
            if (known is not null && known.TryGetValue(name, out var key)) return key;
            if (!made.TryGetValue(name, out key)) made[name] = key = Text.SearchKey(name);
            return key;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a context of its own (a scope of its own) on the thread pool, timed as
    /// <paramref name="section"/>. On the pool because SQLite's "async" calls run synchronously: started from here they
    /// would run one after the other. On PostgreSQL without parallel workers: a big aggregate would otherwise take three
    /// processes and, beside the other reads, the cores would be shared by more processes than they can run (at regional
    /// scale, per round: 237 ms one after the other with workers, 195 side by side with workers, 162 side by side
    /// without). The setting lasts until the connection goes back to the pool: Npgsql resets it there (its reset keeps the prepared statements, not the settings; a test checks).
    /// </summary>
    Task<T> OnOwnContextAsync<T>(string section, Func<AppDbContext, Task<T>> work) => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Timings.TimeAsync(section, async () =>
        {
            if (context.Database.IsNpgsql())
            {
                await context.Database.OpenConnectionAsync();
                await context.Database.ExecuteSqlRawAsync("SET max_parallel_workers_per_gather = 0");
            }
            return await work(context);
        });
    });

    /// <summary>Redemptions per month of the period (zeros included), summed in the database from the monthly rollup.</summary>
    public Task<IReadOnlyList<Figures>> MonthlyTotalsAsync(Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds = null, CancellationToken cancel = default) =>
        MonthlyTotalsAsync(db, networkId, filter, partnerIds, cancel);

    static async Task<IReadOnlyList<Figures>> MonthlyTotalsAsync(AppDbContext db, Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds, CancellationToken cancel)
    {
        var rows = await MonthRowsOf(db, networkId, filter, partnerIds).GroupBy(m => m.Month)
            .Select(g => new { Month = g.Key, Count = g.Sum(m => m.Count), Discount = g.Sum(m => m.DiscountCents), Purchase = g.Sum(m => m.PurchaseCents) })
            .ToDictionaryAsync(r => r.Month, r => new Figures(r.Count, r.Discount, r.Purchase), cancel);
        return filter.Months.Select(m => rows.GetValueOrDefault(m, Figures.Zero)).ToList();
    }

    /// <summary>The network's shops in the filter's Comune; with <paramref name="partnerIds"/>, only those partners' (a merchant's own).</summary>
    static IQueryable<Shop> ShopsOf(AppDbContext db, Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds)
    {
        var shops = db.Shops.AsNoTracking().Where(s => s.NetworkId == networkId);
        if (partnerIds is not null)
        {
            var ids = partnerIds.ToList();
            shops = shops.Where(s => ids.Contains(s.PartnerId));
        }
        return filter.ComuneId is Guid comune ? shops.Where(s => s.ComuneId == comune) : shops;
    }

    /// <summary>The monthly sums of the period for the shops of <see cref="ShopsOf"/>.</summary>
    static IQueryable<RedemptionMonth> MonthRowsOf(AppDbContext db, Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds)
    {
        var rows = db.RedemptionMonths.AsNoTracking().Where(m => m.Month >= filter.FromMonth && m.Month <= filter.ToMonth);
        // Every shop of the network: the rows say their network, so no join with the shops (20,000 at regional scale) is needed.
        if (filter.ComuneId is null && partnerIds is null) return rows.Where(m => m.NetworkId == networkId);
        // Otherwise the few shops first (of the network), then their rows by the key (ShopId, Month). No condition on the
        // rows' network here: SQLite's sampled statistics would then prefer walking the network's rows by month.
        var shops = ShopsOf(db, networkId, filter, partnerIds).Select(s => s.Id);
        return rows.Where(m => shops.Contains(m.ShopId));
    }

    /// <summary>
    /// Cards of the network: issued in each month of the period per Comune, and active now (status active, not expired)
    /// per Comune. Both come from <see cref="CardMonth"/>; only the cards whose validity ends this month are counted one
    /// by one (the month's counts cannot tell those already expired today).
    /// </summary>
    public async Task<CardFigures> CardsAsync(Guid networkId, Filter filter, CancellationToken cancel = default)
    {
        var months = filter.Months;
        var now = clock.GetUtcNow().UtcDateTime;
        var current = MonthOf(now);
        var nextMonthStart = MonthStartUtc(NextMonth(current));

        var counts = db.CardMonths.AsNoTracking().Where(m => m.NetworkId == networkId);
        var cards = db.Cards.AsNoTracking().Where(c => c.NetworkId == networkId);
        if (filter.ComuneId is Guid comune)
        {
            counts = counts.Where(m => m.ComuneId == comune);
            cards = cards.Where(c => c.ComuneId == comune);
        }
        var issuedRows = await Timings.TimeAsync("cards-issued", () => counts.Where(m => m.Month >= filter.FromMonth && m.Month <= filter.ToMonth && m.Issued != 0)
            .Select(m => new { m.ComuneId, m.Month, m.Issued }).ToListAsync(cancel));
        var activeLater = await Timings.TimeAsync("cards-active", () => counts.Where(m => m.Month > current).GroupBy(m => m.ComuneId)
            .Select(g => new { ComuneId = g.Key, Count = g.Sum(m => m.ActiveExpiring) }).ToListAsync(cancel));
        var activeThisMonth = await Timings.TimeAsync("cards-expiring", () => cards.Where(c => c.Status == CardStatus.Active && c.ValidUntil > now && c.ValidUntil < nextMonthStart)
            .GroupBy(c => c.ComuneId).Select(g => new { ComuneId = g.Key, Count = g.LongCount() }).ToListAsync(cancel));

        var comuneNames = (await ComuniAsync(networkId, cancel)).ToDictionary(c => c.Id, c => c.Name);
        var perMonth = new long[months.Count];
        var perComune = new Dictionary<Guid, long[]>();
        foreach (var r in issuedRows)
        {
            if (!perComune.TryGetValue(r.ComuneId, out var issued)) perComune[r.ComuneId] = issued = new long[months.Count];
            issued[filter.Period.IndexOf(r.Month)] += r.Issued;
            perMonth[filter.Period.IndexOf(r.Month)] += r.Issued;
        }
        var active = activeLater.Concat(activeThisMonth).GroupBy(r => r.ComuneId).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var comuni = perComune.Keys.Union(active.Where(a => a.Value != 0).Select(a => a.Key)).Select(id =>
        {
            var issued = perComune.GetValueOrDefault(id) ?? new long[months.Count];
            return new ComuneCards(id, comuneNames.GetValueOrDefault(id, "—"), issued, issued.Sum(), active.GetValueOrDefault(id));
        }).OrderByDescending(c => c.Active).ThenByDescending(c => c.Issued).ThenBy(c => c.Comune, StringComparer.Create(RomeTime.Italian, true)).ToList();
        return new CardFigures(months, perMonth, perMonth.Sum(), active.Values.Sum(), comuni);
    }

    public static string CategoryName(ShopCategory category) =>
        typeof(ShopCategory).GetField(category.ToString())?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false)
            .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.Name ?? category.ToString();
}
