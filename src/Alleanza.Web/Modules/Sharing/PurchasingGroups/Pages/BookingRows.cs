using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Alleanza.Web.Platform.Localization;
using Microsoft.AspNetCore.Html;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>
/// The rows of the booking form: one per product, with its rules, its price and the member's quantity. A supplier may
/// sell 600 products, and written value by value through Razor the rows were most of the page's cost (24,000 buffered
/// writes and their garbage on every request; bench gaf-booking-page). What a row says is the same for every member
/// while the product list is the same, so it is written once per list and language, in three pieces around what is the
/// member's own (the shortfall of a package, the quantity, a line's error), and the pieces go straight to the response.
/// </summary>
public sealed class BookingRows(IReadOnlyList<Product> products, IReadOnlyDictionary<Guid, string?> quantities,
    IReadOnlyDictionary<Guid, string> errors, IReadOnlyDictionary<Guid, long> shortfalls) : IHtmlContent
{
    /// <summary>A product's row around the member's parts: up to the hint, from the hint to the field's class, the end of the field.</summary>
    sealed record Row(Guid Id, string FieldId, string Start, string Middle);

    /// <summary>The rows of a product list, per language; a list read again (every few seconds, or after a change) gets its own.</summary>
    static readonly ConditionalWeakTable<IReadOnlyList<Product>, Dictionary<string, Row[]>> Written = [];

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        foreach (var row in RowsInCurrentLanguage(encoder))
        {
            writer.Write(row.Start);
            if (shortfalls.GetValueOrDefault(row.Id) is > 0 and var gap)
            {
                writer.Write("<strong class=\"d-block\">");
                encoder.Encode(writer, Tr.Get("Mancano {0} per completare la confezione.", GafRules.Quantity(gap)));
                writer.Write("</strong>");
            }
            writer.Write(row.Middle);
            var error = errors.GetValueOrDefault(row.Id);
            if (error is null) writer.Write("\" aria-describedby=\"" + row.FieldId + "-hint\" value=\"");
            else writer.Write(" is-invalid\" aria-invalid=\"true\" aria-describedby=\"" + row.FieldId + "-hint " + row.FieldId + "-error\" value=\"");
            if (quantities.GetValueOrDefault(row.Id) is { } quantity) encoder.Encode(writer, quantity);
            writer.Write("\" />");
            if (error is not null)
            {
                writer.Write("<div class=\"invalid-feedback d-block\" id=\"" + row.FieldId + "-error\">");
                encoder.Encode(writer, error);
                writer.Write("</div>");
            }
            writer.Write("</td></tr>\n");
        }
    }

    Row[] RowsInCurrentLanguage(HtmlEncoder encoder)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        var perLanguage = Written.GetValue(products, _ => []);
        lock (perLanguage)
            if (perLanguage.TryGetValue(language, out var ready)) return ready;
        var rows = products.Select(p => Write(p, encoder)).ToArray();
        lock (perLanguage) perLanguage[language] = rows;
        return rows;
    }

    static Row Write(Product p, HtmlEncoder encoder)
    {
        var fieldId = "q-" + p.Id.ToString("N");
        var html = new StringBuilder(512);
        html.Append("<tr><th scope=\"row\"><label for=\"").Append(fieldId).Append("\" class=\"fw-semibold mb-0\" lang=\"it\">")
            .Append(encoder.Encode(p.Variant == "" ? p.Name : $"{p.Name} ({p.Variant})")).Append("</label>")
            .Append("<span class=\"d-block small fw-normal text-muted\" id=\"").Append(fieldId).Append("-hint\">");
        var start = html.ToString();
        html.Clear();
        var hint = GafRules.UnitText(GafRules.UnitLabel(p))
            + (p.MultipleMilli != 1000 ? Tr.Get(", multipli di {0}", GafRules.Quantity(p.MultipleMilli)) : "")
            + (p.MinMilli is { } min ? Tr.Get(", minimo {0}", GafRules.Quantity(min)) : "")
            + (p.MaxMilli is { } max ? Tr.Get(", massimo {0}", GafRules.Quantity(max)) : "")
            + (p.SoldByWeight ? Tr.Get(", a peso (un pezzo circa {0} g)", p.PieceWeightGrams!) : "");
        var per = p.SoldByWeight || p.Unit == ProductUnit.Kg ? "kg" : p.Unit == ProductUnit.Litre ? "l" : p.Unit == ProductUnit.Pack ? Tr.Get("conf.") : Tr.Get("pz");
        html.Append(encoder.Encode(hint)).Append("</span></th>")
            .Append("<td class=\"text-end text-nowrap\">").Append(encoder.Encode(GafRules.Euro(p.PriceCents) + "/" + per)).Append("</td>")
            .Append("<td><input type=\"text\" id=\"").Append(fieldId).Append("\" name=\"Quantities[").Append(p.Id).Append("]\" inputmode=\"decimal\" autocomplete=\"off\" class=\"form-control");
        return new Row(p.Id, fieldId, start, html.ToString());
    }
}
