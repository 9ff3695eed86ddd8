namespace Alleanza.Web.Platform;

/// <summary>Times are stored in UTC and shown in Italy's time zone.</summary>
public static class RomeTime
{
    static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    public static readonly System.Globalization.CultureInfo Italian = System.Globalization.CultureInfo.GetCultureInfo("it-IT");

    /// <summary>Today's date in Italy.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToRome());

    public static DateTime ToRome(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc.Kind == DateTimeKind.Utc ? utc : DateTime.SpecifyKind(utc, DateTimeKind.Utc), Rome);

    /// <summary>A day and time typed by a person in Italy, as UTC.</summary>
    public static DateTime FromRome(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(time), DateTimeKind.Unspecified), Rome);

    public static string Format(DateTime utc, string format = "d/M/yyyy HH:mm") =>
        utc.ToRome().ToString(format, Italian);
}
