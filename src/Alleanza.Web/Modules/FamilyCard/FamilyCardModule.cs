using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Family Card (Carta Famiglia): households apply, the Comune's officer approves, each adult gets a card whose QR
/// changes every 30 seconds; merchants publish offers and verify cards at the counter.
/// </summary>
public static class FamilyCardModule
{
    /// <summary>Merchant staff: their shops, offers, counter verification, till keys, own statistics.</summary>
    public const string MerchantPolicy = "Merchant";
    /// <summary>Municipal officers (their Comune) and coordinators: decide applications, manage cards.</summary>
    public const string CardOfficePolicy = "CardOffice";

    public static IServiceCollection AddFamilyCard(this IServiceCollection services)
    {
        services.AddScoped<CardKeys>();
        services.AddScoped<VerifyCard>();
        services.AddScoped<CardDiscounts>();
        services.AddSingleton<RedemptionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RedemptionWriter>());
        services.AddScoped<HouseholdEligibility>();
        services.AddScoped<Families.IHouseholdMemberGuard, CardHolderGuard>();
        services.AddScoped<Platform.Home.IHomeSectionSource, MyCardHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, MerchantHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, CardOfficeHome>();
        services.AddScoped<CardApplications>();
        // The residence check: "declared, checked by the officer" unless the installation turns on ANPR through PDND.
        services.AddOptions<Residence.ResidenceCheckOptions>().BindConfiguration("ResidenceCheck");
        services.AddHttpClient<Residence.AnprResidenceCheck>();
        services.AddScoped<Residence.IResidenceCheck>(sp =>
            string.Equals(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Residence.ResidenceCheckOptions>>().Value.Mode, "Anpr", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<Residence.AnprResidenceCheck>() : new Residence.DeclaredResidence());
        services.AddScoped<CardDevices>();
        services.AddScoped<CardStatistics>();
        services.AddHostedService<CardReminders>();
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(CardApi.AddRateLimit);
        services.Configure<Navigation>(n => n.Add("Carta Famiglia", "/carta-famiglia", 20));
        services.AddScoped<Shops>();
        services.AddScoped<Offers>();
        services.AddScoped<Reciprocity>();
        services.AddScoped<CardShops>();
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(MerchantPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.Merchant)));
            o.AddPolicy(CardOfficePolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.MunicipalOfficer, NetworkRole.Coordinator)));
        });
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Family", Policies.Member);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Merchant", MerchantPolicy);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Office", CardOfficePolicy);
            o.Conventions.AuthorizeFolder("/Modules/FamilyCard/Pages/Manage", Policies.ManageNetwork);
        });
        return services;
    }

    public sealed record ActivationBody(string? PublicKey, string? Label);

    static IResult PageExpired() => Results.Problem(statusCode: 400, title: "Richiesta non valida", detail: "La pagina è scaduta: ricaricatela e riprovate.");

    public static void MapFamilyCard(this WebApplication app)
    {
        CardApi.Map(app);

        // The family's card on a phone: activation (the browser's public key), credential refresh, the printable PDF.
        var card = app.MapGroup("/carta-famiglia/carte/{id:guid}").RequireAuthorization(Policies.Member).ExcludeFromDescription();
        card.MapPost("/dispositivi", async (Guid id, HttpContext http, IAntiforgery antiforgery, CardDevices devices,
            Platform.Tenancy.CurrentNetwork network, Platform.Tenancy.CurrentAccess access) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return PageExpired();
            // Read here rather than bound: the sign-in and antiforgery answers come before any complaint about the body.
            ActivationBody? body = null;
            try { if (http.Request.HasJsonContentType()) body = await http.Request.ReadFromJsonAsync<ActivationBody>(http.RequestAborted); }
            catch (System.Text.Json.JsonException) { }
            var own = await devices.FindOwnAsync(network.Id, access.UserId!.Value, id);
            if (own is null) return Results.NotFound();
            var (error, activation) = await devices.ActivateAsync(own, body?.PublicKey, body?.Label);
            return error is null ? Results.Ok(activation) : Results.Problem(statusCode: 400, title: "Attivazione non riuscita", detail: error);
        });
        card.MapPost("/dispositivi/{device:guid}/credenziale", async (Guid id, Guid device, HttpContext http, IAntiforgery antiforgery, CardDevices devices,
            Platform.Tenancy.CurrentNetwork network, Platform.Tenancy.CurrentAccess access) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return PageExpired();
            var own = await devices.FindOwnAsync(network.Id, access.UserId!.Value, id);
            if (own is null) return Results.NotFound();
            var activation = await devices.RefreshAsync(own, device);
            return activation is null
                ? Results.Problem(statusCode: 410, title: "Dispositivo non più attivo", detail: "Questo dispositivo è stato disattivato o la carta non è più valida.")
                : Results.Ok(activation);
        });
        card.MapGet("/stampa", async (Guid id, CardDevices devices, IWebHostEnvironment env, TimeProvider clock,
            Platform.Tenancy.CurrentNetwork network, Platform.Tenancy.CurrentAccess access) =>
        {
            var own = await devices.FindOwnAsync(network.Id, access.UserId!.Value, id);
            if (own is null || own.StateAt(clock.GetUtcNow().UtcDateTime) != CardState.Valid) return Results.NotFound();
            var pdf = PrintedCard.Render(new PrintedCard.Content(network.Network!.Name, $"{own.HolderFirstName} {own.HolderLastName}", own.Number, own.ValidUntil,
                await devices.PrintedCodeAsync(own), clock.GetUtcNow().UtcDateTime), env.WebRootPath);
            return Results.File(pdf, "application/pdf", $"carta-famiglia-{own.Number}.pdf");
        });

        // The networks' public keys, for merchants' phones (offline checks) and tills.
        app.MapGet(CardKeys.PublishedPath, async (CardKeys keys, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(CardKeys.JwkSet((await keys.AllAsync(http.RequestAborted)).Values));
        }).ExcludeFromDescription();
    }
}
