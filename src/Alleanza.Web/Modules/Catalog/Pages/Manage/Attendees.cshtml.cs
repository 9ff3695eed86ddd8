using System.Globalization;
using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

/// <summary>Who registered, per date: the partner's list, its CSV export and the attendance register.</summary>
public class AttendeesModel(Publishing publishing, AppDbContext db, Platform.Audit.PersonalDataReads reads, Network.Messages.NetworkMessages messages,
    Platform.Tenancy.CurrentNetwork network, Platform.Tenancy.CurrentAccess access) : PageModel
{
    /// <summary>A message to the registrants of one date (e.g. a cancellation or a change of place).</summary>
    [BindProperty] public Network.Messages.RegistrantsMessageForm Write { get; set; } = new();
    public Paged<Network.Messages.NetworkMessages.Row> Sent { get; private set; } = new([], 0, 1, Network.Messages.NetworkMessages.PageSize);

    public sealed record Row(Guid Id, Guid UserId, string Name, string Email, string Participants, int Places, RegistrationStatus Status, DateTime CreatedAt, bool? Attended);
    public sealed record SessionRows(OpportunitySession Session, List<Row> Rows);

    public Opportunity Opportunity { get; private set; } = default!;
    public List<SessionRows> Sessions { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        var o = await publishing.FindEditableAsync(id);
        if (o is null) return false;
        Opportunity = o;
        var sessionIds = o.Sessions.Select(s => s.Id).ToList();
        var rows = await db.Registrations.AsNoTracking().Where(r => sessionIds.Contains(r.SessionId) && r.Status != RegistrationStatus.Cancelled)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.SessionId, Row = new Row(r.Id, r.UserId, u.DisplayName, u.Email ?? "", r.Participants, r.Places, r.Status, r.CreatedAt, r.Attended) })
            .ToListAsync();
        Sessions = o.Sessions.OrderBy(s => s.StartsAt)
            .Select(s => new SessionRows(s, rows.Where(r => r.SessionId == s.Id).Select(r => r.Row).OrderBy(r => r.Status).ThenBy(r => r.CreatedAt).ToList())).ToList();
        Sent = await messages.ListAsync(network.Id, 1, o.Id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string? formato)
    {
        if (!await LoadAsync(id)) return NotFound();
        // Each family listed sees this read in «I miei dati».
        var people = Sessions.SelectMany(s => s.Rows).Select(r => r.UserId);
        await reads.RecordAsync(formato == "csv" ? $"ha scaricato l'elenco degli iscritti a «{Opportunity.Title}» (CSV)" : $"ha aperto l'elenco degli iscritti a «{Opportunity.Title}»", people);
        if (formato != "csv") return Page();
        var csv = new StringBuilder("data;ora;nome;email;partecipanti;persone;stato;presente\r\n");
        foreach (var s in Sessions)
            foreach (var r in s.Rows)
                csv.Append(string.Join(';', Csv(RomeTime.Format(s.Session.StartsAt, "yyyy-MM-dd")), Csv(RomeTime.Format(s.Session.StartsAt, "HH:mm")), Csv(r.Name), Csv(r.Email),
                    Csv(r.Participants), r.Places.ToString(CultureInfo.InvariantCulture), r.Status == RegistrationStatus.Confirmed ? "confermata" : "lista d'attesa",
                    r.Attended switch { true => "sì", false => "no", _ => "" })).Append("\r\n");
        // BOM so that spreadsheet programs open the accents right.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"iscritti-{Text.Slug(Opportunity.Title)}.csv");
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid sessionId, List<Guid> present)
    {
        if (!await LoadAsync(id)) return NotFound();
        var session = Sessions.FirstOrDefault(s => s.Session.Id == sessionId);
        if (session is null) return NotFound();
        var confirmed = session.Rows.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Id).ToList();
        var registrations = await db.Registrations.Where(r => confirmed.Contains(r.Id)).ToListAsync();
        foreach (var r in registrations) r.Attended = present.Contains(r.Id);
        await db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Presenze salvate.");
        return Redirect($"/gestione/opportunita/{id}/iscritti");
    }

    public async Task<IActionResult> OnPostWriteAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var session = Sessions.FirstOrDefault(s => s.Session.Id == Write.SessionId);
        if (session is null) return NotFound();
        // Only this form's fields count (the attendance checkboxes are another form).
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Write) + ".", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        var name = User.FindFirst(Platform.Auth.AuthClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        var sent = await messages.SendAsync(network.Id, new(Network.Messages.MessageAudience.SessionRegistrants, SessionId: session.Session.Id),
            $"{Opportunity.Title}: {Write.Subject!.Trim()}", Write.Body!, access.UserId!.Value, name, Opportunity.Id);
        if (sent is null)
        {
            ModelState.AddModelError($"{nameof(Write)}.{nameof(Write.Subject)}", Tr.Get("Nessun iscritto con un indirizzo confermato a questa data: il messaggio non è stato inviato."));
            return Page();
        }
        TempData["Message"] = Tr.Get("Messaggio in invio agli iscritti del {0}.", RomeTime.Format(session.Session.StartsAt, "d/M/yyyy HH:mm"));
        return Redirect($"/gestione/opportunita/{id}/iscritti");
    }

    /// <summary>Quotes a CSV field, and defuses spreadsheet formulas (=, +, -, @ at the start).</summary>
    static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.Contains(';') || value.Contains('"') || value.Contains('\n') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
