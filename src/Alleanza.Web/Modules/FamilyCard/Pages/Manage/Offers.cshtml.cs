using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

/// <summary>The coordinator's queue of offers: submitted ones first, filters by state and by merchant or title.</summary>
public class OffersQueueModel(AppDbContext db, CurrentNetwork current, Offers offers) : PageModel
{
    const int Size = 30;

    [BindProperty(SupportsGet = true, Name = "stato")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<OfferRow> Result { get; private set; } = new([], 0, 1, Size);
    public int Waiting { get; private set; }
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    public static (string Key, string Label, OfferStatus? Status)[] States =>
    [
        ("revisione", Tr.Get("Da approvare"), OfferStatus.Submitted), ("pubblicate", Tr.Get("Pubblicate"), OfferStatus.Published),
        ("da-rivedere", Tr.Get("Rimandate"), OfferStatus.Rejected), ("bozze", Tr.Get("Bozze"), OfferStatus.Draft),
        ("ritirate", Tr.Get("Ritirate"), OfferStatus.Withdrawn), ("tutte", Tr.Get("Tutte"), null),
    ];

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0 || PageNumber < 1) PageNumber = 1;
        if (!States.Any(s => s.Key == State)) State = "revisione";
        if (Q?.Length > 200) Q = Q[..200];
        var q = db.Offers.AsNoTracking().Where(o => o.NetworkId == current.Id);
        Waiting = await q.CountAsync(o => o.Status == OfferStatus.Submitted);
        if (States.First(s => s.Key == State).Status is { } status) q = q.Where(o => o.Status == status);
        var key = Text.SearchKey(Q);
        if (key.Length > 0)
        {
            // Merchant names are searched on their accent-free key; titles as typed (offers keep no key of their own).
            var text = Q!.Trim();
            q = q.Where(o => db.Partners.Any(p => p.Id == o.PartnerId && p.NameKey.Contains(key)) || o.Title.Contains(text) || o.Title.ToLower().Contains(text.ToLower()));
        }
        var total = await q.CountAsync();
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (total + Size - 1) / Size));
        var rows = await offers.Rows(q.OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).PageOf(page, Size)).ToListAsync();
        Result = new Paged<OfferRow>(rows.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id).ToList(), total, page, Size); // oldest first: a queue
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid offerId)
    {
        if (await offers.FindForModerationAsync(offerId) is not { } offer) return NotFound();
        var outcome = await offers.ApproveAsync(offer);
        TempData["Message"] = outcome == OfferOutcome.Done ? Tr.Get("Convenzione «{0}» approvata e pubblicata.", offer.Title) : Tr.Get("Non si può approvare: la convenzione è «{0}».", OfferLabels.Status(offer.Status));
        return Redirect("/gestione/carta-famiglia/convenzioni");
    }
}
