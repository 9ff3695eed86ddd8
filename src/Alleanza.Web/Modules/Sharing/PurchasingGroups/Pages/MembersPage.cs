using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>A group's members and referents, as its referents manage them (removal after a confirmation).</summary>
public class MembersModel(GafAccess access, GroupPeople people) : GroupPage(access)
{
    public List<GroupPeople.MemberRow> Members { get; private set; } = [];
    public List<GroupPeople.ReferentRow> Referents { get; private set; } = [];
    public List<SelectListItem> SponsorItems => Members.Where(m => m.SponsorId is null).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
    [BindProperty] public MemberForm Member { get; set; } = new();
    [BindProperty] public ReferentForm Referent { get; set; } = new();

    public sealed class MemberForm
    {
        [Required(ErrorMessage = "Scrivi l'email della famiglia.")]
        [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
        [StringLength(256, ErrorMessage = "Al massimo 256 caratteri.")]
        [Display(Name = "Email della famiglia")] public string? Email { get; set; }
        [Required(ErrorMessage = "Scrivi come il gruppo chiama la famiglia (es. Famiglia Brambilla).")]
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Nome nel gruppo")] public string? Name { get; set; }
        [Display(Name = "Famiglia amica: prenota per lei il socio")] public Guid? SponsorId { get; set; }
    }

    public sealed class ReferentForm
    {
        [Required(ErrorMessage = "Scrivi l'email della persona.")]
        [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
        [StringLength(256, ErrorMessage = "Al massimo 256 caratteri.")]
        [Display(Name = "Email del nuovo referente")] public string? Email { get; set; }
        [Display(Name = "È anche tesoriere")] public bool Treasurer { get; set; }
    }

    async Task LoadAsync()
    {
        Members = await people.MembersAsync(Group.Id);
        Referents = await people.ReferentsAsync(Group.Id);
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        return Page();
    }

    /// <summary>Back to the page with the outcome: a success in the green status, a refusal in the red alert (not as a success).</summary>
    IActionResult Back(Guid id, string message, bool ok = true)
    {
        TempData[ok ? "Message" : "Error"] = message;
        return Redirect($"{PurchasingModule.Path}/{id}/soci");
    }

    public async Task<IActionResult> OnPostAddMemberAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Member));
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await people.AddMemberAsync(Group, Member.Email, Member.Name, Member.SponsorId);
            if (result.Ok) return Back(id, $"«{result.Name}» è ora socia del gruppo.");
            ModelState.AddModelError(result.Field is null ? "" : $"Member.{result.Field}", result.Error!);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid id, Guid member)
    {
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        var result = await people.RemoveMemberAsync(Group, member);
        return Back(id, result.Ok ? Tr.Get("«{0}» non è più socia del gruppo; il suo estratto conto resta.", result.Name) : result.Error!, result.Ok);
    }

    public async Task<IActionResult> OnPostAddReferentAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Referent));
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await people.AddReferentAsync(Group, Referent.Email, Referent.Treasurer);
            if (result.Ok) return Back(id, $"{result.Name} è ora referente del gruppo.");
            ModelState.AddModelError(result.Field is null ? "" : $"Referent.{result.Field}", result.Error!);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveReferentAsync(Guid id, Guid user)
    {
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        var result = await people.RemoveReferentAsync(Group, user);
        return Back(id, result.Ok ? Tr.Get("{0} non è più referente del gruppo.", result.Name) : result.Error!, result.Ok);
    }
}
