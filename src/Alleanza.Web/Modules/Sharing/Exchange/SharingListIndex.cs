using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// One line of the families' list journal: this post changed (published, promised, withdrawn, expired, edited…) and every
/// app instance must read it again into its <see cref="SharingListIndexes"/>. Written in the same transaction as the change
/// (by <see cref="SharingListJournal"/> through the save, or by hand beside an ExecuteUpdate); pruned after a day.
/// </summary>
public class SharingPostChange
{
    public long Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PostId { get; set; }
    public DateTime ChangedAt { get; set; }
}

/// <summary>Writes a journal line for every post a save adds, changes or removes (through <see cref="RollupInterceptor"/>, so it commits with the save).</summary>
public sealed class SharingListJournal : IMonthlyRollup
{
    public static readonly SharingListJournal Instance = new();

    /// <summary>Goes up on every journal write in this process: the indexes here then read the journal before the next list.</summary>
    public static long LocalWrites => Interlocked.Read(ref localWrites);
    static long localWrites;

    const string Line = "INSERT INTO \"SharingPostChanges\" (\"NetworkId\", \"PostId\", \"ChangedAt\") VALUES ({0}, {1}, {2})";

    public ValueTask<IReadOnlyList<RollupWrite>> WritesAsync(DbContext context, CancellationToken cancel)
    {
        List<RollupWrite>? writes = null;
        foreach (var e in context.ChangeTracker.Entries<SharingPost>())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            (writes ??= []).Add(new RollupWrite(Line, [e.Entity.NetworkId, e.Entity.Id, DateTime.UtcNow]));
        }
        if (writes is null) return ValueTask.FromResult<IReadOnlyList<RollupWrite>>([]);
        Interlocked.Increment(ref localWrites);
        return ValueTask.FromResult<IReadOnlyList<RollupWrite>>(writes);
    }

    /// <summary>The line for a change made without SaveChanges (an ExecuteUpdate): call it in the same transaction.</summary>
    public static async Task WriteAsync(AppDbContext db, Guid networkId, Guid postId, CancellationToken cancel = default)
    {
        await db.Database.ExecuteSqlRawAsync(Line, [networkId, postId, DateTime.UtcNow], cancel);
        Interlocked.Increment(ref localWrites);
    }
}

/// <summary>An available post (published or promised) as the families' list filters and orders it; what a row shows is read from the database.</summary>
public sealed record IndexedPost(Guid Id, PostKind Kind, PostCategory Category, PostStatus Status, Guid ComuneId, int? AgeFromMonths, int? AgeToMonths,
    DateTime? PublishedAt, string SearchText);

/// <summary>
/// A network's available posts in the list's order (status, then the newest first; the id breaks ties), immutable: a change
/// makes a new one, so a search reads one consistent list without locks.
/// </summary>
public sealed class SharingListSnapshot
{
    public static readonly SharingListSnapshot Empty = new([]);

    /// <summary>In the list's order.</summary>
    public IndexedPost[] Posts { get; }

    readonly Lazy<Dictionary<Guid, IndexedPost[]>> byComune;
    readonly Lazy<Dictionary<PostCategory, IndexedPost[]>> byCategory;

    SharingListSnapshot(IndexedPost[] posts)
    {
        Posts = posts;
        // Made on the first search that needs them, once per list: a search by Comune or category then reads that part
        // only, not every available post of a region (the whole list's scan was most of the page's cost, bench sharing-list).
        byComune = new(() => posts.GroupBy(p => p.ComuneId).ToDictionary(g => g.Key, g => g.ToArray()));
        byCategory = new(() => posts.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.ToArray()));
    }

    /// <summary>The posts of one Comune, in the list's order.</summary>
    public IndexedPost[] InComune(Guid comuneId) => byComune.Value.GetValueOrDefault(comuneId) ?? [];

    /// <summary>The posts of one category, in the list's order.</summary>
    public IndexedPost[] InCategory(PostCategory category) => byCategory.Value.GetValueOrDefault(category) ?? [];

    public static readonly IComparer<IndexedPost> Order = Comparer<IndexedPost>.Create((a, b) =>
    {
        var c = a.Status.CompareTo(b.Status);
        if (c != 0) return c;
        // Newest first; a post without a date after the dated ones.
        c = (b.PublishedAt ?? DateTime.MinValue).CompareTo(a.PublishedAt ?? DateTime.MinValue);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    public static SharingListSnapshot Of(IEnumerable<IndexedPost> posts)
    {
        var array = posts.ToArray();
        Array.Sort(array, Order);
        return new(array);
    }

    /// <summary>This list without <paramref name="gone"/> and with <paramref name="read"/> (read again: replaces the old copy), merged in order.</summary>
    public SharingListSnapshot With(IReadOnlyCollection<IndexedPost> read, IReadOnlySet<Guid> gone)
    {
        var added = read.ToArray();
        Array.Sort(added, Order);
        var result = new List<IndexedPost>(Posts.Length + added.Length);
        var i = 0;
        foreach (var post in Posts)
        {
            if (gone.Contains(post.Id)) continue;
            while (i < added.Length && Order.Compare(added[i], post) < 0) result.Add(added[i++]);
            result.Add(post);
        }
        while (i < added.Length) result.Add(added[i++]);
        return new([.. result]);
    }
}

public sealed class SharingListOptions
{
    /// <summary>How often an instance reads the journal for changes made by other instances (its own are read at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Journal lines older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The families' list of each network in memory (<see cref="SharingListSnapshot"/>), loaded on first use and kept in step
/// through the journal (<see cref="SharingPostChange"/>) as the catalogue's search index is (<see cref="Catalog.Search.SearchIndexes"/>):
/// every instance reads the new lines every second, and before the next list after a change made in this process, so a
/// family sees its own post at once. On PostgreSQL lines can commit out of id order: an id skipped is looked for again for
/// five minutes. Filtering a region's 130,000 available posts in memory takes well under a millisecond, where the same
/// filters in SQL (kind, category, words, ages: none of them in an index) read tens of thousands of rows per request.
/// </summary>
public sealed class SharingListIndexes(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SharingListOptions> options, ILogger<SharingListIndexes> log)
{
    readonly Dictionary<Guid, SharingListSnapshot> networks = [];
    readonly SemaphoreSlim refresh = new(1, 1);
    long lastId = -1;
    readonly Dictionary<long, DateTime> gaps = [];
    long seenLocalWrites = -1;
    long eagerUntil, lastPoll, pollsStarted;
    DateTime lastPrune = DateTime.MinValue;

    static readonly TimeSpan GapPatience = TimeSpan.FromMinutes(5);
    static readonly TimeSpan EagerWindow = TimeSpan.FromSeconds(2);

    /// <summary>The network's available posts, loaded if needed and with this process's own changes applied.</summary>
    public async Task<SharingListSnapshot> ForAsync(Guid networkId, CancellationToken cancel = default)
    {
        SharingListSnapshot? snapshot;
        lock (networks) networks.TryGetValue(networkId, out snapshot);
        if (snapshot is not null && !MustPoll()) return snapshot;

        var pollsBefore = Interlocked.Read(ref pollsStarted);
        await refresh.WaitAsync(cancel);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A read of the journal that started while this list waited has seen what was committed before it came: lists arriving together share one read.
            if (snapshot is null || Interlocked.Read(ref pollsStarted) == pollsBefore) await PollLockedAsync(db, cancel);
            lock (networks) networks.TryGetValue(networkId, out snapshot);
            if (snapshot is null)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                snapshot = SharingListSnapshot.Of(await ReadAsync(db, p => p.NetworkId == networkId, cancel));
                lock (networks) networks[networkId] = snapshot;
                log.LogInformation("Families' list of network {Network}: {Count} posts loaded in {Elapsed} ms", networkId, snapshot.Posts.Length, started.ElapsedMilliseconds);
            }
            return snapshot;
        }
        finally { refresh.Release(); }
    }

    bool MustPoll()
    {
        var writes = SharingListJournal.LocalWrites;
        var now = Environment.TickCount64;
        if (writes != Interlocked.Read(ref seenLocalWrites))
        {
            Interlocked.Exchange(ref seenLocalWrites, writes);
            Interlocked.Exchange(ref eagerUntil, now + (long)EagerWindow.TotalMilliseconds);
        }
        return now < Interlocked.Read(ref eagerUntil) || now - Interlocked.Read(ref lastPoll) > 10 * options.Value.PollInterval.TotalMilliseconds;
    }

    /// <summary>Reads the journal now (the background service calls it every <see cref="SharingListOptions.PollInterval"/>) and prunes it every hour.</summary>
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
                await db.SharingPostChanges.Where(c => c.ChangedAt < before).ExecuteDeleteAsync(cancel);
                lastPrune = DateTime.UtcNow;
            }
        }
        finally { refresh.Release(); }
    }

    /// <summary>Loads every network that has available posts (at start-up, so the first list does not wait).</summary>
    public async Task LoadAllAsync(CancellationToken cancel)
    {
        List<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ids = await db.SharingPosts.Where(p => p.Status == PostStatus.Published).Select(p => p.NetworkId).Distinct().ToListAsync(cancel);
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
            lastId = await db.SharingPostChanges.MaxAsync(c => (long?)c.Id, cancel) ?? 0;
            return;
        }
        var wanted = gaps.Keys.ToList();
        var last = lastId;
        var lines = await db.SharingPostChanges.AsNoTracking().Where(c => c.Id > last || wanted.Contains(c.Id)).OrderBy(c => c.Id).Take(10_000).ToListAsync(cancel);
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

        Dictionary<Guid, SharingListSnapshot> loaded;
        lock (networks) loaded = new(networks);
        foreach (var network in lines.GroupBy(l => l.NetworkId))
        {
            if (!loaded.TryGetValue(network.Key, out var snapshot)) continue;
            var ids = network.Select(l => l.PostId).ToHashSet();
            foreach (var chunk in ids.Chunk(500))
            {
                // Whatever is no longer available leaves; the rest is read again.
                var read = await ReadAsync(db, p => p.NetworkId == network.Key && chunk.Contains(p.Id), cancel);
                snapshot = snapshot.With(read, chunk.ToHashSet());
            }
            lock (networks) networks[network.Key] = snapshot;
        }
        if (lines.Count == 10_000) await PollLockedAsync(db, cancel);
    }

    static Task<List<IndexedPost>> ReadAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<SharingPost, bool>> which, CancellationToken cancel) =>
        db.SharingPosts.AsNoTracking().Where(which).Where(p => p.Status >= PostStatus.Published && p.Status <= PostStatus.Promised)
            .Select(p => new IndexedPost(p.Id, p.Kind, p.Category, p.Status, p.ComuneId, p.AgeFromMonths, p.AgeToMonths, p.PublishedAt, p.SearchText))
            .ToListAsync(cancel);
}

/// <summary>Loads the families' lists at start-up, then reads the journal every second.</summary>
public sealed class SharingListRefresher(SharingListIndexes indexes, Microsoft.Extensions.Options.IOptions<SharingListOptions> options, ILogger<SharingListRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            try { await indexes.LoadAllAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not fatal: each network is then loaded by its first list.
                log.LogWarning(e, "Loading the families' lists at start-up failed");
            }
            using var timer = new PeriodicTimer(options.Value.PollInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await indexes.PollAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Reading the families' list journal failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
