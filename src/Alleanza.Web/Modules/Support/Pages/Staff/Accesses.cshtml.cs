using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Pages.Staff;

/// <summary>The access log of a path, for its organisation's supervisor (reading it is itself logged).</summary>
public class AccessesModel(CaseSights sights, AppDbContext db) : PageModel
{
    public const int PageSize = 50;
    [FromQuery(Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Guid CaseId { get; private set; }
    public Platform.Paged<CaseAccess> Rows { get; private set; } = new([], 0, 1, PageSize);
    public Pager Pager { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await sights.ForAsync(id, HttpContext.RequestAborted) is not { IsSupervisor: true } sight) return NotFound();
        CaseId = id;
        await sights.RecordAsync(sight, "registro degli accessi");
        var query = db.CaseAccesses.AsNoTracking().Where(a => a.CaseId == id);
        var total = await query.CountAsync();
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (int)Math.Ceiling(total / (double)PageSize)));
        Rows = new(await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).PageOf(page, PageSize).ToListAsync(), total, page, PageSize);
        Pager = new Pager(Rows.Page, Rows.Pages, Rows.Total, $"/percorsi/{id}/accessi", Request.Query);
        return Page();
    }
}
