using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Dashboard;

/// <summary>
/// The coordinator's home: the network's figures for a period and, optionally, one Comune. Every figure is an
/// aggregate query (GROUP BY in the database, or the monthly rollups of the Family Card): no section reads its rows
/// one by one, so the page keeps its time at regional scale (bench scenario <c>dashboard</c>). Each section's time is
/// kept in <see cref="Figures.Timings"/> and sent as a Server-Timing header.
/// </summary>
public sealed class NetworkDashboard(AppDbContext db, CardStatistics cardStatistics, Pact.PactQueries pact, Plan.PlanProgress plans, Tables.WorkingTableFigures tables)
{
    public sealed record Filter(MonthPeriod Period, Guid? ComuneId);

    /// <summary>Plans shown on the dashboard (the Piano Family pages have them all).</summary>
    public const int MaxPlans = 4;

    public sealed record Count(string Name, long Value);

    /// <summary>Registrations made in each month of the period, by their status now.</summary>
    public sealed record RegistrationFigures(IReadOnlyList<long> Confirmed, IReadOnlyList<long> Waiting, IReadOnlyList<long> Cancelled)
    {
        public long TotalConfirmed => Confirmed.Sum();
        public long TotalWaiting => Waiting.Sum();
        public long TotalCancelled => Cancelled.Sum();
    }

    public sealed record CardFigures(IReadOnlyList<long> IssuedPerMonth, long Issued, long Active);

    public sealed record RedemptionFigures(IReadOnlyList<long> CountPerMonth, IReadOnlyList<long> DiscountCentsPerMonth)
    {
        public long Count => CountPerMonth.Sum();
        public long DiscountCents => DiscountCentsPerMonth.Sum();
    }

    /// <summary>What waits for the coordinator (the whole network, whatever the filter).</summary>
    public sealed record ToDo(long OpportunitiesToModerate, long OffersToApprove, long ApplicationsPending);

    public sealed record Figures(
        Filter Filter,
        long Partners, IReadOnlyList<Count> PartnersByKind,
        long Opportunities, long PublishedInPeriod, IReadOnlyList<Count> OpportunitiesByArea,
        RegistrationFigures Registrations, CardFigures Cards, RedemptionFigures Redemptions, ToDo ToDo,
        Pact.PactFigures Pact, IReadOnlyList<Plan.PlanProgress.PlanSummary> Plans, Tables.WorkingTableFigures.Figures Tables,
        IReadOnlyList<(string Section, double Milliseconds)> Timings);

    public async Task<Figures> LoadAsync(Guid networkId, Filter filter, CancellationToken cancel = default)
    {
        var timings = new SectionTimings();
        Task<T> Timed<T>(string section, Func<Task<T>> load) => timings.TimeAsync(section, load);

        var partners = await Timed("partners", () => PartnersAsync(networkId, filter.ComuneId, cancel));
        var (opportunities, publishedInPeriod, byArea) = await Timed("opportunities", () => OpportunitiesAsync(networkId, filter, cancel));
        var registrations = await Timed("registrations", () => RegistrationsAsync(networkId, filter, cancel));
        var cards = await Timed("cards", async () =>
        {
            var figures = await cardStatistics.CardsAsync(networkId, new CardStatistics.Filter(filter.Period, filter.ComuneId), cancel);
            return new CardFigures(figures.IssuedPerMonth, figures.Issued, figures.Active);
        });
        var redemptions = await Timed("redemptions", () => RedemptionsAsync(networkId, filter, cancel));
        var todo = await Timed("todo", () => ToDoAsync(networkId, cancel));
        var pactFigures = await Timed("pact", () => pact.FiguresAsync(networkId));
        // The plans that cover part of the period (two years from their start), network-wide and of the chosen Comune.
        var plansInPeriod = await Timed("plans", () => plans.ForNetworkAsync(networkId, filter.ComuneId, cancel, max: MaxPlans,
            fromYear: filter.Period.FromMonth / 100, toYear: filter.Period.ToMonth / 100));
        var tableFigures = await Timed("tables", () => tables.ForNetworkAsync(networkId, filter.Period.StartUtc, filter.Period.EndUtc, cancel));
        return new Figures(filter, partners.Sum(p => p.Value), partners, opportunities, publishedInPeriod, byArea, registrations, cards, redemptions, todo,
            pactFigures, plansInPeriod, tableFigures, timings.Parts);
    }

    /// <summary>Partners by kind; with a Comune, those that serve it or serve the whole network (no Comune given).</summary>
    async Task<IReadOnlyList<Count>> PartnersAsync(Guid networkId, Guid? comuneId, CancellationToken cancel)
    {
        var partners = db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
        if (comuneId is Guid comune)
            partners = partners.Where(p => !p.ComuniServed.Any() || p.ComuniServed.Any(c => c.ComuneId == comune));
        var rows = await partners.GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancel);
        return rows.OrderBy(r => r.Key).Select(r => new Count(PartnerKinds.Label(r.Key), r.Count)).ToList();
    }

    /// <summary>
    /// Published opportunities by area and those published in the period, reaching the Comune as the search means it:
    /// those that serve it plus those that name no Comune (they serve them all). The two sets are counted apart and
    /// added: one "serves none or serves this one" condition would probe the links of every opportunity of the network.
    /// </summary>
    async Task<(long Total, long InPeriod, IReadOnlyList<Count> ByArea)> OpportunitiesAsync(Guid networkId, Filter filter, CancellationToken cancel)
    {
        DateTime start = filter.Period.StartUtc, end = filter.Period.EndUtc;
        var published = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Published);
        var counts = new Dictionary<Guid, long>();
        long inPeriod = 0;
        if (filter.ComuneId is not Guid comune)
        {
            // Two index-only passes (NetworkId, Status, AreaId) and (NetworkId, Status, PublishedAt): no row is read.
            counts = await published.GroupBy(o => o.AreaId).Select(g => new { Area = g.Key, Count = g.LongCount() }).ToDictionaryAsync(r => r.Area, r => r.Count, cancel);
            inPeriod = await published.LongCountAsync(o => o.PublishedAt >= start && o.PublishedAt < end, cancel);
        }
        else
        {
            IQueryable<Opportunity>[] sets =
            [
                // Those serving the Comune, found from its links (a few hundred), not by probing every opportunity's links.
                db.OpportunityComuni.Where(c => c.ComuneId == comune).Join(published, c => c.OpportunityId, o => o.Id, (c, o) => o),
                // Those naming no Comune: every opportunity's links are probed, so once, with both counts in the same pass.
                published.Where(ComuneScope.NetworkWide),
            ];
            foreach (var set in sets)
                foreach (var row in await set.GroupBy(o => o.AreaId)
                    .Select(g => new { Area = g.Key, Count = g.LongCount(), InPeriod = g.LongCount(o => o.PublishedAt >= start && o.PublishedAt < end) }).ToListAsync(cancel))
                {
                    counts[row.Area] = counts.GetValueOrDefault(row.Area) + row.Count;
                    inPeriod += row.InPeriod;
                }
        }
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancel);
        // Every area is listed, an empty one too: an area with nothing is what the coordinator needs to see.
        var byArea = areas.Select(a => new Count(a.Name, counts.GetValueOrDefault(a.Id))).ToList();
        return (counts.Values.Sum(), inPeriod, byArea);
    }

    /// <summary>From the monthly counts (<see cref="RegistrationMonth"/>): the network's row, or the Comune's and the one of opportunities for every Comune.</summary>
    async Task<RegistrationFigures> RegistrationsAsync(Guid networkId, Filter filter, CancellationToken cancel)
    {
        var (first, second) = filter.ComuneId is Guid comune ? (comune, RegistrationMonth.EveryComune) : (RegistrationMonth.WholeNetwork, RegistrationMonth.WholeNetwork);
        int from = filter.Period.FromMonth, to = filter.Period.ToMonth;
        var rows = await db.RegistrationMonths.AsNoTracking()
            .Where(m => m.NetworkId == networkId && (m.ComuneId == first || m.ComuneId == second) && m.Month >= from && m.Month <= to)
            .Select(m => new { m.Month, m.Status, m.Count }).ToListAsync(cancel);
        var months = filter.Period.Months.Count;
        long[] confirmed = new long[months], waiting = new long[months], cancelled = new long[months];
        foreach (var r in rows)
            (r.Status switch { RegistrationStatus.Confirmed => confirmed, RegistrationStatus.Waiting => waiting, _ => cancelled })[filter.Period.IndexOf(r.Month)] += r.Count;
        return new RegistrationFigures(confirmed, waiting, cancelled);
    }

    async Task<RedemptionFigures> RedemptionsAsync(Guid networkId, Filter filter, CancellationToken cancel)
    {
        var figures = await cardStatistics.MonthlyTotalsAsync(networkId, new CardStatistics.Filter(filter.Period, filter.ComuneId), cancel: cancel);
        return new RedemptionFigures(figures.Select(f => f.Count).ToList(), figures.Select(f => f.DiscountCents).ToList());
    }

    public async Task<ToDo> ToDoAsync(Guid networkId, CancellationToken cancel) => new(
        await db.Opportunities.AsNoTracking().LongCountAsync(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Submitted, cancel),
        await db.Offers.AsNoTracking().LongCountAsync(o => o.NetworkId == networkId && o.Status == OfferStatus.Submitted, cancel),
        await db.CardApplications.AsNoTracking().LongCountAsync(a => a.NetworkId == networkId && a.Status == ApplicationStatus.Submitted, cancel));
}
