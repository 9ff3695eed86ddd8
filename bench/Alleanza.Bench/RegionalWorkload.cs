using System.Globalization;
using System.Text;

namespace Alleanza.Bench;

/// <summary>
/// The requests of the <c>regional</c> scenarios, built from the generator's ids (no database needed):
/// 240 searches (text + two filters: area and age, or Comune and free of charge) in the page's and the API's
/// URL forms, and 1,000 opportunity ids spread over the whole table.
/// </summary>
public static class RegionalWorkload
{
    const string Rete = RegionalData.Slug;

    /// <summary>What families type, with the area it belongs to (null: any area makes sense).</summary>
    static readonly (string Text, string? Area)[] Queries =
    [
        ("nuoto", "ambiente-sport"), ("piscina", "ambiente-sport"), ("lettura", "comunita-educante"), ("letture animate", "comunita-educante"),
        ("centro estivo", "comunita-educante"), ("attività", null), ("laboratorio", "comunita-educante"), ("laboratorio creativo", "comunita-educante"),
        ("musica", "comunita-educante"), ("teatro", "comunita-educante"), ("danza", "ambiente-sport"), ("calcio", "ambiente-sport"),
        ("minibasket", "ambiente-sport"), ("psicomotricità", "ambiente-sport"), ("yoga", "welfare-territoriale"), ("escursione natura", "ambiente-sport"),
        ("bicicletta", "ambiente-sport"), ("compiti", "comunita-educante"), ("doposcuola", "comunita-educante"), ("inglese", "comunicazione"),
        ("genitori", "welfare-territoriale"), ("allattamento", "welfare-territoriale"), ("massaggio infantile", "welfare-territoriale"),
        ("spazio gioco", "comunita-educante"), ("bonus", "misure-economiche"), ("contributo affitto", "misure-economiche"),
        ("carta famiglia", "misure-economiche"), ("festa", "comunita-educante"), ("cinema", "comunita-educante"), ("cucina", "comunita-educante"),
        ("scacchi", "comunita-educante"), ("giovani", "welfare-territoriale"), ("disabilità", "welfare-territoriale"), ("robotica", "comunita-educante"),
        ("coding", "comunita-educante"), ("ceramica", "comunita-educante"), ("biblioteca", null), ("sport", "ambiente-sport"), ("estate", null),
        ("acquaticità neonati", "ambiente-sport"),
    ];

    public sealed record Search(string Text, string? Area, int? Age, int? Comune, bool Free);

    /// <summary>240 combinations: each of the 40 queries six times, three with (area + age) and three with (Comune + free).</summary>
    public static readonly IReadOnlyList<Search> Searches = BuildSearches();

    static List<Search> BuildSearches()
    {
        var rng = new Random(RegionalData.Seed + 3);
        var list = new List<Search>();
        for (var round = 0; round < 6; round++)
            foreach (var (text, natural) in Queries)
            {
                if ((round + list.Count) % 2 == 0)
                {
                    var area = natural is not null && rng.NextDouble() < 0.75 ? natural : RegionalData.AreaDefaults[rng.Next(RegionalData.AreaDefaults.Length)].Code;
                    list.Add(new Search(text, area, rng.Next(0, 15), null, false));
                }
                else
                {
                    // Half of the offer is in the first quarter of the Comuni (RegionalData.Opportunity); ask there more often.
                    var comune = rng.NextDouble() < 0.6 ? rng.Next(RegionalData.ComuneCount / 4) : rng.Next(RegionalData.ComuneCount);
                    list.Add(new Search(text, null, null, comune, true));
                }
            }
        return list;
    }

    static string Q(string s) => Uri.EscapeDataString(s);
    static string Guid(int comune) => RegionalData.ComuneId(comune).ToString("D");

    public static string PagePath(Search s)
    {
        var sb = new StringBuilder($"/opportunita?rete={Rete}&q={Q(s.Text)}");
        if (s.Area is not null) sb.Append("&area=").Append(s.Area);
        if (s.Age is { } age) sb.Append(CultureInfo.InvariantCulture, $"&eta={age}");
        if (s.Comune is { } c) sb.Append("&comune=").Append(Guid(c));
        if (s.Free) sb.Append("&gratuito=true");
        return sb.ToString();
    }

    public static string ApiPath(Search s)
    {
        var sb = new StringBuilder($"/api/v1/opportunities?network={Rete}&q={Q(s.Text)}");
        if (s.Area is not null) sb.Append("&area=").Append(s.Area);
        if (s.Age is { } age) sb.Append(CultureInfo.InvariantCulture, $"&age={age}");
        if (s.Comune is { } c) sb.Append("&comune=").Append(Guid(c));
        if (s.Free) sb.Append("&free=true");
        sb.Append("&page=1&pageSize=20");
        return sb.ToString();
    }

    public static string[] SearchPagePaths { get; } = [.. Searches.Select(PagePath)];
    public static string[] SearchApiPaths { get; } = [.. Searches.Select(ApiPath)];

    /// <summary>1,000 published opportunities, one from each hundredth of the table.</summary>
    public static string[] DetailPaths { get; } = BuildDetailPaths();

    static string[] BuildDetailPaths()
    {
        var rng = new Random(RegionalData.Seed + 4);
        var count = Math.Min(1000, RegionalData.OpportunityCount);
        var step = RegionalData.OpportunityCount / count;
        return [.. Enumerable.Range(0, count).Select(k => $"/opportunita/{RegionalData.OpportunityId(k * step + rng.Next(step)):D}?rete={Rete}")];
    }

    /// <summary>
    /// wrk Lua that goes round <paramref name="paths"/>, each wrk thread starting at a different place
    /// (so the two threads do not ask the same thing at the same moment).
    /// </summary>
    public static string CycleLua(IReadOnlyList<string> paths)
    {
        var sb = new StringBuilder();
        sb.AppendLine("local paths = {");
        foreach (var p in paths) sb.Append("  \"").Append(p.Replace("\\", "\\\\").Replace("\"", "\\\"")).AppendLine("\",");
        sb.AppendLine("}");
        sb.AppendLine("""
            local threads = 0
            setup = function(thread)
              thread:set("first", (threads * 7919) % #paths)
              threads = threads + 1
            end
            local i = nil
            request = function()
              if i == nil then i = first or 0 end
              i = i % #paths + 1
              return wrk.format(nil, paths[i])
            end
            """);
        return sb.ToString();
    }
}
