using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Pages.Family;

/// <summary>The family's own path: its operator, the objectives in plain words, the next appointments and who read it.</summary>
public class MineModel(CaseLists lists, CurrentNetwork network, CurrentAccess access) : PageModel
{
    public List<CaseLists.FamilyPath> Paths { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved || access.UserId is not { } userId) return NotFound();
        Paths = await lists.ForFamilyAsync(network.Id, userId, HttpContext.RequestAborted);
        return Page();
    }
}
