using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Family;

/// <summary>
/// The family's Family Card page: requirements, the application with what the officer checks (residence address, the ISEE
/// protocol when the rule uses ISEE, documents when the network asks for them), the officer's request for more and the
/// family's answer, the outcome, the household's cards.
/// </summary>
public class ApplyModel(Households households, HouseholdEligibility eligibility, CardApplications applications, AppDbContext db, CurrentNetwork network, CurrentAccess access, TimeProvider clock) : PageModel
{
    public sealed record ApplicationRow(Guid Id, ApplicationStatus Status, DateTime SubmittedAt, DateTime? DecidedAt, string? Reason,
        string? InformationRequest, DateTime? InformationRequestedAt, string? FamilyAnswer, DateTime? AnsweredAt, string? ResidenceAddress, string? IseeProtocol, DateOnly? IseeProtocolDate)
    {
        public List<CardApplications.DocumentRow> Documents { get; init; } = [];
    }
    public sealed record CardRow(Guid Id, string Number, string Holder, CardState State, DateTime ValidUntil);

    public sealed class ApplicationForm
    {
        [Display(Name = "Indirizzo di residenza (via e numero civico)")] public string? ResidenceAddress { get; set; }
        [Display(Name = "Numero di protocollo dell'attestazione ISEE")] public string? IseeProtocol { get; set; }
        [Display(Name = "Data dell'attestazione ISEE")] public DateOnly? IseeProtocolDate { get; set; }
        [Display(Name = "Che documento è")] public ApplicationDocumentKind? Kind1 { get; set; }
        public IFormFile? File1 { get; set; }
        [Display(Name = "Che documento è")] public ApplicationDocumentKind? Kind2 { get; set; }
        public IFormFile? File2 { get; set; }
        [Display(Name = "La vostra risposta al Comune")] public string? Answer { get; set; }
    }

    [BindProperty] public ApplicationForm Form { get; set; } = new();
    public Household? Household { get; private set; }
    public EligibilityVerdict? Verdict { get; private set; }
    public CardRules Rules { get; private set; } = new();
    public List<ApplicationRow> Applications { get; private set; } = [];
    public List<CardRow> Cards { get; private set; } = [];
    public bool HasPending => Applications.Any(a => a.Status is ApplicationStatus.Submitted or ApplicationStatus.InformationRequested);
    /// <summary>The application the officer sent back with a request, waiting for the family's answer.</summary>
    public ApplicationRow? Requested => Applications.FirstOrDefault(a => a.Status == ApplicationStatus.InformationRequested);
    /// <summary>Every adult holds a working card: a new application would be refused (<see cref="CardApplications.ApplyAsync"/>), so none is offered.</summary>
    public bool EveryAdultHoldsACard { get; private set; }
    public string? ComuneName { get; private set; }
    public List<SelectListItem> Kinds { get; } = Enum.GetValues<ApplicationDocumentKind>().Select(k => new SelectListItem(CardLabels.Document(k), k.ToString())).ToList();

    async Task<bool> LoadAsync()
    {
        if (!network.IsResolved || access.UserId is null) return false;
        Household = await households.MineAsync(network.Id, access.UserId.Value);
        if (Household is null) return true;
        Verdict = await eligibility.EvaluateAsync(Household);
        Rules = await eligibility.RulesAsync(network.Id);
        ComuneName = await db.Comuni.Where(c => c.Id == Household.ComuneId).Select(c => c.Name).FirstOrDefaultAsync();
        Applications = await db.CardApplications.AsNoTracking().Where(a => a.HouseholdId == Household.Id).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ApplicationRow(a.Id, a.Status, a.SubmittedAt, a.DecidedAt, a.Reason, a.InformationRequest, a.InformationRequestedAt, a.FamilyAnswer, a.AnsweredAt,
                a.ResidenceAddress, a.IseeProtocol, a.IseeProtocolDate)).Take(20).ToListAsync();
        var ids = Applications.Select(a => a.Id).ToList();
        var documents = await db.CardApplicationDocuments.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).OrderBy(d => d.UploadedAt)
            .Select(d => new { d.ApplicationId, Row = new CardApplications.DocumentRow(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.UploadedAt) }).ToListAsync();
        Applications = Applications.Select(a => a with { Documents = documents.Where(d => d.ApplicationId == a.Id).Select(d => d.Row).ToList() }).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = await db.Cards.AsNoTracking().Where(c => c.HouseholdId == Household.Id && c.Status != CardStatus.Replaced).OrderBy(c => c.HolderFirstName).ToListAsync();
        Cards = cards.Select(c => new CardRow(c.Id, c.Number, $"{c.HolderFirstName} {c.HolderLastName}", c.StateAt(now), c.ValidUntil)).ToList();
        var adults = Household.Members.Where(m => m.Role == MemberRole.Adult).Select(m => m.Id).ToList();
        EveryAdultHoldsACard = adults.Count > 0 && adults.All(a => cards.Any(c => c.MemberId == a && c.Status == CardStatus.Active && c.ValidUntil > now));
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // The answer starts from what the family declared.
        if (Requested is { } r) Form = new ApplicationForm { ResidenceAddress = r.ResidenceAddress, IseeProtocol = r.IseeProtocol, IseeProtocolDate = r.IseeProtocolDate };
        return Page();
    }

    /// <summary>The files of the form, read only when within the size limit (a bigger one is refused unread).</summary>
    async Task<List<CardApplications.Upload>?> UploadsAsync()
    {
        var uploads = new List<CardApplications.Upload>();
        foreach (var (kind, file) in new[] { (Form.Kind1, Form.File1), (Form.Kind2, Form.File2) })
        {
            if (file is null) continue;
            if (file.Length > ApplicationFiles.MaxBytes)
            {
                ModelState.AddModelError("Form.Files", $"«{Path.GetFileName(file.FileName)}»: " + ApplicationFiles.Problem(file.Length, null));
                return null;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            uploads.Add(new(kind, file.FileName, buffer.ToArray()));
        }
        return uploads;
    }

    CardApplications.Evidence Evidence => new(Form.ResidenceAddress, Form.IseeProtocol, Form.IseeProtocolDate);

    IActionResult Errors(Dictionary<string, string> errors)
    {
        foreach (var (field, message) in errors) ModelState.AddModelError(field.Length == 0 ? "" : $"Form.{field}", message);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        ModelState.KeepOnly(nameof(Form));
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (await UploadsAsync() is not { } uploads) return Page();
        var outcome = await applications.ApplyAsync(network.Id, access.UserId!.Value, Evidence, uploads);
        if (!outcome.Ok) return Errors(outcome.Errors);
        TempData["Message"] = Tr.Get("Domanda presentata.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid applicationId)
    {
        ModelState.KeepOnly(nameof(Form));
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (await UploadsAsync() is not { } uploads) return Page();
        var outcome = await applications.AnswerAsync(network.Id, access.UserId!.Value, applicationId, Form.Answer, Evidence, uploads);
        if (!outcome.Ok) return Errors(outcome.Errors);
        TempData["Message"] = Tr.Get("Risposta inviata al Comune.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid applicationId)
    {
        if (!await LoadAsync()) return NotFound();
        var error = await applications.WithdrawAsync(network.Id, access.UserId!.Value, applicationId);
        TempData[error is null ? "Message" : "Error"] = error ?? Tr.Get("Domanda ritirata.");
        return RedirectToPage();
    }

    /// <summary>A document the family attached to one of its applications.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid documentId)
    {
        if (!network.IsResolved || access.UserId is not Guid userId) return NotFound();
        var document = await applications.DocumentForFamilyAsync(network.Id, userId, documentId);
        return document is null ? NotFound() : File(document.Content, document.ContentType, document.FileName);
    }
}
