using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages;

public class HomeModel(AppDbContext db, CurrentNetwork current, CurrentAccess access) : PageModel
{
    public string? Description { get; private set; }
    public List<string> Comuni { get; private set; } = [];
    public List<(string Kind, int Count)> PartnersByKind { get; private set; } = [];
    public int PartnerCount { get; private set; }
    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        if (!current.IsResolved) return;
        var id = current.Id;
        Description = await db.Networks.AsNoTracking().Where(n => n.Id == id).Select(n => n.Description).FirstOrDefaultAsync();
        Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == id).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync();
        var counts = await db.Partners.AsNoTracking().Where(p => p.NetworkId == id).GroupBy(p => p.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        PartnersByKind = counts.OrderBy(c => c.Key).Select(c => (PartnerKinds.Label(c.Key), c.Count)).ToList();
        PartnerCount = counts.Sum(c => c.Count);
        CanManage = await access.CanManageNetworkAsync();
    }
}
