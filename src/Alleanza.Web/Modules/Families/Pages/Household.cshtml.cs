using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Families.Pages;

/// <summary>
/// The family's household: Comune, optional ISEE band, consent, and its members; or, when an operator registered it for the
/// family, the one-time code that makes it the family's.
/// </summary>
public class HouseholdModel(Households households, HouseholdEligibility eligibility, AppDbContext db, CurrentNetwork network, CurrentAccess access) : PageModel
{
    public sealed class BasicsForm
    {
        [Display(Name = "Comune di residenza")] public Guid? ComuneId { get; set; }
        [Display(Name = "Fascia ISEE (facoltativa)")] public IseeBand? IseeBand { get; set; }
        [Display(Name = "Data dell'attestazione ISEE")] public DateOnly? IseeDate { get; set; }
        [Display(Name = "Ho letto l'informativa sulla privacy e acconsento al trattamento dei dati del mio nucleo per la Carta Famiglia")] public bool Consent { get; set; }
    }

    public sealed class MemberForm
    {
        [Display(Name = "È")] public MemberRole? Role { get; set; }
        [Display(Name = "Nome")] public string? FirstName { get; set; }
        [Display(Name = "Cognome")] public string? LastName { get; set; }
        [Display(Name = "Data di nascita")] public DateOnly? BirthDate { get; set; }
        [Display(Name = "Sesso (facoltativo)")] public MemberSex? Sex { get; set; }
        [Display(Name = "Codice fiscale (facoltativo)")] public string? FiscalCode { get; set; }
    }

    public sealed class FiscalCodeForm
    {
        [Display(Name = "Persona")] public Guid? MemberId { get; set; }
        [Display(Name = "Codice fiscale")] public string? FiscalCode { get; set; }
        [Display(Name = "Sesso (facoltativo)")] public MemberSex? Sex { get; set; }
    }

    public sealed class ClaimForm
    {
        [Display(Name = "Codice ricevuto dall'operatore")] public string? Code { get; set; }
    }

    [BindProperty] public BasicsForm Basics { get; set; } = new();
    [BindProperty] public ClaimForm Claim { get; set; } = new();
    [BindProperty] public MemberForm Member { get; set; } = new();
    [BindProperty] public FiscalCodeForm Code { get; set; } = new();
    public List<SelectListItem> People => Household?.Members.OrderBy(m => m.Role).ThenBy(m => m.BirthDate)
        .Select(m => new SelectListItem($"{m.FirstName} {m.LastName}", m.Id.ToString())).ToList() ?? [];
    public static List<SelectListItem> Sexes => [new(Tr.Get("Femmina"), nameof(MemberSex.Female)), new(Tr.Get("Maschio"), nameof(MemberSex.Male))];
    public Household? Household { get; private set; }
    public CardRules Rules { get; private set; } = new();
    public List<SelectListItem> Comuni { get; private set; } = [];
    public static List<SelectListItem> Bands => Enum.GetValues<IseeBand>()
        .Select(b => new SelectListItem(CardLabels.Isee(b), b.ToString())).ToList();
    public static List<SelectListItem> Roles => [new(Capitalised(Tr.Get("adulto")), nameof(MemberRole.Adult)), new(Tr.Get("Figlio/a"), nameof(MemberRole.Child))];
    static string Capitalised(string t) => t.Length == 0 ? t : char.ToUpper(t[0], System.Globalization.CultureInfo.CurrentCulture) + t[1..];

    async Task<bool> LoadAsync()
    {
        if (!network.IsResolved || access.UserId is null) return false;
        Household = await households.MineAsync(network.Id, access.UserId.Value);
        Rules = await eligibility.RulesAsync(network.Id);
        Comuni = await db.ComuneSelectListAsync(network.Id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Household is not null)
            Basics = new BasicsForm { ComuneId = Household.ComuneId, IseeBand = Household.IseeBand, IseeDate = Household.IseeDate, Consent = Household.PrivacyVersion == Rules.PrivacyVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostBasicsAsync()
    {
        ModelState.KeepOnly(nameof(Basics));
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var errors = await households.SaveBasicsAsync(network.Id, access.UserId!.Value, new(Basics.ComuneId ?? Guid.Empty, Basics.IseeBand, Basics.IseeDate, Basics.Consent), Rules.PrivacyVersion);
        foreach (var (field, message) in errors) ModelState.AddModelError($"{nameof(Basics)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Tr.Get("Dati del nucleo salvati.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMemberAsync()
    {
        ModelState.KeepOnly(nameof(Member));
        if (!await LoadAsync()) return NotFound();
        if (Household is not null) Basics = new BasicsForm { ComuneId = Household.ComuneId, IseeBand = Household.IseeBand, IseeDate = Household.IseeDate, Consent = true };
        if (!ModelState.IsValid) return Page();
        var errors = await households.AddMemberAsync(network.Id, access.UserId!.Value, new(Member.Role, Member.FirstName, Member.LastName, Member.BirthDate, Member.FiscalCode, Member.Sex));
        foreach (var (field, message) in errors) ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Member)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"{Member.FirstName!.Trim()} è nel nucleo.";
        return RedirectToPage(null, null, "persone");
    }

    /// <summary>The family writes or corrects the codice fiscale of a person already in the household.</summary>
    public async Task<IActionResult> OnPostFiscalCodeAsync()
    {
        ModelState.KeepOnly(nameof(Code));
        if (!await LoadAsync()) return NotFound();
        if (Household is not null) Basics = new BasicsForm { ComuneId = Household.ComuneId, IseeBand = Household.IseeBand, IseeDate = Household.IseeDate, Consent = true };
        if (!ModelState.IsValid) return Page();
        if (Code.MemberId is not Guid memberId) { ModelState.AddModelError("Code.MemberId", Tr.Get("Scegliete la persona.")); return Page(); }
        var errors = await households.SetFiscalCodeAsync(network.Id, access.UserId!.Value, memberId, Code.FiscalCode, Code.Sex);
        foreach (var (field, message) in errors) ModelState.AddModelError(field.Length == 0 ? "Code.MemberId" : $"{nameof(Code)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Tr.Get("Codice fiscale salvato.");
        return RedirectToPage(null, null, "persone");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId)
    {
        if (!await LoadAsync()) return NotFound();
        var error = await households.RemoveMemberAsync(network.Id, access.UserId!.Value, memberId);
        TempData[error is null ? "Message" : "Error"] = error ?? Tr.Get("Persona tolta dal nucleo.");
        return RedirectToPage(null, null, "persone");
    }

    /// <summary>The family enters the code an operator gave it: the household the operator registered becomes its own.</summary>
    public async Task<IActionResult> OnPostClaimAsync()
    {
        ModelState.KeepOnly(nameof(Claim));
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var error = await households.ClaimAsync(network.Id, access.UserId!.Value, Claim.Code);
        if (error is not null) { ModelState.AddModelError($"{nameof(Claim)}.{nameof(ClaimForm.Code)}", error); return Page(); }
        TempData["Message"] = Tr.Get("Il nucleo registrato dall'operatore ora è collegato al vostro account. Controllate i dati e date il consenso.");
        return RedirectToPage();
    }
}
