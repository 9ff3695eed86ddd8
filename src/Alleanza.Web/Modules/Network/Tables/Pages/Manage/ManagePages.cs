using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Network.Tables.Pages.Manage;

public class TablesModel(WorkingTables tables) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "archiviati")] public bool Archived { get; set; }
    public Paged<WorkingTables.TableRow> Result { get; private set; } = new([], 0, 1, 20);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/gestione/tavoli", Request.Query);

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (ModelState["archiviati"]?.Errors.Count > 0) Archived = false;
        ModelState.Clear();
        Result = await tables.ListAsync(all: true, Archived, PageNumber);
    }
}

public class NewTableModel(WorkingTables tables) : PageModel
{
    [BindProperty] public NewTableForm Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (table, field, error) = await tables.CreateAsync(Input);
        if (table is null) { ModelState.AddModelError($"{nameof(Input)}.{field}", error!); return Page(); }
        TempData["Message"] = Tr.Get("Tavolo «{0}» creato. Aggiungi ora i membri.", table.Name);
        return Redirect($"/gestione/tavoli/{table.Id}/membri");
    }
}

public class EditTableModel(WorkingTables tables) : PageModel
{
    [BindProperty] public TableForm Input { get; set; } = new();
    public TableAccess Access { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.AccessAsync(id) is not { IsCoordinator: true } access) return false;
        Access = access;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new TableForm { Name = Access.Table.Name, Purpose = Access.Table.Purpose };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        await tables.UpdateAsync(id, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/gestione/tavoli/{id}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id) => await SetArchivedAsync(id, true);
    public async Task<IActionResult> OnPostRestoreAsync(Guid id) => await SetArchivedAsync(id, false);

    async Task<IActionResult> SetArchivedAsync(Guid id, bool archived)
    {
        if (!await LoadAsync(id)) return NotFound();
        await tables.SetArchivedAsync(id, archived);
        TempData["Message"] = archived ? Tr.Get("Tavolo archiviato: resta consultabile ma non si modifica più.") : Tr.Get("Tavolo riaperto.");
        return Redirect($"/gestione/tavoli/{id}");
    }
}

public class MembersModel(WorkingTables tables) : PageModel
{
    [BindProperty] public MemberForm Add { get; set; } = new();
    public TableAccess Access { get; private set; } = default!;
    public List<MemberRow> Members { get; private set; } = [];
    public static List<SelectListItem> RoleOptions =>
        [new(NetworkText.Role(TableRole.Member), nameof(TableRole.Member)), new(NetworkText.Role(TableRole.FamilyRepresentative), nameof(TableRole.FamilyRepresentative)),
         new(NetworkText.Role(TableRole.Referent), nameof(TableRole.Referent))];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await tables.AccessAsync(id) is not { IsCoordinator: true } access) return false;
        Access = access;
        Members = await tables.MembersAsync(id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Add));
        if (Add.Role is { } r && !Enum.IsDefined(r)) ModelState.AddModelError("Add.Role", Tr.Get("Scegli il ruolo al tavolo."));
        if (Access.IsArchived) ModelState.AddModelError("Add", Tr.Get("Il tavolo è archiviato: riaprilo per cambiare i membri."));
        if (!ModelState.IsValid) return Page();
        if (await tables.AddMemberAsync(id, Add) is { } error) { ModelState.AddModelError("Add.Email", error); return Page(); }
        TempData["Message"] = Tr.Get("{0} aggiunto al tavolo come {1}.", Add.Email!.Trim(), NetworkText.Role(Add.Role!.Value).ToLowerInvariant());
        return Redirect($"/gestione/tavoli/{id}/membri");
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid memberId, TableRole? role)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (role is not { } r || !Enum.IsDefined(r)) { ModelState.AddModelError("Role", Tr.Get("Scegli il ruolo al tavolo.")); return Page(); }
        if (Access.IsArchived) { ModelState.AddModelError("Role", Tr.Get("Il tavolo è archiviato: riaprilo per cambiare i membri.")); return Page(); }
        var (found, error) = await tables.ChangeRoleAsync(id, memberId, r);
        if (!found) return NotFound();
        if (error is not null) { ModelState.AddModelError("Role", error); return Page(); }
        TempData["Message"] = Tr.Get("Ruolo cambiato.");
        return Redirect($"/gestione/tavoli/{id}/membri");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid memberId)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (Access.IsArchived) { ModelState.AddModelError("Remove", Tr.Get("Il tavolo è archiviato: riaprilo per cambiare i membri.")); return Page(); }
        var (found, error) = await tables.RemoveMemberAsync(id, memberId);
        if (!found) return NotFound();
        if (error is not null) { ModelState.AddModelError("Remove", error); return Page(); }
        TempData["Message"] = Tr.Get("Persona tolta dal tavolo.");
        return Redirect($"/gestione/tavoli/{id}/membri");
    }
}
