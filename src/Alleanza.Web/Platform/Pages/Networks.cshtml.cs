using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Platform.Pages;

/// <summary>/reti: the hosted networks, and a family finding its own by the name of its Comune.</summary>
public class NetworksModel(AppDbContext db) : PageModel
{
    public sealed record Entry(string Slug, string Name, string? Region, IReadOnlyList<string> Comuni, IReadOnlyList<string> Matching);

    [BindProperty(SupportsGet = true, Name = "comune")] public string? Comune { get; set; }
    public IReadOnlyList<Entry> Networks { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        if (Comune?.Length > 100) Comune = Comune[..100];
        var all = await db.Networks.AsNoTracking().OrderBy(n => n.Name)
            .Select(n => new { n.Slug, n.Name, n.Region, Comuni = n.Comuni.OrderBy(c => c.Name).Select(c => c.Name).ToList() }).ToListAsync();
        Total = all.Count;
        var key = Text.SearchKey(Comune).Trim();
        Networks = all.Select(n => new Entry(n.Slug, n.Name, n.Region, n.Comuni,
                key.Length == 0 ? [] : n.Comuni.Where(c => Text.SearchKey(c).Contains(key, StringComparison.Ordinal)).ToList()))
            .Where(n => key.Length == 0 || n.Matching.Count > 0)
            .ToList();
    }
}
