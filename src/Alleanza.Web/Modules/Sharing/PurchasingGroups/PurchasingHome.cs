using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>«La mia area»: the family's purchasing groups (open orders, credit) and, for referents, the cycles to follow.</summary>
public sealed class PurchasingHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record Row(Guid GroupId, string Name, long? Balance, bool Referent, List<(Guid Id, string Title, DateTime ClosesAt, bool Booked)> Open);
    public sealed record View(List<Row> Groups);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var me = viewer.UserId;
        var groups = await db.GafGroups.AsNoTracking().Where(g => g.NetworkId == viewer.NetworkId
                && (db.GafMembers.Any(m => m.GroupId == g.Id && m.UserId == me) || db.GafReferents.Any(r => r.GroupId == g.Id && r.UserId == me)))
            .OrderBy(g => g.Name).Select(g => new
            {
                g.Id, g.Name, Referent = db.GafReferents.Any(r => r.GroupId == g.Id && r.UserId == me),
                Member = db.GafMembers.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => new { m.Id, m.AccountId }).FirstOrDefault(),
            }).Take(10).ToListAsync(cancel);
        if (groups.Count == 0) return null;
        var rows = new List<Row>();
        foreach (var g in groups)
        {
            long? balance = g.Member is null ? null : await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == g.Member.AccountId).Select(a => a.Balance).FirstAsync(cancel);
            var memberId = g.Member?.Id;
            var open = await db.GafCycles.AsNoTracking().Where(c => c.GroupId == g.Id && c.Status == CycleStatus.Open).OrderBy(c => c.ClosesAt)
                .Select(c => new { c.Id, c.Title, c.ClosesAt, Booked = db.GafBookings.Any(b => b.CycleId == c.Id && b.MemberId == memberId) }).Take(5).ToListAsync(cancel);
            rows.Add(new Row(g.Id, g.Name, balance, g.Referent, open.Select(o => (o.Id, o.Title, o.ClosesAt, o.Booked)).ToList()));
        }
        var toBook = rows.Sum(r => r.Balance is null ? 0 : r.Open.Count(o => !o.Booked));
        return new HomeSection(26, "Gruppi di acquisto", "~/Modules/Sharing/PurchasingGroups/Pages/Home/_Groups.cshtml", new View(rows), toBook);
    }
}
