namespace Alleanza.Web.Platform;

/// <summary>Times are stored in UTC and shown in Italy's time zone.</summary>
public static class RomeTime
{
    static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTime ToRome(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc.Kind == DateTimeKind.Utc ? utc : DateTime.SpecifyKind(utc, DateTimeKind.Utc), Rome);

    public static string Format(DateTime utc, string format = "d/M/yyyy HH:mm") =>
        utc.ToRome().ToString(format, System.Globalization.CultureInfo.GetCultureInfo("it-IT"));
}
