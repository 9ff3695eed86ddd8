using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Catalog.Pages;

public class DetailsModel(OpportunityDetails details, CurrentNetwork current) : PageModel
{
    public OpportunityView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var view = await details.PublishedAsync(current.Id, id);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public string ShareUrl => $"{Request.Scheme}://{Request.Host}/opportunita/{View.Opportunity.Id}?rete={current.Network?.Slug}";

    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(View.Locations.Where(l => l.Latitude is not null && l.Longitude is not null)
        .Select(l => new { id = View.Opportunity.Id, title = l.Name, lat = l.Latitude, lon = l.Longitude, place = l.Address }));
}
