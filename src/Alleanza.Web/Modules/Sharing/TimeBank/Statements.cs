using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Pdf;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>A member's statement (estratto conto delle ore): every movement of their account with the balance after it; on screen, as CSV and as PDF.</summary>
public sealed class Statements(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;
    public const int MaxExport = 5000;

    /// <summary>A movement; <paramref name="With"/> is the other member of an exchange (who gave or received the help), if any.</summary>
    public sealed record Line(DateTime At, string Kind, string Memo, long Amount, long BalanceAfter, string? With = null);
    public sealed record Header(string Bank, string Member, long Balance, long LowerLimit, long In, long Out);

    public async Task<Header?> HeaderAsync(Bank bank, Guid memberId)
    {
        var member = await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == memberId && m.BankId == bank.Id && m.AccountId != null)
            .Select(m => new { m.Name, AccountId = m.AccountId!.Value }).FirstOrDefaultAsync();
        if (member is null) return null;
        var account = await db.LedgerAccounts.AsNoTracking().FirstAsync(a => a.Id == member.AccountId);
        var sums = await db.LedgerMovements.AsNoTracking().Where(m => m.AccountId == member.AccountId)
            .GroupBy(m => m.Amount > 0).Select(g => new { In = g.Key, Sum = g.Sum(m => m.Amount) }).ToListAsync();
        return new(bank.Name, member.Name, account.Balance, account.LowerLimit ?? 0,
            sums.Where(s => s.In).Sum(s => s.Sum), -sums.Where(s => !s.In).Sum(s => s.Sum));
    }

    IQueryable<Line> Lines(Guid memberId) =>
        db.TimeBankMembers.AsNoTracking().Where(m => m.Id == memberId)
            .SelectMany(m => db.LedgerMovements.Where(x => x.AccountId == m.AccountId))
            .Join(db.LedgerTransfers, x => x.TransferId, t => t.Id, (x, t) => new { x, t })
            .OrderByDescending(r => r.x.At).ThenByDescending(r => r.x.BalanceAfter)
            .Select(r => new Line(r.x.At, r.t.Kind, r.t.Memo, r.x.Amount, r.x.BalanceAfter,
                db.TimeBankExchanges.Where(e => e.TransferId == r.t.Id)
                    .Select(e => db.TimeBankMembers.Where(o => o.Id == (e.GiverMemberId == memberId ? e.ReceiverMemberId : e.GiverMemberId)).Select(o => o.Name).FirstOrDefault())
                    .FirstOrDefault()));

    public async Task<Paged<Line>> PageAsync(Guid memberId, int page)
    {
        page = Math.Max(1, page);
        var total = await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == memberId).SelectMany(m => db.LedgerMovements.Where(x => x.AccountId == m.AccountId)).CountAsync();
        return new(await Lines(memberId).PageOf(page, PageSize).ToListAsync(), total, page, PageSize);
    }

    public static string KindLabel(string kind) => kind switch
    {
        Exchanges.TransferKind => Tr.Get("Scambio"),
        GroupActivities.TransferKind => Tr.Get("Attività di gruppo"),
        "reversal" => Tr.Get("Storno"),
        _ => Tr.Get("Movimento"),
    };

    public async Task<byte[]> CsvAsync(Guid memberId)
    {
        var lines = await Lines(memberId).Take(MaxExport).ToListAsync();
        var csv = new StringBuilder("\uFEFFData;Tipo;Descrizione;Ore;Saldo dopo\r\n");
        foreach (var l in lines)
            csv.Append(RomeTime.Format(l.At)).Append(';').Append(KindLabel(l.Kind)).Append(';').Append(Cell(l.Memo)).Append(';')
               .Append(TimeBankLabels.DecimalHours(l.Amount)).Append(';').Append(TimeBankLabels.DecimalHours(l.BalanceAfter)).Append("\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A CSV cell: quoted when needed, and never read as a formula by a spreadsheet.</summary>
    static string Cell(string text)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public async Task<byte[]> PdfAsync(Header header, Guid memberId, string networkName, string webRoot)
    {
        var lines = await Lines(memberId).Take(MaxExport).ToListAsync();
        return TablePdf.Write(webRoot,
            new($"Estratto conto delle ore — {header.Member}", networkName, networkName, "Estratto conto delle ore", $"{header.Bank} — {header.Member}",
                $"Saldo: {TimeBankLabels.Hours(header.Balance)} · ore date: {TimeBankLabels.Hours(header.In)} · ore ricevute: {TimeBankLabels.Hours(header.Out)} · al {RomeTime.Format(clock.GetUtcNow().UtcDateTime)}",
                "Nessun movimento."),
            [new("Data", 18), new("Descrizione", 48, 70), new("Ore", 160), new("Saldo", 178)],
            lines.Select(l => (IReadOnlyList<string>)new[] { RomeTime.Format(l.At, "d/M/yyyy"), $"{KindLabel(l.Kind)}: {l.Memo}", TimeBankLabels.Hours(l.Amount), TimeBankLabels.Hours(l.BalanceAfter) }));
    }
}
