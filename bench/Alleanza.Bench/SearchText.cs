namespace Alleanza.Bench;

/// <summary>
/// The app's own text helpers, compiled into the bench (see the csproj): the raw baseline and the dataset loader
/// write and search exactly what the app does.
/// </summary>
public static class SearchText
{
    /// <summary>Lower-case, accent-free, single-spaced: the app's <c>Text.SearchKey</c>.</summary>
    public static string Key(string? value) => Alleanza.Web.Platform.Text.SearchKey(value);

    /// <summary>The words of a search, as the app takes them.</summary>
    public static List<string> Terms(string? text) => Alleanza.Web.Modules.Catalog.SearchTerms.Of(text);

    /// <summary>The FTS5 MATCH expression the app builds on SQLite.</summary>
    public static string SqliteMatch(IEnumerable<string> terms) => Alleanza.Web.Modules.Catalog.SearchTerms.SqliteMatch(terms);
}
