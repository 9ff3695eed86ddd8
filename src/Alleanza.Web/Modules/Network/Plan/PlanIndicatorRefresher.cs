using System.Diagnostics;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>
/// Computes the bound indicators of every Piano Family in the background and stores them with their time
/// (<see cref="PlanIndicator.ComputedValue"/>, <see cref="PlanIndicator.ComputedAt"/>), for the coordinator's dashboard:
/// at regional scale one indicator counts millions of rows (distinct families over two years of registrations) and
/// takes seconds, which no page should wait for. It looks every minute for indicators never computed (new or changed)
/// or older than <c>Plans:IndicatorRefreshInterval</c> (15 minutes; 0 turns it off). Each plan is claimed with a
/// conditional UPDATE first, so several instances never compute the same plan at once.
/// </summary>
public sealed class PlanIndicatorRefresher(IServiceScopeFactory scopes, IConfiguration config, ILogger<PlanIndicatorRefresher> log) : BackgroundService
{
    public static TimeSpan IntervalFrom(IConfiguration config) => config.GetValue("Plans:IndicatorRefreshInterval", TimeSpan.FromMinutes(15));

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = IntervalFrom(config);
        if (interval <= TimeSpan.Zero) return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RefreshDueAsync(scope.ServiceProvider, interval, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Indicatori del Piano Family non calcolati");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(1), stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Computes and stores the bound indicators of the plans that are due; returns how many plans it computed.</summary>
    public static async Task<int> RefreshDueAsync(IServiceProvider services, TimeSpan interval, CancellationToken cancel = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var values = services.GetRequiredService<IndicatorValues>();
        var log = services.GetRequiredService<ILogger<PlanIndicatorRefresher>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var stale = now - interval;
        var due = await Bound(db).Where(i => i.ComputedAt == null || i.ComputedAt < stale).Select(i => i.PlanId).Distinct().OrderBy(id => id).Take(50).ToListAsync(cancel);
        var computed = 0;
        foreach (var planId in due)
        {
            var claimed = await Bound(db).Where(i => i.PlanId == planId && (i.ComputedAt == null || i.ComputedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ComputedAt, now), cancel);
            if (claimed == 0) continue; // another instance took it
            var plan = await db.FamilyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancel);
            if (plan is null) continue;
            var indicators = await Bound(db).AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancel);
            var areas = await db.PlanObjectives.AsNoTracking().Where(o => o.PlanId == planId).ToDictionaryAsync(o => o.Id, o => o.AreaId, cancel);
            var watch = Stopwatch.StartNew();
            var current = await values.ForPlanAsync(plan, indicators, areas, cancel: cancel);
            foreach (var i in indicators)
            {
                var value = current.GetValueOrDefault(i.Id);
                // Only if it still counts the same thing: an edit in the meantime leaves it to the next round.
                await db.PlanIndicators.Where(x => x.Id == i.Id && x.Metric == i.Metric && x.ObjectiveId == i.ObjectiveId && x.ComputedAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ComputedValue, value).SetProperty(x => x.ComputedAt, now), cancel);
            }
            log.LogInformation("Indicators of plan {Plan} ({Count}) computed in {Milliseconds} ms", planId, indicators.Count, watch.ElapsedMilliseconds);
            computed++;
        }
        return computed;
    }

    static IQueryable<PlanIndicator> Bound(AppDbContext db) => db.PlanIndicators.Where(i => i.Source == IndicatorSource.Bound && i.Metric != null);

    /// <summary>After a change that moves a plan's bound values (its Comune or years, an objective's area): compute them again soon.</summary>
    public static Task<int> ForgetAsync(AppDbContext db, Guid planId, Guid? objectiveId = null, CancellationToken cancel = default) =>
        db.PlanIndicators.Where(i => i.PlanId == planId && (objectiveId == null || i.ObjectiveId == objectiveId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ComputedAt, (DateTime?)null).SetProperty(i => i.ComputedValue, (decimal?)null), cancel);
}
