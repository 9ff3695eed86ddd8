using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

/// <summary>
/// Delete my account: what goes and what stays anonymised, confirmed with the password (or, for an account without one,
/// by typing ELIMINA); then every session ends and the goodbye page follows.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.PlatformSetup.SignInRateLimit)]
public class DeleteAccountModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, DeleteMyAccount delete) : PageModel
{
    public const string TypedConfirmation = "ELIMINA";

    public sealed class DeleteForm
    {
        [DataType(DataType.Password), Display(Name = "La tua password")] public string? Password { get; set; }
        [Display(Name = "Scrivi ELIMINA per confermare")] public string? Confirmation { get; set; }
    }

    [BindProperty] public DeleteForm Input { get; set; } = new();
    public bool HasPassword { get; private set; }
    public string? Blocked { get; private set; }

    async Task<AppUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.DeletedAt is not null) return null;
        HasPassword = user.PasswordHash is not null;
        Blocked = await delete.BlockedAsync(user.Id);
        return user;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        // Already deleted by a twin request (or in another tab): the goodbye page.
        if (user is null) return await GoodbyeAsync();
        if (Blocked is not null) { ModelState.AddModelError("", Blocked); return Page(); }
        if (HasPassword)
        {
            if (string.IsNullOrEmpty(Input.Password)) { ModelState.AddModelError("Input.Password", Tr.Get("Scrivi la tua password per confermare.")); return Page(); }
            // Limited like the sign-in (the page's rate limit), without locking the account: a wrong guess here must not lock its owner out.
            if (!await users.CheckPasswordAsync(user, Input.Password)) { ModelState.AddModelError("Input.Password", Tr.Get("La password non è corretta.")); return Page(); }
        }
        else if (!string.Equals(Input.Confirmation?.Trim(), TypedConfirmation, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.Confirmation", Tr.Get("Scrivi {0} (in maiuscolo) per confermare.", TypedConfirmation));
            return Page();
        }
        var result = await delete.RunAsync(user.Id);
        if (result.Outcome == DeleteMyAccount.Outcome.Blocked) { ModelState.AddModelError("", result.Reason!); Blocked = result.Reason; return Page(); }
        return await GoodbyeAsync();
    }

    async Task<IActionResult> GoodbyeAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/eliminato");
    }
}
