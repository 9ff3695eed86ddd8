using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

/// <summary>People with a role in the network that is not tied to a partner: coordinators, officers, operators, volunteers, families.</summary>
public class PeopleModel(Invitations invitations, CurrentNetwork current, CurrentAccess access, AppDbContext db) : PageModel
{
    public sealed record PersonRow(Guid MembershipId, Guid UserId, string Name, string Email, string Role, string? Partner, bool IsOfficer = false, Guid? ComuneId = null);
    public List<SelectListItem> Comuni { get; private set; } = [];

    [BindProperty] public InviteForm Invite { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public List<PersonRow> People { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager => new(PageNumber, Math.Max(1, (Total + 49) / 50), Total, Request.Path, Request.Query);
    public static List<SelectListItem> Roles => Enum.GetValues<NetworkRole>().Where(r => !NetworkRoles.NeedsPartner(r))
        .Select(r => new SelectListItem(Tr.Get(NetworkRoles.Label(r)), r.ToString())).ToList();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (Invite.Role is { } r && NetworkRoles.NeedsPartner(r))
            ModelState.AddModelError("Invite.Role", Tr.Get("Il personale di un ente si invita dalla pagina dell'ente."));
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        await invitations.InviteAsync(current.Id, Invite.Email!, Invite.Role!.Value, null, access.UserId);
        TempData["Message"] = Tr.Get("Invito inviato a {0}.", Invite.Email!.Trim());
        return Redirect("/gestione/persone");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid membershipId)
    {
        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.Id == membershipId && m.NetworkId == current.Id);
        if (membership is null) return NotFound();
        if (membership.UserId == access.UserId && membership.Role == NetworkRole.Coordinator)
        {
            TempData["Message"] = Tr.Get("Non puoi togliere a te stesso il ruolo di coordinatore: chiedilo a un altro coordinatore.");
            return Redirect("/gestione/persone");
        }
        await invitations.RevokeAsync(current.Id, membershipId);
        TempData["Message"] = Tr.Get("Ruolo tolto.");
        return Redirect("/gestione/persone");
    }

    /// <summary>Binds a municipal officer to the Comune whose Family Card applications they decide (empty: every Comune).</summary>
    public async Task<IActionResult> OnPostComuneAsync(Guid membershipId, Guid? comuneId)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.NetworkId == current.Id && m.Role == NetworkRole.MunicipalOfficer);
        if (membership is null) return NotFound();
        if (comuneId is Guid id && !await db.Comuni.AnyAsync(c => c.Id == id && c.NetworkId == current.Id)) return NotFound();
        membership.ComuneId = comuneId;
        await db.SaveChangesAsync();
        TempData["Message"] = comuneId is null ? Tr.Get("L'operatore vede le domande di tutti i Comuni della rete.") : Tr.Get("Comune dell'operatore aggiornato.");
        return Redirect("/gestione/persone");
    }

    async Task LoadAsync()
    {
        if (PageNumber < 1) PageNumber = 1;
        var q = db.Memberships.AsNoTracking().Where(m => m.NetworkId == current.Id);
        Total = await q.CountAsync();
        var rows = await q.OrderBy(m => m.User!.DisplayName).ThenBy(m => m.Id).PageOf(PageNumber, 50)
            .Select(m => new { m.Id, m.UserId, m.User!.DisplayName, m.User.Email, m.Role, m.PartnerId, m.ComuneId }).ToListAsync();
        Comuni = await db.ComuneSelectListAsync(current.Id);
        var partnerIds = rows.Where(r => r.PartnerId != null).Select(r => r.PartnerId!.Value).ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        People = rows.Select(r => new PersonRow(r.Id, r.UserId, r.DisplayName, r.Email ?? "", Tr.Get(NetworkRoles.Label(r.Role)),
            r.PartnerId is { } p && partners.TryGetValue(p, out var n) ? n : null, r.Role == NetworkRole.MunicipalOfficer, r.ComuneId)).ToList();
    }
}
