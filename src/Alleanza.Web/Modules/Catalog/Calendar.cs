using System.Text;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>
/// iCalendar (RFC 5545) text: "add to calendar" files and feeds of sessions, and meeting invitations
/// (<c>METHOD:REQUEST</c>, RFC 5546) sent by e-mail to a working table's members.
/// </summary>
public static class Calendar
{
    /// <param name="Organizer">For invitations: the organiser's name and e-mail address.</param>
    /// <param name="Attendees">For invitations: the invited people's e-mail addresses.</param>
    /// <param name="Sequence">For invitations: raised at each change, so calendars replace the earlier version.</param>
    public sealed record Entry(string Uid, string Title, string Description, string? Location, DateTime StartsAt, DateTime? EndsAt, string Url,
        (string Name, string Email)? Organizer = null, IReadOnlyList<string>? Attendees = null, int Sequence = 0);

    /// <param name="method">An iTIP method such as <c>REQUEST</c> for invitations; none for plain files and feeds.</param>
    public static string Write(string calendarName, IEnumerable<Entry> entries, DateTime stampUtc, string? method = null)
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//Alleanza//Opportunita//IT");
        Line(sb, "CALSCALE:GREGORIAN");
        if (method is not null) Line(sb, "METHOD:" + method);
        Line(sb, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in entries)
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + e.Uid);
            Line(sb, "DTSTAMP:" + Utc(stampUtc));
            Line(sb, "DTSTART:" + Utc(e.StartsAt));
            Line(sb, "DTEND:" + Utc(e.EndsAt ?? e.StartsAt.AddHours(1)));
            Line(sb, "SUMMARY:" + Escape(e.Title));
            Line(sb, "DESCRIPTION:" + Escape(e.Description));
            if (e.Location is not null) Line(sb, "LOCATION:" + Escape(e.Location));
            Line(sb, "URL:" + e.Url);
            if (e.Sequence > 0 || method is not null) Line(sb, "SEQUENCE:" + e.Sequence);
            if (e.Organizer is { } o) Line(sb, $"ORGANIZER;CN={Quote(o.Name)}:mailto:{o.Email}");
            foreach (var a in e.Attendees ?? []) Line(sb, $"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{a}");
            Line(sb, "END:VEVENT");
        }
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>A parameter value (CN=…): quoted, without the characters a quoted value cannot hold.</summary>
    static string Quote(string s) => "\"" + s.Replace("\"", "'").ReplaceLineEndings(" ") + "\"";

    static string Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'");

    static string Escape(string s) => s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").ReplaceLineEndings("\\n");

    /// <summary>Lines longer than 75 octets are folded, as the standard asks.</summary>
    static void Line(StringBuilder sb, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= 75) { sb.Append(line).Append("\r\n"); return; }
        var current = new StringBuilder();
        var size = 0;
        var first = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (size + n > (first ? 75 : 74))
            {
                sb.Append(first ? "" : " ").Append(current).Append("\r\n");
                current.Clear(); size = 0; first = false;
            }
            current.Append(rune.ToString());
            size += n;
        }
        sb.Append(first ? "" : " ").Append(current).Append("\r\n");
    }
}
