using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>
/// The certification dossier of a plan: choose the Comune (the plan's own, or any Comune of the network for a network
/// plan; an officer bound to a Comune gets theirs) and the period, then download the PDF or the XLSX.
/// Unusable dates fall back to the plan's two years, with a message on the page.
/// </summary>
public class DossierModel(AppDbContext db, PlanViews views, ServiceMapping mapping, CurrentAccess access, CurrentNetwork network, TimeProvider clock, IWebHostEnvironment env)
    : PlanPageModel(db, views, access, network)
{
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "da")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }

    public List<SelectListItem> Comuni { get; private set; } = [];
    public PlanPeriod Period { get; private set; } = default!;
    public string? FilterError { get; private set; }
    public bool ComuneFixed { get; private set; }

    async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (await ResolveAsync(id, manage: false) is { } denied) return denied;
        Comuni = await ComuniAsync();
        if (Plan.ComuneId is Guid own) { ComuneId = own; ComuneFixed = true; }
        else if (!Scope.Manages && Scope.OfficerComuneId is Guid officer) { ComuneId = officer; ComuneFixed = true; }
        else if (ComuneId is Guid c && !Comuni.Any(x => x.Value == c.ToString())) ComuneId = null;

        var plan = PlanPeriod.Of(Plan);
        DateOnly? Parse(string? s) => DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100 ? d : null;
        DateOnly? from = Parse(From), to = Parse(To);
        if ((!string.IsNullOrWhiteSpace(From) && from is null) || (!string.IsNullOrWhiteSpace(To) && to is null))
            FilterError = Tr.Get("Le date si indicano come giorno, mese e anno: usiamo i due anni del piano.");
        else if (from is DateOnly f && to is DateOnly t && f > t)
            FilterError = Tr.Get("L'inizio del periodo viene dopo la fine: usiamo i due anni del piano.");
        Period = FilterError is null ? new PlanPeriod(from ?? plan.From, to ?? plan.To) : plan;
        From = Period.From.ToString("yyyy-MM-dd");
        To = Period.To.ToString("yyyy-MM-dd");
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await PrepareAsync(id) ?? Page();

    async Task<Dossier.Content> ContentAsync()
    {
        var view = await Views.LoadAsync(Plan, Period, ComuneId, withHistory: false);
        var map = await mapping.ComputeAsync(Network.Id, ComuneId);
        var comune = ComuneId is Guid c ? Comuni.First(x => x.Value == c.ToString()).Text : null;
        return new Dossier.Content(Network.Network!.Name, view, comune, map, clock.GetUtcNow().UtcDateTime);
    }

    string FileName(string ext) =>
        $"dossier-{Text.Slug(ComuneId is Guid c ? Comuni.First(x => x.Value == c.ToString()).Text : Network.Network!.Slug)}-{Period.From:yyyyMMdd}-{Period.To:yyyyMMdd}.{ext}";

    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } denied) return denied;
        return File(Dossier.Pdf(await ContentAsync(), env.WebRootPath), "application/pdf", FileName("pdf"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } denied) return denied;
        return File(Dossier.Xlsx(await ContentAsync()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    public string DownloadUrl(string handler) =>
        $"{PlanUrl}/dossier?handler={handler}&da={From}&a={To}{(ComuneId is Guid c ? "&comune=" + c : "")}";
}
