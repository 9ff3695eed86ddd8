using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

public class AuthenticatorModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci il codice mostrato dall'app."),
     RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Il codice è fatto di 6 cifre."), Display(Name = "Codice di verifica")]
    public string? Code { get; set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string[]? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) { await LoadKeyAsync(user); return Page(); }
        var code = Code!.Replace(" ", string.Empty);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), Tr.Get("Il codice non è corretto. Controlla che l'ora del telefono sia giusta e riprova."));
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray();
        await audit.WriteAsync("account.2fa-enable", nameof(AppUser), user.Id);
        return Page();
    }

    async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
        var email = user.Email ?? user.UserName ?? "utente";
        AuthenticatorUri = $"otpauth://totp/{UrlEncoder.Default.Encode("Alleanza")}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode("Alleanza")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
