namespace Alleanza.Bench;

/// <summary>
/// One load scenario: wrk drives it against the app and against the baseline, one after the other.
/// </summary>
/// <param name="Name">Short name, used on the command line (<c>--scenario</c>) and in the table.</param>
/// <param name="Description">One line for <c>list</c> and the README.</param>
/// <param name="Paths">
/// The request paths (with query string). One path: wrk requests it over and over. Several: each wrk connection
/// goes round the list. The first path is also the response the baseline copies for this scenario.
/// </param>
/// <param name="Connections">Open connections for this scenario; null takes <c>--connections</c>.</param>
/// <param name="LuaRequest">
/// Optional Lua for wrk that defines <c>request()</c> (and <c>init</c>/<c>setup</c> if needed), for scenarios
/// whose requests are generated (ids from a dataset, POST bodies...). Replaces the round-robin over
/// <paramref name="Paths"/>; <paramref name="Paths"/>[0] is still the page the baseline copies.
/// Do not define <c>done</c>: the harness adds its own to read the figures.
/// </param>
/// <param name="Headers">Extra request headers (for example a sign-in cookie).</param>
/// <param name="Datasets">Datasets the scenario makes sense on; null means every dataset.</param>
/// <param name="RawBaseline">Also measure the raw ADO.NET baseline (<see cref="Bench.RawBaseline"/>) with the same requests:
/// the same query with hand-written SQL on the same database, rows as plain HTML. For catalogue URLs only.</param>
/// <param name="Budget">The budget for this scenario; the report says whether each provider meets it.</param>
/// <param name="Hooks">Work the scenario needs from the driver: headers made once per app (a sign-in cookie), files made
/// right before each wrk run (fresh QR tokens). The Lua may name the scratch folder as <c>$WORK$</c>.</param>
/// <param name="StaticBaseline">Measure the static bare-Kestrel copy next to the app (false for POSTs and signed-in pages,
/// where a copy of one response says nothing).</param>
/// <param name="Threads">wrk threads for this scenario; null takes <c>--threads</c> (1 with one connection).</param>
/// <param name="MinWarmup">A longer warm-up than <c>--warmup</c> for this scenario (unless the warm-up is 0): for code
/// that the runtime is still compiling again with full optimisation (tiered compilation) seconds after the start.</param>
public sealed record Scenario(
    string Name,
    string Description,
    string[] Paths,
    int? Connections = null,
    string? LuaRequest = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string[]? Datasets = null,
    bool RawBaseline = false,
    Budget? Budget = null,
    IScenarioHooks? Hooks = null,
    bool StaticBaseline = true,
    int? Threads = null,
    TimeSpan? MinWarmup = null)
{
    /// <summary>The path the driver fetches from the app once to give the baseline a copy of the response.</summary>
    public string SamplePath => Paths[0];

    public bool RunsOn(string dataset) => Datasets is null || Datasets.Contains(dataset, StringComparer.OrdinalIgnoreCase);

    /// <summary>The warm-up this scenario gets when <c>--warmup</c> asks for <paramref name="asked"/> (0 stays 0).</summary>
    public TimeSpan Warmup(TimeSpan asked) => asked > TimeSpan.Zero && MinWarmup > asked ? MinWarmup.Value : asked;
}

/// <summary>
/// Every scenario the harness knows, in the order they run. A later issue adds its scenario with one entry here.
/// </summary>
public static class Scenarios
{
    public static readonly Scenario[] All =
    [
        new("home", "Home page: Razor page with layout, anonymous visitor, network from the directory cache", ["/"]),
        new("health-ready", "Readiness check: one database round trip through the EF Core health check", ["/health/ready"]),
        new("search-page", "Catalogue search page: 240 combinations of text + two filters (area + age, or Comune + free), network regione",
            RegionalWorkload.SearchPagePaths, LuaRequest: RegionalWorkload.CycleLua(RegionalWorkload.SearchPagePaths), Datasets: ["regional"],
            RawBaseline: true, Budget: new Budget(P95Ms: 50, MinShareOfRaw: 0.5)),
        new("search-api", "Catalogue search API (JSON): the same 240 searches as search-page",
            RegionalWorkload.SearchApiPaths, LuaRequest: RegionalWorkload.CycleLua(RegionalWorkload.SearchApiPaths), Datasets: ["regional"], RawBaseline: true),
        new("detail", "Opportunity page: 1,000 published opportunities in turn",
            RegionalWorkload.DetailPaths, LuaRequest: RegionalWorkload.CycleLua(RegionalWorkload.DetailPaths), Datasets: ["regional"], RawBaseline: true),
        new("card-verify", "Till API: POST /api/v1/card-verifications with a fresh QR token and record=true (a purchase recorded per request), 64 connections",
            [CardsWorkload.VerifyPath], Connections: 64, LuaRequest: CardsWorkload.VerifyLua, Datasets: ["cards"], RawBaseline: true, StaticBaseline: false,
            Hooks: new CardsWorkload.Tokens(), Budget: new Budget(P99Ms: 25, MinShareOfRaw: 0.5, MinRps: 2000),
            // After a 3 s warm-up, the runtime's thread that compiles the hot code again (tiered compilation) still took
            // about a tenth of the app's CPU during the measurement (perf, PostgreSQL); after 20 s the app is at its pace.
            MinWarmup: TimeSpan.FromSeconds(20)),
        new("stats-coordinator", "Coordinator's Family Card statistics page (last 12 months, all Comuni), signed in, one connection",
            [CardsWorkload.CoordinatorStatsPath], Connections: 1, Threads: 1, Datasets: ["cards"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn(CardsData.CoordinatorEmail), Budget: new Budget(P95Ms: 300)),
        new("stats-merchant", "Merchant's own statistics page (its 2 shops, last 12 months), signed in, one connection",
            [CardsWorkload.MerchantStatsPath], Connections: 1, Threads: 1, Datasets: ["cards"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn(CardsData.MerchantEmail), Budget: new Budget(P95Ms: 300)),
        new("dashboard", "Coordinator's dashboard /gestione (last 12 months, all Comuni): partners, opportunities by area, registrations, cards, purchases; signed in, one connection",
            [CardsWorkload.DashboardPath], Connections: 1, Threads: 1, Datasets: ["cards"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn(CardsData.CoordinatorEmail), Budget: new Budget(P95Ms: 500)),
        new("dashboard-comune", "The dashboard for one Comune (the busiest), signed in, one connection",
            [CardsWorkload.DashboardComunePath], Connections: 1, Threads: 1, Datasets: ["cards"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn(CardsData.CoordinatorEmail), Budget: new Budget(P95Ms: 500)),
        // Issue 16: the operator's home and case pages, the evaluation of Pavia's support programme and its restitution
        // report, on the demo's Pavia (×1) and at ×10 (dataset pavia10).
        new("operator-home", "The social operator's home /la-mia-area (her caseload, overdue items, appointments), signed in as operatore@pavia.demo",
            [SupportWorkload.HomePath], Connections: 8, Datasets: ["demo", "pavia10"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn(SupportWorkload.Operator, "pavia", "Alleanza-demo-2026"), Budget: new Budget(P95Ms: 150)),
        new("case-page", "A case page /percorsi/{id} of the operator's caseload in turn (each read writes its access-log row), signed in as operatore@pavia.demo",
            [SupportWorkload.HomePath], Connections: 8, LuaRequest: SupportWorkload.CasesLua, Datasets: ["demo", "pavia10"], StaticBaseline: false,
            Hooks: new SupportWorkload.Caseload(), Budget: new Budget(P95Ms: 150)),
        new("evaluation", "Pavia's evaluation of the support programme /gestione/valutazione (last 12 months), signed in as the coordinator, one connection",
            ["/gestione/valutazione?rete=pavia"], Connections: 1, Threads: 1, Datasets: ["demo", "pavia10"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn("coordinatore@pavia.demo", "pavia", "Alleanza-demo-2026"), Budget: new Budget(P95Ms: 1000)),
        new("evaluation-report", "Pavia's restitution report as PDF (last 12 months), signed in as the coordinator, one connection",
            ["/gestione/valutazione?rete=pavia&handler=Pdf"], Connections: 1, Threads: 1, Datasets: ["demo", "pavia10"], StaticBaseline: false,
            Hooks: new CardsWorkload.SignIn("coordinatore@pavia.demo", "pavia", "Alleanza-demo-2026"), Budget: new Budget(P95Ms: 1000)),
        // Issues 17 and 18: Condividi's list, the time bank's transfer, a page of a questionnaire and its results, on `families`.
        new("sharing-list", "Condividi's families' list /condividi with filters (kind, category, Comune, words, «per noi»), 240 combinations, signed in as a family",
            [FamiliesWorkload.SharingPath], Connections: 32, LuaRequest: FamiliesWorkload.LinesLua("sharing-list", 200), Datasets: ["families"], StaticBaseline: false,
            Hooks: new FamiliesWorkload.SharingList(), Budget: new Budget(P95Ms: 100)),
        new("timebank-transfer", "Time bank: POST /banca-del-tempo/scambi/nuovo, an hour received recorded by one of 32 signed-in members (one ledger transfer each)",
            [FamiliesWorkload.TransferPath], Connections: 32, LuaRequest: FamiliesWorkload.LinesLua("timebank-transfer", 302), Datasets: ["families"], StaticBaseline: false,
            RawBaseline: true, Hooks: new FamiliesWorkload.Transfers(), Budget: new Budget(MinShareOfRaw: 0.5)),
        new("survey-submit", "Questionnaire: the first page of answers posted with «Avanti» by the families of 5,000 unused codes in turn, anonymous, 64 connections",
            [FamiliesWorkload.FillPath], Connections: 64, LuaRequest: FamiliesWorkload.LinesLua("survey-submit", 302), Datasets: ["families"], StaticBaseline: false,
            RawBaseline: true, Hooks: new FamiliesWorkload.SurveySubmit(), Budget: new Budget(P95Ms: 100, MinShareOfRaw: 0.5)),
        new("survey-results", "The coordinator's results page of the questionnaire (50,000 responses), signed in, one connection",
            [FamiliesWorkload.ResultsPath], Connections: 1, Threads: 1, LuaRequest: FamiliesWorkload.LinesLua("survey-results", 200), Datasets: ["families"], StaticBaseline: false,
            Hooks: new FamiliesWorkload.SurveyResults(), Budget: new Budget(P95Ms: 500)),
        // Issue 19: the purchasing group's booking page (600 products) and the save of a booking, on `families`.
        new("gaf-booking-page", "Gruppi di acquisto: the booking page of an open cycle of 600 products (300 member households booked), GET by 32 signed-in member families in turn",
            [FamiliesWorkload.GafCyclePath], Connections: 32, LuaRequest: FamiliesWorkload.LinesLua("gaf-booking-page", 200), Datasets: ["families"], StaticBaseline: false,
            Hooks: new FamiliesWorkload.GafBookingPage(), Budget: new Budget(P95Ms: 150)),
        new("gaf-booking-save", "Gruppi di acquisto: POST of a whole booking (20 products) by one of 32 signed-in member families, the quantities changing each time; 302 back",
            [FamiliesWorkload.GafCyclePath], Connections: 32, LuaRequest: FamiliesWorkload.LinesLua("gaf-booking-save", 302), Datasets: ["families"], StaticBaseline: false,
            Hooks: new FamiliesWorkload.GafBookingSave(), Budget: new Budget(P95Ms: 150)),
    ];

    public static Scenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A scenario's budget from its issue: p95 (or p99) latency at most <paramref name="P95Ms"/> (<paramref name="P99Ms"/>),
/// at least <paramref name="MinShareOfRaw"/> of the raw ADO.NET baseline's requests per second, at least <paramref name="MinRps"/> requests per second.</summary>
public sealed record Budget(double? P95Ms = null, double? MinShareOfRaw = null, double? P99Ms = null, double? MinRps = null);

/// <summary>What a scenario's hooks get from the driver.</summary>
public sealed record HookContext(string AppUrl, string WorkDirectory, int Threads, HttpClient Http, TextWriter Log);

/// <summary>Per-scenario work the driver does around wrk (see <see cref="Scenario.Hooks"/>).</summary>
public interface IScenarioHooks
{
    /// <summary>Extra request headers, once per app start (for example the sign-in cookie).</summary>
    Task<IReadOnlyDictionary<string, string>> HeadersAsync(HookContext context, CancellationToken ct);

    /// <summary>Right before each wrk run (warm-up included) of <paramref name="duration"/>.</summary>
    Task BeforeRunAsync(HookContext context, TimeSpan duration, CancellationToken ct);
}
