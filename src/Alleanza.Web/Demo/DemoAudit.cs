using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// The demo networks' audit log: what their coordinators and municipal officers would have done to build the demo
/// (partners added, tables and plans created, card applications decided; not the publications of opportunities,
/// which the catalogue's own history keeps), on the days it
/// happened, so the log page has something true to show.
/// </summary>
public static class DemoAudit
{
    sealed record Person(Guid Id, string? Email);

    public static async Task AddAsync(AppDbContext db, DateTime now)
    {
        var random = new Random(2028);
        var staff = await db.Memberships.AsNoTracking()
            .Where(m => m.Role == NetworkRole.Coordinator || m.Role == NetworkRole.MunicipalOfficer)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.NetworkId, m.Role, Person = new Person(u.Id, u.Email) })
            .ToListAsync();
        DateTime Before(int maxDays) => now.AddDays(-random.Next(1, maxDays)).AddMinutes(-random.Next(0, 600));
        var entries = new List<AuditEntry>();
        foreach (var network in await db.Networks.AsNoTracking().Select(n => new { n.Id }).ToListAsync())
        {
            var coordinator = staff.FirstOrDefault(s => s.NetworkId == network.Id && s.Role == NetworkRole.Coordinator)?.Person;
            if (coordinator is null) continue;
            var officer = staff.FirstOrDefault(s => s.NetworkId == network.Id && s.Role == NetworkRole.MunicipalOfficer)?.Person ?? coordinator;
            AuditEntry By(Person who, DateTime at, string action, string type, object id, string? details) => new()
            {
                At = at, UserId = who.Id, UserName = who.Email, NetworkId = network.Id, Action = action, EntityType = type,
                EntityId = id.ToString(), Details = details, IpAddress = "192.0.2." + random.Next(10, 200),
            };
            foreach (var p in await db.Partners.AsNoTracking().Where(p => p.NetworkId == network.Id).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).Take(12).ToListAsync())
                entries.Add(By(coordinator, Before(120), "partner.create", nameof(Partner), p.Id, p.Name));
            foreach (var t in await db.WorkingTables.AsNoTracking().Where(t => t.NetworkId == network.Id).Select(t => new { t.Id, t.Name, t.CreatedAt }).ToListAsync())
                entries.Add(By(coordinator, Before(150), "tavolo.creato", "WorkingTable", t.Id, t.Name));
            foreach (var p in await db.FamilyPlans.AsNoTracking().Where(p => p.NetworkId == network.Id).Select(p => new { p.Id, p.Title }).ToListAsync())
                entries.Add(By(coordinator, Before(150), "piano.creato", "FamilyPlan", p.Id, p.Title));
            foreach (var a in await db.CardApplications.AsNoTracking().Where(a => a.NetworkId == network.Id && a.DecidedAt != null)
                         .Select(a => new { a.Id, a.Status, a.DecidedAt, a.Reason }).Take(30).ToListAsync())
                entries.Add(By(officer, a.DecidedAt!.Value, a.Status == ApplicationStatus.Rejected ? "card.application-rejected" : "card.application-approved",
                    nameof(CardApplication), a.Id, a.Status == ApplicationStatus.Rejected ? a.Reason : "carte emesse per il nucleo"));
        }
        db.AuditEntries.AddRange(entries.Where(e => e.At <= now));
        await db.SaveChangesAsync();
    }
}
