using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages.Admin;

public class EditNetworkModel(AppDbContext db, NetworkAdministration admin, Invitations invitations, CurrentAccess access) : PageModel
{
    public sealed record CoordinatorRow(Guid MembershipId, string Name, string Email);

    [BindProperty] public NetworkForm Input { get; set; } = new();
    [BindProperty] public ComuneForm NewComune { get; set; } = new();
    [BindProperty, System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Inserisci l'indirizzo email del coordinatore."),
     System.ComponentModel.DataAnnotations.EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido."),
     System.ComponentModel.DataAnnotations.Display(Name = "Email del coordinatore")]
    public string? CoordinatorEmail { get; set; }

    public AllianceNetwork? Network { get; private set; }
    public List<Comune> Comuni { get; private set; } = [];
    public List<CoordinatorRow> Coordinators { get; private set; } = [];
    public List<string> PendingCoordinators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new NetworkForm { Name = Network!.Name, Slug = Network.Slug, Region = Network.Region, ContactEmail = Network.ContactEmail, Description = Network.Description,
            MailFromName = Network.MailFromName, MailFromAddress = Network.MailFromAddress };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        ModelState.Remove("Input.Slug"); // the URL name does not change after creation
        if (!ModelState.IsValid) return Page();
        await admin.UpdateAsync(Network!, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/amministrazione/reti/{id}");
    }

    public async Task<IActionResult> OnPostAddComuneAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        FillInput();
        ModelState.KeepOnly(nameof(NewComune));
        if (!ModelState.IsValid) return Page();
        var error = await admin.AddComuneAsync(id, NewComune);
        if (error is not null) { ModelState.AddModelError("NewComune.Name", error); return Page(); }
        TempData["Message"] = Tr.Get("Comune di {0} aggiunto.", NewComune.Name!.Trim());
        return Redirect($"/amministrazione/reti/{id}#comuni");
    }

    public async Task<IActionResult> OnPostRemoveComuneAsync(Guid id, Guid comuneId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Comuni.Any(c => c.Id == comuneId)) return NotFound();
        if (await admin.WhyComuneStaysAsync(id, comuneId) is { } stays)
        {
            FillInput();
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, stays);
            return Page();
        }
        if (!await admin.RemoveComuneAsync(id, comuneId)) return NotFound();
        TempData["Message"] = Tr.Get("Comune tolto dalla rete.");
        return Redirect($"/amministrazione/reti/{id}#comuni");
    }

    public async Task<IActionResult> OnPostInviteCoordinatorAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        FillInput();
        ModelState.KeepOnly(nameof(CoordinatorEmail));
        if (!ModelState.IsValid) return Page();
        await invitations.InviteAsync(id, CoordinatorEmail!, NetworkRole.Coordinator, null, access.UserId);
        TempData["Message"] = Tr.Get("Invito da coordinatore inviato a {0}.", CoordinatorEmail!.Trim());
        return Redirect($"/amministrazione/reti/{id}#coordinatori");
    }

    void FillInput() => Input = new NetworkForm { Name = Network!.Name, Slug = Network.Slug, Region = Network.Region, ContactEmail = Network.ContactEmail, Description = Network.Description };


    async Task<bool> LoadAsync(Guid id)
    {
        Network = await db.Networks.FirstOrDefaultAsync(n => n.Id == id);
        if (Network is null) return false;
        Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == id).OrderBy(c => c.Name).ToListAsync();
        Coordinators = await db.Memberships.AsNoTracking().Where(m => m.NetworkId == id && m.Role == NetworkRole.Coordinator)
            .OrderBy(m => m.User!.DisplayName).Select(m => new CoordinatorRow(m.Id, m.User!.DisplayName, m.User.Email ?? "")).ToListAsync();
        PendingCoordinators = await db.Invitations.AsNoTracking().Where(i => i.NetworkId == id && i.Role == NetworkRole.Coordinator && i.AcceptedAt == null)
            .OrderBy(i => i.Email).Select(i => i.Email).ToListAsync();
        return true;
    }
}
