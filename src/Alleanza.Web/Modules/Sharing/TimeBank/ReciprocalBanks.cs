using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// Banks in reciprocity: the banks of the networks that agreed reciprocity both ways, with the same agreement as the Family
/// Card's (CardReciprocities, set by the coordinators on the Family Card's page). Their members exchange hours with each
/// other: each keeps their own account in their own bank; one transfer moves the hours between the two.
/// </summary>
public sealed class ReciprocalBanks(AppDbContext db)
{
    /// <summary>The networks in reciprocity (both ways) with this one.</summary>
    public Task<List<Guid>> NetworksAsync(Guid networkId) =>
        db.CardReciprocities.AsNoTracking()
            .Where(r => r.NetworkId == networkId && db.CardReciprocities.Any(b => b.NetworkId == r.OtherNetworkId && b.OtherNetworkId == networkId))
            .Select(r => r.OtherNetworkId).ToListAsync();

    /// <summary>True when the member is active in this bank or in a bank in reciprocity with it.</summary>
    public async Task<bool> CanExchangeWithAsync(Bank bank, Guid memberId)
    {
        var member = await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == memberId && m.Status == MemberStatus.Active).Select(m => new { m.BankId, m.NetworkId }).FirstOrDefaultAsync();
        if (member is null) return false;
        return member.BankId == bank.Id || (await NetworksAsync(bank.NetworkId)).Contains(member.NetworkId);
    }

    /// <summary>The active members of the banks in reciprocity, named with their bank, for the exchange form.</summary>
    public async Task<List<(Guid Id, string Name)>> MembersAsync(Bank bank)
    {
        var networks = await NetworksAsync(bank.NetworkId);
        if (networks.Count == 0) return [];
        return (await db.TimeBankMembers.AsNoTracking().Where(m => networks.Contains(m.NetworkId) && m.Status == MemberStatus.Active)
                .Join(db.TimeBanks, m => m.BankId, b => b.Id, (m, b) => new { m.Id, m.Name, Bank = b.Name })
                .OrderBy(m => m.Bank).ThenBy(m => m.Name).Take(500).ToListAsync())
            .Select(m => (m.Id, $"{m.Name} ({m.Bank})")).ToList();
    }
}
