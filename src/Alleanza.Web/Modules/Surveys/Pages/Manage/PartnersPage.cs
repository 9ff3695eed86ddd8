using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Surveys.Pages.Manage;

/// <summary>/gestione/questionari/enti: the partner organisations the coordinators allow to build questionnaires (coordinators only).</summary>
public class PartnersModel(SurveyPartners partners, CurrentNetwork network) : PageModel
{
    public sealed class AllowForm
    {
        [Display(Name = "Ente partner")] public Guid? PartnerId { get; set; }
    }

    [BindProperty] public AllowForm Input { get; set; } = new();
    public List<SurveyPartners.Row> Allowed { get; private set; } = [];
    public List<SelectListItem> Candidates { get; private set; } = [];

    async Task LoadAsync()
    {
        Allowed = await partners.AllowedAsync(network.Id);
        Candidates = (await partners.CandidatesAsync(network.Id)).Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == Input.PartnerId)).ToList();
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAllowAsync()
    {
        if (ModelState[$"{nameof(Input)}.{nameof(AllowForm.PartnerId)}"]?.Errors.Count > 0) { ModelState.Clear(); Input.PartnerId = null; }
        if (await partners.AllowAsync(network.Id, Input.PartnerId) is { } error)
        {
            ModelState.AddModelError("Input.PartnerId", error);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = Tr.Get("Ente aggiunto: i suoi referenti possono preparare questionari e ne sono stati avvisati.");
        return Redirect("/gestione/questionari/enti");
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromQuery(Name = "ente")] Guid partner)
    {
        if (await partners.RemoveAsync(network.Id, partner) is { } error)
        {
            ModelState.AddModelError("", error);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = Tr.Get("Ente tolto: i suoi questionari restano al coordinamento.");
        return Redirect("/gestione/questionari/enti");
    }
}
