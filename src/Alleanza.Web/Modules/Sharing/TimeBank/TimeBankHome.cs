using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>«La mia area» for a family or a person: their time bank (balance, exchanges to confirm), or how to join it.</summary>
public sealed class TimeBankMemberHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record View(string Bank, MemberStatus? Status, long Balance, int ToConfirm, int OpenPosts);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var bank = await db.TimeBanks.AsNoTracking().Where(b => b.NetworkId == viewer.NetworkId).Select(b => new { b.Id, b.Name }).FirstOrDefaultAsync(cancel);
        if (bank is null) return null;
        var member = await db.TimeBankMembers.AsNoTracking().Where(m => m.BankId == bank.Id && m.UserId == viewer.UserId)
            .Select(m => new { m.Id, m.Status, m.AccountId }).FirstOrDefaultAsync(cancel);
        if (member is null) return viewer.IsFamily ? new HomeSection(25, "Banca del tempo", "~/Modules/Sharing/TimeBank/Pages/Home/_Member.cshtml", new View(bank.Name, null, 0, 0, 0)) : null;
        var balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == member.AccountId).Select(a => a.Balance).FirstOrDefaultAsync(cancel);
        var toConfirm = await db.TimeBankExchanges.CountAsync(e => e.ReceiverMemberId == member.Id && e.Status == ExchangeStatus.Pending, cancel);
        var posts = await db.TimeBankPosts.CountAsync(p => p.MemberId == member.Id && p.ClosedAt == null, cancel);
        return new HomeSection(25, "Banca del tempo", "~/Modules/Sharing/TimeBank/Pages/Home/_Member.cshtml", new View(bank.Name, member.Status, balance, toConfirm, posts), toConfirm);
    }
}

/// <summary>«La mia area» for the bank's managers (and coordinators): join requests waiting.</summary>
public sealed class TimeBankManagerHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record View(string Bank, int Waiting, int Members);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var bank = await db.TimeBanks.AsNoTracking().Where(b => b.NetworkId == viewer.NetworkId).Select(b => new { b.Id, b.Name }).FirstOrDefaultAsync(cancel);
        if (bank is null) return null;
        var manager = viewer.IsAdministrator || viewer.Has(Platform.Auth.NetworkRole.Coordinator)
                      || await db.TimeBankManagers.AnyAsync(m => m.BankId == bank.Id && m.UserId == viewer.UserId, cancel);
        if (!manager) return null;
        var waiting = await db.TimeBankMembers.CountAsync(m => m.BankId == bank.Id && m.Status == MemberStatus.Pending, cancel);
        var members = await db.TimeBankMembers.CountAsync(m => m.BankId == bank.Id && m.Status == MemberStatus.Active, cancel);
        return new HomeSection(16, "Gestione banca del tempo", "~/Modules/Sharing/TimeBank/Pages/Home/_Manager.cshtml", new View(bank.Name, waiting, members), waiting);
    }
}
