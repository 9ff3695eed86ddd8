using Alleanza.Web.Platform;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>
/// The words of a search and how SQLite matches them: light Italian stemming used as prefixes.
/// Depends on nothing but <see cref="Text"/>, so the benchmark's raw baseline compiles this same file.
/// </summary>
public static class SearchTerms
{
    /// <summary>Lower-case, accent-free words of the query (letters and digits only; at most 8).</summary>
    public static List<string> Of(string? text) =>
        Words(Text.SearchKey(text)).Where(w => w.Length > 1 && !StopWords.Contains(w)).Distinct().Take(8).ToList();

    /// <summary>The words of a text already made accent-free and lower-case (<see cref="Text.SearchKey"/>): runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string key)
    {
        var start = -1;
        for (var i = 0; i <= key.Length; i++)
        {
            var letter = i < key.Length && char.IsLetterOrDigit(key[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return key[start..i];
                start = -1;
            }
        }
    }

    static readonly HashSet<string> StopWords =
        ["di", "da", "il", "lo", "la", "le", "gli", "un", "una", "uno", "per", "con", "su", "in", "del", "della", "dei", "delle", "al", "alla", "ai", "alle", "e", "ed", "o", "che", "a",
         "dell", "nell", "all", "dall", "sull", "degli", "dello", "nel", "nella", "nei", "nelle"];

    /// <summary>
    /// What a synonym means, as the search uses it: the alternatives separated by commas, each as its query words
    /// ("scuola dell'infanzia, asilo nido" → [scuola, infanzia], [asilo, nido]); alternatives with no word are dropped.
    /// </summary>
    public static string[][] Alternatives(string? means) =>
        (means ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(alt => Of(alt).ToArray()).Where(alt => alt.Length > 0).ToArray();

    /// <summary>
    /// The edit distance of two words (insertions, deletions, substitutions and swaps of neighbours, one each), or
    /// <paramref name="limit"/> + 1 as soon as it must exceed it.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var width = b.Length + 1;
        Span<int> rows = width <= 64 ? stackalloc int[3 * width] : new int[3 * width];
        for (var j = 0; j <= b.Length; j++) rows[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            Span<int> current = rows.Slice(i % 3 * width, width), previous = rows.Slice((i - 1) % 3 * width, width), before = rows.Slice((i + 1) % 3 * width, width);
            current[0] = i;
            var best = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, before[j - 2] + 1);
                current[j] = d;
                best = Math.Min(best, d);
            }
            if (best > limit) return limit + 1;
        }
        return Math.Min(rows[a.Length % 3 * width + b.Length], limit + 1);
    }

    // Longest first: common Italian inflectional endings, removed only when a stem of 4+ letters remains.
    static readonly string[] Endings = ["azioni", "azione", "amento", "amenti", "mente", "ita", "ici", "ico", "ica", "iche", "ere", "are", "ire", "i", "e", "a", "o"];

    /// <summary>A light Italian stemmer for prefix matching: "nuoto" → "nuot", "attivita" → "attiv".</summary>
    public static string Stem(string word)
    {
        foreach (var ending in Endings)
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.Ordinal))
                return word[..^ending.Length];
        return word;
    }

    /// <summary>The FTS5 MATCH expression: every term (AND), stemmed, as a prefix ("nuot"* "estiv"*).</summary>
    public static string SqliteMatch(IEnumerable<string> terms) => string.Join(' ', terms.Select(t => $"\"{Stem(t)}\"*"));
}
