using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Surveys.Pages.Manage;

/// <summary>/gestione/questionari/{id}/scuole: classes of partner schools, their slips of codes, the response rate per class and school.</summary>
public class SchoolsModel(AppDbContext db, SchoolCodes schools, TranslateSurvey translate, CurrentNetwork network, PublicSite site, IWebHostEnvironment env, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    public sealed class ClassForm
    {
        [Display(Name = "Scuola")] public Guid? SchoolId { get; set; }
        [Display(Name = "Classe")] public string? ClassName { get; set; }
        [Display(Name = "Alunni")] public int? Pupils { get; set; }
    }

    [BindProperty] public ClassForm Input { get; set; } = new();
    [BindProperty] public int? Extra { get; set; }
    public List<SelectListItem> Schools { get; private set; } = [];
    public List<SchoolCodes.ClassRow> Classes { get; private set; } = [];

    async Task<bool> ReadyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return false;
        // A partner's referent prints the codes of its own school's classes only (the school is the partner allowed).
        var own = IsCoordinator ? null : await Access.PartnersAsync();
        Schools = (await schools.SchoolsAsync(Network.Id)).Where(s => own is null || own.Contains(s.Id))
            .Select(s => new SelectListItem(s.Name, s.Id.ToString(), s.Id == Input.SchoolId)).ToList();
        Classes = await schools.ClassesAsync(id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ReadyAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var (field, error) = Schools.Any(s => s.Value == Input.SchoolId?.ToString())
            ? await schools.AddClassAsync(Network.Id, id, Input.SchoolId, Input.ClassName, Input.Pupils)
            : ("SchoolId", Tr.Get("Scegliete una scuola dell'elenco."));
        if (error is not null)
        {
            ModelState.AddModelError("Input." + field, error);
            return Page();
        }
        TempData["Message"] = Tr.Get("Classe aggiunta: ora stampate i codici.");
        return Redirect($"/gestione/questionari/{id}/scuole");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid @class)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (await schools.RemoveClassAsync(id, @class) is { } error)
        {
            ModelState.AddModelError("", error);
            return Page();
        }
        TempData["Message"] = Tr.Get("Classe tolta.");
        return Redirect($"/gestione/questionari/{id}/scuole");
    }

    /// <summary>Makes the class's codes and answers the PDF of slips (the only place the codes ever appear).</summary>
    public async Task<IActionResult> OnPostPrintAsync(Guid id, Guid @class, bool more = false)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (Survey.Survey.Status == SurveyStatus.Draft)
        {
            ModelState.AddModelError("", Tr.Get("Aprite il questionario prima di stampare i codici: con un questionario in preparazione i codici non servirebbero."));
            return Page();
        }
        if (more && ModelState[nameof(Extra)]?.Errors.Count > 0) { ModelState.Clear(); Extra = 0; }
        var (codes, row, error) = await schools.IssueAsync(id, @class, more ? Extra ?? 0 : null);
        if (codes is null)
        {
            ModelState.AddModelError(more ? nameof(Extra) : "", error!);
            Classes = await schools.ClassesAsync(id);
            return Page();
        }
        var slug = Network.Network!.Slug;
        var languages = (await translate.LanguagesAsync(id)).Select(l => l.Code).ToList();
        var pdf = SchoolCodes.Slips(Network.Network.Name, Survey.Survey.Title, row!.School, row.Name, codes,
            code => code.Length == 0 ? site.Link($"/questionari?rete={slug}") : site.Link($"/questionari/{id}/compila?rete={slug}&codice={code}"), env.WebRootPath, languages);
        return File(pdf, "application/pdf", $"codici-{Platform.Text.Slug(row.School)}-{Platform.Text.Slug(row.Name)}.pdf");
    }
}

/// <summary>/gestione/questionari/{id}/inviti: e-mail a personal one-use link to the registry's households matching a filter.</summary>
public class InvitationsModel(AppDbContext db, InviteHouseholds invite, CurrentNetwork network, CurrentAccess access, UserManager<Platform.Auth.AppUser> users, SurveyAccess surveyAccess)
    : SurveyPageModel(db, network, surveyAccess)
{
    public sealed class FilterForm
    {
        [Display(Name = "Comune di residenza")] public Guid? ComuneId { get; set; }
        [Display(Name = "Con figli da (anni)")][Range(0, 17, ErrorMessage = "Da 0 a 17 anni.")] public int? AgeFrom { get; set; }
        [Display(Name = "a (anni)")][Range(0, 17, ErrorMessage = "Da 0 a 17 anni.")] public int? AgeTo { get; set; }
    }

    [BindProperty] public FilterForm Input { get; set; } = new();
    public List<SelectListItem> Comuni { get; private set; } = [];
    public (int Count, int Already)? Preview { get; private set; }

    async Task<bool> ReadyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return false;
        Comuni = Survey.Comuni.Select(c => new SelectListItem(c.Text, c.Id.ToString(), c.Id == Input.ComuneId)).ToList();
        return true;
    }

    bool Valid()
    {
        if (Input.ComuneId is { } c && !Survey.Comuni.Any(x => x.Id == c)) ModelState.AddModelError("Input.ComuneId", Tr.Get("Il Comune scelto non è di questa rete."));
        if (Input.AgeFrom is { } f && Input.AgeTo is { } t && f > t) ModelState.AddModelError("Input.AgeTo", Tr.Get("L'età massima non può essere minore della minima."));
        return ModelState.IsValid;
    }

    InviteHouseholds.Filter Filter => new(Input.ComuneId, Input.AgeFrom, Input.AgeTo);

    public async Task<IActionResult> OnGetAsync(Guid id) => await ReadyAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(Guid id)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (!Valid()) return Page();
        var (targets, already) = await invite.ReachAsync(Network.Id, id, Filter);
        Preview = (targets.Count, already);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (!Valid()) return Page();
        var me = await users.GetUserAsync(User);
        var (sent, error) = await invite.SendAsync(Network.Id, Network.Network!.Slug, Network.Network.Name, id, Filter, access.UserId!.Value, me?.DisplayName ?? "");
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            return Page();
        }
        TempData["Message"] = sent == 1 ? Tr.Get("Invito inviato a 1 famiglia.") : Tr.Get("Invito inviato a {0} famiglie.", sent);
        return Redirect($"/gestione/questionari/{id}/inviti");
    }
}

/// <summary>/gestione/questionari/{id}/risultati: the results (small groups hidden), the free texts, publishing and downloads.</summary>
public class ResultsModel(AppDbContext db, SurveyResults results, SurveyExports exports, BuildSurvey build, CurrentNetwork network, IWebHostEnvironment env, TimeProvider clock, SurveyAccess surveyAccess)
    : SurveyPageModel(db, network, surveyAccess)
{
    [BindProperty(SupportsGet = true, Name = "incrocio")] public string? CrossBy { get; set; }
    [BindProperty] public ResultsAudience? Audience { get; set; }
    public SurveyResults.Result Result { get; private set; } = default!;
    public List<(string Question, string Text)> Texts { get; private set; } = [];
    public List<SchoolCodes.ClassRow> Classes { get; private set; } = [];
    public List<(string Comune, int Invited, int Used)> Invitations { get; private set; } = [];
    public List<SelectListItem> Audiences { get; } = Enum.GetValues<ResultsAudience>()
        .Select(a => new SelectListItem(Tr.Get(Alleanza.Web.Modules.Network.Plan.PlanLabels.Of(a)), a.ToString())).ToList();

    async Task<bool> ReadyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return false;
        if (CrossBy is not null && !SurveyResults.CrossOptions(Survey).Any(o => o.Value == CrossBy)) CrossBy = null;
        Result = await results.ComputeAsync(Survey, CrossBy, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ReadyAsync(id)) return NotFound();
        Audience = Survey.Survey.ResultsAudience;
        // The list shows the audience chosen (without this it always showed the first, «Non pubblicati»).
        foreach (var item in Audiences) item.Selected = item.Value == Audience.ToString();
        Texts = await results.TextsAsync(Survey, 100, HttpContext.RequestAborted);
        Classes = await HttpContext.RequestServices.GetRequiredService<SchoolCodes>().ClassesAsync(id);
        var invited = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Db.SurveyCodes.Where(c => c.SurveyId == id && c.Channel == CodeChannel.Invitation).GroupBy(c => c.ComuneId)
                .Select(g => new { g.Key, Invited = g.Count(), Used = g.Count(c => c.Used) }));
        Invitations = invited.Select(i => (Survey.Comuni.FirstOrDefault(c => c.Id == i.Key)?.Text ?? "—", i.Invited, i.Used)).OrderBy(i => i.Item1).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        // Publishing speaks for the network: the coordinators decide it, not the partner that built the questionnaire.
        if (!IsCoordinator) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await build.SetResultsAudienceAsync(Network.Id, id, Audience ?? (ResultsAudience)(-1));
        if (!outcome.Ok)
        {
            TempData["Message"] = outcome.Error;
            return Redirect($"/gestione/questionari/{id}/risultati");
        }
        TempData["Message"] = Audience switch
        {
            ResultsAudience.Public => Tr.Get("Risultati pubblicati per tutti."),
            ResultsAudience.Partners => Tr.Get("Risultati pubblicati per gli enti partner."),
            _ => Tr.Get("Risultati non più pubblicati."),
        };
        return Redirect($"/gestione/questionari/{id}/risultati");
    }

    string FileName(string what, string extension) => $"questionario-{Platform.Text.Slug(Survey.Survey.Title)}-{what}.{extension}";

    public async Task<IActionResult> OnGetCsvAsync(Guid id) =>
        await LoadAsync(id) ? File(await exports.AnswersCsvAsync(Survey), "text/csv; charset=utf-8", FileName("risposte", "csv")) : NotFound();

    /// <summary>The results as published, every answer of every question (the page shows only the largest figures of a long list).</summary>
    public async Task<IActionResult> OnGetTableAsync(Guid id) =>
        await ReadyAsync(id) ? File(SurveyExports.ResultsTableCsv(Result), "text/csv; charset=utf-8", FileName("risultati", "csv")) : NotFound();

    public async Task<IActionResult> OnGetCodebookAsync(Guid id) =>
        await LoadAsync(id) ? File(SurveyExports.CodebookCsv(Survey), "text/csv; charset=utf-8", FileName("codebook", "csv")) : NotFound();

    public async Task<IActionResult> OnGetTextsAsync(Guid id) =>
        await LoadAsync(id) ? File(SurveyExports.TextsCsv(await results.TextsAsync(Survey)), "text/csv; charset=utf-8", FileName("risposte-libere", "csv")) : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(Guid id) =>
        await ReadyAsync(id)
            ? File(await exports.XlsxAsync(Survey, Result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("risposte", "xlsx"))
            : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id) =>
        await ReadyAsync(id)
            ? File(SurveyExports.Pdf(Result, Network.Network!.Name, clock.GetUtcNow().UtcDateTime, env.WebRootPath), "application/pdf", FileName("report", "pdf"))
            : NotFound();
}

/// <summary>/gestione/questionari/{id}/traduzioni?lingua=en: the questionnaire's texts in another language, beside the Italian.</summary>
public class TranslationsModel(AppDbContext db, TranslateSurvey translate, CurrentNetwork network, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    [BindProperty(SupportsGet = true, Name = "lingua")] public string? LanguageCode { get; set; }
    public Platform.Localization.Language? Language { get; private set; }
    public List<TranslateSurvey.Text> Texts { get; private set; } = [];
    public Dictionary<(Guid, TranslatedField), string> Current { get; private set; } = [];
    public List<Platform.Localization.Language> Translated { get; private set; } = [];

    public static string FieldName(TranslateSurvey.Text t) => $"t-{t.ItemId:N}-{(int)t.Field}";

    async Task<bool> ReadyAsync(Guid id)
    {
        if (!await LoadAsync(id)) return false;
        Texts = TranslateSurvey.Texts(Survey);
        Translated = await translate.LanguagesAsync(id);
        Language = TranslateSurvey.Choosable.FirstOrDefault(l => l.Code == LanguageCode);
        if (Language is not null) Current = await translate.LoadAsync(id, Language.Code);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ReadyAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await ReadyAsync(id)) return NotFound();
        if (Language is null)
        {
            ModelState.AddModelError("lingua", Tr.Get("Scegliete la lingua della traduzione."));
            return Page();
        }
        var texts = new Dictionary<(Guid, TranslatedField), string>();
        foreach (var t in Texts)
        {
            var value = Request.Form[FieldName(t)].ToString();
            if (value.Length > 4000)
            {
                ModelState.AddModelError(FieldName(t), Tr.Get("Al massimo 4000 caratteri."));
                continue;
            }
            texts[(t.ItemId, t.Field)] = new string(value.Where(c => !char.IsControl(c) || c is '\n' or '\r').ToArray());
        }
        if (!ModelState.IsValid) { Current = texts; return Page(); }
        TempData["Message"] = await translate.SaveAsync(Survey, Language.Code, texts)
            ? Tr.Get("Traduzione in {0} salvata.", Language.NativeName)
            : Tr.Get("Nello stesso momento un'altra richiesta ha salvato questa traduzione: già fatto.");
        return Redirect($"/gestione/questionari/{id}/traduzioni?lingua={Language.Code}");
    }
}
