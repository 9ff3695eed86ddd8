using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages;

/// <summary>Search, filters and paging of partners: shared by the public list and the coordinator's list.</summary>
public abstract class PartnerSearchModel(PartnerDirectory partners, CurrentNetwork current, Platform.Data.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "tipo")] public PartnerKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Paged<PartnerRow> Result { get; private set; } = new([], 0, 1, 20);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);
    public List<SelectListItem> KindOptions => Enum.GetValues<PartnerKind>().Select(k => new SelectListItem(Tr.Get(PartnerKinds.Label(k)), ((int)k).ToString(), k == Kind)).ToList();
    public List<SelectListItem> ComuneOptions { get; private set; } = [];

    protected async Task SearchAsync()
    {
        // Bad query-string values become "no filter" with a message, never an error page.
        if (!ModelState.IsValid)
        {
            foreach (var key in ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList())
            {
                if (key == "tipo") Kind = null;
                if (key == "comune") ComuneId = null;
                if (key == "pagina") PageNumber = 1;
            }
        }
        if (PageNumber < 1) PageNumber = 1;
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        if (Q?.Length > 200) Q = Q[..200];
        ComuneOptions = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == current.Id).OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == ComuneId)).ToListAsync();
        Result = await partners.SearchAsync(current.Id, new PartnerQuery(Q, Kind, ComuneId, PageNumber, 20));
        if (Result.Items.Count == 0 && PageNumber > 1 && Result.Total > 0)
            Result = await partners.SearchAsync(current.Id, new PartnerQuery(Q, Kind, ComuneId, Result.Pages, 20));
    }
}
