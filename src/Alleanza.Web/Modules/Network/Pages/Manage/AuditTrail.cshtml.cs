using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

public class AuditTrailModel(AppDbContext db, CurrentNetwork current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager => new(PageNumber, Math.Max(1, (Total + 49) / 50), Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        if (PageNumber < 1) PageNumber = 1;
        var q = db.AuditEntries.AsNoTracking().Where(a => a.NetworkId == current.Id);
        Total = await q.CountAsync();
        Entries = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((PageNumber - 1) * 50).Take(50).ToListAsync();
    }
}
