using System.Globalization;
using System.Text;

namespace Alleanza.Bench;

public sealed record ReportContext(
    DateTime StartedUtc,
    string Git,
    Options Options,
    IDataset Dataset,
    IReadOnlyList<Measurement> Measurements,
    IReadOnlyDictionary<Provider, TimeSpan> StartupTimes,
    string LoadAtStart,
    IReadOnlyList<string> DatasetNotes);

/// <summary>The Markdown report: a short header, the table, budgets, and response sizes / start-up times below it.</summary>
public static class Report
{
    /// <summary>The families scenarios (issues 17 and 18), whose raw baseline is RawFamilies.</summary>
    static bool IsFamilies(Scenario s) => s.Datasets is { } d && d.Contains("families");

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(ReportContext c)
    {
        var o = c.Options;
        var sb = new StringBuilder();
        sb.AppendLine();
        var rounds = o.Rounds > 1 ? $", median of {o.Rounds} rounds" : "";
        var longer = string.Concat(c.Measurements.Select(m => m.Scenario).Distinct().Where(s => s.Warmup(o.Warmup) != o.Warmup)
            .Select(s => $", {s.Name} {s.Warmup(o.Warmup).TotalSeconds:0}s"));
        sb.AppendLine(Inv, $"Alleanza bench, {c.StartedUtc:yyyy-MM-dd HH:mm} UTC, commit {c.Git}; dataset `{c.Dataset.Name}`; wrk -t{o.Threads} -c{o.Connections} -d{o.Duration.TotalSeconds:0}s (warm-up {o.Warmup.TotalSeconds:0}s{longer}{rounds}); {Machine()}, load average before the run {c.LoadAtStart}.");
        sb.AppendLine();
        var anyRaw = c.Measurements.Any(m => m.Target == Target.Raw);
        sb.AppendLine(anyRaw
            ? "| scenario | target | req/s | p50 ms | p95 ms | p99 ms | errors | ÷ static | ÷ raw |"
            : "| scenario | target | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to baseline |");
        sb.AppendLine(anyRaw ? "|---|---|---:|---:|---:|---:|---:|---:|---:|" : "|---|---|---:|---:|---:|---:|---:|---:|");
        // Rows in measuring order: for each scenario and provider, the app row, then the baselines measured next to it.
        foreach (var group in c.Measurements.GroupBy(m => m.Scenario.Name))
        {
            foreach (var m in group.OrderBy(m => m.Provider).ThenBy(m => m.Target))
            {
                var rps = Rps(m);
                var staticRps = group.Where(b => b.Target == Target.Static && b.Provider == m.Provider).Select(Rps).FirstOrDefault();
                var rawRps = group.Where(b => b.Target == Target.Raw && b.Provider == m.Provider).Select(Rps).FirstOrDefault();
                var provider = m.Provider.ToString().ToLowerInvariant();
                var target = m.Target switch
                {
                    Target.App => $"app ({provider})",
                    Target.Raw when m.Scenario.Name.StartsWith("card-", StringComparison.Ordinal) => $"raw ADO.NET, group commit ({provider})",
                    Target.Raw when IsFamilies(m.Scenario) => $"raw ADO.NET ({provider})",
                    Target.Raw => c.Options.RawSearch == "sql" ? $"raw SQL search ({provider})" : $"raw, in-memory index ({provider})",
                    _ => anyRaw ? "static" : "baseline",
                };
                var connections = m.Scenario.Connections is { } n && n != o.Connections ? $" (c{n})" : "";
                // No response completed within the run: there is no latency to show (wrk's histogram is empty).
                var silent = NoAnswers(m);
                var p50 = silent ? "–" : Ms(Median(m.Rounds.Select(r => r.P50Ms)));
                var p95 = silent ? "–" : Ms(Median(m.Rounds.Select(r => r.P95Ms)));
                var p99 = silent ? "–" : Ms(Median(m.Rounds.Select(r => r.P99Ms)));
                var toStatic = Ratio(rps, staticRps);
                var toRaw = m.Target == Target.Static || rawRps == 0 ? "" : Ratio(rps, rawRps);
                sb.AppendLine(Inv, $"| {m.Scenario.Name}{connections} | {target} | {Rate(rps)} | {p50} | {p95} | {p99} | {Errors(m.Rounds)} | {toStatic} |{(anyRaw ? $" {toRaw} |" : "")}");
            }
        }
        sb.AppendLine();
        if (c.Measurements.Any(m => m.Target == Target.Raw && m.Scenario.Name.StartsWith("card-", StringComparison.Ordinal)))
            sb.AppendLine("Family Card ÷ raw: req/s over the raw ADO.NET baseline of the till API (bare Kestrel, the same signature checks, reads and insert by hand, with the same group commit as the app's RedemptionWriter).");
        if (c.Measurements.Any(m => m.Target == Target.Raw && IsFamilies(m.Scenario)))
            sb.AppendLine("Families ÷ raw: req/s over the raw ADO.NET baseline of the same POST (bare Kestrel, the same reads and writes by hand in one transaction, no sign-in, antiforgery, EF Core or page; see RawFamilies.cs).");
        if (c.Measurements.Any(m => m.Target == Target.Raw && !m.Scenario.Name.StartsWith("card-", StringComparison.Ordinal) && !IsFamilies(m.Scenario)))
            sb.AppendLine("÷ static: req/s over the static bare-Kestrel copy of the page (the machine's ceiling); " +
                (c.Options.RawSearch == "sql"
                    ? "÷ raw: req/s over the raw baseline searching in the database with hand-written SQL (the search the app ran before session 5)."
                    : "÷ raw: req/s over the raw baseline (bare Kestrel, the app's own in-memory index loaded with plain ADO.NET, the same rows as plain HTML: the work without EF Core, Razor, middleware and the layout)."));
        foreach (var line in Budgets(c)) sb.AppendLine(line);
        var sizes = c.Measurements
            .GroupBy(m => m.Scenario.Name)
            .Select(g => $"{g.Key} app {Kb(g.Where(m => m.Target == Target.App))}" +
                (g.Any(m => m.Target == Target.Raw) ? $", raw {Kb(g.Where(m => m.Target == Target.Raw))}" : "") +
                $", static {Kb(g.Where(m => m.Target == Target.Static))}");
        sb.AppendLine("Bytes per response (headers included): " + string.Join("; ", sizes) + ".");
        if (c.StartupTimes.Count > 0)
            sb.AppendLine("App start to ready (migrations and dataset load included): " +
                string.Join(", ", c.StartupTimes.Select(kv => string.Create(Inv, $"{kv.Key.ToString().ToLowerInvariant()} {kv.Value.TotalSeconds:0.0} s"))) + ".");
        if (c.DatasetNotes.Count > 0)
            sb.AppendLine($"Dataset `{c.Dataset.Name}`: " + string.Join("; ", c.DatasetNotes) + ".");
        return sb.ToString();
    }

    /// <summary>Requests per second: one decimal under 10 (a saturated search does 0.3 req/s, not "0").</summary>
    static string Rate(double rps) => rps < 10 ? rps.ToString("0.0", Inv) : rps.ToString("N0", Inv);

    static double Rps(Measurement m) => Median(m.Rounds.Select(r => r.RequestsPerSecond));

    static bool NoAnswers(Measurement m) => m.Rounds.All(r => r.Requests == 0);

    static string Ratio(double value, double of) => of > 0 ? (value / of).ToString("0.00##", Inv) : "n/a";

    /// <summary>One line per scenario with a budget: met or not, per provider.</summary>
    static IEnumerable<string> Budgets(ReportContext c)
    {
        foreach (var group in c.Measurements.Where(m => m.Scenario.Budget is not null).GroupBy(m => m.Scenario.Name))
        {
            var budget = group.First().Scenario.Budget!;
            var parts = new List<string>();
            foreach (var app in group.Where(m => m.Target == Target.App).OrderBy(m => m.Provider))
            {
                var checks = new List<string>();
                if (NoAnswers(app)) checks.Add("no response within the run ✗");
                else
                {
                    if (budget.P95Ms is { } p95Max)
                    {
                        var p95 = Median(app.Rounds.Select(r => r.P95Ms));
                        checks.Add($"p95 {Ms(p95)} ms {(p95 <= p95Max ? "✓" : "✗")}");
                    }
                    if (budget.P99Ms is { } p99Max)
                    {
                        var p99 = Median(app.Rounds.Select(r => r.P99Ms));
                        checks.Add($"p99 {Ms(p99)} ms {(p99 <= p99Max ? "✓" : "✗")}");
                    }
                    if (budget.MinRps is { } minRps)
                        checks.Add($"{Rate(Rps(app))} req/s {(Rps(app) >= minRps ? "✓" : "✗")}");
                }
                var raw = group.FirstOrDefault(m => m.Target == Target.Raw && m.Provider == app.Provider);
                if (budget.MinShareOfRaw is { } share && raw is not null && Rps(raw) > 0)
                {
                    var ratio = Rps(app) / Rps(raw);
                    checks.Add(string.Create(Inv, $"{ratio:0.00} of raw {(ratio >= share ? "✓" : "✗")}"));
                }
                if (app.Rounds.Sum(r => r.Errors) > 0) checks.Add("errors ✗");
                parts.Add($"{app.Provider.ToString().ToLowerInvariant()} {string.Join(", ", checks)}");
            }
            var wanted = string.Join(", ", new[]
            {
                budget.P95Ms is { } a ? string.Create(Inv, $"p95 ≤ {a:0.#} ms") : null,
                budget.P99Ms is { } b ? string.Create(Inv, $"p99 ≤ {b:0.#} ms") : null,
                budget.MinShareOfRaw is { } s ? string.Create(Inv, $"≥ {s:0.##} × raw req/s") : null,
                budget.MinRps is { } m ? string.Create(Inv, $"≥ {m:N0} req/s") : null,
            }.Where(x => x is not null));
            yield return $"Budget of {group.Key} ({wanted}): {string.Join("; ", parts)}.";
        }
    }

    static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return 0;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", Inv);

    static string Errors(IEnumerable<WrkResult> rounds)
    {
        var list = rounds.ToList();
        long status = list.Sum(r => r.StatusErrors), socket = list.Sum(r => r.SocketErrors), refused = list.Sum(r => r.Rejected);
        if (status + socket + refused == 0) return "0";
        var parts = new List<string>();
        if (status > 0) parts.Add(string.Create(Inv, $"{status} http"));
        if (socket > 0) parts.Add(string.Create(Inv, $"{socket} socket"));
        if (refused > 0) parts.Add(string.Create(Inv, $"{refused} not accepted"));
        return string.Create(Inv, $"{status + socket + refused} ({string.Join(", ", parts)})");
    }

    static string Kb(IEnumerable<Measurement> measurements)
    {
        var rounds = measurements.SelectMany(m => m.Rounds).ToList();
        var requests = rounds.Sum(r => r.Requests);
        return requests == 0 ? "n/a" : string.Create(Inv, $"{rounds.Sum(r => r.Bytes) / (double)requests / 1024:0.0} KiB");
    }

    static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        return string.Create(Inv, $"{Environment.ProcessorCount} × {cpu}");
    }

    /// <summary>The 1, 5 and 15 minute load averages: a busy machine before the run means noisier figures.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
