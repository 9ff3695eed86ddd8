using System.Globalization;

namespace Alleanza.Web.Platform.Statistics;

/// <summary>
/// A period of whole Italian months for statistics pages, both ends included. Months are yyyymm integers
/// (202603), which is also how the monthly rollups store them.
/// </summary>
public sealed record MonthPeriod(int FromMonth, int ToMonth)
{
    /// <summary>The longest period one page shows (5 years).</summary>
    public const int MaxMonths = 60;

    public IReadOnlyList<int> Months
    {
        get
        {
            var list = new List<int>();
            for (var m = FromMonth; m <= ToMonth; m = NextMonth(m)) list.Add(m);
            return list;
        }
    }

    /// <summary>The first instant of the period, in UTC.</summary>
    /// <summary>Where a month of the period stands in <see cref="Months"/> (0 for the first).</summary>
    public int IndexOf(int month) => MonthsBetween(FromMonth, month) - 1;

    public DateTime StartUtc => MonthStartUtc(FromMonth);

    /// <summary>The first instant after the period, in UTC.</summary>
    public DateTime EndUtc => MonthStartUtc(NextMonth(ToMonth));

    /// <summary>"da mar 2026 a feb 2027".</summary>
    public string Description => FromMonth == ToMonth ? ShownName(FromMonth) : Tr.Get("da {0} a {1}", ShownName(FromMonth), ShownName(ToMonth));

    /// <summary>
    /// The period from the query string: <c>da</c> and <c>a</c> as yyyy-MM (what an input of type month sends),
    /// by default the last 12 months up to the current one (in Italy). Returns the error to show when the input is unusable.
    /// </summary>
    public static (MonthPeriod Period, string? Error) Parse(string? from, string? to, TimeProvider clock)
    {
        var today = RomeTime.Today(clock);
        var current = today.Year * 100 + today.Month;
        var defaultFrom = AddMonths(current, -11);
        int? f = ParseMonth(from), t = ParseMonth(to);
        string? error = null;
        if ((!string.IsNullOrWhiteSpace(from) && f is null) || (!string.IsNullOrWhiteSpace(to) && t is null))
            error = Tr.Get("Il periodo si indica con anno e mese (per esempio 2026-01): mostriamo gli ultimi 12 mesi.");
        var toMonth = t ?? current;
        var fromMonth = f ?? (t is null ? defaultFrom : AddMonths(toMonth, -11));
        if (error is null && fromMonth > toMonth)
            error = Tr.Get("L'inizio del periodo viene dopo la fine: mostriamo gli ultimi 12 mesi.");
        else if (error is null && MonthsBetween(fromMonth, toMonth) > MaxMonths)
            error = Tr.Get("Il periodo può essere al massimo di {0} mesi: mostriamo gli ultimi 12 mesi.", MaxMonths);
        if (error is not null) (fromMonth, toMonth) = (defaultFrom, current);
        return (new MonthPeriod(fromMonth, toMonth), error);
    }

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

    /// <summary>"mar 2026", "Mar 2026": the month in the reader's language (not kept in any cache).</summary>
    public static string ShownName(int month) =>
        new DateOnly(month / 100, month % 100, 1).ToString("MMM yyyy", RomeTime.Culture);

    public static int NextMonth(int month) => month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;

    public static int AddMonths(int month, int n)
    {
        var d = new DateOnly(month / 100, month % 100, 1).AddMonths(n);
        return d.Year * 100 + d.Month;
    }

    public static int MonthsBetween(int from, int to) => (to / 100 - from / 100) * 12 + to % 100 - from % 100 + 1;

    /// <summary>The first instant of an Italian month, in UTC.</summary>
    public static DateTime MonthStartUtc(int month) => RomeTime.FromRome(new DateOnly(month / 100, month % 100, 1), TimeOnly.MinValue);

    /// <summary>The Italian month (yyyymm) of an instant.</summary>
    public static int MonthOf(DateTime utc)
    {
        var rome = utc.ToRome();
        return rome.Year * 100 + rome.Month;
    }
}
