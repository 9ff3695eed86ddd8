using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// The certification dossier "Comune amico della famiglia" for a Comune (or the whole network) and a period: the plan,
/// its objectives with the indicators' values and the actions, and the mapping with its gaps. As a printable PDF (A4,
/// paginated, with bookmarks: one per objective) and as an XLSX (sheets Piano, Obiettivi e indicatori, Azioni, Mappatura).
/// </summary>
public static class Dossier
{
    public sealed record Content(string NetworkName, PlanView Plan, string? Comune, ServiceMapping.Result Mapping, DateTime GeneratedAt);

    public const string Title = "Dossier per la certificazione «Comune amico della famiglia»";

    static string Scope(Content c) => c.Comune is null ? "Tutta la rete" : "Comune di " + c.Comune;

    static IEnumerable<(string Key, string Value)> Summary(Content c)
    {
        var p = c.Plan.Plan;
        yield return ("Rete", c.NetworkName);
        yield return ("Ambito del dossier", Scope(c));
        yield return ("Piano", p.Title);
        yield return ("Anni del piano", PlanLabels.Years(p.StartYear));
        yield return ("Stato del piano", PlanLabels.Of(p.Status));
        yield return ("Periodo dei valori", c.Plan.Period.Label);
        yield return ("Obiettivi", c.Plan.Objectives.Count.ToString());
        yield return ("Azioni", $"{c.Plan.AllActions.Count()} ({c.Plan.AllActions.Count(a => a.Entity.Status == ActionStatus.Completed)} completate)");
        yield return ("Budget complessivo", PlanLabels.Euro(c.Plan.Budget));
        yield return ("Generato il", RomeTime.Format(c.GeneratedAt));
    }

    // ---------- XLSX ----------

    public static byte[] Xlsx(Content c)
    {
        var book = new XlsxBook();
        var p = c.Plan.Plan;
        book.AddSheet("Piano", ["voce", "valore"], [.. Summary(c).Select(x => new object?[] { x.Key, x.Value }), ["Descrizione", p.Description ?? ""]]);
        book.AddSheet("Obiettivi e indicatori",
            ["area", "obiettivo", "stato_obiettivo", "indicatore", "unita", "partenza", "obiettivo_valore", "attuale", "avanzamento_percento", "fonte"],
            c.Plan.Objectives.SelectMany(o => o.Indicators.Count == 0
                ? [new object?[] { o.Area, o.Entity.Title, PlanLabels.Of(o.Entity.Status), null, null, null, null, null, null, null }]
                : o.Indicators.Select(i => new object?[] { o.Area, o.Entity.Title, PlanLabels.Of(o.Entity.Status), i.Entity.Name, i.Entity.Unit,
                    i.Entity.Baseline, i.Entity.Target, i.Current, Math.Round(i.Progress, 1), i.SourceLabel })));
        book.AddSheet("Azioni", ["area", "obiettivo", "azione", "ente_responsabile", "budget_euro", "inizio", "fine", "stato"],
            c.Plan.Objectives.SelectMany(o => o.Actions.Select(a => new object?[] { o.Area, o.Entity.Title, a.Entity.Title, a.Partner, a.Entity.Budget,
                a.Entity.StartDate, a.Entity.EndDate, PlanLabels.Of(a.Entity.Status) })));
        ServiceMapping.AddSheets(book, c.Mapping);
        return book.ToBytes();
    }

    // ---------- PDF ----------

    public static byte[] Pdf(Content c, string webRoot)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"{Title} — {Scope(c)}";
        document.Info.Author = c.NetworkName;
        var w = new Writer(document);

        w.Outline("Piano", 0);
        w.Heading(Title, 16);
        w.Paragraph($"{Scope(c)} — {c.NetworkName}", bold: true);
        foreach (var (k, v) in Summary(c)) w.Paragraph($"{k}: {v}");
        if (c.Plan.Plan.Description is { } description) { w.Space(); w.Paragraph(description); }

        w.Space();
        w.Heading("Obiettivi, indicatori e azioni", 13);
        var objectivesOutline = w.Outline("Obiettivi", 0);
        if (c.Plan.Objectives.Count == 0) w.Paragraph("Il piano non ha ancora obiettivi.");
        foreach (var o in c.Plan.Objectives)
        {
            w.EnsureRoom(90);
            w.Outline(o.Entity.Title, 1, objectivesOutline);
            w.Heading($"{o.Area} — {o.Entity.Title}", 11.5);
            w.Paragraph($"Stato: {PlanLabels.Of(o.Entity.Status)}. Avanzamento degli indicatori: {Percent(o.IndicatorProgress)}; azioni completate: {o.ActionsCompleted} di {o.Actions.Count}.");
            if (o.Entity.Description is { } d) w.Paragraph(d);
            if (o.Indicators.Count > 0)
                w.Table(["Indicatore", "Partenza", "Obiettivo", "Attuale", "Avanz.", "Fonte"], [0.30, 0.1, 0.1, 0.1, 0.08, 0.32],
                    o.Indicators.Select(i => new[] { i.Entity.Name + (i.Entity.Unit is null ? "" : $" ({i.Entity.Unit})"), PlanLabels.Number(i.Entity.Baseline),
                        PlanLabels.Number(i.Entity.Target), PlanLabels.Number(i.Current), $"{Math.Round(i.Progress)} %", i.SourceLabel }));
            if (o.Actions.Count > 0)
                w.Table(["Azione", "Ente responsabile", "Budget", "Periodo", "Stato"], [0.32, 0.25, 0.13, 0.18, 0.12],
                    o.Actions.Select(a => new[] { a.Entity.Title, a.Partner ?? "—", PlanLabels.Euro(a.Entity.Budget),
                        $"{a.Entity.StartDate?.ToString("d/M/yy") ?? "…"} – {a.Entity.EndDate?.ToString("d/M/yy") ?? "…"}", PlanLabels.Of(a.Entity.Status) }));
            w.Space();
        }

        w.NewPage();
        w.Outline("Mappatura dei servizi", 0);
        w.Heading("Mappatura dei servizi", 13);
        w.Paragraph("Opportunità pubblicate nel catalogo per area e fascia d'età. «LACUNA»: nessuna offerta per quell'area e fascia d'età.");
        var bands = ServiceMapping.Bands;
        foreach (var m in c.Mapping.Comuni)
        {
            w.EnsureRoom(40 + 16 * c.Mapping.Areas.Count);
            w.Heading($"Comune di {m.Comune}: {m.Gaps} lacune su {c.Mapping.Cells}", 11);
            w.Table(["Area", .. bands.Select(b => b.Label)], [0.3, .. bands.Select(_ => 0.14)],
                c.Mapping.Areas.Select((a, ai) => (string[])[a.Name, .. bands.Select((_, bi) => m.IsGap(ai, bi) ? "LACUNA" : m.Counts[ai][bi].ToString())]));
        }
        if (c.Mapping.Comuni.Count == 0) w.Paragraph("Nessun Comune da mappare.");
        w.Finish();

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static string Percent(double? v) => v is double x ? $"{Math.Round(x)} %" : "non misurabile";

    /// <summary>Writes text down A4 pages, starting a new page when the current one is full; page numbers at the end.</summary>
    sealed class Writer
    {
        const double Mm = 72 / 25.4;
        readonly PdfDocument document;
        PdfPage page = default!;
        XGraphics g = default!;
        double y;
        readonly double left = 18 * Mm, top = 18 * Mm, width, bottom;
        readonly XFont normal = new(PdfFonts.Family, 9.5), bold = new(PdfFonts.Family, 9.5, XFontStyleEx.Bold), small = new(PdfFonts.Family, 8), smallBold = new(PdfFonts.Family, 8, XFontStyleEx.Bold);

        public Writer(PdfDocument document)
        {
            this.document = document;
            NewPage();
            width = page.Width.Point - 2 * left;
            bottom = page.Height.Point - 18 * Mm;
        }

        public void NewPage()
        {
            g?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            g = XGraphics.FromPdfPage(page);
            y = top;
        }

        public void EnsureRoom(double points)
        {
            if (y + points > (bottom == 0 ? page.Height.Point - 18 * Mm : bottom)) NewPage();
        }

        public PdfOutline Outline(string title, int level, PdfOutline? parent = null)
        {
            var outline = new PdfOutline(title, page, true);
            if (parent is null) document.Outlines.Add(outline); else parent.Outlines.Add(outline);
            return outline;
        }

        public void Heading(string text, double size)
        {
            var font = new XFont(PdfFonts.Family, size, XFontStyleEx.Bold);
            foreach (var line in Wrap(text, font, width))
            {
                EnsureRoom(size * 1.5);
                g.DrawString(line, font, new XSolidBrush(XColor.FromArgb(0, 102, 204)), new XPoint(left, y + size));
                y += size * 1.4;
            }
            y += 3;
        }

        public void Paragraph(string text, bool bold = false)
        {
            var font = bold ? this.bold : normal;
            foreach (var raw in text.Replace("\r", "").Split('\n'))
                foreach (var line in Wrap(raw, font, width))
                {
                    EnsureRoom(13);
                    g.DrawString(line, font, XBrushes.Black, new XPoint(left, y + 9.5));
                    y += 13;
                }
        }

        public void Space() => y += 8;

        public void Table(string[] header, double[] shares, IEnumerable<string[]> rows)
        {
            var cols = shares.Select(s => s * width).ToArray();
            void Row(string[] cells, XFont font, bool shade)
            {
                var wrapped = cells.Select((c, i) => Wrap(c, font, cols[i] - 4).ToList()).ToList();
                var height = wrapped.Max(l => Math.Max(1, l.Count)) * 10.5 + 4;
                EnsureRoom(height);
                if (shade) g.DrawRectangle(new XSolidBrush(XColor.FromArgb(230, 236, 242)), left, y, width, height);
                var x = left;
                for (var i = 0; i < cols.Length; i++)
                {
                    var ly = y + 10;
                    foreach (var line in wrapped[i]) { g.DrawString(line, font, XBrushes.Black, new XPoint(x + 2, ly)); ly += 10.5; }
                    x += cols[i];
                }
                y += height;
                g.DrawLine(new XPen(XColor.FromArgb(180, 190, 200), 0.5), left, y, left + width, y);
            }
            Row(header, smallBold, true);
            foreach (var r in rows) Row(r, small, false);
            y += 8;
        }

        IEnumerable<string> Wrap(string text, XFont font, double max)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var line = "";
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width <= max || line.Length == 0)
                {
                    // A single word longer than the column is cut.
                    line = candidate;
                    while (g.MeasureString(line, font).Width > max && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && g.MeasureString(line[..cut], font).Width > max) cut--;
                        yield return line[..cut];
                        line = line[cut..];
                    }
                }
                else
                {
                    yield return line;
                    line = word;
                }
            }
            if (line.Length > 0) yield return line;
        }

        public void Finish()
        {
            g.Dispose();
            var count = document.PageCount;
            for (var i = 0; i < count; i++)
            {
                using var pg = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                pg.DrawString($"Pagina {i + 1} di {count}", small, XBrushes.Gray, new XPoint(left, document.Pages[i].Height.Point - 10 * Mm));
            }
        }
    }
}
