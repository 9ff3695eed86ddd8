using System.Globalization;

namespace Alleanza.Bench;

/// <summary>The driver's command line (<c>Alleanza.Bench run ...</c>); <c>bench/run</c> passes its options through.</summary>
public sealed class Options
{
    public List<Provider> Providers { get; private set; } = [Provider.Sqlite, Provider.Postgres];
    public string Dataset { get; private set; } = "demo";
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(3);
    public int Connections { get; private set; } = 32;
    public int Threads { get; private set; } = 2;
    public int Rounds { get; private set; } = 1;
    public List<string>? ScenarioNames { get; private set; }
    public string? PostgresAdmin { get; private set; } = Environment.GetEnvironmentVariable("ALLEANZA_TEST_PG");
    public string? Root { get; private set; }
    public string? WorkDirectory { get; private set; }
    public bool Keep { get; private set; }
    public string? AppDirectory { get; private set; }
    public string? OutFile { get; private set; }
    public TimeSpan StartupTimeout { get; private set; } = TimeSpan.FromMinutes(3);
    public string? WrkPath { get; private set; }
    public bool NoCache { get; private set; }
    /// <summary>How the raw baseline searches: "index" (the app's in-memory index, as the app does) or "sql" (in the database).</summary>
    public string RawSearch { get; private set; } = "index";

    public const string Usage = """
        usage: Alleanza.Bench run [options]        (bench/run is the usual way in)
               Alleanza.Bench baseline --port N --pages DIR
               Alleanza.Bench raw --port N --provider sqlite|postgres --connection CS [--search index|sql]
               Alleanza.Bench list

          --provider sqlite|postgres|both   database provider(s) of the app (default both)
          --dataset NAME                    dataset to prepare before the app starts (default demo)
          --duration 10s                    wrk duration per measurement (s, ms or m)
          --warmup 3s                       wrk warm-up per scenario and target, not measured (0 to skip)
          --connections 32                  open connections (a scenario may set its own)
          --threads 2                       wrk threads
          --rounds 1                        measurements per scenario and target, alternating; the table shows medians
          --scenario a,b                    only these scenarios (default all)
          --pg CONNSTRING                   PostgreSQL admin connection string (default $ALLEANZA_TEST_PG)
          --app-dir DIR                     use an already published app instead of publishing src/Alleanza.Web
          --work DIR                        scratch folder (default a new /tmp/alleanza-bench.*; removed unless --keep)
          --keep                            keep the scratch folder (app and baseline logs, SQLite file, Lua scripts)
          --no-cache                        generate the dataset again even if bench/.cache has a copy that fits
          --raw-search index|sql            the raw baseline searches the app's in-memory index (default) or the database
          --out FILE                        also write the report (Markdown) to FILE
          --startup-timeout 3m              how long the app may take to answer /health/ready
          --root DIR                        repository root (default: found from the current folder)
          --wrk PATH                        wrk executable (default: from PATH)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{arg} needs a value");
            switch (arg)
            {
                case "--provider":
                    o.Providers = Next().ToLowerInvariant() switch
                    {
                        "sqlite" => [Provider.Sqlite],
                        "postgres" or "postgresql" => [Provider.Postgres],
                        "both" => [Provider.Sqlite, Provider.Postgres],
                        var p => throw new BenchException($"unknown provider '{p}' (sqlite, postgres, both)"),
                    };
                    break;
                case "--dataset": o.Dataset = Next(); break;
                case "--duration": o.Duration = ParseDuration(Next()); break;
                case "--warmup": o.Warmup = ParseDuration(Next()); break;
                case "--connections": o.Connections = ParsePositive(arg, Next()); break;
                case "--threads": o.Threads = ParsePositive(arg, Next()); break;
                case "--rounds": o.Rounds = ParsePositive(arg, Next()); break;
                case "--scenario": o.ScenarioNames = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--pg": o.PostgresAdmin = Next(); break;
                case "--app-dir": o.AppDirectory = Path.GetFullPath(Next()); break;
                case "--work": o.WorkDirectory = Path.GetFullPath(Next()); break;
                case "--keep": o.Keep = true; break;
                case "--no-cache": o.NoCache = true; break;
                case "--raw-search":
                    o.RawSearch = Next();
                    if (o.RawSearch is not ("index" or "sql")) throw new BenchException("--raw-search: index or sql");
                    break;
                case "--out": o.OutFile = Path.GetFullPath(Next()); break;
                case "--startup-timeout": o.StartupTimeout = ParseDuration(Next()); break;
                case "--root": o.Root = Path.GetFullPath(Next()); break;
                case "--wrk": o.WrkPath = Next(); break;
                default: throw new BenchException($"unknown option {arg}\n{Usage}");
            }
        }
        if (o.Duration < TimeSpan.FromSeconds(1)) throw new BenchException("--duration must be at least 1s");
        if (o.Duration > TimeSpan.FromHours(1) || o.Warmup > TimeSpan.FromHours(1)) throw new BenchException("--duration and --warmup stop at 1h");
        if (o.Rounds > 20) throw new BenchException("--rounds stops at 20");
        return o;
    }

    static int ParsePositive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new BenchException($"{name} wants a positive whole number, not '{value}'");

    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        (string number, double scale) = t.EndsWith("ms") ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1)
            : t.EndsWith('m') ? (t[..^1], 60)
            : t.EndsWith('h') ? (t[..^1], 3600)
            : (t, 1);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0)
            throw new BenchException($"not a duration: '{text}' (examples: 10s, 500ms, 2m)");
        return TimeSpan.FromSeconds(v * scale);
    }
}
