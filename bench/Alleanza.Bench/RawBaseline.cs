using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Alleanza.Bench;

/// <summary>
/// The raw ADO.NET baseline (<c>Alleanza.Bench raw</c>): the cost of the catalogue's work itself. Bare Kestrel, no
/// middleware, no EF Core, no Razor: it answers the app's own URLs (search page, search API, detail page).
/// With <c>--search index</c> (the default) it searches as the app does since session 5: the app's own
/// <c>CatalogIndex</c> (compiled in), loaded with hand-written SQL, then the page of 20 written as plain HTML.
/// With <c>--search sql</c> it runs the search the app ran before, in the database
/// (FullTextSearch + OpportunitySearch of session 4: the same FTS subquery, FTS5 MATCH with bm25 on
/// SQLite, websearch_to_tsquery with ts_rank on PostgreSQL, joined to the published opportunities of the network, the
/// same filters, a count and a page of 20 ordered by relevance then title, with next session, places left and first
/// place) on the same database, with SQL written by hand, and writes the rows as plain HTML (JSON for the API).
/// What it leaves out on purpose: layout, antiforgery, cookies, the filter drop-downs, Markdown rendering.
/// </summary>
public static class RawBaseline
{
    /// <summary><c>raw --port N --provider sqlite|postgres --connection CS</c>: serves on 127.0.0.1:N until SIGTERM / Ctrl-C.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int? port = null;
        string? provider = null, connection = null;
        var search = "index";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--provider": provider = args[++i]; break;
                case "--connection": connection = args[++i]; break;
                case "--search": search = args[++i]; break;
                default: Console.Error.WriteLine($"raw: unknown option {args[i]}"); return 2;
            }
        }
        if (port is null || connection is null || provider is not ("sqlite" or "postgres") || search is not ("index" or "sql"))
        {
            Console.Error.WriteLine("usage: Alleanza.Bench raw --port N --provider sqlite|postgres --connection CS [--search index|sql]");
            return 2;
        }

        await using var catalog = provider == "sqlite" ? (RawCatalog)new SqliteCatalog(connection) : new PostgresCatalog(connection);
        catalog.InMemory = search == "index";
        // The index is loaded before the port opens, as the app answers /health/ready only once its index is loaded.
        if (catalog.InMemory) await catalog.PreloadAsync();
        await using var cards = new RawCards(provider == "sqlite", connection);
        await using var families = new RawFamilies(provider == "sqlite", connection);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port.Value));
        var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var query = context.Request.Query;
            try
            {
                if (path == CardsWorkload.VerifyPath && context.Request.Method == "POST")
                {
                    var (status, json) = await cards.VerifyAsync(context);
                    await Write(context, status, "application/json; charset=utf-8", json);
                }
                else if (path == "/banca-del-tempo/scambi/nuovo" && context.Request.Method == "POST")
                {
                    var (status, location) = await families.RecordExchangeAsync(context);
                    if (location is not null) context.Response.Headers.Location = location;
                    await Write(context, status, "text/plain", status == 302 ? "" : "refused");
                }
                else if (path.StartsWith("/questionari/", StringComparison.Ordinal) && path.EndsWith("/compila", StringComparison.Ordinal) && context.Request.Method == "POST"
                         && Guid.TryParse(path["/questionari/".Length..^"/compila".Length], out var survey))
                {
                    var (status, location) = await families.SaveAnswersAsync(context, survey);
                    if (location is not null) context.Response.Headers.Location = location;
                    await Write(context, status, "text/plain", status == 302 ? "" : "refused");
                }
                else if (path == "/opportunita")
                {
                    var request = RawSearchRequest.FromPage(query);
                    var result = await catalog.SearchAsync(request, context.RequestAborted);
                    await Write(context, result is null ? 404 : 200, "text/html; charset=utf-8", result is null ? "<p>Rete non trovata</p>" : RawHtml.Search(request, result));
                }
                else if (path == "/api/v1/opportunities")
                {
                    var request = RawSearchRequest.FromApi(query);
                    var result = await catalog.SearchAsync(request, context.RequestAborted);
                    if (result is null) await Write(context, 404, "application/json", "{\"title\":\"Rete non trovata\"}");
                    else await Write(context, 200, "application/json; charset=utf-8", RawJson.Search(request, result, $"http://{context.Request.Host}"));
                }
                else if (path.StartsWith("/opportunita/", StringComparison.Ordinal) && Guid.TryParse(path["/opportunita/".Length..], out var id))
                {
                    var detail = await catalog.DetailAsync(query["rete"].ToString(), id, context.RequestAborted);
                    await Write(context, detail is null ? 404 : 200, "text/html; charset=utf-8", detail is null ? "<p>Non trovata</p>" : RawHtml.Detail(detail));
                }
                else if (path == "/")
                    await Write(context, 200, "text/plain", "raw ADO.NET baseline");
                else
                    await Write(context, 404, "text/plain", "not found");
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                Console.Error.WriteLine($"{path}{context.Request.QueryString}: {e}");
                await Write(context, 500, "text/plain", e.Message);
            }
        });
        await app.RunAsync();
        return 0;
    }

    static Task Write(HttpContext context, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}

/// <summary>The search a query string asks for, from the page's Italian names or the API's English ones.</summary>
/// <remarks>Order is always the default one (relevance with a text, else newest first); the scenarios do not sort.</remarks>
public sealed record RawSearchRequest(string Network, string? Text, string? Area, Guid? Comune, int? Age, bool Free, bool WithPlaces, int Page, int PageSize)
{
    public static RawSearchRequest FromPage(IQueryCollection q) => new(
        q["rete"].ToString(), Clean(q["q"]), Clean(q["area"]), ParseGuid(q["comune"]), ParseAge(q["eta"]), q["gratuito"] == "true", q["posti"] == "true",
        ParsePage(q["pagina"]), 20);

    public static RawSearchRequest FromApi(IQueryCollection q) => new(
        q["network"].ToString(), Clean(q["q"]), Clean(q["area"]), ParseGuid(q["comune"]), ParseAge(q["age"]), q["free"] == "true", false,
        ParsePage(q["page"]), int.TryParse(q["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 100 ? size : 20);

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim() is var t && t.Length > 200 ? t[..200] : s.Trim();
    static Guid? ParseGuid(string? s) => Guid.TryParse(s, out var g) ? g : null;
    static int? ParseAge(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= 25 ? a : null;
    static int ParsePage(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
}

public sealed record RawHit(Guid Id, string Title, int Kind, string Area, string Partner, int Cost, decimal? Price, decimal? ReducedPrice,
    int? AgeFromMonths, int? AgeToMonths, DateTime? NextSession, int? PlacesLeft, string? Place, double? Latitude, double? Longitude, string Summary);

public sealed record RawResult(int Total, int Page, int PageSize, List<RawHit> Items);

public sealed record RawDetail(Guid Id, string Title, int Kind, string Description, string Area, string Partner, int Cost, decimal? Price, decimal? ReducedPrice,
    int? AgeFromMonths, int? AgeToMonths, string? ScheduleText, string? ContactEmail, string? ContactPhone, List<string> Comuni,
    List<(string Name, string? Address, double? Latitude, double? Longitude)> Locations, List<(DateTime StartsAt, DateTime? EndsAt, int? Capacity, int Taken, bool Open)> Sessions);

/// <summary>The catalogue queries with hand-written SQL, one implementation per engine.</summary>
public abstract class RawCatalog : IAsyncDisposable
{
    sealed record NetworkInfo(Guid Id, Dictionary<string, Guid> Areas);

    // Reference data that does not change during a run (the app caches its network directory too).
    readonly ConcurrentDictionary<string, Lazy<Task<NetworkInfo?>>> networks = new(StringComparer.Ordinal);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);
    protected abstract string Param(string name);
    protected abstract object Id(Guid id);
    protected abstract object Time(DateTime utc);
    protected abstract Guid ReadId(DbDataReader r, int i);
    protected abstract DateTime ReadTime(DbDataReader r, int i);
    protected abstract decimal? ReadMoney(DbDataReader r, int i);
    /// <summary>The FTS subquery with columns Id and Rank, as FullTextSearch.Matches writes it; null when there is no term.</summary>
    protected abstract string? Matches(string text, out object? argument);
    protected abstract string Q(string identifier);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    async Task<NetworkInfo?> NetworkAsync(string slug, CancellationToken ct)
    {
        var lazy = networks.GetOrAdd(slug, s => new Lazy<Task<NetworkInfo?>>(() => LoadNetworkAsync(s)));
        var info = await lazy.Value;
        if (info is null) networks.TryRemove(slug, out _);
        return info;
    }

    async Task<NetworkInfo?> LoadNetworkAsync(string slug)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Q("Id")} FROM {Q("Networks")} WHERE {Q("Slug")} = {Param("slug")}";
        Add(command, "slug", slug);
        Guid id;
        await using (var r = await command.ExecuteReaderAsync())
        {
            if (!await r.ReadAsync()) return null;
            id = ReadId(r, 0);
        }
        command.Parameters.Clear();
        command.CommandText = $"SELECT {Q("Code")}, {Q("Id")} FROM {Q("NetworkAreas")} WHERE {Q("NetworkId")} = {Param("network")}";
        Add(command, "network", Id(id));
        var areas = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync()) areas[r.GetString(0)] = ReadId(r, 1);
        return new NetworkInfo(id, areas);
    }

    void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = Param(name);
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    /// <summary>Search in the app's in-memory index (loaded once per network) rather than in the database.</summary>
    public bool InMemory { get; set; }

    public async Task<RawResult?> SearchAsync(RawSearchRequest r, CancellationToken ct)
    {
        var network = await NetworkAsync(r.Network, ct);
        if (network is null) return null;
        if (InMemory) return await SearchInMemoryAsync(network, r, ct);
        var now = DateTime.UtcNow;
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();

        // The FTS join and the WHERE clause, shared by the count and the page, in the order OpportunitySearch composes them.
        var from = new StringBuilder();
        object? argument = null;
        var matches = r.Text is null ? null : Matches(r.Text, out argument);
        if (matches is not null)
        {
            from.Append($" INNER JOIN ({matches}) AS m ON o.{Q("Id")} = m.{Q("Id")}");
            Add(command, "text", argument);
        }
        from.Append($" WHERE o.{Q("NetworkId")} = {Param("network")} AND o.{Q("Status")} = 3");
        Add(command, "network", Id(network.Id));
        if (r.Area is not null && network.Areas.TryGetValue(r.Area, out var area))
        {
            from.Append($" AND o.{Q("AreaId")} = {Param("area")}");
            Add(command, "area", Id(area));
        }
        if (r.Comune is { } comune)
        {
            from.Append($" AND EXISTS (SELECT 1 FROM {Q("OpportunityComuni")} AS c WHERE o.{Q("Id")} = c.{Q("OpportunityId")} AND c.{Q("ComuneId")} = {Param("comune")})");
            Add(command, "comune", Id(comune));
        }
        if (r.Age is { } years)
        {
            from.Append($" AND (o.{Q("AgeFromMonths")} IS NULL OR o.{Q("AgeFromMonths")} <= {Param("ageTo")}) AND (o.{Q("AgeToMonths")} IS NULL OR o.{Q("AgeToMonths")} >= {Param("ageFrom")})");
            Add(command, "ageTo", years * 12 + 11);
            Add(command, "ageFrom", years * 12);
        }
        if (r.Free) from.Append($" AND o.{Q("Cost")} = 1");
        if (r.WithPlaces)
            from.Append($" AND EXISTS (SELECT 1 FROM {Q("OpportunitySessions")} AS w WHERE o.{Q("Id")} = w.{Q("OpportunityId")} AND w.{Q("StartsAt")} >= {Param("now")}" +
                $" AND w.{Q("RegistrationOpen")} AND (w.{Q("Capacity")} IS NULL OR w.{Q("Taken")} < w.{Q("Capacity")}))");

        Add(command, "now", Time(now));
        command.CommandText = $"SELECT count(*) FROM {Q("Opportunities")} AS o{from}";
        var total = Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var page = Math.Max(1, Math.Min(r.Page, Math.Max(1, (total + r.PageSize - 1) / r.PageSize)));

        // The page in two steps, as one would write it by hand: the ids of the 20 rows (the filtered FTS join, ordered by
        // relevance then title, or newest first without text), then their extras (next session, places, first place,
        // area and partner names) for those 20 rows only.
        var key = matches is not null ? $"m.{Q("Rank")}" : $"o.{Q("PublishedAt")}";
        command.CommandText = $"""
            SELECT o.{Q("Id")}, o.{Q("Title")}, o.{Q("Kind")}, a.{Q("Name")}, p.{Q("Name")}, o.{Q("Cost")}, o.{Q("Price")}, o.{Q("ReducedPrice")},
                   o.{Q("AgeFromMonths")}, o.{Q("AgeToMonths")}, o.{Q("Description")},
                   (SELECT s.{Q("StartsAt")} FROM {Q("OpportunitySessions")} AS s WHERE o.{Q("Id")} = s.{Q("OpportunityId")} AND s.{Q("StartsAt")} >= {Param("now")}
                    ORDER BY s.{Q("StartsAt")} LIMIT 1) AS next,
                   (SELECT s.{Q("Capacity")} - s.{Q("Taken")} FROM {Q("OpportunitySessions")} AS s WHERE o.{Q("Id")} = s.{Q("OpportunityId")} AND s.{Q("StartsAt")} >= {Param("now")}
                    AND s.{Q("Capacity")} IS NOT NULL ORDER BY s.{Q("StartsAt")} LIMIT 1) AS places,
                   l.{Q("Name")}, l.{Q("Latitude")}, l.{Q("Longitude")}
            FROM (SELECT o.{Q("Id")} AS id, {key} AS sortkey, o.{Q("Title")} AS title FROM {Q("Opportunities")} AS o{from}
                  ORDER BY {key} DESC, o.{Q("Title")} LIMIT {r.PageSize} OFFSET {(page - 1) * r.PageSize}) AS page
            INNER JOIN {Q("Opportunities")} AS o ON o.{Q("Id")} = page.id
            INNER JOIN {Q("NetworkAreas")} AS a ON a.{Q("Id")} = o.{Q("AreaId")}
            INNER JOIN {Q("Partners")} AS p ON p.{Q("Id")} = o.{Q("PartnerId")}
            LEFT JOIN {Q("OpportunityLocations")} AS l ON l.{Q("Id")} = (SELECT l2.{Q("Id")} FROM {Q("OpportunityLocations")} AS l2
                WHERE l2.{Q("OpportunityId")} = o.{Q("Id")} ORDER BY l2.{Q("Name")} LIMIT 1)
            ORDER BY page.sortkey DESC, page.title
            """;
        var items = new List<RawHit>(r.PageSize);
        await using (var x = await command.ExecuteReaderAsync(ct))
            while (await x.ReadAsync(ct))
                items.Add(new RawHit(ReadId(x, 0), x.GetString(1), x.GetInt32(2), x.GetString(3), x.GetString(4), x.GetInt32(5), ReadMoney(x, 6), ReadMoney(x, 7),
                    x.IsDBNull(8) ? null : x.GetInt32(8), x.IsDBNull(9) ? null : x.GetInt32(9), x.IsDBNull(11) ? null : ReadTime(x, 11),
                    x.IsDBNull(12) ? null : x.GetInt32(12), x.IsDBNull(13) ? null : x.GetString(13), x.IsDBNull(14) ? null : x.GetDouble(14),
                    x.IsDBNull(15) ? null : x.GetDouble(15), Summarize(x.GetString(10))));
        return new RawResult(total, page, r.PageSize, items);
    }

    sealed record Loaded(Alleanza.Web.Modules.Catalog.Search.CatalogIndex Index, Dictionary<Guid, string> Areas, Dictionary<Guid, string> Partners);

    readonly ConcurrentDictionary<Guid, Lazy<Task<Loaded>>> indexes = new();

    /// <summary>Loads the index of every network that has published opportunities.</summary>
    public async Task PreloadAsync()
    {
        var ids = new List<Guid>();
        await using (var connection = await OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT DISTINCT {Q("NetworkId")} FROM {Q("Opportunities")} WHERE {Q("Status")} = 3";
            await using var x = await command.ExecuteReaderAsync();
            while (await x.ReadAsync()) ids.Add(ReadId(x, 0));
        }
        foreach (var id in ids) await indexes.GetOrAdd(id, n => new Lazy<Task<Loaded>>(() => LoadIndexAsync(n))).Value;
    }

    async Task<RawResult> SearchInMemoryAsync(NetworkInfo network, RawSearchRequest r, CancellationToken ct)
    {
        var loaded = await indexes.GetOrAdd(network.Id, id => new Lazy<Task<Loaded>>(() => LoadIndexAsync(id))).Value;
        var now = DateTime.UtcNow;
        var request = new Alleanza.Web.Modules.Catalog.SearchRequest(r.Text, r.Area is not null && network.Areas.TryGetValue(r.Area, out var area) ? area : null,
            AgeYears: r.Age, ComuneId: r.Comune, FreeOnly: r.Free, WithPlaces: r.WithPlaces, Page: r.Page, PageSize: r.PageSize);
        var found = loaded.Index.Search(request, now);
        var items = found.Rows.Select(o =>
        {
            var next = o.NextSession(now);
            var withCapacity = o.Sessions.FirstOrDefault(s => s.StartsAt >= now && s.Capacity is not null);
            var place = o.Places.FirstOrDefault();
            return new RawHit(o.Id, o.Title, (int)o.Kind, loaded.Areas.GetValueOrDefault(o.AreaId, ""), loaded.Partners.GetValueOrDefault(o.PartnerId, ""), (int)o.Cost,
                o.Price, o.ReducedPrice, o.AgeFromMonths, o.AgeToMonths, next?.StartsAt, withCapacity?.PlacesLeft,
                place?.Name, place?.Latitude, place?.Longitude, o.Summary);
        }).ToList();
        return new RawResult(found.Total, found.Page, r.PageSize, items);
    }

    /// <summary>The network's published catalogue into the app's index, with plain readers (what SearchIndexes reads with EF Core).</summary>
    async Task<Loaded> LoadIndexAsync(Guid networkId)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        Add(command, "network", Id(networkId));
        var published = $"SELECT {Q("Id")} FROM {Q("Opportunities")} WHERE {Q("NetworkId")} = {Param("network")} AND {Q("Status")} = 3";
        async Task ReadAsync(string sql, Action<DbDataReader> row)
        {
            command.CommandText = sql;
            await using var x = await command.ExecuteReaderAsync();
            while (await x.ReadAsync()) row(x);
        }
        var sessions = new Dictionary<Guid, List<Alleanza.Web.Modules.Catalog.Search.IndexedSession>>();
        await ReadAsync($"SELECT {Q("OpportunityId")}, {Q("Id")}, {Q("StartsAt")}, {Q("EndsAt")}, {Q("Capacity")}, {Q("Taken")}, {Q("RegistrationOpen")} " +
            $"FROM {Q("OpportunitySessions")} WHERE {Q("OpportunityId")} IN ({published})", x =>
            {
                var list = sessions.TryGetValue(ReadId(x, 0), out var l) ? l : sessions[ReadId(x, 0)] = [];
                list.Add(new(ReadId(x, 1), ReadTime(x, 2), x.IsDBNull(3) ? null : ReadTime(x, 3), x.IsDBNull(4) ? null : x.GetInt32(4), x.GetInt32(5), x.GetBoolean(6)));
            });
        var places = new Dictionary<Guid, List<Alleanza.Web.Modules.Catalog.Search.IndexedPlace>>();
        await ReadAsync($"SELECT {Q("OpportunityId")}, {Q("Name")}, {Q("Address")}, {Q("Latitude")}, {Q("Longitude")} " +
            $"FROM {Q("OpportunityLocations")} WHERE {Q("OpportunityId")} IN ({published})", x =>
            {
                var list = places.TryGetValue(ReadId(x, 0), out var l) ? l : places[ReadId(x, 0)] = [];
                list.Add(new(x.GetString(1), x.IsDBNull(2) ? null : x.GetString(2), x.IsDBNull(3) ? null : x.GetDouble(3), x.IsDBNull(4) ? null : x.GetDouble(4)));
            });
        var comuni = new Dictionary<Guid, List<Guid>>();
        await ReadAsync($"SELECT {Q("OpportunityId")}, {Q("ComuneId")} FROM {Q("OpportunityComuni")} WHERE {Q("OpportunityId")} IN ({published})", x =>
            {
                var list = comuni.TryGetValue(ReadId(x, 0), out var l) ? l : comuni[ReadId(x, 0)] = [];
                list.Add(ReadId(x, 1));
            });
        var areas = new Dictionary<Guid, string>();
        await ReadAsync($"SELECT {Q("Id")}, {Q("Name")} FROM {Q("NetworkAreas")} WHERE {Q("NetworkId")} = {Param("network")}", x => areas[ReadId(x, 0)] = x.GetString(1));
        var partners = new Dictionary<Guid, string>();
        await ReadAsync($"SELECT {Q("Id")}, {Q("Name")} FROM {Q("Partners")} WHERE {Q("NetworkId")} = {Param("network")}", x => partners[ReadId(x, 0)] = x.GetString(1));
        var rows = new List<(Alleanza.Web.Modules.Catalog.Search.IndexedOpportunity, Alleanza.Web.Modules.Catalog.Search.IndexedText)>();
        await ReadAsync($"SELECT {Q("Id")}, {Q("PartnerId")}, {Q("AreaId")}, {Q("Kind")}, {Q("Title")}, {Q("Description")}, {Q("Categories")}, {Q("AgeFromMonths")}, " +
            $"{Q("AgeToMonths")}, {Q("Cost")}, {Q("Price")}, {Q("ReducedPrice")}, {Q("PublishedAt")} FROM {Q("Opportunities")} " +
            $"WHERE {Q("NetworkId")} = {Param("network")} AND {Q("Status")} = 3", x =>
            {
                var id = ReadId(x, 0);
                var categories = x.IsDBNull(6) ? null : x.GetString(6);
                var text = new Alleanza.Web.Modules.Catalog.Search.IndexedText(Alleanza.Web.Platform.Text.SearchKey(x.GetString(4)),
                    Alleanza.Web.Platform.Text.SearchKey(x.GetString(5) + " " + categories));
                rows.Add((new Alleanza.Web.Modules.Catalog.Search.IndexedOpportunity
                {
                    Id = id, PartnerId = ReadId(x, 1), AreaId = ReadId(x, 2), Kind = (Alleanza.Web.Modules.Catalog.OpportunityKind)x.GetInt32(3), Title = x.GetString(4),
                    Summary = Summarize(x.GetString(5)), CategoriesLower = categories?.ToLowerInvariant(),
                    AgeFromMonths = x.IsDBNull(7) ? null : x.GetInt32(7), AgeToMonths = x.IsDBNull(8) ? null : x.GetInt32(8),
                    Cost = (Alleanza.Web.Modules.Catalog.CostKind)x.GetInt32(9), Price = ReadMoney(x, 10), ReducedPrice = ReadMoney(x, 11),
                    PublishedAt = x.IsDBNull(12) ? null : ReadTime(x, 12),
                    Comuni = comuni.TryGetValue(id, out var c) ? [.. c.Distinct()] : [],
                    Sessions = sessions.TryGetValue(id, out var s) ? [.. s.OrderBy(s => s.StartsAt)] : [],
                    Places = places.TryGetValue(id, out var p) ? [.. p.OrderBy(p => p.Name, StringComparer.Ordinal)] : [],
                    TextHash = text.Hash,
                }, text));
            });
        var index = new Alleanza.Web.Modules.Catalog.Search.CatalogIndex();
        index.Apply(rows, []);
        Console.Error.WriteLine($"raw: index of network {networkId} loaded, {rows.Count} opportunities");
        return new Loaded(index, areas, partners);
    }

    public async Task<RawDetail?> DetailAsync(string slug, Guid id, CancellationToken ct)
    {
        var network = await NetworkAsync(slug, ct);
        if (network is null) return null;
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        Add(command, "id", Id(id));
        Add(command, "network", Id(network.Id));
        command.CommandText = $"""
            SELECT o.{Q("Title")}, o.{Q("Kind")}, o.{Q("Description")}, a.{Q("Name")}, p.{Q("Name")}, o.{Q("Cost")}, o.{Q("Price")}, o.{Q("ReducedPrice")},
                   o.{Q("AgeFromMonths")}, o.{Q("AgeToMonths")}, o.{Q("ScheduleText")}, o.{Q("ContactEmail")}, o.{Q("ContactPhone")}
            FROM {Q("Opportunities")} AS o
            INNER JOIN {Q("NetworkAreas")} AS a ON a.{Q("Id")} = o.{Q("AreaId")}
            INNER JOIN {Q("Partners")} AS p ON p.{Q("Id")} = o.{Q("PartnerId")}
            WHERE o.{Q("Id")} = {Param("id")} AND o.{Q("NetworkId")} = {Param("network")} AND o.{Q("Status")} = 3
            """;
        RawDetail detail;
        await using (var x = await command.ExecuteReaderAsync(ct))
        {
            if (!await x.ReadAsync(ct)) return null;
            detail = new RawDetail(id, x.GetString(0), x.GetInt32(1), x.GetString(2), x.GetString(3), x.GetString(4), x.GetInt32(5), ReadMoney(x, 6), ReadMoney(x, 7),
                x.IsDBNull(8) ? null : x.GetInt32(8), x.IsDBNull(9) ? null : x.GetInt32(9), x.IsDBNull(10) ? null : x.GetString(10),
                x.IsDBNull(11) ? null : x.GetString(11), x.IsDBNull(12) ? null : x.GetString(12), [], [], []);
        }
        command.Parameters.RemoveAt(1);
        command.CommandText = $"""
            SELECT c.{Q("Name")} FROM {Q("OpportunityComuni")} AS oc INNER JOIN {Q("Comuni")} AS c ON c.{Q("Id")} = oc.{Q("ComuneId")}
            WHERE oc.{Q("OpportunityId")} = {Param("id")} ORDER BY c.{Q("Name")}
            """;
        await using (var x = await command.ExecuteReaderAsync(ct))
            while (await x.ReadAsync(ct)) detail.Comuni.Add(x.GetString(0));
        command.CommandText = $"""
            SELECT {Q("Name")}, {Q("Address")}, {Q("Latitude")}, {Q("Longitude")} FROM {Q("OpportunityLocations")}
            WHERE {Q("OpportunityId")} = {Param("id")} ORDER BY {Q("Name")}
            """;
        await using (var x = await command.ExecuteReaderAsync(ct))
            while (await x.ReadAsync(ct))
                detail.Locations.Add((x.GetString(0), x.IsDBNull(1) ? null : x.GetString(1), x.IsDBNull(2) ? null : x.GetDouble(2), x.IsDBNull(3) ? null : x.GetDouble(3)));
        command.CommandText = $"""
            SELECT {Q("StartsAt")}, {Q("EndsAt")}, {Q("Capacity")}, {Q("Taken")}, {Q("RegistrationOpen")} FROM {Q("OpportunitySessions")}
            WHERE {Q("OpportunityId")} = {Param("id")} ORDER BY {Q("StartsAt")}
            """;
        await using (var x = await command.ExecuteReaderAsync(ct))
            while (await x.ReadAsync(ct))
                detail.Sessions.Add((ReadTime(x, 0), x.IsDBNull(1) ? null : ReadTime(x, 1), x.IsDBNull(2) ? null : x.GetInt32(2), x.GetInt32(3), x.GetBoolean(4)));
        return detail;
    }

    /// <summary>The first words of the description, Markdown marks dropped (the app uses Markdig's plain text).</summary>
    public static string Summarize(string markdown)
    {
        var plain = markdown.Replace("**", "", StringComparison.Ordinal).Replace('*', ' ').ReplaceLineEndings(" ").Trim();
        return plain.Length <= 220 ? plain : plain[..plain.LastIndexOf(' ', 219)] + "…";
    }
}

/// <summary>SQLite: the FTS5 table, TEXT ids (upper case), TEXT dates, pooled Microsoft.Data.Sqlite connections.</summary>
public sealed class SqliteCatalog(string connectionString) : RawCatalog
{
    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    protected override string Param(string name) => "$" + name;
    protected override object Id(Guid id) => id.ToString("D").ToUpperInvariant();
    protected override object Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    protected override Guid ReadId(DbDataReader r, int i) => Guid.Parse(r.GetString(i));
    protected override DateTime ReadTime(DbDataReader r, int i) => DateTime.SpecifyKind(DateTime.Parse(r.GetString(i), CultureInfo.InvariantCulture), DateTimeKind.Utc);
    protected override decimal? ReadMoney(DbDataReader r, int i) => r.IsDBNull(i) ? null : decimal.Parse(r.GetString(i), CultureInfo.InvariantCulture);
    protected override string Q(string identifier) => $"\"{identifier}\"";

    protected override string? Matches(string text, out object? argument)
    {
        var terms = SearchText.Terms(text);
        argument = SearchText.SqliteMatch(terms);
        return terms.Count == 0 ? null
            : "SELECT OpportunityId AS \"Id\", -bm25(OpportunitySearch, 0.0, 3.0, 1.0) AS \"Rank\" FROM OpportunitySearch WHERE OpportunitySearch MATCH $text";
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}

/// <summary>PostgreSQL: the generated SearchVector column, uuid and timestamptz, an Npgsql data source (pooled).</summary>
public sealed class PostgresCatalog(string connectionString) : RawCatalog
{
    readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await source.OpenConnectionAsync(ct);
    protected override string Param(string name) => "@" + name;
    protected override object Id(Guid id) => id;
    protected override object Time(DateTime utc) => utc;
    protected override Guid ReadId(DbDataReader r, int i) => r.GetGuid(i);
    protected override DateTime ReadTime(DbDataReader r, int i) => r.GetDateTime(i);
    protected override decimal? ReadMoney(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
    protected override string Q(string identifier) => $"\"{identifier}\"";

    protected override string? Matches(string text, out object? argument)
    {
        var terms = SearchText.Terms(text);
        argument = string.Join(' ', terms);
        return terms.Count == 0 ? null
            : "SELECT \"Id\", ts_rank(\"SearchVector\", websearch_to_tsquery('italian', alleanza_unaccent(@text)))::float8 AS \"Rank\" FROM \"Opportunities\" " +
              "WHERE \"SearchVector\" @@ websearch_to_tsquery('italian', alleanza_unaccent(@text))";
    }

    public override ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>The rows as plain HTML: a list with a link per opportunity and the fields the app's card shows.</summary>
public static class RawHtml
{
    static readonly HtmlEncoder E = HtmlEncoder.Default;
    static readonly CultureInfo It = CultureInfo.GetCultureInfo("it-IT");

    static string Kind(int k) => k switch { 1 => "Servizio", 2 => "Attività", _ => "Evento" };
    static string Cost(int c, decimal? price, decimal? reduced) => c switch
    {
        1 => "Gratuito",
        2 => $"A pagamento{(price is { } p ? $" ({p.ToString("0.##", It)} €)" : "")}",
        _ => $"Ridotto con la Carta Famiglia{(reduced is { } r ? $" ({r.ToString("0.##", It)} €)" : "")}",
    };
    static string Ages(int? from, int? to) => (from, to) switch
    {
        (null, null) => "tutte le età",
        ({ } f, null) => $"da {f / 12} anni",
        (null, { } t) => $"fino a {t / 12} anni",
        ({ } f, { } t) => $"{f / 12}–{t / 12} anni",
    };

    public static string Search(RawSearchRequest r, RawResult result)
    {
        var sb = new StringBuilder(8192);
        sb.Append("<!doctype html><html lang=\"it\"><meta charset=\"utf-8\"><title>Opportunità</title><h1>Opportunità</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{result.Total} risultati, pagina {result.Page}</p><ul>");
        foreach (var h in result.Items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/opportunita/{h.Id}?rete={E.Encode(r.Network)}\">{E.Encode(h.Title)}</a>");
            sb.Append(CultureInfo.InvariantCulture, $" <span>{Kind(h.Kind)}</span> <span>{E.Encode(h.Area)}</span> <span>{E.Encode(h.Partner)}</span>");
            sb.Append(CultureInfo.InvariantCulture, $" <span>{E.Encode(Cost(h.Cost, h.Price, h.ReducedPrice))}</span> <span>{E.Encode(Ages(h.AgeFromMonths, h.AgeToMonths))}</span>");
            if (h.NextSession is { } next) sb.Append(CultureInfo.InvariantCulture, $" <time datetime=\"{next:s}\">{next.ToString("ddd d MMM HH:mm", It)}</time>");
            if (h.PlacesLeft is { } left) sb.Append(CultureInfo.InvariantCulture, $" <span>{left} posti</span>");
            if (h.Place is not null) sb.Append(CultureInfo.InvariantCulture, $" <span data-lat=\"{h.Latitude}\" data-lon=\"{h.Longitude}\">{E.Encode(h.Place)}</span>");
            sb.Append(CultureInfo.InvariantCulture, $"<p>{E.Encode(h.Summary)}</p></li>");
        }
        sb.Append("</ul></html>");
        return sb.ToString();
    }

    public static string Detail(RawDetail d)
    {
        var sb = new StringBuilder(4096);
        sb.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"it\"><meta charset=\"utf-8\"><title>{E.Encode(d.Title)}</title><h1>{E.Encode(d.Title)}</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{Kind(d.Kind)} · {E.Encode(d.Area)} · {E.Encode(d.Partner)} · {E.Encode(Cost(d.Cost, d.Price, d.ReducedPrice))} · {E.Encode(Ages(d.AgeFromMonths, d.AgeToMonths))}</p>");
        foreach (var paragraph in d.Description.Split("\n\n")) sb.Append(CultureInfo.InvariantCulture, $"<p>{E.Encode(paragraph)}</p>");
        if (d.ScheduleText is not null) sb.Append(CultureInfo.InvariantCulture, $"<p>Orari: {E.Encode(d.ScheduleText)}</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>Comuni: {E.Encode(string.Join(", ", d.Comuni))}</p><ul>");
        foreach (var l in d.Locations) sb.Append(CultureInfo.InvariantCulture, $"<li data-lat=\"{l.Latitude}\" data-lon=\"{l.Longitude}\">{E.Encode(l.Name)}, {E.Encode(l.Address ?? "")}</li>");
        sb.Append("</ul><ol>");
        foreach (var s in d.Sessions)
            sb.Append(CultureInfo.InvariantCulture, $"<li><time datetime=\"{s.StartsAt:s}\">{s.StartsAt.ToString("dddd d MMMM yyyy HH:mm", It)}</time>{(s.Capacity is { } c ? $" {Math.Max(0, c - s.Taken)} posti" : "")}{(s.Open ? "" : " (iscrizioni chiuse)")}</li>");
        sb.Append(CultureInfo.InvariantCulture, $"</ol><p>{E.Encode(d.ContactEmail ?? "")} {E.Encode(d.ContactPhone ?? "")}</p></html>");
        return sb.ToString();
    }
}

/// <summary>The API's rows as JSON, with the fields of CatalogApi.Hit.</summary>
public static class RawJson
{
    public static string Search(RawSearchRequest r, RawResult result, string origin)
    {
        using var stream = new MemoryStream(8192);
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("total", result.Total);
            w.WriteNumber("page", result.Page);
            w.WriteNumber("pageSize", result.PageSize);
            w.WriteStartArray("items");
            foreach (var h in result.Items)
            {
                w.WriteStartObject();
                w.WriteString("id", h.Id);
                w.WriteString("title", h.Title);
                w.WriteString("kind", h.Kind switch { 1 => "Service", 2 => "Activity", _ => "Event" });
                w.WriteString("area", h.Area);
                w.WriteString("partner", h.Partner);
                w.WriteString("cost", h.Cost switch { 1 => "Free", 2 => "Paid", _ => "ReducedWithCard" });
                if (h.Price is { } p) w.WriteNumber("price", p); else w.WriteNull("price");
                if (h.ReducedPrice is { } rp) w.WriteNumber("reducedPrice", rp); else w.WriteNull("reducedPrice");
                if (h.AgeFromMonths is { } af) w.WriteNumber("ageFromMonths", af); else w.WriteNull("ageFromMonths");
                if (h.AgeToMonths is { } at) w.WriteNumber("ageToMonths", at); else w.WriteNull("ageToMonths");
                if (h.NextSession is { } n) w.WriteString("nextSession", n); else w.WriteNull("nextSession");
                if (h.PlacesLeft is { } pl) w.WriteNumber("placesLeft", pl); else w.WriteNull("placesLeft");
                if (h.Place is { } place) w.WriteString("place", place); else w.WriteNull("place");
                if (h.Latitude is { } lat) w.WriteNumber("latitude", lat); else w.WriteNull("latitude");
                if (h.Longitude is { } lon) w.WriteNumber("longitude", lon); else w.WriteNull("longitude");
                w.WriteString("summary", h.Summary);
                w.WriteString("url", $"{origin}/opportunita/{h.Id}?rete={r.Network}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
