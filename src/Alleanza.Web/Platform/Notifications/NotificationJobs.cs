using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// The scheduled side of notifications, every <c>Notifications:JobInterval</c> (5 minutes by default; 0 turns it off, as
/// the tests do, which run the jobs themselves with a clock they move): the daily digest once the day's digest hour
/// (<c>Notifications:DigestHour</c>, 7 in Italy by default) has passed, the weekly digest of new opportunities on Mondays
/// from the same hour, and the retry of mails that failed. Every step claims its rows with a conditional UPDATE, so
/// several instances may run it at the same time and each mail still leaves once.
/// </summary>
public sealed class NotificationJobs(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<NotificationJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Notifications:JobInterval", TimeSpan.FromMinutes(5));
        if (interval <= TimeSpan.Zero) return;
        try { await Task.Delay(TimeSpan.FromSeconds(20), clock, stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RunDueAsync(scope.ServiceProvider, clock, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Lavori pianificati delle notifiche non completati");
            }
            try { await Task.Delay(interval, clock, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <param name="Digests">daily digest mails sent</param>
    /// <param name="Periodic">people notified by the modules' periodic notifications (the weekly new opportunities)</param>
    /// <param name="Retried">failed mails sent on a later try</param>
    public sealed record RunResult(int Digests, int Periodic, int Retried);

    /// <summary>Runs what is due at <paramref name="clock"/>'s now: the daily digests, the weekly digests, the retries.</summary>
    public static async Task<RunResult> RunDueAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct = default)
    {
        var hour = services.GetRequiredService<IConfiguration>().GetValue("Notifications:DigestHour", 7);
        var notifications = ActivatorUtilities.CreateInstance<NotificationService>(services, clock);
        var digests = await notifications.SendDigestsAsync(DigestCutoff(clock.GetUtcNow().UtcDateTime, hour), ct);
        var weekly = 0;
        foreach (var source in services.GetServices<IScheduledNotifications>())
            weekly += await source.SendDueAsync(notifications, clock.GetUtcNow().UtcDateTime, hour, ct);
        var retried = await notifications.RetryFailedAsync(ct);
        return new(digests, weekly, retried);
    }

    /// <summary>The last digest time at or before <paramref name="nowUtc"/>: today's digest hour in Italy, or yesterday's before it.</summary>
    public static DateTime DigestCutoff(DateTime nowUtc, int hour)
    {
        var today = DateOnly.FromDateTime(nowUtc.ToRome());
        var at = RomeTime.FromRome(today, new TimeOnly(Math.Clamp(hour, 0, 23), 0));
        return at <= nowUtc ? at : RomeTime.FromRome(today.AddDays(-1), new TimeOnly(Math.Clamp(hour, 0, 23), 0));
    }
}

/// <summary>
/// A module's periodic notification (the Catalog's weekly digest of new opportunities), run by <see cref="NotificationJobs"/>.
/// It must claim each person's period with a conditional UPDATE (see <see cref="NotificationPreference.LastSentFor"/>)
/// so that two instances never send it twice. Returns how many people it notified.
/// </summary>
public interface IScheduledNotifications
{
    Task<int> SendDueAsync(NotificationService notifications, DateTime nowUtc, int digestHour, CancellationToken ct);
}
