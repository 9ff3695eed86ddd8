using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>A period of whole Italian days, both ends included.</summary>
public sealed record PlanPeriod(DateOnly From, DateOnly To)
{
    public DateTime StartUtc => RomeTime.FromRome(From, TimeOnly.MinValue);
    /// <summary>The first instant after the period (exclusive end).</summary>
    public DateTime EndUtc => RomeTime.FromRome(To.AddDays(1), TimeOnly.MinValue);
    public static PlanPeriod Of(FamilyPlan plan) => new(plan.PeriodStart, plan.PeriodEnd);
    public string Label => $"dal {From:d/M/yyyy} al {To:d/M/yyyy}";
}

/// <summary>
/// The current value of indicators bound to the platform's data, for a network, optionally one of its Comuni, and a
/// period. One aggregate query per metric (per area for opportunities); nothing is loaded row by row.
/// <list type="bullet">
/// <item>Opportunities published in the area: published now, first published before the end of the period, offered in
/// the Comune (or in every Comune: no Comune given).</item>
/// <item>Family Cards issued: cards issued in the period to residents of the Comune.</item>
/// <item>Merchants joined: partners with at least one published offer (published before the end of the period) and,
/// for a Comune, a shop in it.</item>
/// <item>Families reached: distinct accounts with a confirmed registration made in the period, to opportunities
/// offered in the Comune (or everywhere).</item>
/// <item>The time bank's hours exchanged and families involved: see <see cref="Sharing.TimeBank.TimeBankCounts"/>.</item>
/// <item>The support programme's targets (families accompanied, labs active, operators and volunteers trained,
/// volunteer hours approved): see <see cref="Support.Evaluation.ProgrammeCounts"/>.</item>
/// <item>The questionnaires (answers collected, response rate per school class and invited Comune): see <see cref="Surveys.SurveyMetrics"/>.</item>
/// <item>Condividi's exchanges completed, items given, loans and families involved (hand-overs in the period, in the
/// Comune of the post): see <see cref="Sharing.Exchange.SharingFigures"/>.</item>
/// <item>The purchasing groups' orders delivered, their value in whole euro, the active families and the local suppliers:
/// see <see cref="Sharing.PurchasingGroups.PurchasingFigures"/>.</item>
/// </list>
/// </summary>
public sealed class IndicatorValues(AppDbContext db, Support.Evaluation.ProgrammeCounts programme, Sharing.TimeBank.TimeBankCounts timeBank,
    Surveys.SurveyMetrics surveys, Sharing.Exchange.SharingFigures sharing, Sharing.PurchasingGroups.PurchasingFigures purchasing)
{
    public async Task<long> ComputeAsync(Guid networkId, Guid? comuneId, IndicatorMetric metric, Guid? areaId, PlanPeriod period, CancellationToken cancel = default)
    {
        DateTime start = period.StartUtc, end = period.EndUtc;
        switch (metric)
        {
            case IndicatorMetric.PublishedOpportunitiesInArea:
            {
                var q = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Published
                    && o.PublishedAt != null && o.PublishedAt < end);
                if (areaId is Guid area) q = q.Where(o => o.AreaId == area);
                if (comuneId is Guid comune) q = q.Where(ComuneScope.ServesComune(comune));
                return await q.LongCountAsync(cancel);
            }
            case IndicatorMetric.FamilyCardsIssued:
            {
                var q = db.Cards.AsNoTracking().Where(c => c.NetworkId == networkId && c.IssuedAt >= start && c.IssuedAt < end);
                if (comuneId is Guid comune) q = q.Where(c => c.ComuneId == comune);
                return await q.LongCountAsync(cancel);
            }
            case IndicatorMetric.MerchantsJoined:
            {
                var q = db.Offers.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OfferStatus.Published
                    && (o.PublishedAt == null || o.PublishedAt < end));
                if (comuneId is Guid comune) q = q.Where(o => db.Shops.Any(s => s.PartnerId == o.PartnerId && s.ComuneId == comune));
                return await q.Select(o => o.PartnerId).Distinct().LongCountAsync(cancel);
            }
            case IndicatorMetric.FamiliesReached:
            {
                var opportunities = db.Opportunities.AsQueryable();
                if (comuneId is Guid comune) opportunities = opportunities.Where(ComuneScope.ServesComune(comune));
                var q = from r in db.Registrations.AsNoTracking()
                        join s in db.OpportunitySessions on r.SessionId equals s.Id
                        join o in opportunities on s.OpportunityId equals o.Id
                        where r.NetworkId == networkId && r.Status == RegistrationStatus.Confirmed && r.CreatedAt >= start && r.CreatedAt < end
                        select r.UserId;
                return await q.Distinct().LongCountAsync(cancel);
            }
            case IndicatorMetric.FamiliesAccompanied:
                return await programme.FamiliesAccompaniedAsync(networkId, comuneId, start, end, cancel);
            case IndicatorMetric.LabsActive:
                return await programme.LabsActiveAsync(networkId, comuneId, start, end, cancel);
            case IndicatorMetric.OperatorsTrained:
                return await programme.TrainedAsync(networkId, comuneId, false, start, end, cancel);
            case IndicatorMetric.VolunteersTrained:
                return await programme.TrainedAsync(networkId, comuneId, true, start, end, cancel);
            case IndicatorMetric.VolunteerHoursApproved:
                return await programme.VolunteerHoursApprovedAsync(networkId, comuneId, period.From, period.To, cancel);
            case IndicatorMetric.TimeBankHours:
                return await timeBank.HoursExchangedAsync(networkId, comuneId, period.From, period.To, cancel);
            case IndicatorMetric.TimeBankFamilies:
                return await timeBank.FamiliesInvolvedAsync(networkId, comuneId, period.From, period.To, cancel);
            case IndicatorMetric.SurveyAnswers:
                return await surveys.AnswersAsync(networkId, comuneId, period.From, period.To, cancel);
            case IndicatorMetric.SurveyResponseRate:
                return await surveys.ResponseRatePercentAsync(networkId, comuneId, end, cancel);
            case IndicatorMetric.SharingExchanges or IndicatorMetric.SharingItemsGiven or IndicatorMetric.SharingItemsLent or IndicatorMetric.SharingFamilies:
            {
                var counts = await sharing.CountsAsync(networkId, comuneId, start, end, cancel);
                return metric switch
                {
                    IndicatorMetric.SharingExchanges => counts.Exchanges, IndicatorMetric.SharingItemsGiven => counts.Given,
                    IndicatorMetric.SharingItemsLent => counts.Lent, _ => counts.Families,
                };
            }
            case IndicatorMetric.GafOrders or IndicatorMetric.GafValueEuro or IndicatorMetric.GafFamilies or IndicatorMetric.GafLocalSuppliers:
            {
                var counts = await purchasing.CountsAsync(networkId, comuneId, period.From, period.To, cancel);
                return metric switch
                {
                    IndicatorMetric.GafOrders => counts.Orders, IndicatorMetric.GafValueEuro => counts.ValueCents / 100,
                    IndicatorMetric.GafFamilies => counts.Households, _ => counts.LocalSuppliers,
                };
            }
            default:
                return 0;
        }
    }

    /// <summary>
    /// The current value of each indicator of a plan (manual: the last reading; bound: computed), by indicator id.
    /// With <paramref name="stored"/>, bound indicators give the value the background refresher stored (null until it has
    /// computed one), for the plan's own period and Comune.
    /// </summary>
    public async Task<Dictionary<Guid, decimal?>> ForPlanAsync(FamilyPlan plan, IReadOnlyList<PlanIndicator> indicators, IReadOnlyDictionary<Guid, Guid> objectiveAreas,
        PlanPeriod? period = null, Guid? comuneId = null, CancellationToken cancel = default, bool stored = false)
    {
        period ??= PlanPeriod.Of(plan);
        // The plan's own Comune when it has one; a network plan can be read for one Comune (the dossier).
        var comune = plan.ComuneId ?? comuneId;
        var cache = new Dictionary<(IndicatorMetric, Guid?), long>();
        var values = new Dictionary<Guid, decimal?>();
        // Manual indicators: the last reading up to the end of the period.
        var manualIds = indicators.Where(i => !i.IsBound).Select(i => i.Id).ToList();
        var readings = manualIds.Count == 0 ? [] : await db.IndicatorReadings.AsNoTracking()
            .Where(r => manualIds.Contains(r.IndicatorId) && r.Date <= period.To)
            .Select(r => new { r.IndicatorId, r.Date, r.RecordedAt, r.Value }).ToListAsync(cancel);
        var last = readings.GroupBy(r => r.IndicatorId)
            .ToDictionary(g => g.Key, g => (decimal?)g.OrderByDescending(r => r.Date).ThenByDescending(r => r.RecordedAt).First().Value);
        foreach (var i in indicators)
        {
            if (!i.IsBound || i.Metric is not IndicatorMetric metric)
            {
                values[i.Id] = last.GetValueOrDefault(i.Id);
                continue;
            }
            if (stored)
            {
                values[i.Id] = i.ComputedValue;
                continue;
            }
            Guid? area = metric == IndicatorMetric.PublishedOpportunitiesInArea ? objectiveAreas.GetValueOrDefault(i.ObjectiveId) : null;
            if (!cache.TryGetValue((metric, area), out var v))
                cache[(metric, area)] = v = await ComputeAsync(plan.NetworkId, comune, metric, area, period, cancel);
            values[i.Id] = v;
        }
        return values;
    }
}
