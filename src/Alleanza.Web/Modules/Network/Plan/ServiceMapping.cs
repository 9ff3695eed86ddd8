using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>An age band of the mapping, in months (both ends included).</summary>
public sealed record AgeBand(string Code, string Label, int FromMonths, int ToMonths);

/// <summary>
/// The mapping (mappatura) of the services for children, young people and families, computed from the catalogue:
/// published opportunities per area × age band × Comune. An opportunity with no Comune is offered in every Comune of
/// the network (<see cref="ComuneScope"/>: the search's Comune filter and "Per la mia famiglia" read it the same way); one with no age limits covers every band.
/// A gap (lacuna) is an area and age band with no opportunity in a Comune.
/// Two grouped queries, whatever the size of the catalogue: no opportunity is loaded.
/// </summary>
public sealed class ServiceMapping(AppDbContext db)
{
    public static readonly AgeBand[] Bands =
    [
        new("0-2", "0–2 anni", 0, 35),
        new("3-5", "3–5 anni", 36, 71),
        new("6-10", "6–10 anni", 72, 131),
        new("11-13", "11–13 anni", 132, 167),
        new("14-17", "14–17 anni", 168, 215),
    ];

    public sealed record Area(Guid Id, string Name);

    /// <summary>One Comune's matrix: <c>Counts[area][band]</c>, areas in <see cref="Result.Areas"/> order.</summary>
    public sealed record ComuneMatrix(Guid ComuneId, string Comune, int[][] Counts)
    {
        public int Gaps => Counts.Sum(row => row.Count(c => c == 0));
        public int GapsInArea(int area) => Counts[area].Count(c => c == 0);
        public bool IsGap(int area, int band) => Counts[area][band] == 0;
    }

    public sealed record Result(IReadOnlyList<Area> Areas, IReadOnlyList<ComuneMatrix> Comuni)
    {
        public int Cells => Areas.Count * Bands.Length;
        public int TotalGaps => Comuni.Sum(c => c.Gaps);
        /// <summary>Gaps per area, summed over the Comuni shown.</summary>
        public int[] GapsPerArea => Areas.Select((_, a) => Comuni.Sum(c => c.GapsInArea(a))).ToArray();
    }

    sealed class Ages
    {
        public Guid AreaId { get; set; }
        public Guid ComuneId { get; set; }
        public int? From { get; set; }
        public int? To { get; set; }
    }

    sealed class Row
    {
        public Guid AreaId { get; set; }
        public Guid ComuneId { get; set; }
        public int B0 { get; set; }
        public int B1 { get; set; }
        public int B2 { get; set; }
        public int B3 { get; set; }
        public int B4 { get; set; }
        public int[] Bands => [B0, B1, B2, B3, B4];
    }

    /// <summary>The mapping of a network, for every Comune or for one (<paramref name="comuneId"/> of this network, else empty).</summary>
    public async Task<Result> ComputeAsync(Guid networkId, Guid? comuneId = null, CancellationToken cancel = default)
    {
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ThenBy(a => a.Name)
            .Select(a => new Area(a.Id, a.Name)).ToListAsync(cancel);
        var comuniQuery = db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId);
        if (comuneId is Guid only) comuniQuery = comuniQuery.Where(c => c.Id == only);
        var comuni = await comuniQuery.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancel);
        if (comuni.Count == 0) return new Result(areas, []);

        var published = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Published);
        var links = db.OpportunityComuni.AsNoTracking();
        if (comuneId is Guid c1) links = links.Where(l => l.ComuneId == c1);

        // Opportunities offered in named Comuni, per area and Comune.
        var linked = await Count(published.Join(links, o => o.Id, l => l.OpportunityId,
            (o, l) => new Ages { AreaId = o.AreaId, ComuneId = l.ComuneId, From = o.AgeFromMonths, To = o.AgeToMonths }))
            .ToListAsync(cancel);
        // Opportunities with no Comune: offered everywhere, per area. (The network's id fills the Comune's place: a
        // Guid constant there would reach PostgreSQL as text.)
        var everywhere = await Count(published.Where(ComuneScope.NetworkWide)
            .Select(o => new Ages { AreaId = o.AreaId, ComuneId = o.NetworkId, From = o.AgeFromMonths, To = o.AgeToMonths }))
            .ToListAsync(cancel);

        var areaIndex = areas.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var shared = areas.Select(_ => new int[Bands.Length]).ToArray();
        foreach (var r in everywhere)
            if (areaIndex.TryGetValue(r.AreaId, out var a))
                for (var b = 0; b < Bands.Length; b++) shared[a][b] += r.Bands[b];
        var matrices = comuni.ToDictionary(c => c.Id, c => shared.Select(row => (int[])row.Clone()).ToArray());
        foreach (var r in linked)
            if (matrices.TryGetValue(r.ComuneId, out var m) && areaIndex.TryGetValue(r.AreaId, out var a))
                for (var b = 0; b < Bands.Length; b++) m[a][b] += r.Bands[b];
        return new Result(areas, comuni.Select(c => new ComuneMatrix(c.Id, c.Name, matrices[c.Id])).ToList());
    }

    /// <summary>Per area and Comune, how many of the opportunities cover each band (an opportunity counts in every band its ages overlap).</summary>
    static IQueryable<Row> Count(IQueryable<Ages> rows) =>
        rows.GroupBy(x => new { x.AreaId, x.ComuneId }).Select(g => new Row
        {
            AreaId = g.Key.AreaId,
            ComuneId = g.Key.ComuneId,
            B0 = g.Sum(x => (x.From == null || x.From <= 35) && (x.To == null || x.To >= 0) ? 1 : 0),
            B1 = g.Sum(x => (x.From == null || x.From <= 71) && (x.To == null || x.To >= 36) ? 1 : 0),
            B2 = g.Sum(x => (x.From == null || x.From <= 131) && (x.To == null || x.To >= 72) ? 1 : 0),
            B3 = g.Sum(x => (x.From == null || x.From <= 167) && (x.To == null || x.To >= 132) ? 1 : 0),
            B4 = g.Sum(x => (x.From == null || x.From <= 215) && (x.To == null || x.To >= 168) ? 1 : 0),
        });

    // ---------- Exports ----------

    static readonly string[] Header = ["comune", "area", "fascia_eta", "opportunita", "lacuna"];

    static IEnumerable<string[]> LongRows(Result r) =>
        r.Comuni.SelectMany(c => r.Areas.SelectMany((a, ai) => Bands.Select((b, bi) =>
            new[] { c.Comune, a.Name, b.Label, c.Counts[ai][bi].ToString(System.Globalization.CultureInfo.InvariantCulture), c.IsGap(ai, bi) ? "sì" : "no" })));

    /// <summary>One line per Comune × area × age band (semicolons, UTF-8 with BOM, formulas defused).</summary>
    public static byte[] Csv(Result r) =>
        Platform.Statistics.StatisticsFormat.Csv(Header, LongRows(r).Select(row => (IEnumerable<string>)row));

    /// <summary>Sheets "Mappatura" (one line per Comune × area × age band) and "Lacune per Comune".</summary>
    public static byte[] Xlsx(Result r)
    {
        var book = new XlsxBook();
        AddSheets(book, r);
        return book.ToBytes();
    }

    /// <summary>Adds the mapping's sheets to a workbook (the dossier has them too).</summary>
    public static void AddSheets(XlsxBook book, Result r)
    {
        book.AddSheet("Mappatura", Header, LongRows(r).Select(row => new object?[] { row[0], row[1], row[2], int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), row[4] }));
        book.AddSheet("Lacune per Comune", ["comune", .. r.Areas.Select(a => a.Name), "lacune_totali"],
            r.Comuni.Select(c => (object?[])[c.Comune, .. r.Areas.Select((_, ai) => (object?)c.GapsInArea(ai)), c.Gaps]));
    }
}
