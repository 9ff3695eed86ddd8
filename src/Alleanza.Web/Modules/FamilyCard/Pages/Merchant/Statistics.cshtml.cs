using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Alleanza.Web.Modules.FamilyCard.CardStatistics;
using static Alleanza.Web.Platform.Statistics.MonthPeriod;
using static Alleanza.Web.Platform.Statistics.StatisticsFormat;

namespace Alleanza.Web.Modules.FamilyCard.Pages.Merchant;

/// <summary>A merchant's own Family Card statistics: purchases and discounts per month and per shop, only the shops of the partners they work for.</summary>
public class StatisticsModel(CardStatistics statistics, CurrentNetwork network, CurrentAccess access) : PageModel
{

    public Filter Period { get; private set; } = default!;
    public string? FilterError { get; private set; }
    public RedemptionFigures Redemptions { get; private set; } = default!;
    public bool HasPartners { get; private set; }

    [BindProperty(SupportsGet = true, Name = "da")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? To { get; set; }

    async Task LoadAsync(CancellationToken cancel)
    {
        (Period, FilterError) = statistics.ParseFilter(From, To, null);
        var partners = await access.PartnersHereAsync(NetworkRole.Merchant);
        HasPartners = partners.Count > 0;
        Redemptions = await statistics.RedemptionsAsync(network.Id, Period, partners, cancel: cancel);
    }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    /// <summary><c>?handler=Csv&amp;tipo=mesi|negozi</c>, with the page's period.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? tipo, CancellationToken cancel)
    {
        await LoadAsync(cancel);
        string[] money = ["acquisti", "sconto_euro", "spesa_euro"];
        IEnumerable<string> Fig(Figures f) => [CsvNumber(f.Count), CsvEuro(f.DiscountCents), CsvEuro(f.PurchaseCents)];
        (string Name, byte[] Bytes)? csv = tipo switch
        {
            "mesi" => ("acquisti-per-mese", Csv(["mese", .. money], Redemptions.ByMonth.Select(l => (IEnumerable<string>)[MonthValue(int.Parse(l.Key)), .. Fig(l.Figures)]))),
            "negozi" => ("acquisti-per-negozio", Csv(["negozio", "comune", .. money],
                Redemptions.ByShop.Select(l => (IEnumerable<string>)[l.Shop, l.Comune, .. Fig(l.Figures)]))),
            _ => null,
        };
        if (csv is null) return NotFound();
        return File(csv.Value.Bytes, "text/csv; charset=utf-8", $"carta-famiglia-{csv.Value.Name}-{MonthValue(Period.FromMonth)}_{MonthValue(Period.ToMonth)}.csv");
    }

    public string CsvUrl(string kind) => $"?handler=Csv&tipo={kind}&da={MonthValue(Period.FromMonth)}&a={MonthValue(Period.ToMonth)}";
}
