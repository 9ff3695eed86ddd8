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
public class ForgotPasswordModel(UserManager<AppUser> users, AccountEmails emails, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci il tuo indirizzo email."), EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido."), Display(Name = "Email")]
    public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email!.Trim());
        // Same answer for unknown addresses, so the page does not reveal who is registered.
        if (user is not null && await users.IsEmailConfirmedAsync(user))
        {
            await emails.SendPasswordResetAsync(user);
            await audit.WriteAsync("account.password-reset-requested", nameof(AppUser), user.Id, userId: user.Id, userName: user.Email);
        }
        Sent = true;
        return Page();
    }
}
