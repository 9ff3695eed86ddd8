using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Pages.Staff;

/// <summary>
/// A path, section by section, as the person may see it; every read is written to the path's access log. The team's
/// operators work on it, the supervisor approves, an assigned volunteer sees only the next appointments and their tasks.
/// </summary>
public class CaseModel(CaseSights sights, CaseWork work, CaseTeam team, CaseApprovals approvals, CaseAssessments assessments, OpenCase open, CaseReferrals referrals,
    Households households, CaseText text, AppDbContext db, CurrentNetwork network, TimeProvider clock) : PageModel
{
    public sealed class NoteForm
    {
        [Display(Name = "Nota")] public string? Text { get; set; }
        [Display(Name = "Riservata (la leggono solo chi la scrive e il supervisore)")] public bool Confidential { get; set; }
    }
    public sealed class ObjectiveForm
    {
        [Display(Name = "Obiettivo (in parole semplici: lo legge la famiglia)")] public string? Title { get; set; }
        [Display(Name = "Entro il")] public DateOnly? DueDate { get; set; }
    }
    public sealed class SessionForm
    {
        [Display(Name = "Intervento")] public InterventionKind? Kind { get; set; }
        [Display(Name = "Data e ora")] public DateTime? StartsAt { get; set; }
        [Display(Name = "Durata (minuti)")] public int? Minutes { get; set; }
        [Display(Name = "Luogo")] public string? Place { get; set; }
        [Display(Name = "Chi partecipa")] public string? Participants { get; set; }
        [Display(Name = "Nota breve (riservata alla squadra)")] public string? Note { get; set; }
        [Display(Name = "Opportunità della rete (per l'orientamento)")] public Guid? OpportunityId { get; set; }
        [Display(Name = "Domanda di Carta Famiglia del nucleo")] public Guid? CardApplicationId { get; set; }
    }
    public sealed class FollowUpForm
    {
        [Display(Name = "Che cosa va fatto")] public string? Title { get; set; }
        [Display(Name = "Entro il")] public DateOnly? DueDate { get; set; }
        [Display(Name = "Chi")] public Guid? AssignedUserId { get; set; }
    }
    public sealed class DecisionForm
    {
        [Display(Name = "Commento (obbligatorio se rimandate)")] public string? Comment { get; set; }
    }
    public sealed class ClosureForm
    {
        [Display(Name = "Esito")] public CaseOutcome? Outcome { get; set; }
        [Display(Name = "Nota di chiusura (riservata, conservata cifrata)")] public string? Note { get; set; }
    }
    public sealed class AssessmentForm
    {
        [Display(Name = "Momento")] public AssessmentKind? Kind { get; set; }
        [Display(Name = "Data")] public DateOnly? Date { get; set; }
        public List<int?> Points { get; set; } = [];
        [Display(Name = "Commento (riservato, conservato cifrato)")] public string? Comment { get; set; }
        [Display(Name = "Strumento esterno (facoltativo): nome")] public string? ExternalName { get; set; }
        [Display(Name = "Data dello strumento")] public DateOnly? ExternalDate { get; set; }
        [Display(Name = "Punteggio totale")] public decimal? ExternalTotal { get; set; }
    }
    public sealed class ConsentForm
    {
        [Display(Name = "Ente")] public Guid? PartnerId { get; set; }
        [Display(Name = "La famiglia ha letto l'informativa e acconsente a condividere il percorso con questo ente")] public bool Given { get; set; }
    }
    public sealed class ReferralForm
    {
        [Display(Name = "Invia a")] public Guid? ToPartnerId { get; set; }
        [Display(Name = "Perché (lo legge l'ente che accoglie)")] public string? Reason { get; set; }
        [Display(Name = "Motivo per inviare senza il consenso (solo il supervisore; resta nel registro)")] public string? OverrideReason { get; set; }
    }
    public sealed class TeamForm
    {
        [Display(Name = "Persona da aggiungere")] public Guid? UserId { get; set; }
    }

    [BindProperty] public NoteForm Note { get; set; } = new();
    [BindProperty] public ObjectiveForm Objective { get; set; } = new();
    [BindProperty] public SessionForm Session { get; set; } = new();
    [BindProperty] public FollowUpForm FollowUp { get; set; } = new();
    [BindProperty] public DecisionForm Decision { get; set; } = new();
    [BindProperty] public ClosureForm Closure { get; set; } = new();
    [BindProperty] public TeamForm Team { get; set; } = new();
    [BindProperty] public AssessmentForm Assessment { get; set; } = new();
    [BindProperty] public ConsentForm Consent { get; set; } = new();
    [BindProperty] public ReferralForm Referral { get; set; } = new();
    public List<SelectListItem> OtherPartners { get; private set; } = [];
    public sealed record ConsentLine(string Partner, DateTime GivenAt, string By);
    public List<ConsentLine> Consents { get; private set; } = [];
    public sealed record ReferralLine(Guid Id, string To, ReferralStatus Status, DateTime RequestedAt, string By, string? Override, string? Comment);
    public List<ReferralLine> Referrals { get; private set; } = [];
    public IReadOnlyList<AssessmentDomain> Scale { get; private set; } = [];
    public List<CaseAssessments.Line> Assessments { get; private set; } = [];
    public List<CaseAssessments.Change> Changes { get; private set; } = [];
    public static List<SelectListItem> AssessmentKinds => Enum.GetValues<AssessmentKind>().Select(k => new SelectListItem(SupportLabels.Of(k), k.ToString())).ToList();

    public CaseSight Sight { get; private set; } = default!;
    public SupportCase Case => Sight.Case;
    public string Family { get; private set; } = "";
    public bool FamilyHasAccount { get; private set; }
    public string PartnerName { get; private set; } = "";
    public string? NeedsDetail { get; private set; }
    public string? ClosureNote { get; private set; }
    public List<CaseTeam.Member> Members { get; private set; } = [];
    public List<(Guid Id, string Name)> TeamCandidates { get; private set; } = [];
    public List<CaseObjective> Objectives { get; private set; } = [];
    public sealed record SessionLine(CaseSession Session, string? Note, string? Opportunity, string? CardApplication = null);
    public List<SessionLine> Past { get; private set; } = [];
    public List<SessionLine> Upcoming { get; private set; } = [];
    public sealed record FollowUpLine(CaseFollowUp Item, string? Who);
    public List<FollowUpLine> FollowUps { get; private set; } = [];
    public sealed record NoteLine(CaseNote Note, string Text);
    public List<NoteLine> Notes { get; private set; } = [];
    public int HiddenNotes { get; private set; }
    public List<CaseEvent> History { get; private set; } = [];
    public (string Name, long Size)? SignedForm { get; private set; }
    public List<SelectListItem> Opportunities { get; private set; } = [];
    /// <summary>The household's Family Card applications, newest first, for orienting the family to the card.</summary>
    public List<SelectListItem> CardApplications { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public static List<SelectListItem> Kinds => Enum.GetValues<InterventionKind>().Select(k => new SelectListItem(SupportLabels.Of(k), k.ToString())).ToList();
    public static List<SelectListItem> Outcomes => Enum.GetValues<CaseOutcome>().Select(k => new SelectListItem(SupportLabels.Of(k), k.ToString())).ToList();

    async Task<bool> FindAsync(Guid id)
    {
        if (await sights.ForAsync(id, HttpContext.RequestAborted) is not { } sight) return false;
        Sight = sight;
        return true;
    }

    /// <summary>Loads what the person may see and writes the access log row of this read.</summary>
    async Task<IActionResult> ShowAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Today = RomeTime.Today(clock);
        Family = Case.HouseholdId is Guid h ? await households.NameAsync(network.Id, h) ?? Tr.Get("Nucleo") : Tr.Get("Nucleo anonimizzato");
        FamilyHasAccount = Case.HouseholdId is Guid hh && await db.Households.AnyAsync(x => x.Id == hh && x.OwnerUserId != null);
        PartnerName = await db.Partners.Where(p => p.Id == Case.PartnerId).Select(p => p.Name).FirstOrDefaultAsync() ?? "";
        var sessions = await db.CaseSessions.AsNoTracking().Where(s => s.CaseId == Case.Id).OrderByDescending(s => s.StartsAt).ToListAsync();
        var opportunityIds = sessions.Where(s => s.OpportunityId != null).Select(s => s.OpportunityId!.Value).Distinct().ToList();
        var titles = await db.Opportunities.AsNoTracking().Where(o => opportunityIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Title);
        string? Title(Guid? o) => o is Guid g ? titles.GetValueOrDefault(g) : null;
        var applications = Case.HouseholdId is Guid applicant
            ? (await db.CardApplications.AsNoTracking().Where(a => a.HouseholdId == applicant && a.NetworkId == Case.NetworkId)
                .Select(a => new { a.Id, a.SubmittedAt, a.Status }).ToListAsync()).OrderByDescending(a => a.SubmittedAt)
                .ToDictionary(a => a.Id, a => Tr.Get("domanda del {0} ({1})", RomeTime.Format(a.SubmittedAt, "d MMMM yyyy"), FamilyCard.CardLabels.Application(a.Status).ToLowerInvariant()))
            : [];
        string? Application(Guid? a) => a is Guid g && applications.TryGetValue(g, out var words) ? Tr.Get("Carta Famiglia: {0}", words) : null;
        string sections;
        if (Sight.SeesAll)
        {
            NeedsDetail = text.Unprotect(Case.NeedsDetailProtected);
            var form = await db.ConsentForms.AsNoTracking().Where(f => f.CaseId == Case.Id).Select(f => new { f.FileName, f.Size }).FirstOrDefaultAsync();
            SignedForm = form is null ? null : (form.FileName, form.Size);
            ClosureNote = text.Unprotect(Case.ClosureNoteProtected);
            Members = await team.MembersAsync(Case.Id);
            var candidates = await db.Memberships.AsNoTracking()
                .Where(m => m.NetworkId == Case.NetworkId && m.PartnerId == Case.PartnerId && (m.Role == Platform.Auth.NetworkRole.SocialOperator || m.Role == Platform.Auth.NetworkRole.Volunteer))
                .Select(m => new { m.UserId, m.User!.DisplayName, m.Role }).ToListAsync();
            TeamCandidates = candidates.Where(c => Members.All(m => m.UserId != c.UserId)).GroupBy(c => c.UserId)
                .Select(g => (g.Key, g.Any(x => x.Role == Platform.Auth.NetworkRole.SocialOperator) ? Tr.Get("{0} (operatore)", g.First().DisplayName) : Tr.Get("{0} (volontario)", g.First().DisplayName))).OrderBy(c => c.Item2).ToList();
            Objectives = await db.CaseObjectives.AsNoTracking().Where(o => o.CaseId == Case.Id).OrderBy(o => o.DueDate).ToListAsync();
            Past = sessions.Where(s => s.StartsAt <= now).Select(s => new SessionLine(s, text.Unprotect(s.NoteProtected), Title(s.OpportunityId), Application(s.CardApplicationId))).ToList();
            Upcoming = sessions.Where(s => s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => new SessionLine(s, text.Unprotect(s.NoteProtected), Title(s.OpportunityId), Application(s.CardApplicationId))).ToList();
            var names = Members.ToDictionary(m => m.UserId, m => m.Name);
            FollowUps = (await db.CaseFollowUps.AsNoTracking().Where(f => f.CaseId == Case.Id).OrderBy(f => f.DoneAt != null).ThenBy(f => f.DueDate).ToListAsync())
                .Select(f => new FollowUpLine(f, f.AssignedUserId is Guid a ? names.GetValueOrDefault(a) : null)).ToList();
            var notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == Case.Id).OrderByDescending(n => n.At).ToListAsync();
            Notes = notes.Where(Sight.MayRead).Select(n => new NoteLine(n, text.Unprotect(n.TextProtected) ?? "")).ToList();
            HiddenNotes = notes.Count - Notes.Count;
            Scale = (await open.SettingsAsync(Case.NetworkId)).Domains();
            while (Assessment.Points.Count < Scale.Count) Assessment.Points.Add(null);
            Assessments = await assessments.ListAsync(Case.Id);
            Changes = CaseAssessments.Changes(Assessments.Select(a => a.Assessment));
            var partners = await db.Partners.AsNoTracking().Where(p => p.NetworkId == Case.NetworkId && p.Id != Case.PartnerId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync();
            OtherPartners = partners.Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
            var partnerNames = partners.ToDictionary(p => p.Id, p => p.Name);
            Consents = (await db.ShareConsents.AsNoTracking().Where(x => x.CaseId == Case.Id).OrderBy(x => x.GivenAt).ToListAsync())
                .Select(x => new ConsentLine(partnerNames.GetValueOrDefault(x.PartnerId, ""), x.GivenAt, x.RecordedByName)).ToList();
            Referrals = (await db.CaseReferrals.AsNoTracking().Where(x => x.CaseId == Case.Id).OrderByDescending(x => x.RequestedAt).ToListAsync())
                .Select(x => new ReferralLine(x.Id, partnerNames.GetValueOrDefault(x.ToPartnerId, ""), x.Status, x.RequestedAt, x.RequestedByName, x.OverrideReason, x.DecisionComment)).ToList();
            History = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == Case.Id).OrderByDescending(e => e.At).ToListAsync();
            Opportunities = await db.Opportunities.AsNoTracking().Where(o => o.NetworkId == Case.NetworkId && o.Status == Catalog.OpportunityStatus.Published)
                .OrderBy(o => o.Title).Take(300).Select(o => new SelectListItem(o.Title, o.Id.ToString())).ToListAsync();
            CardApplications = applications.Select(a => new SelectListItem(char.ToUpperInvariant(a.Value[0]) + a.Value[1..], a.Key.ToString())).ToList();
            sections = "sintesi, bisogni, squadra, valutazioni, piano, incontri, attività, invii, note" + (HiddenNotes > 0 && !Sight.IsSupervisor ? " (senza le note riservate di altri)" : "") + ", storia";
        }
        else
        {
            Upcoming = sessions.Where(s => s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => new SessionLine(s, null, Title(s.OpportunityId), Application(s.CardApplicationId))).ToList();
            FollowUps = (await db.CaseFollowUps.AsNoTracking().Where(f => f.CaseId == Case.Id && f.AssignedUserId == Sight.UserId).OrderBy(f => f.DoneAt != null).ThenBy(f => f.DueDate).ToListAsync())
                .Select(f => new FollowUpLine(f, Sight.UserName)).ToList();
            sections = "prossimi appuntamenti, le mie attività";
        }
        await sights.RecordAsync(Sight, sections);
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await FindAsync(id) ? await ShowAsync() : NotFound();

    /// <summary>The signed consent form, for the team's operators and the supervisor (the download is logged as a read).</summary>
    public async Task<IActionResult> OnGetConsentFormAsync(Guid id)
    {
        if (!await FindAsync(id) || !Sight.SeesAll) return NotFound();
        var form = await db.ConsentForms.AsNoTracking().FirstOrDefaultAsync(f => f.CaseId == id);
        if (form is null) return NotFound();
        await sights.RecordAsync(Sight, "modulo di consenso firmato");
        return File(form.Content, form.ContentType, form.FileName);
    }

    async Task<IActionResult> AfterAsync(string form, Dictionary<string, string> errors, string message, string anchor)
    {
        foreach (var (field, m) in errors) ModelState.AddModelError(field.Length == 0 ? "" : $"{form}.{field}", m);
        if (!ModelState.IsValid) return await ShowAsync();
        TempData["Message"] = message;
        return Redirect($"/percorsi/{Case.Id}#{anchor}");
    }

    IActionResult Done(string? error, string message, string anchor)
    {
        TempData[error is null ? "Message" : "Error"] = error ?? message;
        return Redirect($"/percorsi/{Case.Id}#{anchor}");
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Note));
        if (!await FindAsync(id)) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Note), await work.AddNoteAsync(Sight, Note.Text, Note.Confidential), Tr.Get("Nota aggiunta."), "note");
    }

    public async Task<IActionResult> OnPostAssessmentAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Assessment));
        if (!await FindAsync(id)) return NotFound();
        if (Sight.View != CaseView.Operator) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        var scale = (await open.SettingsAsync(Case.NetworkId)).Domains();
        var points = scale.Select((d, i) => (d.Name, Point: Assessment.Points.ElementAtOrDefault(i))).ToDictionary(x => x.Name, x => x.Point);
        var a = Assessment;
        return await AfterAsync(nameof(Assessment), await assessments.AddAsync(Sight, scale, new(a.Kind, a.Date, points, a.Comment, a.ExternalName, a.ExternalDate, a.ExternalTotal)),
            Tr.Get("Valutazione registrata."), "valutazione");
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Consent));
        if (!await FindAsync(id)) return NotFound();
        if (Sight.View != CaseView.Operator) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        var error = await referrals.RecordConsentAsync(Sight, Consent.PartnerId, Consent.Given, (await open.SettingsAsync(Case.NetworkId)).NoticeVersion);
        return await AfterAsync(nameof(Consent), error is null ? [] : new() { ["PartnerId"] = error }, Tr.Get("Consenso registrato."), "invii");
    }

    public async Task<IActionResult> OnPostReferAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Referral));
        if (!await FindAsync(id)) return NotFound();
        if (!Sight.SeesAll) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Referral), await referrals.RequestAsync(Sight, Referral.ToPartnerId, Referral.Reason, Referral.OverrideReason), Tr.Get("Invio richiesto."), "invii");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid referralId)
    {
        if (!await FindAsync(id)) return NotFound();
        if (!Sight.SeesAll) return NotFound();
        return Done(await referrals.RevokeAsync(Sight, referralId), Tr.Get("Invio revocato."), "invii");
    }

    public async Task<IActionResult> OnPostObjectiveAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Objective));
        if (!await FindAsync(id)) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Objective), await work.AddObjectiveAsync(Sight, Objective.Title, Objective.DueDate), Tr.Get("Obiettivo aggiunto al piano."), "piano");
    }

    public async Task<IActionResult> OnPostAchieveAsync(Guid id, Guid objectiveId)
    {
        if (!await FindAsync(id)) return NotFound();
        return Done(await work.AchieveObjectiveAsync(Sight, objectiveId), Tr.Get("Obiettivo raggiunto."), "piano");
    }

    public async Task<IActionResult> OnPostSessionAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Session));
        if (!await FindAsync(id)) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        var s = Session;
        return await AfterAsync(nameof(Session), await work.AddSessionAsync(Sight, new(s.Kind, s.StartsAt, s.Minutes, s.Place, s.Participants, s.Note, s.OpportunityId, s.CardApplicationId)),
            Tr.Get("Incontro registrato."), "incontri");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(FollowUp));
        if (!await FindAsync(id)) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(FollowUp), await work.AddFollowUpAsync(Sight, FollowUp.Title, FollowUp.DueDate, FollowUp.AssignedUserId), Tr.Get("Attività aggiunta."), "attivita");
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid followUpId)
    {
        if (!await FindAsync(id)) return NotFound();
        return Done(await work.CompleteFollowUpAsync(Sight, followUpId), Tr.Get("Attività fatta."), "attivita");
    }

    public async Task<IActionResult> OnPostTeamAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Team));
        if (!await FindAsync(id)) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        var error = await team.AddAsync(Sight, Team.UserId);
        return await AfterAsync(nameof(Team), error is null ? [] : new() { ["UserId"] = error }, Tr.Get("Persona aggiunta alla squadra."), "squadra");
    }

    public async Task<IActionResult> OnPostRequestPlanAsync(Guid id)
    {
        if (!await FindAsync(id)) return NotFound();
        if (Sight.View != CaseView.Operator) return NotFound();
        return Done(await approvals.RequestPlanAsync(Sight), Tr.Get("Piano inviato al supervisore."), "piano");
    }

    public async Task<IActionResult> OnPostDecidePlanAsync(Guid id, bool approve)
    {
        ModelState.KeepOnly(nameof(Decision));
        if (!await FindAsync(id)) return NotFound();
        if (!Sight.IsSupervisor) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Decision), await approvals.DecidePlanAsync(Sight, approve, Decision.Comment), approve ? Tr.Get("Piano approvato.") : Tr.Get("Piano rimandato all'operatore."), "piano");
    }

    public async Task<IActionResult> OnPostRequestClosureAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Closure));
        if (!await FindAsync(id)) return NotFound();
        if (Sight.View != CaseView.Operator) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Closure), await approvals.RequestClosureAsync(Sight, Closure.Outcome, Closure.Note), Tr.Get("Chiusura chiesta al supervisore."), "chiusura");
    }

    public async Task<IActionResult> OnPostDecideClosureAsync(Guid id, bool approve)
    {
        ModelState.KeepOnly(nameof(Decision));
        if (!await FindAsync(id)) return NotFound();
        if (!Sight.IsSupervisor) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync();
        return await AfterAsync(nameof(Decision), await approvals.DecideClosureAsync(Sight, approve, Decision.Comment), approve ? Tr.Get("Percorso chiuso.") : Tr.Get("Il percorso resta aperto."), "chiusura");
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id)
    {
        if (!await FindAsync(id)) return NotFound();
        if (!Sight.SeesAll) return NotFound();
        return Done(await approvals.ReopenAsync(Sight), Tr.Get("Percorso riaperto."), "chiusura");
    }

    /// <summary>A one-time code for a family without an account to claim its household (shown once, here).</summary>
    public async Task<IActionResult> OnPostClaimCodeAsync(Guid id)
    {
        if (!await FindAsync(id)) return NotFound();
        if (Sight.View != CaseView.Operator || Case.HouseholdId is not Guid household) return NotFound();
        var code = await households.IssueClaimCodeAsync(network.Id, household);
        if (code is null) return Done(Tr.Get("La famiglia ha già collegato il nucleo al suo account."), "", "sintesi");
        TempData["ClaimCode"] = code;
        return Redirect($"/percorsi/{Case.Id}#sintesi");
    }
}
