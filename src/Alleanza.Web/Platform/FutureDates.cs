namespace Alleanza.Web.Platform;

/// <summary>
/// The one rule for forms that schedule something (a date of an activity, a working-table meeting): the day and time,
/// typed in Italian time, must be still to come. Registrations refuse past dates the same way.
/// </summary>
public static class FutureDates
{
    /// <summary>The Italian message when the day and time typed have already passed, otherwise null.</summary>
    public static string? Problem(DateOnly date, TimeOnly start, TimeProvider clock)
    {
        var at = RomeTime.FromRome(date, start);
        return at <= clock.GetUtcNow().UtcDateTime
            ? $"Il {date:d/M/yyyy} alle {start:HH\\:mm} è già passato: scegli un giorno e un'ora futuri."
            : null;
    }
}
