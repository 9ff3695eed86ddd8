using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard.Pages;

/// <summary>A shop of the current network: address, hours, map, its offers valid today and the cards they accept.</summary>
public class ShopPageModel(CardShops cardShops, CurrentNetwork current) : PageModel
{
    public CardShop Shop { get; private set; } = default!;
    public string NetworkName => current.Network?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!current.IsResolved || await cardShops.FindAsync(current.Id, id, HttpContext.RequestAborted) is not { } shop) return NotFound();
        Shop = shop;
        return Page();
    }

    public string MapPoints() => Shop.Latitude is null || Shop.Longitude is null ? "[]"
        : System.Text.Json.JsonSerializer.Serialize(new[] { new { id = Shop.Id, title = Shop.Name, lat = Shop.Latitude, lon = Shop.Longitude, place = $"{Shop.Address}, {Shop.Comune}" } });
}
