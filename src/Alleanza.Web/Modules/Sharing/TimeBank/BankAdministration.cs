using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// Opening the network's time bank, its rules and managers, and the members' join requests (accepted or not by a manager,
/// once: a conditional update on the member's version).
/// </summary>
public sealed class BankAdministration(AppDbContext db, LedgerBook ledger, TimeBankAccess access, AuditLog audit, NotificationService notifications, TimeProvider clock)
{
    public const int PageSize = 25;
    /// <summary>The owner kinds of the time bank's ledger accounts.</summary>
    public const string MemberAccount = "timebank.member", BankAccount = "timebank.bank";

    public async Task<List<(Guid Id, string Name)>> PartnersAsync() =>
        (await db.Partners.AsNoTracking().Where(p => p.NetworkId == access.NetworkId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync())
            .Select(p => (p.Id, p.Name)).ToList();

    /// <summary>Opens the network's bank (a coordinator); a second identical request finds it open. Answers a field error or null.</summary>
    public async Task<(string Field, string Error)?> OpenAsync(Guid userId, BankSettingsForm form)
    {
        if (form.PartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == access.NetworkId))
            return (nameof(form.PartnerId), Tr.Get("Scegli uno degli enti della rete."));
        if (await db.TimeBanks.AnyAsync(b => b.NetworkId == access.NetworkId)) return ("", Concurrency.AlreadyDone);
        var id = Guid.NewGuid();
        var account = await ledger.OpenAccountAsync(access.NetworkId, BankAccount, id, LedgerUnit.Minutes);
        var bank = new Bank { Id = id, NetworkId = access.NetworkId, AccountId = account, OpenedAt = clock.GetUtcNow().UtcDateTime, OpenedByUserId = userId };
        Apply(bank, form);
        db.TimeBanks.Add(bank);
        audit.Add("timebank.open", "TimeBank", id, bank.Name, access.NetworkId);
        if (!await db.TrySaveAsync()) return ("", Concurrency.AlreadyDone);
        access.Refresh();
        return null;
    }

    static void Apply(Bank bank, BankSettingsForm form)
    {
        bank.Name = form.Name!.Trim();
        bank.Rules = form.Rules!.Trim();
        bank.PartnerId = form.PartnerId;
        bank.LowerLimitMinutes = -form.MaxDebtHours!.Value * 60;
        bank.LimitPolicy = form.Policy!.Value;
        bank.ConfirmDays = form.ConfirmDays!.Value;
        bank.Unconfirmed = form.Unconfirmed!.Value;
    }

    public static BankSettingsForm FormOf(Bank bank) => new()
    {
        Name = bank.Name, Rules = bank.Rules, PartnerId = bank.PartnerId, MaxDebtHours = -bank.LowerLimitMinutes / 60,
        Policy = bank.LimitPolicy, ConfirmDays = bank.ConfirmDays, Unconfirmed = bank.Unconfirmed,
    };

    /// <summary>Changes the rules; the members' accounts take the new limit at once. Answers a field error or null.</summary>
    public async Task<(string Field, string Error)?> UpdateAsync(Bank current, BankSettingsForm form)
    {
        if (form.PartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == access.NetworkId))
            return (nameof(form.PartnerId), Tr.Get("Scegli uno degli enti della rete."));
        var bank = await db.TimeBanks.FirstAsync(b => b.Id == current.Id);
        if (bank.Version != current.Version) return ("", Concurrency.AlreadyDone);
        Apply(bank, form);
        audit.Add("timebank.settings", "TimeBank", bank.Id, $"{bank.Name}: debito massimo {-bank.LowerLimitMinutes / 60} h, {bank.ConfirmDays} giorni", access.NetworkId);
        if (!await db.TrySaveAsync()) return ("", Concurrency.AlreadyDone);
        await ledger.SetLimitAsync(access.NetworkId, MemberAccount, LedgerUnit.Minutes, bank.LowerLimitMinutes, bank.LimitPolicy);
        access.Refresh();
        return null;
    }

    public sealed record ManagerRow(Guid UserId, string Name, string? Email);

    public Task<List<ManagerRow>> ManagersAsync(Guid bankId) =>
        db.TimeBankManagers.AsNoTracking().Where(m => m.BankId == bankId).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.DisplayName).Select(u => new ManagerRow(u.Id, u.DisplayName, u.Email)).ToListAsync();

    /// <summary>Makes a person of the network a manager of the bank. Answers an error or null.</summary>
    public async Task<string?> AddManagerAsync(Guid bankId, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        if (user is null || !(await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.NetworkId == access.NetworkId)
                              || await db.TimeBankMembers.AnyAsync(m => m.BankId == bankId && m.UserId == user.Id && m.Status == MemberStatus.Active)))
            return Tr.Get("Nessuna persona della rete con questa email: può diventare gestore chi ha un ruolo nella rete o è socio della banca.");
        if (await db.TimeBankManagers.AnyAsync(m => m.BankId == bankId && m.UserId == user.Id)) return Tr.Get("{0} è già gestore della banca.", user.DisplayName);
        db.TimeBankManagers.Add(new BankManager { BankId = bankId, UserId = user.Id, AddedAt = clock.GetUtcNow().UtcDateTime });
        audit.Add("timebank.manager.add", "TimeBank", bankId, user.DisplayName, access.NetworkId);
        return await db.TrySaveAsync() ? null : Tr.Get("{0} è già gestore della banca.", user.DisplayName);
    }

    public async Task RemoveManagerAsync(Guid bankId, Guid userId)
    {
        var removed = await db.TimeBankManagers.Where(m => m.BankId == bankId && m.UserId == userId).ExecuteDeleteAsync();
        if (removed > 0) await audit.WriteAsync("timebank.manager.remove", "TimeBank", bankId, userId.ToString(), access.NetworkId);
    }

    /// <summary>
    /// Asks to join for the signed-in person (their household, if they have one). A person not accepted before may ask
    /// again. Answers an error or null; a twin request finds the request already made.
    /// </summary>
    public async Task<string?> AskToJoinAsync(Bank bank, Guid userId, JoinForm form)
    {
        if (!form.AcceptRules) return Tr.Get("Per entrare nella banca del tempo bisogna accettare il regolamento.");
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.TimeBankMembers.FirstOrDefaultAsync(m => m.BankId == bank.Id && m.UserId == userId);
        if (existing is { Status: MemberStatus.Active or MemberStatus.Pending }) return Tr.Get("La tua richiesta è già stata inviata.");
        var household = await db.Households.AsNoTracking().Where(h => h.NetworkId == bank.NetworkId && h.OwnerUserId == userId).Select(h => (Guid?)h.Id).FirstOrDefaultAsync();
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync();
        var member = existing ?? db.TimeBankMembers.Add(new BankMember { Id = Guid.NewGuid(), BankId = bank.Id, NetworkId = bank.NetworkId, UserId = userId }).Entity;
        member.HouseholdId = household;
        member.Name = string.IsNullOrWhiteSpace(name) ? "Socio" : name;
        member.Presentation = string.IsNullOrWhiteSpace(form.Presentation) ? null : form.Presentation.Trim();
        member.Status = MemberStatus.Pending;
        member.RequestedAt = now;
        member.RulesAcceptedAt = now;
        member.DecidedAt = null;
        member.DecidedByUserId = null;
        member.DecisionNote = null;
        if (!await db.TrySaveAsync()) return Tr.Get("La tua richiesta è già stata inviata.");
        var managers = await ManagerIdsAsync(bank);
        await notifications.NotifyAsync(managers, to => new Notice(NotificationKinds.TimeBankJoinWaiting.Key, bank.NetworkId, to,
            Tr.Get("Nuova richiesta di adesione a «{0}»", bank.Name), Tr.Get("{0} chiede di entrare nella banca del tempo.", member.Name), "/banca-del-tempo/gestione") { LinkLabel = Tr.Get("Vedi le richieste") });
        access.Refresh();
        return null;
    }

    /// <summary>The bank's managers and the network's coordinators: who is told of a join request.</summary>
    public async Task<List<Guid>> ManagerIdsAsync(Bank bank)
    {
        var managers = await db.TimeBankManagers.AsNoTracking().Where(m => m.BankId == bank.Id).Select(m => m.UserId).ToListAsync();
        if (managers.Count > 0) return managers;
        return await notifications.CoordinatorsAsync(bank.NetworkId);
    }

    public enum Decision { Done, AlreadyDecided, NotFound }

    /// <summary>Accepts (opening the member's account with the bank's limit) or does not accept a join request, once.</summary>
    public async Task<Decision> DecideAsync(Bank bank, Guid memberId, bool accept, string? note, Guid managerId)
    {
        var found = await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == memberId && m.BankId == bank.Id).Select(m => new { m.Status, m.Version, m.AccountId }).FirstOrDefaultAsync();
        if (found is null) return Decision.NotFound;
        if (found.Status != MemberStatus.Pending) return Decision.AlreadyDecided;
        // The account first (its own small save), then the member row read afresh: its version guards the decision.
        var account = accept && found.AccountId is null
            ? await ledger.OpenAccountAsync(bank.NetworkId, MemberAccount, memberId, LedgerUnit.Minutes, bank.LowerLimitMinutes, bank.LimitPolicy)
            : found.AccountId;
        var member = await db.TimeBankMembers.FirstAsync(m => m.Id == memberId);
        if (member.Status != MemberStatus.Pending || member.Version != found.Version) return Decision.AlreadyDecided;
        member.AccountId = account;
        member.Status = accept ? MemberStatus.Active : MemberStatus.Rejected;
        member.DecidedAt = clock.GetUtcNow().UtcDateTime;
        member.DecidedByUserId = managerId;
        member.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(500, note.Trim().Length)];
        audit.Add(accept ? "timebank.member.accept" : "timebank.member.reject", "TimeBankMember", member.Id, member.Name, bank.NetworkId);
        if (!await db.TrySaveAsync()) return Decision.AlreadyDecided;
        await notifications.NotifyAsync([member.UserId], to => new Notice(NotificationKinds.TimeBankMembership.Key, bank.NetworkId, to,
            accept ? Tr.Get("Sei socio di «{0}»", bank.Name) : Tr.Get("La tua richiesta a «{0}» non è stata accolta", bank.Name),
            accept ? Tr.Get("Benvenuto nella banca del tempo: ora puoi pubblicare offerte e richieste di aiuto e registrare le ore scambiate.")
                   : Tr.Get("I gestori non hanno accolto la tua richiesta.") + (member.DecisionNote is null ? "" : " " + Tr.Get("Motivo: {0}", member.DecisionNote)),
            "/banca-del-tempo"));
        return Decision.Done;
    }

    public sealed record MemberRow(Guid Id, string Name, MemberStatus Status, string? Presentation, DateTime RequestedAt, long Balance, bool IsFamily, int OpenPosts, DateTime? LastExchange);

    /// <summary>The bank's members of a status, by name, with their balance.</summary>
    public async Task<Paged<MemberRow>> MembersAsync(Guid bankId, MemberStatus status, string? query, int page)
    {
        page = Math.Max(1, page);
        var q = db.TimeBankMembers.AsNoTracking().Where(m => m.BankId == bankId && m.Status == status);
        if (!string.IsNullOrWhiteSpace(query)) { var t = query.Trim().ToLower(); q = q.Where(m => m.Name.ToLower().Contains(t)); }
        var total = await q.CountAsync();
        var rows = await q.OrderBy(m => m.Name).PageOf(page, PageSize)
            .Select(m => new MemberRow(m.Id, m.Name, m.Status, m.Presentation, m.RequestedAt,
                db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).FirstOrDefault(), m.HouseholdId != null,
                db.TimeBankPosts.Count(p => p.MemberId == m.Id && p.ClosedAt == null),
                db.TimeBankExchanges.Where(e => (e.GiverMemberId == m.Id || e.ReceiverMemberId == m.Id) && e.Status == ExchangeStatus.Confirmed).Max(e => (DateTime?)e.RecordedAt)))
            .ToListAsync();
        return new(rows, total, page, PageSize);
    }

    /// <summary>The active members to choose from in a form (by name).</summary>
    public async Task<List<(Guid Id, string Name)>> ActiveMembersAsync(Guid bankId, Guid? except = null) =>
        (await db.TimeBankMembers.AsNoTracking().Where(m => m.BankId == bankId && m.Status == MemberStatus.Active && m.Id != except)
            .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync()).Select(m => (m.Id, m.Name)).ToList();
}
