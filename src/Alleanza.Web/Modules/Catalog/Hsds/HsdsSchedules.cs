using System.Globalization;
using System.Text.Json;
using Alleanza.Web.Platform;

namespace Alleanza.Web.Modules.Catalog.Hsds;

/// <summary>
/// An HSDS schedule is either a recurrence (freq WEEKLY / MONTHLY / DAILY with byday, bymonthday, interval, opens_at,
/// closes_at — RRULE-like), which becomes the catalogue's recurring schedule in words ("ogni giovedì e venerdì, 10:00–18:00"),
/// or a dated occurrence (dtstart with a time, or a date and opens_at), which becomes a session; one with only a description
/// becomes the recurring schedule as written. What cannot be said that way is reported, never guessed.
/// </summary>
public static class HsdsSchedules
{
    public delegate void Warn(string field, string? value, string reason);

    public abstract record Result;
    public sealed record Recurring(string Text) : Result;
    public sealed record Dated(DateTime StartsAt, DateTime? EndsAt) : Result;

    /// <summary>The fields this mapping reads; the others are reported by the importer.</summary>
    public static readonly HashSet<string> Taken =
        ["id", "freq", "byday", "bymonthday", "interval", "opens_at", "closes_at", "dtstart", "valid_from", "valid_to", "until", "wkst", "timezone", "description", "count", "byweekno", "byyearday"];

    static readonly Dictionary<string, string> Days = new()
    {
        ["MO"] = "lunedì", ["TU"] = "martedì", ["WE"] = "mercoledì", ["TH"] = "giovedì", ["FR"] = "venerdì", ["SA"] = "sabato", ["SU"] = "domenica",
    };
    static readonly string[] Ordinals = ["", "primo", "secondo", "terzo", "quarto", "quinto"];

    public static Result? Map(JsonElement s, Warn warn)
    {
        var freq = Str(s, "freq")?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(freq)) return RecurringOf(s, freq, warn);
        var dtstart = Str(s, "dtstart");
        if (!string.IsNullOrWhiteSpace(dtstart)) return DatedOf(s, dtstart.Trim(), warn);
        if (Str(s, "description")?.Trim() is { Length: > 0 } words) return new Recurring(words);
        warn("schedules", Summary(s), "Orario senza ricorrenza (freq), senza data (dtstart) e senza descrizione: non importato.");
        return null;
    }

    static Recurring? RecurringOf(JsonElement s, string freq, Warn warn)
    {
        var interval = Int(s, "interval") is { } i and > 1 ? i : 1;
        string text;
        switch (freq)
        {
            case "DAILY":
                text = interval == 1 ? "tutti i giorni" : $"ogni {interval} giorni";
                break;
            case "WEEKLY":
            {
                var days = WeekDays(s, warn);
                if (days is null) return null;
                var every = interval switch { 1 => "ogni", 2 => "a settimane alterne,", _ => $"ogni {interval} settimane," };
                text = days.Count == 0 ? (interval == 1 ? "ogni settimana" : every.TrimEnd(',')) : $"{every} {Join(days)}";
                if (Str(s, "bymonthday") is { Length: > 0 } md) warn("schedules.bymonthday", md, "In una ricorrenza settimanale il catalogo non limita i giorni del mese: ignorato.");
                break;
            }
            case "MONTHLY":
            {
                var every = interval == 1 ? "del mese" : $"ogni {interval} mesi";
                if (Str(s, "byday") is { Length: > 0 } byday)
                {
                    var parts = new List<string>();
                    foreach (var token in byday.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var day = token.Length >= 2 ? token[^2..].ToUpperInvariant() : "";
                        var n = token.Length > 2 && int.TryParse(token[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) ? k : 0;
                        if (!Days.TryGetValue(day, out var name) || n is < -1 or > 5)
                        {
                            warn("schedules.byday", byday, "Giorno non riconosciuto (si attende per esempio 1MO, -1FR): orario non importato.");
                            return null;
                        }
                        parts.Add(n switch { 0 => $"ogni {name}", -1 => $"l'ultimo {name}", _ => $"il {Ordinals[n]} {name}" });
                    }
                    text = $"{Join(parts)} {every}";
                }
                else if (Str(s, "bymonthday") is { Length: > 0 } bymonthday)
                {
                    var numbers = bymonthday.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (numbers.Any(x => !int.TryParse(x, CultureInfo.InvariantCulture, out var d) || d is < -31 or > 31 or 0))
                    {
                        warn("schedules.bymonthday", bymonthday, "Giorni del mese non riconosciuti: orario non importato.");
                        return null;
                    }
                    numbers = numbers.Select(x => x == "-1" ? "l'ultimo giorno" : x).ToList();
                    text = numbers.Count == 1 && numbers[0] != "l'ultimo giorno" ? $"il giorno {numbers[0]} {every}" : $"i giorni {Join(numbers)} {every}";
                }
                else text = interval == 1 ? "una volta al mese" : $"ogni {interval} mesi";
                break;
            }
            default:
                warn("schedules.freq", freq, "Il catalogo descrive orari giornalieri, settimanali o mensili: questa ricorrenza non è importata.");
                return null;
        }
        var opens = Time(s, "opens_at", warn);
        var closes = Time(s, "closes_at", warn);
        if (opens is { } o) text += closes is { } c ? $", {H(o)}–{H(c)}" : $", dalle {H(o)}";
        else if (closes is { } c) text += $", fino alle {H(c)}";
        var from = Date(s, "valid_from");
        var to = new[] { Date(s, "valid_to"), Date(s, "until") }.Where(d => d is not null).Min();
        if (from is { } f && to is { } t) text += $" (dal {D(f)} al {D(t)})";
        else if (from is { } f2) text += $" (dal {D(f2)})";
        else if (to is { } t2) text += $" (fino al {D(t2)})";
        if (Num(s, "count") is { } count) warn("schedules.count", count, "Il catalogo non limita il numero di ripetizioni: ignorato.");
        if (Str(s, "byweekno") is { Length: > 0 } weeks) warn("schedules.byweekno", weeks, "Il catalogo non sceglie le settimane dell'anno: ignorato.");
        if (Str(s, "byyearday") is { Length: > 0 } yeardays) warn("schedules.byyearday", yeardays, "Il catalogo non sceglie i giorni dell'anno: ignorato.");
        if (Str(s, "description")?.Trim() is { Length: > 0 } description && description != text)
            warn("schedules.description", description, $"L'orario è importato come «{text}»; la descrizione libera non ha un campo a sé.");
        return new Recurring(text);
    }

    static List<string>? WeekDays(JsonElement s, Warn warn)
    {
        var byday = Str(s, "byday");
        if (string.IsNullOrWhiteSpace(byday)) return [];
        var days = new List<string>();
        foreach (var token in byday.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Days.TryGetValue(token.ToUpperInvariant(), out var name))
            {
                warn("schedules.byday", byday, "Giorno della settimana non riconosciuto (si attende MO, TU, WE, TH, FR, SA, SU): orario non importato.");
                return null;
            }
            days.Add(name);
        }
        return days;
    }

    static Dated? DatedOf(JsonElement s, string dtstart, Warn warn)
    {
        DateTime starts;
        if (dtstart.Contains('T'))
        {
            if (!DateTimeOffset.TryParse(dtstart, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                warn("schedules.dtstart", dtstart, "Data e ora non riconosciute (si attende ISO 8601): sessione non importata.");
                return null;
            }
            starts = at.UtcDateTime;
        }
        else if (DateOnly.TryParseExact(dtstart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (Time(s, "opens_at", warn) is not { } opens)
            {
                warn("schedules.dtstart", dtstart, "Una data senza ora di inizio (opens_at) non fa una sessione: non importata.");
                return null;
            }
            if (Rome(day, opens) is not { } utc) { warn("schedules.opens_at", Str(s, "opens_at"), "Ora inesistente in Italia in quel giorno (cambio dell'ora): non importata."); return null; }
            starts = utc;
        }
        else
        {
            warn("schedules.dtstart", dtstart, "Data non riconosciuta (si attende AAAA-MM-GG): sessione non importata.");
            return null;
        }
        DateTime? ends = null;
        if (Time(s, "closes_at", warn) is { } closes && Rome(DateOnly.FromDateTime(starts.ToRome()), closes) is { } end && end > starts) ends = end;
        foreach (var field in new[] { "count", "byweekno", "byyearday" })
            if (s.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                warn("schedules." + field, v.ToString(), "Senza ricorrenza (freq) questo campo non ha senso per il catalogo: ignorato.");
        return new Dated(starts, ends);
    }

    static DateTime? Rome(DateOnly day, TimeOnly time)
    {
        try { return RomeTime.FromRome(day, time); }
        catch (ArgumentException) { return null; }
    }

    static TimeOnly? Time(JsonElement s, string field, Warn warn)
    {
        var text = Str(s, field)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        // HSDS writes 10:00:00 or 10:00, sometimes with an offset (10:00:00+01:00): the time is kept as written.
        var core = text.Length > 8 && (text[8] is '+' or '-' or 'Z') ? text[..8] : text.TrimEnd('Z');
        if (TimeOnly.TryParseExact(core, ["HH:mm:ss", "HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        warn("schedules." + field, text, "Ora non riconosciuta (si attende HH:MM): ignorata.");
        return null;
    }

    static DateOnly? Date(JsonElement s, string field) =>
        Str(s, field) is { } text && DateOnly.TryParse(text.Length >= 10 ? text[..10] : text, CultureInfo.InvariantCulture, out var d) ? d : null;

    static string H(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
    static string D(DateOnly d) => d.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    static string Join(IReadOnlyList<string> items) => items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " e " + items[^1];

    static string? Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
        ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;
    static int? Int(JsonElement e, string name) => Str(e, name) is { } t && int.TryParse(t, CultureInfo.InvariantCulture, out var i) ? i : null;
    static string? Num(JsonElement e, string name) => Str(e, name) is { Length: > 0 } t ? t : null;
    static string Summary(JsonElement e) => e.GetRawText() is var raw && raw.Length > 150 ? raw[..150] + "…" : raw;
}
