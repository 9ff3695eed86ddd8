using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Accounts.Pages;

[EnableRateLimiting(PlatformSetup.SignInRateLimit)]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, Platform.Data.AppDbContext db, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> identity, Microsoft.Extensions.Options.IOptions<Platform.Auth.Oidc.SpidOptions> spid) : PageModel
{
    /// <summary>SPID, CIE and other providers offered (none unless configured).</summary>
    public IReadOnlyList<Platform.Auth.Oidc.ProviderOptions> Providers => Platform.Auth.Oidc.ExternalSignInSetup.Offered(spid.Value);
    /// <summary>Why the last SPID/CIE attempt was refused (<c>?esterno=</c>), in Italian.</summary>
    [BindProperty(SupportsGet = true, Name = "esterno")] public string? ExternalFailure { get; set; }
    public string? ExternalProblem => Platform.Auth.Oidc.ExternalSignInSetup.Message(ExternalFailure);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Inserisci il tuo indirizzo email.")]
        [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Inserisci la password.")]
        [StringLength(128, ErrorMessage = "La password è troppo lunga.")]
        [Display(Name = "Password")]
        public string? Password { get; set; }

        [Display(Name = "Resta collegato su questo dispositivo")]
        public bool RememberMe { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The WebAuthn assertion (JSON) posted by the passkey button's script.</summary>
    [BindProperty] public string? CredentialJson { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool NeedsConfirmation { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(email);
        if (result.Succeeded)
        {
            await audit.WriteAsync("account.signin", nameof(AppUser), user?.Id, "password", userId: user?.Id, userName: email);
            // The language the person is reading in becomes the account's: the mails others' actions cause are written in it.
            var language = Languages.Current.Code;
            if (user is not null && user.Language != language)
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language));
            return LocalRedirect(PlatformSetup.AfterSignIn(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Modules/Accounts/Pages/LoginWith2fa", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        if (result.IsLockedOut || (user is null && await UnknownAddressLockedOutAsync(email)))
        {
            await audit.WriteAsync("account.lockout", nameof(AppUser), user?.Id, null, userId: user?.Id, userName: email);
            return RedirectToPage("/Modules/Accounts/Pages/Lockout");
        }
        await audit.WriteAsync("account.signin-failed", nameof(AppUser), user?.Id, result.IsNotAllowed ? "email non confermata" : "credenziali errate", userName: email);
        if (result.IsNotAllowed)
        {
            NeedsConfirmation = true;
            ModelState.AddModelError(string.Empty, Tr.Get("Prima di accedere conferma il tuo indirizzo email con il collegamento che ti abbiamo inviato."));
        }
        else
            ModelState.AddModelError(string.Empty, Tr.Get("Email o password non corretti."));
        return Page();
    }

    /// <summary>
    /// An address without an account is "locked out" after as many failed attempts as a real one (counted in the audit log,
    /// so on every instance), so that the lock-out page does not tell which addresses have an account.
    /// </summary>
    async Task<bool> UnknownAddressLockedOutAsync(string email)
    {
        var options = identity.Value.Lockout;
        var since = clock.GetUtcNow().UtcDateTime - options.DefaultLockoutTimeSpan;
        var failed = await db.AuditEntries.CountAsync(a => a.UserName == email && a.At >= since && a.UserId == null
            && (a.Action == "account.signin-failed" || a.Action == "account.lockout"));
        return failed + 1 >= options.MaxFailedAccessAttempts;
    }

    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(CredentialJson) || CredentialJson.Length > 20_000)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Accesso con passkey non riuscito: nessuna passkey ricevuta dal browser."));
            return Page();
        }
        PasskeyAssertionResult<AppUser> assertion;
        try { assertion = await signIn.PerformPasskeyAssertionAsync(CredentialJson); }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            assertion = PasskeyAssertionResult.Fail<AppUser>(new PasskeyException(Tr.Get("Risposta non valida.")));
        }
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (assertion.Succeeded)
        {
            var user = assertion.User;
            if (await users.IsLockedOutAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            else if (!await signIn.CanSignInAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;
            else
            {
                await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey); // keeps the signature counter current
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "passkey");
                await audit.WriteAsync("account.signin", nameof(AppUser), user.Id, "passkey", userId: user.Id, userName: user.Email);
                return LocalRedirect(PlatformSetup.AfterSignIn(ReturnUrl));
            }
        }
        if (result.IsLockedOut) return RedirectToPage("/Modules/Accounts/Pages/Lockout");
        await audit.WriteAsync("account.signin-failed", details: "passkey");
        ModelState.AddModelError(string.Empty, result.IsNotAllowed
            ? Tr.Get("Prima di accedere conferma il tuo indirizzo email.")
            : Tr.Get("Accesso con passkey non riuscito. Riprova oppure usa email e password."));
        return Page();
    }
}
