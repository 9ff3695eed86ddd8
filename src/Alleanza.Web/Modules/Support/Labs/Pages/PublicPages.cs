using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Labs.Pages;

/// <summary>The network's community labs for everyone: a list beside a map, opening times, the next session.</summary>
public class IndexModel(LabDirectory labs, LabManagement management, CommunityAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<LabDirectory.LabCard> Result { get; private set; } = new([], 0, 1, LabDirectory.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/laboratori", Request.Query);
    public bool CanCreate { get; private set; }
    public bool WorksInLabs { get; private set; }

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        if (Query is { Length: > 200 }) Query = Query[..200];
        Result = await labs.ListAsync(Query, PageNumber);
        if (access.UserId is not null)
        {
            CanCreate = (await management.PartnersAsync()).Count > 0 && await access.IsReferentAsync();
            WorksInLabs = CanCreate || (await management.MineAsync()).Count > 0;
        }
    }

    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(Result.Items.Where(l => l.Latitude is not null && l.Longitude is not null)
        .Select(l => new { id = l.Id, title = l.Name, lat = l.Latitude, lon = l.Longitude }));
}

public class LabModel(LabDirectory labs, LabManagement management) : PageModel
{
    public LabDirectory.LabPage View { get; private set; } = default!;
    public LabAccess? Access { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await labs.FindAsync(id) is not { } view) return NotFound();
        View = view;
        if (User.Identity?.IsAuthenticated == true) Access = await management.AccessAsync(id);
        // A closed lab is shown only to who worked in it.
        if (view.Lab.ClosedAt is not null && Access is null) return NotFound();
        return Page();
    }

    public string MapPoint() => View.Lab.Latitude is null ? "[]" : System.Text.Json.JsonSerializer.Serialize(new[] { new { id = View.Lab.Id, title = View.Lab.Name, lat = View.Lab.Latitude, lon = View.Lab.Longitude } });
}
