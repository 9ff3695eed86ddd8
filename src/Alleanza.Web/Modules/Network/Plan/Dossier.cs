using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Localization;
using Alleanza.Web.Platform.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// The certification dossier "Comune amico della famiglia" for a Comune (or the whole network) and a period: the plan,
/// its objectives with the indicators' values and the actions, and the mapping with its gaps. As a printable PDF (A4,
/// tagged, with a cover, bookmarks, bar charts and page numbers) and as an XLSX (sheets Piano, Obiettivi e indicatori,
/// Azioni, Mappatura, Lacune per Comune: Italian headers, real numbers and dates, widths, a frozen header row). Written in
/// Italian whatever the reader's language (its dates, amounts and labels too): it is the Comune's document for the certification.
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
        using var italian = Languages.Use(Languages.Italian.Code);
        var book = new XlsxBook();
        var p = c.Plan.Plan;
        book.AddSheet("Piano", [new("Voce"), new("Valore")],
        [
            ["Rete", c.NetworkName], ["Ambito del dossier", Scope(c)], ["Piano", p.Title], ["Anni del piano", PlanLabels.Years(p.StartYear)],
            ["Stato del piano", PlanLabels.Of(p.Status)], ["Valori dal", c.Plan.Period.From], ["Valori al", c.Plan.Period.To],
            ["Obiettivi", c.Plan.Objectives.Count], ["Azioni", c.Plan.AllActions.Count()],
            ["Azioni completate", c.Plan.AllActions.Count(a => a.Entity.Status == ActionStatus.Completed)],
            ["Budget complessivo (€)", c.Plan.Budget], ["Generato il", c.GeneratedAt.ToRome()], ["Descrizione", p.Description ?? ""],
        ]);
        book.AddSheet("Obiettivi e indicatori",
            [new("Area"), new("Obiettivo"), new("Stato dell'obiettivo"), new("Indicatore"), new("Unità"), new("Valore di partenza", XlsxBook.Decimal),
             new("Valore obiettivo", XlsxBook.Decimal), new("Valore attuale", XlsxBook.Decimal), new("Avanzamento (%)", XlsxBook.Percent), new("Fonte")],
            c.Plan.Objectives.SelectMany(o => o.Indicators.Count == 0
                ? [new object?[] { o.Area, o.Entity.Title, PlanLabels.Of(o.Entity.Status), null, null, null, null, null, null, null }]
                : o.Indicators.Select(i => new object?[] { o.Area, o.Entity.Title, PlanLabels.Of(o.Entity.Status), i.Entity.Name, i.Entity.Unit,
                    i.Entity.Baseline, i.Entity.Target, i.Current, Math.Round(i.Progress, 1), i.SourceLabel })));
        book.AddSheet("Azioni", [new("Area"), new("Obiettivo"), new("Azione"), new("Ente responsabile"), new("Budget (€)", XlsxBook.Euro),
                new("Inizio", XlsxBook.Date), new("Fine", XlsxBook.Date), new("Stato")],
            c.Plan.Objectives.SelectMany(o => o.Actions.Select(a => new object?[] { o.Area, o.Entity.Title, a.Entity.Title, a.Partner, a.Entity.Budget,
                a.Entity.StartDate, a.Entity.EndDate, PlanLabels.Of(a.Entity.Status) })));
        ServiceMapping.AddSheets(book, c.Mapping);
        return book.ToBytes();
    }

    // ---------- PDF ----------

    /// <summary>
    /// The dossier as a tagged PDF: document language Italian, title shown by viewers, a structure tree with headings,
    /// paragraphs, tables (header and data cells) and the charts as figures with an alternative text; decorations and
    /// page numbers are artifacts. Drawn twice: the first pass counts the pages for "Pagina n di N".
    /// </summary>
    public static byte[] Pdf(Content c, string webRoot)
    {
        using var italian = Languages.Use(Languages.Italian.Code);
        PdfFonts.Install(webRoot);
        var pages = Render(c, null).PageCount;
        using var document = Render(c, pages);
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static PdfDocument Render(Content c, int? totalPages)
    {
        var document = new PdfDocument();
        var title = $"{Title} — {Scope(c)}";
        document.Info.Title = title;
        document.Info.Subject = $"{c.Plan.Plan.Title}, {c.Plan.Period.Label}";
        document.Info.Author = c.NetworkName;
        document.Info.Keywords = "Piano Family, Comune amico della famiglia, mappatura dei servizi, certificazione";
        document.Info.Creator = "Alleanza";
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("it-IT");
        var w = new Writer(document, ua.StructureBuilder, totalPages);
        var p = c.Plan.Plan;

        // Cover.
        w.Cover(Title, Scope(c), c.NetworkName,
            [("Piano", p.Title), ("Anni del piano", PlanLabels.Years(p.StartYear)), ("Periodo dei valori", c.Plan.Period.Label),
             ("Stato del piano", PlanLabels.Of(p.Status)), ("Data del documento", RomeTime.Format(c.GeneratedAt, "d MMMM yyyy"))]);

        // 1. The plan.
        w.NewPage();
        w.Outline("1. Il piano", 0);
        w.Heading("1. Il piano", 1);
        w.Table(["Voce", "Valore"], [0.35, 0.65], Summary(c).Select(x => new[] { x.Key, x.Value }));
        if (p.Description is { } description) w.Paragraph(description);
        if (c.Plan.Objectives.Count > 0)
            w.Bars("Avanzamento degli obiettivi (media degli indicatori, %)",
                c.Plan.Objectives.Select(o => (o.Entity.Title, o.IndicatorProgress ?? 0, o.IndicatorProgress is null ? "non misurabile" : $"{Math.Round(o.IndicatorProgress.Value)} %")).ToList(), 100);

        // 2. Objectives, indicators and actions.
        w.Space();
        w.EnsureRoom(80);
        var objectivesOutline = w.Outline("2. Obiettivi, indicatori e azioni", 0);
        w.Heading("2. Obiettivi, indicatori e azioni", 1);
        if (c.Plan.Objectives.Count == 0) w.Paragraph("Il piano non ha ancora obiettivi.");
        var n = 0;
        foreach (var o in c.Plan.Objectives)
        {
            n++;
            w.EnsureRoom(110);
            w.Outline(o.Entity.Title, 1, objectivesOutline);
            w.Heading($"2.{n} {o.Entity.Title}", 2);
            w.Paragraph($"Area: {o.Area}. Stato: {PlanLabels.Of(o.Entity.Status)}. Avanzamento degli indicatori: {Percent(o.IndicatorProgress)}; azioni completate: {o.ActionsCompleted} di {o.Actions.Count}.");
            if (o.Entity.Description is { } d) w.Paragraph(d);
            if (o.Indicators.Count > 0)
            {
                w.Table(["Indicatore", "Partenza", "Obiettivo", "Attuale", "Avanz.", "Fonte"], [0.30, 0.1, 0.1, 0.1, 0.08, 0.32],
                    o.Indicators.Select(i => new[] { i.Entity.Name + (i.Entity.Unit is null ? "" : $" ({i.Entity.Unit})"), PlanLabels.Number(i.Entity.Baseline),
                        PlanLabels.Number(i.Entity.Target), PlanLabels.Number(i.Current), $"{Math.Round(i.Progress)} %", i.SourceLabel }));
                w.Bars("Avanzamento degli indicatori verso l'obiettivo (%)",
                    o.Indicators.Select(i => (i.Entity.Name, i.Progress, $"{Math.Round(i.Progress)} %")).ToList(), 100);
            }
            if (o.Actions.Count > 0)
                w.Table(["Azione", "Ente responsabile", "Budget", "Periodo", "Stato"], [0.32, 0.25, 0.13, 0.18, 0.12],
                    o.Actions.Select(a => new[] { a.Entity.Title, a.Partner ?? "—", PlanLabels.Euro(a.Entity.Budget),
                        $"{a.Entity.StartDate?.ToString("d/M/yy") ?? "…"} – {a.Entity.EndDate?.ToString("d/M/yy") ?? "…"}", PlanLabels.Of(a.Entity.Status) }));
            w.Space();
        }

        // 3. The mapping.
        w.NewPage();
        w.Outline("3. Mappatura dei servizi", 0);
        w.Heading("3. Mappatura dei servizi", 1);
        w.Paragraph("Opportunità pubblicate nel catalogo per area e fascia d'età. «LACUNA»: nessuna offerta per quell'area e fascia d'età. "
            + "Le aree che non riguardano un'età (la governance della rete) sono contate a parte e non hanno lacune.");
        var bands = ServiceMapping.Bands;
        var byAge = c.Mapping.Areas.Select((a, i) => (a, i)).Where(x => x.a.ByAge).ToList();
        var apart = c.Mapping.Areas.Select((a, i) => (a, i)).Where(x => !x.a.ByAge).ToList();
        if (c.Mapping.Comuni.Count > 0 && byAge.Count > 0)
        {
            var gaps = c.Mapping.GapsPerArea;
            var most = Math.Max(1, gaps.Max());
            w.Bars($"Lacune per area ({c.Mapping.Comuni.Count} {(c.Mapping.Comuni.Count == 1 ? "Comune" : "Comuni")})",
                byAge.Select(x => (x.a.Name, (double)gaps[x.i], gaps[x.i].ToString())).ToList(), most);
        }
        foreach (var m in c.Mapping.Comuni)
        {
            w.EnsureRoom(60 + 16 * byAge.Count);
            w.Heading($"Comune di {m.Comune}: {m.Gaps} lacune su {c.Mapping.Cells}", 3);
            w.Table(["Area", .. bands.Select(b => b.Label)], [0.3, .. bands.Select(_ => 0.14)],
                byAge.Select(x => (string[])[x.a.Name, .. bands.Select((_, bi) => m.IsGap(x.i, bi) ? "LACUNA" : m.Counts[x.i][bi].ToString())]));
            foreach (var (a, i) in apart)
                w.Paragraph($"{a.Name} (non per fascia d'età): {m.Offers(i)} opportunità.");
        }
        if (c.Mapping.Comuni.Count == 0) w.Paragraph("Nessun Comune da mappare.");
        w.Finish();
        return document;
    }

    static string Percent(double? v) => v is double x ? $"{Math.Round(x)} %" : "non misurabile";

    /// <summary>Writes tagged text, tables and bar charts down A4 pages, starting a new page when the current one is full.</summary>
    internal sealed class Writer
    {
        const double Mm = 72 / 25.4;
        static readonly XColor Blue = XColor.FromArgb(0, 102, 204), Grey = XColor.FromArgb(92, 111, 130), Shade = XColor.FromArgb(230, 236, 242);
        readonly PdfDocument document;
        readonly StructureBuilder sb;
        readonly int? totalPages;
        PdfPage page = default!;
        XGraphics g = default!;
        double y;
        readonly double left = 18 * Mm, top = 18 * Mm, width, bottom;
        readonly XFont normal = new(PdfFonts.Family, 9.5), bold = new(PdfFonts.Family, 9.5, XFontStyleEx.Bold), small = new(PdfFonts.Family, 8), smallBold = new(PdfFonts.Family, 8, XFontStyleEx.Bold);

        public Writer(PdfDocument document, StructureBuilder sb, int? totalPages)
        {
            this.document = document;
            this.sb = sb;
            this.totalPages = totalPages;
            sb.BeginElement(PdfGroupingElementTag.Document);
            NewPage();
            width = page.Width.Point - 2 * left;
            bottom = page.Height.Point - 22 * Mm;
        }

        public void NewPage()
        {
            if (g is not null) { PageNumber(); g.Dispose(); }
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            g = XGraphics.FromPdfPage(page);
            y = top;
        }

        /// <summary>"Pagina n di N" at the foot of the current page, as an artifact (not read as content).</summary>
        void PageNumber()
        {
            var number = document.PageCount;
            if (number == 1) return; // not on the cover
            sb.BeginArtifact();
            g.DrawLine(new XPen(Shade, 0.7), left, page.Height.Point - 14 * Mm, page.Width.Point - left, page.Height.Point - 14 * Mm);
            g.DrawString(totalPages is int total ? $"Pagina {number} di {total}" : $"Pagina {number}", small, new XSolidBrush(Grey),
                new XPoint(left, page.Height.Point - 10 * Mm));
            sb.End();
        }

        double Bottom => bottom == 0 ? page.Height.Point - 22 * Mm : bottom;

        public void EnsureRoom(double points)
        {
            if (y + points > Bottom) NewPage();
        }

        public PdfOutline Outline(string title, int level, PdfOutline? parent = null)
        {
            var outline = new PdfOutline(title, page, true);
            if (parent is null) document.Outlines.Add(outline); else parent.Outlines.Add(outline);
            return outline;
        }

        public void Cover(string title, string scope, string network, (string Key, string Value)[] facts)
        {
            var pageWidth = page.Width.Point;
            sb.BeginArtifact();
            g.DrawRectangle(new XSolidBrush(Blue), 0, 0, pageWidth, 95 * Mm);
            g.DrawRectangle(new XSolidBrush(Shade), 0, page.Height.Point - 30 * Mm, pageWidth, 30 * Mm);
            sb.End();
            y = 30 * Mm;
            var white = new XSolidBrush(XColors.White);
            sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
            g.DrawString(network, new XFont(PdfFonts.Family, 12), white, new XPoint(left, y));
            sb.End();
            y += 16 * Mm;
            var big = new XFont(PdfFonts.Family, 24, XFontStyleEx.Bold);
            sb.BeginElement(PdfBlockLevelElementTag.Heading1);
            foreach (var line in Wrap(title, big, width)) { g.DrawString(line, big, white, new XPoint(left, y)); y += 30; }
            sb.End();
            y += 4;
            sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
            g.DrawString(scope, new XFont(PdfFonts.Family, 15), white, new XPoint(left, y));
            sb.End();
            y = 115 * Mm;
            var key = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
            var value = new XFont(PdfFonts.Family, 12);
            foreach (var (k, v) in facts)
            {
                sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
                g.DrawString(k, key, new XSolidBrush(Grey), new XPoint(left, y));
                foreach (var line in Wrap(v, value, width)) { y += 16; g.DrawString(line, value, XBrushes.Black, new XPoint(left, y)); }
                sb.End();
                y += 26;
            }
            sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
            g.DrawString("Documento generato da Alleanza per la certificazione territoriale «Comune amico della famiglia».", small, new XSolidBrush(Grey),
                new XPoint(left, page.Height.Point - 16 * Mm));
            sb.End();
        }

        public void Heading(string text, int level)
        {
            var size = level switch { 1 => 15.0, 2 => 12.0, _ => 10.5 };
            var font = new XFont(PdfFonts.Family, size, XFontStyleEx.Bold);
            EnsureRoom(size * 3);
            sb.BeginElement(level switch { 1 => PdfBlockLevelElementTag.Heading1, 2 => PdfBlockLevelElementTag.Heading2, _ => PdfBlockLevelElementTag.Heading3 });
            foreach (var line in Wrap(text, font, width))
            {
                EnsureRoom(size * 1.5);
                g.DrawString(line, font, new XSolidBrush(Blue), new XPoint(left, y + size));
                y += size * 1.4;
            }
            sb.End();
            y += 4;
        }

        public void Paragraph(string text, bool bold = false)
        {
            var font = bold ? this.bold : normal;
            foreach (var raw in text.Replace("\r", "").Split('\n'))
            {
                if (raw.Trim().Length == 0) continue;
                sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
                foreach (var line in Wrap(raw, font, width))
                {
                    EnsureRoom(13);
                    g.DrawString(line, font, XBrushes.Black, new XPoint(left, y + 9.5));
                    y += 13;
                }
                sb.End();
                y += 3;
            }
        }

        public void Space() => y += 8;

        public void Table(string[] header, double[] shares, IEnumerable<string[]> rows)
        {
            var cols = shares.Select(s => s * width).ToArray();
            void Row(string[] cells, XFont font, bool head)
            {
                var wrapped = cells.Select((c, i) => Wrap(c, font, cols[i] - 4).ToList()).ToList();
                var height = wrapped.Max(l => Math.Max(1, l.Count)) * 10.5 + 4;
                EnsureRoom(height);
                sb.BeginElement(PdfBlockLevelElementTag.TableRow);
                sb.BeginArtifact();
                if (head) g.DrawRectangle(new XSolidBrush(Shade), left, y, width, height);
                g.DrawLine(new XPen(XColor.FromArgb(180, 190, 200), 0.5), left, y + height, left + width, y + height);
                sb.End();
                var x = left;
                for (var i = 0; i < cols.Length; i++)
                {
                    sb.BeginElement(head ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
                    var ly = y + 10;
                    foreach (var line in wrapped[i]) { g.DrawString(line, font, XBrushes.Black, new XPoint(x + 2, ly)); ly += 10.5; }
                    if (wrapped[i].Count == 0) g.DrawString(" ", font, XBrushes.Black, new XPoint(x + 2, ly));
                    sb.End();
                    x += cols[i];
                }
                sb.End();
                y += height;
            }
            sb.BeginElement(PdfBlockLevelElementTag.Table);
            Row(header, smallBold, true);
            foreach (var r in rows) Row(r, small, false);
            sb.End();
            y += 8;
        }

        /// <summary>A horizontal bar chart (one bar per item, scaled to <paramref name="max"/>), tagged as a figure whose alternative text lists the values.</summary>
        public void Bars(string caption, IReadOnlyList<(string Label, double Value, string Shown)> items, double max)
        {
            if (items.Count == 0) return;
            const double barHeight = 11, gap = 5;
            var height = 18 + items.Count * (barHeight + gap) + 4;
            EnsureRoom(height + 6);
            var alt = caption + ": " + string.Join("; ", items.Select(i => $"{i.Label} {i.Shown}")) + ".";
            var labelWidth = width * 0.38;
            var barMax = width - labelWidth - 50;
            sb.BeginElement(PdfIllustrationElementTag.Figure, alt, new XRect(left, y, width, height));
            g.DrawString(caption, smallBold, new XSolidBrush(Grey), new XPoint(left, y + 9));
            var by = y + 18;
            foreach (var (label, value, shown) in items)
            {
                var text = Wrap(label, small, labelWidth - 6).FirstOrDefault() ?? "";
                g.DrawString(text, small, XBrushes.Black, new XPoint(left, by + 8.5));
                g.DrawRectangle(new XSolidBrush(Shade), left + labelWidth, by, barMax, barHeight);
                var length = max <= 0 ? 0 : Math.Clamp(value / max, 0, 1) * barMax;
                if (length > 0) g.DrawRectangle(new XSolidBrush(Blue), left + labelWidth, by, length, barHeight);
                g.DrawString(shown, small, XBrushes.Black, new XPoint(left + labelWidth + barMax + 4, by + 8.5));
                by += barHeight + gap;
            }
            sb.End();
            y += height + 6;
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
            PageNumber();
            sb.End(); // Document
            g.Dispose();
        }
    }
}
