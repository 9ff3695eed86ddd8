using ClosedXML.Excel;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// A workbook of plain tables over ClosedXML: per sheet a bold, shaded, frozen header row with a filter, then rows of
/// real numbers, dates and text. Numbers and dates keep their type (a spreadsheet can sum and sort them) with Italian
/// formats; text is written as text, so a value starting with "=" never becomes a formula. Column widths follow the
/// content (measured on the characters: ClosedXML's own measuring needs system fonts the server may lack).
/// </summary>
public sealed class XlsxBook
{
    /// <summary>A column: its Italian header and, for numbers and dates, the Excel format ("#,##0.00", "dd/mm/yyyy").</summary>
    public sealed record Column(string Header, string? Format = null);

    public const string Integer = "#,##0", Decimal = "#,##0.##", Euro = "#,##0.00 €", Percent = "0.0\" %\"", Date = "dd/mm/yyyy", DateTime = "dd/mm/yyyy hh:mm";

    readonly List<(string Name, IReadOnlyList<Column> Columns, List<object?[]> Rows)> sheets = [];

    public void AddSheet(string name, IEnumerable<Column> columns, IEnumerable<object?[]> rows) =>
        sheets.Add((SafeName(name), columns.ToList(), rows.ToList()));

    public byte[] ToBytes()
    {
        using var book = new XLWorkbook();
        book.Style.Font.FontName = "Calibri";
        book.Style.Font.FontSize = 11;
        foreach (var (name, columns, rows) in sheets)
        {
            var sheet = book.Worksheets.Add(name);
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = sheet.Cell(1, c + 1);
                cell.SetValue(columns[c].Header);
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromArgb(0xE6, 0xEC, 0xF2);
                cell.Style.Alignment.WrapText = true;
            }
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < columns.Count && c < rows[r].Length; c++)
                    Write(sheet.Cell(r + 2, c + 1), rows[r][c], columns[c].Format);
            for (var c = 0; c < columns.Count; c++)
            {
                var longest = rows.Select(row => c < row.Length ? Shown(row[c], columns[c].Format) : 0).DefaultIfEmpty(0).Max();
                var header = columns[c].Header.Length;
                sheet.Column(c + 1).Width = Math.Clamp(Math.Max(longest, Math.Min(header, 24)) * 1.1 + 2, 8, 70);
                if (longest > 60) sheet.Column(c + 1).Style.Alignment.WrapText = true;
            }
            sheet.SheetView.FreezeRows(1);
            if (columns.Count > 0) sheet.Range(1, 1, Math.Max(1, rows.Count + 1), columns.Count).SetAutoFilter();
        }
        if (sheets.Count == 0) book.Worksheets.Add("Foglio1");
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    static void Write(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null: return;
            case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); cell.Style.NumberFormat.Format = format ?? Date; return;
            case System.DateTime t: cell.SetValue(t); cell.Style.NumberFormat.Format = format ?? DateTime; return;
            case int or long or short: cell.SetValue(Convert.ToInt64(value)); cell.Style.NumberFormat.Format = format ?? Integer; return;
            case decimal or double or float: cell.SetValue(Convert.ToDouble(value)); cell.Style.NumberFormat.Format = format ?? Decimal; return;
            case bool b: cell.SetValue(b ? "sì" : "no"); return;
            default: cell.SetValue(value.ToString() ?? ""); cell.DataType = XLDataType.Text; return;
        }
    }

    /// <summary>About how many characters a value takes once formatted.</summary>
    static int Shown(object? value, string? format) => value switch
    {
        null => 0,
        DateOnly => 10,
        System.DateTime => 16,
        int or long or short or decimal or double or float => Convert.ToDouble(value).ToString("#,##0.##", Platform.RomeTime.Italian).Length + (format == Euro ? 2 : 0),
        _ => value.ToString()!.Split('\n').Max(l => l.Length),
    };

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    static string SafeName(string name)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length == 0 ? "Foglio" : clean.Length > 31 ? clean[..31] : clean;
    }
}
