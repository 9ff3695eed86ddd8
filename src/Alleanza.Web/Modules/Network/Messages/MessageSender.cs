using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Messages;

/// <summary>
/// Delivers the network's messages in the background, a batch at a time. Each recipient is claimed with a conditional
/// UPDATE (DeliveredAt from null to now) before it is handed over, so several instances never deliver twice; the message's
/// count follows the claimed rows and it is marked sent when none is left.
/// </summary>
public sealed class MessageSender(IServiceScopeFactory scopes, IConfiguration config, ILogger<MessageSender> log) : BackgroundService
{
    public const int BatchSize = 25;
    readonly SemaphoreSlim wake = new(0);

    /// <summary>Starts a round now (a message was just written) instead of at the next interval.</summary>
    public void Wake() { if (wake.CurrentCount == 0) wake.Release(); }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Messages:SendInterval", TimeSpan.FromSeconds(5));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                while (await SendBatchAsync(scope.ServiceProvider, stop) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Invio dei messaggi della rete interrotto; riprende al prossimo giro");
            }
            try { await wake.WaitAsync(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Delivers up to one batch of the oldest message still sending; returns how many recipients were handed over.</summary>
    public static async Task<int> SendBatchAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var message = await db.NetworkMessages.AsNoTracking().Where(m => m.Status == MessageStatus.Sending).OrderBy(m => m.CreatedAt).FirstOrDefaultAsync(cancel);
        if (message is null) return 0;
        var batch = await db.NetworkMessageRecipients.AsNoTracking().Where(r => r.MessageId == message.Id && r.DeliveredAt == null)
            .OrderBy(r => r.UserId).Take(BatchSize).Select(r => r.UserId).ToListAsync(cancel);
        var delivered = 0;
        foreach (var userId in batch)
        {
            var claimed = await db.NetworkMessageRecipients.Where(r => r.MessageId == message.Id && r.UserId == userId && r.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveredAt, now), cancel);
            if (claimed == 0) continue; // another instance has it
            await DeliverAsync(services, message, userId, cancel);
            delivered++;
        }
        var count = await db.NetworkMessageRecipients.CountAsync(r => r.MessageId == message.Id && r.DeliveredAt != null, cancel);
        await db.NetworkMessages.Where(m => m.Id == message.Id && m.Delivered < count).ExecuteUpdateAsync(s => s.SetProperty(m => m.Delivered, count), cancel);
        if (count >= message.Total)
            await db.NetworkMessages.Where(m => m.Id == message.Id && m.Status == MessageStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Sent).SetProperty(m => m.CompletedAt, now), cancel);
        return Math.Max(delivered, batch.Count == 0 && count >= message.Total ? 1 : 0);
    }

    static async Task DeliverAsync(IServiceProvider services, NetworkMessage message, Guid userId, CancellationToken cancel)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.FiscalCode }).FirstOrDefaultAsync(cancel);
        if (person is null) return;
        var network = await db.Networks.AsNoTracking().Where(n => n.Id == message.NetworkId).Select(n => n.Name).FirstAsync(cancel);
        try
        {
            // The notification service stores it in the person's list and mails it (or keeps it for the digest) as they chose.
            var link = message.OpportunityId is { } opportunity ? $"/opportunita/{opportunity}" : "/account/notifiche";
            // The coordinator's subject and text as written; our framing (the button) in the person's language.
            await services.GetRequiredService<Platform.Notifications.NotificationService>().NotifyAsync([userId], to =>
                new Platform.Notifications.Notice(Platform.Notifications.NotificationKinds.NetworkMessage.Key, message.NetworkId, to, message.Subject,
                    $"{message.Body}\n\n— {message.SentByName}, {network}", link) { LinkLabel = message.OpportunityId is null ? null : Tr.Get("Vedi l'opportunità") }, cancel);
            var io = services.GetRequiredService<Platform.Notifications.IoApp.IoAppClient>();
            if (person.FiscalCode is not null && io.Enabled)
                await io.SendAsync(person.FiscalCode, message.Subject, $"{message.Body}\n\n— {message.SentByName}", network, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILogger<MessageSender>>().LogWarning(e, "Messaggio {Message} non consegnato a {User}", message.Id, userId);
        }
    }
}
