using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// A family fills in a questionnaire with its one-use code, a section a page, and may stop and resume with the same
/// code. See <see cref="SurveyCode"/> for what is kept and when: the partial answers live against the code's hash only
/// until the family submits; the submission writes an unlinked <see cref="SurveyResponse"/> and burns the code.
/// </summary>
public sealed class AnswerSurvey(AppDbContext db, TimeProvider clock)
{
    public const string UsedCode = "Questo codice è già stato usato per inviare le risposte: grazie! Ogni codice vale una sola volta.";
    public const string UnknownCode = "Codice non riconosciuto: controllate di averlo scritto come sul foglietto (10 lettere e cifre).";

    /// <summary>A code found for this questionnaire: its id and the partial answers.</summary>
    public sealed record Found(Guid CodeId, string Code, Answers Answers, CodeChannel Channel);

    /// <summary>The code (as typed) for the questionnaire, or the message to show.</summary>
    public async Task<(Found? Found, string? Error)> FindAsync(SurveyDefinition survey, string? typed, CancellationToken cancel = default)
    {
        if (SurveyCodes.Normalize(typed) is not { } code) return (null, Tr.Get(UnknownCode));
        var hash = SurveyCodes.Hash(code);
        var row = await db.SurveyCodes.AsNoTracking().Where(c => c.Hash == hash && c.SurveyId == survey.Survey.Id)
            .Select(c => new { c.Id, c.Used, c.Draft, c.Channel }).FirstOrDefaultAsync(cancel);
        if (row is null) return (null, Tr.Get(UnknownCode));
        if (row.Used) return (null, Tr.Get(UsedCode));
        if (survey.Survey.Status == SurveyStatus.Closed) return (null, Tr.Get("Il questionario è chiuso: non si possono più inviare risposte. Grazie comunque!"));
        if (survey.Survey.Status != SurveyStatus.Open) return (null, Tr.Get("Il questionario non è ancora aperto."));
        return (new Found(row.Id, SurveyCodes.Format(code), Answers.FromJson(row.Draft), row.Channel), null);
    }

    /// <summary>Which questionnaire a code belongs to (the code typed on the questionnaires' page), in this network.</summary>
    public async Task<Guid?> SurveyOfAsync(Guid networkId, string? typed)
    {
        if (SurveyCodes.Normalize(typed) is not { } code) return null;
        var hash = SurveyCodes.Hash(code);
        return await (from c in db.SurveyCodes
                      join s in db.Surveys on c.SurveyId equals s.Id
                      where c.Hash == hash && s.NetworkId == networkId
                      select (Guid?)s.Id).FirstOrDefaultAsync();
    }

    /// <summary>Keeps the partial answers against the code (only while it is unused).</summary>
    public async Task<bool> SaveDraftAsync(Guid codeId, Answers answers)
    {
        // Made outside the update's expression: a call inside it is evaluated by compiling it at every request.
        var draft = answers.ToJson();
        return await db.SurveyCodes.Where(c => c.Id == codeId && !c.Used).ExecuteUpdateAsync(u => u.SetProperty(c => c.Draft, draft)) == 1;
    }

    /// <summary>A fresh code from the open link (anyone, with a rate limit; or each signed-in person once).</summary>
    public async Task<(string? Code, string? Error)> StartOpenLinkAsync(Survey survey, Guid? userId)
    {
        if (survey.Status != SurveyStatus.Open || !survey.OpenLink) return (null, Tr.Get("Questo questionario non si compila dal link aperto."));
        if (survey.OneAnswerPerPerson && userId is { } u && await db.SurveyParticipants.AnyAsync(p => p.SurveyId == survey.Id && p.UserId == u))
            return (null, Tr.Get("Avete già risposto a questo questionario: grazie! Si risponde una volta sola."));
        var code = SurveyCodes.NewCode();
        db.SurveyCodes.Add(new SurveyCode { Id = Guid.NewGuid(), SurveyId = survey.Id, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(code)!), Channel = CodeChannel.OpenLink });
        await db.SaveChangesAsync();
        return (code, null);
    }

    /// <summary>
    /// Submits: in one transaction the code is burnt (only if still unused: a twin request finds it used), the draft
    /// erased, the signed-in person (open link, one answer each) recorded as having answered, and the answers written
    /// as a response with the day only. Answers the message when it was already done.
    /// </summary>
    public async Task<string?> SubmitAsync(SurveyDefinition survey, Found found, Guid? participant)
    {
        if (survey.FirstIncompleteSection(found.Answers) is not null) return Tr.Get("Mancano alcune risposte obbligatorie.");
        var schoolId = survey.Survey.PerSchoolResults
            ? await (from c in db.SurveyCodes join k in db.SurveyClasses on c.ClassId equals k.Id where c.Id == found.CodeId select (Guid?)k.PartnerId).FirstOrDefaultAsync()
            : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var burnt = await db.SurveyCodes.Where(c => c.Id == found.CodeId && !c.Used)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Used, true).SetProperty(c => c.Draft, (string?)null));
        if (burnt == 0) return Tr.Get(UsedCode);
        if (survey.Survey.OneAnswerPerPerson && found.Channel == CodeChannel.OpenLink && participant is { } userId)
            db.SurveyParticipants.Add(new SurveyParticipant { SurveyId = survey.Survey.Id, UserId = userId });
        var response = new SurveyResponse { Id = Guid.NewGuid(), SurveyId = survey.Survey.Id, SubmittedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToRome()), SchoolId = schoolId };
        db.SurveyResponses.Add(response);
        db.SurveyAnswers.AddRange(survey.ToRows(response.Id, found.Answers));
        if (!await db.TrySaveAsync()) return Tr.Get("Avete già risposto a questo questionario: grazie! Si risponde una volta sola.");
        await transaction.CommitAsync();
        return null;
    }
}
