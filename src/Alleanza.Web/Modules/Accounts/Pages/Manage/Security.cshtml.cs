using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

public class SecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Inserisci la password attuale."), Display(Name = "Password attuale")]
        public string? OldPassword { get; set; }
        [Required(ErrorMessage = "Scegli una nuova password."), StringLength(128, MinimumLength = 10, ErrorMessage = "La password deve avere tra 10 e 128 caratteri."), Display(Name = "Nuova password")]
        public string? NewPassword { get; set; }
        [Required(ErrorMessage = "Ripeti la nuova password."), Compare(nameof(NewPassword), ErrorMessage = "Le due password non coincidono."), Display(Name = "Ripeti la nuova password")]
        public string? ConfirmPassword { get; set; }
    }

    public sealed record PasskeyRow(string Id, string Name, DateTime CreatedAt);

    [BindProperty] public PasswordInput Input { get; set; } = new();
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public List<PasskeyRow> Passkeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) { await LoadAsync(user); return Page(); }
        var result = await users.ChangePasswordAsync(user, Input.OldPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.OldPassword" : "Input.NewPassword", e.Description);
            await LoadAsync(user);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync("account.password-change", nameof(AppUser), user.Id);
        TempData["Message"] = Tr.Get("Password cambiata.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeletePasskeyAsync(string? id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        byte[] credentialId;
        try { credentialId = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id ?? ""); }
        catch (FormatException) { return NotFound(); }
        if (await users.GetPasskeyAsync(user, credentialId) is null) return NotFound();
        await users.RemovePasskeyAsync(user, credentialId);
        await audit.WriteAsync("account.passkey-remove", nameof(AppUser), user.Id);
        TempData["Message"] = Tr.Get("Passkey eliminata.");
        return RedirectToPage();
    }

    async Task LoadAsync(AppUser user)
    {
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        var passkeys = await users.GetPasskeysAsync(user);
        Passkeys = passkeys.Select(p => new PasskeyRow(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt.UtcDateTime)).ToList();
    }
}
