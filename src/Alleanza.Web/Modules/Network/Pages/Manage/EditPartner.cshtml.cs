using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

public class EditPartnerModel(PartnerDirectory partners, Invitations invitations, CurrentNetwork current, CurrentAccess access, AppDbContext db)
    : PartnerFormModel(partners, current, db)
{
    public sealed record StaffRow(Guid MembershipId, string Name, string Email, string Role);
    public sealed record PendingRow(string Email, string Role, DateTime ExpiresAt);

    [BindProperty] public InviteForm Invite { get; set; } = new();
    public Partner? Partner { get; private set; }
    public List<StaffRow> Staff { get; private set; } = [];
    public List<PendingRow> Pending { get; private set; } = [];
    /// <summary>Every role that belongs to an organisation (staff, merchants, social operators, volunteers, supervisors of paths).</summary>
    public static List<SelectListItem> StaffRoles => Enum.GetValues<NetworkRole>().Where(NetworkRoles.NeedsPartner)
        .Select(r => new SelectListItem(Tr.Get(NetworkRoles.Label(r)), r.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = PartnerDirectory.FormFrom(Partner!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!await ValidateAsync()) return Page();
        await Partners.UpdateAsync(Partner!, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/gestione/partner/{id}");
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = PartnerDirectory.FormFrom(Partner!);
        ModelState.KeepOnly(nameof(Invite));
        if (Invite.Role is { } r && !NetworkRoles.NeedsPartner(r))
            ModelState.AddModelError("Invite.Role", Tr.Get("Scegli uno dei ruoli del personale di un ente dall'elenco."));
        if (!ModelState.IsValid) return Page();
        await invitations.InviteAsync(Current.Id, Invite.Email!, Invite.Role!.Value, Partner!.Id, access.UserId);
        TempData["Message"] = Tr.Get("Invito inviato a {0}.", Invite.Email!.Trim());
        return Redirect($"/gestione/partner/{id}#personale");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid membershipId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Staff.Any(s => s.MembershipId == membershipId) || !await invitations.RevokeAsync(Current.Id, membershipId)) return NotFound();
        TempData["Message"] = Tr.Get("Ruolo tolto.");
        return Redirect($"/gestione/partner/{id}#personale");
    }


    async Task<bool> LoadAsync(Guid id)
    {
        Partner = await Partners.FindAsync(Current.Id, id);
        if (Partner is null) return false;
        await LoadChoicesAsync();
        var staff = await Db.Memberships.AsNoTracking().Where(m => m.PartnerId == id && m.NetworkId == Current.Id)
            .Select(m => new { m.Id, m.User!.DisplayName, m.User.Email, m.Role }).ToListAsync();
        Staff = staff.Select(s => new StaffRow(s.Id, s.DisplayName, s.Email ?? "", Tr.Get(NetworkRoles.Label(s.Role)))).OrderBy(s => s.Name).ToList();
        var pending = await Db.Invitations.AsNoTracking().Where(i => i.PartnerId == id && i.NetworkId == Current.Id && i.AcceptedAt == null)
            .OrderBy(i => i.Email).Select(i => new { i.Email, i.Role, i.ExpiresAt }).ToListAsync();
        Pending = pending.Select(p => new PendingRow(p.Email, Tr.Get(NetworkRoles.Label(p.Role)), p.ExpiresAt)).ToList();
        return true;
    }
}
