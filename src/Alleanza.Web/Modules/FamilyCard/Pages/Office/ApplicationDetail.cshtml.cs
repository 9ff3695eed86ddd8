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
    public List<CardApplications.DocumentRow> Documents { get; private set; } = [];
    public CardRules Rules { get; private set; } = new();

    [BindProperty, Display(Name = "Motivo del rifiuto (la famiglia lo leggerà)")] public string? Reason { get; set; }
    [BindProperty, Display(Name = "Che cosa serve (la famiglia lo leggerà)")] public string? AskText { get; set; }

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
        Documents = await applications.DocumentsAsync(application.Id);
        Rules = await eligibility.RulesAsync(application.NetworkId);
        return scope;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is null) return NotFound();
        // The household sees this read in «I miei dati».
        await reads.RecordAsync("ha aperto la domanda di Carta Famiglia (dati del nucleo, componenti, email)", Household.OwnerUserId is Guid owner ? [owner] : []);
        return Page();
    }

    /// <summary>The officer asks the family for more: the application goes back to it with the request.</summary>
    public async Task<IActionResult> OnPostAskAsync(Guid id)
    {
        var scope = await LoadAsync(id);
        if (scope is null) return NotFound();
        var error = await applications.RequestInformationAsync(id, scope, AskText);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(AskText), error);
            return Page();
        }
        TempData["Message"] = Tr.Get("Richiesta inviata: la domanda torna alla famiglia, che riceve un'email. Quando risponde, la domanda torna tra quelle in attesa.");
        return RedirectToPage();
    }

    /// <summary>A document the family attached (the family sees this read in «I miei dati»).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, Guid documentId)
    {
        var scope = await OfficeScopes.ForAsync(access, network);
        if (scope is null) return NotFound();
        var document = await applications.DocumentForOfficeAsync(scope, id, documentId);
        if (document is null) return NotFound();
        var owner = await db.CardApplications.AsNoTracking().Where(a => a.Id == id).Select(a => db.Households.Where(h => h.Id == a.HouseholdId).Select(h => h.OwnerUserId).FirstOrDefault()).FirstOrDefaultAsync();
        await reads.RecordAsync("ha aperto un documento allegato alla domanda di Carta Famiglia", owner is Guid o ? [o] : []);
        return File(document.Content, document.ContentType, document.FileName);
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
        TempData["Message"] = approve ? Tr.Get("Domanda approvata: carte emesse e famiglia avvisata.") : Tr.Get("Domanda respinta: la famiglia è stata avvisata.");
        return Redirect("/gestione/carta-famiglia/domande");
    }
}
