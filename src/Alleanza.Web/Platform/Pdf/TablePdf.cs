using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alleanza.Web.Platform.Pdf;

/// <summary>
/// An A4 PDF with a heading and one table, page after page (the header row repeated on each): the time bank's statement,
/// a purchasing group's order to its supplier. Cells are cut to their column's width in characters («…»).
/// </summary>
public static class TablePdf
{
    /// <summary>A column: its header, where it starts (mm from the left edge), at most how many characters (0: as they are).</summary>
    public sealed record Column(string Header, double LeftMm, int MaxChars = 0);

    /// <summary>
    /// What the first page says above the table: a grey line (the network or group), the title, a bold line, a plain line;
    /// the document's title and author; what the table says when it has no rows.
    /// </summary>
    public sealed record Heading(string DocumentTitle, string Author, string Overline, string Title, string Bold, string Plain, string Empty);

    public static byte[] Write(string webRoot, Heading heading, IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = heading.DocumentTitle;
        document.Info.Author = heading.Author;
        const double mm = 72 / 25.4;
        var regular = new XFont(PdfFonts.Family, 9);
        var bold = new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold);
        var title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        PdfPage? page = null;
        XGraphics? g = null;
        double y = 0;
        void NewPage()
        {
            g?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            g = XGraphics.FromPdfPage(page);
            y = 20 * mm;
            if (document.PageCount == 1)
            {
                g.DrawString(Fit(heading.Overline, 80), regular, XBrushes.Gray, new XPoint(18 * mm, y)); y += 9 * mm;
                g.DrawString(Fit(heading.Title, 60), title, XBrushes.Black, new XPoint(18 * mm, y)); y += 7 * mm;
                g.DrawString(Fit(heading.Bold, 110), bold, XBrushes.Black, new XPoint(18 * mm, y)); y += 5 * mm;
                g.DrawString(Fit(heading.Plain, 130), regular, XBrushes.Black, new XPoint(18 * mm, y)); y += 9 * mm;
            }
            foreach (var c in columns) g.DrawString(c.Header, bold, XBrushes.Black, new XPoint(c.LeftMm * mm, y));
            y += 6 * mm;
        }
        NewPage();
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            if (y > page!.Height.Point - 20 * mm) NewPage();
            for (var i = 0; i < columns.Count && i < row.Count; i++)
                g!.DrawString(columns[i].MaxChars > 0 ? Fit(row[i], columns[i].MaxChars) : row[i], regular, XBrushes.Black, new XPoint(columns[i].LeftMm * mm, y));
            y += 5 * mm;
        }
        if (!any) g!.DrawString(heading.Empty, regular, XBrushes.Black, new XPoint(18 * mm, y));
        g?.Dispose();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The text cut to <paramref name="max"/> characters, ending with «…» when cut.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
