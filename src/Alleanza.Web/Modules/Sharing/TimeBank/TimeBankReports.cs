using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>The managers' reports: hours exchanged per month and category, active and inactive members, members with no offers.</summary>
public sealed class TimeBankReports(AppDbContext db, TimeProvider clock)
{
    /// <summary>A member is active when they gave or received confirmed hours in the last <see cref="ActiveDays"/> days.</summary>
    public const int ActiveDays = 90;

    public sealed record MonthRow(int Year, int Month, IReadOnlyDictionary<HelpCategory, long> Minutes, long Total, int Exchanges);
    public sealed record MemberLine(Guid Id, string Name);
    public sealed record Report(IReadOnlyList<MonthRow> Months, IReadOnlyList<HelpCategory> Categories, long GroupMinutes,
        IReadOnlyList<MemberLine> Active, IReadOnlyList<MemberLine> Inactive, IReadOnlyList<MemberLine> WithoutOffers);

    public async Task<Report> BuildAsync(Bank bank)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = DateOnly.FromDateTime(now.AddMonths(-11)) is var f ? new DateOnly(f.Year, f.Month, 1) : default;
        var sums = await db.TimeBankExchanges.AsNoTracking().Where(e => e.BankId == bank.Id && e.Status == ExchangeStatus.Confirmed && e.On >= from)
            .GroupBy(e => new { e.On.Year, e.On.Month, e.Category })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Category, Minutes = g.Sum(e => (long)e.Minutes), Count = g.Count() }).ToListAsync();
        var months = sums.GroupBy(s => (s.Year, s.Month)).OrderByDescending(g => g.Key)
            .Select(g => new MonthRow(g.Key.Year, g.Key.Month, g.ToDictionary(s => s.Category, s => s.Minutes), g.Sum(s => s.Minutes), g.Sum(s => s.Count))).ToList();
        var categories = sums.Select(s => s.Category).Distinct().OrderBy(c => c).ToList();
        var groupMinutes = await db.TimeBankGroupActivities.AsNoTracking().Where(a => a.BankId == bank.Id && a.On >= from).SumAsync(a => (long)a.TeacherMinutes);

        var since = DateOnly.FromDateTime(now.AddDays(-ActiveDays));
        var members = await db.TimeBankMembers.AsNoTracking().Where(m => m.BankId == bank.Id && m.Status == MemberStatus.Active).OrderBy(m => m.Name)
            .Select(m => new
            {
                m.Id, m.Name,
                Active = db.TimeBankExchanges.Any(e => (e.GiverMemberId == m.Id || e.ReceiverMemberId == m.Id) && e.Status == ExchangeStatus.Confirmed && e.On >= since),
                Offers = db.TimeBankPosts.Any(p => p.MemberId == m.Id && p.Kind == PostKind.Offer),
            }).ToListAsync();
        return new(months, categories, groupMinutes,
            members.Where(m => m.Active).Select(m => new MemberLine(m.Id, m.Name)).ToList(),
            members.Where(m => !m.Active).Select(m => new MemberLine(m.Id, m.Name)).ToList(),
            members.Where(m => !m.Offers).Select(m => new MemberLine(m.Id, m.Name)).ToList());
    }
}
