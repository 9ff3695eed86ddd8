using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// The group's money on the shared double-entry ledger, in euro cents. Accounts: each member's credit (positive: credit),
/// the cash the treasurer holds (its balance is minus the money held), each supplier (positive: what the group owes it),
/// the group's fund (differences between an invoice and what members paid). Transfers:
/// deposit (member +, cash −), refund (member −, cash +), payment at settlement (member −, supplier +, see <see cref="Cycles"/>),
/// invoice difference (supplier ±, fund ∓), payment to the supplier (supplier −, cash +). Balances are derived by the ledger;
/// two treasurers recording at once queue on the accounts' rows and the books stay balanced. A form's one-time id (<c>requestId</c>)
/// becomes the transfer's id, so a double-submitted deposit, refund or payment records one movement.
/// </summary>
public sealed class Treasury(AppDbContext db, LedgerBook ledger, AuditLog audit)
{
    public const string DepositKind = "gaf.deposit";
    public const string RefundKind = "gaf.refund";
    public const string InvoiceKind = "gaf.invoice";
    public const string SupplierPaymentKind = "gaf.supplier";

    public sealed record Result(bool Ok, string? Field = null, string? Error = null, Guid? TransferId = null, bool Duplicate = false);

    static Result From(TransferResult r) => r.Outcome == TransferOutcome.Duplicate ? new(true, TransferId: r.TransferId, Duplicate: true)
        : new(r.Succeeded, Error: r.Succeeded ? null : Tr.Get("Non è stato possibile registrare il movimento."), TransferId: r.TransferId);

    static Result? AmountProblem(long? cents) => cents is not > 0 ? new(false, "Amount", Tr.Get("Scrivi un importo maggiore di zero (es. 50 o 25,50)."))
        : cents > 10_000_000 ? new(false, "Amount", Tr.Get("L'importo è troppo alto: al massimo 100.000 €.")) : null;

    public async Task<Result> DepositAsync(PurchasingGroup group, Guid memberId, long? cents, string? memo, Guid userId, Guid? requestId = null)
    {
        if (AmountProblem(cents) is { } p) return p;
        var member = await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == group.Id && m.LeftAt == null);
        if (member is null) return new(false, "MemberId", Tr.Get("Scegli un socio del gruppo."));
        var r = await ledger.TransferAsync(new TransferRequest(group.NetworkId, LedgerUnit.EuroCents, DepositKind, Memo(memo, "Versamento"),
            [new Leg(member.AccountId, cents!.Value), new Leg(group.CashAccountId, -cents.Value)], userId) { RequestId = requestId });
        if (r.Succeeded) { audit.Add("gaf.deposit", "GafMember", member.Id, GafRules.Euro(cents.Value), group.NetworkId); await db.SaveChangesAsync(); }
        return From(r);
    }

    public async Task<Result> RefundAsync(PurchasingGroup group, Guid memberId, long? cents, string? memo, Guid userId, Guid? requestId = null)
    {
        if (AmountProblem(cents) is { } p) return p;
        var member = await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == group.Id && m.LeftAt == null);
        if (member is null) return new(false, "MemberId", Tr.Get("Scegli un socio del gruppo."));
        var r = await ledger.TransferAsync(new TransferRequest(group.NetworkId, LedgerUnit.EuroCents, RefundKind, Memo(memo, "Rimborso"),
            [new Leg(member.AccountId, -cents!.Value), new Leg(group.CashAccountId, cents.Value)], userId) { RequestId = requestId });
        if (r.Succeeded) { audit.Add("gaf.refund", "GafMember", member.Id, GafRules.Euro(cents.Value), group.NetworkId); await db.SaveChangesAsync(); }
        return From(r);
    }

    /// <summary>
    /// Records the supplier's invoice of a settled cycle, once (a conditional UPDATE in the transaction): when it differs from
    /// what the members paid, the difference moves between the supplier and the group's fund.
    /// </summary>
    public async Task<Result> RecordInvoiceAsync(PurchasingGroup group, OrderCycle cycle, long? cents, Guid userId)
    {
        if (AmountProblem(cents) is { } p) return p;
        if (cycle.Status is not (CycleStatus.Settled or CycleStatus.Archived)) return new(false, "Amount", Tr.Get("La fattura si registra dopo il saldo dell'ordine."));
        var paid = await db.GafBookings.AsNoTracking().Where(b => b.CycleId == cycle.Id).SumAsync(b => b.ChargedCents ?? 0);
        var supplier = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == cycle.SupplierId).Select(s => s.AccountId).FirstAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.GafCycles.Where(c => c.Id == cycle.Id && c.InvoiceCents == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.InvoiceCents, cents).SetProperty(c => c.Version, c => c.Version + 1)) == 0)
            return new(false, "Amount", Tr.Get("La fattura di questo ordine è già registrata."));
        var difference = cents!.Value - paid;
        Guid? transferId = null;
        if (difference != 0)
        {
            var r = await ledger.TransferAsync(new TransferRequest(group.NetworkId, LedgerUnit.EuroCents, InvoiceKind, $"Differenza fattura «{cycle.Title}»",
                [new Leg(supplier, difference), new Leg(group.FundAccountId, -difference)], userId));
            transferId = r.TransferId;
            await db.GafCycles.Where(c => c.Id == cycle.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.InvoiceTransferId, r.TransferId));
        }
        await transaction.CommitAsync();
        return new(true, TransferId: transferId);
    }

    public async Task<Result> PaySupplierAsync(PurchasingGroup group, Guid supplierId, long? cents, string? memo, Guid userId, Guid? requestId = null)
    {
        if (AmountProblem(cents) is { } p) return p;
        var supplier = await db.GafSuppliers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == supplierId && s.GroupId == group.Id);
        if (supplier is null) return new(false, "SupplierId", Tr.Get("Scegli un fornitore del gruppo."));
        var r = await ledger.TransferAsync(new TransferRequest(group.NetworkId, LedgerUnit.EuroCents, SupplierPaymentKind, Memo(memo, $"Pagamento a {supplier.Name}"),
            [new Leg(supplier.AccountId, -cents!.Value), new Leg(group.CashAccountId, cents.Value)], userId) { RequestId = requestId });
        if (r.Succeeded) { audit.Add("gaf.supplier.paid", "GafSupplier", supplier.Id, GafRules.Euro(cents.Value), group.NetworkId); await db.SaveChangesAsync(); }
        return From(r);
    }

    static string Memo(string? memo, string fallback) => string.IsNullOrWhiteSpace(memo) ? fallback : memo.Trim().Length > 200 ? memo.Trim()[..200] : memo.Trim();

    public sealed record MemberBalance(Guid MemberId, string Name, long Balance);

    public Task<List<MemberBalance>> BalancesAsync(Guid groupId) =>
        db.GafMembers.AsNoTracking().Where(m => m.GroupId == groupId && m.LeftAt == null).OrderBy(m => m.Name)
            .Select(m => new MemberBalance(m.Id, m.Name, db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).First())).ToListAsync();

    public sealed record StatementLine(DateTime At, string Kind, string Memo, long Amount, long BalanceAfter);

    public async Task<Paged<StatementLine>> StatementAsync(Guid accountId, int page)
    {
        page = Math.Max(1, page);
        var q = db.LedgerMovements.AsNoTracking().Where(m => m.AccountId == accountId);
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(m => m.At).ThenByDescending(m => m.BalanceAfter).PageOf(page, 30)
            .Join(db.LedgerTransfers, m => m.TransferId, t => t.Id, (m, t) => new StatementLine(m.At, t.Kind, t.Memo, m.Amount, m.BalanceAfter)).ToListAsync();
        return new(items, total, page, 30);
    }

    public static string KindLabel(string kind) => kind switch
    {
        DepositKind => Tr.Get("Versamento"), RefundKind => Tr.Get("Rimborso"), Cycles.PaymentKind => Tr.Get("Ordine"), InvoiceKind => Tr.Get("Fattura"), SupplierPaymentKind => Tr.Get("Pagamento al fornitore"),
        "reversal" => Tr.Get("Storno"), _ => kind,
    };

    /// <summary>The year's report: what came in and went out of the cash and the members' credit, and that it adds up.</summary>
    public sealed record YearReport(int Year, long CashStart, long Deposits, long Refunds, long SupplierPayments, long CashEnd,
        long CreditStart, long Payments, long CreditEnd, long OwedStart, long Invoiced, long OwedEnd, long FundEnd)
    {
        public bool CashAddsUp => CashStart + Deposits - Refunds - SupplierPayments == CashEnd;
        public bool CreditAddsUp => CreditStart + Deposits - Refunds - Payments == CreditEnd;
        public bool SuppliersAddUp => OwedStart + Payments + Invoiced - SupplierPayments == OwedEnd;
    }

    public async Task<YearReport> YearAsync(PurchasingGroup group, int year)
    {
        var from = RomeTime.FromRome(new DateOnly(year, 1, 1), TimeOnly.MinValue);
        var to = RomeTime.FromRome(new DateOnly(year + 1, 1, 1), TimeOnly.MinValue);
        var members = db.GafMembers.Where(m => m.GroupId == group.Id).Select(m => m.AccountId);
        var suppliers = db.GafSuppliers.Where(s => s.GroupId == group.Id).Select(s => s.AccountId);
        async Task<long> SumAsync(IQueryable<Guid> accounts, DateTime? since, DateTime until, string? kind = null) =>
            await db.LedgerMovements.AsNoTracking().Where(m => accounts.Contains(m.AccountId) && m.At < until && (since == null || m.At >= since)
                    && (kind == null || db.LedgerTransfers.Any(t => t.Id == m.TransferId && t.Kind == kind)))
                .SumAsync(m => (long?)m.Amount) ?? 0;
        var cash = db.LedgerAccounts.Where(a => a.Id == group.CashAccountId).Select(a => a.Id);
        var fund = db.LedgerAccounts.Where(a => a.Id == group.FundAccountId).Select(a => a.Id);
        return new YearReport(year,
            CashStart: -await SumAsync(cash, null, from), Deposits: await SumAsync(members, from, to, DepositKind), Refunds: -await SumAsync(members, from, to, RefundKind),
            SupplierPayments: -await SumAsync(suppliers, from, to, SupplierPaymentKind), CashEnd: -await SumAsync(cash, null, to),
            CreditStart: await SumAsync(members, null, from), Payments: -await SumAsync(members, from, to, Cycles.PaymentKind), CreditEnd: await SumAsync(members, null, to),
            OwedStart: await SumAsync(suppliers, null, from), Invoiced: await SumAsync(suppliers, from, to, InvoiceKind), OwedEnd: await SumAsync(suppliers, null, to),
            FundEnd: await SumAsync(fund, null, to));
    }

    /// <summary>The sum of every account of the group (zero, by double entry) — a check for the report page and the tests.</summary>
    public async Task<long> GroupSumAsync(PurchasingGroup group)
    {
        var accounts = db.GafMembers.Where(m => m.GroupId == group.Id).Select(m => m.AccountId)
            .Concat(db.GafSuppliers.Where(s => s.GroupId == group.Id).Select(s => s.AccountId));
        var own = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == group.CashAccountId || a.Id == group.FundAccountId).SumAsync(a => a.Balance);
        return own + await db.LedgerAccounts.AsNoTracking().Where(a => accounts.Contains(a.Id)).SumAsync(a => (long?)a.Balance) ?? 0;
    }
}
