using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alleanza.Web.Modules.FamilyCard;

namespace Alleanza.Bench;

/// <summary>
/// The Family Card scenarios' requests: the till API with fresh QR tokens (made by <see cref="Tokens"/> right before
/// each wrk run and read by the Lua script), and the statistics pages with a sign-in cookie (<see cref="SignIn"/>).
/// </summary>
public static partial class CardsWorkload
{
    public const string VerifyPath = "/api/v1/card-verifications";
    public const string CoordinatorStatsPath = "/gestione/carta-famiglia/statistiche?rete=" + CardsData.Slug;
    public const string MerchantStatsPath = "/esercente/statistiche?rete=" + CardsData.Slug;
    public const string DashboardPath = "/gestione?rete=" + CardsData.Slug;
    /// <summary>Comune 0 is among the busiest fifth (see <see cref="CardsData.ComuneOfHousehold"/>).</summary>
    public static readonly string DashboardComunePath = $"/gestione?rete={CardsData.Slug}&comune={RegionalData.ComuneId(0)}";

    /// <summary>
    /// Each wrk thread reads its own file of lines "apiKey body" (tokens-N.txt, first line a nonce for the idempotency keys)
    /// and POSTs them in turn; an answer that is not 2xx with "accepted":true counts as refused (reported as an error).
    /// A token is used once: when a thread runs out of lines it starts again and the replays are refused, so the files
    /// hold more than the run can send.
    /// </summary>
    public const string VerifyLua = """
        bench_threads = {}
        local next_id = 0
        setup = function(thread)
          thread:set("id", next_id)
          next_id = next_id + 1
          table.insert(bench_threads, thread)
        end
        init = function(args)
          local f = assert(io.open("$WORK$/tokens/tokens-" .. id .. ".txt", "r"))
          nonce = f:read("*l")
          lines = {}
          for line in f:lines() do lines[#lines + 1] = line end
          f:close()
          i = 0
          rejected = 0
        end
        request = function()
          i = i + 1
          local line = lines[((i - 1) % #lines) + 1]
          local space = line:find(" ", 1, true)
          local body = line:sub(space + 1):gsub("IDEMPOTENCY", nonce .. "-" .. id .. "-" .. i)
          return wrk.format("POST", "/api/v1/card-verifications", { ["Content-Type"] = "application/json", ["X-Api-Key"] = line:sub(1, space - 1) }, body)
        end
        response = function(status, headers, body)
          if status < 200 or status > 299 or not body:find('"accepted":true', 1, true) then rejected = rejected + 1 end
        end
        """;

    /// <summary>Tokens per second of run the files are made for (more than this machine can verify).</summary>
    public const int TokensPerSecond = 6_000;

    /// <summary>Writes fresh tokens for the coming run: pool cards in turn, each shown at a random shop with that shop's till key.</summary>
    public sealed class Tokens : IScenarioHooks
    {
        string[]? credentials;
        int next;

        public Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public async Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            var data = new CardsData(DateTime.UtcNow.Date);
            if (credentials is null)
            {
                // What each phone keeps after activation: the network-signed credential (made once per driver run).
                using var network = CardsData.NetworkKey();
                var raw = Enumerable.Range(0, CardsData.DeviceKeyCount).Select(j => { using var k = CardsData.DeviceKey(j); return CardTokens.RawPublicKey(k); }).ToArray();
                credentials = new string[CardsData.PoolCards];
                Parallel.For(0, CardsData.PoolCards, new ParallelOptions { CancellationToken = ct }, () => ECDsa.Create(network.ExportParameters(true)),
                    (c, _, key) => { credentials[c] = data.Credential(c, key, raw); return key; }, key => key.Dispose());
                context.Log.WriteLine($">> card-verify: {CardsData.PoolCards:N0} phone credentials signed in {watch.Elapsed.TotalSeconds:0.0} s");
                watch.Restart();
            }
            var perThread = (int)Math.Ceiling(TokensPerSecond * (duration.TotalSeconds + 2) / context.Threads);
            var dir = Path.Combine(context.WorkDirectory, "tokens");
            Directory.CreateDirectory(dir);
            var now = DateTimeOffset.UtcNow;
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var start = next;
            next += perThread * context.Threads;
            var lines = new string[perThread * context.Threads];
            // Each worker signs with its own copies of the phones' keys.
            Parallel.For(0, lines.Length, new ParallelOptions { CancellationToken = ct },
                () => Enumerable.Range(0, CardsData.DeviceKeyCount).Select(CardsData.DeviceKey).ToArray(),
                (k, _, phones) =>
                {
                    var n = start + k;
                    var card = n % CardsData.PoolCards;
                    var shop = (int)CardsData.Pick(40, n, CardsData.Shops);
                    var code = CardTokens.Present(credentials[card], now, phones[CardsData.DeviceKeyOf(card)]);
                    var purchase = 10 + CardsData.Pick(41, n, 9000) / 100m;
                    var body = JsonSerializer.Serialize(new
                    {
                        code, shopId = CardsData.ShopId(shop), record = true, purchaseAmount = purchase, discountAmount = Math.Round(purchase / 10, 2), idempotencyKey = "IDEMPOTENCY",
                    });
                    lines[k] = CardsData.ApiKey(CardsData.PartnerOfShop(shop)) + " " + body;
                    return phones;
                },
                phones => { foreach (var p in phones) p.Dispose(); });
            for (var t = 0; t < context.Threads; t++)
            {
                await using var writer = new StreamWriter(Path.Combine(dir, $"tokens-{t}.txt"), false, new UTF8Encoding(false));
                await writer.WriteLineAsync(nonce);
                for (var k = t; k < lines.Length; k += context.Threads) await writer.WriteLineAsync(lines[k]);
            }
            context.Log.WriteLine($">> card-verify: {lines.Length:N0} fresh tokens written in {watch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>
    /// Signs in through the app's own sign-in form once per app start and hands wrk the cookies (the cards dataset's
    /// accounts unless another network and password are given: the demo's).
    /// </summary>
    public sealed partial class SignIn(string email, string slug = CardsData.Slug, string password = CardsData.Password) : IScenarioHooks
    {
        public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct)
        {
            var cookies = new Dictionary<string, string>();
            void Keep(HttpResponseMessage response)
            {
                foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                {
                    var pair = header.Split(';', 2)[0];
                    var eq = pair.IndexOf('=');
                    if (eq > 0) cookies[pair[..eq]] = pair[(eq + 1)..];
                }
            }
            string Cookie() => string.Join("; ", cookies.Select(kv => $"{kv.Key}={kv.Value}"));

            using (var form = await context.Http.GetAsync($"{context.AppUrl}/account/accedi?rete={slug}", ct))
            {
                Keep(form);
                var html = await form.Content.ReadAsStringAsync(ct);
                var token = TokenField().Match(html);
                if (!token.Success) throw new BenchException($"sign-in: no antiforgery token on /account/accedi ({(int)form.StatusCode})");
                using var post = new HttpRequestMessage(HttpMethod.Post, $"{context.AppUrl}/account/accedi")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                    }),
                };
                post.Headers.Add("Cookie", Cookie());
                using var answer = await context.Http.SendAsync(post, ct);
                Keep(answer);
                // The app's sign-in cookie is "alleanza-auth" (AccountsModule); a failed sign-in answers the form again.
                if (answer.StatusCode != HttpStatusCode.Redirect || !cookies.Keys.Any(k => k.StartsWith("alleanza-auth", StringComparison.Ordinal)))
                    throw new BenchException($"sign-in of {email} failed ({(int)answer.StatusCode} {answer.Headers.Location})");
            }
            context.Log.WriteLine($">> signed in as {email}");
            return new Dictionary<string, string> { ["Cookie"] = Cookie() };
        }

        public Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct) => Task.CompletedTask;

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }
}
