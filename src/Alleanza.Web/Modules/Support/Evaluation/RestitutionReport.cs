using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using Alleanza.Web.Platform.Statistics;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Alleanza.Web.Modules.Support.Evaluation;

/// <summary>
/// The restitution report for the territory, for a period: the targets and their progress, the labs' activity, the
/// trainings, the KPIs of case management and the before/after change — the evaluation's anonymised aggregates only,
/// with every hidden figure written «—». As a tagged PDF (the dossier's writer) and as an XLSX (the dossier's book).
/// </summary>
public sealed class RestitutionReport
{
    public const string Title = "Report di restituzione del programma";
    public const string Hidden = "—";

    static string Capital(string s) => s.Length == 0 ? s : s[..1].ToUpperInvariant() + s[1..];

    public static string Shown(long? n) => n is long v ? StatisticsFormat.Number(v) : Hidden;

    static string Note(CaseKpis.Result r) =>
        Tr.Get("Dati anonimi e aggregati. Nessun dato riguarda meno di {0} famiglie: «{1}» indica un dato nascosto perché troppo piccolo o perché, con i totali, permetterebbe di ricalcolarne uno nascosto.", r.Threshold, Hidden);

    static string Period(CaseKpis.Result r) => Tr.Get("dal {0} al {1}", r.Period.From.ToString("d/M/yyyy"), r.Period.To.ToString("d/M/yyyy"));

    static IEnumerable<string[]> Rows(CaseKpis.Table t)
    {
        for (var r = 0; r < t.Rows.Count; r++)
            yield return [t.Rows[r], .. Enumerable.Range(0, t.Columns.Count).Select(c => Shown(t.Published[r, c])), .. t.RowTotals ? [Shown(t.Published.RowTotals[r])] : Array.Empty<string>()];
        yield return [Tr.Get("Totale"), .. t.Published.ColumnTotals.Select(Shown), .. t.RowTotals ? [Shown(t.Published.Total)] : Array.Empty<string>()];
    }

    static string[] Header(CaseKpis.Table t) => [t.RowHeader, .. t.Columns, .. t.RowTotals ? [Tr.Get("Totale")] : Array.Empty<string>()];

    static IEnumerable<string[]> TargetRows(CaseKpis.Result r) => r.Targets.Select(t => new[]
    {
        t.Name, t.Goal is decimal g ? StatisticsFormat.Number((long)g) : "—", Shown(t.Value),
        t.Goal is decimal goal && goal > 0 && t.Value is long v ? $"{Math.Round(v * 100 / goal)} %" : "—",
    });

    static IEnumerable<string[]> ChangeRows(CaseKpis.Result r) => r.Changes.Select(c => new[]
    {
        c.Domain, c.HigherIsBetter ? Tr.Get("forza") : Tr.Get("problema"), Shown(c.Families),
        c.MeanChange is double m ? m.ToString("+0.00;-0.00;0.00", RomeTime.Culture) : Hidden,
        c.ShareImproved is double s ? StatisticsFormat.Percent(s) : Hidden,
    });

    public static byte[] Pdf(CaseKpis.Result r, string webRoot)
    {
        PdfFonts.Install(webRoot);
        var pages = Render(r, null).PageCount;
        using var document = Render(r, pages);
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static PdfDocument Render(CaseKpis.Result r, int? totalPages)
    {
        var document = new PdfDocument();
        document.Info.Title = $"{Tr.Get(Title)} — {r.NetworkName}";
        document.Info.Subject = Tr.Get("Valutazione dei percorsi, dei laboratori e della formazione, {0}", Period(r));
        document.Info.Author = r.NetworkName;
        document.Info.Creator = "Alleanza";
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage(RomeTime.Culture.Name);
        var w = new Dossier.Writer(document, ua.StructureBuilder, totalPages);
        w.Cover(Tr.Get(Title), Tr.Get("Tutta la rete"), r.NetworkName,
            [(Tr.Get("Periodo"), Period(r)), (Tr.Get("Soglia di pubblicazione"), Tr.Get("{0} famiglie", r.Threshold)), (Tr.Get("Data del documento"), RomeTime.Format(r.GeneratedAt, "d MMMM yyyy"))]);

        w.NewPage();
        w.Outline(Tr.Get("1. Gli obiettivi del programma"), 0);
        w.Heading(Tr.Get("1. Gli obiettivi del programma"), 1);
        w.Paragraph(Note(r));
        w.Table([Tr.Get("Obiettivo"), Tr.Get("Atteso"), Tr.Get("Raggiunto"), Tr.Get("Avanz.")], [0.46, 0.18, 0.18, 0.18], TargetRows(r));
        w.Table([Tr.Get("Obiettivo"), .. r.Quarters], [0.3, .. r.Quarters.Select(_ => 0.7 / Math.Max(1, r.Quarters.Count))],
            r.Targets.Select(t => (string[])[t.Name, .. t.ByQuarter.Select(Shown)]));
        TableOf(w, r.FamiliesByQuarterAndComune);

        w.Space();
        w.EnsureRoom(80);
        w.Outline(Tr.Get("2. Laboratori di comunità e formazione"), 0);
        w.Heading(Tr.Get("2. Laboratori di comunità e formazione"), 1);
        TableOf(w, r.LabActivity);
        if (r.Trainings.Rows.Count == 0) w.Paragraph(Tr.Get("Nessun corso con incontri nel periodo."));
        else TableOf(w, r.Trainings);

        w.Space();
        w.EnsureRoom(80);
        w.Outline(Tr.Get("3. La gestione dei percorsi"), 0);
        w.Heading(Tr.Get("3. La gestione dei percorsi"), 1);
        w.Table([Tr.Get("Indicatore"), Tr.Get("Valore"), Tr.Get("Base")], [0.45, 0.15, 0.4], r.Figures.Select(f => new[] { f.Label, f.Shown ?? Hidden, f.Basis }));
        TableOf(w, r.Caseload);
        TableOf(w, r.ClosuresByOutcome);

        w.Space();
        w.EnsureRoom(80);
        w.Outline(Tr.Get("4. Il cambiamento delle famiglie"), 0);
        w.Heading(Tr.Get("4. Il cambiamento delle famiglie"), 1);
        w.Paragraph(Tr.Get("Tra la valutazione iniziale (T0) e quella finale dei percorsi con la valutazione finale nel periodo. Variazione media in livelli della scala: positiva quando la situazione migliora (per gli ambiti «problema» il livello scende)."));
        if (r.Changes.Count == 0) w.Paragraph(Tr.Get("Nessun percorso con la valutazione iniziale e finale nel periodo."));
        else
        {
            w.Table([Tr.Get("Ambito"), Tr.Get("Tipo"), Tr.Get("Famiglie"), Tr.Get("Variazione media"), Tr.Get("Quota migliorate")], [0.4, 0.12, 0.14, 0.17, 0.17], ChangeRows(r));
            TableOf(w, r.ChangeByDomain);
        }
        w.Finish();
        return document;
    }

    static void TableOf(Dossier.Writer w, CaseKpis.Table t)
    {
        w.EnsureRoom(60);
        w.Heading(t.Caption, 3);
        var columns = t.Columns.Count + (t.RowTotals ? 2 : 1);
        w.Table(Header(t), [0.28, .. Enumerable.Range(0, columns - 1).Select(_ => 0.72 / (columns - 1))], Rows(t));
    }

    public static byte[] Xlsx(CaseKpis.Result r)
    {
        var book = new XlsxBook();
        book.AddSheet("Report", [new("Voce"), new("Valore")],
            [["Rete", r.NetworkName], ["Periodo dal", r.Period.From], ["Periodo al", r.Period.To], ["Soglia (famiglie)", r.Threshold], ["Nota", Note(r)]]);
        book.AddSheet("Obiettivi", [new("Obiettivo"), new("Atteso", XlsxBook.Integer), new("Raggiunto", XlsxBook.Integer), .. r.Quarters.Select(q => new XlsxBook.Column(q, XlsxBook.Integer))],
            r.Targets.Select(t => (object?[])[t.Name, t.Goal, t.Value is long v ? v : Hidden, .. t.ByQuarter.Select(q => q is long n ? n : (object)Hidden)]));
        Sheet(book, "Famiglie per Comune", r.FamiliesByQuarterAndComune);
        Sheet(book, "Laboratori", r.LabActivity);
        Sheet(book, "Formazione", r.Trainings);
        book.AddSheet("Gestione dei percorsi", [new("Indicatore"), new("Valore"), new("Base")], r.Figures.Select(f => new object?[] { f.Label, f.Shown ?? Hidden, f.Basis }));
        Sheet(book, "Carico di lavoro", r.Caseload);
        Sheet(book, "Chiusure per esito", r.ClosuresByOutcome);
        book.AddSheet("Cambiamento", [new("Ambito"), new("Tipo"), new("Famiglie"), new("Variazione media"), new("Quota migliorate")], ChangeRows(r).Select(x => x.Cast<object?>().ToArray()));
        Sheet(book, "Variazione per ambito", r.ChangeByDomain);
        return book.ToBytes();
    }

    /// <summary>A table as a sheet: published numbers as numbers, hidden ones as «—».</summary>
    static void Sheet(XlsxBook book, string name, CaseKpis.Table t)
    {
        object? Cell(long? v) => v is long n ? n : Hidden;
        var rows = new List<object?[]>();
        for (var i = 0; i < t.Rows.Count; i++)
            rows.Add([t.Rows[i], .. Enumerable.Range(0, t.Columns.Count).Select(c => Cell(t.Published[i, c])), .. t.RowTotals ? [Cell(t.Published.RowTotals[i])] : Array.Empty<object?>()]);
        rows.Add(["Totale", .. t.Published.ColumnTotals.Select(Cell), .. t.RowTotals ? [Cell(t.Published.Total)] : Array.Empty<object?>()]);
        book.AddSheet(name, [new(t.RowHeader), .. t.Columns.Select(c => new XlsxBook.Column(c, XlsxBook.Integer)), .. t.RowTotals ? [new XlsxBook.Column("Totale", XlsxBook.Integer)] : Array.Empty<XlsxBook.Column>()], rows);
    }
}
