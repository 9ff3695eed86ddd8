using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.PlatformSetup.SignInRateLimit)]
public class ResetPasswordModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Inserisci il tuo indirizzo email."), EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido."), Display(Name = "Email")]
        public string? Email { get; set; }
        [Required(ErrorMessage = "Scegli una nuova password."), StringLength(128, MinimumLength = 10, ErrorMessage = "La password deve avere tra 10 e 128 caratteri."), Display(Name = "Nuova password")]
        public string? Password { get; set; }
        [Required(ErrorMessage = "Ripeti la nuova password."), Compare(nameof(Password), ErrorMessage = "Le due password non coincidono."), Display(Name = "Ripeti la nuova password")]
        public string? ConfirmPassword { get; set; }
        public string? Code { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Done { get; private set; }

    public IActionResult OnGet(string? code)
    {
        Input.Code = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var token = AccountEmails.DecodeCode(Input.Code);
        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (token is null || user is null)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Il collegamento non è valido o è scaduto: chiedine uno nuovo."));
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(e.Code.StartsWith("Password") ? "Input.Password" : string.Empty, e.Description);
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync("account.password-reset", nameof(AppUser), user.Id, userId: user.Id, userName: user.Email);
        Done = true;
        return Page();
    }
}
