using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Plan.Pages;

/// <summary>
/// The mapping of the network's services by area × age band × Comune, with the gaps. Coordinators choose the Comune
/// (or the whole network); an officer bound to a Comune sees that Comune only. CSV and XLSX with the same numbers.
/// </summary>
public class MappingModel(ServiceMapping mapping, CurrentAccess access, CurrentNetwork network) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public ServiceMapping.Result Result { get; private set; } = default!;
    public ServiceMapping.ComuneMatrix? Chosen { get; private set; }
    public Paged<ServiceMapping.ComuneMatrix> Rows { get; private set; } = default!;
    public Pager Pager => new(Rows.Page, Rows.Pages, Rows.Total, Request.Path, Request.Query);
    public List<(Guid Id, string Name)> Comuni { get; private set; } = [];
    public bool BoundToComune { get; private set; }
    public bool Manages { get; private set; }
    public string NetworkName => network.Network?.Name ?? "";

    async Task<bool> LoadAsync(CancellationToken cancel)
    {
        var scope = await PlanScope.ForAsync(access, network);
        if (scope is null) return false;
        Manages = scope.Manages;
        BoundToComune = scope.MappingComune is not null;
        if (scope.MappingComune is Guid own) ComuneId = own;
        var all = await mapping.ComputeAsync(network.Id, scope.MappingComune, cancel);
        Comuni = all.Comuni.Select(c => (c.ComuneId, c.Comune)).ToList();
        // A Comune of another network (or junk) is ignored: the whole network is shown.
        Chosen = ComuneId is Guid c ? all.Comuni.FirstOrDefault(x => x.ComuneId == c) : null;
        if (Chosen is null) ComuneId = null;
        Result = Chosen is null ? all : all with { Comuni = [Chosen] };
        var ordered = Result.Comuni.OrderByDescending(x => x.Gaps).ThenBy(x => x.Comune, StringComparer.Create(RomeTime.Italian, true)).ToList();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (ordered.Count + PageSize - 1) / PageSize));
        Rows = new Paged<ServiceMapping.ComuneMatrix>(ordered.PageOf(PageNumber, PageSize).ToList(), ordered.Count, PageNumber, PageSize);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel) ? Page() : Forbid();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return Forbid();
        return File(ServiceMapping.Csv(Result), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return Forbid();
        return File(ServiceMapping.Xlsx(Result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    string FileName(string ext) => $"mappatura-{(Chosen is null ? network.Network!.Slug : Text.Slug(Chosen.Comune))}.{ext}";

    public string ExportUrl(string handler) => $"?handler={handler}{(ComuneId is Guid c ? "&comune=" + c : "")}";

    public string Chart() => Platform.Statistics.StatisticsFormat.Chart("bar", Result.Areas.Where(a => a.ByAge).Select(a => Tr.Get(a.Name)),
        (Tr.Get("Lacune (fasce d'età senza offerta)"), Result.GapsPerArea.Where((_, i) => Result.Areas[i].ByAge).Select(x => (double)x)));
}
