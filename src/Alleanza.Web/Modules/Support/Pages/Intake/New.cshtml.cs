using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Pages.Intake;

/// <summary>
/// Intake: search the household first (avoid duplicates), or register it for a family without an account, then open the
/// path with the referral source, the needs, the legal basis and the team.
/// </summary>
public class NewModel(OpenCase open, Households households, AppDbContext db, CurrentNetwork network, CurrentAccess access) : PageModel
{
    public const int ChildRows = 4;

    public sealed class ChildForm
    {
        [Display(Name = "Nome")] public string? FirstName { get; set; }
        [Display(Name = "Cognome")] public string? LastName { get; set; }
        [Display(Name = "Data di nascita")] public DateOnly? BirthDate { get; set; }
    }

    public sealed class FamilyForm
    {
        [Display(Name = "Comune di residenza")] public Guid? ComuneId { get; set; }
        [Display(Name = "Nome")] public string? FirstName { get; set; }
        [Display(Name = "Cognome")] public string? LastName { get; set; }
        [Display(Name = "Data di nascita")] public DateOnly? BirthDate { get; set; }
        [Display(Name = "Codice fiscale (facoltativo)")] public string? FiscalCode { get; set; }
        public List<ChildForm> Children { get; set; } = [];
    }

    public sealed class CaseForm
    {
        public Guid? HouseholdId { get; set; }
        [Display(Name = "Chi ha segnalato la famiglia")] public ReferralSource? Source { get; set; }
        [Display(Name = "Bisogni")] public List<string> Needs { get; set; } = [];
        [Display(Name = "I bisogni con le vostre parole (riservato alla squadra, conservato cifrato)")] public string? NeedsDetail { get; set; }
        [Display(Name = "Base giuridica del trattamento")] public LegalBasis? Basis { get; set; }
        [Display(Name = "Ho consegnato l'informativa e raccolto il consenso esplicito della famiglia")] public bool ConsentCollected { get; set; }
        [Display(Name = "Data e ora del consenso")] public DateTime? ConsentAt { get; set; }
        [Display(Name = "Altri operatori")] public List<Guid> Operators { get; set; } = [];
        [Display(Name = "Volontari")] public List<Guid> Volunteers { get; set; } = [];
    }

    [FromQuery(Name = "cerca")] public string? Query { get; set; }
    [FromQuery(Name = "nucleo")] public Guid? HouseholdId { get; set; }
    [BindProperty] public FamilyForm Family { get; set; } = new();
    [BindProperty] public CaseForm Case { get; set; } = new();
    /// <summary>The signed consent form (optional), outside <see cref="CaseForm"/> so a file never lands in the form's state.</summary>
    [BindProperty, Display(Name = "Modulo di consenso firmato (facoltativo, PDF o documento)")] public IFormFile? SignedForm { get; set; }

    public Guid? PartnerId { get; private set; }
    public string PartnerName { get; private set; } = "";
    public List<Households.Match> Matches { get; private set; } = [];
    public string? HouseholdName { get; private set; }
    public SupportSettings Settings { get; private set; } = new();
    public List<SelectListItem> Comuni { get; private set; } = [];
    public List<(Guid Id, string Name, NetworkRole Role)> Candidates { get; private set; } = [];
    public static List<SelectListItem> Sources => Enum.GetValues<ReferralSource>().Select(s => new SelectListItem(SupportLabels.Of(s), s.ToString())).ToList();
    public static List<SelectListItem> Bases => Enum.GetValues<LegalBasis>().Select(s => new SelectListItem(SupportLabels.Of(s), s.ToString())).ToList();

    async Task LoadAsync()
    {
        PartnerId = (await access.PartnersHereAsync(NetworkRole.SocialOperator)).FirstOrDefault() is var p && p != Guid.Empty ? p : null;
        if (PartnerId is Guid partner)
        {
            PartnerName = await db.Partners.Where(x => x.Id == partner).Select(x => x.Name).FirstOrDefaultAsync() ?? "";
            Candidates = (await open.TeamCandidatesAsync(network.Id, partner)).Where(c => c.Id != access.UserId).ToList();
        }
        Settings = await open.SettingsAsync(network.Id);
        Comuni = await db.ComuneSelectListAsync(network.Id);
        if (HouseholdId is Guid h) HouseholdName = await households.NameAsync(network.Id, h);
        if (HouseholdName is null) HouseholdId = null;
        if (!string.IsNullOrWhiteSpace(Query) && HouseholdId is null) Matches = await households.SearchAsync(network.Id, Query);
        while (Family.Children.Count < ChildRows) Family.Children.Add(new ChildForm());
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!network.IsResolved) return NotFound();
        await LoadAsync();
        Case.HouseholdId = HouseholdId;
        return Page();
    }

    /// <summary>Registers the household of a family without an account, then comes back to open its path.</summary>
    public async Task<IActionResult> OnPostRegisterAsync()
    {
        ModelState.KeepOnly(nameof(Family));
        if (!network.IsResolved) return NotFound();
        await LoadAsync();
        if (PartnerId is null) return Page();
        if (!ModelState.IsValid) return Page();
        var children = Family.Children.Where(c => !string.IsNullOrWhiteSpace(c.FirstName) || !string.IsNullOrWhiteSpace(c.LastName) || c.BirthDate is not null)
            .Select(c => new Households.NewMember(MemberRole.Child, c.FirstName, c.LastName, c.BirthDate)).ToList();
        var indexes = Family.Children.Select((c, i) => (c, i)).Where(x => !string.IsNullOrWhiteSpace(x.c.FirstName) || !string.IsNullOrWhiteSpace(x.c.LastName) || x.c.BirthDate is not null).Select(x => x.i).ToList();
        var (id, errors) = await households.RegisterForFamilyAsync(network.Id, access.UserId!.Value, PartnerId,
            new(Family.ComuneId, new(MemberRole.Adult, Family.FirstName, Family.LastName, Family.BirthDate, Family.FiscalCode), children));
        foreach (var (field, message) in errors)
        {
            var key = field;
            if (field.StartsWith("Children[", StringComparison.Ordinal))
            {
                var close = field.IndexOf(']');
                key = $"Children[{indexes[int.Parse(field[9..close])]}]{field[(close + 1)..]}";
            }
            else if (field.StartsWith("Adult.", StringComparison.Ordinal)) key = field[6..];
            ModelState.AddModelError(key.Length == 0 ? "" : $"{nameof(Family)}.{key}", message);
        }
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Tr.Get("Nucleo registrato. Ora aprite il percorso.");
        return Redirect($"/percorsi/nuovo?nucleo={id}");
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        ModelState.Remove(nameof(SignedForm));
        ModelState.KeepOnly(nameof(Case));
        if (!network.IsResolved) return NotFound();
        HouseholdId = Case.HouseholdId;
        await LoadAsync();
        if (PartnerId is null) return Page();
        if (!ModelState.IsValid) return Page();
        var name = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).FirstAsync();
        var (id, errors) = await open.OpenAsync(network.Id, PartnerId.Value, access.UserId!.Value, name,
            new(Case.HouseholdId ?? Guid.Empty, Case.Source, Case.Needs, Case.NeedsDetail, Case.Basis, Case.ConsentCollected, Case.ConsentAt, Case.Operators, Case.Volunteers, SignedForm));
        foreach (var (field, message) in errors) ModelState.AddModelError(field == "SignedForm" ? nameof(SignedForm) : $"{nameof(Case)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Tr.Get("Percorso aperto. Ora preparate il piano: obiettivi, incontri, attività.");
        return Redirect($"/percorsi/{id}");
    }
}
