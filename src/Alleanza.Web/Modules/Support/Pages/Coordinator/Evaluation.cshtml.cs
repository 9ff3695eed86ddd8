using System.Globalization;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Modules.Support.Evaluation;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Support.Pages.Coordinator;

/// <summary>
/// The coordinator's evaluation of the programme for a period (the targets, the KPIs of case management, the
/// before/after change), anonymised aggregates only, and the restitution report as PDF or XLSX. Unusable dates fall
/// back to the last twelve months, with a message on the page.
/// </summary>
public class EvaluationModel(CaseKpis kpis, CurrentNetwork network, TimeProvider clock, IWebHostEnvironment env, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "da")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }

    public PlanPeriod Period { get; private set; } = default!;
    public string? FilterError { get; private set; }
    public CaseKpis.Result Result { get; private set; } = default!;

    void ChoosePeriod()
    {
        var today = RomeTime.Today(clock);
        var fallback = new PlanPeriod(today.AddYears(-1).AddDays(1), today);
        DateOnly? Parse(string? s) => DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100 ? d : null;
        DateOnly? from = Parse(From), to = Parse(To);
        if ((!string.IsNullOrWhiteSpace(From) && from is null) || (!string.IsNullOrWhiteSpace(To) && to is null))
            FilterError = Tr.Get("Le date si indicano come giorno, mese e anno: mostriamo gli ultimi dodici mesi.");
        else if (from is DateOnly f && to is DateOnly t && f > t)
            FilterError = Tr.Get("L'inizio del periodo viene dopo la fine: mostriamo gli ultimi dodici mesi.");
        else if ((to ?? fallback.To).DayNumber - (from ?? fallback.From).DayNumber > 366 * 5)
            FilterError = Tr.Get("Il periodo può durare al massimo cinque anni: mostriamo gli ultimi dodici mesi.");
        Period = FilterError is null ? new PlanPeriod(from ?? (to is DateOnly end ? end.AddYears(-1).AddDays(1) : fallback.From), to ?? fallback.To) : fallback;
        if (Period.From > Period.To) { FilterError = Tr.Get("L'inizio del periodo viene dopo la fine: mostriamo gli ultimi dodici mesi."); Period = fallback; }
        From = Period.From.ToString("yyyy-MM-dd");
        To = Period.To.ToString("yyyy-MM-dd");
    }

    async Task<bool> LoadAsync()
    {
        if (!network.IsResolved) return false;
        ChoosePeriod();
        Result = await kpis.ComputeAsync(network.Id, Period, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    string FileName(string ext) => $"restituzione-{Text.Slug(network.Network!.Slug)}-{Period.From:yyyyMMdd}-{Period.To:yyyyMMdd}.{ext}";

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await audit.WriteAsync("support.report.downloaded", "Network", network.Id, "PDF " + Period.Label, network.Id);
        return File(RestitutionReport.Pdf(Result, env.WebRootPath), "application/pdf", FileName("pdf"));
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await audit.WriteAsync("support.report.downloaded", "Network", network.Id, "XLSX " + Period.Label, network.Id);
        return File(RestitutionReport.Xlsx(Result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    public string DownloadUrl(string handler) => $"/gestione/valutazione?handler={handler}&da={From}&a={To}";
}
