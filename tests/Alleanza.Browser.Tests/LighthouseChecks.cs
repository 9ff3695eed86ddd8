using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Issue 15: on a cheap phone the public and family pages load fast and are accessible. Lighthouse 12 (tests/tools,
/// mobile with its simulated throttling) on six pages in one Chromium; each must score performance ≥ 90 and
/// accessibility 100 (a page under the performance goal is measured once more: the machine is shared). Prints the
/// scores, the timings and the bytes transferred.
/// </summary>
[Collection(LighthouseCollection.Name)]
public sealed partial class LighthouseChecks(AppFixture app, ITestOutputHelper output)
{
    const int MinPerformance = 90;
    const int MinAccessibility = 100;

    [Fact(DisplayName = "Lighthouse mobile: home, opportunità, un'opportunità, Carta Famiglia, accesso e «La mia area» della famiglia: prestazioni ≥ 90, accessibilità 100")]
    public async Task Public_and_family_pages_are_fast_and_accessible_on_a_phone()
    {
        // An opportunity of the demo and the sign-in cookie of a family, taken with the browser.
        string opportunity, cookie;
        await using (var family = await Journey.StartAsync(app, output, 390, 844))
        {
            await family.OpenAsync("/opportunita?rete=portogruaro");
            var href = await family.Page.Locator("main a[href^='/opportunita/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            opportunity = href.First(h => OpportunityPath().IsMatch(h));
            await family.OpenAsync("/account/accedi?rete=portogruaro");
            await family.SignInWithPasswordAsync("famiglia@portogruaro.demo", Journey.DemoPassword, "Elisa e Davide Marchiori");
            var cookies = await family.Context.CookiesAsync();
            cookie = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        }

        var pages = new object[]
        {
            new { name = "Home", path = "/?rete=portogruaro" },
            new { name = "Opportunità", path = "/opportunita?rete=portogruaro" },
            new { name = "Un'opportunità", path = opportunity + (opportunity.Contains('?') ? "&" : "?") + "rete=portogruaro" },
            new { name = "Carta Famiglia", path = "/carta-famiglia?rete=portogruaro" },
            new { name = "Accedi", path = "/account/accedi?rete=portogruaro" },
            new { name = "La mia area (famiglia)", path = "/la-mia-area", cookie },
        };
        var results = await RunLighthouseAsync(JsonSerializer.Serialize(pages));

        var failures = new List<string>();
        foreach (var r in results)
        {
            var name = r.GetProperty("name").GetString();
            var line = $"{name,-24} prestazioni {r.GetProperty("performance").GetInt32(),3}  accessibilità {r.GetProperty("accessibility").GetInt32(),3}  " +
                       $"{r.GetProperty("bytes").GetDouble() / 1024:F0} KB in {r.GetProperty("requests").GetInt32()} richieste  " +
                       $"FCP {Ms(r, "fcp")} LCP {Ms(r, "lcp")} TBT {Ms(r, "tbt")} CLS {(r.TryGetProperty("cls", out var cls) && cls.ValueKind == JsonValueKind.Number ? cls.GetDouble().ToString("F3") : "–")}";
            output.WriteLine(line);
            Console.WriteLine(line);
            if (r.TryGetProperty("runtimeError", out var error) && error.ValueKind == JsonValueKind.String)
                failures.Add($"{name}: Lighthouse non ha potuto analizzare la pagina ({error.GetString()})");
            if (r.GetProperty("finalUrl").GetString() is { } final && !final.StartsWith(app.BaseUrl + r.GetProperty("path").GetString()!.Split('?')[0], StringComparison.Ordinal))
                failures.Add($"{name}: la pagina ha portato altrove ({final})");
            if (r.GetProperty("performance").GetInt32() < MinPerformance)
                failures.Add($"{name}: prestazioni {r.GetProperty("performance").GetInt32()} < {MinPerformance}");
            if (r.GetProperty("accessibility").GetInt32() < MinAccessibility)
                failures.Add($"{name}: accessibilità {r.GetProperty("accessibility").GetInt32()} (controlli falliti: {string.Join(", ", r.GetProperty("failed").EnumerateArray().Select(f => f.GetString()))})");
        }
        Assert.Equal(pages.Length, results.Count);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    static string Ms(JsonElement r, string metric) =>
        r.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number ? $"{value.GetDouble():F0} ms" : "–";

    /// <summary>node tests/tools/lighthouse.mjs, one JSON line per page.</summary>
    async Task<List<JsonElement>> RunLighthouseAsync(string pagesJson)
    {
        var tools = ToolsFolder();
        var script = Path.Combine(tools, "lighthouse.mjs");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "lighthouse")))
            throw new InvalidOperationException($"Lighthouse is not installed in {tools}: run scripts/test (ensure_node_tools does npm ci there).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(app.BaseUrl);
        start.ArgumentList.Add(pagesJson);
        start.ArgumentList.Add(MinPerformance.ToString(System.Globalization.CultureInfo.InvariantCulture)); // measured again once when under it (shared CPU)
        start.Environment["CHROME_PATH"] = AppFixture.ChromiumPath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(process.ExitCode == 0, $"Lighthouse è terminato con {process.ExitCode}: {await stderr}");
        return lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    static string ToolsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(candidate, "lighthouse.mjs"))) return candidate;
        }
        throw new InvalidOperationException("tests/tools/lighthouse.mjs not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^/opportunita/[0-9a-f-]{36}")]
    private static partial Regex OpportunityPath();
}
