using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Office;

/// <summary>The officer's queue of applications, with filters (status, Comune, surname) and pages.</summary>
public class ApplicationsModel(AppDbContext db, CurrentAccess access, CurrentNetwork network) : PageModel
{
    public const int PageSize = 25;
    public sealed record Row(Guid Id, string Family, string Comune, DateTime SubmittedAt, ApplicationStatus Status, int Children);

    [BindProperty(SupportsGet = true, Name = "stato")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = default!;
    public Pager Pager => new(Rows.Page, Rows.Pages, Rows.Total, Request.Path, Request.Query);
    public List<SelectListItem> Comuni { get; private set; } = [];
    public bool BoundToComune { get; private set; }
    public static List<SelectListItem> Statuses =>
    [
        new(Tr.Get("In attesa"), "attesa"), new(Tr.Get("In attesa della famiglia (integrazioni richieste)"), "integrazioni"), new(Tr.Get("Approvate"), "approvate"), new(Tr.Get("Respinte"), "respinte"), new(Tr.Get("Ritirate"), "ritirate"), new(Tr.Get("Tutte"), "tutte"),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await OfficeScopes.ForAsync(access, network);
        if (scope is null) return Forbid();
        BoundToComune = scope.ComuneId is not null;
        // Ids become text here, not in SQL (SQLite would spell them in capitals and the choice would not match).
        Comuni = (await db.Comuni.AsNoTracking().Where(c => c.NetworkId == network.Id && (scope.ComuneId == null || c.Id == scope.ComuneId)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToList();
        if (ComuneId is Guid chosen && !Comuni.Any(c => c.Value == chosen.ToString())) ComuneId = null;
        if (Query?.Length > 100) Query = Query[..100];
        Status = Statuses.Any(s => s.Value == Status) ? Status : "attesa";

        var query = db.CardApplications.AsNoTracking().Where(a => a.NetworkId == network.Id);
        if (scope.ComuneId is Guid own) query = query.Where(a => a.ComuneId == own);
        if (ComuneId is Guid comune) query = query.Where(a => a.ComuneId == comune);
        query = Status switch
        {
            "approvate" => query.Where(a => a.Status == ApplicationStatus.Approved),
            "respinte" => query.Where(a => a.Status == ApplicationStatus.Rejected),
            "ritirate" => query.Where(a => a.Status == ApplicationStatus.Withdrawn),
            "integrazioni" => query.Where(a => a.Status == ApplicationStatus.InformationRequested),
            "tutte" => query,
            _ => query.Where(a => a.Status == ApplicationStatus.Submitted),
        };
        if (Text.Clean(Query) is string q)
        {
            var pattern = $"%{q.ToLowerInvariant()}%";
            query = query.Where(a => db.HouseholdMembers.Any(m => m.HouseholdId == a.HouseholdId && m.Role == MemberRole.Adult && EF.Functions.Like(m.LastName.ToLower(), pattern)));
        }
        var total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var ordered = Status is "attesa" or "integrazioni" ? query.OrderBy(a => a.SubmittedAt) : query.OrderByDescending(a => a.SubmittedAt);
        var rows = await ordered.PageOf(PageNumber, PageSize)
            .Select(a => new Row(a.Id,
                db.HouseholdMembers.Where(m => m.HouseholdId == a.HouseholdId && m.Role == MemberRole.Adult).OrderBy(m => m.BirthDate).Select(m => m.FirstName + " " + m.LastName).FirstOrDefault() ?? "—",
                db.Comuni.Where(c => c.Id == a.ComuneId).Select(c => c.Name).First(), a.SubmittedAt, a.Status,
                db.HouseholdMembers.Count(m => m.HouseholdId == a.HouseholdId && m.Role == MemberRole.Child)))
            .ToListAsync();
        Rows = new Paged<Row>(rows, total, PageNumber, PageSize);
        return Page();
    }
}
