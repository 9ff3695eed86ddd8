using Alleanza.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Alleanza.Tests.Infrastructure;

/// <summary>
/// The demo data loaded once per test run and copied for every app instance that wants it: a file copy on SQLite,
/// <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. Migrating and loading the five demo networks took seconds of CPU
/// for each of the ~70 test classes on each engine; a copy takes milliseconds. The app sees a database that already
/// has its networks, so it migrates nothing and loads nothing (DemoData.LoadAsync).
/// </summary>
public static class DemoTemplate
{
    static readonly Lazy<string> Sqlite = new(() => Build(DatabaseProvider.Sqlite), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lazy<string> Postgres = new(() => Build(DatabaseProvider.Postgres), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lock Creating = new();

    /// <summary>A new database holding the demo data, for one app instance.</summary>
    public static string NewCopy(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = new SqliteConnectionStringBuilder(Sqlite.Value).DataSource;
            var copy = TestEnvironment.NewDatabase(provider);
            File.Copy(template, new SqliteConnectionStringBuilder(copy).DataSource);
            return copy;
        }
        var source = new NpgsqlConnectionStringBuilder(Postgres.Value).Database;
        var name = "t_" + Guid.NewGuid().ToString("N");
        // One at a time: PostgreSQL refuses to copy a database while another session is connected to it.
        lock (Creating)
        {
            using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin + ";Database=postgres;Pooling=false");
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", admin);
            create.ExecuteNonQuery();
        }
        return $"{TestEnvironment.PostgresAdmin};Database={name};Include Error Detail=true";
    }

    /// <summary>Starts the app once on an empty database (it migrates and loads the demo), stops it, and keeps the database.</summary>
    static string Build(DatabaseProvider provider)
    {
        var connectionString = TestEnvironment.NewDatabase(provider, "demo");
        using (var app = AlleanzaFactory.With(new(), connectionString, provider))
        {
            app.KeepDatabase = true;
            _ = app.Services; // starts the host: migrations, then the demo data
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            // Everything into the main file, so that a plain copy of it is the whole database.
            SqliteConnection.ClearAllPools();
            using var db = new SqliteConnection(connectionString + ";Pooling=false");
            db.Open();
            using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", db);
            checkpoint.ExecuteNonQuery();
        }
        else NpgsqlConnection.ClearAllPools();
        return connectionString;
    }
}
