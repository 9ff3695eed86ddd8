using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Partner;

/// <summary>A partner's staff withdraws the organisation's adhesion: a confirmation page with the reason (works without JavaScript).</summary>
[Authorize(Policy = PactModule.SignPolicy)]
public class WithdrawModel(PactAdhesions adhesions, CurrentNetwork current, CurrentAccess access, AppDbContext db)
    : SignatoryPageModel(adhesions, current, access, db)
{
    readonly PactAdhesions adhesions = adhesions;
    readonly CurrentNetwork current = current;
    readonly CurrentAccess access = access;

    [BindProperty] public WithdrawalForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadPartnerAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadPartnerAsync()) return NotFound();
        if (View?.Live is null) return Page();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        if (!await adhesions.WithdrawAsync(current.Id, View.Partner.Id, Input.Reason!, access.User.FindFirst(AuthClaims.DisplayName)?.Value))
            return Redirect(SelfUrl("/rete/patto/adesione"));
        TempData["Message"] = Tr.Get("L'adesione di «{0}» al patto è stata ritirata.", View.Partner.Name);
        return Redirect(SelfUrl("/rete/patto/adesione"));
    }
}
