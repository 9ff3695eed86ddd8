using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>Catalog (Opportunità): services, activities and events published by partners; search; registrations.</summary>
public static class CatalogModule
{
    public const string PublishPolicy = "PublishOpportunities";

    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<Publishing>();
        services.AddScoped<OpportunitySearch>();
        services.AddOptions<Search.SearchIndexOptions>().BindConfiguration("Catalog:SearchIndex");
        services.AddSingleton<Search.SearchIndexes>();
        services.AddHostedService<Search.SearchIndexRefresher>();
        services.AddHealthChecks().AddCheck<Search.SearchIndexHealthCheck>("search-index", tags: ["ready"]);
        services.AddScoped<OpportunityDetails>();
        services.AddScoped<Registrations>();
        services.AddScoped<Platform.Notifications.IScheduledNotifications, WeeklyOpportunities>();
        services.AddScoped<Platform.Home.IHomeSectionSource, FamilyRegistrationsHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, PartnerOpportunitiesHome>();
        services.AddScoped<Hsds.HsdsImport>();
        services.Configure<Navigation>(n => n.Add("Opportunità", "/opportunita", 10));
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o =>
            o.AddPolicy(PublishPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.PartnerStaff, NetworkRole.Coordinator))));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AuthorizeFolder("/Modules/Catalog/Pages/Manage", PublishPolicy));
        return services;
    }

    public static void MapCatalog(this WebApplication app)
    {
        // "Add to calendar" for one session, or all the dates of the opportunity.
        app.MapGet("/opportunita/{id:guid}/calendario.ics", async (Guid id, Guid? sessione, HttpContext http, OpportunityDetails details,
            Platform.Tenancy.CurrentNetwork network, TimeProvider clock) =>
        {
            var view = await details.PublishedAsync(network.Id, id);
            if (view is null) return Results.NotFound();
            var sessions = view.Sessions.Where(s => sessione is null || s.Id == sessione).ToList();
            if (sessions.Count == 0) return Results.NotFound();
            var url = $"{Platform.PublicSite.OriginOf(http)}/opportunita/{id}";
            var place = view.Locations.FirstOrDefault();
            var ics = Calendar.Write(view.Opportunity.Title, sessions.Select(s => new Calendar.Entry($"{s.Id}@alleanza", view.Opportunity.Title,
                OpportunitySearch.Summarize(view.Opportunity.Description), place is null ? null : $"{place.Name}, {place.Address}", s.StartsAt, s.EndsAt, url)),
                clock.GetUtcNow().UtcDateTime);
            return Results.Text(ics, "text/calendar; charset=utf-8");
        }).ExcludeFromDescription();

        // The picture: public for published opportunities, and for the people who may edit the others.
        app.MapGet("/opportunita/{id:guid}/immagine", async (Guid id, HttpContext http, AppDbContext db, Publishing publishing, Platform.Tenancy.CurrentNetwork network) =>
        {
            var state = await db.Opportunities.Where(o => o.Id == id && o.NetworkId == network.Id).Select(o => (OpportunityStatus?)o.Status).FirstOrDefaultAsync();
            if (state is null || (state != OpportunityStatus.Published && await publishing.FindEditableAsync(id) is null)) return Results.NotFound();
            var image = await db.OpportunityImages.AsNoTracking().FirstOrDefaultAsync(i => i.OpportunityId == id);
            if (image is null) return Results.NotFound();
            var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.UpdatedAt.Ticks:x}\"");
            http.Response.Headers.CacheControl = state == OpportunityStatus.Published ? "public, max-age=3600" : "private, no-cache";
            return Results.File(image.Data, image.ContentType, entityTag: etag, lastModified: image.UpdatedAt);
        }).ExcludeFromDescription();

        // Calendar feeds: the whole network (?rete=), one partner (?ente=) or any search (same filters as /opportunita).
        app.MapGet("/opportunita/calendario.ics", async (string? q, string? area, Guid? comune, int? eta, bool? gratuito, Guid? ente, HttpContext http,
            OpportunitySearch search, Platform.Tenancy.CurrentNetwork network, TimeProvider clock) =>
        {
            if (!network.IsResolved) return Results.NotFound();
            var areaId = (await search.NamesAsync(network.Id, http.RequestAborted)).AreaIdOf(area);
            var request = new SearchRequest(q?.Length > 200 ? q[..200] : q, areaId, null, eta is >= 0 and <= 25 ? eta : null, comune, gratuito == true, PartnerId: ente);
            var sessions = await search.UpcomingSessionsAsync(network.Id, request, http.RequestAborted);
            var origin = Platform.PublicSite.OriginOf(http);
            var ics = Calendar.Write($"{network.Network!.Name} — opportunità", sessions.Select(s => new Calendar.Entry($"{s.SessionId}@alleanza", s.Title,
                s.Summary, s.Place is null ? null : $"{s.Place}, {s.Address}", s.StartsAt, s.EndsAt, $"{origin}/opportunita/{s.OpportunityId}?rete={network.Network.Slug}")),
                clock.GetUtcNow().UtcDateTime);
            return Results.Text(ics, "text/calendar; charset=utf-8");
        }).ExcludeFromDescription();

        app.MapGroup("/api/v1").WithTags("Opportunità").RequireRateLimiting(Platform.PlatformSetup.AnonymousApiRateLimit)
            .MapGet("/opportunities", CatalogApi.SearchAsync)
            .WithName("SearchOpportunities").WithSummary("Cerca le opportunità pubblicate di una rete (testo in italiano, filtri, pagine).")
            .Produces<CatalogApi.SearchPage>().ProducesValidationProblem().ProducesProblem(404);
    }

    /// <summary>Gives every network the default areas when it has none (new networks, and networks from before the catalogue).</summary>
    public static async Task EnsureAreasAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var without = await db.Networks.Where(n => !db.NetworkAreas.Any(a => a.NetworkId == n.Id)).Select(n => n.Id).ToListAsync();
        foreach (var networkId in without)
            db.NetworkAreas.AddRange(NetworkArea.DefaultsFor(networkId));
        if (without.Count > 0) await db.SaveChangesAsync();
    }
}
