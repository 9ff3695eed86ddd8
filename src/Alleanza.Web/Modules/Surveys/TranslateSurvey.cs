using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// Translations of a questionnaire into the platform's other languages: the coordinator writes them (in any state: they
/// change no structure), the family reads the questionnaire in the language it chose on the site when a translation
/// exists (each missing text stays in Italian). Answers store ids, not texts, so every language counts together.
/// </summary>
public sealed class TranslateSurvey(AppDbContext db)
{
    public sealed record Text(Guid ItemId, TranslatedField Field, string What, string Italian);

    /// <summary>Every text of the questionnaire, in reading order.</summary>
    public static List<Text> Texts(SurveyDefinition survey)
    {
        var s = survey.Survey;
        var list = new List<Text> { new(s.Id, TranslatedField.Title, Tr.Get("Titolo"), s.Title) };
        if (s.Intro.Length > 0) list.Add(new(s.Id, TranslatedField.Text, Tr.Get("Presentazione"), s.Intro));
        var n = 0;
        foreach (var section in survey.Sections)
        {
            list.Add(new(section.Id, TranslatedField.Title, Tr.Get("Sezione"), section.Entity.Title));
            foreach (var q in section.Questions)
            {
                n++;
                list.Add(new(q.Id, TranslatedField.Title, Tr.Get("Domanda {0}", n), q.Entity.Text));
                if (q.Entity.Help.Length > 0) list.Add(new(q.Id, TranslatedField.Text, Tr.Get("Aiuto della domanda {0}", n), q.Entity.Help));
                foreach (var o in q.Options) list.Add(new(o.Id, TranslatedField.Title, Tr.Get("Risposta della domanda {0}", n), o.Text));
            }
        }
        return list;
    }

    public static IReadOnlyList<Language> Choosable => Languages.All.Where(l => l.Code != Languages.Italian.Code).ToList();

    public async Task<List<Language>> LanguagesAsync(Guid surveyId)
    {
        var codes = await db.SurveyTranslations.AsNoTracking().Where(t => t.SurveyId == surveyId).Select(t => t.Language).Distinct().ToListAsync();
        return Choosable.Where(l => codes.Contains(l.Code)).ToList();
    }

    public async Task<Dictionary<(Guid, TranslatedField), string>> LoadAsync(Guid surveyId, string language) =>
        await db.SurveyTranslations.AsNoTracking().Where(t => t.SurveyId == surveyId && t.Language == language)
            .ToDictionaryAsync(t => (t.ItemId, t.Field), t => t.Text);

    /// <summary>Replaces the translations of one language (empty texts are dropped). False when a twin request saved first.</summary>
    public async Task<bool> SaveAsync(SurveyDefinition survey, string language, IReadOnlyDictionary<(Guid, TranslatedField), string> texts)
    {
        var known = Texts(survey).Select(t => (t.ItemId, t.Field)).ToHashSet();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SurveyTranslations.Where(t => t.SurveyId == survey.Survey.Id && t.Language == language).ExecuteDeleteAsync();
        db.SurveyTranslations.AddRange(texts.Where(t => known.Contains(t.Key) && !string.IsNullOrWhiteSpace(t.Value)).Select(t => new SurveyTranslation
        {
            SurveyId = survey.Survey.Id, Language = language, ItemId = t.Key.Item1, Field = t.Key.Item2, Text = t.Value.Trim(),
        }));
        if (!await db.TrySaveAsync()) return false;
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The questionnaire in the language of the request, when it has been translated into it; else as it is.</summary>
    public async Task<SurveyDefinition> InCurrentLanguageAsync(SurveyDefinition survey)
    {
        var language = Languages.Current;
        if (language.Code == Languages.Italian.Code) return survey;
        var texts = await LoadAsync(survey.Survey.Id, language.Code);
        return texts.Count == 0 ? survey : Apply(survey, texts);
    }

    /// <summary>The same questionnaire with its texts replaced (the entities are untracked copies of this request).</summary>
    public static SurveyDefinition Apply(SurveyDefinition survey, IReadOnlyDictionary<(Guid, TranslatedField), string> texts)
    {
        string T(Guid id, TranslatedField field, string italian) => texts.TryGetValue((id, field), out var t) && t.Length > 0 ? t : italian;
        var s = survey.Survey;
        s.Title = T(s.Id, TranslatedField.Title, s.Title);
        s.Intro = T(s.Id, TranslatedField.Text, s.Intro);
        var sections = survey.Sections.Select(section =>
        {
            section.Entity.Title = T(section.Id, TranslatedField.Title, section.Entity.Title);
            return new SurveyDefinition.Section(section.Entity, section.Questions.Select(q =>
            {
                q.Entity.Text = T(q.Id, TranslatedField.Title, q.Entity.Text);
                q.Entity.Help = T(q.Id, TranslatedField.Text, q.Entity.Help);
                return new SurveyDefinition.Question(q.Entity, q.Options.Select(o => new SurveyDefinition.Choice(o.Id, T(o.Id, TranslatedField.Title, o.Text))).ToList());
            }).ToList());
        }).ToList();
        return survey with { Sections = sections };
    }
}
