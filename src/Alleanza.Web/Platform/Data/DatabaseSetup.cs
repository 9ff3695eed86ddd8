using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Alleanza.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/alleanza.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static IServiceCollection AddAlleanzaDatabase(this IServiceCollection services)
    {
        // Read when the first context is made, so hosts and tests can still change the configuration.
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            Configure(options, ProviderFrom(config), config.GetConnectionString("Alleanza"));
        });
        return services;
    }

    /// <summary>One place that turns (provider, connection string) into context options; tests and tools use it too.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connection)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Alleanza is empty.");
            options.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory")).AddInterceptors(RollupInterceptor.Instance);
        }
        else
        {
            connection = string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection;
            EnsureSqliteFolder(connection);
            options.UseSqlite(connection).AddInterceptors(SqlitePragmas.Instance, RollupInterceptor.Instance);
        }
        // Migrations are written by hand, so there is no model snapshot; the schema-drift test
        // compares the migrated schema with the model instead of this warning.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    static void EnsureSqliteFolder(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>Applies the migrations; on SQLite also switches the file to WAL (a persistent setting).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        await db.Database.MigrateAsync(ct);
        // The monthly counts start from the rows already there (the migration cannot compute Italian months on SQLite).
        if (pending.Contains(Migrations.CardMonths.Id))
            await Modules.FamilyCard.CardMonthRollup.RebuildAsync(db, ct);
        if (pending.Contains(Migrations.RegistrationMonths.Id))
            await Modules.Catalog.RegistrationMonthRollup.RebuildAsync(db, cancel: ct);
    }
}

/// <summary>
/// Per-connection SQLite settings: in WAL mode, synchronous=NORMAL syncs at checkpoints instead of at every commit.
/// The database cannot be corrupted by a crash; a power cut may lose the last commits. It multiplies the rate of small
/// writes (the counter records one redemption per sale) several times.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
