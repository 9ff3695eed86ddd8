using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

/// <summary>What the new-action and edit-action pages share: the form's choices and validation.</summary>
public abstract class ActionFormPage(WorkingTables tables, TableWork work, AppDbContext db) : PageModel
{
    /// <summary>The services the form needs; derived pages use these rather than capturing their own copies.</summary>
    protected WorkingTables Tables { get; } = tables;
    protected TableWork Work { get; } = work;
    protected AppDbContext Db { get; } = db;

    [BindProperty] public ActionForm Input { get; set; } = new();
    public TableAccess Access { get; protected set; } = default!;
    public List<SelectListItem> KindOptions { get; } = Enum.GetValues<TableActionKind>().Select(k => new SelectListItem(Tr.Get(TableActionLabels.Kind(k)), k.ToString())).ToList();
    public List<SelectListItem> StatusOptions { get; } = Enum.GetValues<TableActionStatus>().Select(s => new SelectListItem(Tr.Get(TableActionLabels.Status(s)), s.ToString())).ToList();
    public List<SelectListItem> OwnerOptions { get; private set; } = [];
    public List<SelectListItem> PartnerOptions { get; private set; } = [];
    public List<SelectListItem> MeetingOptions { get; private set; } = [];

    protected async Task LoadChoicesAsync()
    {
        var members = await Tables.MembersAsync(Access.Table.Id);
        OwnerOptions = members.Select(m => new SelectListItem(m.Name, m.UserId.ToString())).ToList();
        var partnerIds = members.Where(m => m.PartnerId is not null).Select(m => m.PartnerId!.Value).Append(Input.OwnerPartnerId ?? Guid.Empty).Distinct().ToList();
        PartnerOptions = await Db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id) && p.NetworkId == Access.Table.NetworkId).OrderBy(p => p.NameKey)
            .Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync();
        var meetings = await Db.TableMeetings.AsNoTracking().Where(m => m.TableId == Access.Table.Id).OrderByDescending(m => m.StartsAt).Take(100).Select(m => new { m.Id, m.StartsAt }).ToListAsync();
        MeetingOptions = meetings.Select(m => new SelectListItem(RomeTime.Format(m.StartsAt, "d/M/yyyy"), m.Id.ToString())).ToList();
    }

    protected async Task<bool> ValidateAsync()
    {
        foreach (var (key, message) in await Work.ValidateAsync(Access.Table.Id, Input))
            ModelState.AddModelError($"{nameof(Input)}.{key}", message);
        if (Input.Kind is { } k && !Enum.IsDefined(k)) ModelState.AddModelError("Input.Kind", Tr.Get("Scegli se è una decisione o un'azione."));
        if (Input.Status is { } s && !Enum.IsDefined(s)) ModelState.AddModelError("Input.Status", Tr.Get("Scegli lo stato."));
        if (ModelState.IsValid) return true;
        await LoadChoicesAsync();
        return false;
    }
}

public class NewActionModel(WorkingTables tables, TableWork work, AppDbContext db) : ActionFormPage(tables, work, db)
{
    async Task<bool> LoadAsync(Guid id)
    {
        if (await Tables.AccessAsync(id) is not { CanRun: true } access) return false;
        Access = access;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? incontro)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        Input.MeetingId = incontro;
        await LoadChoicesAsync();
        if (incontro is { } m && !MeetingOptions.Any(o => o.Value == m.ToString())) Input.MeetingId = null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await ValidateAsync()) return Page();
        await Work.CreateAsync(id, Input);
        TempData["Message"] = Input.Kind == TableActionKind.Decision ? Tr.Get("Decisione registrata.") : Tr.Get("Azione registrata.");
        return Redirect($"/rete/tavoli/{id}#azioni");
    }
}

public class EditActionModel(WorkingTables tables, TableWork work, AppDbContext db) : ActionFormPage(tables, work, db)
{
    public TableAction Action { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await Work.FindActionAsync(id) is not { } action) return false;
        if (await Tables.AccessAsync(action.TableId) is not { CanRun: true } access) return false;
        (Action, Access) = (action, access);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = TableWork.FormFrom(Action);
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await ValidateAsync()) return Page();
        await Work.UpdateAsync(Action, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/rete/tavoli/{Access.Table.Id}#azioni");
    }
}
