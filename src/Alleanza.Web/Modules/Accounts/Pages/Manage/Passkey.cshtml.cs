using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

public class PasskeyModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty, StringLength(100, ErrorMessage = "Il nome può avere al massimo 100 caratteri."), Display(Name = "Nome della passkey")]
    public string? Name { get; set; }
    [BindProperty] public string? CredentialJson { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) return Page();
        if (string.IsNullOrWhiteSpace(CredentialJson) || CredentialJson.Length > 50_000)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Il browser non ha inviato nessuna passkey. Riprova."));
            return Page();
        }
        PasskeyAttestationResult attestation;
        try { attestation = await signIn.PerformPasskeyAttestationAsync(CredentialJson); }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            attestation = PasskeyAttestationResult.Fail(new PasskeyException("Risposta non valida."));
        }
        if (!attestation.Succeeded)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Non è stato possibile aggiungere la passkey. Riprova."));
            return Page();
        }
        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(Name) ? Tr.Get("Passkey del {0}", Platform.RomeTime.Format(DateTime.UtcNow, "d/M/yyyy")) : Name.Trim();
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Non è stato possibile salvare la passkey."));
            return Page();
        }
        await audit.WriteAsync("account.passkey-add", nameof(AppUser), user.Id);
        TempData["Message"] = Tr.Get("Passkey aggiunta: da ora puoi accedere con questo dispositivo.");
        return Redirect("/account/sicurezza");
    }
}
