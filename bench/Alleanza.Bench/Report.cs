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
    string LoadAtStart);

/// <summary>The Markdown report: a short header, the table, and response sizes / start-up times below it.</summary>
public static class Report
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(ReportContext c)
    {
        var o = c.Options;
        var sb = new StringBuilder();
        sb.AppendLine();
        var rounds = o.Rounds > 1 ? $", median of {o.Rounds} rounds" : "";
        sb.AppendLine(Inv, $"Alleanza bench, {c.StartedUtc:yyyy-MM-dd HH:mm} UTC, commit {c.Git}; dataset `{c.Dataset.Name}`; wrk -t{o.Threads} -c{o.Connections} -d{o.Duration.TotalSeconds:0}s (warm-up {o.Warmup.TotalSeconds:0}s{rounds}); {Machine()}, load average before the run {c.LoadAtStart}.");
        sb.AppendLine();
        sb.AppendLine("| scenario | target | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to baseline |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        // Rows in measuring order: for each scenario, each provider's app row followed by the baseline measured next to it.
        foreach (var group in c.Measurements.GroupBy(m => m.Scenario.Name))
        {
            foreach (var m in group.OrderBy(m => m.Provider).ThenBy(m => m.IsBaseline))
            {
                var baseline = group.First(b => b.IsBaseline && b.Provider == m.Provider);
                var rps = Median(m.Rounds.Select(r => r.RequestsPerSecond));
                var baseRps = Median(baseline.Rounds.Select(r => r.RequestsPerSecond));
                var target = m.IsBaseline ? "baseline" : $"app ({m.Provider.ToString().ToLowerInvariant()})";
                var connections = m.Scenario.Connections is { } n && n != o.Connections ? $" (c{n})" : "";
                var p50 = Ms(Median(m.Rounds.Select(r => r.P50Ms)));
                var p95 = Ms(Median(m.Rounds.Select(r => r.P95Ms)));
                var p99 = Ms(Median(m.Rounds.Select(r => r.P99Ms)));
                var ratio = baseRps > 0 ? (rps / baseRps).ToString("0.00##", Inv) : "n/a";
                sb.AppendLine(Inv, $"| {m.Scenario.Name}{connections} | {target} | {rps:N0} | {p50} | {p95} | {p99} | {Errors(m.Rounds)} | {ratio} |");
            }
        }
        sb.AppendLine();
        var sizes = c.Measurements
            .GroupBy(m => m.Scenario.Name)
            .Select(g => $"{g.Key} app {Kb(g.Where(m => !m.IsBaseline))}, baseline {Kb(g.Where(m => m.IsBaseline))}");
        sb.AppendLine("Bytes per response (headers included): " + string.Join("; ", sizes) + ".");
        if (c.StartupTimes.Count > 0)
            sb.AppendLine("App start to ready (migrations and dataset load included): " +
                string.Join(", ", c.StartupTimes.Select(kv => string.Create(Inv, $"{kv.Key.ToString().ToLowerInvariant()} {kv.Value.TotalSeconds:0.0} s"))) + ".");
        return sb.ToString();
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
        long status = list.Sum(r => r.StatusErrors), socket = list.Sum(r => r.SocketErrors);
        if (status + socket == 0) return "0";
        var parts = new List<string>();
        if (status > 0) parts.Add(string.Create(Inv, $"{status} http"));
        if (socket > 0) parts.Add(string.Create(Inv, $"{socket} socket"));
        return string.Create(Inv, $"{status + socket} ({string.Join(", ", parts)})");
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
