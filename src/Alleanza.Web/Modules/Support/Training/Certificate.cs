using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alleanza.Web.Modules.Support.Training;

/// <summary>The certificate of attendance (attestato di partecipazione) of a completed course: one A4 page, drawn with PDFsharp.</summary>
public static class Certificate
{
    public sealed record Content(string NetworkName, string Person, string Course, string Organiser, IReadOnlyList<string> Modules,
        double AttendedHours, double TotalHours, int RequiredPercent, DateTime FirstSession, DateTime LastSession, string Code, DateTime IssuedAt);

    public static byte[] Render(Content c, string webRoot)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"Attestato di partecipazione — {c.Person}";
        document.Info.Author = c.NetworkName;
        document.Info.Subject = c.Course;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var mm = 72 / 25.4;
            var width = page.Width.Point;
            var blue = XColor.FromArgb(0, 102, 204);
            var blueBrush = new XSolidBrush(blue);
            g.DrawRectangle(new XPen(blue, 2), 12 * mm, 12 * mm, width - 24 * mm, page.Height.Point - 24 * mm);
            g.DrawRectangle(blueBrush, 12 * mm, 12 * mm, width - 24 * mm, 16 * mm);
            g.DrawString(Fit(c.NetworkName, 70), new XFont(PdfFonts.Family, 12, XFontStyleEx.Bold), XBrushes.White, new XPoint(20 * mm, 22.5 * mm));

            var center = XStringFormats.TopCenter;
            double y = 55 * mm;
            void Line(string text, double size, bool bold = false, XBrush? brush = null, double after = 8)
            {
                g.DrawString(text, new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular), brush ?? XBrushes.Black,
                    new XRect(20 * mm, y, width - 40 * mm, size * 1.4), center);
                y += size * 1.3 + after * mm;
            }
            Line("ATTESTATO DI PARTECIPAZIONE", 24, true, blueBrush, 12);
            Line("Si attesta che", 12, after: 4);
            Line(Fit(c.Person, 50), 22, true, after: 8);
            Line("ha completato il percorso formativo", 12, after: 4);
            Line($"«{Fit(c.Course, 70)}»", 16, true, after: 4);
            Line($"organizzato da {Fit(c.Organiser, 70)}", 11, after: 10);
            Line($"frequentando {Progress.Hours(c.AttendedHours)} ore su {Progress.Hours(c.TotalHours)} ({(int)Math.Floor(c.AttendedHours * 100 / c.TotalHours)} %; richiesto almeno il {c.RequiredPercent} %)", 12, after: 4);
            Line($"dal {RomeTime.Format(c.FirstSession, "d MMMM yyyy")} al {RomeTime.Format(c.LastSession, "d MMMM yyyy")}", 12, after: 10);
            if (c.Modules.Count > 0)
            {
                Line("Moduli del corso", 12, true, after: 3);
                foreach (var m in c.Modules.Take(12)) Line(Fit(m, 90), 11, after: 1.5);
            }
            var small = new XFont(PdfFonts.Family, 9);
            var bottom = page.Height.Point - 32 * mm;
            g.DrawString($"Rilasciato il {RomeTime.Format(c.IssuedAt, "d/M/yyyy")} — codice dell'attestato {c.Code}", small, XBrushes.Black, new XPoint(20 * mm, bottom));
            g.DrawString("Attestato generato dalla piattaforma della rete: il codice permette al coordinamento di verificarlo.", small, XBrushes.Black, new XPoint(20 * mm, bottom + 5 * mm));
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The certificate's code: the enrolment's, short and stable.</summary>
    public static string CodeOf(Guid enrolmentId) => enrolmentId.ToString("N")[..10].ToUpperInvariant();

    static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
