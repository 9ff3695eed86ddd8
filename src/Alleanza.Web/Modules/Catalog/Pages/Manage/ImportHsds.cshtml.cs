using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Catalog.Hsds;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

[Authorize(Policy = Policies.ManageNetwork)]
public class ImportHsdsModel(HsdsImport importer, CurrentNetwork current) : PageModel
{
    [BindProperty, Display(Name = "File HSDS (JSON o zip di CSV)")] public new IFormFile? File { get; set; }
    public ImportReport? Report { get; private set; }
    public string Slug => current.Network?.Slug ?? "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (File is null || File.Length == 0) { ModelState.AddModelError(nameof(File), Tr.Get("Scegli il file JSON o lo zip di CSV da importare.")); return Page(); }
        if (File.Length > HsdsImport.MaxBytes) { ModelState.AddModelError(nameof(File), Tr.Get("Il file supera i 20 MB: dividilo in più parti.")); return Page(); }
        await using var stream = File.OpenReadStream();
        Report = await importer.ImportAsync(current.Id, stream);
        return Page();
    }
}
