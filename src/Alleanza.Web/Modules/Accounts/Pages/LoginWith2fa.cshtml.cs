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
public class LoginWith2faModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci il codice dell'app di autenticazione."),
     RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Il codice è fatto di 6 cifre."), Display(Name = "Codice di verifica")]
    public string? Code { get; set; }
    [BindProperty, Display(Name = "Ricorda questo dispositivo")] public bool RememberMachine { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Modules/Accounts/Pages/Login");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Modules/Accounts/Pages/Login");
        if (!ModelState.IsValid) return Page();
        var code = Code!.Replace(" ", string.Empty);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberMachine);
        if (result.Succeeded)
        {
            await audit.WriteAsync("account.signin", nameof(AppUser), user.Id, "password + TOTP", userId: user.Id, userName: user.Email);
            return LocalRedirect(PlatformSetup.AfterSignIn(ReturnUrl));
        }
        if (result.IsLockedOut) return RedirectToPage("/Modules/Accounts/Pages/Lockout");
        await audit.WriteAsync("account.signin-failed", nameof(AppUser), user.Id, "codice TOTP errato", userId: user.Id, userName: user.Email);
        ModelState.AddModelError(nameof(Code), Tr.Get("Il codice non è corretto. Controlla l'ora del dispositivo e riprova."));
        return Page();
    }
}
