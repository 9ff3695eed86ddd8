using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Family;

/// <summary>The family's Family Card page: requirements, application and its outcome, the household's cards.</summary>
public class ApplyModel(Households households, HouseholdEligibility eligibility, CardApplications applications, AppDbContext db, CurrentNetwork network, CurrentAccess access, TimeProvider clock) : PageModel
{
    public sealed record ApplicationRow(Guid Id, ApplicationStatus Status, DateTime SubmittedAt, DateTime? DecidedAt, string? Reason);
    public sealed record CardRow(Guid Id, string Number, string Holder, CardState State, DateTime ValidUntil);

    public Household? Household { get; private set; }
    public EligibilityVerdict? Verdict { get; private set; }
    public List<ApplicationRow> Applications { get; private set; } = [];
    public List<CardRow> Cards { get; private set; } = [];
    public bool HasPending => Applications.Any(a => a.Status == ApplicationStatus.Submitted);
    /// <summary>Every adult holds a working card: a new application would be refused (<see cref="CardApplications.ApplyAsync"/>), so none is offered.</summary>
    public bool EveryAdultHoldsACard { get; private set; }
    public string? ComuneName { get; private set; }

    async Task<bool> LoadAsync()
    {
        if (!network.IsResolved || access.UserId is null) return false;
        Household = await households.MineAsync(network.Id, access.UserId.Value);
        if (Household is null) return true;
        Verdict = await eligibility.EvaluateAsync(Household);
        ComuneName = await db.Comuni.Where(c => c.Id == Household.ComuneId).Select(c => c.Name).FirstOrDefaultAsync();
        Applications = await db.CardApplications.AsNoTracking().Where(a => a.HouseholdId == Household.Id).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ApplicationRow(a.Id, a.Status, a.SubmittedAt, a.DecidedAt, a.Reason)).Take(20).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = await db.Cards.AsNoTracking().Where(c => c.HouseholdId == Household.Id && c.Status != CardStatus.Replaced).OrderBy(c => c.HolderFirstName).ToListAsync();
        Cards = cards.Select(c => new CardRow(c.Id, c.Number, $"{c.HolderFirstName} {c.HolderLastName}", c.StateAt(now), c.ValidUntil)).ToList();
        var adults = Household.Members.Where(m => m.Role == MemberRole.Adult).Select(m => m.Id).ToList();
        EveryAdultHoldsACard = adults.Count > 0 && adults.All(a => cards.Any(c => c.MemberId == a && c.Status == CardStatus.Active && c.ValidUntil > now));
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostApplyAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var error = await applications.ApplyAsync(network.Id, access.UserId!.Value);
        if (error is not null) { ModelState.AddModelError("", error); return Page(); }
        TempData["Message"] = Tr.Get("Domanda presentata.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid applicationId)
    {
        if (!await LoadAsync()) return NotFound();
        var error = await applications.WithdrawAsync(network.Id, access.UserId!.Value, applicationId);
        TempData[error is null ? "Message" : "Error"] = error ?? Tr.Get("Domanda ritirata.");
        return RedirectToPage();
    }
}
