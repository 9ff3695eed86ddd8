using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages;

/// <summary>One published version of the pact, current or earlier; drafts are not public.</summary>
public class PactVersionPageModel(PactQueries pact, CurrentNetwork current) : PageModel
{
    public PactVersion? Version { get; private set; }
    public string TextHtml { get; private set; } = "";
    public int? CurrentNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync(int numero)
    {
        if (!current.IsResolved) return NotFound();
        Version = await pact.PublishedAsync(current.Id, numero);
        if (Version is null) return NotFound();
        TextHtml = OpportunityDetails.RenderMarkdown(Version.Text);
        CurrentNumber = (await pact.CurrentAsync(current.Id))?.Number;
        return Page();
    }
}
