using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

public class ReciprocityModel(Reciprocity reciprocity, CurrentNetwork current) : PageModel
{
    public List<ReciprocityRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await reciprocity.OverviewAsync(current.Id);

    public async Task<IActionResult> OnPostAgreeAsync(Guid otherId)
    {
        if (!await reciprocity.AgreeAsync(current.Id, otherId)) return NotFound();
        TempData["Message"] = Tr.Get("Accordo dato: la reciprocità è attiva quando anche l'altra rete lo dà.");
        return Redirect("/gestione/carta-famiglia/reciprocita");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid otherId)
    {
        if (!await reciprocity.WithdrawAsync(current.Id, otherId)) return NotFound();
        TempData["Message"] = Tr.Get("Accordo ritirato.");
        return Redirect("/gestione/carta-famiglia/reciprocita");
    }
}
