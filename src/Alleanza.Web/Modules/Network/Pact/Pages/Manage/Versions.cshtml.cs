using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>The pact's versions; opens the draft of the next one (only one draft at a time).</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class VersionsModel(PactVersions versions, CurrentNetwork current) : PageModel
{
    public List<PactVersionRow> Versions { get; private set; } = [];
    public PactVersionRow? Draft => Versions.FirstOrDefault(v => v.Status == PactVersionStatus.Draft);

    public async Task OnGetAsync() => Versions = await versions.ListAsync(current.Id);

    public async Task<IActionResult> OnPostDraftAsync()
    {
        var draft = await versions.OpenDraftAsync(current.Id);
        return Redirect($"/gestione/patto/versioni/{draft.Number}");
    }
}
