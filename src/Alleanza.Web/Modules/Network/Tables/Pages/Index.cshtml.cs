using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

public class IndexModel(WorkingTables tables, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "archiviati")] public bool Archived { get; set; }
    public bool IsCoordinator { get; private set; }
    public Paged<WorkingTables.TableRow> Result { get; private set; } = new([], 0, 1, 20);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/rete/tavoli", Request.Query);

    public async Task OnGetAsync()
    {
        // Junk in ?pagina= or ?archiviati= is ignored.
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (ModelState["archiviati"]?.Errors.Count > 0) Archived = false;
        ModelState.Clear();
        IsCoordinator = await access.CanManageNetworkAsync();
        Result = await tables.ListAsync(IsCoordinator, Archived, PageNumber);
    }
}
