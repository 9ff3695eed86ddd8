using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>A questionnaire's structure as the pages need it: sections in order, their questions and options.</summary>
public sealed record SurveyDefinition(Survey Survey, IReadOnlyList<SurveyDefinition.Section> Sections, IReadOnlyList<SurveyDefinition.Choice> Comuni)
{
    public sealed record Choice(Guid Id, string Text);
    public sealed record Question(SurveyQuestion Entity, IReadOnlyList<Choice> Options)
    {
        public Guid Id => Entity.Id;
        public bool HasOptions => Entity.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice;
        /// <summary>A matrix's rows or a ranking's items: the options, each answered with a number.</summary>
        public bool HasItems => Entity.Type is QuestionType.Matrix or QuestionType.Ranking;
    }
    public sealed record Section(SurveySection Entity, IReadOnlyList<Question> Questions)
    {
        public Guid Id => Entity.Id;
    }

    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);
    public Question? FindQuestion(Guid id) => Questions.FirstOrDefault(q => q.Id == id);

    /// <summary>The options a question offers: its own, or the network's Comuni for the Comune picker.</summary>
    public IReadOnlyList<Choice> OptionsOf(Question q) => q.Entity.Type == QuestionType.Comune ? Comuni : q.Options;

    /// <summary>
    /// The structure (sections, questions, options) of opened and closed questionnaires: locked from the opening on
    /// (<see cref="BuildSurvey"/>), so every instance may keep it after the first read. Each request gets copies of the
    /// entities (translations write their texts into them). Reading it for every page of answers was most of the queries
    /// of answering (bench scenario survey-submit).
    /// </summary>
    static readonly MemoryCache Locked = new(new MemoryCacheOptions { SizeLimit = 500 });

    /// <summary>The network's Comuni for the Comune picker, for 30 s and as long as their number is the same (as the network directory).</summary>
    static readonly MemoryCache ComuniCache = new(new MemoryCacheOptions { SizeLimit = 200 });

    sealed record Structure(List<SurveySection> Sections, List<SurveyQuestion> Questions, Dictionary<Guid, List<Choice>> Options);

    public static async Task<SurveyDefinition?> LoadAsync(AppDbContext db, Guid networkId, Guid surveyId, CancellationToken cancel = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.NetworkId == networkId, cancel);
        if (survey is null) return null;
        if (survey.Status == SurveyStatus.Draft || !Locked.TryGetValue(surveyId, out Structure? structure) || structure is null)
        {
            var sections = await db.SurveySections.AsNoTracking().Where(s => s.SurveyId == surveyId).OrderBy(s => s.Position).ToListAsync(cancel);
            var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == surveyId).OrderBy(q => q.Position).ToListAsync(cancel);
            var ids = questions.Select(q => q.Id).ToList();
            var options = (await db.SurveyOptions.AsNoTracking().Where(o => ids.Contains(o.QuestionId)).ToListAsync(cancel))
                .GroupBy(o => o.QuestionId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Position).Select(o => new Choice(o.Id, o.Text)).ToList());
            structure = new Structure(sections, questions, options);
            if (survey.Status != SurveyStatus.Draft)
                Locked.Set(surveyId, structure, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }
        var comuni = structure.Questions.Any(q => q.Type == QuestionType.Comune) ? await ComuniAsync(db, networkId, cancel) : [];
        var copies = structure.Questions.Select(q => q.Copy()).ToList();
        return new SurveyDefinition(survey,
            structure.Sections.Select(s => new Section(s.Copy(), copies.Where(q => q.SectionId == s.Id)
                .Select(q => new Question(q, structure.Options.GetValueOrDefault(q.Id) ?? [])).ToList())).ToList(), comuni);
    }

    static async Task<IReadOnlyList<Choice>> ComuniAsync(AppDbContext db, Guid networkId, CancellationToken cancel)
    {
        var count = await db.Comuni.CountAsync(c => c.NetworkId == networkId, cancel);
        if (ComuniCache.TryGetValue(networkId, out List<Choice>? cached) && cached is not null && cached.Count == count) return cached;
        var comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancel);
        ComuniCache.Set(networkId, comuni, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) });
        return comuni;
    }

    // ---- Branching (server side: no script) --------------------------------------------------------------------

    static bool Holds(Guid? question, Guid? option, Answers answers) =>
        question is not { } q || option is not { } o || answers.Values(q).Contains(o.ToString());

    public bool IsVisible(Section section, Answers answers) => Holds(section.Entity.ConditionQuestionId, section.Entity.ConditionOptionId, answers);

    public bool IsVisible(Question question, Answers answers) =>
        Holds(question.Entity.ConditionQuestionId, question.Entity.ConditionOptionId, answers)
        && Sections.First(s => s.Id == question.Entity.SectionId) is var section && IsVisible(section, answers);

    /// <summary>
    /// Whether the page shows the question: when its condition holds, or when the condition's question is on the same
    /// page (without script the page cannot know the answer yet: the question says when to answer, and the server
    /// drops its answer if the condition does not hold).
    /// </summary>
    public bool IsShown(Question question, Answers answers) =>
        IsVisible(question, answers)
        || (question.Entity.ConditionQuestionId is { } source && FindQuestion(source)?.Entity.SectionId == question.Entity.SectionId
            && Sections.First(s => s.Id == question.Entity.SectionId) is var section && IsVisible(section, answers));

    /// <summary>«Rispondete solo se avete risposto «Sì» a «Usate la biblioteca?»», for a question shown on its condition's page.</summary>
    public string? ConditionHint(Question question)
    {
        if (question.Entity.ConditionQuestionId is not { } source || FindQuestion(source) is not { } q || q.Entity.SectionId != question.Entity.SectionId) return null;
        var option = q.Options.FirstOrDefault(o => o.Id == question.Entity.ConditionOptionId)?.Text;
        return Tr.Get("Rispondete solo se alla domanda «{0}» avete risposto «{1}».", q.Entity.Text, option);
    }

    /// <summary>The next visible section after <paramref name="index"/> (−1 for the first), or null at the end.</summary>
    public int? NextSection(int index, Answers answers)
    {
        for (var i = index + 1; i < Sections.Count; i++)
            if (IsVisible(Sections[i], answers)) return i;
        return null;
    }

    public int? PreviousSection(int index, Answers answers)
    {
        for (var i = Math.Min(index, Sections.Count) - 1; i >= 0; i--)
            if (IsVisible(Sections[i], answers)) return i;
        return null;
    }

    // ---- Checking one section's answers ------------------------------------------------------------------------

    public const int TextMax = 4000;
    public const int ShortTextMax = 200;

    /// <summary>
    /// Takes the posted values of a section's questions into <paramref name="answers"/> (replacing what was there) and
    /// answers the Italian message per question that is wrong or missing. Hidden questions are emptied.
    /// </summary>
    public Dictionary<Guid, string> Take(Section section, Func<string, string[]> posted, Answers answers)
    {
        var errors = new Dictionary<Guid, string>();
        foreach (var q in section.Questions)
        {
            var raw = posted(FieldName(q.Id)).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).Distinct().ToArray();
            if (!IsVisible(q, answers)) { answers.Set(q.Id, []); continue; }
            if (q.HasItems)
            {
                var (itemValues, itemError) = CheckItems(q, q.Options.Select(o => (o.Id, posted(FieldName(q.Id, o.Id)).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).ToArray())).ToList());
                answers.Set(q.Id, itemValues);
                if (itemError is not null) errors[q.Id] = itemError;
                continue;
            }
            var (values, error) = Check(q, raw);
            answers.Set(q.Id, values);
            if (error is not null) errors[q.Id] = error;
            else if (q.Entity.Required && values.Length == 0) errors[q.Id] = q.Entity.Type == QuestionType.MultipleChoice ? Tr.Get("Scegliete almeno una risposta.") : Tr.Get("Questa risposta è obbligatoria.");
        }
        return errors;
    }

    public static string FieldName(Guid question) => "q-" + question.ToString("N");
    public static string FieldName(Guid question, Guid item) => "q-" + question.ToString("N") + "-" + item.ToString("N");

    /// <summary>The stored value of an item: «item=number».</summary>
    public static string ItemValue(Guid item, int number) => item.ToString() + "=" + number.ToString(CultureInfo.InvariantCulture);

    public static (Guid Item, int Number)? ParseItem(string value)
    {
        var parts = value.Split('=');
        return parts.Length == 2 && Guid.TryParse(parts[0], out var item) && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? (item, n) : null;
    }

    /// <summary>A matrix (each row from 1 to 5) or a ranking (each position once, from 1 to the number of items).</summary>
    static (string[] Values, string? Error) CheckItems(Question q, List<(Guid Item, string[] Raw)> rows)
    {
        var max = q.Entity.Type == QuestionType.Matrix ? 5 : q.Options.Count;
        var values = new List<string>();
        string? error = null;
        var used = new HashSet<int>();
        foreach (var (item, raw) in rows)
        {
            if (raw.Length == 0) continue;
            if (raw.Length != 1 || !int.TryParse(raw[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max)
            {
                error = Tr.Get("Scegliete un numero da 1 a {0} per ogni riga.", max);
                continue;
            }
            if (q.Entity.Type == QuestionType.Ranking && !used.Add(n))
            {
                error = Tr.Get("Ogni posizione si usa una volta sola: due voci hanno la stessa posizione.");
                continue;
            }
            values.Add(ItemValue(item, n));
        }
        if (error is null && values.Count < rows.Count && (q.Entity.Required || (q.Entity.Type == QuestionType.Ranking && values.Count > 0)))
            error = q.Entity.Type == QuestionType.Matrix ? Tr.Get("Rispondete a ogni riga.") : Tr.Get("Mettete in ordine tutte le voci (una posizione ciascuna).");
        return ([.. values], error);
    }

    (string[] Values, string? Error) Check(Question q, string[] raw)
    {
        var t = q.Entity.Type;
        if (raw.Length == 0) return ([], null);
        switch (t)
        {
            // Compared as ids, not as the text of every option: a Comune question offers a thousand of them.
            case QuestionType.SingleChoice or QuestionType.Comune:
                return raw.Length == 1 && Offered(q, raw[0]) ? (raw, null) : ([], Tr.Get("Scegliete una delle risposte proposte."));
            case QuestionType.MultipleChoice:
                return raw.All(v => Offered(q, v)) ? (raw, null) : ([], Tr.Get("Scegliete tra le risposte proposte."));
            case QuestionType.Rating5 or QuestionType.Rating10 or QuestionType.Number or QuestionType.ChildAge:
            {
                var (min, max) = Range(t);
                if (raw.Length != 1 || !int.TryParse(raw[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    return ([], Tr.Get("Scrivete un numero intero."));
                return n < min || n > max ? ([raw[0]], Tr.Get("Scrivete un numero da {0} a {1}.", min, max)) : ([n.ToString(CultureInfo.InvariantCulture)], null);
            }
            case QuestionType.Date:
                return raw.Length == 1 && DateOnly.TryParseExact(raw[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1900 and <= 2200
                    ? ([d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], null)
                    : ([], Tr.Get("Scrivete una data valida (giorno, mese e anno)."));
            default:
            {
                var max = t == QuestionType.ShortText ? ShortTextMax : TextMax;
                var text = string.Join(" ", raw);
                text = new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\r').ToArray());
                return text.Length > max ? ([text[..max]], Tr.Get("Al massimo {0} caratteri.", max)) : ([text], null);
            }
        }
    }

    /// <summary>Whether the value is one of the question's options, written as the page writes it (the id's usual form).</summary>
    bool Offered(Question q, string value)
    {
        if (value.Length != 36 || !Guid.TryParseExact(value, "D", out var id) || value != id.ToString()) return false;
        foreach (var o in OptionsOf(q)) if (o.Id == id) return true;
        return false;
    }

    public static (int Min, int Max) Range(QuestionType t) => t switch
    {
        QuestionType.Rating5 => (1, 5),
        QuestionType.Rating10 => (0, 10),
        QuestionType.ChildAge => (0, 17),
        _ => (-1_000_000, 1_000_000),
    };

    /// <summary>The answer rows of a submitted questionnaire: only the visible questions' answers.</summary>
    public List<SurveyAnswer> ToRows(Guid responseId, Answers answers)
    {
        var rows = new List<SurveyAnswer>();
        foreach (var q in Questions.Where(q => IsVisible(q, answers)))
            foreach (var v in answers.Values(q.Id))
            {
                var row = new SurveyAnswer { Id = Guid.NewGuid(), ResponseId = responseId, QuestionId = q.Id };
                switch (q.Entity.Type)
                {
                    case QuestionType.Matrix or QuestionType.Ranking:
                        if (ParseItem(v) is not { } pair || !q.Options.Any(o => o.Id == pair.Item)) continue;
                        row.OptionId = pair.Item;
                        row.Number = pair.Number;
                        break;
                    case QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Comune:
                        if (!Guid.TryParse(v, out var o)) continue;
                        row.OptionId = o; break;
                    case QuestionType.Rating5 or QuestionType.Rating10 or QuestionType.Number or QuestionType.ChildAge:
                        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) continue;
                        row.Number = n; break;
                    case QuestionType.Date:
                        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) continue;
                        row.Date = d; break;
                    default:
                        row.Text = v.Length > TextMax ? v[..TextMax] : v; break;
                }
                rows.Add(row);
            }
        return rows;
    }

    /// <summary>Whether every required visible question has an answer (checked again at submission).</summary>
    public int? FirstIncompleteSection(Answers answers)
    {
        for (var i = 0; i < Sections.Count; i++)
            if (IsVisible(Sections[i], answers) && Sections[i].Questions.Any(q => q.Entity.Required && IsVisible(q, answers) && answers.Values(q.Id).Length == 0))
                return i;
        return null;
    }
}

/// <summary>A family's answers while it fills in the questionnaire: question → raw values, and where it stopped.</summary>
public sealed class Answers
{
    public Dictionary<Guid, string[]> Given { get; set; } = [];
    public int Section { get; set; }

    public string[] Values(Guid question) => Given.GetValueOrDefault(question) ?? [];
    public void Set(Guid question, string[] values) { if (values.Length == 0) Given.Remove(question); else Given[question] = values; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static Answers FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new();
        try { return JsonSerializer.Deserialize<Answers>(json) ?? new(); }
        catch (JsonException) { return new(); }
    }
}

/// <summary>The one-use codes: easy to type (no 0/O, 1/I/L), about 50 bits of chance, stored only as SHA-256.</summary>
public static class SurveyCodes
{
    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10;

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Format(new string(chars));
    }

    /// <summary>«ABCDE-FGHJK»: what is printed and typed.</summary>
    public static string Format(string normalized) => normalized.Length == Length ? normalized[..5] + "-" + normalized[5..] : normalized;

    /// <summary>Upper case, without spaces and dashes; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        var s = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return s.Length == Length && s.All(Alphabet.Contains) ? s : null;
    }

    public static string Hash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("alleanza-questionari:" + normalized)));
}
