using Alleanza.Web.Platform.Data;

namespace Alleanza.Tests.Infrastructure;

/// <summary>What scripts/test provides: which database engine this run uses, the PostgreSQL server, the SMTP sink.</summary>
public static class TestEnvironment
{
    /// <summary>The configured public address of the site under test (App:PublicUrl): every absolute link starts with it.</summary>
    public const string PublicUrl = "https://alleanza.test.example";

    public static DatabaseProvider Provider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("ALLEANZA_TEST_PROVIDER"), true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>Admin connection string of the throwaway PostgreSQL cluster started by scripts/test.</summary>
    public static string PostgresAdmin => Environment.GetEnvironmentVariable("ALLEANZA_TEST_PG")
        ?? throw new InvalidOperationException("ALLEANZA_TEST_PG is not set: run the suite on PostgreSQL with scripts/test, which starts a throwaway server.");

    public static int? SmtpPort => int.TryParse(Environment.GetEnvironmentVariable("ALLEANZA_TEST_SMTP_PORT"), out var p) ? p : null;
    public static string? MaildevApi => Environment.GetEnvironmentVariable("ALLEANZA_TEST_MAILDEV");

    /// <summary>A new, empty database for one app instance: a temp SQLite file or a fresh PostgreSQL database.</summary>
    public static string NewDatabase(DatabaseProvider provider, string prefix = "t")
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "alleanza-tests");
            Directory.CreateDirectory(folder);
            return $"Data Source={Path.Combine(folder, $"{prefix}-{Guid.NewGuid():N}.db")}";
        }
        // Npgsql's EF provider creates the database on Migrate()/EnsureCreated() when it does not exist.
        return $"{PostgresAdmin};Database={prefix}_{Guid.NewGuid():N};Include Error Detail=true";
    }
}
