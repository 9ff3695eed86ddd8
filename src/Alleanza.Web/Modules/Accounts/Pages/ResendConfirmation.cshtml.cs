using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Alleanza.Web.Modules.Accounts.Pages;

[EnableRateLimiting(Platform.PlatformSetup.SignInRateLimit)]
public class ResendConfirmationModel(UserManager<AppUser> users, AccountEmails emails) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci il tuo indirizzo email."), EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido."), Display(Name = "Email")]
    public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email!.Trim());
        // Same answer whether or not the address is registered: it reveals nothing.
        if (user is not null && !user.EmailConfirmed) await emails.SendConfirmationAsync(user);
        Sent = true;
        return Page();
    }
}
