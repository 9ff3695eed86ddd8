using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>
/// Keeps <see cref="RegistrationMonth"/> in step with the registrations (through <see cref="RollupInterceptor"/>).
/// A registration added, removed or changed (status) gives +1/−1 in the network's row and in the rows of the Comuni its
/// opportunity serves; when an opportunity's Comuni change, its registrations move from the old Comuni's rows to the new
/// ones, so the counts always equal what a direct count over the current Comuni gives (the dashboard's meaning).
/// Removing a Comune deletes its links in the database, outside SaveChanges: <see cref="RebuildAsync"/> follows it.
/// </summary>
public sealed class RegistrationMonthRollup : IMonthlyRollup
{
    public static readonly RegistrationMonthRollup Instance = new();

    const string Upsert =
        "INSERT INTO \"RegistrationMonths\" (\"NetworkId\", \"ComuneId\", \"Month\", \"Status\", \"Count\") VALUES ({0}, {1}, {2}, {3}, {4}) " +
        "ON CONFLICT (\"NetworkId\", \"ComuneId\", \"Month\", \"Status\") DO UPDATE SET \"Count\" = \"RegistrationMonths\".\"Count\" + excluded.\"Count\"";

    /// <summary>The Comune rows a registration to an opportunity with these Comuni counts in (the network's row aside).</summary>
    static IEnumerable<Guid> ComuneRows(IReadOnlyCollection<Guid> comuni) => comuni.Count == 0 ? [RegistrationMonth.EveryComune] : comuni;

    sealed class Deltas : Dictionary<(Guid Network, Guid Comune, int Month, RegistrationStatus Status), long>
    {
        public void Add(Guid network, IEnumerable<Guid> rows, DateTime createdAt, RegistrationStatus status, long n)
        {
            var month = MonthPeriod.MonthOf(createdAt);
            foreach (var row in rows)
                this[(network, row, month, status)] = this.GetValueOrDefault((network, row, month, status)) + n;
        }
    }

    public async ValueTask<IReadOnlyList<RollupWrite>> WritesAsync(DbContext context, CancellationToken cancel)
    {
        var registrations = context.ChangeTracker.Entries<Registration>().Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified).ToList();
        var links = context.ChangeTracker.Entries<OpportunityComune>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList();
        if (registrations.Count == 0 && links.Count == 0) return [];
        var db = (AppDbContext)context;

        // Each registration's opportunity, through its session (one that is being added too is found in memory).
        var sessionIds = registrations.Select(e => e.Entity.SessionId).Distinct().ToList();
        var opportunityOf = db.OpportunitySessions.Local.Where(s => sessionIds.Contains(s.Id)).ToDictionary(s => s.Id, s => s.OpportunityId);
        var unknown = sessionIds.Where(id => !opportunityOf.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            foreach (var s in await db.OpportunitySessions.AsNoTracking().Where(s => unknown.Contains(s.Id)).Select(s => new { s.Id, s.OpportunityId }).ToListAsync(cancel))
                opportunityOf[s.Id] = s.OpportunityId;

        // The Comuni of those opportunities before this save (in the database) and after it (with the links it adds and removes).
        var relinked = links.Select(l => l.Entity.OpportunityId).ToHashSet();
        var opportunities = opportunityOf.Values.Concat(relinked).Distinct().ToList();
        var before = (await db.OpportunityComuni.AsNoTracking().Where(c => opportunities.Contains(c.OpportunityId)).Select(c => new { c.OpportunityId, c.ComuneId }).ToListAsync(cancel))
            .ToLookup(c => c.OpportunityId, c => c.ComuneId);
        var after = opportunities.ToDictionary(o => o, o => before[o].ToHashSet());
        // Removals first: a link removed and added again in the same save is both a deleted and an added entry.
        foreach (var link in links.Where(l => l.State == EntityState.Deleted)) after[link.Entity.OpportunityId].Remove(link.Entity.ComuneId);
        foreach (var link in links.Where(l => l.State == EntityState.Added)) after[link.Entity.OpportunityId].Add(link.Entity.ComuneId);

        var deltas = new Deltas();
        // Registrations already saved move with their opportunity's Comuni (as they are in the database: the changes
        // below then count against the Comuni after the save, where these rows have just moved).
        var moved = relinked.Where(o => !ComuneRows(before[o].ToList()).ToHashSet().SetEquals(ComuneRows(after[o]))).ToList();
        if (moved.Count > 0)
        {
            var saved = await (from r in db.Registrations.AsNoTracking()
                               join s in db.OpportunitySessions on r.SessionId equals s.Id
                               where moved.Contains(s.OpportunityId)
                               select new { s.OpportunityId, r.NetworkId, r.CreatedAt, r.Status }).ToListAsync(cancel);
            foreach (var r in saved)
            {
                deltas.Add(r.NetworkId, ComuneRows(before[r.OpportunityId].ToList()), r.CreatedAt, r.Status, -1);
                deltas.Add(r.NetworkId, ComuneRows(after[r.OpportunityId]), r.CreatedAt, r.Status, +1);
            }
        }

        foreach (var entry in registrations)
        {
            if (!opportunityOf.TryGetValue(entry.Entity.SessionId, out var opportunity)) continue; // no such session: the save will fail on its key
            IEnumerable<Guid> rows = [RegistrationMonth.WholeNetwork, .. ComuneRows(after[opportunity])];
            if (entry.State is EntityState.Deleted or EntityState.Modified)
                deltas.Add(entry.OriginalValues.GetValue<Guid>(nameof(Registration.NetworkId)), rows, entry.OriginalValues.GetValue<DateTime>(nameof(Registration.CreatedAt)),
                    entry.OriginalValues.GetValue<RegistrationStatus>(nameof(Registration.Status)), -1);
            if (entry.State is EntityState.Added or EntityState.Modified)
                deltas.Add(entry.Entity.NetworkId, rows, entry.Entity.CreatedAt, entry.Entity.Status, +1);
        }
        return deltas.Where(d => d.Value != 0)
            .Select(d => new RollupWrite(Upsert, [d.Key.Network, d.Key.Comune, d.Key.Month, (int)d.Key.Status, d.Value])).ToList();
    }

    /// <summary>
    /// Counts the registrations again, of one network or of all (after the migration that adds the table, after a Comune
    /// is removed, or to repair the counts): replaces the rows with the exact figures, months in Italy's time zone.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, Guid? networkId = null, CancellationToken cancel = default)
    {
        var opportunities = db.Opportunities.AsNoTracking().Where(o => networkId == null || o.NetworkId == networkId).Select(o => o.Id);
        var comuni = (await db.OpportunityComuni.AsNoTracking().Where(c => opportunities.Contains(c.OpportunityId)).Select(c => new { c.OpportunityId, c.ComuneId }).ToListAsync(cancel))
            .GroupBy(c => c.OpportunityId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(c => c.ComuneId).ToList());
        var counts = new Deltas();
        var registrations = from r in db.Registrations.AsNoTracking()
                            join s in db.OpportunitySessions on r.SessionId equals s.Id
                            where networkId == null || r.NetworkId == networkId
                            select new { r.NetworkId, s.OpportunityId, r.CreatedAt, r.Status };
        await foreach (var r in registrations.AsAsyncEnumerable().WithCancellation(cancel))
            counts.Add(r.NetworkId, [RegistrationMonth.WholeNetwork, .. ComuneRows(comuni.GetValueOrDefault(r.OpportunityId) ?? [])], r.CreatedAt, r.Status, +1);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.RegistrationMonths.Where(m => networkId == null || m.NetworkId == networkId).ExecuteDeleteAsync(cancel);
        foreach (var chunk in counts.Chunk(1000))
        {
            db.RegistrationMonths.AddRange(chunk.Select(kv => new RegistrationMonth
            {
                NetworkId = kv.Key.Network, ComuneId = kv.Key.Comune, Month = kv.Key.Month, Status = kv.Key.Status, Count = kv.Value,
            }));
            await db.SaveChangesAsync(cancel);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancel);
    }
}
