using System.Globalization;
using System.Text;

namespace Alleanza.Bench;

/// <summary>
/// Copies of the app's text helpers (the bench does not reference the app): <c>Text.SearchKey</c> for the
/// accent-free, lower-case text the SQLite FTS table holds, and <c>FullTextSearch.Terms</c> / <c>Stem</c> for the
/// query the raw baseline sends, so both sides search for the same thing. Keep them in step with
/// src/Alleanza.Web/Platform/Text.cs and src/Alleanza.Web/Modules/Catalog/FullTextSearch.cs.
/// </summary>
public static class SearchText
{
    /// <summary>Lower-case, accent-free, single-spaced (as <c>Text.SearchKey</c>).</summary>
    public static string Key(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            lastSpace = false;
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower-case, accent-free words of the query (letters and digits only; at most 8), as <c>FullTextSearch.Terms</c>.</summary>
    public static List<string> Terms(string? text)
    {
        var key = Key(text);
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in key + " ")
        {
            if (char.IsLetterOrDigit(ch)) { sb.Append(ch); continue; }
            if (sb.Length > 0) { words.Add(sb.ToString()); sb.Clear(); }
        }
        return words.Where(w => w.Length > 1 && !StopWords.Contains(w)).Distinct().Take(8).ToList();
    }

    static readonly HashSet<string> StopWords =
        ["di", "da", "il", "lo", "la", "le", "gli", "un", "una", "uno", "per", "con", "su", "in", "del", "della", "dei", "delle", "al", "alla", "ai", "alle", "e", "ed", "o", "che", "a"];

    static readonly string[] Endings = ["azioni", "azione", "amento", "amenti", "mente", "ita", "ici", "ico", "ica", "iche", "ere", "are", "ire", "i", "e", "a", "o"];

    /// <summary>The app's light Italian stemmer: "nuoto" → "nuot".</summary>
    public static string Stem(string word)
    {
        foreach (var ending in Endings)
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.Ordinal))
                return word[..^ending.Length];
        return word;
    }

    /// <summary>The FTS5 MATCH expression the app builds on SQLite: every term, stemmed, as a prefix ("nuot"* "estiv"*).</summary>
    public static string SqliteMatch(IEnumerable<string> terms) => string.Join(' ', terms.Select(t => $"\"{Stem(t)}\"*"));
}
