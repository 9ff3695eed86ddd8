using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;

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
        return TablePdf.Write(webRoot,
            new($"Ordine — {cycle.Title}", groupName, groupName, $"Ordine a {supplierName}", $"{cycle.Title} — consegna il {RomeTime.Format(cycle.DeliveryOn)} a {cycle.DeliveryPlace}",
                $"Fatto il {RomeTime.Format(clock.GetUtcNow().UtcDateTime)} · totale stimato {GafRules.Euro(rows.Sum(r => r.BookedCents))}", "Nessuna prenotazione."),
            [new("Codice", 18, 12), new("Prodotto", 40, 48), new("Prenotato", 118), new("Confezioni", 140), new("Ordinato", 162), new("Manca", 182)],
            rows.Select(r => (IReadOnlyList<string>)new[] { r.Code, r.Variant == "" ? r.Name : $"{r.Name} ({r.Variant})", GafRules.Amount(r.Order.BookedMilli, r.Unit),
                r.Order.Packages.ToString(), GafRules.Quantity(r.Order.OrderedMilli), r.Order.ShortfallMilli == 0 ? "—" : GafRules.Quantity(r.Order.ShortfallMilli) }));
    }
}
