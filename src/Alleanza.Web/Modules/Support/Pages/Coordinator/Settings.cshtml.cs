using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Pages.Coordinator;

/// <summary>The network's settings of the support paths.</summary>
public class SettingsModel(OpenCase open, SupportSettingsEditor editor, CurrentNetwork network) : PageModel
{
    public sealed class SettingsForm
    {
        [Display(Name = "Bisogni che gli operatori indicano all'apertura (uno per riga)")] public string? Needs { get; set; }
        [Display(Name = "Scala di valutazione (un ambito per riga)")] public string? Scale { get; set; }
        [Display(Name = "Versione dell'informativa per il consenso")] public string? NoticeVersion { get; set; }
        [Display(Name = "Mesi di conservazione dopo la chiusura")] public int? RetentionMonths { get; set; }
        [Display(Name = "Soglia minima di famiglie per pubblicare un dato")] public int? SmallCellThreshold { get; set; }
    }

    [BindProperty] public SettingsForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved) return NotFound();
        var s = await open.SettingsAsync(network.Id);
        Input = new SettingsForm { Needs = s.Needs, Scale = s.Scale, NoticeVersion = s.NoticeVersion, RetentionMonths = s.RetentionMonths, SmallCellThreshold = s.SmallCellThreshold };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!network.IsResolved) return NotFound();
        if (!ModelState.IsValid) return Page();
        var errors = await editor.SaveAsync(network.Id, new(Input.Needs, Input.Scale, Input.NoticeVersion, Input.RetentionMonths, Input.SmallCellThreshold));
        foreach (var (field, message) in errors) ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Tr.Get("Impostazioni dei percorsi salvate.");
        return RedirectToPage();
    }
}
