using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;

namespace Alleanza.Web.Platform.Home;

/// <summary>Who is looking at «La mia area»: the person, the network they are in, their roles there.</summary>
public sealed record HomeViewer(Guid UserId, Guid NetworkId, IReadOnlyList<MembershipInfo> Roles, bool IsAdministrator)
{
    public bool Has(NetworkRole role) => Roles.Any(r => r.Role == role);
    public IReadOnlyList<Guid> PartnersAs(NetworkRole role) => Roles.Where(r => r.Role == role && r.PartnerId is not null).Select(r => r.PartnerId!.Value).Distinct().ToList();
    public IReadOnlyList<Guid> ComuniAs(NetworkRole role) => Roles.Where(r => r.Role == role && r.ComuneId is not null).Select(r => r.ComuneId!.Value).Distinct().ToList();
    /// <summary>Everyone signed in may act as a family (register, apply for the card) unless they only hold staff roles.</summary>
    public bool IsFamily => Roles.Count == 0 || Has(NetworkRole.Family);
}

/// <summary>
/// One block of «La mia area»: a heading, the partial view that draws it and its model. <see cref="Waiting"/> counts what
/// waits for the person there (applications to decide, opportunities sent back …): the page lists those blocks first.
/// </summary>
public sealed record HomeSection(int Order, string Title, string Partial, object Model, int Waiting = 0);

/// <summary>
/// A module's part of the personal home. Each module registers its sources (<c>AddScoped&lt;IHomeSectionSource, …&gt;</c>);
/// a source answers null when the person has nothing there, so the page shows only the roles the person holds.
/// </summary>
public interface IHomeSectionSource
{
    Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel);
}

/// <summary>Builds «La mia area» from every module's sources.</summary>
public sealed class PersonalHome(IEnumerable<IHomeSectionSource> sources, CurrentAccess access, CurrentNetwork network)
{
    public const string Path = "/la-mia-area";

    public async Task<IReadOnlyList<HomeSection>> SectionsAsync(CancellationToken cancel)
    {
        if (access.UserId is not { } userId || !network.IsResolved) return [];
        var viewer = new HomeViewer(userId, network.Id, await access.RolesHereAsync(), access.IsAdministrator);
        var sections = new List<HomeSection>();
        // One DbContext per request: the sources run one after the other.
        foreach (var source in sources)
            if (await source.SectionAsync(viewer, cancel) is { } section) sections.Add(section);
        return sections.OrderBy(s => s.Order).ToList();
    }
}
