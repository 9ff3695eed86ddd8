using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>«La mia area» for social operators and supervisors of paths: the caseload, what waits for approval, overdue items.</summary>
public sealed class CaseworkHome(CaseLists lists) : IHomeSectionSource
{
    public sealed record View(bool IsOperator, bool IsSupervisor, int Open, int WaitingApproval, int OverdueCount, IReadOnlyList<CaseLists.OverdueItem> Overdue);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var isOperator = viewer.Has(NetworkRole.SocialOperator);
        var supervised = viewer.PartnersAs(NetworkRole.SupportSupervisor);
        if (!isOperator && supervised.Count == 0) return null;
        var (open, count, items) = await lists.HomeAsync(viewer.NetworkId, viewer.UserId, supervised, cancel);
        var waiting = supervised.Count == 0 ? 0 : await lists.WaitingApprovalAsync(viewer.NetworkId, supervised, cancel);
        return new HomeSection(12, "Percorsi di accompagnamento", "~/Modules/Support/Pages/Home/_Casework.cshtml",
            new View(isOperator, supervised.Count > 0, open, waiting, count, items), waiting + count);
    }
}

/// <summary>«La mia area» for volunteers: the next appointments and their follow-ups in the paths they are assigned to.</summary>
public sealed class PathVolunteerHome(CaseLists lists) : IHomeSectionSource
{
    public sealed record View(IReadOnlyList<CaseLists.Appointment> Appointments, IReadOnlyList<CaseLists.Task_> Tasks);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.Volunteer)) return null;
        var (appointments, tasks) = await lists.VolunteerWorkAsync(viewer.NetworkId, viewer.UserId, cancel);
        return new HomeSection(13, "I miei affiancamenti", "~/Modules/Support/Pages/Home/_Volunteer.cshtml", new View(appointments, tasks), tasks.Count);
    }
}

/// <summary>«La mia area» for a family accompanied in a path: its operator and next appointment, with the link to its path.</summary>
public sealed class FamilyPathHome(CaseLists lists) : IHomeSectionSource
{
    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.IsFamily) return null;
        var paths = await lists.ForFamilyAsync(viewer.NetworkId, viewer.UserId, cancel);
        if (paths.Count == 0) return null;
        return new HomeSection(25, "Il nostro percorso", "~/Modules/Support/Pages/Home/_Family.cshtml", paths[0]);
    }
}

/// <summary>«La mia area» for a coordinator: the paths in the network as anonymous counts, the settings.</summary>
public sealed class CoordinatorPathsHome(Platform.Data.AppDbContext db) : IHomeSectionSource
{
    public sealed record View(int Open, int Closed);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.Coordinator)) return null;
        var counts = await db.SupportCases.AsNoTracking().Where(c => c.NetworkId == viewer.NetworkId)
            .GroupBy(c => c.Status == CaseStatus.Closed).Select(g => new { Closed = g.Key, N = g.Count() }).ToListAsync(cancel);
        var open = counts.Where(c => !c.Closed).Sum(c => c.N);
        var closed = counts.Where(c => c.Closed).Sum(c => c.N);
        return new HomeSection(60, "Percorsi di accompagnamento", "~/Modules/Support/Pages/Home/_Coordinator.cshtml", new View(open, closed));
    }
}
