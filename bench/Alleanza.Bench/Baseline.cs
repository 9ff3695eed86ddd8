using System.Net;
using System.Text.Json;

namespace Alleanza.Bench;

/// <summary>One response the baseline replays: a copy of what the app answered for a scenario's sample path.</summary>
public sealed record CapturedPage(string Scenario, string Path, int Status, string ContentType, string? Location, string File);

/// <summary>
/// The bare-Kestrel baseline: no middleware, no routing, no database; it answers every request with the
/// bytes the app gave for the same scenario (chosen by the X-Bench-Scenario header wrk sends, else by path).
/// Its figures are what this machine manages for a response of that size, so the app's figures read as a ratio.
/// </summary>
public static class Baseline
{
    public const string ScenarioHeader = "X-Bench-Scenario";
    const string Manifest = "pages.json";

    /// <summary><c>baseline --port N --pages DIR</c>: serves on 127.0.0.1:N until SIGTERM / Ctrl-C.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int? port = null;
        string? pagesDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port": port = int.Parse(args[++i]); break;
                case "--pages": pagesDir = args[++i]; break;
                default: Console.Error.WriteLine($"baseline: unknown option {args[i]}"); return 2;
            }
        }
        if (port is null || pagesDir is null)
        {
            Console.Error.WriteLine("usage: Alleanza.Bench baseline --port N --pages DIR");
            return 2;
        }

        var captured = JsonSerializer.Deserialize<List<CapturedPage>>(File.ReadAllText(Path.Combine(pagesDir, Manifest)))
            ?? throw new BenchException("empty pages manifest");
        var pages = captured.Select(c => new Page(c, File.ReadAllBytes(Path.Combine(pagesDir, c.File)))).ToList();
        if (pages.Count == 0) throw new BenchException("no captured pages");
        var byScenario = pages.ToDictionary(p => p.Captured.Scenario, StringComparer.OrdinalIgnoreCase);
        var byPath = pages.GroupBy(p => p.Captured.Path).ToDictionary(g => g.Key, g => g.First());
        var fallback = pages[0];

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port.Value));
        var app = builder.Build();
        app.Run(context =>
        {
            var page = context.Request.Headers.TryGetValue(ScenarioHeader, out var name) && byScenario.TryGetValue(name.ToString(), out var s) ? s
                : byPath.TryGetValue(context.Request.Path.Value + context.Request.QueryString.Value, out var p) ? p
                : fallback;
            var response = context.Response;
            response.StatusCode = page.Captured.Status;
            response.ContentType = page.Captured.ContentType;
            if (page.Captured.Location is not null) response.Headers.Location = page.Captured.Location;
            response.ContentLength = page.Body.Length;
            return response.Body.WriteAsync(page.Body).AsTask();
        });
        await app.RunAsync();
        return 0;
    }

    sealed record Page(CapturedPage Captured, byte[] Body);

    /// <summary>Fetches each scenario's sample path from the running app and writes the copies the baseline serves.</summary>
    public static async Task<IReadOnlyList<CapturedPage>> CaptureAsync(HttpClient http, string appUrl, IEnumerable<Scenario> scenarios,
        string pagesDir, TextWriter log, CancellationToken ct)
    {
        Directory.CreateDirectory(pagesDir);
        var list = new List<CapturedPage>();
        foreach (var (scenario, index) in scenarios.Select((s, i) => (s, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, appUrl.TrimEnd('/') + scenario.SamplePath);
            foreach (var (name, value) in scenario.Headers ?? new Dictionary<string, string>())
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            if (status >= 400)
                log.WriteLine($"!! {scenario.Name}: the app answered {status} on {scenario.SamplePath}; wrk will count these as errors.");
            var file = $"{index:00}-{scenario.Name}.body";
            await File.WriteAllBytesAsync(Path.Combine(pagesDir, file), body, ct);
            list.Add(new CapturedPage(scenario.Name, scenario.SamplePath, status,
                response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
                response.Headers.Location?.ToString(), file));
        }
        await File.WriteAllTextAsync(Path.Combine(pagesDir, Manifest), JsonSerializer.Serialize(list), ct);
        return list;
    }
}
