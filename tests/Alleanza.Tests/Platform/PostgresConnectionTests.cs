using Alleanza.Web.Platform.Data;
using Npgsql;

namespace Alleanza.Tests.Platform;

/// <summary>The app's default for prepared statements on PostgreSQL, and the operator's own setting winning over it.</summary>
public class PostgresConnectionTests
{
    [Theory]
    [InlineData("Host=db;Database=alleanza", 100)]
    [InlineData("Host=db;Database=alleanza;Auto Prepare Min Usages=3", 100)]
    [InlineData("Host=db;Database=alleanza;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=alleanza;maxautoprepare=20", 20)]
    public void Statements_are_prepared_unless_the_connection_string_says_how_many(string connection, int expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnection.WithAutoPrepare(connection));
        Assert.Equal(expected, builder.MaxAutoPrepare);
        Assert.Equal("db", builder.Host);
        Assert.Equal("alleanza", builder.Database);
    }
}
