using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Keeps <see cref="CardMonth"/> in step with the cards (through <see cref="RollupInterceptor"/>): the cards added,
/// changed (status, validity, Comune) or removed give +1/−1 per Comune and month, written in the same transaction.
/// Code that changes cards without SaveChanges (ExecuteUpdate) must not touch those columns.
/// </summary>
public sealed class CardMonthRollup : IMonthlyRollup
{
    public static readonly CardMonthRollup Instance = new();

    /// <summary>The changes a save would make to the monthly counts (zero changes left out).</summary>
    public static Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)> Deltas(ChangeTracker tracker)
    {
        var deltas = new Dictionary<(Guid, Guid, int), (long Issued, long Active)>();
        void Add(Guid network, Guid comune, DateTime at, long issued, long active)
        {
            var key = (network, comune, MonthPeriod.MonthOf(at));
            var (i, a) = deltas.GetValueOrDefault(key);
            deltas[key] = (i + issued, a + active);
        }
        void Count(PropertyValues v, int sign)
        {
            var network = v.GetValue<Guid>(nameof(Card.NetworkId));
            var comune = v.GetValue<Guid>(nameof(Card.ComuneId));
            Add(network, comune, v.GetValue<DateTime>(nameof(Card.IssuedAt)), sign, 0);
            if (v.GetValue<CardStatus>(nameof(Card.Status)) == CardStatus.Active) Add(network, comune, v.GetValue<DateTime>(nameof(Card.ValidUntil)), 0, sign);
        }
        foreach (var entry in tracker.Entries<Card>())
        {
            if (entry.State is EntityState.Added) Count(entry.CurrentValues, +1);
            else if (entry.State is EntityState.Deleted) Count(entry.OriginalValues, -1);
            else if (entry.State is EntityState.Modified)
            {
                Count(entry.OriginalValues, -1);
                Count(entry.CurrentValues, +1);
            }
        }
        return deltas.Where(d => d.Value != (0, 0)).ToDictionary();
    }

    const string Upsert =
        "INSERT INTO \"CardMonths\" (\"ComuneId\", \"Month\", \"NetworkId\", \"Issued\", \"ActiveExpiring\") VALUES ({0}, {1}, {2}, {3}, {4}) " +
        "ON CONFLICT (\"ComuneId\", \"Month\") DO UPDATE SET \"Issued\" = \"CardMonths\".\"Issued\" + excluded.\"Issued\", " +
        "\"ActiveExpiring\" = \"CardMonths\".\"ActiveExpiring\" + excluded.\"ActiveExpiring\"";

    public ValueTask<IReadOnlyList<RollupWrite>> WritesAsync(DbContext context, CancellationToken cancel) =>
        ValueTask.FromResult<IReadOnlyList<RollupWrite>>(Deltas(context.ChangeTracker)
            .Select(d => new RollupWrite(Upsert, [d.Key.Comune, d.Key.Month, d.Key.Network, d.Value.Issued, d.Value.Active])).ToList());

    /// <summary>
    /// Counts every card again (after the migration that adds the table, or to repair the counts): replaces the rows
    /// with the exact figures, months computed in Italy's time zone.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, CancellationToken cancel = default)
    {
        var counts = new Dictionary<(Guid Network, Guid Comune, int Month), (long Issued, long Active)>();
        await foreach (var c in db.Cards.AsNoTracking().Select(c => new { c.NetworkId, c.ComuneId, c.IssuedAt, c.ValidUntil, c.Status }).AsAsyncEnumerable().WithCancellation(cancel))
        {
            var issuedKey = (c.NetworkId, c.ComuneId, MonthPeriod.MonthOf(c.IssuedAt));
            var (i, a) = counts.GetValueOrDefault(issuedKey);
            counts[issuedKey] = (i + 1, a);
            if (c.Status != CardStatus.Active) continue;
            var activeKey = (c.NetworkId, c.ComuneId, MonthPeriod.MonthOf(c.ValidUntil));
            (i, a) = counts.GetValueOrDefault(activeKey);
            counts[activeKey] = (i, a + 1);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.CardMonths.ExecuteDeleteAsync(cancel);
        foreach (var chunk in counts.Chunk(1000))
        {
            db.CardMonths.AddRange(chunk.Select(kv => new CardMonth
            {
                NetworkId = kv.Key.Network, ComuneId = kv.Key.Comune, Month = kv.Key.Month, Issued = kv.Value.Issued, ActiveExpiring = kv.Value.Active,
            }));
            await db.SaveChangesAsync(cancel);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancel);
    }
}
