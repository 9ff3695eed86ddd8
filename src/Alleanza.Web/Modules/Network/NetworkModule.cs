using Alleanza.Web.Modules.Network.Pact;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Modules.Network.Tables;
using Alleanza.Web.Modules.Network.Messages;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

/// <summary>Network (La rete): networks, Comuni, partner organisations, people's roles.</summary>
public static class NetworkModule
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddScoped<NetworkAdministration>();
        services.AddScoped<PartnerDirectory>();
        services.AddScoped<Dashboard.NetworkDashboard>();
        services.AddScoped<Invitations>();
        services.AddScoped<Platform.Home.IHomeSectionSource, CoordinatorHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, PartnerNetworkHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, OfficerPlanHome>();
        services.AddScoped<Platform.Home.IHomeSectionSource, AdministratorHome>();
        services.AddPlan();
        services.AddPact();
        services.AddWorkingTables();
        services.AddNetworkMessages();
        services.Configure<Navigation>(n => n.Add("La rete", "/rete", 80));
        return services;
    }

    public static void MapNetwork(this WebApplication app)
    {
        app.MapWorkingTables();

        var api = app.MapGroup("/api/v1").WithTags("Rete").RequireRateLimiting(PlatformSetup.AnonymousApiRateLimit);

        api.MapGet("/networks", async (AppDbContext db) =>
            await db.Networks.AsNoTracking().OrderBy(n => n.Name)
                .Select(n => new NetworkDto(n.Slug, n.Name, n.Region, n.Comuni.OrderBy(c => c.Name).Select(c => c.Name).ToList()))
                .ToListAsync())
            .WithName("ListNetworks").WithSummary("Le reti (alleanze) ospitate, con i loro Comuni.");

        api.MapGet("/networks/{slug}/partners", async (string slug, string? q, PartnerKind? kind, int? page, int? pageSize,
                AppDbContext db, PartnerDirectory partners) =>
            {
                var network = await db.Networks.AsNoTracking().Where(n => n.Slug == slug).Select(n => new { n.Id }).FirstOrDefaultAsync();
                if (network is null) return Results.Problem(statusCode: 404, title: "Rete non trovata", detail: $"Nessuna rete con nome «{slug}».");
                var query = new PartnerQuery(q, kind, null, page ?? 1, pageSize ?? 20);
                var errors = query.Validate();
                if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Parametri non validi");
                var result = await partners.SearchAsync(network.Id, query);
                return Results.Ok(new PartnerPageDto(result.Total, result.Page, result.PageSize,
                    result.Items.Select(p => new PartnerDto(p.Id, p.Name, PartnerKinds.Label(p.Kind), p.Kind.ToString(), p.City, p.Website, p.Comuni)).ToList()));
            })
            .WithName("ListPartners").WithSummary("Gli enti partner di una rete, con ricerca per nome e filtro per tipo.")
            .Produces<PartnerPageDto>().ProducesValidationProblem().ProducesProblem(404);
    }
}

public sealed record NetworkDto(string Slug, string Name, string? Region, IReadOnlyList<string> Comuni);
public sealed record PartnerDto(Guid Id, string Name, string KindLabel, string Kind, string? City, string? Website, IReadOnlyList<string> Comuni);
public sealed record PartnerPageDto(int Total, int Page, int PageSize, IReadOnlyList<PartnerDto> Items);
