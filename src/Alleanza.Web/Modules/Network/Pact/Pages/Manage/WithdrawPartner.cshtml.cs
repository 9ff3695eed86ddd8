using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>The coordinator withdraws a partner's adhesion (e.g. on the partner's written request), with the reason.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class WithdrawPartnerModel(PactAdhesions adhesions, CurrentNetwork current, CurrentAccess access) : PageModel
{
    [BindProperty] public WithdrawalForm Input { get; set; } = new();
    public PartnerPactView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        View = await adhesions.ForPartnerAsync(current.Id, id);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        View = await adhesions.ForPartnerAsync(current.Id, id);
        if (View is null) return NotFound();
        if (View.Live is null) return Redirect($"/gestione/patto/enti/{id}");
        if (!ModelState.IsValid) return Page();
        await adhesions.WithdrawAsync(current.Id, id, Input.Reason!, access.User.FindFirst(AuthClaims.DisplayName)?.Value);
        TempData["Message"] = Tr.Get("Adesione di «{0}» ritirata.", View.Partner.Name);
        return Redirect($"/gestione/patto/enti/{id}");
    }
}
