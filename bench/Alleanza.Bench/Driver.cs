using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Alleanza.Bench;

/// <summary>What wrk drives: the app, the raw ADO.NET baseline on the same database, or the static bare-Kestrel baseline.</summary>
public enum Target { App, Raw, Static }

/// <summary>The measured figures of one scenario on one target (the app on a provider, or a baseline beside it).</summary>
public sealed record Measurement(Scenario Scenario, Provider Provider, Target Target, List<WrkResult> Rounds)
{
    public bool IsBaseline => Target != Target.App;
}

/// <summary>
/// <c>Alleanza.Bench run</c>: publish the app once, then for each provider prepare the dataset, start the app,
/// wait for /health/ready, start the static baseline (with copies of the app's responses) and, when a scenario asks
/// for it, the raw ADO.NET baseline on the same database, and run every scenario with wrk against the app and the
/// baselines in turn. Prints the Markdown report on stdout, progress on stderr.
/// </summary>
public sealed class Driver(Options options, CancellationToken ct)
{
    static readonly TextWriter Log = Console.Error;
    readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    string root = "";
    string work = "";
    string wrk = "";
    readonly List<Measurement> measurements = [];
    readonly Dictionary<Provider, TimeSpan> startupTimes = [];
    readonly List<string> datasetNotes = [];

    public async Task<int> RunAsync()
    {
        var dataset = Datasets.Find(options.Dataset)
            ?? throw new BenchException($"unknown dataset '{options.Dataset}' (known: {string.Join(", ", Datasets.All.Select(d => d.Name))})");
        var scenarios = SelectScenarios(dataset);
        root = options.Root ?? FindRoot() ?? throw new BenchException("repository root not found (no Alleanza.slnx above the current folder); pass --root");
        wrk = options.WrkPath ?? FindOnPath("wrk") ?? throw new BenchException("wrk not found: apt-get install wrk (bench/run does it)");
        if (options.Providers.Contains(Provider.Postgres) && string.IsNullOrWhiteSpace(options.PostgresAdmin))
            throw new BenchException("--provider postgres needs --pg or ALLEANZA_TEST_PG (bench/run starts a throwaway PostgreSQL)");

        work = options.WorkDirectory ?? Directory.CreateTempSubdirectory("alleanza-bench.").FullName;
        Directory.CreateDirectory(work);
        Log.WriteLine($">> scratch folder {work}");
        var started = DateTime.UtcNow;
        var load = Report.LoadAverage();
        var git = await GitDescriptionAsync();
        try
        {
            var appDir = options.AppDirectory ?? await PublishAsync();
            var scripts = WriteScripts(scenarios);

            ChildProcess? baseline = null;
            string? baselineUrl = null;
            try
            {
                foreach (var provider in options.Providers)
                {
                    ct.ThrowIfCancellationRequested();
                    await using var app = await StartAppAsync(provider, dataset, appDir);
                    var appUrl = app.Url;
                    if (baseline is null && scenarios.Any(s => s.StaticBaseline))
                        (baseline, baselineUrl) = await StartBaselineAsync(appUrl, scenarios.Where(s => s.StaticBaseline));
                    ChildProcess? raw = null;
                    string? rawUrl = null;
                    try
                    {
                        if (scenarios.Any(s => s.RawBaseline))
                            (raw, rawUrl) = await StartRawAsync(provider, app.ConnectionString, scenarios.Where(s => s.RawBaseline));
                        foreach (var scenario in scenarios)
                            await MeasureAsync(scenario, provider, appUrl, scenario.StaticBaseline ? baselineUrl : null, scenario.RawBaseline ? rawUrl : null, scripts[scenario.Name], app.Process, raw,
                                provider == Provider.Postgres ? app.ConnectionString : null);
                    }
                    finally
                    {
                        if (raw is not null) await raw.StopAsync(TimeSpan.FromSeconds(10));
                    }
                }
            }
            finally
            {
                if (baseline is not null) await baseline.StopAsync(TimeSpan.FromSeconds(10));
            }

            var report = Report.Markdown(new ReportContext(started, git, options, dataset, measurements, startupTimes, load, datasetNotes));
            Console.Out.Write(report);
            Console.Out.Flush();
            if (options.OutFile is not null) await File.WriteAllTextAsync(options.OutFile, report, CancellationToken.None);
            return 0;
        }
        finally
        {
            await ChildProcess.StopAllAsync();
            if (options.Keep) Log.WriteLine($">> kept {work}");
            else if (options.WorkDirectory is null) TryDelete(work);
        }
    }

    List<Scenario> SelectScenarios(IDataset dataset)
    {
        if (options.ScenarioNames is null) return [.. Scenarios.All.Where(s => s.RunsOn(dataset.Name))];
        var list = new List<Scenario>();
        foreach (var name in options.ScenarioNames)
        {
            var s = Scenarios.Find(name) ?? throw new BenchException($"unknown scenario '{name}' (known: {string.Join(", ", Scenarios.All.Select(x => x.Name))})");
            if (!s.RunsOn(dataset.Name)) throw new BenchException($"scenario '{name}' does not run on dataset '{dataset.Name}'");
            list.Add(s);
        }
        return list;
    }

    async Task<string> PublishAsync()
    {
        var appDir = Path.Combine(work, "app");
        var log = Path.Combine(work, "publish.log");
        Log.WriteLine(">> dotnet publish src/Alleanza.Web -c Release");
        var watch = Stopwatch.StartNew();
        // Its own artifacts folder, so the Release build never touches the obj/ and bin/ of the src tree that
        // other builds and tests use; no node reuse or compiler server, so nothing outlives the run.
        var code = await ChildProcess.RunToEndAsync("dotnet",
            ["publish", Path.Combine(root, "src", "Alleanza.Web", "Alleanza.Web.csproj"), "-c", "Release", "-o", appDir,
             "--artifacts-path", Path.Combine(root, "bench", ".artifacts", "web"),
             "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo", "-clp:ErrorsOnly"],
            root, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" },
            log, TimeSpan.FromMinutes(15), ct);
        if (code != 0)
            throw new BenchException($"dotnet publish failed (exit {code}):\n{Tail(log, 40)}");
        Log.WriteLine($">> published in {watch.Elapsed.TotalSeconds:0} s");
        return appDir;
    }

    Dictionary<string, string> WriteScripts(IEnumerable<Scenario> scenarios)
    {
        var dir = Path.Combine(work, "lua");
        Directory.CreateDirectory(dir);
        var paths = new Dictionary<string, string>();
        foreach (var s in scenarios)
        {
            var path = Path.Combine(dir, s.Name + ".lua");
            File.WriteAllText(path, Wrk.Script(s).Replace("$WORK$", work));
            paths[s.Name] = path;
        }
        return paths;
    }

    sealed class RunningApp(ChildProcess process, string url, string connectionString) : IAsyncDisposable
    {
        public ChildProcess Process => process;
        public string Url => url;
        public string ConnectionString => connectionString;
        public async ValueTask DisposeAsync()
        {
            Log.WriteLine($">> stopping the app (pid {process.Id})");
            await process.StopAsync(TimeSpan.FromSeconds(15));
        }
    }

    async Task<RunningApp> StartAppAsync(Provider provider, IDataset dataset, string appDir)
    {
        var name = provider.ToString().ToLowerInvariant();
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        string connection;
        if (provider == Provider.Sqlite)
        {
            var dbDir = Path.Combine(work, "sqlite");
            Directory.CreateDirectory(dbDir);
            connection = $"Data Source={Path.Combine(dbDir, $"alleanza-{dataset.Name}.db")}";
        }
        else
        {
            // A database of its own on the server; EF Core creates it when it applies the migrations.
            connection = $"{options.PostgresAdmin!.TrimEnd(';')};Database=alleanza_bench_{dataset.Name.ToLowerInvariant()}";
        }

        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["ASPNETCORE_URLS"] = url,
            ["App__PublicUrl"] = url,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Database__Provider"] = provider == Provider.Sqlite ? "Sqlite" : "Postgres",
            ["ConnectionStrings__Alleanza"] = connection,
            ["Demo__Load"] = "false",
            ["Smtp__Host"] = "",
            ["Smtp__PickupDirectory"] = Path.Combine(work, "mail"),
            ["RateLimits__AnonymousApiPerMinute"] = "100000000",
            ["RateLimits__SignInPerMinute"] = "100000000",
        };

        var context = new DatasetContext(provider, connection, appDir, work, new Dictionary<string, string>(env), Log,
            Path.Combine(root, "bench", ".cache"), !options.NoCache);
        Log.WriteLine($">> [{name}] preparing dataset '{dataset.Name}'");
        var prepare = Stopwatch.StartNew();
        await dataset.PrepareAsync(context, ct);
        Log.WriteLine($">> [{name}] dataset ready in {prepare.Elapsed.TotalSeconds:0.0} s");
        datasetNotes.AddRange(context.Notes);
        dataset.ConfigureApp(env);

        var log = Path.Combine(work, $"app-{name}.log");
        Log.WriteLine($">> [{name}] starting the app on {url} (log {log})");
        var watch = Stopwatch.StartNew();
        var process = ChildProcess.Start($"app ({name})", "dotnet", [Path.Combine(appDir, "Alleanza.Web.dll")], appDir, env, log);
        var app = new RunningApp(process, url, connection);
        try
        {
            await WaitUntilAnswersAsync(process, url + "/health/ready", options.StartupTimeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        startupTimes[provider] = watch.Elapsed;
        Log.WriteLine($">> [{name}] ready in {watch.Elapsed.TotalSeconds:0.0} s");
        return app;
    }

    async Task<(ChildProcess, string)> StartBaselineAsync(string appUrl, IEnumerable<Scenario> scenarios)
    {
        var pagesDir = Path.Combine(work, "baseline-pages");
        var pages = await Baseline.CaptureAsync(http, appUrl, scenarios, pagesDir, Log, ct);
        foreach (var p in pages)
            Log.WriteLine($">> baseline copy of {p.Scenario} ({p.Path}): {p.Status}, {new FileInfo(Path.Combine(pagesDir, p.File)).Length} bytes");

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var (file, prefix) = SelfCommand();
        var log = Path.Combine(work, "baseline.log");
        var process = ChildProcess.Start("baseline", file, [.. prefix, "baseline", "--port", port.ToString(CultureInfo.InvariantCulture), "--pages", pagesDir],
            work, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, log);
        Log.WriteLine($">> baseline (bare Kestrel) on {url}");
        await WaitUntilAnswersAsync(process, url + "/", TimeSpan.FromSeconds(30));
        return (process, url);
    }

    /// <summary>Starts the raw ADO.NET baseline on the app's database and checks that it answers each scenario's sample path.</summary>
    async Task<(ChildProcess, string)> StartRawAsync(Provider provider, string connectionString, IEnumerable<Scenario> scenarios)
    {
        var name = provider.ToString().ToLowerInvariant();
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var (file, prefix) = SelfCommand();
        var log = Path.Combine(work, $"raw-{name}.log");
        var process = ChildProcess.Start($"raw baseline ({name})", file,
            [.. prefix, "raw", "--port", port.ToString(CultureInfo.InvariantCulture), "--provider", name, "--connection", connectionString, "--search", options.RawSearch],
            work, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, log);
        Log.WriteLine($">> [{name}] raw ADO.NET baseline ({options.RawSearch} search) on {url} (log {log})");
        await WaitUntilAnswersAsync(process, url + "/", TimeSpan.FromMinutes(2));
        foreach (var s in scenarios)
        {
            using var response = await http.GetAsync(url + s.SamplePath, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            Log.WriteLine($">> [{name}] raw answer to {s.Name} ({s.SamplePath}): {(int)response.StatusCode}, {body.Length} bytes");
        }
        return (process, url);
    }

    async Task MeasureAsync(Scenario scenario, Provider provider, string appUrl, string? baselineUrl, string? rawUrl, string script, ChildProcess app, ChildProcess? raw,
        string? postgres)
    {
        var connections = scenario.Connections ?? options.Connections;
        var threads = scenario.Threads ?? options.Threads;
        var headers = new Dictionary<string, string>(scenario.Headers ?? new Dictionary<string, string>())
        {
            [Baseline.ScenarioHeader] = scenario.Name,
        };
        var hook = new HookContext(appUrl, work, threads, http, Log);
        if (scenario.Hooks is not null)
            foreach (var (k, v) in await scenario.Hooks.HeadersAsync(hook, ct)) headers[k] = v;
        var name = provider.ToString().ToLowerInvariant();
        if (scenario.Hooks is not null && scenario.LuaRequest is null)
            await CheckSignedInPageAsync(scenario, appUrl, headers);
        var targets = new List<(Target Target, string Url)> { (Target.App, appUrl) };
        if (rawUrl is not null) targets.Add((Target.Raw, rawUrl));
        if (baselineUrl is not null) targets.Add((Target.Static, baselineUrl));
        var runs = targets.ToDictionary(t => t.Target, t => new Measurement(scenario, provider, t.Target, []));

        async Task<WrkResult> Run(Target target, string url, TimeSpan duration)
        {
            if (app.HasExited) throw new BenchException($"the app exited ({app.ExitCode}):\n{app.LogTail()}");
            if (target == Target.Raw && raw is { HasExited: true }) throw new BenchException($"the raw baseline exited ({raw.ExitCode}):\n{raw.LogTail()}");
            if (scenario.Hooks is not null) await scenario.Hooks.BeforeRunAsync(hook, duration, ct);
            return await Wrk.RunAsync(wrk, url, scenario, script, threads, connections, duration, headers, ct);
        }

        Task Settle(Target target) => target switch
        {
            Target.App => SettleAsync($"[{name}] {scenario.Name} on app", app, postgres),
            Target.Raw when raw is not null => SettleAsync($"[{name}] {scenario.Name} on raw baseline", raw, postgres),
            _ => Task.CompletedTask,
        };

        var warmup = scenario.Warmup(options.Warmup);
        if (warmup > TimeSpan.Zero)
        {
            Log.WriteLine($">> [{name}] {scenario.Name}: warm-up {warmup.TotalSeconds:0} s on {string.Join(", ", targets.Select(t => Label(t.Target)))}");
            foreach (var (target, url) in targets)
            {
                await Run(target, url, warmup);
                await Settle(target);
            }
        }
        for (var round = 0; round < options.Rounds; round++)
        {
            // Rotate which target goes first, so a slow drift of the machine does not favour one side.
            foreach (var (target, url) in targets.Skip(round % targets.Count).Concat(targets.Take(round % targets.Count)))
            {
                Log.Write($">> [{name}] {scenario.Name} on {Label(target)} ({round + 1}/{options.Rounds}): ");
                var r = await Run(target, url, options.Duration);
                Log.WriteLine($"{r.RequestsPerSecond:0} req/s, p50 {r.P50Ms:0.0} ms, p95 {r.P95Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, max {r.MaxMs:0.0} ms, {r.Errors} errors ({r.Rejected} refused)");
                runs[target].Rounds.Add(r);
                await Settle(target);
            }
        }
        measurements.AddRange(runs.Values);
    }

    /// <summary>A signed-in page must answer 200 with the scenario's headers: otherwise wrk would time a redirect to the
    /// sign-in page (wrk does not follow redirects, and counts 3xx as success).</summary>
    async Task CheckSignedInPageAsync(Scenario scenario, string appUrl, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, appUrl + scenario.SamplePath);
        foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        using var answer = await http.SendAsync(request, ct);
        var bytes = (await answer.Content.ReadAsByteArrayAsync(ct)).Length;
        if (answer.StatusCode != System.Net.HttpStatusCode.OK)
            throw new BenchException($"{scenario.Name}: {scenario.SamplePath} answers {(int)answer.StatusCode} {answer.Headers.Location} instead of 200");
        Log.WriteLine($">> {scenario.Name}: {scenario.SamplePath} answers 200, {bytes / 1024.0:0.0} KiB");
    }

    /// <summary>
    /// Waits until the target has finished the requests wrk left behind: when the app cannot keep up, requests that
    /// timed out or were still open at the end of the run go on using the CPU (and PostgreSQL) for seconds, and would
    /// be measured as the next target's load. Idle means the process used under 10 % of a core over half a second and,
    /// on PostgreSQL, no query is running on the bench database. Bounded at two minutes.
    /// </summary>
    async Task SettleAsync(string what, ChildProcess process, string? postgres)
    {
        var watch = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(2);
        while (watch.Elapsed < limit && !process.HasExited)
        {
            var before = CpuSeconds(process.Id);
            await Task.Delay(500, ct);
            var busy = CpuSeconds(process.Id) - before > 0.05;
            if (!busy && (postgres is null || await ActiveQueriesAsync(postgres) == 0)) break;
        }
        if (watch.Elapsed > TimeSpan.FromSeconds(1.5))
            Log.WriteLine($">> {what}: {watch.Elapsed.TotalSeconds:0} s until it finished the requests left over{(watch.Elapsed >= limit ? " (gave up waiting)" : "")}");
    }

    /// <summary>User + system CPU time of a process, from /proc/PID/stat (0 when it cannot be read).</summary>
    static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), in clock ticks (100 per second on Linux).
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    static async Task<long> ActiveQueriesAsync(string connectionString)
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ToString());
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()", connection);
            return (long)(await command.ExecuteScalarAsync() ?? 0L);
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }

    static string Label(Target target) => target switch { Target.App => "app", Target.Raw => "raw baseline", _ => "static baseline" };

    /// <summary>Polls the URL until it answers 200; fails when the process exits or the time is up.</summary>
    async Task WaitUntilAnswersAsync(ChildProcess process, string url, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string last = "no answer";
        while (deadline.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new BenchException($"{process.Name} exited with {process.ExitCode} before answering {url}:\n{process.LogTail()}");
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(url, attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                last = e.Message;
            }
            await Task.Delay(250, ct);
        }
        throw new BenchException($"{process.Name} did not answer {url} within {timeout.TotalSeconds:0} s (last: {last}):\n{process.LogTail()}");
    }

    /// <summary>How to start this same program again (the apphost, or dotnet + the dll).</summary>
    static (string File, string[] Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var dll = Assembly.GetEntryAssembly()!.Location;
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? (processPath, [dll]) : (processPath, []);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string? FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Alleanza.slnx"))) return dir.FullName;
        return null;
    }

    static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    async Task<string> GitDescriptionAsync()
    {
        try
        {
            var root = options.Root ?? FindRoot() ?? ".";
            var head = await ChildProcess.CaptureAsync("git", ["-C", root, "rev-parse", "--short", "HEAD"], TimeSpan.FromSeconds(10), ct);
            var status = await ChildProcess.CaptureAsync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], TimeSpan.FromSeconds(30), ct);
            return head.ExitCode != 0 ? "unknown" : head.Stdout.Trim() + (status.Stdout.Trim().Length > 0 ? " + local changes" : "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "unknown";
        }
    }

    static string Tail(string path, int lines) =>
        File.Exists(path) ? string.Join('\n', File.ReadAllLines(path).TakeLast(lines)) : "";

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Log.WriteLine($"!! could not remove {dir}: {e.Message}"); }
    }
}
