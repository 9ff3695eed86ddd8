using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pages.Admin;

public class NewNetworkModel(NetworkAdministration admin) : PageModel
{
    [BindProperty] public NetworkForm Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (network, errors) = await admin.CreateAsync(Input);
        foreach (var (key, message) in errors) ModelState.AddModelError($"Input.{key}", message);
        if (network is null) return Page();
        TempData["Message"] = Tr.Get("Rete «{0}» creata. Ora aggiungi i Comuni e invita il coordinatore.", network.Name);
        return Redirect($"/amministrazione/reti/{network.Id}");
    }
}
