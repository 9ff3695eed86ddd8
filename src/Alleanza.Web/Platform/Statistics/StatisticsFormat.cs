using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Alleanza.Web.Platform.Statistics;

/// <summary>How statistics pages write numbers, CSV files and the data of their charts.</summary>
public static class StatisticsFormat
{
    /// <summary>"1.234,56 €" in Italian, "€1,234.56" in English: the reader's language.</summary>
    public static string Euro(long cents) => Localization.Money.Format(cents / 100m);

    /// <summary>"12.345" in Italian, "12,345" in English.</summary>
    public static string Number(long n) => Localization.Money.Number(n);

    /// <summary>"42%".</summary>
    public static string Percent(double share) => share.ToString("P0", RomeTime.Culture);

    /// <summary>
    /// What wwwroot/js/charts.js draws: a bar or line chart with one or more series. The page puts the same
    /// numbers in a table beside it, so the chart is never the only way to read them.
    /// </summary>
    public static string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<double> Data)[] series) =>
        JsonSerializer.Serialize(new { type, labels, series = series.Select(s => new { label = s.Label, data = s.Data }) });

    /// <summary>Like <see cref="Chart"/>, for series that share one axis (counts of the same thing), or horizontal bars.</summary>
    public static string Chart(string type, IEnumerable<string> labels, bool sameScale, bool horizontal, params (string Label, IEnumerable<double> Data)[] series) =>
        JsonSerializer.Serialize(new { type, labels, sameScale, horizontal, series = series.Select(s => new { label = s.Label, data = s.Data }) });

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
