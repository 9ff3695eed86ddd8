using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Office;

/// <summary>Issued cards: find one by number or surname, filter by Comune and state.</summary>
public class CardsModel(AppDbContext db, CurrentAccess access, CurrentNetwork network, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public sealed record Row(Guid Id, string Number, string Holder, string Comune, CardStatus Status, DateTime ValidUntil, DateTime IssuedAt);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "stato")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = default!;
    public Pager Pager => new(Rows.Page, Rows.Pages, Rows.Total, Request.Path, Request.Query);
    public List<SelectListItem> Comuni { get; private set; } = [];
    public bool BoundToComune { get; private set; }
    public DateTime Now { get; private set; }
    public static List<SelectListItem> States => [new(Tr.Get("Tutte"), ""), new(Tr.Get("Valide"), "valide"), new(Tr.Get("Scadute"), "scadute"), new(Tr.Get("Sospese"), "sospese"), new(Tr.Get("Revocate"), "revocate"), new(Tr.Get("Sostituite"), "sostituite")];

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await OfficeScopes.ForAsync(access, network);
        if (scope is null) return Forbid();
        Now = clock.GetUtcNow().UtcDateTime;
        BoundToComune = scope.ComuneId is not null;
        // Ids become text here, not in SQL (SQLite would spell them in capitals and the choice would not match).
        Comuni = (await db.Comuni.AsNoTracking().Where(c => c.NetworkId == network.Id && (scope.ComuneId == null || c.Id == scope.ComuneId)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToList();
        if (ComuneId is Guid chosen && !Comuni.Any(c => c.Value == chosen.ToString())) ComuneId = null;
        if (!States.Any(s => s.Value == (Status ?? ""))) Status = "";

        var query = db.Cards.AsNoTracking().Where(c => c.NetworkId == network.Id);
        if (scope.ComuneId is Guid own) query = query.Where(c => c.ComuneId == own);
        if (ComuneId is Guid comune) query = query.Where(c => c.ComuneId == comune);
        var now = Now;
        query = Status switch
        {
            "valide" => query.Where(c => c.Status == CardStatus.Active && c.ValidUntil > now),
            "scadute" => query.Where(c => c.Status == CardStatus.Active && c.ValidUntil <= now),
            "sospese" => query.Where(c => c.Status == CardStatus.Suspended),
            "revocate" => query.Where(c => c.Status == CardStatus.Revoked),
            "sostituite" => query.Where(c => c.Status == CardStatus.Replaced),
            _ => query,
        };
        if (Text.Clean(Query) is string q)
        {
            if (q.Length > 100) q = q[..100];
            var number = CardNumbers.Normalize(q);
            var pattern = $"%{q.ToLowerInvariant()}%";
            query = number is not null ? query.Where(c => c.Number == number) : query.Where(c => EF.Functions.Like(c.HolderLastName.ToLower(), pattern));
        }
        var total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(c => c.IssuedAt).PageOf(PageNumber, PageSize)
            .Select(c => new Row(c.Id, c.Number, c.HolderFirstName + " " + c.HolderLastName, db.Comuni.Where(x => x.Id == c.ComuneId).Select(x => x.Name).First(), c.Status, c.ValidUntil, c.IssuedAt))
            .ToListAsync();
        Rows = new Paged<Row>(rows, total, PageNumber, PageSize);
        return Page();
    }
}
