using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Auth.Oidc;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using C = Alleanza.Web.Platform.Auth.Oidc.ExternalSignInSetup.Claims;

namespace Alleanza.Web.Modules.Accounts.Pages;

/// <summary>
/// After SPID, CIE or another provider: the person's account is found by the verified fiscal code (or, for a provider
/// without one, by its subject) and signed in; a person signed in with a password confirms linking the identity to
/// their account; otherwise a new account is made from the provider's data. Never two accounts for one fiscal code
/// (unique index), and a fiscal code typed in a profile is never enough to enter that account.
/// </summary>
public class ExternalSignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, AuditLog audit, TimeProvider clock,
    ExternalSignInLog log, IOptions<SpidOptions> spid, Families.Households households) : PageModel
{
    public enum Step { Create, Link, SignInFirst }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Inserisci il tuo indirizzo email.")]
        [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Per registrarti devi dichiarare di aver letto l'informativa privacy.")]
        [Display(Name = "Ho letto l'informativa privacy")]
        public bool AcceptPrivacy { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public Step Mode { get; private set; }
    public string ProviderName { get; private set; } = "";
    public string? FiscalCode { get; private set; }
    public string FullName { get; private set; } = "";
    public string? AccountEmail { get; private set; }

    sealed record External(ProviderOptions Provider, string Subject, string? FiscalCode, string? GivenName, string? FamilyName, string? Email, string? Acr)
    {
        public string FullName => $"{GivenName} {FamilyName}".Trim();
    }

    async Task<External?> ExternalAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Principal is not { } p) return null;
        var provider = ExternalSignInSetup.Offered(spid.Value).FirstOrDefault(x => x.Id == p.FindFirstValue(C.Provider));
        var subject = p.FindFirstValue(C.Subject);
        if (provider is null || subject is null) return null;
        return new External(provider, subject, p.FindFirstValue(C.FiscalCode), p.FindFirstValue(C.GivenName), p.FindFirstValue(C.FamilyName),
            p.FindFirstValue(C.Email), p.FindFirstValue(C.Acr));
    }

    /// <summary>The account this identity already belongs to: by verified fiscal code, or by the provider's login for one without it.</summary>
    async Task<AppUser?> OwnerAsync(External e) => e.FiscalCode is { } code
        ? await db.Users.FirstOrDefaultAsync(u => u.VerifiedFiscalCode == code && u.DeletedAt == null)
        : await users.FindByLoginAsync(e.Provider.Id, e.Subject) is { DeletedAt: null } u ? u : null;

    public async Task<IActionResult> OnGetAsync()
    {
        var e = await ExternalAsync();
        if (e is null) return Redirect(AccountsModule.SignInPath);
        var owner = await OwnerAsync(e);
        if (owner is not null) return await SignInAsync(owner, e, "signed-in");
        return await ShowAsync(e);
    }

    async Task<IActionResult> ShowAsync(External e)
    {
        ProviderName = e.Provider.Name;
        FiscalCode = e.FiscalCode;
        FullName = e.FullName;
        var current = await users.GetUserAsync(User);
        if (current is not null)
        {
            Mode = Step.Link;
            AccountEmail = current.Email;
            return Page();
        }
        // An account that names this fiscal code (typed by its owner) or this e-mail: its owner signs in first and links.
        var email = e.Email?.Trim();
        var existing = await db.Users.AsNoTracking().Where(u => u.DeletedAt == null
                && ((e.FiscalCode != null && u.FiscalCode == e.FiscalCode) || (email != null && u.NormalizedEmail == email.ToUpperInvariant())))
            .Select(u => u.Email).FirstOrDefaultAsync();
        if (existing is not null)
        {
            Mode = Step.SignInFirst;
            return Page();
        }
        Mode = Step.Create;
        Input.Email ??= email;
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        ModelState.Clear();
        var e = await ExternalAsync();
        if (e is null) return Redirect(AccountsModule.SignInPath);
        var user = await users.GetUserAsync(User);
        if (user is null) return await ShowAsync(e);
        var owner = await OwnerAsync(e);
        if (owner is not null && owner.Id != user.Id)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("Questa identità digitale è già collegata a un altro account: esci e accedi con SPID o CIE per usarlo."));
            return await ShowAsync(e);
        }
        if (owner is null)
        {
            if (e.FiscalCode is { } code)
            {
                if (user.VerifiedFiscalCode is not null && user.VerifiedFiscalCode != code)
                {
                    ModelState.AddModelError(string.Empty, Tr.Get("Il tuo account è già collegato a un'altra identità digitale, con un altro codice fiscale."));
                    return await ShowAsync(e);
                }
                var now = clock.GetUtcNow().UtcDateTime;
                try
                {
                    // Conditional: of two links at once, or a link racing a first sign-in, one wins and the unique index refuses the other.
                    var changed = await db.Users.Where(u => u.Id == user.Id && (u.VerifiedFiscalCode == null || u.VerifiedFiscalCode == code))
                        .ExecuteUpdateAsync(s => s.SetProperty(u => u.VerifiedFiscalCode, code).SetProperty(u => u.FiscalCode, code).SetProperty(u => u.FiscalCodeVerifiedAt, now));
                    if (changed == 0) return await ShowAsync(e);
                }
                catch (DbUpdateException)
                {
                    ModelState.AddModelError(string.Empty, Tr.Get("Questa identità digitale è già collegata a un altro account: esci e accedi con SPID o CIE per usarlo."));
                    return await ShowAsync(e);
                }
            }
            else
            {
                var added = await users.AddLoginAsync(user, new UserLoginInfo(e.Provider.Id, e.Subject, e.Provider.Name));
                if (!added.Succeeded && (await users.FindByLoginAsync(e.Provider.Id, e.Subject))?.Id != user.Id)
                {
                    ModelState.AddModelError(string.Empty, Tr.Get("Questa identità digitale è già collegata a un altro account: esci e accedi con SPID o CIE per usarlo."));
                    return await ShowAsync(e);
                }
            }
            await audit.WriteAsync("account.identity-linked", nameof(AppUser), user.Id, e.Provider.Name, userId: user.Id, userName: user.Email);
        }
        user = (await users.FindByIdAsync(user.Id.ToString()))!;
        return await SignInAsync(user, e, "linked");
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var e = await ExternalAsync();
        if (e is null) return Redirect(AccountsModule.SignInPath);
        if (await users.GetUserAsync(User) is not null || await OwnerAsync(e) is not null) return await OnGetAsync();
        if (!ModelState.IsValid) return await ShowAsync(e);
        var email = Input.Email!.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = e.FullName is { Length: > 0 } n ? n : email,
            // The provider's address is the person's; one typed here is confirmed by the usual mail before password sign-in.
            EmailConfirmed = string.Equals(email, e.Email?.Trim(), StringComparison.OrdinalIgnoreCase),
            CreatedAt = now, Language = Languages.Current.Code,
            FiscalCode = e.FiscalCode, VerifiedFiscalCode = e.FiscalCode, FiscalCodeVerifiedAt = e.FiscalCode is null ? null : now,
        };
        IdentityResult result;
        try { result = await users.CreateAsync(user); }
        catch (DbUpdateException)
        {
            // The same person's other tab won: sign in to the account it made.
            db.ChangeTracker.Clear();
            return await OnGetAsync();
        }
        if (!result.Succeeded)
        {
            if (await OwnerAsync(e) is not null) return await OnGetAsync();
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.Contains("Email") || error.Code.Contains("UserName") ? "Input.Email" : string.Empty,
                    error.Code.Contains("Email") || error.Code.Contains("UserName")
                        ? Tr.Get("Esiste già un account con questa email: accedi con la password e collega la tua identità digitale.")
                        : error.Description);
            return await ShowAsync(e);
        }
        if (e.FiscalCode is null) await users.AddLoginAsync(user, new UserLoginInfo(e.Provider.Id, e.Subject, e.Provider.Name));
        ConsentRecords.Add(db, user.Id, null, ConsentKinds.AccountPrivacy, PrivacyNotice.Version, now);
        await db.SaveChangesAsync();
        await audit.WriteAsync("account.register", nameof(AppUser), user.Id, e.Provider.Name, userId: user.Id, userName: email);
        return await SignInAsync(user, e, "created");
    }

    async Task<IActionResult> SignInAsync(AppUser user, External e, string outcome)
    {
        if (await users.IsLockedOutAsync(user)) return RedirectToPage("/Modules/Accounts/Pages/Lockout");
        if (e.FiscalCode is not null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FiscalCodeVerifiedAt, now));
            // The household's adult with that code becomes «verificato» for the Family Card office.
            await households.MarkFiscalCodeVerifiedAsync(user.Id, e.FiscalCode, e.Provider.Kind switch { ProviderKind.Cie => "CIE", ProviderKind.Spid => "SPID", _ => e.Provider.Name });
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: e.Provider.Kind.ToString().ToLowerInvariant());
        await audit.WriteAsync("account.signin", nameof(AppUser), user.Id, e.Provider.Name, userId: user.Id, userName: user.Email);
        await log.WriteAsync(e.Provider, true, outcome, acr: e.Acr, fiscalCode: e.FiscalCode, subject: e.Subject, userId: user.Id);
        return LocalRedirect(PlatformSetup.AfterSignIn(ReturnUrl));
    }
}
