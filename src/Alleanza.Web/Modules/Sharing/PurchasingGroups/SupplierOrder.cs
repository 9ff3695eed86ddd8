using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>The order to the supplier, per product in whole packages with the shortfall: as CSV (for a spreadsheet) and PDF (to send or print).</summary>
public sealed class SupplierOrder(Cycles cycles, TimeProvider clock)
{
    public async Task<byte[]> CsvAsync(OrderCycle cycle)
    {
        var rows = await cycles.PerProductAsync(cycle.Id);
        var csv = new StringBuilder("\uFEFFcodice;prodotto;variante;unita;prenotato;confezioni;ordinato;mancante_per_confezione;prezzo;importo_stimato\r\n");
        foreach (var r in rows)
            csv.Append(Cell(r.Code)).Append(';').Append(Cell(r.Name)).Append(';').Append(Cell(r.Variant)).Append(';').Append(r.Unit).Append(';')
                .Append(GafRules.Quantity(r.Order.BookedMilli)).Append(';').Append(r.Order.Packages).Append(';').Append(GafRules.Quantity(r.Order.OrderedMilli)).Append(';')
                .Append(GafRules.Quantity(r.Order.ShortfallMilli)).Append(';').Append((r.PriceCents / 100m).ToString("0.00", RomeTime.Italian)).Append(';')
                .Append((r.BookedCents / 100m).ToString("0.00", RomeTime.Italian)).Append("\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    static string Cell(string text)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public async Task<byte[]> PdfAsync(OrderCycle cycle, string groupName, string supplierName, string webRoot)
    {
        var rows = await cycles.PerProductAsync(cycle.Id);
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"Ordine — {cycle.Title}";
        document.Info.Author = groupName;
        var mm = 72 / 25.4;
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
                g.DrawString(Fit(groupName, 80), regular, XBrushes.Gray, new XPoint(18 * mm, y)); y += 9 * mm;
                g.DrawString(Fit($"Ordine a {supplierName}", 60), title, XBrushes.Black, new XPoint(18 * mm, y)); y += 7 * mm;
                g.DrawString(Fit($"{cycle.Title} — consegna il {RomeTime.Format(cycle.DeliveryOn)} a {cycle.DeliveryPlace}", 110), bold, XBrushes.Black, new XPoint(18 * mm, y)); y += 5 * mm;
                g.DrawString($"Fatto il {RomeTime.Format(clock.GetUtcNow().UtcDateTime)} · totale stimato {GafRules.Euro(rows.Sum(r => r.BookedCents))}", regular, XBrushes.Black, new XPoint(18 * mm, y)); y += 9 * mm;
            }
            g.DrawString("Codice", bold, XBrushes.Black, new XPoint(18 * mm, y));
            g.DrawString("Prodotto", bold, XBrushes.Black, new XPoint(40 * mm, y));
            g.DrawString("Prenotato", bold, XBrushes.Black, new XPoint(118 * mm, y));
            g.DrawString("Confezioni", bold, XBrushes.Black, new XPoint(140 * mm, y));
            g.DrawString("Ordinato", bold, XBrushes.Black, new XPoint(162 * mm, y));
            g.DrawString("Manca", bold, XBrushes.Black, new XPoint(182 * mm, y));
            y += 6 * mm;
        }
        NewPage();
        if (rows.Count == 0) g!.DrawString("Nessuna prenotazione.", regular, XBrushes.Black, new XPoint(18 * mm, y));
        foreach (var r in rows)
        {
            if (y > page!.Height.Point - 20 * mm) NewPage();
            g!.DrawString(Fit(r.Code, 12), regular, XBrushes.Black, new XPoint(18 * mm, y));
            g.DrawString(Fit(r.Variant == "" ? r.Name : $"{r.Name} ({r.Variant})", 48), regular, XBrushes.Black, new XPoint(40 * mm, y));
            g.DrawString($"{GafRules.Quantity(r.Order.BookedMilli)} {r.Unit}", regular, XBrushes.Black, new XPoint(118 * mm, y));
            g.DrawString(r.Order.Packages.ToString(), regular, XBrushes.Black, new XPoint(140 * mm, y));
            g.DrawString(GafRules.Quantity(r.Order.OrderedMilli), regular, XBrushes.Black, new XPoint(162 * mm, y));
            g.DrawString(r.Order.ShortfallMilli == 0 ? "—" : GafRules.Quantity(r.Order.ShortfallMilli), regular, XBrushes.Black, new XPoint(182 * mm, y));
            y += 5 * mm;
        }
        g?.Dispose();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
