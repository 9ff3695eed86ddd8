using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages;

/// <summary>The public page of the pact: the current text, the partners adhering by kind with their commitments, the versions.</summary>
public class PactPageModel(PactQueries pact, CurrentNetwork current, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tipo")] public PartnerKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public PactVersion? Version { get; private set; }
    public string TextHtml { get; private set; } = "";
    public Paged<PactAdherent> Adherents { get; private set; } = new([], 0, 1, 50);
    public List<(PartnerKind Kind, int Count)> ByKind { get; private set; } = [];
    public List<PactAdherent> Renewing { get; private set; } = [];
    public int RenewingTotal { get; private set; }
    public List<PublishedVersion> Versions { get; private set; } = [];
    public bool CanSign { get; private set; }
    public string ShareUrl => $"{Platform.PublicSite.OriginOf(HttpContext)}/rete/patto?rete={Uri.EscapeDataString(current.Network!.Slug)}";
    public Pager Pager => new(Adherents.Page, Adherents.Pages, Adherents.Total, Request.Path, Request.Query);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!current.IsResolved) return NotFound();
        // Bad query values are ignored, never an error page.
        if (!ModelState.IsValid || Kind is { } k && !Enum.IsDefined(k)) { Kind = null; PageNumber = 1; }
        CanSign = await access.HasRoleHereAsync(NetworkRole.PartnerStaff, NetworkRole.Merchant);
        Version = await pact.CurrentAsync(current.Id);
        if (Version is null) return Page();
        TextHtml = OpportunityDetails.RenderMarkdown(Version.Text);
        Adherents = await pact.AdherentsAsync(current.Id, Version.Number, Kind, PageNumber);
        ByKind = await pact.AdheringByKindAsync(current.Id, Version.Number);
        (Renewing, RenewingTotal) = await pact.RenewingAsync(current.Id, Version.Number);
        Versions = await pact.VersionsAsync(current.Id);
        return Page();
    }
}
