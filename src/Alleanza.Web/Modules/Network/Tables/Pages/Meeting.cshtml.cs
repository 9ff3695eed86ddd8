using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

public class MeetingModel(WorkingTables tables, TableMeetings meetings, TableWork work, AppDbContext db) : PageModel
{
    public sealed record AttendeeRow(Guid UserId, string Name, string Role, bool Present, AttendanceMethod? Method);

    [BindProperty] public MinutesForm MinutesInput { get; set; } = new();
    [BindProperty] public List<Guid> Present { get; set; } = [];

    public TableAccess Access { get; private set; } = default!;
    public TableMeeting Meeting { get; private set; } = default!;
    public List<AttendeeRow> Attendees { get; private set; } = [];
    public List<ActionRow> Actions { get; private set; } = [];
    public List<DocumentRow> Documents { get; private set; } = [];
    public string? SignInUrl { get; private set; }
    public string? QrSvg { get; private set; }
    public bool IsMeetingDay { get; private set; }
    public bool IPresent => Attendees.Any(a => a.UserId == Access.UserId && a.Present);

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.MeetingAccessAsync(id) is not { } found) return false;
        (Access, Meeting) = found;
        var members = await tables.MembersAsync(Access.Table.Id);
        var present = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == id).Select(a => new { a.UserId, a.Method }).ToListAsync();
        Attendees = members.Select(m => new AttendeeRow(m.UserId, m.Name, NetworkText.Role(m.Role) + (m.PartnerName is null ? "" : ", " + m.PartnerName),
            present.Any(p => p.UserId == m.UserId), present.FirstOrDefault(p => p.UserId == m.UserId)?.Method)).ToList();
        Actions = await work.ActionsAsync(Access.Table.Id, null, id);
        Documents = (await work.DocumentsAsync(Access.Table.Id)).Where(d => d.MeetingId == id).ToList();
        IsMeetingDay = meetings.IsMeetingDay(Meeting);
        if (Access.CanRun)
        {
            SignInUrl = $"{Platform.PublicSite.OriginOf(HttpContext)}{TableMeetings.SignInPath(id, meetings.SignInCode(Meeting))}";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(SignInUrl, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(6);
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        MinutesInput.Minutes = Meeting.Minutes;
        return Page();
    }

    public async Task<IActionResult> OnPostMinutesAsync(Guid id)
    {
        if (!await LoadAsync(id) || !Access.CanRun) return NotFound();
        ModelState.KeepOnly(nameof(MinutesInput));
        if (!ModelState.IsValid) return Page();
        await meetings.SaveMinutesAsync(id, MinutesInput.Minutes);
        TempData["Message"] = Tr.Get("Verbale salvato.");
        return Redirect($"/rete/tavoli/incontri/{id}#verbale");
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id)
    {
        if (!await LoadAsync(id) || !Access.CanRun) return NotFound();
        ModelState.KeepOnly(nameof(Present));
        MinutesInput.Minutes = Meeting.Minutes;
        if (!ModelState.IsValid) return Page();
        await meetings.SetAttendanceAsync(Access.Table.Id, id, Present);
        TempData["Message"] = Tr.Get("Presenze registrate.");
        return Redirect($"/rete/tavoli/incontri/{id}#presenze");
    }
}
