using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

/// <summary>
/// Where the meeting's QR leads: a member opening it on the meeting's day confirms their presence with one button
/// (a POST, so that links and prefetching never record anyone). Wrong code, another day or a non-member: a message, nothing recorded.
/// </summary>
public class SignInModel(WorkingTables tables, TableMeetings meetings) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "codice")] public string? Code { get; set; }

    public TableAccess? Access { get; private set; }
    public TableMeeting? Meeting { get; private set; }
    /// <summary>Why the presence cannot be signed, or null when the button can be shown.</summary>
    public string? Problem { get; private set; }
    public SignInOutcome? Outcome { get; private set; }

    async Task<bool> LoadAsync(Guid id)
    {
        ModelState.Clear();
        var found = await tables.MeetingAccessAsync(id);
        // A person who is not at the table learns nothing about the meeting: the page says only that they cannot sign.
        if (found is null)
        {
            Problem = Tr.Get("Non risulti tra i membri del tavolo di questo incontro: la presenza non è stata registrata. Se pensi sia un errore, parlane con il referente del tavolo.");
            return false;
        }
        (Access, Meeting) = found.Value;
        if (!TableMeetings.CodeMatches(Meeting, Code)) Problem = Tr.Get("Il codice di questo QR non è valido per l'incontro: inquadra di nuovo il QR mostrato dal referente.");
        else if (!Access.IsMember) Problem = Tr.Get("Non sei tra i membri del tavolo: la presenza non è stata registrata.");
        else if (!meetings.IsMeetingDay(Meeting)) Problem = Tr.Get("Si può firmare la presenza solo il giorno dell'incontro ({0}).", RomeTimeDay(Meeting));
        return true;
    }

    static string RomeTimeDay(TableMeeting m) => Platform.RomeTime.Format(m.StartsAt, "dddd d MMMM yyyy");

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id) || Problem is not null) return Page();
        Outcome = await meetings.SignInAsync(Access!, Meeting!, Code);
        if (Outcome is SignInOutcome.Recorded or SignInOutcome.AlreadyRecorded)
        {
            TempData["Message"] = Outcome == SignInOutcome.Recorded ? Tr.Get("Presenza registrata. Buon lavoro!") : Tr.Get("La tua presenza era già registrata.");
            return Redirect($"/rete/tavoli/incontri/{id}");
        }
        Problem = Tr.Get("La presenza non è stata registrata.");
        return Page();
    }
}
