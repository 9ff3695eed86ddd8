using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using System.Threading.RateLimiting;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Alleanza.Web.Platform.Errors;
using Alleanza.Web.Platform.Security;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform;

/// <summary>Cross-cutting services and the middleware pipeline, shared by every module.</summary>
public static class PlatformSetup
{
    public const string SignInRateLimit = "signin";
    public const string AnonymousApiRateLimit = "anonymous-api";

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        if (!builder.Environment.IsDevelopment())
            builder.Logging.ClearProviders().AddJsonConsole(o => { o.UseUtcTimestamp = true; o.IncludeScopes = true; });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicSite>();
        AddProxySupport(builder);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddAlleanzaDatabase();

        // Data-protection keys in the database: several instances share sign-in cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("Alleanza");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = new DatabaseXmlRepository(sp));

        services.AddSingleton<NetworkDirectory>();
        services.AddScoped<CurrentNetwork>();
        services.AddScoped<CurrentAccess>();
        services.AddScoped<Home.PersonalHome>();
        services.AddScoped<AuditLog>();
        services.AddScoped<PersonalDataReads>();
        services.AddScoped<IAuthorizationHandler, NetworkRoleHandler>();
        services.AddAuthorization(Policies.Add);

        services.Configure<SmtpSettings>(config.GetSection("Smtp"));
        services.AddSingleton<Mailer>();
        services.Configure<Notifications.IoApp.IoAppOptions>(config.GetSection("Notifications:IoApp"));
        services.AddHttpClient<Notifications.IoApp.IoAppClient>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<Notifications.UnsubscribeTokens>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddHostedService<Notifications.NotificationJobs>();
        services.AddSingleton<Notifications.NotificationMailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationMailQueue>());

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, Localization.SharedTextLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(Localization.Languages.Configure);
        // Arabic, Cyrillic and Chinese written as they are, not as &#x…; entities (three to six times the bytes otherwise).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            // Folder conventions: a page's folder decides who may open it.
            o.Conventions.AuthorizeFolder("/Modules/Accounts/Pages/Manage", Policies.Member);
            o.Conventions.AddFolderApplicationModelConvention("/Modules/Accounts/Pages/Manage", m => m.Filters.Add(new Modules.Accounts.KeepSessionAfterSecurityChange()));
            o.Conventions.AuthorizeFolder("/Modules/Network/Pages/Admin", Policies.Administer);
            o.Conventions.AuthorizeFolder("/Modules/Network/Pages/Manage", Policies.ManageNetwork);
            o.Conventions.Add(new Layout.BoundPropertyPrefixConvention());
            o.Conventions.ConfigureFilter(new UnknownHandlerFilter());
        })
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)))
        .AddMvcOptions(o =>
        {
            ValidationMessages.Apply(o.ModelBindingMessageProvider);
            o.ModelBinderProviders.Insert(0, new Layout.DecimalBinderProvider());
        });
        services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(o => o.ClientModelValidatorProviders.Add(new ImplicitRequiredMessage()));
        services.Configure<RazorViewEngineOptions>(o =>
        {
            o.PageViewLocationFormats.Add("/Platform/Layout/{0}.cshtml");
            o.ViewLocationFormats.Add("/Platform/Layout/{0}.cshtml");
        });
        // Secure over HTTPS (also behind a TLS proxy, from X-Forwarded-Proto); the framework's default would send it over plain HTTP too.
        services.AddAntiforgery(o => { o.HeaderName = "X-CSRF-TOKEN"; o.Cookie.Name = "alleanza-af"; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; });

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<LostRaceHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true);

        // MapStaticAssets serves what the build produced, in every environment: its development mode (on for a build
        // manifest, i.e. dotnet run and the tests) re-reads wwwroot on each request, drops the cache headers and, when a
        // file's time has fractions of a second (all the files npm and the build write), answers the request for a
        // Brotli copy with an uncompressed gzip stream labelled "br", which browsers reject. Edit wwwroot, then rebuild.
        if (config["ReloadStaticAssetsAtRuntime"] is null) config["ReloadStaticAssetsAtRuntime"] = "false";

        // Pages and JSON compressed on the fly (static assets are precompressed by the build and served by MapStaticAssets).
        // Over HTTPS too: the antiforgery tokens in the pages are encrypted with a fresh IV on every response, so a
        // compression oracle (BREACH) cannot recover them.
        services.AddAnonymousPageCache();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes,
                "application/geo+json", "application/problem+json", "image/svg+xml", "text/calendar", "text/csv"];
        });

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in: only the attempts (POST) count, per client address. Anonymous API: per client address.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => PerMinute(http, "RateLimits:SignInPerMinute", 10)));
            o.AddPolicy(AnonymousApiRateLimit, http => http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("signed-in")
                : RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => PerMinute(http, "RateLimits:AnonymousApiPerMinute", 300)));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                if (http.Request.Path.StartsWithSegments("/api"))
                    await Results.Problem(title: "Troppe richieste", detail: "Hai superato il limite di richieste: riprova tra un minuto.", statusCode: 429).ExecuteAsync(http);
                else
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(ErrorPages.TooManyRequestsHtml, ct);
                }
            };
        });

        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
    }

    static FixedWindowRateLimiterOptions PerMinute(HttpContext http, string key, int fallback) => new()
    {
        PermitLimit = Math.Max(1, http.RequestServices.GetRequiredService<IConfiguration>().GetValue(key, fallback)),
        Window = TimeSpan.FromMinutes(1),
    };

    static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Behind a reverse proxy: the client's address and scheme come from X-Forwarded-For / X-Forwarded-Proto, trusted only
    /// from the proxies named in <c>Proxy:KnownProxies</c> (addresses) and <c>Proxy:KnownNetworks</c> (CIDR), besides
    /// loopback; so over TLS the cookies are Secure, HSTS is sent and rate limits count each visitor apart. The Host
    /// header is never trusted for links (see <see cref="PublicSite"/>); in Production only the public URL's host is allowed.
    /// </summary>
    static void AddProxySupport(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = config.GetValue("Proxy:ForwardLimit", 1);
            foreach (var proxy in ListOf(config["Proxy:KnownProxies"]))
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip) ? ip : throw new InvalidOperationException($"Proxy:KnownProxies: «{proxy}» non è un indirizzo IP."));
            foreach (var network in ListOf(config["Proxy:KnownNetworks"]))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var n) ? n : throw new InvalidOperationException($"Proxy:KnownNetworks: «{network}» non è una rete CIDR."));
        });
        if (builder.Environment.IsProduction() && config["AllowedHosts"] is null or "*" && Uri.TryCreate(config["App:PublicUrl"], UriKind.Absolute, out var site))
            builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = [site.Host]);
    }

    static IEnumerable<string> ListOf(string? value) => (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void UsePlatform(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PublicSite>(); // a missing or wrong App:PublicUrl stops the start, with its reason
        app.UseForwardedHeaders();
        app.UseErrorPages();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RejectNulCharactersMiddleware>();
        app.UseRequestLocalization();
        app.UseResponseCompression();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<Localization.RememberLanguageMiddleware>();
        app.UseMiddleware<TenantMiddleware>();
        app.UseOutputCache();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapPlatformEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        // wwwroot from the build's manifest: precompressed (Brotli, gzip), fingerprinted URLs cached for a year, ETags.
        // Short-circuited like UseStaticFiles was: no authentication, tenancy or rate limiting for a stylesheet.
        app.MapStaticAssets().ShortCircuit();
        app.MapRazorPages().WithStaticAssets();
    }

    /// <summary>Where a person goes after signing in: where they were, or «La mia area» when they came from the home page or nowhere.</summary>
    public static string AfterSignIn(string? returnUrl)
    {
        var safe = SafeLocal(returnUrl);
        return safe == "/" ? Home.PersonalHome.Path : safe;
    }

    /// <summary>
    /// A return URL we may redirect to: local paths only, as <c>IUrlHelper.IsLocalUrl</c> sees them (no control characters:
    /// LocalRedirect throws on a tab or a DEL), with anything outside ASCII percent-encoded so the Location header stays ASCII.
    /// </summary>
    public static string SafeLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.StartsWith('/') || url.StartsWith("//") || url.StartsWith("/\\") || url.Any(char.IsControl)) return "/";
        if (url.All(char.IsAscii)) return url;
        var encoded = new System.Text.StringBuilder(url.Length + 16);
        foreach (var rune in url.EnumerateRunes())
            if (rune.IsAscii) encoded.Append((char)rune.Value);
            else encoded.Append(Uri.EscapeDataString(rune.ToString()));
        return encoded.ToString();
    }
}

