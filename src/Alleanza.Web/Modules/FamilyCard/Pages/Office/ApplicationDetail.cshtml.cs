using Alleanza.Web.Modules.Families;
using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Office;

/// <summary>One application: the household, the rule's verdict today, approve or reject with a reason.</summary>
public class ApplicationDetailModel(AppDbContext db, HouseholdEligibility eligibility, CardApplications applications, CurrentAccess access, CurrentNetwork network, Platform.Audit.PersonalDataReads reads) : PageModel
{
    public CardApplication Application { get; private set; } = default!;
    public Household Household { get; private set; } = default!;
    public EligibilityVerdict Verdict { get; private set; } = default!;
    public string Comune { get; private set; } = "";
    public string? Email { get; private set; }
    public List<Card> Cards { get; private set; } = [];

    [BindProperty, Display(Name = "Motivo del rifiuto (la famiglia lo leggerà)")] public string? Reason { get; set; }

    async Task<OfficeScope?> LoadAsync(Guid id)
    {
        var scope = await OfficeScopes.ForAsync(access, network);
        if (scope is null) return null;
        var application = await db.CardApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (application is null || !scope.Covers(application.NetworkId, application.ComuneId)) return null;
        Application = application;
        Household = await db.Households.AsNoTracking().Include(h => h.Members).FirstAsync(h => h.Id == application.HouseholdId);
        Verdict = await eligibility.EvaluateAsync(Household);
        Comune = await db.Comuni.Where(c => c.Id == Household.ComuneId).Select(c => c.Name).FirstAsync();
        Email = await db.Users.Where(u => u.Id == Household.OwnerUserId).Select(u => u.Email).FirstOrDefaultAsync();
        Cards = await db.Cards.AsNoTracking().Where(c => c.HouseholdId == Household.Id).OrderByDescending(c => c.IssuedAt).ToListAsync();
        return scope;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is null) return NotFound();
        // The household sees this read in «I miei dati».
        await reads.RecordAsync("ha aperto la domanda di Carta Famiglia (dati del nucleo, componenti, email)", Household.OwnerUserId is Guid owner ? [owner] : []);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id) => await DecideAsync(id, true);
    public async Task<IActionResult> OnPostRejectAsync(Guid id) => await DecideAsync(id, false);

    async Task<IActionResult> DecideAsync(Guid id, bool approve)
    {
        var scope = await LoadAsync(id);
        if (scope is null) return NotFound();
        var error = await applications.DecideAsync(id, scope, approve, approve ? null : Reason);
        if (error is not null)
        {
            ModelState.AddModelError(approve ? "" : nameof(Reason), error);
            return Page();
        }
        TempData["Message"] = approve ? "Domanda approvata: carte emesse e famiglia avvisata." : "Domanda respinta: la famiglia è stata avvisata.";
        return Redirect("/gestione/carta-famiglia/domande");
    }
}
