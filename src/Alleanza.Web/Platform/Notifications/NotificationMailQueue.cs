using System.Threading.Channels;
using Alleanza.Web.Platform.Email;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// The immediate mails of notifications leave the request that raised them: <see cref="NotificationService.SendAsync"/>
/// hands each saved row here, and this instance's sender mails them a moment later, several over one SMTP connection
/// (a mail server answers in tens to hundreds of milliseconds; a family recording a delivery or a hand-over should not
/// wait for it). Nothing is lost if the instance stops first: the rows are in the database, not yet mailed, and
/// <see cref="NotificationService.RetryFailedAsync"/> (the scheduled jobs, on any instance) sends them ten minutes on.
/// </summary>
public sealed class NotificationMailQueue(IServiceScopeFactory scopes, ILogger<NotificationMailQueue> log) : BackgroundService
{
    /// <summary>How many queued mails one connection carries at most.</summary>
    public const int BatchSize = 50;

    /// <summary>One saved notification to mail: its row, the address and language read with the notice, what only the first mail carries.</summary>
    public sealed record Job(Notification Row, string Email, string? Language, string? LinkLabel, IReadOnlyList<MailAttachment> Attachments);

    readonly Channel<Job> jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Job job) => jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var batch = new List<Job>(BatchSize);
        try
        {
            while (await jobs.Reader.WaitToReadAsync(stop))
            {
                while (batch.Count < BatchSize && jobs.Reader.TryRead(out var job)) batch.Add(job);
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<NotificationService>().MailQueuedAsync(batch, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The rows stay not mailed: the retry job sends them later.
                    log.LogError(e, "Email di {Count} notifiche non inviate ora: nuovo tentativo con i lavori pianificati", batch.Count);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
