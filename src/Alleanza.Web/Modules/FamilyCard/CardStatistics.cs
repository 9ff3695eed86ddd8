using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Family Card statistics for the coordinator (the whole network) and for merchants (their own shops only).
/// Redemption figures come from <see cref="RedemptionMonth"/> (per shop and month, kept by <see cref="VerifyCard"/>)
/// joined to the shops: the millions of <see cref="Redemption"/> rows are never read. Card figures count
/// <see cref="Card"/> rows: issued per Comune and month (months in Europe/Rome), active now per Comune.
/// Money is in euro cents.
/// </summary>
public sealed class CardStatistics(AppDbContext db, TimeProvider clock)
{
    /// <summary>The longest period one page shows (5 years).</summary>
    public const int MaxMonths = 60;

    /// <summary>A period of whole months (yyyymm, both included) and an optional Comune.</summary>
    public sealed record Filter(int FromMonth, int ToMonth, Guid? ComuneId)
    {
        public IReadOnlyList<int> Months
        {
            get
            {
                var list = new List<int>();
                for (var m = FromMonth; m <= ToMonth; m = NextMonth(m)) list.Add(m);
                return list;
            }
        }
    }

    public sealed record Figures(long Count, long DiscountCents, long PurchaseCents)
    {
        public static readonly Figures Zero = new(0, 0, 0);
        public Figures Plus(Figures o) => new(Count + o.Count, DiscountCents + o.DiscountCents, PurchaseCents + o.PurchaseCents);
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
    public Task<List<(Guid Id, string Name)>> ComuniAsync(Guid networkId, CancellationToken cancel = default) =>
        db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).OrderBy(c => c.Name)
            .Select(c => new ValueTuple<Guid, string>(c.Id, c.Name)).ToListAsync(cancel);

    /// <summary>
    /// The filter from the query string: <c>da</c> and <c>a</c> as yyyy-MM (what an input of type month sends),
    /// by default the last 12 months up to the current one (in Italy). Returns the error to show when the input is unusable.
    /// </summary>
    public (Filter Filter, string? Error) ParseFilter(string? from, string? to, Guid? comuneId)
    {
        var today = RomeTime.Today(clock);
        var current = today.Year * 100 + today.Month;
        var defaultFrom = AddMonths(current, -11);
        int? f = ParseMonth(from), t = ParseMonth(to);
        string? error = null;
        if ((!string.IsNullOrWhiteSpace(from) && f is null) || (!string.IsNullOrWhiteSpace(to) && t is null))
            error = "Il periodo si indica con anno e mese (per esempio 2026-01): mostriamo gli ultimi 12 mesi.";
        var toMonth = t ?? current;
        var fromMonth = f ?? (t is null ? defaultFrom : AddMonths(toMonth, -11));
        if (error is null && fromMonth > toMonth)
            error = "L'inizio del periodo viene dopo la fine: mostriamo gli ultimi 12 mesi.";
        else if (error is null && MonthsBetween(fromMonth, toMonth) > MaxMonths)
            error = $"Il periodo può essere al massimo di {MaxMonths} mesi: mostriamo gli ultimi 12 mesi.";
        if (error is not null) (fromMonth, toMonth) = (defaultFrom, current);
        return (new Filter(fromMonth, toMonth, comuneId), error);
    }

    /// <summary>
    /// Redemptions of the network in the period, from the monthly sums. With <paramref name="partnerIds"/>, only the
    /// shops of those partners (a merchant's own data).
    /// </summary>
    public async Task<RedemptionFigures> RedemptionsAsync(Guid networkId, Filter filter, IReadOnlyCollection<Guid>? partnerIds = null, CancellationToken cancel = default)
    {
        var months = db.RedemptionMonths.AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.Month >= filter.FromMonth && m.Month <= filter.ToMonth);
        var shops = db.Shops.AsNoTracking().Where(s => s.NetworkId == networkId);
        if (partnerIds is not null)
        {
            var ids = partnerIds.ToList();
            shops = shops.Where(s => ids.Contains(s.PartnerId));
        }
        if (filter.ComuneId is Guid comune) shops = shops.Where(s => s.ComuneId == comune);

        // One pass over the monthly rows of the period (one row per shop and month: a few hundred thousand at regional scale).
        var rows = await months.Join(shops, m => m.ShopId, s => s.Id, (m, s) => new { m.ShopId, m.Month, m.Count, Discount = m.DiscountCents, Purchase = m.PurchaseCents })
            .ToListAsync(cancel);
        Dictionary<Guid, (string Name, Guid PartnerId, ShopCategory Category, Guid ComuneId)> shopInfo = rows.Count == 0 ? [] : await shops.Select(s => new { s.Id, s.Name, s.PartnerId, s.Category, s.ComuneId })
            .ToDictionaryAsync(s => s.Id, s => (s.Name, s.PartnerId, s.Category, s.ComuneId), cancel);
        var shown = shopInfo.Values.Select(s => s.PartnerId).Distinct().ToList();
        var partners = db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
        if (shown.Count <= 50) partners = partners.Where(p => shown.Contains(p.Id));
        var partnerNames = shown.Count == 0 ? new Dictionary<Guid, string>()
            : await partners.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancel);
        var comuneNames = (await ComuniAsync(networkId, cancel)).ToDictionary(c => c.Id, c => c.Name);

        var byMonth = filter.Months.ToDictionary(m => m, _ => Figures.Zero);
        var byShop = new Dictionary<Guid, Figures>();
        var total = Figures.Zero;
        foreach (var r in rows)
        {
            var f = new Figures(r.Count, r.Discount, r.Purchase);
            byMonth[r.Month] = byMonth.TryGetValue(r.Month, out var m) ? m.Plus(f) : f;
            byShop[r.ShopId] = byShop.TryGetValue(r.ShopId, out var s) ? s.Plus(f) : f;
            total = total.Plus(f);
        }

        var shopLines = byShop.Select(kv =>
        {
            var info = shopInfo[kv.Key];
            return new ShopLine(kv.Key, info.Name, info.PartnerId, partnerNames.GetValueOrDefault(info.PartnerId, "—"), info.Category, info.ComuneId,
                comuneNames.GetValueOrDefault(info.ComuneId, "—"), kv.Value);
        }).OrderByDescending(l => l.Figures.Count).ThenBy(l => l.Shop, StringComparer.Create(RomeTime.Italian, true)).ToList();

        List<Line> Group<TKey>(Func<ShopLine, TKey> key, Func<ShopLine, string> name) where TKey : notnull =>
            shopLines.GroupBy(key).Select(g => new Line(g.Key.ToString()!, name(g.First()), g.Aggregate(Figures.Zero, (a, l) => a.Plus(l.Figures))))
                .OrderByDescending(l => l.Figures.Count).ThenBy(l => l.Name, StringComparer.Create(RomeTime.Italian, true)).ToList();

        return new RedemptionFigures(total,
            byMonth.OrderBy(kv => kv.Key).Select(kv => new Line(kv.Key.ToString(CultureInfo.InvariantCulture), MonthName(kv.Key), kv.Value)).ToList(),
            Group(l => l.PartnerId, l => l.Partner),
            Group(l => l.Category, l => CategoryName(l.Category)),
            Group(l => l.ComuneId, l => l.Comune),
            shopLines);
    }

    /// <summary>Cards of the network: issued in each month of the period per Comune, and active now (status active, not expired) per Comune.</summary>
    public async Task<CardFigures> CardsAsync(Guid networkId, Filter filter, CancellationToken cancel = default)
    {
        var months = filter.Months;
        var starts = months.Select(MonthStartUtc).ToList();
        var end = MonthStartUtc(NextMonth(filter.ToMonth));
        var now = clock.GetUtcNow().UtcDateTime;

        var cards = db.Cards.AsNoTracking().Where(c => c.NetworkId == networkId);
        if (filter.ComuneId is Guid comune) cards = cards.Where(c => c.ComuneId == comune);

        // Issued: one query, the month computed in SQL as a CASE over the months' first instants in UTC (Italian months).
        var issuedRows = await cards.Where(c => c.IssuedAt >= starts[0] && c.IssuedAt < end)
            .Select(MonthIndex(starts))
            .GroupBy(x => new { x.ComuneId, x.Index })
            .Select(g => new { g.Key.ComuneId, g.Key.Index, Count = g.LongCount() })
            .ToListAsync(cancel);
        var activeRows = await cards.Where(c => c.Status == CardStatus.Active && c.ValidUntil > now)
            .GroupBy(c => c.ComuneId).Select(g => new { ComuneId = g.Key, Count = g.LongCount() })
            .ToListAsync(cancel);

        var comuneNames = (await ComuniAsync(networkId, cancel)).ToDictionary(c => c.Id, c => c.Name);
        var perMonth = new long[months.Count];
        var perComune = new Dictionary<Guid, long[]>();
        foreach (var r in issuedRows)
        {
            if (!perComune.TryGetValue(r.ComuneId, out var counts)) perComune[r.ComuneId] = counts = new long[months.Count];
            counts[r.Index] += r.Count;
            perMonth[r.Index] += r.Count;
        }
        var active = activeRows.ToDictionary(r => r.ComuneId, r => r.Count);
        var comuni = perComune.Keys.Union(active.Keys).Select(id =>
        {
            var counts = perComune.GetValueOrDefault(id) ?? new long[months.Count];
            return new ComuneCards(id, comuneNames.GetValueOrDefault(id, "—"), counts, counts.Sum(), active.GetValueOrDefault(id));
        }).OrderByDescending(c => c.Active).ThenByDescending(c => c.Issued).ThenBy(c => c.Comune, StringComparer.Create(RomeTime.Italian, true)).ToList();
        return new CardFigures(months, perMonth, perMonth.Sum(), active.Values.Sum(), comuni);
    }

    sealed class IssuedCard
    {
        public Guid ComuneId { get; set; }
        public int Index { get; set; }
    }

    /// <summary><c>c => new IssuedCard { ComuneId = c.ComuneId, Index = c.IssuedAt &lt; starts[1] ? 0 : c.IssuedAt &lt; starts[2] ? 1 : … }</c></summary>
    static Expression<Func<Card, IssuedCard>> MonthIndex(IReadOnlyList<DateTime> starts)
    {
        var c = Expression.Parameter(typeof(Card), "c");
        var issued = Expression.Property(c, nameof(Card.IssuedAt));
        Expression index = Expression.Constant(starts.Count - 1);
        for (var i = starts.Count - 2; i >= 0; i--)
            index = Expression.Condition(Expression.LessThan(issued, Expression.Constant(starts[i + 1])), Expression.Constant(i), index);
        var body = Expression.MemberInit(Expression.New(typeof(IssuedCard)),
            Expression.Bind(typeof(IssuedCard).GetProperty(nameof(IssuedCard.ComuneId))!, Expression.Property(c, nameof(Card.ComuneId))),
            Expression.Bind(typeof(IssuedCard).GetProperty(nameof(IssuedCard.Index))!, index));
        return Expression.Lambda<Func<Card, IssuedCard>>(body, c);
    }

    // ---------- Months ----------

    public static int? ParseMonth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2200
            ? d.Year * 100 + d.Month : null;
    }

    /// <summary>2026-03 for 202603 (the value of an input of type month).</summary>
    public static string MonthValue(int month) => $"{month / 100:0000}-{month % 100:00}";

    /// <summary>"mar 2026".</summary>
    public static string MonthName(int month) =>
        new DateOnly(month / 100, month % 100, 1).ToString("MMM yyyy", RomeTime.Italian);

    public static int NextMonth(int month) => month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;

    public static int AddMonths(int month, int n)
    {
        var d = new DateOnly(month / 100, month % 100, 1).AddMonths(n);
        return d.Year * 100 + d.Month;
    }

    static int MonthsBetween(int from, int to) => (to / 100 - from / 100) * 12 + to % 100 - from % 100 + 1;

    /// <summary>The first instant of an Italian month, in UTC.</summary>
    public static DateTime MonthStartUtc(int month) => RomeTime.FromRome(new DateOnly(month / 100, month % 100, 1), TimeOnly.MinValue);

    public static string CategoryName(ShopCategory category) =>
        typeof(ShopCategory).GetField(category.ToString())?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false)
            .OfType<System.ComponentModel.DataAnnotations.DisplayAttribute>().FirstOrDefault()?.Name ?? category.ToString();

    /// <summary>"1.234,56 €".</summary>
    public static string Euro(long cents) => (cents / 100m).ToString("N2", RomeTime.Italian) + " €";

    /// <summary>"12.345".</summary>
    public static string Number(long n) => n.ToString("N0", RomeTime.Italian);

    // ---------- CSV ----------

    /// <summary>Semicolon-separated (what Italian spreadsheets open), UTF-8 with BOM, amounts in euro with a dot, formulas defused.</summary>
    public static byte[] Csv(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(';', header.Select(CsvField))).Append("\r\n");
        foreach (var row in rows) sb.Append(string.Join(';', row.Select(CsvField))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>Euro cents as a plain number for spreadsheets: 1234.56.</summary>
    public static string CsvEuro(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string CsvNumber(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes a field when needed and defuses spreadsheet formulas (=, +, -, @, tab, carriage return at the start).</summary>
    public static string CsvField(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !IsPlainNumber(value)) value = "'" + value;
        return value.Contains(';') || value.Contains('"') || value.Contains('\n') || value.Contains('\r') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    // Our own figures ("-12.50" never happens, but a negative number is data, not a formula).
    static bool IsPlainNumber(string value) => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
