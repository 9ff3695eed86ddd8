using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, AuditLog audit,
    Microsoft.Extensions.Options.IOptions<Platform.Notifications.IoApp.IoAppOptions> io) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Inserisci il tuo nome e cognome."), StringLength(200, MinimumLength = 2, ErrorMessage = "Il nome deve avere tra 2 e 200 caratteri."), Display(Name = "Nome e cognome")]
    public string? DisplayName { get; set; }
    [BindProperty, StringLength(40, ErrorMessage = "Il codice fiscale ha 16 caratteri."), Display(Name = "Codice fiscale (facoltativo)")]
    public string? FiscalCode { get; set; }
    public bool IoAppEnabled { get; private set; }
    /// <summary>The fiscal code SPID/CIE vouched for: shown as verified, not editable.</summary>
    public string? VerifiedFiscalCode { get; private set; }
    public string Email { get; private set; } = "";
    public sealed record RoleRow(string Network, string NetworkSlug, string Role, string? Partner);
    public List<RoleRow> Roles { get; private set; } = [];
    public bool IsAdministrator { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        DisplayName = user.DisplayName;
        FiscalCode = user.FiscalCode;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var fiscalCode = Modules.Families.ItalianFiscalCode.Normalize(FiscalCode);
        if (ModelState.IsValid && fiscalCode is not null && Modules.Families.ItalianFiscalCode.Problem(fiscalCode) is { } problem)
            ModelState.AddModelError(nameof(FiscalCode), problem);
        if (!ModelState.IsValid) { await LoadAsync(user); return Page(); }
        user.DisplayName = DisplayName!.Trim();
        user.FiscalCode = user.VerifiedFiscalCode ?? fiscalCode;
        await users.UpdateAsync(user);
        await audit.WriteAsync("account.profile-update", nameof(AppUser), user.Id);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = Tr.Get("Profilo aggiornato.");
        return RedirectToPage();
    }

    async Task LoadAsync(AppUser user)
    {
        Email = user.Email ?? "";
        VerifiedFiscalCode = user.VerifiedFiscalCode;
        IoAppEnabled = io.Value.Enabled;
        IsAdministrator = user.IsAdministrator;
        var rows = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id)
            .Join(db.Networks, m => m.NetworkId, n => n.Id, (m, n) => new { n.Name, n.Slug, m.Role, m.PartnerId })
            .ToListAsync();
        var partnerIds = rows.Where(r => r.PartnerId != null).Select(r => r.PartnerId!.Value).ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        Roles = rows.OrderBy(r => r.Name).Select(r => new RoleRow(r.Name, r.Slug, NetworkRoles.Label(r.Role), r.PartnerId is { } p && partners.TryGetValue(p, out var name) ? name : null)).ToList();
    }
}
