using Alleanza.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages.Manage;

/// <summary>The coordinators' page of Condividi: the figures (by Comune and month) and the network's rules and moderators.</summary>
public class SettingsModel(Moderation moderation, SharingFigures figures, SharingAccess access, TimeProvider clock) : PageModel
{
    [BindProperty] public Moderation.SettingsForm Input { get; set; } = new();
    public List<Moderation.StaffOption> Staff { get; private set; } = [];
    public SharingFigures.Totals Totals { get; private set; } = new(0, 0, 0, 0, 0);
    public List<SharingFigures.Row> Rows { get; private set; } = [];
    public string Period { get; private set; } = "";

    async Task LoadAsync()
    {
        Staff = await moderation.StaffAsync(access.NetworkId);
        var today = RomeTime.Today(clock);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        Period = Tr.Get("da {0} a oggi", RomeTime.Format(from, "MMMM yyyy"));
        (Totals, Rows) = await figures.ForAsync(access.NetworkId, RomeTime.FromRome(from, TimeOnly.MinValue), clock.GetUtcNow().UtcDateTime.AddMinutes(1));
    }

    public async Task OnGetAsync()
    {
        Input = await moderation.SettingsFormAsync(access.NetworkId);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
        {
            ModelState[key]!.Errors.Clear();
            ModelState.AddModelError(key, Tr.Get("Valore non valido: correggetelo."));
        }
        if (ModelState.IsValid)
            foreach (var (key, message) in await moderation.SaveSettingsAsync(access.NetworkId, Input))
                ModelState.AddModelError(key is "" ? "" : $"Input.{key}", message);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = Tr.Get("Regole di Condividi salvate.");
        return Redirect("/gestione/condividi");
    }
}
