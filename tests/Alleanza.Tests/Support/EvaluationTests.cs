using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Modules.Support;
using Alleanza.Web.Modules.Support.Evaluation;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Support;

/// <summary>
/// The evaluation of Pavia's programme: the Piano Family indicators bound to the support paths, labs, courses and
/// volunteer hours equal a direct count (and the background refresher stores them); the evaluation page and the
/// restitution report (PDF read with PdfPig, XLSX with ClosedXML) publish no figure from fewer families than the
/// network's threshold and hide complementary cells; only the coordinator reads them.
/// </summary>
public class EvaluationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Hidden = RestitutionReport.Hidden;

    sealed record Raw(List<SupportCase> Cases, List<(Guid Id, Guid? ComuneId)> Labs, List<(Guid LabId, DateTime StartsAt)> LabSessions,
        List<VolunteerHours> Hours, long OperatorsCompleted, long VolunteersCompleted);

    /// <summary>Pavia's rows, loaded whole and counted here in memory, independently of the queries under test.</summary>
    Task<Raw> RawAsync(Guid network) => factory.WithDbAsync(async db =>
    {
        var cases = await db.SupportCases.AsNoTracking().Where(c => c.NetworkId == network).ToListAsync();
        var labs = (await db.CommunityLabs.AsNoTracking().Where(l => l.NetworkId == network).Select(l => new { l.Id, l.ComuneId }).ToListAsync()).Select(l => (l.Id, l.ComuneId)).ToList();
        var sessions = (await db.LabSessions.AsNoTracking().Where(s => s.NetworkId == network).Select(s => new { s.LabId, s.StartsAt }).ToListAsync()).Select(s => (s.LabId, s.StartsAt)).ToList();
        var hours = await db.VolunteerHours.AsNoTracking().Where(h => h.NetworkId == network).ToListAsync();
        // Completion ever: the hours attended in a course reach the network's share of all its hours.
        var percent = await db.CommunitySettings.Where(s => s.NetworkId == network).Select(s => (int?)s.CompletionPercent).FirstOrDefaultAsync() ?? 75;
        var courseSessions = await db.TrainingSessions.AsNoTracking().Where(s => s.NetworkId == network).ToListAsync();
        var attendance = await db.TrainingAttendances.AsNoTracking().ToListAsync();
        var volunteers = (await db.VolunteerProfiles.Where(v => v.NetworkId == network).Select(v => v.UserId).ToListAsync()).ToHashSet();
        var completed = attendance.Join(courseSessions, a => a.SessionId, s => s.Id, (a, s) => (a.UserId, s.CourseId, Hours: (s.EndsAt - s.StartsAt).TotalHours))
            .GroupBy(x => (x.UserId, x.CourseId))
            .Where(g => g.Sum(x => x.Hours) * 100 >= percent * courseSessions.Where(s => s.CourseId == g.Key.CourseId).Sum(s => (s.EndsAt - s.StartsAt).TotalHours) - 1e-9)
            .Select(g => g.Key.UserId).Distinct().ToList();
        return new Raw(cases, labs, sessions, hours, completed.Count(u => !volunteers.Contains(u)), completed.Count(volunteers.Contains));
    });

    static long Direct(Raw raw, IndicatorMetric metric, Guid? comune, PlanPeriod p) => metric switch
    {
        IndicatorMetric.FamiliesAccompanied => raw.Cases.Count(c => c.OpenedAt >= p.StartUtc && c.OpenedAt < p.EndUtc && (comune == null || c.ComuneId == comune)),
        IndicatorMetric.LabsActive => raw.LabSessions.Where(s => s.StartsAt >= p.StartUtc && s.StartsAt < p.EndUtc).Select(s => s.LabId).Distinct()
            .Count(id => comune == null || raw.Labs.First(l => l.Id == id).ComuneId == comune),
        IndicatorMetric.VolunteerHoursApproved => raw.Hours.Where(h => h.Status == HoursStatus.Approved && h.Date >= p.From && h.Date <= p.To
            && (comune == null || raw.Labs.Any(l => l.Id == h.LabId && l.ComuneId == comune))).Sum(h => (long)h.Minutes) / 60,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    [Fact]
    public async Task Bound_indicators_equal_a_direct_count()
    {
        var network = await factory.NetworkAsync("pavia");
        var raw = await RawAsync(network);
        var today = RomeDate.Today;
        var comune = raw.Cases.GroupBy(c => c.ComuneId).OrderByDescending(g => g.Count()).First().Key;
        using var scope = factory.Services.CreateScope();
        var values = scope.ServiceProvider.GetRequiredService<IndicatorValues>();
        foreach (var period in new[] { new PlanPeriod(today.AddDays(-729), today), new PlanPeriod(today.AddDays(-200), today.AddDays(-100)) })
            foreach (var metric in new[] { IndicatorMetric.FamiliesAccompanied, IndicatorMetric.LabsActive, IndicatorMetric.VolunteerHoursApproved })
                foreach (var c in new Guid?[] { null, comune })
                    Assert.Equal(Direct(raw, metric, c, period), await values.ComputeAsync(network, c, metric, null, period));
        // The demo has data for every target (so the comparison means something).
        var twoYears = new PlanPeriod(today.AddDays(-729), today);
        foreach (var metric in new[] { IndicatorMetric.FamiliesAccompanied, IndicatorMetric.LabsActive, IndicatorMetric.VolunteerHoursApproved })
            Assert.True(Direct(raw, metric, null, twoYears) > 0, $"{metric} has no data in the demo");

        // Trained over any time: everyone who completed a course, operators and volunteers apart; courses are not a Comune's.
        var ever = new PlanPeriod(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        Assert.True(raw.OperatorsCompleted > 0 && raw.VolunteersCompleted > 0);
        Assert.Equal(raw.OperatorsCompleted, await values.ComputeAsync(network, null, IndicatorMetric.OperatorsTrained, null, ever));
        Assert.Equal(raw.VolunteersCompleted, await values.ComputeAsync(network, null, IndicatorMetric.VolunteersTrained, null, ever));
        Assert.Equal(0, await values.ComputeAsync(network, comune, IndicatorMetric.OperatorsTrained, null, ever));
        // The completions of a period are a part of all of them, and the quarters add up to the whole.
        var quarters = CaseKpis.QuartersOf(twoYears);
        var byQuarter = 0L;
        foreach (var (_, q) in quarters) byQuarter += await values.ComputeAsync(network, null, IndicatorMetric.VolunteersTrained, null, q);
        Assert.Equal(await values.ComputeAsync(network, null, IndicatorMetric.VolunteersTrained, null, twoYears), byQuarter);
        Assert.True(byQuarter <= raw.VolunteersCompleted);

        // The background refresher stores the same numbers for Pavia's programme plan (its own two years).
        await PlanIndicatorRefresher.RefreshDueAsync(scope.ServiceProvider, TimeSpan.Zero);
        var plan = await factory.WithDbAsync(db => db.FamilyPlans.AsNoTracking().FirstAsync(p => p.NetworkId == network && p.ComuneId == null));
        var indicators = await factory.WithDbAsync(db => db.PlanIndicators.AsNoTracking().Where(i => i.PlanId == plan.Id).ToListAsync());
        Assert.Equal(5, indicators.Count(i => i.IsBound));
        Assert.Equal([800m, 10m, 60m, 120m], indicators.Where(i => i.Metric is IndicatorMetric.FamiliesAccompanied or IndicatorMetric.LabsActive
            or IndicatorMetric.OperatorsTrained or IndicatorMetric.VolunteersTrained).OrderBy(i => i.Metric).Select(i => i.Target).ToArray());
        foreach (var i in indicators.Where(i => i.Metric is IndicatorMetric.FamiliesAccompanied or IndicatorMetric.LabsActive or IndicatorMetric.VolunteerHoursApproved))
            Assert.Equal(Direct(raw, i.Metric!.Value, null, PlanPeriod.Of(plan)), i.ComputedValue);
    }

    /// <summary>In a published table (cells, row totals, column totals, total as one grid), no shown count is small and no line hides exactly one figure.</summary>
    static void AssertProtected(IReadOnlyList<IReadOnlyList<long?>> grid, int threshold, string what)
    {
        foreach (var row in grid)
        {
            foreach (var v in row) Assert.True(v is null || v == 0 || v >= threshold, $"{what}: {v} is below {threshold}");
            Assert.NotEqual(1, row.Count(v => v is null));
        }
        for (var c = 0; c < grid[0].Count; c++) Assert.NotEqual(1, grid.Count(r => r[c] is null));
    }

    static List<IReadOnlyList<long?>> Grid(CaseKpis.Table t) =>
        [.. Enumerable.Range(0, t.Rows.Count).Select(r => (IReadOnlyList<long?>)[.. Enumerable.Range(0, t.Columns.Count).Select(c => t.Published[r, c]), t.Published.RowTotals[r]]),
         [.. t.Published.ColumnTotals, t.Published.Total]];

    [Fact]
    public async Task The_evaluation_and_its_report_publish_no_small_cell()
    {
        var network = await factory.NetworkAsync("pavia");
        var today = RomeDate.Today;
        var period = new PlanPeriod(today.AddDays(-729), today);
        var raw = await RawAsync(network);
        var comuni = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync());
        var outcomes = Enum.GetValues<CaseOutcome>();
        int Closed(int o, int c) => raw.Cases.Count(x => x.Status == CaseStatus.Closed && x.Outcome == outcomes[o] && x.ComuneId == comuni[c] && x.ClosedAt >= period.StartUtc && x.ClosedAt < period.EndUtc);
        // A threshold in the middle of Pavia's closure counts, so that some are small and must be hidden.
        var counts = outcomes.SelectMany((_, o) => comuni.Select((_, c) => Closed(o, c))).Where(n => n > 0).Order().ToList();
        Assert.True(counts.Count >= 2 && counts[0] < counts[^1], "the demo has too few closures to test");
        var threshold = counts.First(n => n > counts[0]);
        await factory.WithDbAsync(async db =>
        {
            var settings = await db.SupportSettings.FirstOrDefaultAsync(s => s.NetworkId == network);
            if (settings is null) db.SupportSettings.Add(settings = new SupportSettings { NetworkId = network });
            settings.SmallCellThreshold = threshold;
            return await db.SaveChangesAsync();
        });
        CaseKpis.Result result;
        using (var scope = factory.Services.CreateScope())
            result = await scope.ServiceProvider.GetRequiredService<CaseKpis>().ComputeAsync(network, period, DateTime.UtcNow);
        Assert.Equal(threshold, result.Threshold);

        // The suppressed tables about families: nothing small shown, complementary cells hidden, and something was hidden.
        var familyTables = new[] { result.FamiliesByQuarterAndComune, result.Caseload, result.ClosuresByOutcome, result.ChangeByDomain };
        foreach (var table in familyTables) AssertProtected(Grid(table), threshold, table.Caption);
        Assert.True(result.ClosuresByOutcome.Published.HiddenCount > 0);
        // Primary suppression against a direct count: every closure count between 1 and the threshold is hidden.
        var smallSeen = 0;
        for (var o = 0; o < outcomes.Length; o++)
            for (var c = 0; c < comuni.Count; c++)
            {
                var n = Closed(o, c);
                if (n > 0 && n < threshold) { smallSeen++; Assert.Null(result.ClosuresByOutcome.Published[o, c]); }
                else if (result.ClosuresByOutcome.Published[o, c] is long shown) Assert.Equal(n, shown);
            }
        Assert.True(smallSeen > 0);
        foreach (var d in result.Changes) Assert.True(d.Families is null || d.Families >= threshold);
        // The families accompanied among the targets are the families' table as published (never a small quarter).
        var families = result.Targets.Single(x => x.Name == "Famiglie accompagnate");
        Assert.Equal(result.FamiliesByQuarterAndComune.Published.RowTotals, families.ByQuarter);
        Assert.Equal(result.FamiliesByQuarterAndComune.Published.Total, families.Value);
        Assert.All(families.ByQuarter, q => Assert.True(q is null || q == 0 || q >= threshold));

        // Only the coordinator reads it: the network's operator and supervisor are refused.
        foreach (var email in new[] { "operatore@pavia.demo", "supervisore@pavia.demo" })
        {
            var other = factory.NewClient();
            await other.SignInOrFailAsync(email);
            await other.ChooseNetworkAsync("pavia");
            var denied = await other.GetAsync("/gestione/valutazione?handler=Xlsx");
            Assert.Equal(HttpStatusCode.Redirect, denied.Status);
            Assert.Contains("accesso-negato", denied.Location);
        }

        var coordinator = await factory.CoordinatorAsync("pavia");
        var query = $"da={period.From:yyyy-MM-dd}&a={period.To:yyyy-MM-dd}";
        var page = await coordinator.GetAsync("/gestione/valutazione?" + query);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"meno di {threshold} famiglie", page.Text);
        var closures = page.Document.QuerySelectorAll("table").First(t => t.QuerySelector("caption")!.TextContent == result.ClosuresByOutcome.Caption);
        Assert.Equal(result.ClosuresByOutcome.Published.HiddenCount, closures.QuerySelectorAll("td").Count(td => td.TextContent.Trim() == Hidden));

        // The XLSX: the same protected tables, hidden figures as «—».
        var xlsx = await coordinator.Http.GetAsync("/gestione/valutazione?handler=Xlsx&" + query);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            foreach (var name in new[] { "Famiglie per Comune", "Carico di lavoro", "Chiusure per esito", "Variazione per ambito" })
            {
                var sheet = book.Worksheet(name);
                var range = sheet.RangeUsed()!;
                var grid = new List<IReadOnlyList<long?>>();
                for (var r = 2; r <= range.LastRow().RowNumber(); r++)
                    grid.Add([.. Enumerable.Range(2, range.LastColumn().ColumnNumber() - 1).Select(c =>
                    {
                        var cell = sheet.Cell(r, c);
                        if (cell.GetString() == Hidden) return (long?)null;
                        Assert.True(cell.DataType == XLDataType.Number, $"{name} {cell.Address}: «{cell.GetString()}»");
                        return (long)cell.GetDouble();
                    })]);
                AssertProtected(grid, threshold, name);
            }
            Assert.Equal(result.ClosuresByOutcome.Published.HiddenCount,
                book.Worksheet("Chiusure per esito").CellsUsed().Count(c => c.GetString() == Hidden));
            foreach (var row in book.Worksheet("Cambiamento").RowsUsed().Skip(1))
                Assert.True(row.Cell(3).GetString() == Hidden || row.Cell(3).GetDouble() >= threshold);
        }

        // The PDF: each row of the closures table reads exactly as published.
        var pdf = await coordinator.Http.GetAsync("/gestione/valutazione?handler=Pdf&" + query);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains(RestitutionReport.Title, text);
        Assert.Contains($"meno di {threshold} famiglie", text);
        var t = result.ClosuresByOutcome;
        for (var r = 0; r < t.Rows.Count; r++)
            Assert.Contains(string.Join(" ", [t.Rows[r], .. Enumerable.Range(0, t.Columns.Count).Select(c => RestitutionReport.Shown(t.Published[r, c])), RestitutionReport.Shown(t.Published.RowTotals[r])]), text);
        Assert.Contains(string.Join(" ", ["Totale", .. t.Published.ColumnTotals.Select(RestitutionReport.Shown), RestitutionReport.Shown(t.Published.Total)]), text);
    }

    [Fact]
    public async Task The_threshold_is_a_network_setting_with_a_clear_error()
    {
        var coordinator = await factory.CoordinatorAsync("pavia");
        var page = await coordinator.GetAsync("/gestione/percorsi");
        var bad = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Input.SmallCellThreshold"] = "1" });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("Da 3 a 50 famiglie.", bad.Errors);
        var good = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Input.SmallCellThreshold"] = "7" });
        Assert.Equal(HttpStatusCode.Redirect, good.Status);
        var network = await factory.NetworkAsync("pavia");
        Assert.Equal(7, await factory.WithDbAsync(db => db.SupportSettings.Where(s => s.NetworkId == network).Select(s => s.SmallCellThreshold).FirstAsync()));
        var evaluation = await coordinator.GetAsync("/gestione/valutazione?da=2026-13-01");
        Assert.Equal(HttpStatusCode.OK, evaluation.Status);
        Assert.Contains("ultimi dodici mesi", evaluation.Text);
        Assert.Contains("meno di 7 famiglie", evaluation.Text);
    }
}
