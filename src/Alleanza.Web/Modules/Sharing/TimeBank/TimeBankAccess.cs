using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// Who the signed-in person is for the current network's time bank: the bank (if the network opened one), their member row
/// (any status), whether they manage it (its managers, the network's coordinators and administrators).
/// </summary>
public sealed class TimeBankAccess(AppDbContext db, CurrentAccess access, CurrentNetwork network)
{
    public sealed record Me(Bank? Bank, BankMember? Member, bool IsManager, bool CanOpen)
    {
        public bool IsActiveMember => Member is { Status: MemberStatus.Active };
    }

    Me? cached;

    public Guid NetworkId => network.Id;
    public Guid? UserId => access.UserId;

    public async Task<Me> MeAsync()
    {
        if (cached is not null) return cached;
        var bank = await db.TimeBanks.AsNoTracking().FirstOrDefaultAsync(b => b.NetworkId == network.Id);
        var canManageNetwork = await access.CanManageNetworkAsync();
        if (bank is null || access.UserId is not { } me) return cached = new(bank, null, false, bank is null && canManageNetwork);
        var member = await db.TimeBankMembers.AsNoTracking().FirstOrDefaultAsync(m => m.BankId == bank.Id && m.UserId == me);
        var manager = canManageNetwork || await db.TimeBankManagers.AnyAsync(m => m.BankId == bank.Id && m.UserId == me);
        return cached = new(bank, member, manager, false);
    }

    /// <summary>Forgets what was read (after a change made in this request).</summary>
    public void Refresh() => cached = null;
}
