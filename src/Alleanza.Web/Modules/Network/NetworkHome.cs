using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Home;

namespace Alleanza.Web.Modules.Network;

/// <summary>«La mia area» for a coordinator: what waits for them in the network, and the way to the dashboard.</summary>
public sealed class CoordinatorHome(Dashboard.NetworkDashboard dashboard) : IHomeSectionSource
{
    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.Coordinator) && !viewer.IsAdministrator) return null;
        var todo = await dashboard.ToDoAsync(viewer.NetworkId, cancel);
        return new HomeSection(1, "Coordinamento della rete", "~/Modules/Network/Pages/Home/_Coordinator.cshtml", todo,
            (int)(todo.OpportunitiesToModerate + todo.OffersToApprove + todo.ApplicationsPending));
    }
}

/// <summary>«La mia area» for partner staff: the working tables they sit at and their organisation's adhesion to the pact.</summary>
public sealed class PartnerNetworkHome(Tables.WorkingTables tables, Pact.PactAdhesions pact) : IHomeSectionSource
{
    public sealed record PartnerPact(string Partner, Pact.AdhesionState State, int? Signed, int? Current);
    public sealed record View(IReadOnlyList<Tables.WorkingTables.TableRow> Tables, int TableCount, IReadOnlyList<PartnerPact> Pact);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var mine = await tables.ListAsync(all: false, archived: false, page: 1, pageSize: 5);
        var partners = viewer.PartnersAs(NetworkRole.PartnerStaff);
        if (partners.Count == 0 && mine.Total == 0) return null;
        var states = new List<PartnerPact>();
        foreach (var partner in partners)
            if (await pact.ForPartnerAsync(viewer.NetworkId, partner) is { } view)
                states.Add(new PartnerPact(view.Partner.Name, view.State, view.Live?.VersionNumber, view.CurrentNumber));
        var toRenew = states.Count(s => s.Current is not null && s.State is Pact.AdhesionState.ToRenew or Pact.AdhesionState.Never);
        return new HomeSection(35, states.Count > 0 ? "Tavoli e patto di collaborazione" : "I miei tavoli di lavoro", "~/Modules/Network/Pages/Home/_PartnerNetwork.cshtml",
            new View(mine.Items, mine.Total, states), toRenew);
    }
}

/// <summary>«La mia area» for a municipal officer: the Piano Family of their Comune (and the network's).</summary>
public sealed class OfficerPlanHome(Plan.PlanProgress plans) : IHomeSectionSource
{
    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.MunicipalOfficer)) return null;
        var comune = viewer.Roles.Where(r => r.Role == NetworkRole.MunicipalOfficer).Select(r => r.ComuneId).FirstOrDefault();
        var list = await plans.ForNetworkAsync(viewer.NetworkId, comune, cancel, max: 4);
        return new HomeSection(9, "Piano Family", "~/Modules/Network/Plan/Pages/_HomePlans.cshtml", list);
    }
}

/// <summary>«La mia area» for the installation's administrator: how many networks it hosts, and the way to manage them.</summary>
public sealed class AdministratorHome(Platform.Tenancy.NetworkDirectory directory) : IHomeSectionSource
{
    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel) =>
        viewer.IsAdministrator
            ? new HomeSection(2, "Amministrazione dell'installazione", "~/Modules/Network/Pages/Home/_Administrator.cshtml", (await directory.AllAsync()).Count)
            : null;
}
