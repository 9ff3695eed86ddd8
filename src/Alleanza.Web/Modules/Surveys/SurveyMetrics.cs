using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// The questionnaires' figures the Piano Family's bound indicators read (the module's public query), for a network,
/// optionally one Comune, and a period of Italian days.
/// <list type="bullet">
/// <item>Questionnaires answered: responses submitted in the period; for a Comune, those whose answer to a «Comune di
/// residenza» question is that Comune.</item>
/// <item>Response rate (whole percent): of the questionnaires opened before the end of the period, codes used over
/// codes expected — the pupils of the school classes and the households invited; for a Comune, the households invited
/// from that Comune (schools serve more than one Comune). 0 when nothing was expected.</item>
/// </list>
/// </summary>
public sealed class SurveyMetrics(AppDbContext db)
{
    public Task<long> AnswersAsync(Guid networkId, Guid? comuneId, DateOnly first, DateOnly last, CancellationToken cancel = default)
    {
        var responses = from r in db.SurveyResponses.AsNoTracking()
                        join s in db.Surveys on r.SurveyId equals s.Id
                        where s.NetworkId == networkId && r.SubmittedOn >= first && r.SubmittedOn <= last
                        select r;
        if (comuneId is Guid comune)
            responses = responses.Where(r => db.SurveyAnswers.Any(a => a.ResponseId == r.Id && a.OptionId == comune
                && db.SurveyQuestions.Any(q => q.Id == a.QuestionId && q.Type == QuestionType.Comune)));
        return responses.LongCountAsync(cancel);
    }

    public async Task<long> ResponseRatePercentAsync(Guid networkId, Guid? comuneId, DateTime endUtc, CancellationToken cancel = default)
    {
        var surveys = db.Surveys.AsNoTracking().Where(s => s.NetworkId == networkId && s.OpenedAt != null && s.OpenedAt < endUtc).Select(s => s.Id);
        long expected, used;
        if (comuneId is Guid comune)
        {
            var invited = db.SurveyCodes.AsNoTracking().Where(c => surveys.Contains(c.SurveyId) && c.Channel == CodeChannel.Invitation && c.ComuneId == comune);
            expected = await invited.LongCountAsync(cancel);
            used = await invited.LongCountAsync(c => c.Used, cancel);
        }
        else
        {
            var pupils = await db.SurveyClasses.AsNoTracking().Where(k => surveys.Contains(k.SurveyId)).SumAsync(k => (long?)k.Pupils, cancel) ?? 0;
            var invited = await db.SurveyCodes.AsNoTracking().LongCountAsync(c => surveys.Contains(c.SurveyId) && c.Channel == CodeChannel.Invitation, cancel);
            expected = pupils + invited;
            used = await db.SurveyCodes.AsNoTracking().LongCountAsync(c => surveys.Contains(c.SurveyId) && c.Used && c.Channel != CodeChannel.OpenLink, cancel);
        }
        return expected == 0 ? 0 : (long)Math.Round(100.0 * Math.Min(used, expected) / expected);
    }
}
