using Alleanza.Web.Modules.Families;
using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

/// <summary>The network's Family Card rules (eligibility options, automatic approval, reminders, privacy notice version) and its signing keys.</summary>
public class RulesModel(AppDbContext db, HouseholdEligibility eligibility, CardKeys keys, CurrentNetwork network, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed class RulesForm
    {
        [Display(Name = "Numero minimo di figli minori"), Range(1, 10, ErrorMessage = "Il numero minimo di figli va da 1 a 10.")] public int MinChildren { get; set; } = 1;
        [Display(Name = "Età fino a cui un figlio conta (anni)"), Range(1, 26, ErrorMessage = "L'età limite va da 1 a 26 anni.")] public int ChildAgeLimit { get; set; } = 18;
        [Display(Name = "Limite ISEE in euro (vuoto: nessun limite)"), Range(0d, 200000d, ErrorMessage = "Il limite ISEE va da 0 a 200.000 €.")] public decimal? IseeCeiling { get; set; }
        [Display(Name = "Approva automaticamente le domande che hanno i requisiti")] public bool AutoApprove { get; set; }
        [Display(Name = "Giorni di preavviso della scadenza"), Range(0, 180, ErrorMessage = "Il preavviso va da 0 a 180 giorni.")] public int ReminderDays { get; set; } = 30;
        [Display(Name = "Le famiglie allegano documenti alla domanda")] public bool AttachmentsRequired { get; set; }
        [Display(Name = "Quali documenti (le famiglie lo leggono)"), StringLength(300, ErrorMessage = "L'elenco dei documenti può avere al massimo 300 caratteri.")] public string? AttachmentsHint { get; set; }
        [Display(Name = "Versione dell'informativa privacy"), Required(ErrorMessage = "Indicate la versione dell'informativa."), StringLength(40, ErrorMessage = "La versione può avere al massimo 40 caratteri.")] public string? PrivacyVersion { get; set; }
    }

    [BindProperty] public RulesForm Input { get; set; } = new();
    public List<CardKeys.Published> Keys { get; private set; } = [];

    async Task LoadKeysAsync()
    {
        var slug = network.Network!.Slug;
        Keys = (await keys.AllAsync()).Values.Where(k => k.Network == slug).OrderByDescending(k => k.Active).ThenBy(k => k.Kid).ToList();
    }

    public async Task OnGetAsync()
    {
        var r = await eligibility.RulesAsync(network.Id);
        Input = new RulesForm { MinChildren = r.MinChildren, ChildAgeLimit = r.ChildAgeLimit, IseeCeiling = r.IseeCeiling, AutoApprove = r.AutoApprove, ReminderDays = r.ReminderDays, PrivacyVersion = r.PrivacyVersion,
            AttachmentsRequired = r.AttachmentsRequired, AttachmentsHint = r.AttachmentsHint };
        await LoadKeysAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadKeysAsync();
        ModelState.KeepOnly(nameof(Input));
        if (Input.AttachmentsRequired && Platform.Text.Clean(Input.AttachmentsHint) is null)
            ModelState.AddModelError("Input.AttachmentsHint", Tr.Get("Scrivete quali documenti chiedete: le famiglie lo leggono prima di presentare la domanda."));
        if (!ModelState.IsValid) return Page();
        var rules = await db.CardRules.FirstOrDefaultAsync(r => r.NetworkId == network.Id);
        if (rules is null) { rules = new CardRules { NetworkId = network.Id }; db.CardRules.Add(rules); }
        rules.MinChildren = Input.MinChildren;
        rules.ChildAgeLimit = Input.ChildAgeLimit;
        rules.IseeCeiling = Input.IseeCeiling;
        rules.AutoApprove = Input.AutoApprove;
        rules.ReminderDays = Input.ReminderDays;
        rules.PrivacyVersion = Input.PrivacyVersion!.Trim();
        rules.AttachmentsRequired = Input.AttachmentsRequired;
        rules.AttachmentsHint = Platform.Text.Clean(Input.AttachmentsHint);
        rules.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("card.rules-changed", "CardRules", network.Id,
            $"figli ≥ {rules.MinChildren}, età < {rules.ChildAgeLimit}, ISEE ≤ {rules.IseeCeiling?.ToString() ?? "—"}, automatica {rules.AutoApprove}, allegati {(rules.AttachmentsRequired ? rules.AttachmentsHint : "no")}", network.Id);
        await db.SaveChangesAsync();
        TempData["Message"] = Tr.Get("Regole salvate. Valgono per le prossime domande e rinnovi.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        var kid = await keys.RotateAsync(network.Id);
        await audit.WriteAsync("card.key-rotated", "CardSigningKey", kid, null, network.Id);
        TempData["Message"] = Tr.Get("Nuova chiave di firma {0}. Le carte già attivate continuano a funzionare: ricevono la nuova firma alla prossima apertura online.", kid);
        return RedirectToPage();
    }
}
