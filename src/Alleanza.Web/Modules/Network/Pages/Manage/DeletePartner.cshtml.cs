using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

public class DeletePartnerModel(PartnerDirectory partners, CurrentNetwork current) : PageModel
{
    public Partner? Partner { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Partner = await partners.FindAsync(current.Id, id);
        return Partner is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Partner = await partners.FindAsync(current.Id, id);
        if (Partner is null) return NotFound();
        await partners.DeleteAsync(Partner);
        TempData["Message"] = Tr.Get("Ente «{0}» eliminato.", Partner.Name);
        return Redirect("/gestione/partner");
    }
}
