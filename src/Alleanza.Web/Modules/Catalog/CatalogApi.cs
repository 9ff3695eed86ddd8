using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>The catalogue's JSON API: the same search the page runs.</summary>
public static class CatalogApi
{
    public sealed record Hit(Guid Id, string Title, string Kind, string Area, string Partner, string Cost, decimal? Price, decimal? ReducedPrice,
        int? AgeFromMonths, int? AgeToMonths, DateTime? NextSession, int? PlacesLeft, string? Place, double? Latitude, double? Longitude, string Summary, string Url);
    public sealed record SearchPage(int Total, int Page, int PageSize, IReadOnlyList<Hit> Items);

    public static async Task<IResult> SearchAsync(string? network, string? q, string? area, Guid? comune, int? age, bool? free, int? page, int? pageSize,
        Platform.Tenancy.NetworkDirectory directory, OpportunitySearch search, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(network)) errors["network"] = ["Indica la rete (network=nome-breve)."];
        if (page is < 1) errors["page"] = ["La pagina deve essere un numero da 1 in su."];
        if (pageSize is < 1 or > 100) errors["pageSize"] = ["La dimensione della pagina deve essere tra 1 e 100."];
        if (age is < 0 or > 25) errors["age"] = ["L'età va da 0 a 25 anni."];
        if (q?.Length > 200) errors["q"] = ["Il testo da cercare può avere al massimo 200 caratteri."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Parametri non validi");

        var net = (await directory.AllAsync()).FirstOrDefault(n => n.Slug == network);
        if (net is null) return Results.Problem(statusCode: 404, title: "Rete non trovata", detail: $"Nessuna rete con nome «{network}».");
        Guid? areaId = null;
        if (!string.IsNullOrEmpty(area))
        {
            areaId = (await search.NamesAsync(net.Id, http.RequestAborted)).AreaIdOf(area);
            if (areaId is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["area"] = [$"Area «{area}» sconosciuta in questa rete."] }, title: "Parametri non validi");
        }
        var result = await search.SearchAsync(net.Id, new SearchRequest(q, areaId, null, age, comune, free == true, Page: page ?? 1, PageSize: pageSize ?? 20), http.RequestAborted);
        http.Response.Headers["Server-Timing"] = search.Timing;
        var origin = Platform.PublicSite.OriginOf(http);
        return Results.Ok(new SearchPage(result.Total, result.Page, result.PageSize, result.Items.Select(h => new Hit(h.Id, h.Title, h.Kind.ToString(), h.Area, h.Partner,
            h.Cost.ToString(), h.Price, h.ReducedPrice, h.AgeFromMonths, h.AgeToMonths, h.NextSession, h.PlacesLeft, h.Place, h.Latitude, h.Longitude, h.Summary,
            $"{origin}/opportunita/{h.Id}?rete={network}")).ToList()));
    }
}
