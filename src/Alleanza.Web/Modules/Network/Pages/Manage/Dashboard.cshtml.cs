using Alleanza.Web.Modules.Network.Dashboard;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

/// <summary>The coordinator's home: the network's figures for a period and a Comune, with charts and the same numbers in tables.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class DashboardModel(NetworkDashboard dashboard, AppDbContext db, CurrentNetwork network, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "da")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }

    public NetworkDashboard.Figures Figures { get; private set; } = default!;
    public string? FilterError { get; private set; }
    public List<(Guid Id, string Name)> Comuni { get; private set; } = [];
    public string NetworkName => network.Network?.Name ?? "";
    public string? ComuneName => ComuneId is Guid id ? Comuni.FirstOrDefault(c => c.Id == id).Name : null;
    public IReadOnlyList<string> MonthLabels => Figures.Filter.Period.Months.Select(MonthPeriod.ShownName).ToList();

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Comuni = await db.ComuniOfAsync(network.Id, cancel);
        // A Comune of another network (or a made-up id) is ignored, as if none was chosen.
        if (ComuneId is Guid chosen && !Comuni.Any(c => c.Id == chosen)) ComuneId = null;
        (var period, FilterError) = MonthPeriod.Parse(From, To, clock);
        Figures = await dashboard.LoadAsync(network.Id, new NetworkDashboard.Filter(period, ComuneId), cancel);
        Response.Headers["Server-Timing"] = SectionTimings.Header(Figures.Timings);
    }
}
