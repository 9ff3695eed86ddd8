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

    /// <summary>
    /// A UTC time shown in Italy's time zone, in the reader's language: the patterns are written the Italian way
    /// ("d/M/yyyy HH:mm", "dddd d MMMM") and, for another language, become that culture's own order and names.
    /// </summary>
    public static string Format(DateTime utc, string format = "d/M/yyyy HH:mm") => Format(utc.ToRome(), format, Culture);

    /// <summary>A day in the reader's language, from an Italian-style pattern.</summary>
    public static string Format(DateOnly day, string format = "d/M/yyyy") => Format(day.ToDateTime(TimeOnly.MinValue), format, Culture);

    /// <summary>The culture that formats dates and numbers for this request (Italian outside one).</summary>
    public static System.Globalization.CultureInfo Culture =>
        Localization.Languages.Find(System.Globalization.CultureInfo.CurrentCulture.Name)?.Culture ?? Italian;

    static string Format(DateTime local, string format, System.Globalization.CultureInfo culture)
    {
        if (culture.Name == Italian.Name) return local.ToString(format, Italian);
        var f = culture.DateTimeFormat;
        var chinese = culture.TwoLetterISOLanguageName == "zh";
        var time = format.Contains("HH:mm") ? f.ShortTimePattern : null;
        var weekday = format.Contains("dddd");
        var year = format.Contains("yyyy");
        string pattern;
        if (format is "d/M/yyyy" or "dd/MM/yyyy" or "d/M/yyyy HH:mm" or "dd/MM/yyyy HH:mm") pattern = f.ShortDatePattern;
        else if (format is "d/M" or "dd/MM") pattern = chinese ? "M/d" : culture.TwoLetterISOLanguageName == "en" ? "d/M" : format;
        else if (format.Contains("MMMM"))
            pattern = (chinese, weekday, year) switch
            {
                (true, true, true) => "yyyy年M月d日 dddd",
                (true, false, true) => "yyyy年M月d日",
                (true, true, false) => "M月d日 dddd",
                (true, false, false) => "M月d日",
                (false, true, true) => f.LongDatePattern,
                (false, false, true) => "d MMMM yyyy",
                (false, true, false) => "dddd d MMMM",
                _ => "d MMMM",
            };
        else if (format == "HH:mm") return local.ToString(f.ShortTimePattern, culture);
        else return local.ToString(format, culture);
        if (time is not null) pattern += " " + time;
        return local.ToString(pattern, culture);
    }
}
