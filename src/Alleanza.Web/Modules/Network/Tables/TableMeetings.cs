using System.Security.Cryptography;
using System.Text;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Alleanza.Web.Platform.Notifications;
using Alleanza.Web.Platform.Tenancy;
using Markdig;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables;

public enum SignInOutcome { Recorded, AlreadyRecorded, WrongCode, NotToday, NotMember }

/// <summary>
/// Meetings of a table: creation (members get an e-mail with an .ics invitation), minutes, attendance by QR
/// (a code printed in the meeting's QR, valid on the meeting's day) or ticked by the referent.
/// </summary>
public sealed class TableMeetings(AppDbContext db, CurrentNetwork current, AuditLog audit, TimeProvider clock, NotificationService notifications,
    IDataProtectionProvider protection, Platform.PublicSite site)
{
    public const string ProtectorPurpose = "Alleanza.Tables.MeetingSignIn";
    readonly IDataProtector protector = protection.CreateProtector(ProtectorPurpose);
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Markdown without raw HTML, like the catalogue's descriptions.</summary>
    public static string RenderMarkdown(string? markdown) => OpportunityDetails.RenderMarkdown(markdown ?? "");

    public static MeetingForm FormFrom(TableMeeting m)
    {
        var start = m.StartsAt.ToRome();
        return new MeetingForm
        {
            Date = DateOnly.FromDateTime(start), Start = TimeOnly.FromDateTime(start), End = TimeOnly.FromDateTime(m.EndsAt.ToRome()),
            Place = m.Place, OnlineUrl = m.OnlineUrl, Agenda = m.Agenda,
        };
    }

    public async Task<TableMeeting> CreateAsync(WorkingTable table, MeetingForm form)
    {
        var (hash, sealedCode) = NewSignInCode(protector);
        var meeting = new TableMeeting
        {
            Id = Guid.NewGuid(), NetworkId = current.Id, TableId = table.Id, SignInCodeHash = hash, SignInCodeSealed = sealedCode,
            CreatedAt = Now, UpdatedAt = Now,
        };
        Apply(meeting, form);
        db.TableMeetings.Add(meeting);
        audit.Add("tavolo.incontro-creato", "TableMeeting", meeting.Id, $"{table.Name}: {RomeTime.Format(meeting.StartsAt)}", current.Id);
        await db.SaveChangesAsync();
        await NotifyAsync(table, meeting, changed: false);
        return meeting;
    }

    /// <summary>Changes date, time, place or agenda; members are told again when the date or the place changed.</summary>
    public async Task UpdateAsync(WorkingTable table, Guid meetingId, MeetingForm form)
    {
        var meeting = await db.TableMeetings.FirstAsync(m => m.Id == meetingId && m.NetworkId == current.Id);
        var before = (meeting.StartsAt, meeting.EndsAt, meeting.Place, meeting.OnlineUrl);
        Apply(meeting, form);
        var moved = before != (meeting.StartsAt, meeting.EndsAt, meeting.Place, meeting.OnlineUrl);
        if (moved) meeting.Sequence++;
        meeting.UpdatedAt = Now;
        audit.Add("tavolo.incontro-modificato", "TableMeeting", meeting.Id, RomeTime.Format(meeting.StartsAt), current.Id);
        await db.SaveChangesAsync();
        if (moved && meeting.EndsAt > Now) await NotifyAsync(table, meeting, changed: true);
    }

    public async Task SaveMinutesAsync(Guid meetingId, string? minutes)
    {
        var meeting = await db.TableMeetings.FirstAsync(m => m.Id == meetingId && m.NetworkId == current.Id);
        meeting.Minutes = WorkingTables.Clean(minutes);
        meeting.UpdatedAt = Now;
        audit.Add("tavolo.verbale-salvato", "TableMeeting", meeting.Id, null, current.Id);
        await db.SaveChangesAsync();
    }

    static void Apply(TableMeeting meeting, MeetingForm form)
    {
        meeting.StartsAt = RomeTime.FromRome(form.Date!.Value, form.Start!.Value);
        meeting.EndsAt = RomeTime.FromRome(form.Date!.Value, form.End!.Value);
        meeting.Place = WorkingTables.Clean(form.Place);
        meeting.OnlineUrl = WorkingTables.Clean(form.OnlineUrl);
        meeting.Agenda = WorkingTables.Clean(form.Agenda);
    }

    /// <summary>The sign-in code the meeting's QR carries (for the people who run the table).</summary>
    public string SignInCode(TableMeeting meeting) => protector.Unprotect(meeting.SignInCodeSealed);

    public static string SignInPath(Guid meetingId, string code) => $"/rete/tavoli/incontri/{meetingId}/presenza?codice={Uri.EscapeDataString(code)}";

    /// <summary>Whether a code opens the meeting's sign-in (compared in constant time).</summary>
    public static bool CodeMatches(TableMeeting meeting, string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 100
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(meeting.SignInCodeHash));

    /// <summary>Whether today (in Italy) is the meeting's day.</summary>
    public bool IsMeetingDay(TableMeeting meeting) => DateOnly.FromDateTime(meeting.StartsAt.ToRome()) == RomeTime.Today(clock);

    /// <summary>Records the person's presence with the QR's code: a member of the table, on the meeting's day. Idempotent.</summary>
    public async Task<SignInOutcome> SignInAsync(TableAccess table, TableMeeting meeting, string? code)
    {
        if (!CodeMatches(meeting, code)) return SignInOutcome.WrongCode;
        if (!table.IsMember || table.UserId is not { } userId) return SignInOutcome.NotMember;
        if (!IsMeetingDay(meeting)) return SignInOutcome.NotToday;
        if (await db.MeetingAttendances.AnyAsync(a => a.MeetingId == meeting.Id && a.UserId == userId)) return SignInOutcome.AlreadyRecorded;
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, UserId = userId, At = Now, Method = AttendanceMethod.Qr });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { return SignInOutcome.AlreadyRecorded; } // the same phone sent it twice at once
        return SignInOutcome.Recorded;
    }

    /// <summary>The referent's register: exactly the ticked members are present (people no longer at the table keep their row).</summary>
    public async Task SetAttendanceAsync(Guid tableId, Guid meetingId, IReadOnlyCollection<Guid> present)
    {
        var members = await db.TableMembers.Where(m => m.TableId == tableId).Select(m => m.UserId).ToListAsync();
        var existing = await db.MeetingAttendances.Where(a => a.MeetingId == meetingId).ToListAsync();
        foreach (var a in existing.Where(a => members.Contains(a.UserId) && !present.Contains(a.UserId))) db.MeetingAttendances.Remove(a);
        foreach (var userId in present.Where(members.Contains).Where(u => existing.All(a => a.UserId != u)))
            db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meetingId, UserId = userId, At = Now, Method = AttendanceMethod.Referent });
        audit.Add("tavolo.presenze-registrate", "TableMeeting", meetingId, $"{present.Count(members.Contains)} presenti", current.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>The meeting as an iCalendar invitation (METHOD:REQUEST) addressed to the table's members.</summary>
    public string Invitation(WorkingTable table, TableMeeting meeting, IReadOnlyList<string> attendees, string origin)
    {
        var network = current.Network!;
        var description = new StringBuilder(Tr.Get("Incontro del tavolo «{0}» — {1}.", table.Name, network.Name));
        if (meeting.OnlineUrl is not null) description.Append('\n').Append(Tr.Get("Per partecipare online: {0}", meeting.OnlineUrl));
        if (meeting.Agenda is not null) description.Append("\n\n").Append(Tr.Get("Ordine del giorno:")).Append('\n').Append(Markdown.ToPlainText(meeting.Agenda).Trim());
        var url = $"{origin}/rete/tavoli/incontri/{meeting.Id}?rete={network.Slug}";
        var entry = new Calendar.Entry($"{meeting.Id}@alleanza", Tr.Get("Tavolo: {0}", table.Name), description.ToString(), meeting.Place ?? meeting.OnlineUrl,
            meeting.StartsAt, meeting.EndsAt, url, (network.Name, OrganizerEmail), attendees, meeting.Sequence);
        return Calendar.Write(table.Name, [entry], Now, method: "REQUEST");
    }

    string OrganizerEmail => $"noreply@{(site.Host.Contains('.') ? site.Host : "alleanza.local")}";

    string Origin => site.Origin;

    async Task NotifyAsync(WorkingTable table, TableMeeting meeting, bool changed)
    {
        var members = await (from m in db.TableMembers join u in db.Users on m.UserId equals u.Id
                             where m.TableId == table.Id && u.Email != null select new { u.Id, Email = u.Email! }).ToListAsync();
        if (members.Count == 0) return;
        var attendees = members.Select(m => m.Email).ToList();
        // The meeting is saved and shown on the table's page whatever happens to the mails (the service logs a failure).
        // Each member reads it in their language, the calendar invitation's texts too; the table's name, place and agenda as written.
        await notifications.NotifyAsync(members.Select(m => m.Id), to =>
        {
            var ics = Encoding.UTF8.GetBytes(Invitation(table, meeting, attendees, Origin));
            var when = Tr.Get("{0} dalle {1} alle {2}", RomeTime.Format(meeting.StartsAt, "dddd d MMMM yyyy"), RomeTime.Format(meeting.StartsAt, "HH:mm"), RomeTime.Format(meeting.EndsAt, "HH:mm"));
            var where = string.Join("\n", new[] { meeting.Place is null ? null : Tr.Get("Luogo: {0}", meeting.Place), meeting.OnlineUrl is null ? null : Tr.Get("Online: {0}", meeting.OnlineUrl) }.Where(s => s is not null));
            var subject = changed ? Tr.Get("Incontro spostato: tavolo «{0}»", table.Name) : Tr.Get("Nuovo incontro del tavolo «{0}»", table.Name);
            var text = (changed ? Tr.Get("L'incontro del tavolo è cambiato.") : Tr.Get("È stato fissato un incontro del tavolo.")) + $"\n\n{table.Name}\n{when}\n{where}\n\n" +
                       Tr.Get("L'ordine del giorno e i documenti sono sulla pagina dell'incontro. Nell'email trovate in allegato l'invito da aggiungere al calendario.");
            return new Notice(NotificationKinds.Meeting.Key, current.Id, to, subject, text, $"/rete/tavoli/incontri/{meeting.Id}?rete={current.Network!.Slug}")
            {
                LinkLabel = Tr.Get("Apri l'incontro"),
                Attachments = [new MailAttachment("invito.ics", "text/calendar; method=REQUEST; charset=UTF-8", ics)],
            };
        });
    }

    /// <summary>A new random sign-in code: its hash and its sealed copy (the code itself is not stored).</summary>
    public static (string Hash, string Sealed) NewSignInCode(IDataProtector protector)
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        return (Hash(code), protector.Protect(code));
    }

    static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
