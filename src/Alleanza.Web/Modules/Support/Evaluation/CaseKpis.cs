using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using AppDbContext = Alleanza.Web.Platform.Data.AppDbContext;

namespace Alleanza.Web.Modules.Support.Evaluation;

/// <summary>
/// The evaluation of the support programme for a period, as anonymised aggregates only: the targets counted from live
/// data by quarter and by Comune, and the KPIs of case management. Every figure about families goes through
/// <see cref="SmallCells"/> with the network's threshold: a count below it is hidden, a mean or a share made from fewer
/// families is hidden, and each table with totals gets complementary suppression. A hidden figure is <c>null</c>.
/// </summary>
public sealed class CaseKpis(AppDbContext db, ProgrammeCounts programme)
{
    /// <summary>A plan is approved on time when it is approved within this many days of the path's opening.</summary>
    public const int PlanOnTimeDays = 30;

    public static readonly (string Label, int From, int To)[] CaseloadBands = [("da 1 a 10 percorsi", 1, 10), ("da 11 a 20", 11, 20), ("da 21 a 30", 21, 30), ("oltre 30", 31, int.MaxValue)];

    /// <summary>
    /// A table of counts with row and column labels, as it may be published. Without <paramref name="RowTotals"/> its
    /// columns count different things (sessions, presences) and only the column totals mean something.
    /// </summary>
    public sealed record Table(string Caption, string RowHeader, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, PublishedTable Published, bool RowTotals = true);

    public sealed record Figure(string Label, string? Shown, string Basis);

    /// <summary>A programme target: its value in the period and by quarter (families: as published, null when hidden).</summary>
    public sealed record Target(string Name, string Unit, decimal? Goal, long? Value, IReadOnlyList<long?> ByQuarter);

    public sealed record DomainChange(string Domain, bool HigherIsBetter, long? Families, double? MeanChange, double? ShareImproved);

    public sealed record Result(string NetworkName, PlanPeriod Period, int Threshold, IReadOnlyList<string> Quarters, IReadOnlyList<Target> Targets,
        Table FamiliesByQuarterAndComune, Table Caseload, IReadOnlyList<Figure> Figures, Table ClosuresByOutcome, Table ChangeByDomain,
        IReadOnlyList<DomainChange> Changes, Table LabActivity, Table Trainings, DateTime GeneratedAt);

    public async Task<int> ThresholdAsync(Guid networkId, CancellationToken cancel = default) =>
        await db.SupportSettings.AsNoTracking().Where(s => s.NetworkId == networkId).Select(s => (int?)s.SmallCellThreshold).FirstOrDefaultAsync(cancel)
            ?? SmallCells.DefaultThreshold;

    /// <summary>The quarters the period touches, each cut to the period.</summary>
    public static List<(string Label, PlanPeriod Period)> QuartersOf(PlanPeriod period)
    {
        var list = new List<(string, PlanPeriod)>();
        var q = new DateOnly(period.From.Year, (period.From.Month - 1) / 3 * 3 + 1, 1);
        while (q <= period.To && list.Count < 40)
        {
            var end = q.AddMonths(3).AddDays(-1);
            list.Add((Tr.Get("T{0} {1}", (q.Month - 1) / 3 + 1, q.Year), new PlanPeriod(q < period.From ? period.From : q, end > period.To ? period.To : end)));
            q = q.AddMonths(3);
        }
        return list;
    }

    public async Task<Result> ComputeAsync(Guid networkId, PlanPeriod period, DateTime now, CancellationToken cancel = default)
    {
        var threshold = await ThresholdAsync(networkId, cancel);
        var networkName = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Name).FirstAsync(cancel);
        var comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancel);
        var comuneIndex = comuni.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var quarters = QuartersOf(period);
        DateTime start = period.StartUtc, end = period.EndUtc;
        int QuarterOf(DateTime utc)
        {
            var day = DateOnly.FromDateTime(utc.ToRome());
            return quarters.FindIndex(q => day >= q.Period.From && day <= q.Period.To);
        }

        // Paths opened in the period: the families accompanied, by quarter and Comune.
        var cases = db.SupportCases.AsNoTracking().Where(c => c.NetworkId == networkId);
        var cohortQuery = cases.Where(c => c.OpenedAt >= start && c.OpenedAt < end);
        var cohort = await cohortQuery.Select(c => new { c.Id, c.ComuneId, c.OpenedAt, c.PlanApprovedAt }).ToListAsync(cancel);
        var families = new long[quarters.Count, comuni.Count];
        foreach (var c in cohort)
            if (QuarterOf(c.OpenedAt) is var q and >= 0 && comuneIndex.TryGetValue(c.ComuneId, out var ci)) families[q, ci]++;
        var familiesTable = new Table(Tr.Get("Famiglie accompagnate (percorsi aperti) per trimestre e Comune"), Tr.Get("Trimestre"), quarters.Select(q => q.Label).ToList(),
            comuni.Select(c => c.Name).ToList(), SmallCells.Suppress(families, threshold));

        // The other targets by quarter (network-wide: labs, people trained and hours are not families).
        var completions = await programme.CompletionsAsync(networkId, cancel);
        async Task<Target> TargetAsync(IndicatorMetric metric, string name, string unit, Func<PlanPeriod, Task<long>> count)
        {
            var goal = await db.PlanIndicators.AsNoTracking()
                .Where(i => i.Metric == metric && i.Source == IndicatorSource.Bound && db.FamilyPlans.Any(p => p.Id == i.PlanId && p.NetworkId == networkId && p.ComuneId == null))
                .OrderByDescending(i => i.Target).Select(i => (decimal?)i.Target).FirstOrDefaultAsync(cancel);
            var byQuarter = new List<long?>();
            foreach (var q in quarters) byQuarter.Add(await count(q.Period));
            return new Target(name, unit, goal, await count(period), byQuarter);
        }
        var publishedFamilies = familiesTable.Published;
        var targets = new List<Target>
        {
            // Families: the quarters and the period as the families' table publishes them (small counts hidden there too).
            (await TargetAsync(IndicatorMetric.FamiliesAccompanied, Tr.Get("Famiglie accompagnate"), Tr.Get("Famiglie").ToLowerInvariant(), _ => Task.FromResult(0L)))
                with { Value = publishedFamilies.Total, ByQuarter = publishedFamilies.RowTotals },
            await TargetAsync(IndicatorMetric.LabsActive, Tr.Get("Laboratori di comunità attivi"), Tr.Get("Laboratori").ToLowerInvariant(), p => programme.LabsActiveAsync(networkId, null, p.StartUtc, p.EndUtc, cancel)),
            await TargetAsync(IndicatorMetric.OperatorsTrained, Tr.Get("Operatori formati"), Tr.Get("Operatori").ToLowerInvariant(), p => Task.FromResult(completions.LongCount(c => !c.IsVolunteer && c.At >= p.StartUtc && c.At < p.EndUtc))),
            await TargetAsync(IndicatorMetric.VolunteersTrained, Tr.Get("Volontari formati"), Tr.Get("Volontari").ToLowerInvariant(), p => Task.FromResult(completions.LongCount(c => c.IsVolunteer && c.At >= p.StartUtc && c.At < p.EndUtc))),
            await TargetAsync(IndicatorMetric.VolunteerHoursApproved, Tr.Get("Ore di volontariato approvate"), Tr.Get("Ore").ToLowerInvariant(), p => programme.VolunteerHoursApprovedAsync(networkId, null, p.From, p.To, cancel)),
        };

        // Caseload per operator: how many operators follow how many open paths (a distribution, never a name).
        var loads = await db.CaseMembers.AsNoTracking().Where(m => m.Role == CaseMemberRole.Operator)
            .Join(cases.Where(c => c.Status != CaseStatus.Closed && c.AnonymisedAt == null), m => m.CaseId, c => c.Id, (m, c) => m.UserId)
            .GroupBy(u => u).Select(g => g.Count()).ToListAsync(cancel);
        var caseload = SmallCells.Suppress(CaseloadBands.Select(b => (long)loads.Count(n => n >= b.From && n <= b.To)).ToList(), threshold);
        var caseloadTable = new Table(Tr.Get("Carico di lavoro: operatori per numero di percorsi aperti che seguono"), Tr.Get("Percorsi aperti seguiti"), [Tr.Get("Operatori")], CaseloadBands.Select(b => Tr.Get(b.Label)).ToList(), caseload);

        // Figures of the cohort.
        var figures = new List<Figure>();
        var n = cohort.Count;
        var basis = Tr.Get("percorsi aperti nel periodo: {0}", SmallCells.MayPublish(n, threshold) ? StatisticsFormat.Number(n) : Tr.Get("meno di {0}", threshold));
        var approved = cohort.Where(c => c.PlanApprovedAt is not null).Select(c => (c.PlanApprovedAt!.Value - c.OpenedAt).TotalDays).Order().ToList();
        figures.Add(new(Tr.Get("Giorni dall'apertura al piano approvato (mediana)"),
            SmallCells.MayPublish(approved.Count, threshold) && approved.Count > 0 ? StatisticsFormat.Number((long)Math.Round(Median(approved))) : null,
            Tr.Get("percorsi con il piano approvato: {0}", Count(approved.Count, threshold))));
        var sessions = await db.CaseSessions.AsNoTracking().LongCountAsync(s => cohortQuery.Any(c => c.Id == s.CaseId), cancel);
        var followUps = await db.CaseFollowUps.AsNoTracking().LongCountAsync(f => cohortQuery.Any(c => c.Id == f.CaseId), cancel);
        var mayMean = n > 0 && SmallCells.MayPublish(n, threshold);
        figures.Add(new(Tr.Get("Incontri per percorso (media)"), mayMean ? (sessions / (double)n).ToString("0.0", RomeTime.Culture) : null, basis));
        figures.Add(new(Tr.Get("Verifiche (follow-up) per percorso (media)"), mayMean ? (followUps / (double)n).ToString("0.0", RomeTime.Culture) : null, basis));
        var due = cohort.Where(c => c.OpenedAt.AddDays(PlanOnTimeDays) <= now).ToList();
        var onTime = due.Count(c => c.PlanApprovedAt is DateTime a && a <= c.OpenedAt.AddDays(PlanOnTimeDays));
        figures.Add(new(Tr.Get("Piani approvati entro {0} giorni dall'apertura (quota)", PlanOnTimeDays),
            due.Count > 0 && SmallCells.MayPublish(onTime, threshold) && SmallCells.MayPublish(due.Count - onTime, threshold) ? StatisticsFormat.Percent(onTime / (double)due.Count) : null,
            Tr.Get("percorsi aperti da almeno {0} giorni: {1}", PlanOnTimeDays, Count(due.Count, threshold))));

        // Closures in the period by outcome and Comune.
        var outcomes = Enum.GetValues<CaseOutcome>();
        var closures = await cases.Where(c => c.Status == CaseStatus.Closed && c.ClosedAt >= start && c.ClosedAt < end && c.Outcome != null)
            .GroupBy(c => new { c.Outcome, c.ComuneId }).Select(g => new { g.Key.Outcome, g.Key.ComuneId, N = g.LongCount() }).ToListAsync(cancel);
        var closureCounts = new long[outcomes.Length, comuni.Count];
        foreach (var c in closures)
            if (comuneIndex.TryGetValue(c.ComuneId, out var ci)) closureCounts[Array.IndexOf(outcomes, c.Outcome!.Value), ci] += c.N;
        var closuresTable = new Table(Tr.Get("Percorsi chiusi nel periodo per esito e Comune"), Tr.Get("Esito"), outcomes.Select(o => SupportLabels.Of(o)).ToList(),
            comuni.Select(c => c.Name).ToList(), SmallCells.Suppress(closureCounts, threshold));

        // Before/after: paths with an initial and a final assessment, the final one in the period.
        DateOnly firstDay = period.From, lastDay = period.To;
        var scores = await (from s in db.AssessmentScores.AsNoTracking()
                            join a in db.CaseAssessments on s.AssessmentId equals a.Id
                            join c in cases on a.CaseId equals c.Id
                            where (a.Kind == AssessmentKind.Initial || a.Kind == AssessmentKind.Final)
                                  && db.CaseAssessments.Any(f => f.CaseId == a.CaseId && f.Kind == AssessmentKind.Final && f.Date >= firstDay && f.Date <= lastDay)
                            select new { a.CaseId, a.Kind, a.Date, a.CreatedAt, s.Domain, s.Point, s.HigherIsBetter }).ToListAsync(cancel);
        var changes = new Dictionary<string, List<int>>();
        var direction = new Dictionary<string, bool>();
        foreach (var group in scores.GroupBy(s => (s.CaseId, s.Domain)))
        {
            var first = group.Where(s => s.Kind == AssessmentKind.Initial).OrderBy(s => s.Date).ThenBy(s => s.CreatedAt).FirstOrDefault();
            var last = group.Where(s => s.Kind == AssessmentKind.Final).OrderByDescending(s => s.Date).ThenByDescending(s => s.CreatedAt).FirstOrDefault();
            if (first is null || last is null) continue;
            var change = (last.Point - first.Point) * (last.HigherIsBetter ? 1 : -1);
            if (!changes.TryGetValue(group.Key.Domain, out var list)) changes[group.Key.Domain] = list = [];
            list.Add(change);
            direction[group.Key.Domain] = last.HigherIsBetter;
        }
        var settings = await db.SupportSettings.AsNoTracking().FirstOrDefaultAsync(s => s.NetworkId == networkId, cancel);
        var domainOrder = (settings?.Domains() ?? AssessmentDomain.Parse(SupportSettings.DefaultScale)).Select(d => d.Name).ToList();
        var domains = changes.Keys.OrderBy(d => domainOrder.IndexOf(d) is var i and >= 0 ? i : int.MaxValue).ThenBy(d => d, StringComparer.Ordinal).ToList();
        var changeCounts = new long[domains.Count, 3];
        for (var d = 0; d < domains.Count; d++)
        {
            changeCounts[d, 0] = changes[domains[d]].Count(c => c > 0);
            changeCounts[d, 1] = changes[domains[d]].Count(c => c == 0);
            changeCounts[d, 2] = changes[domains[d]].Count(c => c < 0);
        }
        var changePublished = SmallCells.Suppress(changeCounts, threshold);
        var changeTable = new Table(Tr.Get("Famiglie per variazione tra la valutazione iniziale e quella finale, per ambito (nel totale una famiglia conta una volta per ogni ambito)"), Tr.Get("Ambito"), domains,
            [Tr.Get("Migliorate"), Tr.Get("Invariate"), Tr.Get("Peggiorate")], changePublished);
        var domainChanges = domains.Select((d, i) =>
        {
            var list = changes[d];
            var total = changePublished.RowTotals[i];
            var may = total is not null && list.Count > 0;
            return new DomainChange(d, direction[d], total, may ? list.Average() : null,
                may && changePublished[i, 0] is long improved ? improved / (double)list.Count : null);
        }).ToList();

        // The labs' activity by quarter: sessions and people counted (the counts are of presences, not of families).
        var labSessions = await db.LabSessions.AsNoTracking().Where(s => s.NetworkId == networkId && s.StartsAt >= start && s.StartsAt < end)
            .Select(s => new { s.StartsAt, Counted = s.AdultsNew + s.AdultsReturning + s.ChildrenNew + s.ChildrenReturning, New = s.AdultsNew + s.ChildrenNew }).ToListAsync(cancel);
        var contacts = await db.ListeningContacts.AsNoTracking().Where(c => c.NetworkId == networkId && c.Date >= firstDay && c.Date <= lastDay).Select(c => c.Date).ToListAsync(cancel);
        var lab = new long[quarters.Count, 4];
        foreach (var s in labSessions)
            if (QuarterOf(s.StartsAt) is var q and >= 0) { lab[q, 0]++; lab[q, 1] += s.Counted; lab[q, 2] += s.New; }
        foreach (var d in contacts)
            if (quarters.FindIndex(x => d >= x.Period.From && d <= x.Period.To) is var q and >= 0) lab[q, 3]++;
        var labTable = new Table(Tr.Get("Attività dei laboratori di comunità per trimestre"), Tr.Get("Trimestre"), quarters.Select(q => q.Label).ToList(),
            [Tr.Get("Incontri"), Tr.Get("Presenze contate"), Tr.Get("di cui nuove"), Tr.Get("Contatti al punto di ascolto")], Unsuppressed(lab), RowTotals: false);

        // Trainings: courses with a session in the period, people enrolled and who completed.
        var courses = await db.TrainingCourses.AsNoTracking().Where(c => c.NetworkId == networkId && db.TrainingSessions.Any(s => s.CourseId == c.Id && s.StartsAt >= start && s.StartsAt < end))
            .OrderBy(c => c.Title).Select(c => new { c.Id, c.Title, Enrolled = (long)db.TrainingEnrolments.Count(e => e.CourseId == c.Id),
                Sessions = (long)db.TrainingSessions.Count(s => s.CourseId == c.Id && s.StartsAt >= start && s.StartsAt < end) }).ToListAsync(cancel);
        var training = new long[courses.Count, 2];
        for (var i = 0; i < courses.Count; i++) { training[i, 0] = courses[i].Sessions; training[i, 1] = courses[i].Enrolled; }
        var trainingTable = new Table(Tr.Get("Corsi di formazione con incontri nel periodo"), Tr.Get("Corso"), courses.Select(c => c.Title).ToList(), [Tr.Get("Incontri nel periodo"), Tr.Get("Iscritti")], Unsuppressed(training), RowTotals: false);

        return new Result(networkName, period, threshold, quarters.Select(q => q.Label).ToList(), targets, familiesTable, caseloadTable, figures,
            closuresTable, changeTable, domainChanges, labTable, trainingTable, now);
    }

    static string Count(int n, int threshold) => SmallCells.MayPublish(n, threshold) ? StatisticsFormat.Number(n) : Tr.Get("meno di {0}", threshold);

    static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Counts that are not of families (sessions, presences, people enrolled in courses) are published as they are.</summary>
    static PublishedTable Unsuppressed(long[,] counts) => SmallCells.Suppress(counts, 0);
}
