using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>The printable card (A4, with a card-sized part to cut out) for families without a smartphone: a static signed QR.</summary>
public static class PrintedCard
{
    public sealed record Content(string NetworkName, string Holder, string Number, DateTime ValidUntil, string Code, DateTime PrintedAt);

    public static byte[] Render(Content c, string webRoot)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"Carta Famiglia — {c.Holder}";
        document.Info.Author = c.NetworkName;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var mm = 72 / 25.4;
            double left = 20 * mm, top = 20 * mm, width = 85.6 * mm, height = 54 * mm;
            var title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
            var bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
            var normal = new XFont(PdfFonts.Family, 8);
            var blue = new XSolidBrush(XColor.FromArgb(0, 102, 204));

            g.DrawString("Carta Famiglia", title, blue, new XPoint(left, top - 6 * mm));
            g.DrawRoundedRectangle(new XPen(XColor.FromArgb(0, 102, 204), 1), left, top, width, height, 4 * mm, 4 * mm);
            g.DrawRectangle(blue, left, top, width, 9 * mm);
            g.DrawString(Fit(c.NetworkName, 48), new XFont(PdfFonts.Family, 7.5, XFontStyleEx.Bold), XBrushes.White, new XPoint(left + 4 * mm, top + 6 * mm));
            g.DrawString("CARTA FAMIGLIA", bold, XBrushes.Black, new XPoint(left + 4 * mm, top + 16 * mm));
            g.DrawString(Fit(c.Holder, 30), new XFont(PdfFonts.Family, 11, XFontStyleEx.Bold), XBrushes.Black, new XPoint(left + 4 * mm, top + 24 * mm));
            g.DrawString($"N. {c.Number}", normal, XBrushes.Black, new XPoint(left + 4 * mm, top + 31 * mm));
            g.DrawString($"Scadenza: {RomeTime.Format(c.ValidUntil, "d/M/yyyy")}", normal, XBrushes.Black, new XPoint(left + 4 * mm, top + 36 * mm));
            g.DrawString("Stampata: mostrarla con un documento.", new XFont(PdfFonts.Family, 6.5), XBrushes.Black, new XPoint(left + 4 * mm, top + 48 * mm));

            // The QR, drawn as squares (sharp at any zoom, no image decoding).
            using var data = new QRCodeGenerator().CreateQrCode(c.Code, QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            var size = 40 * mm;
            var cell = size / modules.Count;
            double qx = left + width - size - 3 * mm, qy = top + 11.5 * mm;
            for (var y = 0; y < modules.Count; y++)
                for (var x = 0; x < modules.Count; x++)
                    if (modules[y][x]) g.DrawRectangle(XBrushes.Black, qx + x * cell, qy + y * cell, cell + 0.05, cell + 0.05);

            var text = new XFont(PdfFonts.Family, 10);
            var y0 = top + height + 14 * mm;
            foreach (var line in new[]
            {
                "Ritagliate la carta lungo il bordo blu.",
                "Alla cassa dei negozi convenzionati mostrate la carta insieme a un documento d'identità:",
                "l'esercente inquadra il QR oppure scrive il numero della carta.",
                "Se la perdete, chiedete al vostro Comune di sostituirla: questa smetterà di valere.",
                $"Stampata il {RomeTime.Format(c.PrintedAt, "d/M/yyyy")} — {c.NetworkName}",
            })
            {
                g.DrawString(line, text, XBrushes.Black, new XPoint(left, y0));
                y0 += 6 * mm;
            }
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
