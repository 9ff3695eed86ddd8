using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// Building a questionnaire: sections, questions, options and conditions while it is in preparation; opening (the
/// structure is then locked), closing, and copying it as a new version. Every change goes through the survey's version
/// token, so an edit and an opening that cross each other cannot both win.
/// </summary>
public sealed class BuildSurvey(AppDbContext db, TimeProvider clock)
{
    public const string Locked = "Il questionario è già aperto o chiuso: la sua struttura non si può più cambiare. Copiatelo come nuova versione per modificarlo.";
    public const int MaxOptions = 30;

    public sealed record QuestionInput(Guid SectionId, QuestionType? Type, string? Text, string? Help, bool Required, string? Options, Guid? ConditionOptionId);
    public sealed record SectionInput(string? Title, Guid? ConditionOptionId);
    public sealed record SettingsInput(string? Title, string? Intro, bool OpenLink, bool OneAnswerPerPerson, bool PerSchoolResults);

    /// <summary>An outcome: null error on success, else the message (with the field it belongs to).</summary>
    public sealed record Outcome(string? Field, string? Error, Guid? Id = null)
    {
        public bool Ok => Error is null;
        public static Outcome Done(Guid? id = null) => new(null, null, id);
        public static Outcome Fail(string field, string error) => new(field, error);
    }

    /// <summary>A new questionnaire in preparation with one section; <paramref name="partnerId"/>: the allowed partner whose it is (null: the coordination's).</summary>
    public async Task<Guid?> CreateAsync(Guid networkId, string title, Guid? partnerId = null)
    {
        var survey = new Survey { Id = Guid.NewGuid(), NetworkId = networkId, Title = title.Trim(), PartnerId = partnerId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Surveys.Add(survey);
        db.SurveySections.Add(new SurveySection { Id = Guid.NewGuid(), SurveyId = survey.Id, Position = 1, Title = "Prima parte" });
        await db.SaveChangesAsync();
        return survey.Id;
    }

    async Task<Survey?> DraftAsync(Guid networkId, Guid surveyId) =>
        await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId && s.NetworkId == networkId);

    /// <summary>Marks the survey changed (its version moves on) so a concurrent opening or edit loses.</summary>
    void Touch(Survey survey) => db.Entry(survey).Property(s => s.Title).IsModified = true;

    static Outcome Raced() => Outcome.Fail("", Concurrency.AlreadyDone);

    public async Task<Outcome> SaveSettingsAsync(Guid networkId, Guid surveyId, SettingsInput input)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        var title = (input.Title ?? "").Trim();
        if (survey.Status == SurveyStatus.Draft)
        {
            if (title.Length is < 3 or > 200) return Outcome.Fail("Title", Tr.Get("Scrivete un titolo da 3 a 200 caratteri."));
            if ((input.Intro ?? "").Trim().Length > 4000) return Outcome.Fail("Intro", Tr.Get("Al massimo 4000 caratteri."));
            survey.Title = title;
            survey.Intro = (input.Intro ?? "").Trim();
            survey.PerSchoolResults = input.PerSchoolResults;
        }
        survey.OpenLink = input.OpenLink;
        survey.OneAnswerPerPerson = input.OpenLink && input.OneAnswerPerPerson;
        Touch(survey);
        return await db.TrySaveAsync() ? Outcome.Done() : Raced();
    }

    public async Task<Outcome> SetResultsAudienceAsync(Guid networkId, Guid surveyId, ResultsAudience audience)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (!Enum.IsDefined(audience)) return Outcome.Fail("Audience", Tr.Get("Scegliete a chi mostrare i risultati."));
        if (survey.ResultsAudience == audience) return Outcome.Fail("Audience", Tr.Get("I risultati erano già pubblicati così: nulla da cambiare."));
        survey.ResultsAudience = audience;
        return await db.TrySaveAsync() ? Outcome.Done() : Raced();
    }

    // ---- Sections ----------------------------------------------------------------------------------------------

    public async Task<Outcome> SaveSectionAsync(Guid networkId, Guid surveyId, Guid? sectionId, SectionInput input)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Draft) return Outcome.Fail("", Tr.Get(Locked));
        var title = (input.Title ?? "").Trim();
        if (title.Length is < 1 or > 200) return Outcome.Fail("Title", Tr.Get("Scrivete un titolo (al massimo 200 caratteri)."));
        var sections = await db.SurveySections.Where(s => s.SurveyId == surveyId).OrderBy(s => s.Position).ToListAsync();
        var section = sectionId is { } id ? sections.FirstOrDefault(s => s.Id == id) : null;
        if (sectionId is not null && section is null) return Outcome.Fail("", Tr.Get("Sezione non trovata."));
        var position = section?.Position ?? (sections.Count == 0 ? 1 : sections.Max(s => s.Position) + 1);
        var (conditionQuestion, error) = await ConditionAsync(surveyId, input.ConditionOptionId, sections.Where(s => s.Position < position).Select(s => s.Id).ToList(), null);
        if (error is not null) return Outcome.Fail("ConditionOptionId", error);
        if (section is null)
        {
            section = new SurveySection { Id = Guid.NewGuid(), SurveyId = surveyId, Position = position };
            db.SurveySections.Add(section);
        }
        section.Title = title;
        section.ConditionQuestionId = conditionQuestion;
        section.ConditionOptionId = conditionQuestion is null ? null : input.ConditionOptionId;
        Touch(survey);
        return await db.TrySaveAsync() ? Outcome.Done(section.Id) : Raced();
    }

    public async Task<Outcome> DeleteSectionAsync(Guid networkId, Guid surveyId, Guid sectionId)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Draft) return Outcome.Fail("", Tr.Get(Locked));
        var sections = await db.SurveySections.Where(s => s.SurveyId == surveyId).ToListAsync();
        var section = sections.FirstOrDefault(s => s.Id == sectionId);
        if (section is null) return Outcome.Fail("", Tr.Get("La sezione era già stata eliminata."));
        if (sections.Count == 1) return Outcome.Fail("", Tr.Get("Il questionario ha bisogno di almeno una sezione."));
        var questions = await db.SurveyQuestions.Where(q => q.SectionId == sectionId).Select(q => q.Id).ToListAsync();
        if (await DependentsAsync(surveyId, questions) is { } dependent) return Outcome.Fail("", dependent);
        db.SurveyQuestions.RemoveRange(await db.SurveyQuestions.Where(q => q.SectionId == sectionId).ToListAsync());
        db.SurveySections.Remove(section);
        Touch(survey);
        return await db.TrySaveAsync() ? Outcome.Done() : Raced();
    }

    // ---- Questions ---------------------------------------------------------------------------------------------

    /// <summary>The question whose option is the condition, when it comes before (earlier section, or earlier in the same one).</summary>
    async Task<(Guid? Question, string? Error)> ConditionAsync(Guid surveyId, Guid? optionId, IReadOnlyList<Guid> earlierSections, (Guid Section, int Position)? sameSectionBefore)
    {
        if (optionId is not { } o) return (null, null);
        var source = await (from option in db.SurveyOptions
                            join q in db.SurveyQuestions on option.QuestionId equals q.Id
                            where option.Id == o && q.SurveyId == surveyId
                            select new { q.Id, q.SectionId, q.Position, q.Type }).FirstOrDefaultAsync();
        if (source is null || source.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice))
            return (null, Tr.Get("Scegliete una risposta di una domanda a scelta del questionario."));
        var before = earlierSections.Contains(source.SectionId)
                     || (sameSectionBefore is { } same && same.Section == source.SectionId && source.Position < same.Position);
        return before ? (source.Id, null) : (null, Tr.Get("La condizione deve riferirsi a una domanda che viene prima."));
    }

    /// <summary>A message when another question or section depends on one of these questions (its condition).</summary>
    async Task<string?> DependentsAsync(Guid surveyId, IReadOnlyList<Guid> questions)
    {
        if (questions.Count == 0) return null;
        var q = await db.SurveyQuestions.Where(x => x.SurveyId == surveyId && x.ConditionQuestionId != null && questions.Contains(x.ConditionQuestionId.Value) && !questions.Contains(x.Id))
            .Select(x => x.Text).FirstOrDefaultAsync();
        var s = await db.SurveySections.Where(x => x.SurveyId == surveyId && x.ConditionQuestionId != null && questions.Contains(x.ConditionQuestionId.Value))
            .Select(x => x.Title).FirstOrDefaultAsync();
        return q is not null ? Tr.Get("La domanda «{0}» compare solo in base a questa risposta: togliete prima quella condizione.", q)
            : s is not null ? Tr.Get("La sezione «{0}» compare solo in base a questa risposta: togliete prima quella condizione.", s) : null;
    }

    public static List<string> OptionLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<Outcome> SaveQuestionAsync(Guid networkId, Guid surveyId, Guid? questionId, QuestionInput input)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Draft) return Outcome.Fail("", Tr.Get(Locked));
        var sections = await db.SurveySections.Where(s => s.SurveyId == surveyId).OrderBy(s => s.Position).ToListAsync();
        var section = sections.FirstOrDefault(s => s.Id == input.SectionId);
        if (section is null) return Outcome.Fail("SectionId", Tr.Get("Scegliete una sezione del questionario."));
        if (input.Type is not { } type || !Enum.IsDefined(type)) return Outcome.Fail("Type", Tr.Get("Scegliete il tipo di domanda."));
        var text = (input.Text ?? "").Trim();
        if (text.Length is < 3 or > 500) return Outcome.Fail("Text", Tr.Get("Scrivete la domanda (da 3 a 500 caratteri)."));
        var help = (input.Help ?? "").Trim();
        if (help.Length > 1000) return Outcome.Fail("Help", Tr.Get("Al massimo 1000 caratteri."));
        var options = OptionLines(input.Options);
        var hasOptions = type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Matrix or QuestionType.Ranking;
        if (hasOptions && options.Count < 2)
            return Outcome.Fail("Options", type switch
            {
                QuestionType.Matrix => Tr.Get("Scrivete almeno due righe da valutare, una per riga."),
                QuestionType.Ranking => Tr.Get("Scrivete almeno due voci da mettere in ordine, una per riga."),
                _ => Tr.Get("Scrivete almeno due risposte, una per riga."),
            });
        if (type == QuestionType.Ranking && options.Count > 10) return Outcome.Fail("Options", Tr.Get("Al massimo 10 voci da mettere in ordine."));
        if (hasOptions && options.Count > MaxOptions) return Outcome.Fail("Options", Tr.Get("Al massimo {0} risposte.", MaxOptions));
        if (options.Any(o => o.Length > 200)) return Outcome.Fail("Options", Tr.Get("Ogni risposta al massimo 200 caratteri."));

        var question = questionId is { } id ? await db.SurveyQuestions.FirstOrDefaultAsync(q => q.Id == id && q.SurveyId == surveyId) : null;
        if (questionId is not null && question is null) return Outcome.Fail("", Tr.Get("Domanda non trovata."));
        var position = question is not null && question.SectionId == section.Id ? question.Position
            : (await db.SurveyQuestions.Where(q => q.SectionId == section.Id).MaxAsync(q => (int?)q.Position) ?? 0) + 1;
        var (conditionQuestion, error) = await ConditionAsync(surveyId, input.ConditionOptionId,
            sections.Where(s => s.Position < section.Position).Select(s => s.Id).ToList(), (section.Id, position));
        if (error is not null) return Outcome.Fail("ConditionOptionId", error);

        if (question is null)
        {
            question = new SurveyQuestion { Id = Guid.NewGuid(), SurveyId = surveyId };
            db.SurveyQuestions.Add(question);
        }
        else if (question.Type != type || question.SectionId != section.Id)
        {
            // A question others depend on keeps its type and place: its options are their condition.
            if (await DependentsAsync(surveyId, [question.Id]) is { } dependent) return Outcome.Fail("Type", dependent);
        }
        question.SectionId = section.Id;
        question.Position = position;
        question.Type = type;
        question.Text = text;
        question.Help = help;
        question.Required = input.Required;
        question.ConditionQuestionId = conditionQuestion;
        question.ConditionOptionId = conditionQuestion is null ? null : input.ConditionOptionId;

        // Options: kept (same id) when their text stays, so conditions on them keep working; others added or removed.
        var existing = await db.SurveyOptions.Where(o => o.QuestionId == question.Id).ToListAsync();
        if (!hasOptions) options = [];
        var removed = existing.Where(o => !options.Contains(o.Text, StringComparer.OrdinalIgnoreCase)).ToList();
        if (removed.Count > 0)
        {
            var ids = removed.Select(o => (Guid?)o.Id).ToList();
            if (await db.SurveyQuestions.AnyAsync(q => q.SurveyId == surveyId && ids.Contains(q.ConditionOptionId))
                || await db.SurveySections.AnyAsync(s => s.SurveyId == surveyId && ids.Contains(s.ConditionOptionId)))
                return Outcome.Fail("Options", Tr.Get("Una risposta che volete togliere è la condizione di un'altra domanda o sezione: togliete prima quella condizione."));
            db.SurveyOptions.RemoveRange(removed);
        }
        for (var i = 0; i < options.Count; i++)
        {
            var kept = existing.FirstOrDefault(o => string.Equals(o.Text, options[i], StringComparison.OrdinalIgnoreCase));
            if (kept is null) db.SurveyOptions.Add(new SurveyOption { Id = Guid.NewGuid(), QuestionId = question.Id, Position = i + 1, Text = options[i] });
            else { kept.Position = i + 1; kept.Text = options[i]; }
        }
        Touch(survey);
        return await db.TrySaveAsync() ? Outcome.Done(question.Id) : Raced();
    }

    public async Task<Outcome> DeleteQuestionAsync(Guid networkId, Guid surveyId, Guid questionId)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Draft) return Outcome.Fail("", Tr.Get(Locked));
        var question = await db.SurveyQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.SurveyId == surveyId);
        if (question is null) return Outcome.Fail("", Tr.Get("La domanda era già stata eliminata."));
        if (await DependentsAsync(surveyId, [questionId]) is { } dependent) return Outcome.Fail("", dependent);
        db.SurveyQuestions.Remove(question);
        Touch(survey);
        return await db.TrySaveAsync() ? Outcome.Done() : Raced();
    }

    // ---- States ------------------------------------------------------------------------------------------------

    public async Task<Outcome> OpenAsync(Guid networkId, Guid surveyId)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Draft) return Outcome.Fail("", Tr.Get("Il questionario era già stato aperto: già fatto."));
        if (!await db.SurveyQuestions.AnyAsync(q => q.SurveyId == surveyId)) return Outcome.Fail("", Tr.Get("Aggiungete almeno una domanda prima di aprire il questionario."));
        var empty = await db.SurveySections.Where(s => s.SurveyId == surveyId && !db.SurveyQuestions.Any(q => q.SectionId == s.Id)).Select(s => s.Title).FirstOrDefaultAsync();
        if (empty is not null) return Outcome.Fail("", Tr.Get("La sezione «{0}» non ha domande: aggiungetene o eliminatela.", empty));
        survey.Status = SurveyStatus.Open;
        survey.OpenedAt = clock.GetUtcNow().UtcDateTime;
        return await db.TrySaveAsync() ? Outcome.Done() : Outcome.Fail("", Tr.Get("Il questionario era già stato aperto: già fatto."));
    }

    public async Task<Outcome> CloseAsync(Guid networkId, Guid surveyId)
    {
        var survey = await DraftAsync(networkId, surveyId);
        if (survey is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        if (survey.Status == SurveyStatus.Closed) return Outcome.Fail("", Tr.Get("Il questionario era già chiuso: già fatto."));
        if (survey.Status != SurveyStatus.Open) return Outcome.Fail("", Tr.Get("Solo un questionario aperto si può chiudere."));
        survey.Status = SurveyStatus.Closed;
        survey.ClosedAt = clock.GetUtcNow().UtcDateTime;
        // Partial answers of families who never submitted are erased with the closing.
        if (!await db.TrySaveAsync()) return Outcome.Fail("", Tr.Get("Il questionario era già chiuso: già fatto."));
        await db.SurveyCodes.Where(c => c.SurveyId == surveyId && c.Draft != null).ExecuteUpdateAsync(u => u.SetProperty(c => c.Draft, (string?)null));
        return Outcome.Done();
    }

    /// <summary>A new questionnaire in preparation with the same sections, questions, options and conditions.</summary>
    public async Task<Outcome> CopyAsync(Guid networkId, Guid surveyId)
    {
        var source = await SurveyDefinition.LoadAsync(db, networkId, surveyId);
        if (source is null) return Outcome.Fail("", Tr.Get("Questionario non trovato."));
        var s = source.Survey;
        var copy = new Survey
        {
            Id = Guid.NewGuid(), NetworkId = networkId, Title = s.Title, Intro = s.Intro, OpenLink = s.OpenLink, OneAnswerPerPerson = s.OneAnswerPerPerson,
            PerSchoolResults = s.PerSchoolResults, PartnerId = s.PartnerId, CopiedFromId = s.Id, VersionNumber = s.VersionNumber + 1, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Surveys.Add(copy);
        var ids = new Dictionary<Guid, Guid>();
        Guid Map(Guid old) => ids.TryGetValue(old, out var n) ? n : ids[old] = Guid.NewGuid();
        Guid? MapOrNull(Guid? old) => old is { } o ? Map(o) : null;
        foreach (var section in source.Sections)
        {
            db.SurveySections.Add(new SurveySection
            {
                Id = Map(section.Id), SurveyId = copy.Id, Position = section.Entity.Position, Title = section.Entity.Title,
                ConditionQuestionId = MapOrNull(section.Entity.ConditionQuestionId), ConditionOptionId = MapOrNull(section.Entity.ConditionOptionId),
            });
            foreach (var q in section.Questions)
            {
                db.SurveyQuestions.Add(new SurveyQuestion
                {
                    Id = Map(q.Id), SurveyId = copy.Id, SectionId = Map(section.Id), Position = q.Entity.Position, Type = q.Entity.Type, Text = q.Entity.Text,
                    Help = q.Entity.Help, Required = q.Entity.Required,
                    ConditionQuestionId = MapOrNull(q.Entity.ConditionQuestionId), ConditionOptionId = MapOrNull(q.Entity.ConditionOptionId),
                });
                var position = 1;
                foreach (var o in q.Options)
                    db.SurveyOptions.Add(new SurveyOption { Id = Map(o.Id), QuestionId = Map(q.Id), Position = position++, Text = o.Text });
            }
        }
        await db.SaveChangesAsync();
        return Outcome.Done(copy.Id);
    }
}
