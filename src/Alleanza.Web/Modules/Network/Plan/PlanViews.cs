using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// Who may do what with the plans of the current network. Coordinators (and administrators) manage every plan.
/// A municipal officer bound to a Comune reads the network's plans and the plans of that Comune, and updates the
/// status of the actions of their Comune's plans; an officer with no Comune does so for every plan.
/// </summary>
public sealed record PlanScope(Guid NetworkId, bool Manages, bool IsOfficer, Guid? OfficerComuneId, Guid UserId, string UserName)
{
    public bool CanRead(FamilyPlan plan) =>
        plan.NetworkId == NetworkId && (Manages || (IsOfficer && (OfficerComuneId is null || plan.ComuneId is null || plan.ComuneId == OfficerComuneId)));

    public bool CanUpdateActions(FamilyPlan plan) =>
        plan.NetworkId == NetworkId && (Manages || (IsOfficer && (OfficerComuneId is null || plan.ComuneId == OfficerComuneId)));

    /// <summary>The Comuni whose mapping this person may see (null: all of the network).</summary>
    public Guid? MappingComune => Manages ? null : OfficerComuneId;

    public static async Task<PlanScope?> ForAsync(CurrentAccess access, CurrentNetwork network)
    {
        if (!network.IsResolved || access.UserId is not Guid userId) return null;
        var name = access.User.Identity?.Name ?? "";
        if (await access.CanManageNetworkAsync()) return new PlanScope(network.Id, true, false, null, userId, name);
        var officer = (await access.RolesHereAsync()).Where(m => m.Role == NetworkRole.MunicipalOfficer).ToList();
        if (officer.Count == 0) return null;
        return new PlanScope(network.Id, false, true, officer.Any(m => m.ComuneId is null) ? null : officer[0].ComuneId, userId, name);
    }
}

/// <summary>A plan as pages, the dossier and the dashboard read it: objectives with their indicators' values and progress, actions.</summary>
public sealed record PlanView(FamilyPlan Plan, string? Comune, PlanPeriod Period, IReadOnlyList<PlanView.Objective> Objectives,
    IReadOnlyList<PlanView.History> Changes)
{
    public sealed record Indicator(PlanIndicator Entity, decimal? Current, double Progress)
    {
        public string SourceLabel => Entity.Source == IndicatorSource.Bound && Entity.Metric is IndicatorMetric m ? PlanLabels.Text(m) : Tr.Get("Inserito a mano");
    }

    public sealed record Action(PlanAction Entity, string? Partner);

    public sealed record Objective(PlanObjective Entity, Guid AreaId, string Area, IReadOnlyList<Indicator> Indicators, IReadOnlyList<Action> Actions)
    {
        /// <summary>Average progress of the indicators (null: no indicator).</summary>
        public double? IndicatorProgress => Indicators.Count == 0 ? null : Indicators.Average(i => i.Progress);
        public int ActionsCompleted => Actions.Count(a => a.Entity.Status == ActionStatus.Completed);
        /// <summary>Share of completed actions, 0–100 (null: no action).</summary>
        public double? ActionProgress => Actions.Count == 0 ? null : 100.0 * ActionsCompleted / Actions.Count;
        public decimal Budget => Actions.Sum(a => a.Entity.Budget ?? 0);
    }

    public sealed record History(PlanStatusChange Change, string Subject);

    public decimal Budget => Objectives.Sum(o => o.Budget);
    public IEnumerable<Action> AllActions => Objectives.SelectMany(o => o.Actions);
}

/// <summary>Reads plans for the pages, the dossier and (through <see cref="PlanProgress"/>) the dashboard.</summary>
public sealed class PlanViews(AppDbContext db, IndicatorValues values)
{
    /// <summary>The plan of this network with this id, or null (unknown, or another network's).</summary>
    public Task<FamilyPlan?> FindAsync(Guid networkId, Guid planId, CancellationToken cancel = default) =>
        db.FamilyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && p.NetworkId == networkId, cancel);

    /// <param name="period">The plan's two years unless given.</param>
    /// <param name="comuneId">For a network plan: compute bound indicators for this Comune only (the dossier of a Comune).</param>
    /// <param name="storedIndicators">Bound indicators as the background refresher last stored them, instead of counted now.</param>
    public async Task<PlanView> LoadAsync(FamilyPlan plan, PlanPeriod? period = null, Guid? comuneId = null, bool withHistory = true, CancellationToken cancel = default,
        bool storedIndicators = false)
    {
        period ??= PlanPeriod.Of(plan);
        var objectives = await db.PlanObjectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Order).ThenBy(o => o.Title).ToListAsync(cancel);
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == plan.Id).ToListAsync(cancel);
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.PlanId == plan.Id).OrderBy(i => i.Order).ThenBy(i => i.Name).ToListAsync(cancel);
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == plan.NetworkId).Select(a => new { a.Id, a.Name, a.Order }).ToListAsync(cancel);
        var partnerIds = actions.Where(a => a.ResponsiblePartnerId != null).Select(a => a.ResponsiblePartnerId!.Value).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancel);
        var comuneFor = plan.ComuneId ?? comuneId;
        var comune = comuneFor is Guid cid ? await db.Comuni.AsNoTracking().Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(cancel) : null;
        var current = await values.ForPlanAsync(plan, indicators, objectives.ToDictionary(o => o.Id, o => o.AreaId), period, comuneId, cancel, storedIndicators);

        var areaOrder = areas.ToDictionary(a => a.Id, a => a.Order);
        var list = objectives
            .OrderBy(o => areaOrder.GetValueOrDefault(o.AreaId, int.MaxValue)).ThenBy(o => o.Order).ThenBy(o => o.Title, StringComparer.Create(Platform.RomeTime.Italian, true))
            .Select(o => new PlanView.Objective(o, o.AreaId, areas.FirstOrDefault(a => a.Id == o.AreaId)?.Name ?? "—",
                indicators.Where(i => i.ObjectiveId == o.Id).Select(i =>
                {
                    var value = current.GetValueOrDefault(i.Id);
                    return new PlanView.Indicator(i, value, PlanIndicator.Progress(i.Baseline, i.Target, value));
                }).ToList(),
                actions.Where(a => a.ObjectiveId == o.Id).OrderBy(a => a.StartDate ?? DateOnly.MaxValue).ThenBy(a => a.Title)
                    .Select(a => new PlanView.Action(a, a.ResponsiblePartnerId is Guid p ? partners.GetValueOrDefault(p) : null)).ToList()))
            .ToList();

        var history = new List<PlanView.History>();
        if (withHistory)
        {
            var changes = await db.PlanStatusChanges.AsNoTracking().Where(c => c.PlanId == plan.Id).OrderByDescending(c => c.Id).Take(200).ToListAsync(cancel);
            foreach (var c in changes)
            {
                var subject = c.Subject switch
                {
                    PlanSubject.Plan => Tr.Get("Piano"),
                    PlanSubject.Objective => objectives.FirstOrDefault(o => o.Id == c.SubjectId)?.Title is { } title ? Tr.Get("Obiettivo «{0}»", title) : Tr.Get("Obiettivo eliminato"),
                    _ => actions.FirstOrDefault(a => a.Id == c.SubjectId)?.Title is { } title ? Tr.Get("Azione «{0}»", title) : Tr.Get("Azione eliminata"),
                };
                history.Add(new PlanView.History(c, subject));
            }
        }
        return new PlanView(plan, comune, period, list, history);
    }
}

/// <summary>Public query for the coordinator's dashboard: the plans of a network with each objective's progress.</summary>
public sealed class PlanProgress(AppDbContext db, PlanViews views)
{
    public sealed record ObjectiveProgress(Guid Id, string Title, string Area, ObjectiveStatus Status,
        double? IndicatorProgress, int Actions, int ActionsCompleted, double? ActionProgress);

    /// <param name="IndicatorsComputedAt">When the oldest stored value of its bound indicators was computed (null: none stored).</param>
    /// <param name="IndicatorsPending">Bound indicators not computed yet (new or just changed).</param>
    public sealed record PlanSummary(Guid Id, string Title, int StartYear, PlanStatus Status, Guid? ComuneId, string? Comune, decimal Budget,
        IReadOnlyList<ObjectiveProgress> Objectives, DateTime? IndicatorsComputedAt, int IndicatorsPending);

    /// <summary>
    /// The plans of the network (all of them; with <paramref name="comuneId"/>, the network-wide plans and that Comune's;
    /// with years, those whose two years overlap them), newest first, with the progress of each objective: indicators
    /// (average of (current − baseline)/(target − baseline), each clamped to 0–100 %) and completed actions. Bound
    /// indicators are read as <see cref="PlanIndicatorRefresher"/> stored them: counting them takes seconds at regional scale.
    /// </summary>
    public async Task<IReadOnlyList<PlanSummary>> ForNetworkAsync(Guid networkId, Guid? comuneId, CancellationToken cancel = default, int max = 50,
        int? fromYear = null, int? toYear = null)
    {
        var q = db.FamilyPlans.AsNoTracking().Where(p => p.NetworkId == networkId);
        if (comuneId is Guid c) q = q.Where(p => p.ComuneId == null || p.ComuneId == c);
        if (fromYear is int from) q = q.Where(p => p.StartYear + 1 >= from);
        if (toYear is int to) q = q.Where(p => p.StartYear <= to);
        var plans = await q.OrderByDescending(p => p.StartYear).ThenBy(p => p.Title).Take(max).ToListAsync(cancel);
        var result = new List<PlanSummary>();
        foreach (var plan in plans)
        {
            var view = await views.LoadAsync(plan, withHistory: false, cancel: cancel, storedIndicators: true);
            var bound = view.Objectives.SelectMany(o => o.Indicators).Select(i => i.Entity).Where(i => i.IsBound).ToList();
            result.Add(new PlanSummary(plan.Id, plan.Title, plan.StartYear, plan.Status, plan.ComuneId, view.Comune, view.Budget,
                view.Objectives.Select(o => new ObjectiveProgress(o.Entity.Id, o.Entity.Title, o.Area, o.Entity.Status, o.IndicatorProgress,
                    o.Actions.Count, o.ActionsCompleted, o.ActionProgress)).ToList(),
                bound.Where(i => i.ComputedAt is not null).Select(i => i.ComputedAt).Min(), bound.Count(i => i.ComputedAt is null)));
        }
        return result;
    }
}
