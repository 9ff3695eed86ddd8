using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Pages.Coordinator;

/// <summary>The coordinator's view of the paths: anonymous counts only, never a family (small counts are not shown exactly).</summary>
public class SummaryModel(CaseLists lists, CurrentNetwork network) : PageModel
{
    public CaseLists.Summary Summary { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved) return NotFound();
        Summary = await lists.SummaryAsync(network.Id, HttpContext.RequestAborted);
        return Page();
    }
}
