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

    /// <summary>
    /// Whether an area's offers are meant for children of an age band. Governance (the network's own tables, plans and
    /// certification) is for no child's age: its offers are counted and shown apart, never as gaps. Every other area,
    /// the default ones and those a coordinator adds, applies to every band.
    /// </summary>
    public static bool AppliesTo(string areaCode, int band) => areaCode != "governance";

    public sealed record Area(Guid Id, string Name, string Code = "")
    {
        /// <summary>True when the area applies to at least one age band (else it is shown apart, with no gaps).</summary>
        public bool ByAge => Enumerable.Range(0, Bands.Length).Any(b => AppliesTo(Code, b));
        public bool Applies(int band) => AppliesTo(Code, band);
    }

    /// <summary>One Comune's matrix: <c>Counts[area][band]</c>, areas in <see cref="Result.Areas"/> order.</summary>
    public sealed record ComuneMatrix(Guid ComuneId, string Comune, int[][] Counts, IReadOnlyList<Area> Areas)
    {
        public int Gaps => Enumerable.Range(0, Counts.Length).Sum(GapsInArea);
        public int GapsInArea(int area) => Enumerable.Range(0, Bands.Length).Count(b => IsGap(area, b));
        /// <summary>No offer for an area and band the area applies to.</summary>
        public bool IsGap(int area, int band) => Areas[area].Applies(band) && Counts[area][band] == 0;
        /// <summary>The offers of an area that applies to no band (Governance): the most any band counts (those with no age limits count in all).</summary>
        public int Offers(int area) => Counts[area].DefaultIfEmpty(0).Max();
    }

    public sealed record Result(IReadOnlyList<Area> Areas, IReadOnlyList<ComuneMatrix> Comuni)
    {
        /// <summary>The area × age band combinations that can be gaps, per Comune.</summary>
        public int Cells => Areas.Sum(a => Enumerable.Range(0, Bands.Length).Count(a.Applies));
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
            .Select(a => new Area(a.Id, a.Name, a.Code)).ToListAsync(cancel);
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
        return new Result(areas, comuni.Select(c => new ComuneMatrix(c.Id, c.Name, matrices[c.Id], areas)).ToList());
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
            new[] { c.Comune, a.Name, b.Label, c.Counts[ai][bi].ToString(System.Globalization.CultureInfo.InvariantCulture), !a.Applies(bi) ? "non si applica" : c.IsGap(ai, bi) ? "sì" : "no" })));

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

    /// <summary>Adds the mapping's sheets to a workbook (the dossier has them too): Italian headers, counts as numbers.</summary>
    public static void AddSheets(XlsxBook book, Result r)
    {
        book.AddSheet("Mappatura", [new("Comune"), new("Area"), new("Fascia d'età"), new("Opportunità", XlsxBook.Integer), new("Lacuna")],
            LongRows(r).Select(row => new object?[] { row[0], row[1], row[2], int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), row[4] }));
        var byAge = r.Areas.Select((a, i) => (a, i)).Where(x => x.a.ByAge).ToList();
        book.AddSheet("Lacune per Comune", [new("Comune"), .. byAge.Select(x => new XlsxBook.Column(x.a.Name, XlsxBook.Integer)), new("Lacune totali", XlsxBook.Integer), new("Combinazioni", XlsxBook.Integer)],
            r.Comuni.Select(c => (object?[])[c.Comune, .. byAge.Select(x => (object?)c.GapsInArea(x.i)), c.Gaps, r.Cells]));
    }
}
