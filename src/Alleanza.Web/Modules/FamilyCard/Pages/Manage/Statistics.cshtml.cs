using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Alleanza.Web.Modules.FamilyCard.CardStatistics;
using static Alleanza.Web.Platform.Statistics.MonthPeriod;
using static Alleanza.Web.Platform.Statistics.StatisticsFormat;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Manage;

/// <summary>The coordinator's Family Card statistics: cards issued and active per Comune, purchases and discounts per month, merchant, category and Comune; CSV per table.</summary>
public class StatisticsModel(CardStatistics statistics, CurrentNetwork network) : PageModel
{
    /// <summary>Rows shown per table on the page; the CSV has them all.</summary>
    public const int TopRows = 20;


    public Filter Period { get; private set; } = default!;
    public string? FilterError { get; private set; }
    public List<(Guid Id, string Name)> Comuni { get; private set; } = [];
    public RedemptionFigures Redemptions { get; private set; } = default!;
    public CardFigures Cards { get; private set; } = default!;
    public string NetworkName => network.Network?.Name ?? "";

    [BindProperty(SupportsGet = true, Name = "da")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "comune")] public Guid? ComuneId { get; set; }

    async Task LoadAsync(CancellationToken cancel, bool withShops = false)
    {
        Comuni = await statistics.ComuniAsync(network.Id, cancel);
        // A Comune of another network is ignored (as if none was chosen).
        var comune = ComuneId is Guid c && Comuni.Any(x => x.Id == c) ? ComuneId : null;
        (Period, FilterError) = statistics.ParseFilter(From, To, comune);
        ComuneId = comune;
        // Side by side: the purchases read on contexts of their own, the cards on this request's.
        var redemptions = statistics.RedemptionsAsync(network.Id, Period, withShops: withShops, cancel: cancel);
        Cards = await statistics.CardsAsync(network.Id, Period, cancel);
        Redemptions = await redemptions;
    }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await LoadAsync(cancel);
        statistics.Timings.Add("load", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Response.Headers["Server-Timing"] = statistics.Timings.ToString();
    }

    /// <summary><c>?handler=Csv&amp;tipo=carte|mesi|esercenti|categorie|comuni|negozi</c>, with the page's filter.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? tipo, CancellationToken cancel)
    {
        await LoadAsync(cancel, withShops: tipo == "negozi");
        var period = $"{MonthValue(Period.FromMonth)}_{MonthValue(Period.ToMonth)}";
        string[] money = ["acquisti", "sconto_euro", "spesa_euro"];
        IEnumerable<string> Fig(Figures f) => [CsvNumber(f.Count), CsvEuro(f.DiscountCents), CsvEuro(f.PurchaseCents)];
        (string Name, byte[] Bytes)? csv = tipo switch
        {
            "carte" => ("carte", Csv(["comune", .. Cards.Months.Select(MonthValue), "emesse_nel_periodo", "attive_oggi"],
                Cards.ByComune.Select(c => (IEnumerable<string>)[c.Comune, .. c.IssuedPerMonth.Select(CsvNumber), CsvNumber(c.Issued), CsvNumber(c.Active)]))),
            "mesi" => ("acquisti-per-mese", Csv(["mese", .. money], Redemptions.ByMonth.Select(l => (IEnumerable<string>)[MonthValue(int.Parse(l.Key)), .. Fig(l.Figures)]))),
            "esercenti" => ("acquisti-per-esercente", Csv(["esercente", .. money], Redemptions.ByPartner.Select(l => (IEnumerable<string>)[l.Name, .. Fig(l.Figures)]))),
            "categorie" => ("acquisti-per-categoria", Csv(["categoria", .. money], Redemptions.ByCategory.Select(l => (IEnumerable<string>)[l.Name, .. Fig(l.Figures)]))),
            "comuni" => ("acquisti-per-comune", Csv(["comune", .. money], Redemptions.ByComune.Select(l => (IEnumerable<string>)[l.Name, .. Fig(l.Figures)]))),
            "negozi" => ("acquisti-per-negozio", Csv(["negozio", "esercente", "categoria", "comune", .. money],
                Redemptions.ByShop.Select(l => (IEnumerable<string>)[l.Shop, l.Partner, CategoryName(l.Category), l.Comune, .. Fig(l.Figures)]))),
            _ => null,
        };
        if (csv is null) return NotFound();
        return File(csv.Value.Bytes, "text/csv; charset=utf-8", $"carta-famiglia-{csv.Value.Name}-{period}.csv");
    }

    /// <summary>The query string of the current filter, for the CSV links.</summary>
    public string CsvUrl(string kind) =>
        $"?handler=Csv&tipo={kind}&da={MonthValue(Period.FromMonth)}&a={MonthValue(Period.ToMonth)}{(ComuneId is Guid c ? "&comune=" + c : "")}";
}
