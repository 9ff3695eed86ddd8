using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Admin;

public class NetworksModel(AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Slug, string? Region, int Comuni, int Partners);
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.Networks.AsNoTracking().OrderBy(n => n.Name)
            .Select(n => new Row(n.Id, n.Name, n.Slug, n.Region, n.Comuni.Count, db.Partners.Count(p => p.NetworkId == n.Id)))
            .ToListAsync();
}
