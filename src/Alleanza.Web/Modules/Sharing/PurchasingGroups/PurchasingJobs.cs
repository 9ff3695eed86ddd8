using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// The groups' scheduled work, run by <see cref="NotificationJobs"/> (every few minutes, on any instance): drafts whose opening
/// time has come are opened (members told), open cycles whose closing time has passed are closed (the same conditional
/// step as a referent's), and the members who have not booked hear the day before closing. Each row is claimed with a
/// conditional UPDATE before anyone is told. A cycle closed here sends its order to the supplier (<see cref="OrderDispatch"/>).
/// </summary>
public sealed class PurchasingJobs(AppDbContext db, Cycles cycles, OrderDispatch dispatch) : IScheduledNotifications
{
    public async Task<int> SendDueAsync(NotificationService notifications, DateTime nowUtc, int digestHour, CancellationToken ct)
    {
        var sent = 0;
        foreach (var cycle in await db.GafCycles.AsNoTracking().Where(c => c.Status == CycleStatus.Draft && c.OpensAt <= nowUtc && c.ClosesAt > nowUtc).Take(200).ToListAsync(ct))
            if ((await cycles.OpenAsync(cycle)).Outcome == Cycles.Outcome.Done) sent++;
        foreach (var cycle in await db.GafCycles.AsNoTracking().Where(c => c.Status == CycleStatus.Open && c.ClosesAt <= nowUtc).Take(200).ToListAsync(ct))
            await dispatch.CloseAsync(cycle);
        var tomorrow = nowUtc.AddHours(24);
        foreach (var cycle in await db.GafCycles.AsNoTracking().Where(c => c.Status == CycleStatus.Open && c.ClosingReminderAt == null && c.ClosesAt <= tomorrow && c.ClosesAt > nowUtc).Take(200).ToListAsync(ct))
        {
            if (await db.GafCycles.Where(c => c.Id == cycle.Id && c.ClosingReminderAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosingReminderAt, nowUtc), ct) == 0) continue;
            var waiting = await db.GafMembers.AsNoTracking().Where(m => m.GroupId == cycle.GroupId && m.LeftAt == null && !db.GafBookings.Any(b => b.CycleId == cycle.Id && b.MemberId == m.Id))
                .Select(m => m.UserId).Distinct().ToListAsync(ct);
            if (waiting.Count == 0) continue;
            sent += await notifications.NotifyAsync(waiting, to => new Notice(PurchasingKinds.Cycle.Key, cycle.NetworkId, to, Tr.Get("Chiude domani: {0}", cycle.Title),
                Tr.Get("L'ordine chiude il {0} alle {1} e non avete ancora prenotato.", RomeTime.Format(cycle.ClosesAt, "d/M/yyyy"), RomeTime.Format(cycle.ClosesAt, "HH:mm")),
                $"{PurchasingModule.Path}/ordini/{cycle.Id}") { LinkLabel = Tr.Get("Prenota") }, ct);
        }
        return sent;
    }
}
