using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Who the signed-in person is for a purchasing group of the current network: its member (their household's row), a
/// referent, its treasurer. The network's coordinators and administrators count as referents and treasurers.
/// A group of another network, or one the person has nothing to do with, is not found (404).
/// </summary>
public sealed class GafAccess(AppDbContext db, CurrentAccess access, CurrentNetwork network)
{
    public sealed record InGroup(PurchasingGroup Group, GroupMember? Member, bool IsReferent, bool IsTreasurer)
    {
        public bool CanSee => Member is not null || IsReferent;
    }

    public Guid NetworkId => network.Id;
    public Guid? UserId => access.UserId;

    bool? manager;
    async Task<bool> IsManagerAsync() => manager ??= await access.CanManageNetworkAsync();

    /// <summary>The person's standing in a group of this network; null when the group is not here or the person has no part in it.</summary>
    public async Task<InGroup?> GroupAsync(Guid groupId)
    {
        if (access.UserId is not { } me) return null;
        // The group with the person's membership and referent row, in one query.
        var row = await db.GafGroups.AsNoTracking().Where(g => g.Id == groupId && g.NetworkId == network.Id)
            .Select(g => new
            {
                Group = g,
                Member = db.GafMembers.Where(m => m.GroupId == g.Id && m.UserId == me && m.LeftAt == null).FirstOrDefault(),
                Treasurer = db.GafReferents.Where(r => r.GroupId == g.Id && r.UserId == me).Select(r => (bool?)r.IsTreasurer).FirstOrDefault(),
            }).FirstOrDefaultAsync();
        return row is null ? null : await StandingAsync(row.Group, row.Member, row.Treasurer);
    }

    async Task<InGroup?> StandingAsync(PurchasingGroup group, GroupMember? member, bool? treasurer)
    {
        var managing = await IsManagerAsync();
        var result = new InGroup(group, member, treasurer is not null || managing, treasurer == true || managing);
        return result.CanSee ? result : null;
    }

    /// <summary>
    /// The standing for a cycle's group, with the cycle; null: 404. One query for the cycle, its group and the person's rows
    /// in it: the booking page is opened by every member on a busy evening (bench gaf-booking-page).
    /// </summary>
    public async Task<(InGroup In, OrderCycle Cycle)?> CycleAsync(Guid cycleId)
    {
        if (access.UserId is not { } me) return null;
        var row = await db.GafCycles.AsNoTracking().Where(c => c.Id == cycleId && c.NetworkId == network.Id)
            .Select(c => new
            {
                Cycle = c,
                Group = db.GafGroups.Where(g => g.Id == c.GroupId).FirstOrDefault(),
                Member = db.GafMembers.Where(m => m.GroupId == c.GroupId && m.UserId == me && m.LeftAt == null).FirstOrDefault(),
                Treasurer = db.GafReferents.Where(r => r.GroupId == c.GroupId && r.UserId == me).Select(r => (bool?)r.IsTreasurer).FirstOrDefault(),
            }).FirstOrDefaultAsync();
        if (row?.Group is null || await StandingAsync(row.Group, row.Member, row.Treasurer) is not { } inGroup) return null;
        if (!inGroup.IsReferent && row.Cycle.Status == CycleStatus.Draft) return null;
        return (inGroup, row.Cycle);
    }

    public sealed record GroupRow(Guid Id, string Name, string DeliveryPlace, string DeliveryTimes, bool Member, bool Referent, bool Treasurer, int OpenCycles, long? Balance);

    /// <summary>The groups of this network the person belongs to or runs (every group for the coordinators), with their open cycles and balance.</summary>
    public async Task<List<GroupRow>> MyGroupsAsync()
    {
        if (access.UserId is not { } me) return [];
        var managing = await IsManagerAsync();
        return await db.GafGroups.AsNoTracking().Where(g => g.NetworkId == network.Id
                && (managing || db.GafMembers.Any(m => m.GroupId == g.Id && m.UserId == me && m.LeftAt == null) || db.GafReferents.Any(r => r.GroupId == g.Id && r.UserId == me)))
            .OrderBy(g => g.Name)
            .Select(g => new GroupRow(g.Id, g.Name, g.DeliveryPlace, g.DeliveryTimes,
                db.GafMembers.Any(m => m.GroupId == g.Id && m.UserId == me && m.LeftAt == null),
                managing || db.GafReferents.Any(r => r.GroupId == g.Id && r.UserId == me),
                managing || db.GafReferents.Any(r => r.GroupId == g.Id && r.UserId == me && r.IsTreasurer),
                db.GafCycles.Count(c => c.GroupId == g.Id && c.Status == CycleStatus.Open),
                db.GafMembers.Where(m => m.GroupId == g.Id && m.UserId == me && m.LeftAt == null).Select(m => (long?)db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).First()).FirstOrDefault()))
            .Take(50).ToListAsync();
    }
}
