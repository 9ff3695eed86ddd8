using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// A small XLSX writer over DocumentFormat.OpenXml: sheets of a header row (bold) and rows of text and numbers.
/// Text goes in as inline strings, never as formulas, so a cell starting with "=" stays text.
/// </summary>
public sealed class XlsxBook
{
    readonly List<(string Name, IReadOnlyList<string> Header, List<object?[]> Rows)> sheets = [];

    public void AddSheet(string name, IEnumerable<string> header, IEnumerable<object?[]> rows) =>
        sheets.Add((SafeName(name), header.ToList(), rows.ToList()));

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, header, rows) in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(new Row(header.Select(h => TextCell(h, bold: true))));
                foreach (var row in rows) data.AppendChild(new Row(row.Select(Cell)));
                part.Worksheet = new Worksheet(data);
                sheetList.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int or long or decimal or double or float => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        },
        DateOnly d => TextCell(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => TextCell(value.ToString() ?? ""),
    };

    static Cell TextCell(string text, bool bold = false)
    {
        var cell = new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }) };
        if (bold) cell.StyleIndex = 1;
        return cell;
    }

    /// <summary>XML cannot carry control characters; Excel cells hold at most 32,767 characters.</summary>
    static string Clean(string text)
    {
        var chars = text.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray();
        var s = new string(chars);
        return s.Length > 32000 ? s[..32000] : s;
    }

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    static string SafeName(string name)
    {
        var s = new string(name.Where(c => !":\\/?*[]".Contains(c)).ToArray());
        return s.Length > 31 ? s[..31] : s;
    }
}
