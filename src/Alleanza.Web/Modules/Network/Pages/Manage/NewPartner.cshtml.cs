using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

public class NewPartnerModel(PartnerDirectory partners, CurrentNetwork current, AppDbContext db) : PartnerFormModel(partners, current, db)
{
    public Task OnGetAsync() => LoadChoicesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ValidateAsync()) return Page();
        var partner = await Partners.CreateAsync(Current.Id, Input);
        TempData["Message"] = Tr.Get("Ente «{0}» aggiunto alla rete.", partner.Name);
        return Redirect($"/gestione/partner/{partner.Id}");
    }
}
