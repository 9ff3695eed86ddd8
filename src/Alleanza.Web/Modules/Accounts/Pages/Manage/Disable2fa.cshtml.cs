using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

public class Disable2faModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync("account.2fa-disable", nameof(AppUser), user.Id);
        TempData["Message"] = Tr.Get("Verifica in due passaggi disattivata.");
        return Redirect("/account/sicurezza");
    }
}
