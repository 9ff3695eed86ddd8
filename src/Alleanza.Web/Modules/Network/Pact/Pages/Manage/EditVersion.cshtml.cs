using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>One version: a draft is edited here (Markdown with a preview that needs no JavaScript); published ones are read.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class EditVersionModel(PactVersions versions, CurrentNetwork current) : PageModel
{
    [BindProperty] public PactDraftForm Input { get; set; } = new();
    public PactVersion? Version { get; private set; }
    public string? PreviewHtml { get; private set; }
    public string TextHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int numero)
    {
        Version = await versions.FindAsync(current.Id, numero);
        if (Version is null) return NotFound();
        Input = PactDraftForm.From(Version);
        TextHtml = OpportunityDetails.RenderMarkdown(Version.Text);
        return Page();
    }

    /// <summary>Saves the draft; with <c>anteprima</c> it also shows the text as it will look (nothing is published).</summary>
    public async Task<IActionResult> OnPostAsync(int numero, string? anteprima)
    {
        Version = await versions.FindAsync(current.Id, numero);
        if (Version is null) return NotFound();
        if (!Version.IsDraft) return Redirect($"/gestione/patto/versioni/{numero}");
        if (anteprima is not null) PreviewHtml = OpportunityDetails.RenderMarkdown(Input.Text ?? "");
        if (!ModelState.IsValid) return Page();
        await versions.SaveDraftAsync(Version, Input);
        if (anteprima is not null)
        {
            ViewData["Saved"] = true;
            return Page();
        }
        TempData["Message"] = Tr.Get("Bozza della versione {0} salvata.", numero);
        return Redirect($"/gestione/patto/versioni/{numero}");
    }
}
