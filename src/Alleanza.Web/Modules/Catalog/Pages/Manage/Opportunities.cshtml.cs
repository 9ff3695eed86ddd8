using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

public class OpportunitiesModel(AppDbContext db, CurrentNetwork current, CurrentAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Title, OpportunityKind Kind, OpportunityStatus Status, string Partner, DateTime UpdatedAt);

    [BindProperty(SupportsGet = true, Name = "stato")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Row> Result { get; private set; } = new([], 0, 1, 30);
    public bool IsCoordinator { get; private set; }
    public int WaitingForReview { get; private set; }
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    /// <summary>The status filter; the labels are Italian keys of the shared resources, shown with L[…].</summary>
    public static readonly (string Key, string Label, OpportunityStatus? Status)[] States =
    [
        ("tutte", "Tutte", null), ("bozze", "Bozze", OpportunityStatus.Draft), ("revisione", "In revisione", OpportunityStatus.Submitted),
        ("pubblicate", "Pubblicate", OpportunityStatus.Published), ("da-correggere", "Da correggere", OpportunityStatus.Rejected), ("archiviate", "Archiviate", OpportunityStatus.Archived),
    ];

    public async Task OnGetAsync()
    {
        IsCoordinator = await access.CanManageNetworkAsync();
        var q = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == current.Id);
        if (!IsCoordinator)
        {
            var mine = await access.PartnersHereAsync();
            q = q.Where(o => mine.Contains(o.PartnerId));
        }
        WaitingForReview = await q.CountAsync(o => o.Status == OpportunityStatus.Submitted);
        if (States.FirstOrDefault(s => s.Key == State).Status is { } status) q = q.Where(o => o.Status == status);
        var total = await q.CountAsync();
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (total + 29) / 30));
        var rows = await q.OrderByDescending(o => o.UpdatedAt).PageOf(page, 30)
            .Join(db.Partners, o => o.PartnerId, p => p.Id, (o, p) => new Row(o.Id, o.Title, o.Kind, o.Status, p.Name, o.UpdatedAt)).ToListAsync();
        Result = new Paged<Row>(rows, total, page, 30);
    }
}
