using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// Recording hours of help and confirming them. The receiver (or a manager, for members without a smartphone) records:
/// confirmed at once. The giver records: it waits for the receiver, who confirms or declines within the bank's days; then
/// <see cref="SettleDueAsync"/> confirms or expires it, as the bank chose. Confirmation is one ledger transfer from the
/// receiver to the giver, in the same transaction as the exchange's conditional change of state.
/// </summary>
public sealed class Exchanges(AppDbContext db, LedgerBook ledger, ReciprocalBanks reciprocity, AuditLog audit, NotificationService notifications, TimeProvider clock)
{
    public const int PageSize = 20;
    public const string TransferKind = "timebank.exchange";

    public enum Outcome { Done, Pending, AlreadyDone, BelowLimit, NotFound, Invalid }
    public sealed record Result(Outcome Outcome, Guid? ExchangeId = null, string? Field = null, string? Error = null, bool Flagged = false);

    static string LimitMessage(Bank bank) =>
        $"Con questo scambio chi ha ricevuto l'aiuto andrebbe oltre il debito massimo della banca ({TimeBankLabels.Hours(-bank.LowerLimitMinutes)}): prima di ricevere altro aiuto deve darne.";

    /// <summary>A member records an exchange with another member (as receiver: confirmed at once; as giver: waits for the receiver).</summary>
    public async Task<Result> RecordAsync(Bank bank, BankMember me, ExchangeForm form)
    {
        if (form.Side is null) return new(Outcome.Invalid, Field: nameof(form.Side), Error: Tr.Get("Scegli se hai dato o ricevuto l'aiuto."));
        // The other member may belong to a bank in reciprocity with this one.
        if (form.OtherMemberId is not { } other || other == me.Id || !await reciprocity.CanExchangeWithAsync(bank, other))
            return new(Outcome.Invalid, Field: nameof(form.OtherMemberId), Error: Tr.Get("Scegli un altro socio della banca."));
        var received = form.Side == MySide.Received;
        return await WriteAsync(bank, received ? other : me.Id, received ? me.Id : other, form, received ? RecordedBy.Receiver : RecordedBy.Giver, me.UserId);
    }

    /// <summary>A manager records for two members (who may have no smartphone): confirmed at once.</summary>
    public async Task<Result> RecordForAsync(Bank bank, Guid managerId, ExchangeForm form)
    {
        if (form.GiverMemberId is not { } giver || !await IsActiveAsync(bank, giver))
            return new(Outcome.Invalid, Field: nameof(form.GiverMemberId), Error: Tr.Get("Scegli un socio della banca."));
        if (form.ReceiverMemberId is not { } receiver || !await IsActiveAsync(bank, receiver))
            return new(Outcome.Invalid, Field: nameof(form.ReceiverMemberId), Error: Tr.Get("Scegli un socio della banca."));
        if (giver == receiver) return new(Outcome.Invalid, Field: nameof(form.ReceiverMemberId), Error: Tr.Get("Chi dà e chi riceve l'aiuto devono essere due soci diversi."));
        return await WriteAsync(bank, giver, receiver, form, RecordedBy.Manager, managerId);
    }

    Task<bool> IsActiveAsync(Bank bank, Guid memberId) =>
        db.TimeBankMembers.AnyAsync(m => m.Id == memberId && m.BankId == bank.Id && m.Status == MemberStatus.Active);

    async Task<Result> WriteAsync(Bank bank, Guid giver, Guid receiver, ExchangeForm form, RecordedBy by, Guid userId)
    {
        if (form.PostId is { } post && !await db.TimeBankPosts.AnyAsync(p => p.Id == post && p.BankId == bank.Id)) form.PostId = null;
        var now = clock.GetUtcNow().UtcDateTime;
        var confirmNow = by != RecordedBy.Giver;
        var exchange = new Exchange
        {
            Id = form.RequestId is { } r && r != Guid.Empty ? r : Guid.NewGuid(), BankId = bank.Id, NetworkId = bank.NetworkId,
            GiverMemberId = giver, ReceiverMemberId = receiver, Minutes = form.Minutes, Category = form.Category!.Value,
            Description = form.Description!.Trim(), On = form.On!.Value, Status = confirmNow ? ExchangeStatus.Confirmed : ExchangeStatus.Pending,
            RecordedBy = by, RecordedByUserId = userId, RecordedAt = now, DueAt = confirmNow ? null : now.AddDays(bank.ConfirmDays),
            SettledAt = confirmNow ? now : null, PostId = form.PostId,
        };
        // The two members (accounts and names) and the notice's recipients read before the transaction: on SQLite everything
        // inside it waits for the one writer. The notice is written with the exchange, in its transaction; mailed after.
        var members = await MembersAsync(giver, receiver);
        var notice = await notifications.PrepareAsync(RecipientsOf(exchange, members), to => NoticeOf(bank, exchange, members, to));
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.TimeBankExchanges.Add(exchange);
        if (by == RecordedBy.Manager) audit.Add("timebank.exchange.manager", "TimeBankExchange", exchange.Id, $"{TimeBankLabels.Hours(exchange.Minutes)}", bank.NetworkId);
        if (!await db.TrySaveAsync()) return new(Outcome.AlreadyDone, exchange.Id);
        db.Entry(exchange).State = EntityState.Detached;
        var flagged = false;
        if (confirmNow)
        {
            var transfer = await TransferAsync(bank, exchange, userId, members);
            if (transfer.Outcome == TransferOutcome.BelowLimit)
            {
                await transaction.RollbackAsync();
                return new(Outcome.BelowLimit, Field: nameof(form.Hours), Error: LimitMessage(bank));
            }
            flagged = transfer.Flagged;
        }
        notifications.Stage(notice);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifications.SendAsync(notice);
        return new(confirmNow ? Outcome.Done : Outcome.Pending, exchange.Id, Flagged: flagged);
    }

    sealed record Party(Guid Id, Guid? AccountId, string Name, Guid UserId);

    /// <summary>The giver and the receiver: their ledger accounts for the transfer, their names and people for the notice.</summary>
    async Task<Dictionary<Guid, Party>> MembersAsync(Guid giver, Guid receiver) =>
        await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == giver || m.Id == receiver)
            .Select(m => new Party(m.Id, m.AccountId, m.Name, m.UserId)).ToDictionaryAsync(m => m.Id);

    async Task<TransferResult> TransferAsync(Bank bank, Exchange exchange, Guid? userId, Dictionary<Guid, Party> members)
    {
        var result = await ledger.TransferAsync(new TransferRequest(bank.NetworkId, LedgerUnit.Minutes, TransferKind,
            $"{TimeBankLabels.Category(exchange.Category)}: {exchange.Description}",
            [new Leg(members[exchange.ReceiverMemberId].AccountId!.Value, -exchange.Minutes), new Leg(members[exchange.GiverMemberId].AccountId!.Value, exchange.Minutes)], userId));
        if (result.Succeeded)
            await db.TimeBankExchanges.Where(e => e.Id == exchange.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.TransferId, result.TransferId));
        return result;
    }

    /// <summary>Who hears of the exchange in its state: the receiver of a pending one, both of one the managers recorded, else the other side.</summary>
    static List<Guid> RecipientsOf(Exchange exchange, Dictionary<Guid, Party> names)
    {
        var giver = names[exchange.GiverMemberId];
        var receiver = names[exchange.ReceiverMemberId];
        return exchange.Status switch
        {
            ExchangeStatus.Pending => [receiver.UserId],
            ExchangeStatus.Confirmed when exchange.RecordedBy == RecordedBy.Manager => [giver.UserId, receiver.UserId],
            ExchangeStatus.Confirmed => [exchange.RecordedBy == RecordedBy.Receiver ? giver.UserId : receiver.UserId],
            _ => [giver.UserId],
        };
    }

    /// <summary>The notice of the exchange, written in the language in force (each recipient's: see <see cref="NotificationService.PrepareAsync(IEnumerable{Guid}, Func{IReadOnlyCollection{Guid}, Notice}, CancellationToken)"/>).</summary>
    static Notice NoticeOf(Bank bank, Exchange exchange, Dictionary<Guid, Party> names, IReadOnlyCollection<Guid> to)
    {
        var giver = names[exchange.GiverMemberId];
        var receiver = names[exchange.ReceiverMemberId];
        var hours = TimeBankLabels.Hours(exchange.Minutes);
        var link = $"/banca-del-tempo/scambi/{exchange.Id}";
        return exchange.Status switch
        {
            ExchangeStatus.Pending => new Notice(NotificationKinds.TimeBankExchange.Key, bank.NetworkId, to, Tr.Get("{0} ha registrato {1} di aiuto per te: confermi?", giver.Name, hours),
                Tr.Get("{0} ha registrato {1} ({2}: {3}). Conferma o rifiuta entro {4} giorni.", giver.Name, hours, TimeBankLabels.Category(exchange.Category), exchange.Description, bank.ConfirmDays)
                + " " + TimeBankLabels.UnconfirmedRule(bank), link)
                { LinkLabel = Tr.Get("Conferma o rifiuta") },
            ExchangeStatus.Confirmed when exchange.RecordedBy == RecordedBy.Manager => new Notice(NotificationKinds.TimeBankExchange.Key, bank.NetworkId, to,
                Tr.Get("Scambio di {0} registrato dalla banca del tempo", hours), Tr.Get("I gestori hanno registrato {0} di aiuto da {1} a {2}: {3}.", hours, giver.Name, receiver.Name, exchange.Description), link),
            ExchangeStatus.Confirmed => new Notice(NotificationKinds.TimeBankExchange.Key, bank.NetworkId, to,
                Tr.Get("{0} di aiuto confermate", hours), Tr.Get("Lo scambio di {0} tra {1} e {2} è confermato e le ore sono state trasferite: {3}.", hours, giver.Name, receiver.Name, exchange.Description), link),
            _ => new Notice(NotificationKinds.TimeBankExchange.Key, bank.NetworkId, to,
                Tr.Get("Scambio di {0} non confermato", hours), Tr.Get("{0} non ha confermato lo scambio di {1} ({2}): {3}.", receiver.Name, hours, TimeBankLabels.Status(exchange.Status).ToLower(System.Globalization.CultureInfo.CurrentCulture), exchange.Description), link),
        };
    }

    /// <summary>The receiver confirms a pending exchange: once (a conditional update), with its transfer in the same transaction.</summary>
    public Task<Result> ConfirmAsync(Bank bank, BankMember me, Guid exchangeId) => SettleAsync(bank, exchangeId, me.Id, ExchangeStatus.Confirmed, me.UserId);

    /// <summary>The receiver declines a pending exchange: nothing moves.</summary>
    public Task<Result> DeclineAsync(Bank bank, BankMember me, Guid exchangeId) => SettleAsync(bank, exchangeId, me.Id, ExchangeStatus.Declined, me.UserId);

    async Task<Result> SettleAsync(Bank bank, Guid exchangeId, Guid? receiverId, ExchangeStatus to, Guid? userId)
    {
        var exchange = await db.TimeBankExchanges.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exchangeId && (receiverId == null ? e.BankId == bank.Id : e.ReceiverMemberId == receiverId));
        if (exchange is null) return new(Outcome.NotFound);
        if (exchange.Status != ExchangeStatus.Pending) return new(Outcome.AlreadyDone, exchangeId);
        var members = await MembersAsync(exchange.GiverMemberId, exchange.ReceiverMemberId);
        var now = clock.GetUtcNow().UtcDateTime;
        exchange.Status = to;
        var notice = await notifications.PrepareAsync(RecipientsOf(exchange, members), people => NoticeOf(bank, exchange, members, people));
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.TimeBankExchanges.Where(e => e.Id == exchangeId && e.Status == ExchangeStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, to).SetProperty(e => e.SettledAt, now).SetProperty(e => e.Version, e => e.Version + 1));
        if (changed == 0) return new(Outcome.AlreadyDone, exchangeId);
        var flagged = false;
        if (to == ExchangeStatus.Confirmed)
        {
            var transfer = await TransferAsync(bank, exchange, userId, members);
            if (transfer.Outcome == TransferOutcome.BelowLimit)
            {
                await transaction.RollbackAsync();
                return new(Outcome.BelowLimit, exchangeId, Error: LimitMessage(bank));
            }
            flagged = transfer.Flagged;
        }
        notifications.Stage(notice);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await notifications.SendAsync(notice);
        return new(Outcome.Done, exchangeId, Flagged: flagged);
    }

    /// <summary>
    /// Settles the pending exchanges whose days are over: confirmed automatically or expired, as each bank chose (an
    /// automatic confirmation that would take the receiver beyond a refusing limit expires instead). Answers how many.
    /// </summary>
    public async Task<int> SettleDueAsync(CancellationToken cancel = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.TimeBankExchanges.AsNoTracking().Where(e => e.Status == ExchangeStatus.Pending && e.DueAt <= now)
            .OrderBy(e => e.DueAt).Select(e => new { e.Id, e.BankId }).Take(500).ToListAsync(cancel);
        var settled = 0;
        foreach (var group in due.GroupBy(d => d.BankId))
        {
            var bank = await db.TimeBanks.AsNoTracking().FirstAsync(b => b.Id == group.Key, cancel);
            foreach (var item in group)
            {
                var result = await SettleAsync(bank, item.Id, null, bank.Unconfirmed == UnconfirmedOutcome.AutoConfirm ? ExchangeStatus.Confirmed : ExchangeStatus.Expired, null);
                if (result.Outcome == Outcome.BelowLimit) result = await SettleAsync(bank, item.Id, null, ExchangeStatus.Expired, null);
                if (result.Outcome == Outcome.Done) settled++;
            }
        }
        return settled;
    }

    public sealed record Row(Guid Id, DateOnly On, string Giver, string Receiver, Guid GiverId, Guid ReceiverId, int Minutes, HelpCategory Category, string Description,
        ExchangeStatus Status, RecordedBy RecordedBy, DateTime RecordedAt, DateTime? DueAt, bool Flagged);

    IQueryable<Row> Rows(IQueryable<Exchange> q) => q.Select(e => new Row(e.Id, e.On,
        db.TimeBankMembers.Where(m => m.Id == e.GiverMemberId).Select(m => m.Name).First(),
        db.TimeBankMembers.Where(m => m.Id == e.ReceiverMemberId).Select(m => m.Name).First(),
        e.GiverMemberId, e.ReceiverMemberId, e.Minutes, e.Category, e.Description, e.Status, e.RecordedBy, e.RecordedAt, e.DueAt,
        db.LedgerTransfers.Where(t => t.Id == e.TransferId).Select(t => t.Flagged).FirstOrDefault()));

    /// <summary>One exchange, for its two members or the bank's managers.</summary>
    public Task<Row?> FindAsync(Bank bank, Guid id, Guid? memberId, bool manager) =>
        Rows(db.TimeBankExchanges.AsNoTracking().Where(e => e.Id == id && ((manager && e.BankId == bank.Id) || e.GiverMemberId == memberId || e.ReceiverMemberId == memberId)))
            .FirstOrDefaultAsync();

    /// <summary>The exchanges a member must confirm, oldest first.</summary>
    public Task<List<Row>> ToConfirmAsync(Guid memberId) =>
        Rows(db.TimeBankExchanges.AsNoTracking().Where(e => e.ReceiverMemberId == memberId && e.Status == ExchangeStatus.Pending).OrderBy(e => e.DueAt)).Take(50).ToListAsync();

    /// <summary>A member's exchanges, newest first.</summary>
    public async Task<Paged<Row>> OfMemberAsync(Guid memberId, int page)
    {
        page = Math.Max(1, page);
        var q = db.TimeBankExchanges.AsNoTracking().Where(e => e.GiverMemberId == memberId || e.ReceiverMemberId == memberId);
        var total = await q.CountAsync();
        var items = await Rows(q.OrderByDescending(e => e.RecordedAt).PageOf(page, PageSize)).ToListAsync();
        return new(items, total, page, PageSize);
    }

    /// <summary>The bank's latest exchanges (for the managers).</summary>
    public async Task<Paged<Row>> OfBankAsync(Guid bankId, int page)
    {
        page = Math.Max(1, page);
        var q = db.TimeBankExchanges.AsNoTracking().Where(e => e.BankId == bankId);
        var total = await q.CountAsync();
        var items = await Rows(q.OrderByDescending(e => e.RecordedAt).PageOf(page, PageSize)).ToListAsync();
        return new(items, total, page, PageSize);
    }
}
