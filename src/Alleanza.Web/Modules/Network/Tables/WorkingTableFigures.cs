using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>
/// The working tables' figures for the coordinator's dashboard: active tables, members and partners represented
/// per table, meetings held in a period with their average attendance, open and overdue actions.
/// Four grouped queries on indexed columns, whatever the number of tables.
/// </summary>
public sealed class WorkingTableFigures(AppDbContext db, TimeProvider clock)
{
    public sealed record TableFigures(Guid TableId, string Name, int Members, int Partners, int MeetingsHeld, double? AverageAttendance, int OpenActions, int OverdueActions);

    public sealed record Figures(int ActiveTables, int Members, int MeetingsHeld, double? AverageAttendance, int OpenActions, int OverdueActions, IReadOnlyList<TableFigures> Tables);

    /// <summary>Meetings "held" are those that started in [fromUtc, toUtc) and before now.</summary>
    public async Task<Figures> ForNetworkAsync(Guid networkId, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = RomeTime.Today(clock);
        var until = toUtc < now ? toUtc : now;

        var tables = await db.WorkingTables.AsNoTracking().Where(t => t.NetworkId == networkId && t.ArchivedAt == null)
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);

        var members = await (from m in db.TableMembers
                             join t in db.WorkingTables on m.TableId equals t.Id
                             where t.NetworkId == networkId && t.ArchivedAt == null
                             group m by m.TableId into g
                             select new { TableId = g.Key, People = g.Count(), Partners = g.Where(m => m.PartnerId != null).Select(m => m.PartnerId).Distinct().Count() })
            .ToDictionaryAsync(x => x.TableId, ct);

        var meetings = await db.TableMeetings.AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.StartsAt >= fromUtc && m.StartsAt < until)
            .GroupBy(m => m.TableId).Select(g => new { TableId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.TableId, x => x.Count, ct);

        var present = await (from a in db.MeetingAttendances
                             join m in db.TableMeetings on a.MeetingId equals m.Id
                             where m.NetworkId == networkId && m.StartsAt >= fromUtc && m.StartsAt < until
                             group a by m.TableId into g
                             select new { TableId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.TableId, x => x.Count, ct);

        var actions = await db.TableActions.AsNoTracking()
            .Where(a => a.NetworkId == networkId && a.Kind == TableActionKind.Action && (a.Status == TableActionStatus.Open || a.Status == TableActionStatus.InProgress))
            .GroupBy(a => a.TableId)
            .Select(g => new { TableId = g.Key, Open = g.Count(), Overdue = g.Count(a => a.DueDate != null && a.DueDate < today) })
            .ToDictionaryAsync(x => x.TableId, ct);

        var rows = tables.Select(t =>
        {
            var held = meetings.GetValueOrDefault(t.Id);
            var people = present.GetValueOrDefault(t.Id);
            var m = members.GetValueOrDefault(t.Id);
            var a = actions.GetValueOrDefault(t.Id);
            return new TableFigures(t.Id, t.Name, m?.People ?? 0, m?.Partners ?? 0, held, held == 0 ? null : Math.Round(people / (double)held, 1), a?.Open ?? 0, a?.Overdue ?? 0);
        }).ToList();
        var totalHeld = rows.Sum(r => r.MeetingsHeld);
        var totalPresent = tables.Sum(t => present.GetValueOrDefault(t.Id));
        return new Figures(rows.Count, rows.Sum(r => r.Members), totalHeld, totalHeld == 0 ? null : Math.Round(totalPresent / (double)totalHeld, 1),
            rows.Sum(r => r.OpenActions), rows.Sum(r => r.OverdueActions), rows);
    }
}
