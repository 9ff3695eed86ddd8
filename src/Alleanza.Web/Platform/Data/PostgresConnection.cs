using Npgsql;

namespace Alleanza.Web.Platform.Data;

/// <summary>The app's settings for PostgreSQL connections (also used by the bench's raw baseline, so both run alike).</summary>
public static class PostgresConnection
{
    /// <summary>
    /// Npgsql prepares a statement on the server once it has run a few times, so PostgreSQL stops parsing and planning
    /// the queries every request runs (at the counter: till key, shop, card, offers). Unless the connection string says
    /// otherwise: "Max Auto Prepare=0" turns it off (needed behind a PgBouncer in transaction mode older than 1.21).
    /// </summary>
    public static string WithAutoPrepare(string connection)
    {
        // The keys as written (Npgsql's own builder lists every keyword, set or not); "Auto Prepare Min Usages" alone
        // leaves the maximum to this default.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }.Keys.Cast<string>();
        if (written.Any(k => k.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))) return connection;
        return new NpgsqlConnectionStringBuilder(connection) { MaxAutoPrepare = 100 }.ConnectionString;
    }
}
