using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>Accounts (Account): ASP.NET Core Identity with passwords, passkeys and TOTP, Italian pages.</summary>
public static class AccountsModule
{
    public const string SignInPath = "/account/accedi";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3; // passkeys table
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<ItalianIdentityErrors>();

        services.AddOptions<IdentityOptions>().Configure<IConfiguration>((o, c) =>
            o.Lockout.MaxFailedAccessAttempts = c.GetValue("Accounts:MaxFailedAccessAttempts", 5));
        // Passkeys are bound to the site's domain; null means the request's host (fine behind one name).
        services.AddOptions<IdentityPasskeyOptions>().Configure<IConfiguration>((o, c) => o.ServerDomain = c["Accounts:PasskeyDomain"]);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "alleanza-auth";
            o.LoginPath = SignInPath;
            o.LogoutPath = "/account/esci";
            o.AccessDeniedPath = "/account/accesso-negato";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Programs get status codes, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.HttpContext, 401, () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx.HttpContext, 403, () => ctx.Response.Redirect(ctx.RedirectUri));
        });
        // Sessions on the server (see DatabaseSessionStore): sign-out, a password change and a role removal end them at once.
        services.AddSingleton<DatabaseSessionStore>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseSessionStore>((o, store) => o.SessionStore = store);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AuthorizeFolder("/Modules/Accounts/Pages/Admin", Policies.Administer));
        services.AddScoped<AccountEmails>();
        services.AddScoped<ExportMyData>();
        services.AddScoped<DeleteMyAccount>();
        return services;
    }

    static IResult AntiforgeryFailed() =>
        Results.Problem(statusCode: 400, title: "Richiesta non valida", detail: "La pagina è scaduta: ricaricala e riprova.");

    static Task ApiOr(HttpContext http, int status, Action redirect)
    {
        if (http.Request.Path.StartsWithSegments("/api")) http.Response.StatusCode = status;
        else redirect();
        return Task.CompletedTask;
    }

    public static void MapAccounts(this WebApplication app)
    {
        // WebAuthn options for the browser script; the credential itself is posted back with the page's form.
        var passkeys = app.MapGroup("/account/passkey").ExcludeFromDescription();

        passkeys.MapPost("/opzioni-creazione", async (HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AntiforgeryFailed();
            var user = await users.GetUserAsync(http.User);
            if (user is null) return Results.Unauthorized();
            var userId = await users.GetUserIdAsync(user);
            var userName = await users.GetUserNameAsync(user) ?? "utente";
            var options = await signIn.MakePasskeyCreationOptionsAsync(new() { Id = userId, Name = userName, DisplayName = user.DisplayName is { Length: > 0 } d ? d : userName });
            return Results.Content(options, "application/json");
        }).RequireAuthorization(Policies.Member);

        passkeys.MapPost("/opzioni-accesso", async (HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return AntiforgeryFailed();
            // Discoverable credentials: no user name is needed, and none is revealed.
            var options = await signIn.MakePasskeyRequestOptionsAsync(null);
            return Results.Content(options, "application/json");
        }).RequireRateLimiting(PlatformSetup.SignInRateLimit);
    }
}
