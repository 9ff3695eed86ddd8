using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

public class NewOpportunityModel(Publishing publishing, CurrentNetwork current, AppDbContext db) : OpportunityFormModel(publishing, current, db)
{
    public async Task OnGetAsync()
    {
        await LoadChoicesAsync();
        if (Publishers.Count == 1) Input.PartnerId = Guid.Parse(Publishers[0].Value);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ValidateAsync()) return Page();
        var o = await Publishing.CreateAsync(Input);
        TempData["Message"] = Tr.Get("Bozza salvata. Aggiungi le date, se servono, poi inviala in revisione.");
        return Redirect($"/gestione/opportunita/{o.Id}");
    }
}
