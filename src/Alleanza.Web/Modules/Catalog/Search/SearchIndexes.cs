using System.Linq.Expressions;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Search;

public sealed class SearchIndexOptions
{
    /// <summary>How often an instance reads the journal for changes made by other instances (its own are read at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Journal lines older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The in-memory catalogue of each network (<see cref="CatalogIndex"/>), loaded from the database on first use and
/// kept in step through the journal (<see cref="SearchIndexJournal"/>): every instance reads the new lines every
/// second, and at once after a change made in this process, so a family sees its own registration in the next search.
/// On PostgreSQL, lines can commit out of id order: an id skipped is looked for again for five minutes.
/// </summary>
public sealed class SearchIndexes(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SearchIndexOptions> options, Platform.AnonymousPageChanges pageChanges, ILogger<SearchIndexes> log)
{
    readonly Dictionary<Guid, CatalogIndex> networks = [];
    // One reader of the journal or loader of a network at a time: a load and the lines after it stay in order.
    readonly SemaphoreSlim refresh = new(1, 1);
    long lastId = -1;
    readonly Dictionary<long, DateTime> gaps = [];
    long seenLocalWrites = -1;
    long eagerUntil, lastPoll, pollsStarted;
    DateTime lastPrune = DateTime.MinValue;

    static readonly TimeSpan GapPatience = TimeSpan.FromMinutes(5);
    static readonly TimeSpan EagerWindow = TimeSpan.FromSeconds(2);

    /// <summary>The network's catalogue, loaded if needed and with this process's own changes applied.</summary>
    public async Task<CatalogIndex> ForAsync(Guid networkId, CancellationToken cancel)
    {
        CatalogIndex? index;
        lock (networks) networks.TryGetValue(networkId, out index);
        if (index is not null && !MustPoll()) return index;

        var pollsBefore = Interlocked.Read(ref pollsStarted);
        await refresh.WaitAsync(cancel);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A read of the journal that started while this search waited has seen what was committed before it came:
            // searches arriving together share one read.
            if (index is null || Interlocked.Read(ref pollsStarted) == pollsBefore) await PollLockedAsync(db, cancel);
            lock (networks) networks.TryGetValue(networkId, out index);
            if (index is null)
            {
                index = new CatalogIndex();
                await LoadLockedAsync(db, networkId, index, cancel);
                lock (networks) networks[networkId] = index;
            }
            return index;
        }
        finally { refresh.Release(); }
    }

    /// <summary>After a change in this process, read the journal before searching (for a short while, since the change may still be committing).</summary>
    bool MustPoll()
    {
        var writes = SearchIndexJournal.LocalWrites;
        var now = Environment.TickCount64;
        if (writes != Interlocked.Read(ref seenLocalWrites))
        {
            Interlocked.Exchange(ref seenLocalWrites, writes);
            Interlocked.Exchange(ref eagerUntil, now + (long)EagerWindow.TotalMilliseconds);
        }
        return now < Interlocked.Read(ref eagerUntil) || now - Interlocked.Read(ref lastPoll) > 10 * options.Value.PollInterval.TotalMilliseconds;
    }

    /// <summary>Reads the journal now (the background service calls it every <see cref="SearchIndexOptions.PollInterval"/>).</summary>
    public async Task PollAsync(CancellationToken cancel)
    {
        await refresh.WaitAsync(cancel);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await PollLockedAsync(db, cancel);
            if (DateTime.UtcNow - lastPrune > TimeSpan.FromHours(1))
            {
                var before = DateTime.UtcNow - options.Value.Retention;
                await db.SearchIndexChanges.Where(c => c.ChangedAt < before).ExecuteDeleteAsync(cancel);
                lastPrune = DateTime.UtcNow;
            }
        }
        finally { refresh.Release(); }
    }

    readonly TaskCompletionSource startupLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when the start-up load has ended (loaded, or failed and left to the first searches): the readiness check waits for it.</summary>
    public Task StartupLoad => startupLoad.Task;

    /// <summary>Loads every network that has published opportunities (at start-up, so the first search does not wait).</summary>
    public async Task LoadAllAsync(CancellationToken cancel)
    {
        try { await LoadEveryNetworkAsync(cancel); }
        finally { startupLoad.TrySetResult(); }
    }

    async Task LoadEveryNetworkAsync(CancellationToken cancel)
    {
        List<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ids = await db.Opportunities.Where(o => o.Status == OpportunityStatus.Published).Select(o => o.NetworkId).Distinct().ToListAsync(cancel);
        }
        foreach (var id in ids) await ForAsync(id, cancel);
    }

    async Task PollLockedAsync(AppDbContext db, CancellationToken cancel)
    {
        Interlocked.Increment(ref pollsStarted);
        Interlocked.Exchange(ref lastPoll, Environment.TickCount64);
        if (lastId < 0)
        {
            // First read: the journal before now is already in whatever is loaded from here on.
            lastId = await db.SearchIndexChanges.MaxAsync(c => (long?)c.Id, cancel) ?? 0;
            return;
        }
        var wanted = gaps.Keys.ToList();
        var last = lastId;
        var lines = await db.SearchIndexChanges.AsNoTracking().Where(c => c.Id > last || wanted.Contains(c.Id)).OrderBy(c => c.Id).Take(10_000).ToListAsync(cancel);
        var now = DateTime.UtcNow;
        foreach (var line in lines)
        {
            gaps.Remove(line.Id);
            if (line.Id <= lastId) continue;
            for (var skipped = lastId + 1; skipped < line.Id; skipped++)
                if (line.Id - skipped < 1000) gaps[skipped] = now;
            lastId = line.Id;
        }
        foreach (var (id, since) in gaps.ToList())
            if (now - since > GapPatience) gaps.Remove(id);
        if (lines.Count == 0) return;
        // Another instance changed the catalogue: the pages kept for visitors here go too.
        pageChanges.Changed();

        Dictionary<Guid, CatalogIndex> loaded;
        lock (networks) loaded = new(networks);
        var reloaded = new HashSet<Guid>();
        foreach (var network in lines.Where(l => l.Scope == SearchIndexScope.Network).Select(l => l.NetworkId!.Value).Distinct())
            if (loaded.TryGetValue(network, out var index))
            {
                index.Clear();
                await LoadLockedAsync(db, network, index, cancel);
                reloaded.Add(network);
            }
        foreach (var network in lines.Where(l => l.Scope == SearchIndexScope.Names).Select(l => l.NetworkId!.Value).Distinct())
            if (!reloaded.Contains(network) && loaded.TryGetValue(network, out var index))
            {
                index.Names = await NamesAsync(db, network, cancel);
                index.Synonyms = await SynonymsAsync(db, network, cancel);
            }
        var changed = lines.Where(l => l.Scope == SearchIndexScope.Opportunity).Select(l => l.OpportunityId!.Value).Distinct().ToList();
        foreach (var chunk in changed.Chunk(500))
        {
            var read = await ReadAsync(db, o => chunk.Contains(o.Id), cancel);
            var byNetwork = read.ToLookup(x => x.NetworkId);
            foreach (var (networkId, index) in loaded)
                // Whatever is no longer published (or is in another network now) leaves; the rest is read again.
                index.Apply(byNetwork[networkId].Select(x => (x.Opportunity, x.Text)), chunk.Where(id => !byNetwork[networkId].Any(x => x.Opportunity.Id == id)));
        }
        if (lines.Count == 10_000) await PollLockedAsync(db, cancel);
    }

    async Task LoadLockedAsync(AppDbContext db, Guid networkId, CatalogIndex index, CancellationToken cancel)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var read = await ReadAsync(db, o => o.NetworkId == networkId, cancel);
        index.Names = await NamesAsync(db, networkId, cancel);
        index.Synonyms = await SynonymsAsync(db, networkId, cancel);
        index.Apply(read.Select(x => (x.Opportunity, x.Text)), []);
        log.LogInformation("Search index of network {Network}: {Count} opportunities loaded in {Elapsed} ms", networkId, read.Count, started.ElapsedMilliseconds);
    }

    static async Task<NetworkNames> NamesAsync(AppDbContext db, Guid networkId, CancellationToken cancel) => new(
        await db.ComuniOfAsync(networkId, cancel),
        await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ToListAsync(cancel),
        await db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId).ToDictionaryAsync(p => p.Id, p => p.Name, cancel));

    /// <summary>The network's synonyms as the index applies them (<see cref="CatalogIndex.Synonyms"/>).</summary>
    static async Task<IReadOnlyDictionary<string, string[][]>> SynonymsAsync(AppDbContext db, Guid networkId, CancellationToken cancel) =>
        (await db.SearchSynonyms.AsNoTracking().Where(x => x.NetworkId == networkId).Select(x => new { x.Word, x.Means }).ToListAsync(cancel))
            .ToDictionary(x => x.Word, x => SearchTerms.Alternatives(x.Means), StringComparer.Ordinal);

    sealed record Read(Guid NetworkId, IndexedOpportunity Opportunity, IndexedText Text);

    /// <summary>The published opportunities that <paramref name="which"/> selects, with their dates, places and Comuni.</summary>
    static async Task<List<Read>> ReadAsync(AppDbContext db, Expression<Func<Opportunity, bool>> which, CancellationToken cancel)
    {
        var published = db.Opportunities.AsNoTracking().Where(o => o.Status == OpportunityStatus.Published).Where(which);
        var sessions = (await (from s in db.OpportunitySessions.AsNoTracking()
                               join o in published on s.OpportunityId equals o.Id
                               select new { s.OpportunityId, Session = new IndexedSession(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.Taken, s.RegistrationOpen) })
                .ToListAsync(cancel)).ToLookup(x => x.OpportunityId, x => x.Session);
        var places = (await (from l in db.OpportunityLocations.AsNoTracking()
                             join o in published on l.OpportunityId equals o.Id
                             select new { l.OpportunityId, Place = new IndexedPlace(l.Name, l.Address, l.Latitude, l.Longitude) })
                .ToListAsync(cancel)).ToLookup(x => x.OpportunityId, x => x.Place);
        var comuni = (await (from c in db.OpportunityComuni.AsNoTracking()
                             join o in published on c.OpportunityId equals o.Id
                             select new { c.OpportunityId, c.ComuneId })
                .ToListAsync(cancel)).ToLookup(x => x.OpportunityId, x => x.ComuneId);
        var result = new List<Read>();
        await foreach (var o in published.Select(o => new
        {
            o.Id, o.NetworkId, o.PartnerId, o.AreaId, o.Kind, o.Title, o.Description, o.Categories, o.AgeFromMonths, o.AgeToMonths,
            o.Cost, o.Price, o.ReducedPrice, o.PublishedAt,
        }).AsAsyncEnumerable().WithCancellation(cancel))
        {
            // The same words the database's full-text index holds (FullTextSearch.IndexAsync).
            var text = new IndexedText(Text.SearchKey(o.Title), Text.SearchKey(o.Description + " " + o.Categories));
            result.Add(new Read(o.NetworkId, new IndexedOpportunity
            {
                Id = o.Id, PartnerId = o.PartnerId, AreaId = o.AreaId, Kind = o.Kind, Title = o.Title,
                Summary = OpportunitySearch.Summarize(o.Description), CategoriesLower = o.Categories?.ToLowerInvariant(),
                AgeFromMonths = o.AgeFromMonths, AgeToMonths = o.AgeToMonths, Cost = o.Cost, Price = o.Price, ReducedPrice = o.ReducedPrice,
                PublishedAt = o.PublishedAt, Comuni = comuni[o.Id].Distinct().ToArray(),
                Sessions = sessions[o.Id].OrderBy(s => s.StartsAt).ToArray(),
                Places = places[o.Id].OrderBy(p => p.Name, StringComparer.Ordinal).ToArray(),
                TextHash = text.Hash,
            }, text));
        }
        return result;
    }
}

/// <summary>Ready once the catalogues loaded at start-up are in memory, so a load balancer sends searches only to instances that can answer them.</summary>
public sealed class SearchIndexHealthCheck(SearchIndexes indexes) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await indexes.StartupLoad.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (TimeoutException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("L'indice di ricerca del catalogo è in caricamento.");
        }
    }
}

/// <summary>Loads the catalogues at start-up, then reads the journal every second and prunes it every hour.</summary>
public sealed class SearchIndexRefresher(SearchIndexes indexes, Microsoft.Extensions.Options.IOptions<SearchIndexOptions> options, ILogger<SearchIndexRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            try { await indexes.LoadAllAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not fatal: each network is then loaded by its first search.
                log.LogWarning(e, "Loading the search indexes at start-up failed");
            }
            using var timer = new PeriodicTimer(options.Value.PollInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await indexes.PollAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database that is briefly unreachable: searches go on with what is loaded; the next tick tries again.
                    log.LogWarning(e, "Reading the search index journal failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
