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
        ["di", "da", "il", "lo", "la", "le", "gli", "un", "una", "uno", "per", "con", "su", "in", "del", "della", "dei", "delle", "al", "alla", "ai", "alle", "e", "ed", "o", "che", "a"];

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
