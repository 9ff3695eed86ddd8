using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages.Manage;

/// <summary>
/// «I miei dati»: what the platform holds about the person and their household, the download (ZIP with JSON and HTML),
/// the consents given with their versions, and who among the staff read the household's data (a page at a time).
/// </summary>
public class MyDataModel(ExportMyData export, CurrentAccess access, AuditLog audit, TimeProvider clock) : PageModel
{
    public ExportMyData.PersonalData Data { get; private set; } = default!;
    public Paged<ExportMyData.ReadData> Reads { get; private set; } = default!;
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Pager Pager => new(Reads.Page, Reads.Pages, Reads.Total, Request.Path, Request.Query);

    public async Task<IActionResult> OnGetAsync()
    {
        if (access.UserId is not Guid userId) return Challenge();
        var data = await export.CollectAsync(userId);
        if (data is null) return Challenge();
        Data = data;
        Reads = await export.ReadsAsync(userId, PageNumber);
        return Page();
    }

    /// <summary>The ZIP: dati.json and dati.html.</summary>
    public async Task<IActionResult> OnGetDownloadAsync()
    {
        if (access.UserId is not Guid userId) return Challenge();
        var data = await export.CollectAsync(userId);
        if (data is null) return Challenge();
        await audit.WriteAsync("account.data-export", "AppUser", userId);
        Response.Headers.CacheControl = "no-store";
        return File(ExportMyData.Zip(data), "application/zip", $"i-miei-dati-{RomeTime.Format(clock.GetUtcNow().UtcDateTime, "yyyy-MM-dd")}.zip");
    }
}
