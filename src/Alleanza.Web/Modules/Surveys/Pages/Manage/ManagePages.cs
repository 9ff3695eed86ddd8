using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys.Pages.Manage;

/// <summary>
/// /gestione/questionari: the network's questionnaires, newest first, and a new one. A referent of an allowed partner
/// sees and creates its own organisation's only.
/// </summary>
public class IndexModel(AppDbContext db, BuildSurvey build, CurrentNetwork network, SurveyAccess access) : PageModel
{
    public const int PageSize = 20;
    public sealed record Row(Guid Id, string Title, SurveyStatus Status, int VersionNumber, DateTime CreatedAt, long Responses, string? Partner);
    public sealed class NewForm
    {
        [Display(Name = "Titolo del nuovo questionario")]
        [Required(ErrorMessage = "Scrivete il titolo.")]
        [StringLength(200, MinimumLength = 3, ErrorMessage = "Da 3 a 200 caratteri.")]
        public string? Title { get; set; }
        [Display(Name = "Per l'ente")] public Guid? PartnerId { get; set; }
    }

    [BindProperty] public NewForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Row> Result { get; private set; } = new([], 0, 1, PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);
    public bool IsCoordinator { get; private set; }
    /// <summary>The allowed partners the person is a referent of (for a referent who is not a coordinator).</summary>
    public List<SelectListItem> MyPartners { get; private set; } = [];

    async Task LoadAsync()
    {
        IsCoordinator = await access.IsCoordinatorAsync();
        IReadOnlyList<Guid> mine = IsCoordinator ? [] : await access.PartnersAsync();
        if (!IsCoordinator)
            MyPartners = (await db.Partners.AsNoTracking().Where(p => mine.Contains(p.Id)).OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync())
                .Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == Input.PartnerId)).ToList();
        if (ModelState["pagina"]?.Errors.Count > 0 || PageNumber < 1) PageNumber = 1;
        var query = db.Surveys.AsNoTracking().Where(s => s.NetworkId == network.Id);
        if (!IsCoordinator) query = query.Where(s => s.PartnerId != null && mine.Contains(s.PartnerId.Value));
        var total = await query.CountAsync();
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (int)Math.Ceiling(total / (double)PageSize)));
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).PageOf(page, PageSize)
            .Select(s => new Row(s.Id, s.Title, s.Status, s.VersionNumber, s.CreatedAt, db.SurveyResponses.LongCount(r => r.SurveyId == s.Id),
                db.Partners.Where(p => p.Id == s.PartnerId).Select(p => p.Name).FirstOrDefault())).ToListAsync();
        Result = new Paged<Row>(rows, total, page, PageSize);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Guid? partner = null;
        if (!IsCoordinator)
        {
            // A referent's questionnaire belongs to its organisation: the only one, or the one chosen among several.
            partner = MyPartners.Count == 1 ? Guid.Parse(MyPartners[0].Value) : MyPartners.Any(p => p.Value == Input.PartnerId?.ToString()) ? Input.PartnerId : null;
            if (partner is null) ModelState.AddModelError("Input.PartnerId", Tr.Get("Scegliete l'ente del questionario."));
        }
        if (!ModelState.IsValid) return Page();
        var id = await build.CreateAsync(network.Id, Input.Title!, partner);
        TempData["Message"] = Tr.Get("Questionario creato: aggiungete le domande.");
        return Redirect($"/gestione/questionari/{id}");
    }
}

/// <summary>Shared loading for the pages of one questionnaire: another network's questionnaire is a 404.</summary>
public abstract class SurveyPageModel(AppDbContext db, CurrentNetwork network, SurveyAccess access) : PageModel
{
    public SurveyDefinition Survey { get; protected set; } = default!;
    protected AppDbContext Db => db;
    protected CurrentNetwork Network => network;
    protected SurveyAccess Access => access;
    /// <summary>A coordinator (or administrator): false for a referent of an allowed partner, who builds only its own questionnaires.</summary>
    public bool IsCoordinator { get; private set; }

    /// <summary>Before any handler: the questionnaire of the route must be the person's to build (else the same 404 as an unknown one).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        IsCoordinator = await access.IsCoordinatorAsync();
        if (!IsCoordinator && (!Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) || !await access.CanBuildAsync(id)))
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }

    protected async Task<bool> LoadAsync(Guid id)
    {
        if (await SurveyDefinition.LoadAsync(db, network.Id, id) is not { } survey) return false;
        Survey = survey;
        return true;
    }

    protected void Show(BuildSurvey.Outcome outcome, string prefix = "Input.")
    {
        if (outcome.Ok) return;
        ModelState.AddModelError(string.IsNullOrEmpty(outcome.Field) ? "" : prefix + outcome.Field, outcome.Error!);
    }

    /// <summary>«Domanda 3 — “Quanti figli…”: Sì» for every option a condition may use, before the given place.</summary>
    public List<SelectListItem> ConditionItems(Func<SurveyDefinition.Question, bool> before, Guid? selected)
    {
        var items = new List<SelectListItem>();
        var n = 0;
        foreach (var q in Survey.Questions)
        {
            n++;
            if (!before(q) || !q.HasOptions) continue;
            var text = q.Entity.Text.Length > 50 ? q.Entity.Text[..49] + "…" : q.Entity.Text;
            foreach (var o in q.Options)
                items.Add(new SelectListItem(q.Entity.Type == QuestionType.MultipleChoice ? Tr.Get("{0}. «{1}» comprende «{2}»", n, text, o.Text) : Tr.Get("{0}. «{1}» è «{2}»", n, text, o.Text), o.Id.ToString(), o.Id == selected));
        }
        return items;
    }
}

/// <summary>/gestione/questionari/{id}: the questionnaire's settings, structure, state and the ways to reach families.</summary>
public class SurveyModel(AppDbContext db, BuildSurvey build, CurrentNetwork network, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    public sealed class SettingsForm
    {
        [Display(Name = "Titolo")] public string? Title { get; set; }
        [Display(Name = "Presentazione per le famiglie")] public string? Intro { get; set; }
        [Display(Name = "Si può compilare da un link aperto (senza codice)")] public bool OpenLink { get; set; }
        [Display(Name = "Dal link aperto, una risposta per persona (chiede l'accesso)")] public bool OneAnswerPerPerson { get; set; }
        [Display(Name = "Risultati per scuola (le risposte ricordano la scuola, non la classe)")] public bool PerSchoolResults { get; set; }
    }
    public sealed class SectionForm
    {
        [Display(Name = "Titolo della nuova sezione")] public string? Title { get; set; }
    }

    [BindProperty] public SettingsForm Input { get; set; } = new();
    [BindProperty] public SectionForm NewSection { get; set; } = new();
    public long Responses { get; private set; }
    public int Codes { get; private set; }

    async Task<bool> ReadyAsync(Guid id, bool fillForm)
    {
        if (!await LoadAsync(id)) return false;
        var s = Survey.Survey;
        if (fillForm) Input = new SettingsForm { Title = s.Title, Intro = s.Intro, OpenLink = s.OpenLink, OneAnswerPerPerson = s.OneAnswerPerPerson, PerSchoolResults = s.PerSchoolResults };
        Responses = await Db.SurveyResponses.LongCountAsync(r => r.SurveyId == id);
        Codes = await Db.SurveyCodes.CountAsync(c => c.SurveyId == id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ReadyAsync(id, true) ? Page() : NotFound();

    async Task<IActionResult> AfterAsync(Guid id, BuildSurvey.Outcome outcome, string done, string prefix = "Input.", string? redirect = null)
    {
        if (outcome.Ok)
        {
            TempData["Message"] = done;
            return Redirect(redirect ?? $"/gestione/questionari/{id}");
        }
        if (!await ReadyAsync(id, prefix != "Input.")) return NotFound();
        Show(outcome, prefix);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id) =>
        await AfterAsync(id, await build.SaveSettingsAsync(Network.Id, id, new(Input.Title, Input.Intro, Input.OpenLink, Input.OneAnswerPerPerson, Input.PerSchoolResults)), Tr.Get("Impostazioni salvate."));

    public async Task<IActionResult> OnPostAddSectionAsync(Guid id) =>
        await AfterAsync(id, await build.SaveSectionAsync(Network.Id, id, null, new(NewSection.Title, null)), Tr.Get("Sezione aggiunta."), "NewSection.");

    public async Task<IActionResult> OnPostDeleteSectionAsync(Guid id, Guid section) =>
        await AfterAsync(id, await build.DeleteSectionAsync(Network.Id, id, section), Tr.Get("Sezione eliminata."), "");

    public async Task<IActionResult> OnPostDeleteQuestionAsync(Guid id, Guid question) =>
        await AfterAsync(id, await build.DeleteQuestionAsync(Network.Id, id, question), Tr.Get("Domanda eliminata."), "");

    public async Task<IActionResult> OnPostOpenAsync(Guid id) =>
        await AfterAsync(id, await build.OpenAsync(Network.Id, id), Tr.Get("Questionario aperto: le famiglie possono rispondere. La struttura ora è bloccata."), "");

    public async Task<IActionResult> OnPostCloseAsync(Guid id) =>
        await AfterAsync(id, await build.CloseAsync(Network.Id, id), Tr.Get("Questionario chiuso: non si ricevono più risposte."), "");

    public async Task<IActionResult> OnPostCopyAsync(Guid id)
    {
        var outcome = await build.CopyAsync(Network.Id, id);
        return await AfterAsync(id, outcome, Tr.Get("Nuova versione creata: è in preparazione e si può modificare."), "", outcome.Id is { } copy ? $"/gestione/questionari/{copy}" : null);
    }
}

/// <summary>/gestione/questionari/{id}/domande/{question?}: a question (new, with ?sezione=, or existing) and its condition.</summary>
public class QuestionModel(AppDbContext db, BuildSurvey build, CurrentNetwork network, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    public sealed class QuestionForm
    {
        [Display(Name = "Sezione")] public Guid SectionId { get; set; }
        [Display(Name = "Tipo di domanda")] public QuestionType? Type { get; set; }
        [Display(Name = "Domanda")] public string? Text { get; set; }
        [Display(Name = "Aiuto (facoltativo)")] public string? Help { get; set; }
        [Display(Name = "Risposta obbligatoria")] public bool Required { get; set; }
        [Display(Name = "Risposte possibili, una per riga")] public string? Options { get; set; }
        [Display(Name = "Mostra la domanda solo se")] public Guid? ConditionOptionId { get; set; }
    }

    [BindProperty] public QuestionForm Input { get; set; } = new();
    public SurveyDefinition.Question? Existing { get; private set; }
    public List<SelectListItem> Sections { get; private set; } = [];
    public List<SelectListItem> Types { get; } = Enum.GetValues<QuestionType>().Select(t => new SelectListItem(Tr.Get(Alleanza.Web.Modules.Network.Plan.PlanLabels.Of(t)), t.ToString())).ToList();
    public List<SelectListItem> Conditions { get; private set; } = [];

    async Task<bool> ReadyAsync(Guid id, Guid? question)
    {
        if (!await LoadAsync(id)) return false;
        if (question is { } q)
        {
            Existing = Survey.FindQuestion(q);
            if (Existing is null) return false;
        }
        Sections = Survey.Sections.Select(s => new SelectListItem(s.Entity.Title, s.Id.ToString())).ToList();
        var section = Survey.Sections.FirstOrDefault(s => s.Id == Input.SectionId) ?? Survey.Sections[0];
        var sectionIndex = Survey.Sections.ToList().IndexOf(section);
        var position = Existing is not null && Existing.Entity.SectionId == section.Id ? Existing.Entity.Position : int.MaxValue;
        Conditions = ConditionItems(c =>
        {
            var ci = Survey.Sections.ToList().FindIndex(s => s.Id == c.Entity.SectionId);
            return c.Id != Existing?.Id && (ci < sectionIndex || (ci == sectionIndex && c.Entity.Position < position));
        }, Input.ConditionOptionId);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? question, [FromQuery(Name = "sezione")] Guid? section)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (question is { } q && Survey.FindQuestion(q) is { } existing)
            Input = new QuestionForm
            {
                SectionId = existing.Entity.SectionId, Type = existing.Entity.Type, Text = existing.Entity.Text, Help = existing.Entity.Help, Required = existing.Entity.Required,
                Options = string.Join("\n", existing.Options.Select(o => o.Text)), ConditionOptionId = existing.Entity.ConditionOptionId,
            };
        else if (question is not null) return NotFound();
        else Input.SectionId = section is { } s && Survey.Sections.Any(x => x.Id == s) ? s : Survey.Sections.Last().Id;
        return await ReadyAsync(id, question) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? question)
    {
        if (!await ReadyAsync(id, question)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await build.SaveQuestionAsync(Network.Id, id, question,
            new(Input.SectionId, Input.Type, Input.Text, Input.Help, Input.Required, Input.Options, Input.ConditionOptionId));
        if (!outcome.Ok) { Show(outcome); return Page(); }
        TempData["Message"] = question is null ? Tr.Get("Domanda aggiunta.") : Tr.Get("Domanda salvata.");
        return Redirect($"/gestione/questionari/{id}#d-{outcome.Id}");
    }
}

/// <summary>/gestione/questionari/{id}/sezioni/{section}: a section's title and condition.</summary>
public class SectionModel(AppDbContext db, BuildSurvey build, CurrentNetwork network, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    public sealed class SectionForm
    {
        [Display(Name = "Titolo della sezione")] public string? Title { get; set; }
        [Display(Name = "Mostra la sezione solo se")] public Guid? ConditionOptionId { get; set; }
    }

    [BindProperty] public SectionForm Input { get; set; } = new();
    public SurveyDefinition.Section Section { get; private set; } = default!;
    public List<SelectListItem> Conditions { get; private set; } = [];

    async Task<bool> ReadyAsync(Guid id, Guid section)
    {
        if (!await LoadAsync(id) || Survey.Sections.FirstOrDefault(s => s.Id == section) is not { } found) return false;
        Section = found;
        var index = Survey.Sections.ToList().IndexOf(found);
        Conditions = ConditionItems(q => Survey.Sections.ToList().FindIndex(s => s.Id == q.Entity.SectionId) < index, Input.ConditionOptionId);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid section)
    {
        if (!await LoadAsync(id) || Survey.Sections.FirstOrDefault(s => s.Id == section) is not { } found) return NotFound();
        Input = new SectionForm { Title = found.Entity.Title, ConditionOptionId = found.Entity.ConditionOptionId };
        return await ReadyAsync(id, section) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid section)
    {
        if (!await ReadyAsync(id, section)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await build.SaveSectionAsync(Network.Id, id, section, new(Input.Title, Input.ConditionOptionId));
        if (!outcome.Ok) { Show(outcome); return Page(); }
        TempData["Message"] = Tr.Get("Sezione salvata.");
        return Redirect($"/gestione/questionari/{id}");
    }
}

/// <summary>/gestione/questionari/{id}/anteprima: the questionnaire as a family sees it, with its branching; nothing is saved.</summary>
public class PreviewModel(AppDbContext db, CurrentNetwork network, SurveyAccess surveyAccess) : SurveyPageModel(db, network, surveyAccess)
{
    [BindProperty(Name = "stato")] public string? State { get; set; }
    [BindProperty(Name = "sezione")] public int? SectionIndex { get; set; }
    public Answers Answers { get; private set; } = new();
    public int Index { get; private set; }
    public bool Final => Index >= Survey.Sections.Count;
    public Dictionary<Guid, string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Index = Survey.IsVisible(Survey.Sections[0], Answers) ? 0 : Survey.NextSection(0, Answers) ?? Survey.Sections.Count;
        return Page();
    }

    async Task<(bool, int)> TakeAsync(Guid id)
    {
        if (!await LoadAsync(id)) return (false, 0);
        Answers = Answers.FromJson(State);
        if (ModelState["sezione"]?.Errors.Count > 0) SectionIndex = 0;
        var index = Math.Clamp(SectionIndex ?? 0, 0, Survey.Sections.Count);
        if (index < Survey.Sections.Count) Errors = Survey.Take(Survey.Sections[index], SectionView.Posted(Request.Form), Answers);
        return (true, index);
    }

    public async Task<IActionResult> OnPostNextAsync(Guid id)
    {
        var (ok, index) = await TakeAsync(id);
        if (!ok) return NotFound();
        Index = Errors.Count > 0 ? index : Survey.NextSection(index, Answers) ?? Survey.Sections.Count;
        foreach (var (q, message) in Errors) ModelState.AddModelError(SectionView.FieldName(q), message);
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync(Guid id)
    {
        var (ok, index) = await TakeAsync(id);
        if (!ok) return NotFound();
        Errors = [];
        Index = Survey.PreviousSection(index, Answers) ?? 0;
        return Page();
    }
}
