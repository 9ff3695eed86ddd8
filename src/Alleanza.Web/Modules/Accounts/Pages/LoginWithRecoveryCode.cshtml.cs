using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Alleanza.Web.Modules.Accounts.Pages;

[EnableRateLimiting(PlatformSetup.SignInRateLimit)]
public class LoginWithRecoveryCodeModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci uno dei codici di recupero."), StringLength(20, ErrorMessage = "Il codice è troppo lungo."), Display(Name = "Codice di recupero")]
    public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Modules/Accounts/Pages/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Modules/Accounts/Pages/Login");
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code!.Replace(" ", string.Empty));
        if (result.Succeeded)
        {
            await audit.WriteAsync("account.signin", nameof(AppUser), user.Id, "codice di recupero", userId: user.Id, userName: user.Email);
            return LocalRedirect(PlatformSetup.AfterSignIn(ReturnUrl));
        }
        if (result.IsLockedOut) return RedirectToPage("/Modules/Accounts/Pages/Lockout");
        ModelState.AddModelError(nameof(Code), Tr.Get("Il codice di recupero non è valido o è già stato usato."));
        return Page();
    }
}
