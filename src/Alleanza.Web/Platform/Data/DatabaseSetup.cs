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
        // Read when the first context is made, so hosts and tests can still change the configuration. Contexts come from
        // EF Core's pool and their options are built once: setting up a new context's internal services cost the
        // counter's verification about a tenth of its time. Pooling needs contexts that keep no state of their own
        // between requests: AppDbContext has none, and the interceptors are singletons.
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            Configure(options, ProviderFrom(config), config.GetConnectionString("Alleanza"));
        });
        services.AddHostedService<SqliteStatisticsRefresher>();
        return services;
    }

    /// <summary>One place that turns (provider, connection string) into context options; tests and tools use it too.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connection)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Alleanza is empty.");
            options.UseNpgsql(PostgresConnection.WithAutoPrepare(connection), npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory")).AddInterceptors(RollupInterceptor.Instance);
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
        if (db.Database.IsSqlite()) await SqliteStatistics.RefreshAsync(db, ct);
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
    // synchronous=NORMAL: the usual setting with WAL (a commit waits for no fsync; a power cut may lose the last commits,
    // never the file). cache_size: 16 MiB of pages per connection instead of 2, so the inner pages of the big tables'
    // indexes stay in memory instead of being read again from the file on every look-up. busy_timeout: a writer that
    // finds the database locked waits in SQLite itself, retrying after 1, 2, 5, 10… ms; without it the lock is reported to
    // Microsoft.Data.Sqlite, which retries only after sleeping 150 ms — a busy evening's writes (hours recorded,
    // questionnaire pages) then waited 150 ms at each meeting.
    const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384; PRAGMA busy_timeout=10000;";

    // The pool hands the same SQLite handle to many opens; the pragmas stay set on it, so each handle gets them once.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when this connection's handle was configured before; marks it as configured otherwise.</summary>
    static bool IsConfigured(System.Data.Common.DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && !Configured.TryAdd(handle, handle);
}

/// <summary>
/// The SQLite query planner's statistics (sqlite_stat1). Without them it guesses, and at regional scale it guesses
/// wrong: for one Comune's figures it walks a network's 240,000 monthly rows instead of the Comune's 20 shops. PostgreSQL
/// keeps its statistics by itself (autovacuum); SQLite needs the application to ask, as its documentation advises.
/// <c>analysis_limit</c> bounds the work to a sample of each index, so it takes seconds even on a file of several GB.
/// </summary>
public static class SqliteStatistics
{
    public static async Task RefreshAsync(AppDbContext db, CancellationToken ct = default)
    {
        var analysed = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync(ct) > 0;
        // The first time every table; then only those that changed enough for the planner's choices to change.
        await db.Database.ExecuteSqlRawAsync(analysed ? "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;" : "PRAGMA analysis_limit=1000; ANALYZE;", ct);
    }
}

/// <summary>Refreshes the SQLite statistics every six hours while the app runs (a no-op on PostgreSQL).</summary>
public sealed class SqliteStatisticsRefresher(IServiceScopeFactory scopes, ILogger<SqliteStatisticsRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (db.Database.IsSqlite()) await SqliteStatistics.RefreshAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Refreshing the SQLite statistics failed; the next try is in six hours");
            }
        }
    }
}
