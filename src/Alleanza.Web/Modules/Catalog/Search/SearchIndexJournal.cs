using Microsoft.EntityFrameworkCore.Infrastructure;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Search;

/// <summary>What a journal line asks every instance to read again.</summary>
public enum SearchIndexScope
{
    /// <summary>One opportunity (<see cref="SearchIndexChange.OpportunityId"/>).</summary>
    Opportunity = 0,
    /// <summary>The whole network: a change the database made by cascade.</summary>
    Network = 1,
    /// <summary>The names of the network's Comuni, areas and partners.</summary>
    Names = 2,
}

/// <summary>
/// One line of the search index's journal: this opportunity, the network's names or the whole network changed and
/// every app instance must read it again. Written in the same transaction as the change; pruned after a day.
/// </summary>
public class SearchIndexChange
{
    public long Id { get; set; }
    public SearchIndexScope Scope { get; set; }
    public Guid? OpportunityId { get; set; }
    public Guid? NetworkId { get; set; }
    public DateTime ChangedAt { get; set; }
}

/// <summary>
/// Writes the journal lines a save calls for (through <see cref="RollupInterceptor"/>, so they commit with the save):
/// an opportunity, its dates, places or Comuni changed; a registration changed the places of a date (its counter is
/// moved by a conditional UPDATE in the same transaction); a Comune, an area or a partner was added or renamed, or a synonym
/// changed (the names and words the search uses); a Comune was removed (its links went by cascade: the whole network is read again).
/// </summary>
public sealed class SearchIndexJournal : IMonthlyRollup
{
    public static readonly SearchIndexJournal Instance = new();

    /// <summary>Goes up on every journal write in this process: the indexes here then read the journal before the next search.</summary>
    public static long LocalWrites => Interlocked.Read(ref localWrites);
    static long localWrites;

    const string OpportunityLine = "INSERT INTO \"SearchIndexChanges\" (\"Scope\", \"OpportunityId\", \"ChangedAt\") VALUES ({0}, {1}, {2})";
    const string NetworkLine = "INSERT INTO \"SearchIndexChanges\" (\"Scope\", \"NetworkId\", \"ChangedAt\") VALUES ({0}, {1}, {2})";

    public async ValueTask<IReadOnlyList<RollupWrite>> WritesAsync(DbContext context, CancellationToken cancel)
    {
        var opportunities = new HashSet<Guid>();
        var networks = new HashSet<Guid>();
        var names = new HashSet<Guid>();
        var sessionsOfRegistrations = new HashSet<Guid>();
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (e.Entity)
            {
                case Opportunity o: opportunities.Add(o.Id); break;
                case OpportunitySession s: opportunities.Add(s.OpportunityId); break;
                case OpportunityLocation l: opportunities.Add(l.OpportunityId); break;
                case OpportunityComune c: opportunities.Add(c.OpportunityId); break;
                case Registration r: sessionsOfRegistrations.Add(r.SessionId); break;
                case Comune c when e.State == EntityState.Deleted: networks.Add(c.NetworkId); break;
                case Comune c: names.Add(c.NetworkId); break;
                case NetworkArea a: names.Add(a.NetworkId); break;
                case Partner p: names.Add(p.NetworkId); break;
                case SearchSynonym y: names.Add(y.NetworkId); break;
            }
        }
        if (sessionsOfRegistrations.Count > 0)
        {
            var db = (AppDbContext)context;
            var known = db.OpportunitySessions.Local.Where(s => sessionsOfRegistrations.Contains(s.Id)).ToList();
            foreach (var s in known) { opportunities.Add(s.OpportunityId); sessionsOfRegistrations.Remove(s.Id); }
            if (sessionsOfRegistrations.Count > 0)
                opportunities.UnionWith(await db.OpportunitySessions.AsNoTracking().Where(s => sessionsOfRegistrations.Contains(s.Id)).Select(s => s.OpportunityId).ToListAsync(cancel));
        }
        if (opportunities.Count == 0 && networks.Count == 0 && names.Count == 0) return [];
        Interlocked.Increment(ref localWrites);
        // The pages kept for visitors go with the change (see AnonymousPages).
        context.GetService<Platform.AnonymousPageChanges>().Changed();
        var now = DateTime.UtcNow;
        return [.. opportunities.Select(id => new RollupWrite(OpportunityLine, [(int)SearchIndexScope.Opportunity, id, now])),
                .. networks.Select(id => new RollupWrite(NetworkLine, [(int)SearchIndexScope.Network, id, now])),
                .. names.Except(networks).Select(id => new RollupWrite(NetworkLine, [(int)SearchIndexScope.Names, id, now]))];
    }
}
