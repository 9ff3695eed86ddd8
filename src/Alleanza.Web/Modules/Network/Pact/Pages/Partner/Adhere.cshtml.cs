using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Partner;

/// <summary>A partner's staff reads the current pact and adheres for the organisation, or re-adheres to a new version.</summary>
[Authorize(Policy = PactModule.SignPolicy)]
public class AdhereModel(PactAdhesions adhesions, PactQueries pact, CurrentNetwork current, CurrentAccess access, AppDbContext db)
    : SignatoryPageModel(adhesions, current, access, db)
{
    readonly PactAdhesions adhesions = adhesions;
    readonly CurrentNetwork current = current;
    readonly CurrentAccess access = access;

    [BindProperty] public AdhesionForm Input { get; set; } = new();
    public PactVersion? Version { get; private set; }
    public string TextHtml { get; private set; } = "";
    /// <summary>True when the partner may sign now (no live adhesion to the current version).</summary>
    public bool CanAdhere => Version is not null && View is not null && View.State != AdhesionState.Adhering;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var previous = View?.Live ?? View?.History.FirstOrDefault();
        Input = new AdhesionForm
        {
            SignatoryName = previous?.SignatoryName ?? access.User.FindFirst(AuthClaims.DisplayName)?.Value,
            SignatoryRole = previous?.SignatoryRole,
            Commitments = previous?.Commitments,
            VersionNumber = Version?.Number ?? 0,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!CanAdhere) return Redirect(SelfUrl("/rete/patto/adesione"));
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        var error = await adhesions.AdhereOnlineAsync(current.Id, PartnerId!.Value, Input, access.UserId, access.User.FindFirst(AuthClaims.DisplayName)?.Value);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            Input.VersionNumber = Version!.Number;
            Input.Declaration = false;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.VersionNumber)}");
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Declaration)}");
            return Page();
        }
        TempData["Message"] = Tr.Get("Grazie: «{0}» aderisce alla versione {1} del patto di collaborazione.", View!.Partner.Name, Version!.Number);
        return Redirect(SelfUrl("/rete/patto/adesione"));
    }

    async Task<bool> LoadAsync()
    {
        if (!await LoadPartnerAsync()) return false;
        Version = await pact.CurrentAsync(current.Id);
        if (Version is not null) TextHtml = OpportunityDetails.RenderMarkdown(Version.Text);
        return true;
    }
}
