using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys.Pages.Answer;

/// <summary>/questionari: the network's questionnaires open to everyone, and the box for the code of a slip or an invitation.</summary>
public class IndexModel(AppDbContext db, AnswerSurvey answer, CurrentNetwork network) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public List<(Guid Id, string Title, string Intro)> Open { get; private set; } = [];

    async Task LoadAsync() => Open = (await db.Surveys.AsNoTracking().Where(s => s.NetworkId == network.Id && s.Status == SurveyStatus.Open && s.OpenLink)
        .OrderBy(s => s.Title).Select(s => new { s.Id, s.Title, s.Intro }).ToListAsync()).Select(s => (s.Id, s.Title, s.Intro)).ToList();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await answer.SurveyOfAsync(network.Id, Code) is { } survey)
            return Redirect($"/questionari/{survey}/compila?codice={Uri.EscapeDataString(Code!.Trim())}");
        ModelState.AddModelError(nameof(Code), Tr.Get(AnswerSurvey.UnknownCode));
        await LoadAsync();
        return Page();
    }
}

/// <summary>/questionari/{id}: what the questionnaire is about; the code box, or «Inizia» for the open link.</summary>
[EnableRateLimiting(SurveysModule.StartRateLimit)]
public class StartModel(AppDbContext db, AnswerSurvey answer, TranslateSurvey translate, CurrentNetwork network, CurrentAccess access) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public SurveyDefinition Survey { get; private set; } = default!;
    public List<Platform.Localization.Language> Languages { get; private set; } = [];
    /// <summary>The language of the questionnaire's own texts: the reader's when it has been translated into it, else Italian.</summary>
    public string ContentLanguage => Languages.Any(l => l.Code == Platform.Localization.Languages.Current.Code) ? Platform.Localization.Languages.Current.Code : "it";

    async Task<bool> LoadAsync(Guid id)
    {
        if (await SurveyDefinition.LoadAsync(db, network.Id, id) is not { } survey || survey.Survey.Status == SurveyStatus.Draft) return false;
        Survey = await translate.InCurrentLanguageAsync(survey);
        Languages = await translate.LanguagesAsync(id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCodeAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var (found, error) = await answer.FindAsync(Survey, Code);
        if (found is null)
        {
            ModelState.AddModelError(nameof(Code), error!);
            return Page();
        }
        return Redirect($"/questionari/{id}/compila?codice={Uri.EscapeDataString(found.Code)}");
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Survey.Survey.OneAnswerPerPerson && access.UserId is null)
            return Redirect($"/account/accedi?ReturnUrl={Uri.EscapeDataString($"/questionari/{id}")}");
        var (code, error) = await answer.StartOpenLinkAsync(Survey.Survey, access.UserId);
        if (code is null)
        {
            ModelState.AddModelError("", error!);
            return Page();
        }
        TempData["Message"] = Tr.Get("Il vostro codice è {0}: annotatelo se volete interrompere e riprendere più tardi.", code);
        return Redirect($"/questionari/{id}/compila?codice={Uri.EscapeDataString(code)}");
    }
}

/// <summary>
/// /questionari/{id}/compila?codice=…: one section a page. «Avanti» checks the section and moves to the next section
/// whose condition holds; «Indietro» and «Salva e continua più tardi» keep what was written; the last page submits.
/// </summary>
public class FillModel(AppDbContext db, AnswerSurvey answer, TranslateSurvey translate, CurrentNetwork network, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "codice")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "sezione")] public int? SectionIndex { get; set; }

    public SurveyDefinition Survey { get; private set; } = default!;
    public List<Platform.Localization.Language> Languages { get; private set; } = [];
    public AnswerSurvey.Found? Found { get; private set; }
    /// <summary>The language of the questionnaire's own texts: the reader's when it has been translated into it, else Italian.</summary>
    public string ContentLanguage => Languages.Any(l => l.Code == Platform.Localization.Languages.Current.Code) ? Platform.Localization.Languages.Current.Code : "it";
    public string? CodeError { get; private set; }
    public int Index { get; private set; }
    public bool Final => Index >= Survey.Sections.Count;
    public bool Stopped { get; private set; }
    public Dictionary<Guid, string> Errors { get; private set; } = [];
    /// <summary>Position among the visible sections, for «Parte 2 di 4».</summary>
    public (int Step, int Steps) Progress { get; private set; }

    async Task<bool> LoadAsync(Guid id)
    {
        if (await SurveyDefinition.LoadAsync(db, network.Id, id) is not { } survey || survey.Survey.Status == SurveyStatus.Draft) return false;
        Survey = await translate.InCurrentLanguageAsync(survey);
        var (found, error) = await answer.FindAsync(survey, Code);
        Found = found;
        CodeError = error;
        return true;
    }

    /// <summary>The languages of the questionnaire, only for a page that is shown: «Avanti» answers most often with a
    /// redirect, and reading them for it was one of the five queries of every page of answers (bench scenario survey-submit).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Survey is not null) Languages = await translate.LanguagesAsync(Survey.Survey.Id);
    }

    void Place(int index)
    {
        var answers = Found!.Answers;
        if (index < 0) index = 0;
        if (index < Survey.Sections.Count && !Survey.IsVisible(Survey.Sections[index], answers))
            index = Survey.NextSection(index, answers) ?? Survey.Sections.Count;
        Index = Math.Min(index, Survey.Sections.Count);
        var visible = Enumerable.Range(0, Survey.Sections.Count).Where(i => Survey.IsVisible(Survey.Sections[i], answers)).ToList();
        Progress = (Final ? visible.Count + 1 : visible.IndexOf(Index) + 1, visible.Count + 1);
    }

    string Here(int index) => $"/questionari/{Survey.Survey.Id}/compila?codice={Uri.EscapeDataString(Found!.Code)}&sezione={index}";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ModelState["sezione"]?.Errors.Count > 0) SectionIndex = null;
        if (Found is not null) Place(SectionIndex ?? Found.Answers.Section);
        return Page();
    }

    /// <summary>Takes the posted section into the answers; the errors only matter for «Avanti».</summary>
    async Task<(bool Ok, int Index)> TakeAsync(Guid id)
    {
        if (!await LoadAsync(id) || Found is null) return (false, 0);
        if (ModelState["sezione"]?.Errors.Count > 0) SectionIndex = null;
        var index = Math.Clamp(SectionIndex ?? Found.Answers.Section, 0, Survey.Sections.Count);
        if (index < Survey.Sections.Count)
            Errors = Survey.Take(Survey.Sections[index], SectionView.Posted(Request.Form), Found.Answers);
        return (true, index);
    }

    async Task<IActionResult> SavedOrGoneAsync(int index, Func<IActionResult> then)
    {
        Found!.Answers.Section = index;
        if (!await answer.SaveDraftAsync(Found.CodeId, Found.Answers))
        {
            Found = null;
            CodeError = Tr.Get(AnswerSurvey.UsedCode);
            return Page();
        }
        return then();
    }

    public async Task<IActionResult> OnPostNextAsync(Guid id)
    {
        var (ok, index) = await TakeAsync(id);
        if (!ok) return Found is null && CodeError is not null ? Page() : NotFound();
        if (Errors.Count > 0)
        {
            foreach (var (q, message) in Errors) ModelState.AddModelError(SectionView.FieldName(q), message);
            return await SavedOrGoneAsync(index, () => { Place(index); return Page(); });
        }
        var next = Survey.NextSection(index, Found!.Answers) ?? Survey.Sections.Count;
        return await SavedOrGoneAsync(next, () => Redirect(Here(next)));
    }

    public async Task<IActionResult> OnPostBackAsync(Guid id)
    {
        var (ok, index) = await TakeAsync(id);
        if (!ok) return Found is null && CodeError is not null ? Page() : NotFound();
        var previous = Survey.PreviousSection(index, Found!.Answers) ?? 0;
        return await SavedOrGoneAsync(previous, () => Redirect(Here(previous)));
    }

    public async Task<IActionResult> OnPostStopAsync(Guid id)
    {
        var (ok, index) = await TakeAsync(id);
        if (!ok) return Found is null && CodeError is not null ? Page() : NotFound();
        return await SavedOrGoneAsync(index, () => { Stopped = true; Place(index); return Page(); });
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Found is null) return Page();
        if (Survey.FirstIncompleteSection(Found.Answers) is { } missing)
        {
            TempData["Message"] = Tr.Get("Manca qualche risposta obbligatoria: completatela qui e proseguite.");
            return Redirect(Here(missing));
        }
        if (Survey.Survey.OneAnswerPerPerson && Found.Channel == CodeChannel.OpenLink && access.UserId is null)
            return Redirect($"/account/accedi?ReturnUrl={Uri.EscapeDataString(Here(Survey.Sections.Count))}");
        var error = await answer.SubmitAsync(Survey, Found, access.UserId);
        if (error is not null)
        {
            Found = null;
            CodeError = error;
            return Page();
        }
        return Redirect($"/questionari/{id}/grazie");
    }
}

/// <summary>/questionari/{id}/grazie: the thanks, and the results when they are published.</summary>
public class ThanksModel(AppDbContext db, CurrentNetwork network) : PageModel
{
    public Survey Survey { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.NetworkId == network.Id && s.Status != SurveyStatus.Draft);
        if (survey is null) return NotFound();
        Survey = survey;
        return Page();
    }
}

/// <summary>/questionari/{id}/risultati: the published results (to everyone, or to the network's partners and coordinators).</summary>
public class PublishedResultsModel(AppDbContext db, SurveyResults results, CurrentNetwork network, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "incrocio")] public string? CrossBy { get; set; }
    public SurveyResults.Result Result { get; private set; } = default!;

    async Task<bool> ReadyAsync(Guid id)
    {
        if (await SurveyDefinition.LoadAsync(db, network.Id, id) is not { } survey) return false;
        var audience = survey.Survey.ResultsAudience;
        var allowed = audience == ResultsAudience.Public
            || (audience == ResultsAudience.Partners && (access.IsAdministrator || await access.HasRoleHereAsync(NetworkRole.Coordinator, NetworkRole.PartnerStaff)));
        if (!allowed) return false;
        if (CrossBy is not null && !SurveyResults.CrossOptions(survey).Any(o => o.Value == CrossBy)) CrossBy = null;
        Result = await results.ComputeAsync(survey, CrossBy, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ReadyAsync(id) ? Page() : NotFound();

    /// <summary>The published results whole, as a file: the page shows only the largest figures of a long list (the Comuni).</summary>
    public async Task<IActionResult> OnGetTableAsync(Guid id) =>
        await ReadyAsync(id)
            ? File(SurveyExports.ResultsTableCsv(Result), "text/csv; charset=utf-8", $"questionario-{Platform.Text.Slug(Result.Survey.Survey.Title)}-risultati.csv")
            : NotFound();
}
