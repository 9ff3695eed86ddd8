using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>A full-text match: the opportunity and its relevance (higher is better).</summary>
public sealed class TextMatch
{
    public Guid Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>
/// Italian full-text search on both engines. SQLite: an FTS5 table (accent-free tokens) kept by this class,
/// queried with light Italian stemming as prefixes ("nuoto" → nuot*). PostgreSQL: a generated tsvector column
/// with the `italian` configuration over unaccented text, queried with websearch_to_tsquery.
/// Both are created by the migration <c>Catalog</c>; the model does not know them (see <see cref="DatabaseOnlyObjects"/>).
/// </summary>
public static class FullTextSearch
{
    /// <summary>Database objects that exist only through the migration; the schema-drift test leaves them out.</summary>
    public static readonly string[] DatabaseOnlyObjects = ["OpportunitySearch", "Opportunities.SearchVector", "IX_Opportunities_SearchVector"];

    /// <summary>Keeps the SQLite index in step with the opportunity (PostgreSQL computes its column itself).</summary>
    public static async Task IndexAsync(AppDbContext db, Opportunity o)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM OpportunitySearch WHERE OpportunityId = {o.Id}");
        if (o.Status == OpportunityStatus.Published)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO OpportunitySearch (OpportunityId, Title, Body) VALUES ({o.Id}, {Text.SearchKey(o.Title)}, {Text.SearchKey(o.Description + " " + o.Categories)})");
    }

    /// <summary>Published opportunities matching the text, with their relevance; composable with LINQ.</summary>
    public static IQueryable<TextMatch>? Matches(AppDbContext db, string? text)
    {
        var terms = SearchTerms.Of(text);
        if (terms.Count == 0) return null;
        if (db.Database.IsSqlite())
        {
            // Every term must match (AND); title hits weigh three times body hits. bm25 is lower-is-better.
            var match = SearchTerms.SqliteMatch(terms);
            return db.Database.SqlQuery<TextMatch>($"SELECT OpportunityId AS Id, -bm25(OpportunitySearch, 0.0, 3.0, 1.0) AS Rank FROM OpportunitySearch WHERE OpportunitySearch MATCH {match}");
        }
        var query = string.Join(' ', terms);
        return db.Database.SqlQuery<TextMatch>(
            $"SELECT \"Id\", ts_rank(\"SearchVector\", websearch_to_tsquery('italian', alleanza_unaccent({query})))::float8 AS \"Rank\" FROM \"Opportunities\" WHERE \"SearchVector\" @@ websearch_to_tsquery('italian', alleanza_unaccent({query}))");
    }
}
