using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Pages.Staff;

/// <summary>The paths a person works on (operators, volunteers) or supervises (the organisation's), open first.</summary>
public class IndexModel(CaseLists lists, CurrentNetwork network, CurrentAccess access) : PageModel
{
    [FromQuery(Name = "pagina")] public int PageNumber { get; set; } = 1;
    [FromQuery(Name = "chiusi")] public bool IncludeClosed { get; set; }
    public Platform.Paged<CaseLists.Line> Cases { get; private set; } = new([], 0, 1, CaseLists.PageSize);
    public Pager Pager { get; private set; } = default!;
    public bool IsOperator { get; private set; }
    public bool IsSupervisor { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved || access.UserId is not { } userId) return NotFound();
        IsOperator = await access.HasRoleHereAsync(NetworkRole.SocialOperator);
        var supervised = await access.PartnersHereAsync(NetworkRole.SupportSupervisor);
        IsSupervisor = supervised.Count > 0;
        Cases = await lists.ListAsync(network.Id, userId, supervised, IncludeClosed, PageNumber, HttpContext.RequestAborted);
        Pager = new Pager(Cases.Page, Cases.Pages, Cases.Total, "/percorsi", Request.Query);
        return Page();
    }
}
