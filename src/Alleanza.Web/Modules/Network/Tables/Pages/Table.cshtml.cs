using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

public class TableModel(WorkingTables tables, TableWork work, AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record MeetingRow(Guid Id, DateTime StartsAt, DateTime EndsAt, string? Place, bool Online, bool HasMinutes, int Present);

    [BindProperty(SupportsGet = true, Name = "stato")] public string? Status { get; set; }
    [BindProperty] public IFormFile? Document { get; set; }
    [BindProperty] public Guid? DocumentMeetingId { get; set; }

    public TableAccess Access { get; private set; } = default!;
    public List<MemberRow> Members { get; private set; } = [];
    public List<MeetingRow> Upcoming { get; private set; } = [];
    public List<MeetingRow> Past { get; private set; } = [];
    public List<ActionRow> Actions { get; private set; } = [];
    public List<DocumentRow> Documents { get; private set; } = [];
    public TableActionStatus? StatusFilter { get; private set; }
    public List<SelectListItem> StatusOptions => Enum.GetValues<TableActionStatus>()
        .Select(s => new SelectListItem(Tr.Get(TableActionLabels.Status(s)), TableActionLabels.Slug(s), s == StatusFilter)).ToList();
    public List<SelectListItem> MeetingOptions => Past.Concat(Upcoming).OrderByDescending(m => m.StartsAt)
        .Select(m => new SelectListItem(RomeTime.Format(m.StartsAt, "d/M/yyyy"), m.Id.ToString())).ToList();
    public DateOnly Today => RomeTime.Today(clock);

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.AccessAsync(id) is not { } access) return false;
        Access = access;
        StatusFilter = TableActionLabels.FromSlug(Status);
        Members = await tables.MembersAsync(id);
        var now = clock.GetUtcNow().UtcDateTime;
        var meetings = await db.TableMeetings.AsNoTracking().Where(m => m.TableId == id).OrderByDescending(m => m.StartsAt).Take(200)
            .Select(m => new MeetingRow(m.Id, m.StartsAt, m.EndsAt, m.Place, m.OnlineUrl != null, m.Minutes != null, db.MeetingAttendances.Count(a => a.MeetingId == m.Id)))
            .ToListAsync();
        Upcoming = meetings.Where(m => m.EndsAt >= now).OrderBy(m => m.StartsAt).ToList();
        Past = meetings.Where(m => m.EndsAt < now).ToList();
        Actions = await work.ActionsAsync(id, StatusFilter);
        Documents = await work.DocumentsAsync(id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Access.CanRun) return NotFound();
        ModelState.Clear();
        if (await work.UploadAsync(id, DocumentMeetingId, Document, Access.UserId) is { } problem)
        {
            ModelState.AddModelError(nameof(Document), problem);
            return Page();
        }
        TempData["Message"] = Tr.Get("Documento allegato.");
        return Redirect($"/rete/tavoli/{id}#documenti");
    }
}
