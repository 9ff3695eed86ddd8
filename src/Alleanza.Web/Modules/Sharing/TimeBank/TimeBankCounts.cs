using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// The time bank's figures for coordinators and the Piano Family's bound indicators, for a network, optionally one Comune
/// (of the members' households), and a period of days (both ends included):
/// <list type="bullet">
/// <item>Hours exchanged: whole hours of confirmed exchanges done in the period (for a Comune: where the giver's or the
/// receiver's household lives in it).</item>
/// <item>Families involved: distinct households that gave or received hours in a confirmed exchange of the period.</item>
/// </list>
/// </summary>
public sealed class TimeBankCounts(AppDbContext db)
{
    IQueryable<Exchange> Confirmed(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to)
    {
        var q = db.TimeBankExchanges.AsNoTracking().Where(e => e.NetworkId == networkId && e.Status == ExchangeStatus.Confirmed && e.On >= from && e.On <= to);
        if (comuneId is Guid comune)
            q = q.Where(e => db.TimeBankMembers.Any(m => (m.Id == e.GiverMemberId || m.Id == e.ReceiverMemberId)
                && db.Households.Any(h => h.Id == m.HouseholdId && h.ComuneId == comune)));
        return q;
    }

    public async Task<long> HoursExchangedAsync(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to, CancellationToken cancel = default) =>
        (await Confirmed(networkId, comuneId, from, to).SumAsync(e => (long?)e.Minutes, cancel) ?? 0) / 60;

    public async Task<long> FamiliesInvolvedAsync(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to, CancellationToken cancel = default)
    {
        var exchanges = Confirmed(networkId, comuneId, from, to);
        var members = exchanges.Select(e => e.GiverMemberId).Union(exchanges.Select(e => e.ReceiverMemberId));
        var households = db.TimeBankMembers.AsNoTracking().Where(m => members.Contains(m.Id) && m.HouseholdId != null);
        if (comuneId is Guid comune) households = households.Where(m => db.Households.Any(h => h.Id == m.HouseholdId && h.ComuneId == comune));
        return await households.Select(m => m.HouseholdId).Distinct().LongCountAsync(cancel);
    }
}
