using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Alleanza.Bench;

/// <summary>
/// The <c>families</c> scenarios (issues 17 and 18). Their requests are lines of a file the hooks write once per app start
/// (<c>$WORK$/families/NAME.txt</c>: cookie, path, form body, separated by tabs; GET when the body is empty), after signing
/// in through the app's own form and reading the antiforgery token of the page the form is on, as a browser would. Each
/// wrk thread starts at its own place in the file; an answer other than the expected status counts as refused.
/// </summary>
public static partial class FamiliesWorkload
{
    public const string Slug = FamiliesData.Slug;
    public const string SharingPath = "/condividi?rete=" + Slug;
    public const string TransferPath = "/banca-del-tempo/scambi/nuovo?rete=" + Slug;
    public static string FillPath => $"/questionari/{FamiliesData.SurveyId}/compila?rete={Slug}";
    public static string ResultsPath => $"/gestione/questionari/{FamiliesData.SurveyId}/risultati?rete={Slug}";
    public static string GafCyclePath => $"/gruppi-acquisto/ordini/{FamiliesData.GafCycleId}?rete={Slug}";

    /// <summary>Without a cookie container: the driver's client keeps the cookies it is sent, and the hooks sign in several
    /// people in turn, each with their own cookie header.</summary>
    static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    static async Task<string> SignInAsync(HookContext context, string email, CancellationToken ct) =>
        (await new CardsWorkload.SignIn(email, Slug, FamiliesData.Password).HeadersAsync(context with { Http = Http }, ct))["Cookie"];

    /// <summary>The Lua of a scenario whose requests are in <c>$WORK$/families/NAME.txt</c>; REQID in a body becomes a fresh GUID per request.</summary>
    public static string LinesLua(string name, int expectedStatus) => $$"""
        bench_threads = {}
        local counter = 0
        setup = function(thread)
          thread:set("id", counter)
          counter = counter + 1
          table.insert(bench_threads, thread)
        end
        init = function(args)
          lines = {}
          for line in io.lines("$WORK$/families/{{name}}.txt") do
            local a = line:find("\t", 1, true)
            local b = line:find("\t", a + 1, true)
            lines[#lines + 1] = { line:sub(1, a - 1), line:sub(a + 1, b - 1), line:sub(b + 1) }
          end
          i = (id or 0) * 7919
          math.randomseed(os.time() * 1000 + (id or 0))
          nonce = math.random(0, 0x7fffffff)
          rejected = 0
        end
        request = function()
          i = i + 1
          local l = lines[(i % #lines) + 1]
          if l[3] == "" then
            return wrk.format("GET", l[2], { ["Cookie"] = l[1] })
          end
          local body = l[3]:gsub("REQID", string.format("%08x-%04x-4000-8000-%012x", nonce, id or 0, i))
          return wrk.format("POST", l[2], { ["Cookie"] = l[1], ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
        end
        response = function(status, headers, body)
          if status ~= {{expectedStatus}} then rejected = rejected + 1 end
        end
        """;

    static async Task WriteLinesAsync(HookContext context, string name, IEnumerable<(string Cookie, string Path, string Body)> lines, CancellationToken ct)
    {
        var dir = Path.Combine(context.WorkDirectory, "families");
        Directory.CreateDirectory(dir);
        var list = lines.Select(l => $"{l.Cookie}\t{l.Path}\t{l.Body}").ToList();
        await File.WriteAllLinesAsync(Path.Combine(dir, name + ".txt"), list, new UTF8Encoding(false), ct);
        context.Log.WriteLine($">> {name}: {list.Count:N0} requests written");
    }

    /// <summary>GETs a page with the cookie and returns its antiforgery token and the cookie with the antiforgery cookie added.</summary>
    static async Task<(string Token, string Cookie)> FormTokenAsync(HookContext context, string path, string cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, context.AppUrl + path);
        if (cookie.Length > 0) request.Headers.Add("Cookie", cookie);
        using var answer = await Http.SendAsync(request, ct);
        var html = await answer.Content.ReadAsStringAsync(ct);
        var token = TokenField().Match(html);
        if (answer.StatusCode != HttpStatusCode.OK || !token.Success)
            throw new BenchException($"{path}: {(int)answer.StatusCode} {answer.Headers.Location}, no form with an antiforgery token");
        var cookies = cookie.Split("; ", StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var header in answer.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            cookies.Add(header.Split(';', 2)[0]);
        return (WebUtility.HtmlDecode(token.Groups[1].Value), string.Join("; ", cookies));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    static string Form(params (string Name, string Value)[] fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    /// <summary>sharing-list: family 0 signed in, the families' list with filters (kind, category, Comune, words, «per noi»), 240 combinations.</summary>
    public sealed class SharingList : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var cookie = await SignInAsync(context, FamiliesData.FamilyEmail(0), ct);
            string[] kinds = ["", "&tipo=Gift", "&tipo=Loan", "&tipo=Request"];
            string[] categories = ["", "&categoria=Clothes", "&categoria=Strollers", "&categoria=Toys", "&categoria=Books", "&categoria=Babysitting"];
            var lines = new List<(string, string, string)>();
            for (var i = 0; i < 240; i++)
            {
                var path = SharingPath + (i % 4) switch
                {
                    // The first page as it opens, and «per noi» (what suits the family's children).
                    0 => i % 8 == 0 ? "" : "&per-noi=true",
                    // A kind and a category.
                    1 => kinds[i / 4 % kinds.Length] + categories[i / 16 % categories.Length],
                    // A Comune (one of the busier fifth, or any) and a kind.
                    2 => $"&comune={RegionalData.ComuneId(i % 3 == 0 ? (int)FamiliesData.Pick(60, i, 1000) : (int)FamiliesData.Pick(61, i, 200))}" + kinds[i / 4 % kinds.Length],
                    // Words, with a category or «per noi».
                    _ => $"&q={FamiliesData.SearchWords[i / 4 % FamiliesData.SearchWords.Length]}" + (i % 8 == 3 ? "&per-noi=true" : categories[i / 8 % categories.Length]),
                } + (i % 10 == 9 ? "&pagina=2" : "");
                lines.Add((cookie, path, ""));
            }
            await WriteLinesAsync(context, "sharing-list", lines, ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>
    /// timebank-transfer: 32 members signed in (the first households, with no lower limit on their accounts), each recording
    /// an hour received from another member (confirmed at once: one ledger transfer), a fresh request id each time.
    /// The form also carries <c>bench-member</c> (the member's id), which the app ignores and the raw baseline reads.
    /// </summary>
    public sealed class Transfers : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var lines = new List<(string, string, string)>();
            for (var m = 0; m < 32; m++)
            {
                var cookie = await SignInAsync(context, FamiliesData.FamilyEmail(m), ct);
                var (token, withForm) = await FormTokenAsync(context, TransferPath, cookie, ct);
                for (var k = 0; k < 40; k++)
                {
                    var other = (int)(FamiliesData.SignInFamilies + FamiliesData.Pick(70, m * 100L + k, FamiliesData.Households - FamiliesData.SignInFamilies));
                    lines.Add((withForm, TransferPath, Form(
                        ("Input.Side", "Received"), ("Input.OtherMemberId", FamiliesData.BankMemberId(other).ToString()), ("Input.Hours", k % 3 == 0 ? "2" : "1"),
                        ("Input.Category", (k % 8 + 1).ToString(CultureInfo.InvariantCulture)), ("Input.On", today), ("Input.Description", "Aiuto con i compiti di matematica"),
                        ("Input.RequestId", "REQID"), ("__RequestVerificationToken", token), ("bench-member", FamiliesData.BankMemberId(m).ToString()))));
                }
            }
            // Interleave the members, so that each connection records for many of them in turn.
            await WriteLinesAsync(context, "timebank-transfer", lines.Select((l, i) => (l, i)).OrderBy(x => x.i % 40).ThenBy(x => x.i).Select(x => x.l), ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>
    /// survey-submit: the first page of the questionnaire (five questions: Comune, child's age, single choice, scale, multiple
    /// choice) posted with «Avanti» by the families of the unused codes in turn, anonymous as they are; each post keeps the
    /// answers against the code and answers 302 to the next page.
    /// </summary>
    public sealed class SurveySubmit : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var (token, cookie) = await FormTokenAsync(context, $"{FillPath}&codice={FamiliesData.Code(0)}", "", ct);
            string Q(int q) => "q-" + FamiliesData.QuestionId(q).ToString("N");
            var lines = new List<(string, string, string)>();
            for (var c = 0; c < FamiliesData.OpenCodes; c++)
            {
                var fields = new List<(string, string)>
                {
                    (Q(0), RegionalData.ComuneId(FamiliesData.ComuneOfHousehold(c)).ToString()),
                    (Q(1), FamiliesData.Pick(80, c, 18).ToString(CultureInfo.InvariantCulture)),
                    (Q(2), FamiliesData.OptionId(2, (int)FamiliesData.Pick(81, c, 4)).ToString()),
                    (Q(3), (1 + FamiliesData.Pick(82, c, 5)).ToString(CultureInfo.InvariantCulture)),
                };
                for (var o = 0; o < 6; o++) if (FamiliesData.Pick(83, c * 8L + o, 3) == 0) fields.Add((Q(4), FamiliesData.OptionId(4, o).ToString()));
                fields.Add(("__RequestVerificationToken", token));
                lines.Add((cookie, $"{FillPath}&codice={FamiliesData.Code(c)}&sezione=0&handler=Next", Form([.. fields])));
            }
            await WriteLinesAsync(context, "survey-submit", lines, ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>survey-results: the coordinator's results page of the questionnaire (every question's table), signed in.</summary>
    public sealed class SurveyResults : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var cookie = await SignInAsync(context, FamiliesData.CoordinatorEmail, ct);
            await WriteLinesAsync(context, "survey-results", [(cookie, ResultsPath, "")], ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>gaf-booking-page: the booking page of the open cycle (600 products), GET by 32 member families signed in, in turn.</summary>
    public sealed class GafBookingPage : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var lines = new List<(string, string, string)>();
            for (var m = 0; m < 32; m++) lines.Add((await SignInAsync(context, FamiliesData.FamilyEmail(m), ct), GafCyclePath, ""));
            await WriteLinesAsync(context, "gaf-booking-page", lines, ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>
    /// gaf-booking-save: 32 member families signed in each save their whole booking (20 products, the quantities changing
    /// from one request to the next) with the page's form: the gate on the cycle's row, the rules of each product, the lines
    /// replaced; 302 back to the page.
    /// </summary>
    public sealed class GafBookingSave : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var lines = new List<(string, string, string)>();
            for (var m = 0; m < 32; m++)
            {
                var cookie = await SignInAsync(context, FamiliesData.FamilyEmail(m), ct);
                var (token, withForm) = await FormTokenAsync(context, GafCyclePath, cookie, ct);
                for (var k = 0; k < 10; k++)
                {
                    var fields = Enumerable.Range(0, FamiliesData.GafLines)
                        .Select(j => ($"Quantities[{FamiliesData.GafProductId(FamiliesData.GafProductOf(m, j))}]", (1 + (k + j) % 3).ToString(CultureInfo.InvariantCulture))).ToList();
                    fields.Add(("__RequestVerificationToken", token));
                    lines.Add((withForm, GafCyclePath, Form([.. fields])));
                }
            }
            await WriteLinesAsync(context, "gaf-booking-save", lines.Select((l, i) => (l, i)).OrderBy(x => x.i % 10).ThenBy(x => x.i).Select(x => x.l), ct);
            return new Dictionary<string, string>();
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;
    }
}
