using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Alleanza.Browser.Tests;

/// <summary>
/// The browser tests run in two collections at once, each with its own app, database and Chromium: a journey spends
/// most of its time in one single-threaded renderer (axe), so on two cores a second journey beside it nearly halves
/// the run. Within a collection they run one after the other. Lighthouse runs last and alone (<see cref="LighthouseCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Browser";
}

/// <inheritdoc cref="BrowserCollection"/>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Browser 2";
}

/// <summary>Lighthouse measures speed: it runs after the other collections, with the machine to itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LighthouseCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Lighthouse";
}

/// <summary>
/// The real app on Kestrel (WebApplicationFactory), SQLite in a temp file with the demo data, mail to maildev;
/// Debian's Chromium driven by Playwright. maildev is started by scripts/test, which exports its ports.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu",
         // This machine is offline: a request that leaves the app (the map tiles) fails at once, as it would without a
         // network, instead of waiting for the name server; the app must work without them. (Not a Playwright route:
         // routing turns the browser's cache off, and every page would fetch its styles, fonts and scripts again.)
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost"];

    readonly string databaseFile = Path.Combine(Path.GetTempPath(), $"alleanza-browser-{Guid.NewGuid():N}.db");
    AlleanzaFactory? factory;
    IPlaywright? playwright;

    /// <summary>http://localhost:PORT — localhost, not 127.0.0.1, so that the page is a secure context (passkeys).</summary>
    public string BaseUrl { get; private set; } = "";
    public Maildev Mail { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The running app's services (for tests that write a large case into its database first, as the delivery timing).</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The app is not started yet.");

    public async Task InitializeAsync()
    {
        var smtpPort = Environment.GetEnvironmentVariable("ALLEANZA_TEST_SMTP_PORT");
        var maildev = Environment.GetEnvironmentVariable("ALLEANZA_TEST_MAILDEV");
        if (string.IsNullOrWhiteSpace(smtpPort) || string.IsNullOrWhiteSpace(maildev))
            throw new InvalidOperationException(
                "ALLEANZA_TEST_SMTP_PORT and ALLEANZA_TEST_MAILDEV are not set: the browser tests need maildev. " +
                "Run them with scripts/test, which starts maildev and exports both variables.");
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (scripts/test does it).");

        Mail = new Maildev(maildev);
        File.Copy(await DemoDatabase.Value, databaseFile);
        // A free port chosen here, so that the public address (App:PublicUrl, the origin of the links in mails) is known before the start.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { probe.Start(); port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; }
        BaseUrl = $"http://localhost:{port}";
        factory = new AlleanzaFactory(new Dictionary<string, string?>
        {
            ["App:PublicUrl"] = BaseUrl,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Alleanza"] = $"Data Source={databaseFile}",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort,
            ["RateLimits:SignInPerMinute"] = "1000",
            // Static assets cached as in production (fingerprinted, immutable): Development would send them with no-cache,
            // and every page of a journey would fetch the styles, fonts and scripts again.
            ["EnableStaticAssetsDevelopmentCaching"] = "true",
            // SPID/CIE with the fake federation the app serves itself under /dev/federazione (Development only):
            // the sign-in page offers «SPID di prova» and «CIE di prova» (IdentityJourneys).
            ["Spid:Enabled"] = "true",
            ["Spid:DevelopmentProvider"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        factory.UseKestrel(port);
        factory.StartServer();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(databaseFile + suffix); } catch (IOException) { }
    }

    /// <summary>
    /// The demo database made once per run (the app migrates and loads the five demo networks on an empty file, then
    /// stops) and copied for each collection's app, which then finds its networks and loads nothing.
    /// </summary>
    static readonly Lazy<Task<string>> DemoDatabase = new(async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"alleanza-browser-demo-{Environment.ProcessId}.db");
        await using (var maker = new AlleanzaFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Alleanza"] = $"Data Source={file}",
            ["Demo:Load"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Environment.GetEnvironmentVariable("ALLEANZA_TEST_SMTP_PORT"),
            ["Logging:LogLevel:Default"] = "Warning",
        }))
        {
            _ = maker.Services; // starts the host: migrations, then the demo data
        }
        // Everything into the main file, so that a plain copy of it is the whole database.
        SqliteConnection.ClearAllPools();
        await using var db = new SqliteConnection($"Data Source={file};Pooling=false");
        await db.OpenAsync();
        await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", db);
        await checkpoint.ExecuteNonQueryAsync();
        return file;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    sealed class AlleanzaFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
