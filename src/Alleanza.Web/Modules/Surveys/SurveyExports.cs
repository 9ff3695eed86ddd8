using System.Globalization;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Pdf;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// The coordinator's downloads: the answers (one row per submitted questionnaire, coded, without the free texts) with
/// their codebook, the free texts alone (without any other answer of the same family), a workbook with all of it,
/// and a PDF report of the results as published (small groups hidden).
/// </summary>
public sealed class SurveyExports(AppDbContext db)
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public sealed record Variable(string Name, SurveyDefinition.Question Question, Guid? Option, string Label, string Values);

    public static List<Variable> Codebook(SurveyDefinition survey)
    {
        var list = new List<Variable>();
        var n = 0;
        foreach (var q in survey.Questions)
        {
            n++;
            var options = survey.OptionsOf(q);
            switch (q.Entity.Type)
            {
                case QuestionType.ShortText or QuestionType.LongText: break;
                case QuestionType.Matrix or QuestionType.Ranking:
                    for (var i = 0; i < q.Options.Count; i++)
                        list.Add(new($"D{n}_{i + 1}", q, q.Options[i].Id, $"{q.Entity.Text} — {q.Options[i].Text}",
                            q.Entity.Type == QuestionType.Matrix ? "da 1 a 5" : $"posizione da 1 a {q.Options.Count}"));
                    break;
                case QuestionType.MultipleChoice:
                    for (var i = 0; i < options.Count; i++)
                        list.Add(new($"D{n}_{i + 1}", q, options[i].Id, $"{q.Entity.Text} — {options[i].Text}", "1 = scelta; 0 = non scelta; vuoto = non ha risposto"));
                    break;
                case QuestionType.SingleChoice or QuestionType.Comune:
                    list.Add(new($"D{n}", q, null, q.Entity.Text, string.Join("; ", options.Select((o, i) => $"{i + 1} = {o.Text}"))));
                    break;
                default:
                    list.Add(new($"D{n}", q, null, q.Entity.Text, q.Entity.Type switch
                    {
                        QuestionType.Rating5 => "da 1 a 5", QuestionType.Rating10 => "da 0 a 10", QuestionType.ChildAge => "anni compiuti, da 0 a 17",
                        QuestionType.Date => "data (aaaa-mm-gg)", _ => "numero intero",
                    }));
                    break;
            }
        }
        return list;
    }

    /// <summary>The coded answers: header and rows (a sequence number, the day, the school if recorded, one column per variable).</summary>
    public async Task<(List<string> Header, List<string?[]> Rows)> AnswersAsync(SurveyDefinition survey)
    {
        var variables = Codebook(survey);
        var surveyId = survey.Survey.Id;
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.SubmittedOn, r.SchoolId }).ToListAsync();
        var ids = variables.Select(v => v.Question.Id).Distinct().ToList();
        var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.QuestionId))
                .Select(a => new { a.ResponseId, a.QuestionId, a.OptionId, a.Number, a.Date }).ToListAsync())
            .ToLookup(a => a.ResponseId);
        var schools = await db.Partners.AsNoTracking().Where(p => p.NetworkId == survey.Survey.NetworkId).ToDictionaryAsync(p => p.Id, p => p.Name);
        var header = new List<string> { "n", "giorno" };
        if (survey.Survey.PerSchoolResults) header.Add("scuola");
        header.AddRange(variables.Select(v => v.Name));
        var rows = new List<string?[]>();
        var number = 0;
        foreach (var r in responses)
        {
            var mine = answers[r.Id].ToList();
            var row = new List<string?> { (++number).ToString(Invariant), r.SubmittedOn.ToString("yyyy-MM-dd", Invariant) };
            if (survey.Survey.PerSchoolResults) row.Add(r.SchoolId is { } s ? schools.GetValueOrDefault(s) : null);
            foreach (var v in variables)
            {
                var given = mine.Where(a => a.QuestionId == v.Question.Id).ToList();
                var options = survey.OptionsOf(v.Question);
                row.Add(v.Question.Entity.Type switch
                {
                    _ when given.Count == 0 => null,
                    QuestionType.MultipleChoice => given.Any(a => a.OptionId == v.Option) ? "1" : "0",
                    QuestionType.Matrix or QuestionType.Ranking => given.FirstOrDefault(a => a.OptionId == v.Option)?.Number?.ToString(Invariant),
                    QuestionType.SingleChoice or QuestionType.Comune => options.Select((o, i) => (o, i)).Where(x => x.o.Id == given[0].OptionId).Select(x => (x.i + 1).ToString(Invariant)).FirstOrDefault(),
                    QuestionType.Date => given[0].Date?.ToString("yyyy-MM-dd", Invariant),
                    _ => given[0].Number?.ToString(Invariant),
                });
            }
            rows.Add([.. row]);
        }
        return (header, rows);
    }

    public async Task<byte[]> AnswersCsvAsync(SurveyDefinition survey)
    {
        var (header, rows) = await AnswersAsync(survey);
        return StatisticsFormat.Csv(header, rows.Select(r => r.Select(v => v ?? "")));
    }

    public static byte[] CodebookCsv(SurveyDefinition survey) =>
        StatisticsFormat.Csv(["variabile", "domanda", "tipo", "valori"],
            Codebook(survey).Select(v => (IEnumerable<string>)[v.Name, v.Label, PlanLabels.Of(v.Question.Entity.Type), v.Values]));

    public static byte[] TextsCsv(IEnumerable<(string Question, string Text)> texts) =>
        StatisticsFormat.Csv(["domanda", "testo"], texts.Select(t => (IEnumerable<string>)[t.Question, t.Text]));

    public async Task<byte[]> XlsxAsync(SurveyDefinition survey, SurveyResults.Result results)
    {
        var (header, rows) = await AnswersAsync(survey);
        var book = new XlsxBook();
        var numeric = header.Select((h, i) => i == 0 || (i >= (survey.Survey.PerSchoolResults ? 3 : 2) && !h.StartsWith("giorno"))).ToList();
        var dateColumns = Codebook(survey).Where(v => v.Question.Entity.Type == QuestionType.Date).Select(v => v.Name).ToHashSet();
        book.AddSheet("Risposte", header.Select((h, i) => new XlsxBook.Column(h, numeric[i] && !dateColumns.Contains(h) ? XlsxBook.Integer : null)),
            rows.Select(r => r.Select((v, i) => numeric[i] && !dateColumns.Contains(header[i]) && v is not null && int.TryParse(v, NumberStyles.Integer, Invariant, out var n) ? (object?)n : v).ToArray()));
        book.AddSheet("Codebook", [new("Variabile"), new("Domanda"), new("Tipo"), new("Valori")],
            Codebook(survey).Select(v => new object?[] { v.Name, v.Label, PlanLabels.Of(v.Question.Entity.Type), v.Values }));
        book.AddSheet("Risultati", [new("Domanda"), new("Risposta"), new("Famiglie", XlsxBook.Integer), new("%", XlsxBook.Percent)],
            results.Questions.Where(q => q.Table is not null).SelectMany(q => q.Labels.Select((l, i) => new object?[] { $"{q.Number}. {q.Question.Entity.Text}", l, q.Count(i), q.Percent(i) })));
        return book.ToBytes();
    }

    /// <summary>
    /// The results as published, whole: every answer of every question and every row of the crossing chosen, one line each
    /// (question, row, column, families, percent), hidden figures left empty as on the page. The page shows only the largest
    /// figures of a long list (the Comuni of a large network); this is the full table.
    /// </summary>
    public static byte[] ResultsTableCsv(SurveyResults.Result r)
    {
        static string N(long? n) => n is { } v ? StatisticsFormat.CsvNumber(v) : "";
        static string P(double? p) => p is { } v ? v.ToString("0.0", Invariant) : "";
        var rows = new List<IEnumerable<string>>();
        foreach (var q in r.Questions)
        {
            var title = $"{q.Number}. {q.Question.Entity.Text}";
            if (q.Grid is { } grid)
            {
                for (var i = 0; i < grid.Rows.Count; i++)
                    for (var k = 0; k < grid.Columns.Count; k++) rows.Add([title, grid.Rows[i], grid.Columns[k], N(grid.Table[i, k]), ""]);
            }
            else if (q.Table is not null)
                for (var i = 0; i < q.Labels.Count; i++) rows.Add([title, q.Labels[i], "", N(q.Count(i)), P(q.Percent(i))]);
        }
        foreach (var c in r.Cross)
            for (var i = 0; i < c.Rows.Count; i++)
            {
                for (var k = 0; k < c.Columns.Count; k++) rows.Add([$"Incrocio: {c.Title}", c.Rows[i], c.Columns[k], N(c.Table[i, k]), ""]);
                rows.Add([$"Incrocio: {c.Title}", c.Rows[i], "Totale", N(c.Table.RowTotals[i]), ""]);
            }
        return StatisticsFormat.Csv(["domanda", "risposta o riga", "colonna", "famiglie", "percentuale"], rows);
    }

    /// <summary>The results report: each question's published figures as a table with bars; hidden figures as «—».</summary>
    public static byte[] Pdf(SurveyResults.Result r, string networkName, DateTime now, string webRoot)
    {
        PdfFonts.Install(webRoot);
        using var document = new PdfDocument();
        document.Info.Title = $"Risultati — {r.Survey.Survey.Title}";
        document.Info.Author = networkName;
        var mm = 72 / 25.4;
        var h1 = new XFont(PdfFonts.Family, 15, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Bold);
        var normal = new XFont(PdfFonts.Family, 9);
        var small = new XFont(PdfFonts.Family, 7.5);
        var blue = new XSolidBrush(XColor.FromArgb(0, 102, 204));
        var light = new XSolidBrush(XColor.FromArgb(230, 236, 242));
        var it = CultureInfo.GetCultureInfo("it-IT");
        PdfPage page = null!;
        XGraphics g = null!;
        double y = 0, left = 18 * mm, width = 174 * mm;
        void NewPage()
        {
            g?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            g = XGraphics.FromPdfPage(page);
            y = 20 * mm;
        }
        void Need(double space) { if (y + space > 280 * mm) NewPage(); }
        void Line(string text, XFont font, double step = 5)
        {
            foreach (var part in Wrap(text, font == h1 ? 60 : 105))
            {
                Need(step * mm);
                g.DrawString(part, font, XBrushes.Black, new XPoint(left, y));
                y += step * mm;
            }
        }
        NewPage();
        Line(r.Survey.Survey.Title, h1, 8);
        Line($"{networkName} — report dei risultati, {RomeTime.Format(now, "d/M/yyyy")}", normal);
        Line(r.ResponsesShown ? $"Questionari compilati: {r.Responses.ToString("N0", it)}." : $"Meno di {r.Threshold} questionari compilati.", normal);
        Line($"«—»: dato nascosto perché riguarda meno di {r.Threshold} famiglie, o perché permetterebbe di ricavarne uno così. Le risposte libere non sono pubblicate.", small, 4);
        y += 4 * mm;
        foreach (var q in r.Questions)
        {
            Need(16 * mm);
            Line($"{q.Number}. {q.Question.Entity.Text}", bold);
            if (q.Grid is { } grid)
            {
                for (var i = 0; i < grid.Rows.Count; i++)
                    Line($"{grid.Rows[i]}: " + string.Join(", ", grid.Columns.Select((c, k) => $"{c} → {grid.Table[i, k]?.ToString("N0", it) ?? "—"}"))
                        + (q.ItemMeans?[i] is { } m ? $" · media {m.ToString("0.0", it)}" : ""), small, 4);
                y += 2 * mm;
                continue;
            }
            if (q.Table is null)
            {
                Line(q.IsText ? "Risposta libera: i testi non si pubblicano." : q.Shown ? $"{q.Answered.ToString("N0", it)} risposte" + (q.Mean is { } m ? $"; media {m.ToString("0.0", it)}" : "") : "Dato nascosto.", normal);
                y += 2 * mm;
                continue;
            }
            for (var i = 0; i < q.Labels.Count; i++)
            {
                Need(5 * mm);
                var p = q.Percent(i);
                g.DrawString(Fit(q.Labels[i], 48), normal, XBrushes.Black, new XPoint(left, y));
                double barX = left + 80 * mm, barW = 60 * mm;
                g.DrawRectangle(light, barX, y - 3 * mm, barW, 3.2 * mm);
                if (p is { } share) g.DrawRectangle(blue, barX, y - 3 * mm, barW * share / 100, 3.2 * mm);
                g.DrawString(q.Count(i)?.ToString("N0", it) ?? "—", normal, XBrushes.Black, new XPoint(left + 145 * mm, y));
                g.DrawString(p is { } pp ? pp.ToString("0.0", it) + " %" : "—", normal, XBrushes.Black, new XPoint(left + 160 * mm, y));
                y += 5 * mm;
            }
            Line((q.ByOption ? "Hanno risposto: " : "Totale: ") + (q.Base?.ToString("N0", it) ?? "—") + (q.Mean is { } mean ? $" · media {mean.ToString("0.0", it)}" : ""), small, 4);
            y += 3 * mm;
        }
        _ = width;
        g.Dispose();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    static IEnumerable<string> Wrap(string text, int max)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length + word.Length + 1 > max && line.Length > 0) { yield return line; line = ""; }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) yield return line;
    }
}
