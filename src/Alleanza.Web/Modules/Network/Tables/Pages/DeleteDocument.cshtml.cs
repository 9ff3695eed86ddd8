using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Tables.Pages;

public class DeleteDocumentModel(WorkingTables tables, TableWork work) : PageModel
{
    public TableDocument Document { get; private set; } = default!;
    public TableAccess Access { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await work.FindDocumentAsync(id) is not { } doc) return false;
        if (await tables.AccessAsync(doc.TableId) is not { CanRun: true } access) return false;
        (Document, Access) = (doc, access);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await work.DeleteDocumentAsync(Document);
        TempData["Message"] = Tr.Get("Documento «{0}» eliminato.", Document.FileName);
        return Redirect($"/rete/tavoli/{Access.Table.Id}#documenti");
    }
}
