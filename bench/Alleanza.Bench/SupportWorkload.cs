using System.Text.RegularExpressions;

namespace Alleanza.Bench;

/// <summary>
/// Issue 16's operator scenarios: the operator's home and her case pages, signed in as the demo operator of Pavia.
/// The case ids are read from her own list of paths (/percorsi, every page) once per app start, so the requests are the
/// pages she would open; each wrk connection goes round them, and every read writes its row in the access log as in use.
/// </summary>
public static partial class SupportWorkload
{
    public const string Operator = "operatore@pavia.demo";
    public const string HomePath = "/la-mia-area?rete=pavia";
    public const string CaseListPath = "/percorsi?rete=pavia";

    /// <summary>Each thread starts at its own place in the list of case pages (cases.txt, one path a line); an answer
    /// other than 200 (the sign-in page, a 404) counts as refused, so a broken cookie cannot pass for a fast page.</summary>
    public const string CasesLua = """
        bench_threads = {}
        local counter = 0
        setup = function(thread)
          thread:set("offset", counter * 7)
          counter = counter + 1
          table.insert(bench_threads, thread)
        end
        init = function(args)
          paths = {}
          for line in io.lines("$WORK$/cases.txt") do paths[#paths + 1] = line end
          i = offset or 0
          rejected = 0
        end
        request = function()
          i = i + 1
          return wrk.format("GET", paths[(i % #paths) + 1])
        end
        response = function(status, headers, body)
          if status ~= 200 then rejected = rejected + 1 end
        end
        """;

    /// <summary>Signs in as the operator and writes the paths of her open cases (all pages of her list) to cases.txt.</summary>
    public sealed partial class Caseload : IScenarioHooks
    {
        readonly CardsWorkload.SignIn signIn = new(Operator, "pavia", "Alleanza-demo-2026");
        IReadOnlyDictionary<string, string>? headers;

        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            headers = await signIn.HeadersAsync(context, ct);
            var paths = new List<string>();
            for (var page = 1; page <= 50; page++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{context.AppUrl}{CaseListPath}&pagina={page}");
                request.Headers.Add("Cookie", headers["Cookie"]);
                using var answer = await context.Http.SendAsync(request, ct);
                var html = await answer.Content.ReadAsStringAsync(ct);
                var found = CaseLink().Matches(html).Select(m => m.Value + "?rete=pavia").Where(p => !paths.Contains(p)).ToList();
                if (found.Count == 0) break;
                paths.AddRange(found);
            }
            if (paths.Count == 0) throw new BenchException($"{Operator} has no paths on {CaseListPath}");
            await File.WriteAllLinesAsync(Path.Combine(context.WorkDirectory, "cases.txt"), paths, ct);
            context.Log.WriteLine($">> case pages: {paths.Count} paths of {Operator}");
            return headers;
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;

        [GeneratedRegex("/percorsi/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
        private static partial Regex CaseLink();
    }
}
