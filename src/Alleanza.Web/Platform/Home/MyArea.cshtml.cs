using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Platform.Home;

/// <summary>«La mia area»: where a person lands after signing in — one section per role they hold in this network.</summary>
[Authorize(Policy = Policies.Member)]
public class MyAreaModel(PersonalHome home, CurrentAccess access, CurrentNetwork network) : PageModel
{
    public IReadOnlyList<HomeSection> Sections { get; private set; } = [];
    public IReadOnlyList<string> RolesHere { get; private set; } = [];
    public bool HasRolesElsewhere { get; private set; }

    public async Task OnGetAsync()
    {
        Sections = await home.SectionsAsync(HttpContext.RequestAborted);
        var here = await access.RolesHereAsync();
        RolesHere = here.Select(r => r.Role).Distinct().Order().Select(NetworkRoles.Label).ToList();
        HasRolesElsewhere = (await access.MembershipsAsync()).Any(m => m.NetworkId != network.Id);
    }
}
