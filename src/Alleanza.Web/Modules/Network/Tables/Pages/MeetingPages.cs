using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

/// <summary>The pages that show the meeting form (new and edit).</summary>
public interface IMeetingFormPage
{
    MeetingForm Input { get; }
}

public class NewMeetingModel(WorkingTables tables, TableMeetings meetings, TimeProvider clock) : PageModel, IMeetingFormPage
{
    [BindProperty] public MeetingForm Input { get; set; } = new() { Start = new TimeOnly(17, 30), End = new TimeOnly(19, 0) };
    public TableAccess Access { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.AccessAsync(id) is not { CanRun: true } access) return false;
        Access = access;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ModelState.IsValid && Platform.FutureDates.Problem(Input.Date!.Value, Input.Start!.Value, clock) is { } past)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(MeetingForm.Date)}", past);
        if (!ModelState.IsValid) return Page();
        var meeting = await meetings.CreateAsync(Access.Table, Input);
        TempData["Message"] = Tr.Get("Incontro fissato: i membri del tavolo ricevono l'invito per email.");
        return Redirect($"/rete/tavoli/incontri/{meeting.Id}");
    }
}

public class EditMeetingModel(WorkingTables tables, TableMeetings meetings, TimeProvider clock) : PageModel, IMeetingFormPage
{
    [BindProperty] public MeetingForm Input { get; set; } = new();
    public TableAccess Access { get; private set; } = default!;
    public TableMeeting Meeting { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.MeetingAccessAsync(id) is not { Access.CanRun: true } found) return false;
        (Access, Meeting) = found;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = TableMeetings.FormFrom(Meeting);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // A meeting already held keeps its date (its minutes are written afterwards); moving one to a time already past is refused.
        var was = TableMeetings.FormFrom(Meeting);
        if (ModelState.IsValid && (Input.Date, Input.Start) != (was.Date, was.Start)
            && Platform.FutureDates.Problem(Input.Date!.Value, Input.Start!.Value, clock) is { } past)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(MeetingForm.Date)}", past);
        if (!ModelState.IsValid) return Page();
        await meetings.UpdateAsync(Access.Table, id, Input);
        TempData["Message"] = Tr.Get("Incontro aggiornato.");
        return Redirect($"/rete/tavoli/incontri/{id}");
    }
}
