using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// The purchasing groups' figures for coordinators (the network's dashboard) and the Piano Family's bound indicators, for a
/// network, optionally one Comune (of the member households), and a period:
/// <list type="bullet">
/// <item>Groups: the network's groups (for a Comune: those with a member household living in it).</item>
/// <item>Orders: cycles delivered in the period (delivery day in it, sent to the supplier or later), with at least one
/// booking (for a Comune: a booking of a household of it).</item>
/// <item>Value: what the members were charged at settlement for those orders' bookings, in cents (whole euro for the indicator).</item>
/// <item>Active households: distinct member households with a booking in those orders.</item>
/// <item>Local suppliers: distinct suppliers that are partners of the network with such an order.</item>
/// </list>
/// </summary>
public sealed class PurchasingFigures(AppDbContext db)
{
    public sealed record Counts(long Groups, long Orders, long ValueCents, long Households, long LocalSuppliers);
    public sealed record Month(int Year, int MonthNumber, long Orders, long ValueCents);

    IQueryable<Booking> Bookings(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to)
    {
        var q = db.GafBookings.AsNoTracking().Where(b => db.GafCycles.Any(c => c.Id == b.CycleId && c.NetworkId == networkId && c.DeliveryOn >= from && c.DeliveryOn <= to
            && c.Status >= CycleStatus.Sent));
        if (comuneId is Guid comune)
            q = q.Where(b => db.GafMembers.Any(m => m.Id == b.MemberId && db.Households.Any(h => h.Id == m.HouseholdId && h.ComuneId == comune)));
        return q;
    }

    public async Task<Counts> CountsAsync(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to, CancellationToken cancel = default)
    {
        var groups = db.GafGroups.AsNoTracking().Where(g => g.NetworkId == networkId);
        if (comuneId is Guid comune) groups = groups.Where(g => db.GafMembers.Any(m => m.GroupId == g.Id && db.Households.Any(h => h.Id == m.HouseholdId && h.ComuneId == comune)));
        var bookings = Bookings(networkId, comuneId, from, to);
        var cycles = bookings.Select(b => b.CycleId).Distinct();
        return new(
            await groups.LongCountAsync(cancel),
            await cycles.LongCountAsync(cancel),
            await bookings.SumAsync(b => b.ChargedCents ?? 0, cancel),
            await db.GafMembers.AsNoTracking().Where(m => bookings.Any(b => b.MemberId == m.Id)).Select(m => m.HouseholdId).Distinct().LongCountAsync(cancel),
            await db.GafSuppliers.AsNoTracking().Where(s => s.PartnerId != null && db.GafCycles.Any(c => c.SupplierId == s.Id && cycles.Contains(c.Id))).LongCountAsync(cancel));
    }

    /// <summary>Orders and their value per month of delivery, oldest first (months without orders left out).</summary>
    public async Task<List<Month>> MonthsAsync(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to, CancellationToken cancel = default)
    {
        var rows = await Bookings(networkId, comuneId, from, to)
            .Join(db.GafCycles, b => b.CycleId, c => c.Id, (b, c) => new { c.Id, c.DeliveryOn, b.ChargedCents }).ToListAsync(cancel);
        return rows.GroupBy(r => (r.DeliveryOn.Year, r.DeliveryOn.Month)).OrderBy(g => g.Key)
            .Select(g => new Month(g.Key.Year, g.Key.Month, g.Select(r => r.Id).Distinct().LongCount(), g.Sum(r => r.ChargedCents ?? 0))).ToList();
    }
}
