using System.Globalization;
using System.Text;

namespace Alleanza.Web.Platform;

public static class Text
{
    /// <summary>Lower-case, accent-free, single-spaced: the key for case- and accent-insensitive search and ordering.</summary>
    public static string SearchKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        // Normalize throws on a lone surrogate (half an emoji, cut by a length limit or sent on purpose): replace it first.
        var decomposed = Normalized(WellFormed(value.Trim()), NormalizationForm.FormD);
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
        return Normalized(sb.ToString(), NormalizationForm.FormC);
    }

    /// <summary>Normalized, or as it is when the platform's normalizer refuses a code point the checks above let through.</summary>
    static string Normalized(string value, NormalizationForm form)
    {
        try { return value.Normalize(form); }
        catch (ArgumentException) { return value; }
    }

    /// <summary>
    /// The text with each lone surrogate and each noncharacter (U+FFFE, U+FDD0…) replaced by U+FFFD, so it can be
    /// normalized and encoded: normalization refuses both.
    /// </summary>
    public static string WellFormed(string value)
    {
        var ok = true;
        for (var i = 0; i < value.Length && ok; i++)
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                ok = !IsNoncharacter(char.ConvertToUtf32(value[i], value[++i]));
            else ok = !char.IsSurrogate(value[i]) && !IsNoncharacter(value[i]);
        if (ok) return value;
        var sb = new StringBuilder(value.Length);
        // invalid sequences come back as U+FFFD from the enumeration; noncharacters are replaced here
        foreach (var rune in value.EnumerateRunes()) sb.Append(IsNoncharacter(rune.Value) ? "\uFFFD" : rune.ToString());
        return sb.ToString();
    }

    static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>A URL name from free text: "Rete di Pavia" → "rete-di-pavia".</summary>
    public static string Slug(string? value)
    {
        var key = SearchKey(value);
        var sb = new StringBuilder();
        foreach (var ch in key)
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>Trims and turns blank into null.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
