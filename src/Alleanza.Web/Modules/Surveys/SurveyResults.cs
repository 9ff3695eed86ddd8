using System.Collections.Concurrent;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// The results of a questionnaire, as they may be shown: per question the counts and shares (a table of one row; for a
/// multiple choice one row per option, chosen / not chosen), means for the scales, and cross-tabulations by Comune,
/// child's age band, school or any single-choice question. Every table goes through <see cref="SmallCells.Suppress"/>
/// with the network's threshold (complementary suppression included), and a mean or share is shown only when the
/// figures it comes from are. Free texts are never part of the results: the coordinators read and export them apart.
/// </summary>
public sealed class SurveyResults(AppDbContext db)
{
    public static readonly (string Label, int From, int To)[] AgeBands = [("0–2 anni", 0, 2), ("3–5 anni", 3, 5), ("6–10 anni", 6, 10), ("11–13 anni", 11, 13), ("14–17 anni", 14, 17)];

    /// <param name="Grid">A matrix's or a ranking's table: items × values (1–5, or positions), with each item's mean.</param>
    public sealed record QuestionResult(int Number, SurveyDefinition.Question Question, IReadOnlyList<string> Labels, PublishedTable? Table,
        bool ByOption, long Answered, double? Mean, bool Shown, CrossResult? Grid = null, IReadOnlyList<double?>? ItemMeans = null)
    {
        public QuestionType Type => Question.Entity.Type;
        public bool IsText => Type is QuestionType.ShortText or QuestionType.LongText;

        /// <summary>The share of a cell, in percent, when both the cell and its base may be shown.</summary>
        public double? Percent(int index)
        {
            if (Table is null) return null;
            long? count = ByOption ? Table[index, 0] : Table[0, index];
            long? total = ByOption ? Table.RowTotals[index] : Table.Total;
            return count is { } c && total is { } t && t > 0 ? 100.0 * c / t : null;
        }

        public long? Count(int index) => Table is null ? null : ByOption ? Table[index, 0] : Table[0, index];
        public long? Base => Table is null ? null : ByOption ? Table.RowTotals.FirstOrDefault() : Table.Total;

        /// <summary>A list too long for the page (the Comuni of a large network): only its largest published figures are shown.</summary>
        public bool IsLong => Labels.Count > LongList;

        /// <summary>The answers the page shows, in order: all of them, or for a long list the <see cref="LongListShown"/> largest
        /// published figures (a hidden or empty cell is left out; the whole table is in the download).</summary>
        public IReadOnlyList<int> ShownIndexes => !IsLong ? Enumerable.Range(0, Labels.Count).ToList()
            : Enumerable.Range(0, Labels.Count).Where(i => Count(i) is > 0).OrderByDescending(i => Count(i)).ThenBy(i => Labels[i], StringComparer.CurrentCulture)
                .Take(LongListShown).ToList();

        /// <summary>For a long list: how many answers have a hidden figure (fewer families than the threshold).</summary>
        public int HiddenCount => Table is null ? 0 : Enumerable.Range(0, Labels.Count).Count(i => Count(i) is null);
    }

    /// <summary>Lists with more answers than this (a Comune question over a thousand Comuni) show only their largest figures.</summary>
    public const int LongList = 25;
    /// <summary>How many answers of a long list the page shows.</summary>
    public const int LongListShown = 20;

    public sealed record CrossResult(string Title, string RowHeader, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, PublishedTable Table)
    {
        public bool IsLong => Rows.Count > LongList;

        /// <summary>The rows the page shows: all of them, or for a long table the <see cref="LongListShown"/> with the largest
        /// published totals (rows whose total is hidden or zero are left out; the whole table is in the download).</summary>
        public IReadOnlyList<int> ShownRows => !IsLong ? Enumerable.Range(0, Rows.Count).ToList()
            : Enumerable.Range(0, Rows.Count).Where(r => Table.RowTotals[r] is > 0).OrderByDescending(r => Table.RowTotals[r]).ThenBy(r => Rows[r], StringComparer.CurrentCulture)
                .Take(LongListShown).ToList();

        /// <summary>Crossed with a long list (the Comuni as columns): only the <see cref="WideShown"/> columns with the largest published totals.</summary>
        public bool IsWide => Columns.Count > LongList;

        public IReadOnlyList<int> ShownColumns => !IsWide ? Enumerable.Range(0, Columns.Count).ToList()
            : Enumerable.Range(0, Columns.Count).Where(k => Table.ColumnTotals[k] is > 0).OrderByDescending(k => Table.ColumnTotals[k]).ThenBy(k => Columns[k], StringComparer.CurrentCulture)
                .Take(WideShown).ToList();
    }

    /// <summary>How many columns of a crossing with a long list the page shows.</summary>
    public const int WideShown = 10;

    public sealed record Result(SurveyDefinition Survey, int Threshold, long Responses, bool ResponsesShown, IReadOnlyList<QuestionResult> Questions,
        string? CrossBy, IReadOnlyList<CrossResult> Cross, long TextAnswers);

    public sealed record CrossOption(string Value, string Label);

    public async Task<int> ThresholdAsync(Guid networkId) =>
        await db.SupportSettings.AsNoTracking().Where(s => s.NetworkId == networkId).Select(s => (int?)s.SmallCellThreshold).FirstOrDefaultAsync()
            ?? SmallCells.DefaultThreshold;

    /// <summary>What the results can be crossed by: the school (when recorded), and the Comune, age and single-choice questions.</summary>
    public static List<CrossOption> CrossOptions(SurveyDefinition survey)
    {
        var list = new List<CrossOption>();
        if (survey.Survey.PerSchoolResults) list.Add(new("scuola", Tr.Get("Scuola")));
        foreach (var q in survey.Questions.Where(q => q.Entity.Type is QuestionType.Comune or QuestionType.ChildAge or QuestionType.SingleChoice))
            list.Add(new(q.Id.ToString(), q.Entity.Type switch
            {
                QuestionType.Comune => Tr.Get("Comune: «{0}»", Short(q.Entity.Text)),
                QuestionType.ChildAge => Tr.Get("Fascia d'età: «{0}»", Short(q.Entity.Text)),
                _ => $"«{Short(q.Entity.Text)}»",
            }));
        return list;
    }

    static string Short(string s) => s.Length <= 60 ? s : s[..59] + "…";

    static List<string> LabelsOf(SurveyDefinition survey, SurveyDefinition.Question q) => q.Entity.Type switch
    {
        QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Comune => survey.OptionsOf(q).Select(o => o.Text).ToList(),
        QuestionType.Rating5 => Enumerable.Range(1, 5).Select(i => i.ToString()).ToList(),
        QuestionType.Rating10 => Enumerable.Range(0, 11).Select(i => i.ToString()).ToList(),
        QuestionType.ChildAge => AgeBands.Select(b => b.Label).ToList(),
        _ => [],
    };

    /// <summary>The column a stored answer falls in, or −1.</summary>
    static int IndexOf(SurveyDefinition survey, SurveyDefinition.Question q, Guid? option, int? number) => q.Entity.Type switch
    {
        QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Comune => option is { } o ? IndexOfOption(survey.OptionsOf(q), o) : -1,
        QuestionType.Rating5 => number is { } n and >= 1 and <= 5 ? n - 1 : -1,
        QuestionType.Rating10 => number is { } n and >= 0 and <= 10 ? n : -1,
        QuestionType.ChildAge => number is { } n ? Array.FindIndex(AgeBands, b => n >= b.From && n <= b.To) : -1,
        _ => -1,
    };

    static int IndexOfOption(IReadOnlyList<SurveyDefinition.Choice> options, Guid id)
    {
        for (var i = 0; i < options.Count; i++) if (options[i].Id == id) return i;
        return -1;
    }

    /// <summary>One group of stored answers: how many answers of a question have this option and this number.</summary>
    sealed record Group(Guid QuestionId, Guid? OptionId, int? Number, long Count);

    /// <summary>The counts the results are made of, before any suppression: the answers grouped per question, option and
    /// number, and for each multiple choice how many responses answered it.</summary>
    sealed record Counts(List<Group> Groups, Dictionary<Guid, long> Respondents);

    /// <summary>The counts of a crossing: the answers of every target question grouped with the row (option or number) of
    /// the same response's answer to the crossing question (or its school).</summary>
    sealed record Pair(Guid? RowOption, int? RowNumber, Guid QuestionId, Guid? OptionId, int? Number, long Count);

    /// <summary>
    /// The counts (never the published tables: suppression runs on every request, with the threshold of that moment) per
    /// questionnaire and crossing, keyed by the number of its responses. Responses are only ever added (a submission writes
    /// one with its answers in one transaction; none is changed or removed while the questionnaire exists), so the same
    /// number means the same answers: the results are as fresh as the last response submitted, on every app instance, for
    /// the price of one count on the responses' index. Reading 50,000 responses' answers took about 2 s (bench scenario
    /// survey-results); the count takes a few milliseconds.
    /// </summary>
    static readonly MemoryCache Computed = new(new MemoryCacheOptions { SizeLimit = 256 });

    /// <summary>Bumped by <see cref="Forget"/>: part of every key.</summary>
    static readonly ConcurrentDictionary<Guid, int> Generations = new();

    readonly record struct Key(Guid Survey, int Generation, long Responses, string? CrossBy, int QuestionCount);

    /// <summary>Drops what is kept for a questionnaire: for whoever removes responses (only the tests do, replacing them all).</summary>
    public static void Forget(Guid surveyId) => Generations.AddOrUpdate(surveyId, 1, (_, g) => g + 1);

    static Key KeyOf(SurveyDefinition survey, long responses, string? crossBy) =>
        new(survey.Survey.Id, Generations.GetValueOrDefault(survey.Survey.Id), responses, crossBy, survey.Questions.Count());

    static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    async Task<Counts> CountsAsync(SurveyDefinition survey, long responses, CancellationToken cancel)
    {
        var key = KeyOf(survey, responses, null);
        if (Computed.TryGetValue(key, out Counts? kept) && kept is not null) return kept;
        var ids = survey.Questions.Select(q => q.Id).ToList();
        var groups = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.QuestionId))
            .GroupBy(a => new { a.QuestionId, a.OptionId, a.Number })
            .Select(g => new { g.Key.QuestionId, g.Key.OptionId, g.Key.Number, Count = g.LongCount() }).ToListAsync(cancel))
            .Select(g => new Group(g.QuestionId, g.OptionId, g.Number, g.Count)).ToList();
        var multiple = survey.Questions.Where(q => q.Entity.Type == QuestionType.MultipleChoice).Select(q => q.Id).ToList();
        var respondents = multiple.Count == 0 ? [] : await db.SurveyAnswers.AsNoTracking().Where(a => multiple.Contains(a.QuestionId))
            .Select(a => new { a.QuestionId, a.ResponseId }).Distinct()
            .GroupBy(x => x.QuestionId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancel);
        var counts = new Counts(groups, respondents);
        Computed.Set(key, counts, Kept);
        return counts;
    }

    public async Task<Result> ComputeAsync(SurveyDefinition survey, string? crossBy, CancellationToken cancel = default)
    {
        var threshold = await ThresholdAsync(survey.Survey.NetworkId);
        var surveyId = survey.Survey.Id;
        var responses = await db.SurveyResponses.AsNoTracking().LongCountAsync(r => r.SurveyId == surveyId, cancel);
        var (groups, respondents) = await CountsAsync(survey, responses, cancel);
        var byQuestion = groups.ToLookup(g => g.QuestionId);

        var results = new List<QuestionResult>();
        var number = 0;
        long texts = 0;
        foreach (var q in survey.Questions)
        {
            number++;
            var mine = byQuestion[q.Id].ToList();
            var answered = mine.Sum(g => g.Count);
            var labels = LabelsOf(survey, q);
            switch (q.Entity.Type)
            {
                case QuestionType.MultipleChoice:
                {
                    var basis = respondents.GetValueOrDefault(q.Id);
                    var table = new long[labels.Count, 2];
                    for (var i = 0; i < labels.Count; i++)
                    {
                        var chosen = mine.Where(g => IndexOf(survey, q, g.OptionId, g.Number) == i).Sum(g => g.Count);
                        table[i, 0] = chosen;
                        table[i, 1] = basis - chosen;
                    }
                    results.Add(new(number, q, labels, SmallCells.Suppress(table, threshold), true, basis, null, SmallCells.MayPublish(basis, threshold)));
                    break;
                }
                case QuestionType.Matrix or QuestionType.Ranking:
                {
                    var items = q.Options;
                    var max = q.Entity.Type == QuestionType.Matrix ? 5 : items.Count;
                    var table = new long[items.Count, max];
                    foreach (var g in mine)
                        if (IndexOfOption(items, g.OptionId ?? Guid.Empty) is var r and >= 0 && g.Number is { } n && n >= 1 && n <= max) table[r, n - 1] += g.Count;
                    var published = SmallCells.Suppress(table, threshold);
                    var means = new List<double?>();
                    for (var r = 0; r < items.Count; r++)
                    {
                        long count = 0, sum = 0;
                        for (var c = 0; c < max; c++) { count += table[r, c]; sum += table[r, c] * (c + 1); }
                        means.Add(count > 0 && SmallCells.MayPublish(count, threshold) && published.RowTotals[r] is not null ? sum / (double)count : null);
                    }
                    var columns = Enumerable.Range(1, max).Select(n => q.Entity.Type == QuestionType.Matrix ? n.ToString() : n + "º").ToList();
                    results.Add(new(number, q, items.Select(i => i.Text).ToList(), null, false, answered, null, published.Total is not null,
                        new CrossResult(q.Entity.Text, q.Entity.Type == QuestionType.Matrix ? "Voce" : "Voce (posizione)", items.Select(i => i.Text).ToList(), columns, published), means));
                    break;
                }
                case QuestionType.ShortText or QuestionType.LongText:
                    texts += answered;
                    results.Add(new(number, q, [], null, false, answered, null, false));
                    break;
                case QuestionType.Number or QuestionType.Date:
                {
                    double? mean = q.Entity.Type == QuestionType.Number && answered > 0 && SmallCells.MayPublish(answered, threshold)
                        ? mine.Where(g => g.Number is not null).Sum(g => (double)g.Number!.Value * g.Count) / answered : null;
                    results.Add(new(number, q, [], null, false, answered, mean, SmallCells.MayPublish(answered, threshold)));
                    break;
                }
                default:
                {
                    var counts = new long[labels.Count];
                    foreach (var g in mine) if (IndexOf(survey, q, g.OptionId, g.Number) is var i and >= 0) counts[i] += g.Count;
                    var published = SmallCells.Suppress(counts, threshold);
                    double? mean = null;
                    if (q.Entity.Type is QuestionType.Rating5 or QuestionType.Rating10 or QuestionType.ChildAge && answered > 0 && SmallCells.MayPublish(answered, threshold))
                        mean = mine.Where(g => g.Number is not null).Sum(g => (double)g.Number!.Value * g.Count) / answered;
                    results.Add(new(number, q, labels, published, false, answered, mean, published.Total is not null));
                    break;
                }
            }
        }
        var cross = crossBy is null ? [] : await CrossAsync(survey, crossBy, threshold, responses, cancel);
        return new Result(survey, threshold, responses, SmallCells.MayPublish(responses, threshold), results, cross.Count > 0 ? crossBy : null, cross, texts);
    }

    /// <summary>Every single-choice, Comune, scale and age question crossed with the chosen one (or with the school).</summary>
    async Task<List<CrossResult>> CrossAsync(SurveyDefinition survey, string crossBy, int threshold, long responses, CancellationToken cancel)
    {
        var surveyId = survey.Survey.Id;
        List<string> rowLabels;
        Func<Guid?, int?, int> rowOf;
        string rowHeader;
        IQueryable<RowKey> rows;
        Guid? byQuestion = null;
        if (crossBy == "scuola" && survey.Survey.PerSchoolResults)
        {
            var schools = await (from r in db.SurveyResponses where r.SurveyId == surveyId && r.SchoolId != null select r.SchoolId!.Value).Distinct().ToListAsync(cancel);
            var names = await db.Partners.AsNoTracking().Where(p => schools.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancel);
            rowLabels = names.Select(n => n.Name).ToList();
            rowOf = (o, _) => o is { } id ? names.FindIndex(n => n.Id == id) : -1;
            rowHeader = "Scuola";
            rows = db.SurveyResponses.Where(r => r.SurveyId == surveyId && r.SchoolId != null).Select(r => new RowKey { ResponseId = r.Id, Option = r.SchoolId, Number = null });
        }
        else if (Guid.TryParse(crossBy, out var qid) && survey.FindQuestion(qid) is { } by && by.Entity.Type is QuestionType.Comune or QuestionType.ChildAge or QuestionType.SingleChoice)
        {
            byQuestion = qid;
            rowLabels = LabelsOf(survey, by);
            rowOf = (o, n) => IndexOf(survey, by, o, n);
            rowHeader = by.Entity.Type switch { QuestionType.Comune => "Comune", QuestionType.ChildAge => "Fascia d'età", _ => Short(by.Entity.Text) };
            rows = db.SurveyAnswers.Where(a => a.QuestionId == qid).Select(a => new RowKey { ResponseId = a.ResponseId, Option = a.OptionId, Number = a.Number });
        }
        else return [];

        var targets = survey.Questions.Where(q => q.Id != byQuestion && q.Entity.Type is QuestionType.SingleChoice or QuestionType.Comune or QuestionType.Rating5 or QuestionType.Rating10 or QuestionType.ChildAge).ToList();
        var targetIds = targets.Select(t => t.Id).ToList();
        var key = KeyOf(survey, responses, crossBy);
        if (!Computed.TryGetValue(key, out List<Pair>? pairs) || pairs is null)
        {
            pairs = (await (from r in rows
                            join t in db.SurveyAnswers on r.ResponseId equals t.ResponseId
                            where targetIds.Contains(t.QuestionId)
                            group t by new { RowOption = r.Option, RowNumber = r.Number, t.QuestionId, t.OptionId, t.Number } into g
                            select new { g.Key.RowOption, g.Key.RowNumber, g.Key.QuestionId, g.Key.OptionId, g.Key.Number, Count = g.LongCount() }).ToListAsync(cancel))
                .Select(p => new Pair(p.RowOption, p.RowNumber, p.QuestionId, p.OptionId, p.Number, p.Count)).ToList();
            Computed.Set(key, pairs, Kept);
        }
        var byTarget = pairs.ToLookup(p => p.QuestionId);
        var list = new List<CrossResult>();
        foreach (var target in targets)
        {
            var columns = LabelsOf(survey, target);
            var table = new long[rowLabels.Count, columns.Count];
            foreach (var p in byTarget[target.Id])
            {
                var r = rowOf(p.RowOption, p.RowNumber);
                var c = IndexOf(survey, target, p.OptionId, p.Number);
                if (r >= 0 && c >= 0) table[r, c] += p.Count;
            }
            list.Add(new CrossResult(target.Entity.Text, rowHeader, rowLabels, columns, SmallCells.Suppress(table, threshold)));
        }
        return list;
    }

    sealed class RowKey
    {
        public Guid ResponseId { get; init; }
        public Guid? Option { get; init; }
        public int? Number { get; init; }
    }

    /// <summary>The free texts of a questionnaire, for coordinators only: question and text, in no meaningful order.</summary>
    /// <param name="limit">At most this many (the page shows the first hundred; the download has them all).</param>
    public async Task<List<(string Question, string Text)>> TextsAsync(SurveyDefinition survey, int? limit = null, CancellationToken cancel = default)
    {
        var texts = survey.Questions.Where(q => q.Entity.Type is QuestionType.ShortText or QuestionType.LongText).ToDictionary(q => q.Id, q => q.Entity.Text);
        var ids = texts.Keys.ToList();
        if (ids.Count == 0) return [];
        // Ordered by the answer's random id: not by response, not by time.
        var query = db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.QuestionId) && a.Text != null).OrderBy(a => a.Id).Select(a => new { a.QuestionId, a.Text });
        var rows = await (limit is { } n ? query.Take(n) : query).ToListAsync(cancel);
        return rows.Select(r => (texts[r.QuestionId], r.Text!)).ToList();
    }
}
