using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// Condividi's scheduled work, run by <see cref="NotificationJobs"/> (every few minutes, several instances at once): the
/// reminder before a post expires, the expiry itself, the loan's reminder the day before it is due and the «in ritardo» notice.
/// Each row is claimed with a conditional UPDATE before anyone is told, so nobody hears twice.
/// </summary>
public sealed class ExchangeJobs(AppDbContext db) : IScheduledNotifications
{
    public async Task<int> SendDueAsync(NotificationService notifications, DateTime nowUtc, int digestHour, CancellationToken ct)
    {
        var sent = 0;
        // Reminders before expiry, by each network's settings.
        var settings = await db.SharingSettings.AsNoTracking().ToDictionaryAsync(s => s.NetworkId, ct);
        var soon = await db.SharingPosts.AsNoTracking()
            .Where(p => p.Status == PostStatus.Published && p.ExpiryReminderAt == null && p.ExpiresAt <= nowUtc.AddDays(14) && p.ExpiresAt > nowUtc)
            .Select(p => new { p.Id, p.NetworkId, p.OwnerUserId, p.Title, p.ExpiresAt }).Take(1000).ToListAsync(ct);
        foreach (var p in soon)
        {
            var days = settings.TryGetValue(p.NetworkId, out var s) ? s.ReminderDays : new SharingSettings().ReminderDays;
            if (p.ExpiresAt > nowUtc.AddDays(days)) continue;
            if (await db.SharingPosts.Where(x => x.Id == p.Id && x.ExpiryReminderAt == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExpiryReminderAt, nowUtc), ct) == 0) continue;
            sent += await notifications.NotifyAsync([p.OwnerUserId], to => new Notice(NotificationKinds.SharingPost.Key, p.NetworkId, to, Tr.Get("«{0}» scade presto", p.Title),
                Tr.Get("Il vostro annuncio scade il {0}. Se è ancora disponibile, dopo la scadenza potrete ripubblicarlo con un clic.", RomeTime.Format(p.ExpiresAt, "d/M/yyyy")),
                $"/condividi/{p.Id}") { LinkLabel = Tr.Get("Apri l'annuncio") }, ct);
        }
        // Expiry: published posts past their time.
        var expired = await db.SharingPosts.AsNoTracking().Where(p => p.Status == PostStatus.Published && p.ExpiresAt <= nowUtc)
            .Select(p => new { p.Id, p.NetworkId, p.OwnerUserId, p.Title }).Take(1000).ToListAsync(ct);
        foreach (var p in expired)
        {
            // The families' lists of every instance learn of it through their journal, written in the same transaction.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                if (await db.SharingPosts.Where(x => x.Id == p.Id && x.Status == PostStatus.Published && x.ExpiresAt <= nowUtc)
                        .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PostStatus.Expired).SetProperty(x => x.Version, x => x.Version + 1), ct) == 0) continue;
                await SharingListJournal.WriteAsync(db, p.NetworkId, p.Id, ct);
                await transaction.CommitAsync(ct);
            }
            sent += await notifications.NotifyAsync([p.OwnerUserId], to => new Notice(NotificationKinds.SharingPost.Key, p.NetworkId, to, Tr.Get("«{0}» è scaduto", p.Title),
                Tr.Get("Il vostro annuncio è scaduto e non è più visibile. Se è ancora disponibile, ripubblicatelo con un clic."), $"/condividi/{p.Id}") { LinkLabel = Tr.Get("Ripubblica") }, ct);
        }
        // Loans: a reminder the day before the due date, then «in ritardo» once.
        var today = DateOnly.FromDateTime(nowUtc.ToRome());
        var tomorrow = today.AddDays(1);
        var loans = await db.SharingPosts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Loan && p.Status == PostStatus.HandedOver && p.DueOn != null && p.DueOn <= tomorrow && p.PromisedToUserId != null
                && (p.DueReminderAt == null || p.DueOn < today))
            .Select(p => new { p.Id, p.NetworkId, p.OwnerUserId, Taker = p.PromisedToUserId!.Value, p.Title, Due = p.DueOn!.Value, p.DueReminderAt }).Take(1000).ToListAsync(ct);
        foreach (var p in loans)
        {
            var late = p.Due < today;
            // Before the due date one reminder; once late, one notice (the reminder's time moves past the due date).
            if (late && p.DueReminderAt is { } at && DateOnly.FromDateTime(at.ToRome()) > p.Due) continue;
            var previous = p.DueReminderAt;
            if (await db.SharingPosts.Where(x => x.Id == p.Id && x.DueReminderAt == previous).ExecuteUpdateAsync(u => u.SetProperty(x => x.DueReminderAt, nowUtc), ct) == 0) continue;
            sent += late
                ? await notifications.NotifyAsync([p.Taker, p.OwnerUserId], to => new Notice(NotificationKinds.SharingPost.Key, p.NetworkId, to, Tr.Get("Prestito in ritardo: «{0}»", p.Title),
                    Tr.Get("Il prestito andava restituito entro il {0}. Accordatevi nei messaggi per la restituzione.", RomeTime.Format(p.Due)), $"/condividi/{p.Id}"), ct)
                : await notifications.NotifyAsync([p.Taker], to => new Notice(NotificationKinds.SharingPost.Key, p.NetworkId, to, Tr.Get("Da restituire: «{0}»", p.Title),
                    Tr.Get("Il prestito va restituito entro il {0}. Accordatevi con la famiglia nei messaggi.", RomeTime.Format(p.Due)), $"/condividi/{p.Id}"), ct);
        }
        return sent;
    }
}
