using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Family;

/// <summary>The card on screen: the QR that the phone redraws every 30 seconds, the number, the printable version, the devices.</summary>
public class CardViewModel(CardDevices devices, CurrentNetwork network, CurrentAccess access, TimeProvider clock) : PageModel
{
    public Card Card { get; private set; } = default!;
    public CardState State { get; private set; }
    public List<CardDevice> Devices { get; private set; } = [];
    public string NetworkName => network.Network?.Name ?? "";

    async Task<bool> LoadAsync(Guid id)
    {
        if (!network.IsResolved || access.UserId is null) return false;
        var card = await devices.FindOwnAsync(network.Id, access.UserId.Value, id);
        if (card is null) return false;
        Card = card;
        State = card.StateAt(clock.GetUtcNow().UtcDateTime);
        Devices = await devices.DevicesAsync(card.Id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevokeDeviceAsync(Guid id, Guid deviceId)
    {
        if (!await LoadAsync(id)) return NotFound();
        TempData["Message"] = await devices.RevokeAsync(Card, deviceId) ? Tr.Get("Dispositivo disattivato: da lì la carta non funziona più.") : Tr.Get("Dispositivo già disattivato.");
        return RedirectToPage(new { id });
    }
}
