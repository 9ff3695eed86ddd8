using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>The coordinator's view of the pact: the figures, the current version, and every partner with where it stands.</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class OverviewModel(PactAdhesions adhesions, PactQueries pact, PactVersions versions, CurrentNetwork current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "tipo")] public PartnerKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "stato")] public AdhesionState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public PactFigures Figures { get; private set; } = new(null, null, [], 0, 0, 0);
    public PactVersion? Draft { get; private set; }
    public Paged<PartnerPactRow> Result { get; private set; } = new([], 0, 1, PactAdhesions.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        // Bad query values become "no filter", never an error page.
        foreach (var key in ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList())
        {
            if (key == "tipo") Kind = null;
            if (key == "stato") State = null;
            if (key == "pagina") PageNumber = 1;
        }
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        if (State is { } s && !Enum.IsDefined(s)) State = null;
        if (Q?.Length > 200) Q = Q[..200];
        Figures = await pact.FiguresAsync(current.Id);
        Draft = await versions.DraftAsync(current.Id);
        Result = await adhesions.ListAsync(current.Id, Q, Kind, State, PageNumber);
    }
}
