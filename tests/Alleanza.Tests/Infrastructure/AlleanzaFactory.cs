using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Infrastructure;

/// <summary>
/// The real app on a real database of this run's engine (SQLite file or PostgreSQL), with the demo data
/// and mail sent to maildev when scripts/test started it (otherwise to .eml files in a temp folder).
/// </summary>
public class AlleanzaFactory : WebApplicationFactory<Program>
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "alleanza-tests", "mail-" + Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string?> settings;

    public AlleanzaFactory() : this(new Dictionary<string, string?>()) { }

    /// <param name="settings">Extra configuration for this instance (overrides the defaults below).</param>
    /// <param name="connectionString">An existing database, to run a second instance on the same data.</param>
    public static AlleanzaFactory With(Dictionary<string, string?> settings, string? connectionString = null, DatabaseProvider? provider = null) =>
        new(settings, connectionString, provider);

    AlleanzaFactory(Dictionary<string, string?> settings, string? connectionString = null, DatabaseProvider? provider = null)
    {
        Provider = provider ?? TestEnvironment.Provider;
        // A copy of the demo database made once per run, unless this instance configures the database or the demo itself
        // (or ALLEANZA_TEST_FRESH_DATABASES=1: each instance migrates and loads its own, to measure what the copy saves).
        ConnectionString = connectionString ?? (Environment.GetEnvironmentVariable("ALLEANZA_TEST_FRESH_DATABASES") == "1" || settings.Keys.Any(k => k.StartsWith("Database:", StringComparison.Ordinal) || k.StartsWith("Demo:", StringComparison.Ordinal))
            ? TestEnvironment.NewDatabase(Provider)
            : DemoTemplate.NewCopy(Provider));
        this.settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Alleanza"] = ConnectionString,
            ["Demo:Load"] = "true",
            ["App:PublicUrl"] = TestEnvironment.PublicUrl,
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:AnonymousApiPerMinute"] = "100000",
            // Unhandled exceptions still reach the log; the expected noise of tests that break things on purpose does not.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Antiforgery"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "None",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            ["Smtp:Host"] = TestEnvironment.SmtpPort is null ? "" : "127.0.0.1",
            ["Smtp:Port"] = TestEnvironment.SmtpPort?.ToString() ?? "25",
            ["Smtp:PickupDirectory"] = MailFolder,
            // Tests run the indicator refresher themselves (PlanIndicatorRefresher.RefreshDueAsync), when they choose.
            ["Plans:IndicatorRefreshInterval"] = "00:00:00",
            // Tests run the notification jobs themselves (NotificationJobs.RunDueAsync), with a clock they move.
            ["Notifications:JobInterval"] = "00:00:00",
            ["Support:RetentionInterval"] = "00:00:00",
            ["Spid:LogPruneInterval"] = "00:00:00",
        };
        foreach (var (k, v) in settings) this.settings[k] = v;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The build's static web assets (wwwroot plus the precompressed copies in obj/), as in Development and in a publish;
        // outside Development the host would otherwise see only the project's wwwroot folder.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public TestClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), this);

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Leaves the PostgreSQL database in place when the instance stops (the demo template).</summary>
    internal bool KeepDatabase { get; set; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres && !KeepDatabase)
        {
            // Drop the throwaway database so the cluster does not fill up during the run.
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, Provider, ConnectionString);
            await using var db = new AppDbContext(options.Options);
            Npgsql.NpgsqlConnection.ClearAllPools();
            try { await db.Database.EnsureDeletedAsync(); }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException) { } // a database that never existed
        }
        GC.SuppressFinalize(this);
    }
}
