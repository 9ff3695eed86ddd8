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
        var group = await db.GafGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.NetworkId == network.Id);
        if (group is null) return null;
        var member = await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == me && m.LeftAt == null);
        var referent = await db.GafReferents.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId && r.UserId == me);
        var managing = await IsManagerAsync();
        var result = new InGroup(group, member, referent is not null || managing, referent?.IsTreasurer == true || managing);
        return result.CanSee ? result : null;
    }

    /// <summary>The standing for a cycle's group, with the cycle; null: 404.</summary>
    public async Task<(InGroup In, OrderCycle Cycle)?> CycleAsync(Guid cycleId)
    {
        var cycle = await db.GafCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId && c.NetworkId == network.Id);
        if (cycle is null || await GroupAsync(cycle.GroupId) is not { } inGroup) return null;
        if (!inGroup.IsReferent && cycle.Status == CycleStatus.Draft) return null;
        return (inGroup, cycle);
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
