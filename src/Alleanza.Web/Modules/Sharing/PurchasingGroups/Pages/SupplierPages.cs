using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>A referent's suppliers and their products, with the CSV import and its report.</summary>
public class SuppliersModel(GafAccess access, Groups groups, ProductImport import, AppDbContext db) : GroupPage(access)
{
    public List<Groups.SupplierRow> Suppliers { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "fornitore")] public Guid? SupplierId { get; set; }
    public Groups.SupplierRow? Selected { get; private set; }
    public List<Product> Products { get; private set; } = [];
    [BindProperty] public SupplierForm Input { get; set; } = new();
    [BindProperty] public IFormFile? Csv { get; set; }
    public ProductImport.Report? Report { get; private set; }

    public sealed class SupplierForm
    {
        [Required(ErrorMessage = "Scrivi il nome del fornitore.")]
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Nome del fornitore")] public string? Name { get; set; }
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Referente del fornitore (facoltativo)")] public string? ContactName { get; set; }
        [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
        [StringLength(256, ErrorMessage = "Al massimo 256 caratteri.")]
        [Display(Name = "Email per gli ordini (facoltativa)")] public string? Email { get; set; }
        [StringLength(40, ErrorMessage = "Al massimo 40 caratteri.")]
        [Display(Name = "Telefono (facoltativo)")] public string? Phone { get; set; }
        [Display(Name = "Ente partner della rete (facoltativo)")] public Guid? PartnerId { get; set; }
    }

    public List<SelectListItem> Partners { get; private set; } = [];

    async Task LoadAsync()
    {
        Suppliers = await groups.SuppliersAsync(Group.Id);
        Selected = Suppliers.FirstOrDefault(s => s.Id == SupplierId);
        if (Selected is not null) Products = await groups.ProductsAsync(Selected.Id);
        Partners = await db.Partners.AsNoTracking().Where(p => p.NetworkId == Group.NetworkId).OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).Take(500).ToListAsync();
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Input));
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        if (Input.PartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == Group.NetworkId)) ModelState.AddModelError("Input.PartnerId", Tr.Get("Scegli un ente della rete."));
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        var supplier = await groups.AddSupplierAsync(Group, Input.Name!, Input.PartnerId, Input.ContactName, Input.Email, Input.Phone);
        TempData["Message"] = Tr.Get("Fornitore «{0}» aggiunto: ora caricate i suoi prodotti da un file CSV.", supplier.Name);
        return Redirect($"{PurchasingModule.Path}/{id}/fornitori?fornitore={supplier.Id}");
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        var supplier = await db.GafSuppliers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SupplierId && s.GroupId == Group.Id);
        if (supplier is null) return NotFound();
        if (Csv is null || Csv.Length == 0) { ModelState.AddModelError(nameof(Csv), Tr.Get("Scegli il file CSV del listino.")); return Page(); }
        if (Csv.Length > 2_000_000) { ModelState.AddModelError(nameof(Csv), Tr.Get("Il file è troppo grande: al massimo 2 MB.")); return Page(); }
        using var reader = new StreamReader(Csv.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Report = await import.ImportAsync(supplier, await reader.ReadToEndAsync());
        if (!Report.Ok) { ModelState.AddModelError(nameof(Csv), Tr.Get("Il file ha delle righe da correggere: nulla è stato cambiato.")); return Page(); }
        await LoadAsync();
        return Page();
    }
}
