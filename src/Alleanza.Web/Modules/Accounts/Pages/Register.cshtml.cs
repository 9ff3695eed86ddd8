using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.PlatformSetup.SignInRateLimit)]
public class RegisterModel(UserManager<AppUser> users, AccountEmails emails, AuditLog audit, Platform.Data.AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Inserisci il tuo nome e cognome.")]
        [StringLength(200, MinimumLength = 2, ErrorMessage = "Il nome deve avere tra 2 e 200 caratteri.")]
        [Display(Name = "Nome e cognome")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Inserisci il tuo indirizzo email.")]
        [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido, per esempio nome@esempio.it.")]
        [StringLength(256, ErrorMessage = "L'indirizzo email è troppo lungo.")]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Scegli una password.")]
        [StringLength(128, MinimumLength = 10, ErrorMessage = "La password deve avere tra 10 e 128 caratteri.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Ripeti la password.")]
        [Compare(nameof(Password), ErrorMessage = "Le due password non coincidono.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ripeti la password")]
        public string? ConfirmPassword { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Per registrarti devi dichiarare di aver letto l'informativa privacy.")]
        [Display(Name = "Ho letto l'informativa privacy")]
        public bool AcceptPrivacy { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email!.Trim();
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = Input.DisplayName!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, Language = Languages.Current.Code,
        };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password") ? "Input.Password" : error.Code.Contains("Email") || error.Code.Contains("UserName") ? "Input.Email" : string.Empty, error.Description);
            return Page();
        }
        // The notice read (the box ticked above), with its version: shown in «I miei dati».
        ConsentRecords.Add(db, user.Id, null, ConsentKinds.AccountPrivacy, PrivacyNotice.Version, user.CreatedAt);
        await audit.WriteAsync("account.register", nameof(AppUser), user.Id, email, userId: user.Id, userName: email);
        await emails.SendConfirmationAsync(user);
        return RedirectToPage("/Modules/Accounts/Pages/RegisterConfirmation", new { email, returnUrl = ReturnUrl });
    }
}
