using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>One partner and the pact: its state and history; the coordinator records an adhesion signed on paper.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class PartnerPactModel(PactAdhesions adhesions, PactQueries pact, CurrentNetwork current, CurrentAccess access, TimeProvider clock) : PageModel
{
    [BindProperty] public PaperAdhesionForm Input { get; set; } = new();
    public PartnerPactView? View { get; private set; }
    public List<SelectListItem> VersionOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var previous = View!.Live ?? View.History.FirstOrDefault();
        Input = new PaperAdhesionForm
        {
            SignatoryName = previous?.SignatoryName, SignatoryRole = previous?.SignatoryRole, Commitments = previous?.Commitments,
            VersionNumber = View.CurrentNumber, SignedOn = RomeTime.Today(clock),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var problem = await adhesions.RecordPaperAsync(current.Id, id, Input, access.UserId, access.User.FindFirst(AuthClaims.DisplayName)?.Value);
        if (problem is { } p)
        {
            ModelState.AddModelError($"{nameof(Input)}.{p.Field}", p.Message);
            return Page();
        }
        TempData["Message"] = Tr.Get("Adesione di «{0}» alla versione {1} registrata.", View!.Partner.Name, Input.VersionNumber);
        return Redirect($"/gestione/patto/enti/{id}");
    }

    async Task<bool> LoadAsync(Guid id)
    {
        View = await adhesions.ForPartnerAsync(current.Id, id);
        if (View is null) return false;
        VersionOptions = (await pact.VersionsAsync(current.Id))
            .Select(v => new SelectListItem($"Versione {v.Number}{(v.Current ? " (in vigore)" : "")} — {v.Title}", v.Number.ToString())).ToList();
        return true;
    }
}
