using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Hsds;

/// <summary>
/// Open Referral HSDS 3.0 read API for one network: /api/hsds/{network}/services, organizations, service_at_locations,
/// taxonomies, taxonomy_terms — with search, page/per_page, modified_after, organization_id, taxonomy_term_id and proximity.
/// Partners are organizations, published opportunities are services, their places are locations, the network's
/// areas are the terms of one taxonomy.
/// </summary>
public static class HsdsApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapHsds(this WebApplication app)
    {
        var hsds = app.MapGroup("/api/hsds/{network}").WithTags("HSDS 3.0").RequireRateLimiting(PlatformSetup.AnonymousApiRateLimit).ExcludeFromDescription();
        hsds.MapGet("/", (string network, HttpContext http) =>
            Results.Json(new HsdsRoot("3.0", "https://openreferral.org/imls/hsds/", $"{Origin(http)}/openapi/v1.json"), Json));
        hsds.MapGet("/services", ListServicesAsync);
        hsds.MapGet("/services/{id}", GetServiceAsync);
        hsds.MapGet("/organizations", ListOrganizationsAsync);
        hsds.MapGet("/organizations/{id}", GetOrganizationAsync);
        hsds.MapGet("/service_at_locations", ListServiceAtLocationsAsync);
        hsds.MapGet("/service_at_locations/{id}", GetServiceAtLocationAsync);
        hsds.MapGet("/taxonomies", ListTaxonomiesAsync);
        hsds.MapGet("/taxonomies/{id}", GetTaxonomyAsync);
        hsds.MapGet("/taxonomy_terms", ListTaxonomyTermsAsync);
        hsds.MapGet("/taxonomy_terms/{id}", GetTaxonomyTermAsync);
        hsds.MapGet("/export.json", HsdsExport.JsonAsync);
        hsds.MapGet("/export.zip", HsdsExport.CsvZipAsync);
    }

    internal static string Origin(HttpContext http) => Platform.PublicSite.OriginOf(http);

    /// <summary>The one taxonomy of a network (its areas): a stable id derived from the network's.</summary>
    public static Guid TaxonomyId(Guid networkId) => new(MD5.HashData(Encoding.UTF8.GetBytes("alleanza-areas:" + networkId)));

    sealed record Paging(int Page, int PerPage);

    static IResult? Validate(int? page, int? perPage, string? modifiedAfter, out Paging paging, out DateTime? since, string? proximity = null)
    {
        var errors = new Dictionary<string, string[]>();
        paging = new Paging(page ?? 1, perPage ?? 50);
        since = null;
        if (paging.Page < 1) errors["page"] = ["page deve essere 1 o più."];
        if (paging.PerPage is < 1 or > 500) errors["per_page"] = ["per_page deve essere tra 1 e 500."];
        if (!string.IsNullOrEmpty(modifiedAfter))
        {
            if (DateTime.TryParse(modifiedAfter, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) since = t;
            else errors["modified_after"] = ["modified_after deve essere una data ISO 8601, per esempio 2026-01-31T00:00:00Z."];
        }
        if (!string.IsNullOrEmpty(proximity) && ParseProximity(proximity) is null)
            errors["proximity"] = ["proximity è «latitudine,longitudine,metri», per esempio 45.77,12.83,5000."];
        return errors.Count > 0 ? Results.ValidationProblem(errors, title: "Parametri non validi") : null;
    }

    static (double Lat, double Lon, double Meters)? ParseProximity(string value)
    {
        var parts = value.Split(',');
        if (parts.Length != 3) return null;
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90) return null;
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180) return null;
        if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || m is <= 0 or > 1_000_000) return null;
        return (lat, lon, m);
    }

    internal static async Task<Guid?> NetworkAsync(AppDbContext db, string slug) =>
        await db.Networks.AsNoTracking().Where(n => n.Slug == slug).Select(n => (Guid?)n.Id).FirstOrDefaultAsync();

    internal static IResult NoNetwork(string slug) => Results.Problem(statusCode: 404, title: "Rete non trovata", detail: $"Nessuna rete con nome «{slug}».");
    static IResult NotFound() => Results.Problem(statusCode: 404, title: "Non trovato");

    static HsdsPage<T> Page<T>(IReadOnlyList<T> items, int total, Paging p)
    {
        var pages = Math.Max(1, (total + p.PerPage - 1) / p.PerPage);
        return new HsdsPage<T>(total, pages, p.Page, items.Count, p.Page == 1, p.Page >= pages, total == 0, items);
    }

    // ---- services ----

    internal static IQueryable<Opportunity> Services(AppDbContext db, Guid networkId) =>
        db.Opportunities.AsNoTracking().Where(o => o.NetworkId == networkId && o.Status == OpportunityStatus.Published);

    static async Task<IResult> ListServicesAsync(string network, string? search, int? page, int? per_page, string? modified_after, Guid? organization_id,
        Guid? taxonomy_term_id, Guid? taxonomy_id, bool? minimal, bool? full, AppDbContext db, HttpContext http)
    {
        if (Validate(page, per_page, modified_after, out var paging, out var since) is { } problem) return problem;
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        var q = Services(db, networkId);
        if (FullTextSearch.Matches(db, search) is { } matches) q = q.Where(o => matches.Any(m => m.Id == o.Id));
        if (since is { } s) q = q.Where(o => o.UpdatedAt >= s);
        if (organization_id is { } org) q = q.Where(o => o.PartnerId == org);
        if (taxonomy_term_id is { } term) q = q.Where(o => o.AreaId == term);
        if (taxonomy_id is { } tax && tax != TaxonomyId(networkId)) q = q.Where(o => false);
        var total = await q.CountAsync();
        var rows = await q.OrderBy(o => o.Title).ThenBy(o => o.Id).PageOf(paging.Page, paging.PerPage).ToListAsync();
        if (minimal == true)
            return Results.Json(Page(rows.Select(o => new { id = o.Id.ToString(), last_modified = Iso(o.UpdatedAt) }).ToList(), total, paging), Json);
        var services = full == true ? await FullServicesAsync(db, rows, networkId, Origin(http)) : rows.Select(o => ServiceOf(o, Origin(http))).ToList();
        return Results.Json(Page(services, total, paging), Json);
    }

    static async Task<IResult> GetServiceAsync(string network, string id, AppDbContext db, HttpContext http)
    {
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var o = await Services(db, networkId).FirstOrDefaultAsync(x => x.Id == guid);
        if (o is null) return NotFound();
        return Results.Json((await FullServicesAsync(db, [o], networkId, Origin(http)))[0], Json);
    }

    static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static HsdsService ServiceOf(Opportunity o, string origin) => new(
        o.Id.ToString(), o.PartnerId.ToString(), o.Title, PlainText(o.Description) is { Length: > 0 } text ? text : o.Title,
        $"{origin}/opportunita/{o.Id}", "active", o.ContactEmail,
        FeesDescription: o.Cost switch
        {
            CostKind.Free => "Gratuito",
            CostKind.Paid when o.Price is null => "A pagamento",
            CostKind.Paid => $"{o.Price:0.00} euro",
            _ => $"{o.Price:0.00} euro; {o.ReducedPrice:0.00} euro con la Carta Famiglia",
        },
        EligibilityDescription: o.Eligibility, MinimumAge: o.AgeFromMonths / 12, MaximumAge: o.AgeToMonths / 12, LastModified: Iso(o.UpdatedAt));

    static string PlainText(string markdown) => Markdig.Markdown.ToPlainText(markdown ?? "").Trim();

    /// <summary>Services with their nested objects, loaded in a few queries for the whole page.</summary>
    internal static async Task<List<HsdsService>> FullServicesAsync(AppDbContext db, List<Opportunity> rows, Guid networkId, string origin)
    {
        var ids = rows.Select(o => o.Id).ToList();
        var locations = await db.OpportunityLocations.AsNoTracking().Where(l => ids.Contains(l.OpportunityId)).ToListAsync();
        var sessions = await db.OpportunitySessions.AsNoTracking().Where(s => ids.Contains(s.OpportunityId)).OrderBy(s => s.StartsAt).ToListAsync();
        var areaIds = rows.Select(o => o.AreaId).Distinct().ToList();
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var partnerIds = rows.Select(o => o.PartnerId).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        return rows.Select(o =>
        {
            var id = o.Id.ToString();
            var area = areas[o.AreaId];
            var languages = (o.Languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => new HsdsLanguage(Derived(o.Id, "lang:" + l), id, l)).ToList();
            var cost = new List<HsdsCostOption>();
            if (o.Cost == CostKind.Free) cost.Add(new(Derived(o.Id, "cost"), id, "Gratuito", "EUR", 0, null));
            if (o.Price is { } price) cost.Add(new(Derived(o.Id, "cost"), id, "Prezzo intero", "EUR", (double)price, null));
            if (o.ReducedPrice is { } reduced) cost.Add(new(Derived(o.Id, "cost-card"), id, "Con la Carta Famiglia", "EUR", (double)reduced, "Prezzo ridotto per chi ha la Carta Famiglia della rete"));
            var schedules = sessions.Where(s => s.OpportunityId == o.Id).Select(s => new HsdsSchedule(s.Id.ToString(), id,
                s.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (s.EndsAt ?? s.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Iso(s.StartsAt), RomeTime.Format(s.StartsAt, "HH:mm"), s.EndsAt is { } e ? RomeTime.Format(e, "HH:mm") : null,
                RomeTime.Format(s.StartsAt, "dddd d MMMM yyyy, HH:mm"))).ToList();
            // The recurring schedule in words ("ogni lunedì, 16:00–18:00"): a schedule with only its description.
            if (o.ScheduleText is { Length: > 0 } words) schedules.Add(new HsdsSchedule(Derived(o.Id, "schedule-text"), id, null, null, null, null, null, words));
            var here = locations.Where(l => l.OpportunityId == o.Id).Select(l => new HsdsServiceAtLocation(l.Id.ToString(), id, l.Id.ToString(), LocationOf(l))).ToList();
            var term = TermOf(area, networkId);
            var attribute = new HsdsAttribute(Derived(o.Id, "area"), id, term.Id, "service", "service", term);
            return ServiceOf(o, origin) with
            {
                Languages = languages, CostOptions = cost, Schedules = schedules, ServiceAtLocations = here, Attributes = [attribute],
                Organization = partners.TryGetValue(o.PartnerId, out var p) ? OrganizationOf(p) : null,
            };
        }).ToList();
    }

    /// <summary>A stable identifier for a nested object that has none of its own.</summary>
    static string Derived(Guid owner, string what) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(owner + ":" + what))).ToString();

    static HsdsLocation LocationOf(OpportunityLocation l) => new(l.Id.ToString(), "physical", l.Name, l.Latitude, l.Longitude,
        l.Address is null ? null : [new HsdsAddress(Derived(l.Id, "address"), l.Id.ToString(), l.Address, "", "", "", "IT", "physical")]);

    static HsdsTaxonomyTerm TermOf(NetworkArea a, Guid networkId) =>
        new(a.Id.ToString(), a.Code, a.Name, $"Area «{a.Name}» della rete", TaxonomyId(networkId).ToString());

    static HsdsOrganization OrganizationOf(Partner p) => new(p.Id.ToString(), p.Name, p.Description ?? $"{PartnerKinds.Label(p.Kind)} della rete",
        p.Email, p.Website, p.TaxCode, p.Phone is null ? null : [new HsdsPhone(Derived(p.Id, "phone"), p.Phone)]);

    // ---- organizations ----

    static async Task<IResult> ListOrganizationsAsync(string network, string? search, int? page, int? per_page, bool? full_service, bool? full, AppDbContext db, HttpContext http)
    {
        if (Validate(page, per_page, null, out var paging, out _) is { } problem) return problem;
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        var q = db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
        var key = Text.SearchKey(search);
        if (key.Length > 0) q = q.Where(p => p.NameKey.Contains(key));
        var total = await q.CountAsync();
        var rows = await q.OrderBy(p => p.NameKey).ThenBy(p => p.Id).PageOf(paging.Page, paging.PerPage).ToListAsync();
        var items = rows.Select(OrganizationOf).ToList();
        if (full_service == true || full == true)
        {
            var ids = rows.Select(p => p.Id).ToList();
            var services = await Services(db, networkId).Where(o => ids.Contains(o.PartnerId)).ToListAsync();
            var origin = Origin(http);
            items = items.Select(o => o with { Services = services.Where(s => s.PartnerId.ToString() == o.Id).Select(s => ServiceOf(s, origin)).ToList() }).ToList();
        }
        return Results.Json(Page(items, total, paging), Json);
    }

    static async Task<IResult> GetOrganizationAsync(string network, string id, AppDbContext db, HttpContext http)
    {
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var p = await db.Partners.AsNoTracking().FirstOrDefaultAsync(x => x.Id == guid && x.NetworkId == networkId);
        if (p is null) return NotFound();
        var origin = Origin(http);
        var services = await Services(db, networkId).Where(o => o.PartnerId == guid).OrderBy(o => o.Title).ToListAsync();
        return Results.Json(OrganizationOf(p) with { Services = services.Select(s => ServiceOf(s, origin)).ToList() }, Json);
    }

    // ---- service_at_locations ----

    static async Task<IResult> ListServiceAtLocationsAsync(string network, string? search, int? page, int? per_page, string? modified_after, Guid? organization_id,
        Guid? taxonomy_term_id, string? proximity, bool? full, AppDbContext db, HttpContext http)
    {
        if (Validate(page, per_page, modified_after, out var paging, out var since, proximity) is { } problem) return problem;
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        var services = Services(db, networkId);
        if (FullTextSearch.Matches(db, search) is { } matches) services = services.Where(o => matches.Any(m => m.Id == o.Id));
        if (since is { } s) services = services.Where(o => o.UpdatedAt >= s);
        if (organization_id is { } org) services = services.Where(o => o.PartnerId == org);
        if (taxonomy_term_id is { } term) services = services.Where(o => o.AreaId == term);
        var q = db.OpportunityLocations.AsNoTracking().Where(l => services.Any(o => o.Id == l.OpportunityId));
        if (!string.IsNullOrEmpty(proximity) && ParseProximity(proximity) is var (lat, lon, meters))
        {
            // A box in SQL, then the exact great-circle distance here.
            var dLat = meters / 111_320.0;
            var dLon = meters / (111_320.0 * Math.Cos(lat * Math.PI / 180));
            q = q.Where(l => l.Latitude != null && l.Longitude != null && l.Latitude >= lat - dLat && l.Latitude <= lat + dLat && l.Longitude >= lon - dLon && l.Longitude <= lon + dLon);
            var near = (await q.ToListAsync()).Where(l => Distance(lat, lon, l.Latitude!.Value, l.Longitude!.Value) <= meters)
                .OrderBy(l => Distance(lat, lon, l.Latitude!.Value, l.Longitude!.Value)).ToList();
            var pageRows = near.PageOf(paging.Page, paging.PerPage).ToList();
            return Results.Json(Page(await SalsAsync(db, pageRows, full == true, networkId, Origin(http)), near.Count, paging), Json);
        }
        var total = await q.CountAsync();
        var rows = await q.OrderBy(l => l.Name).ThenBy(l => l.Id).PageOf(paging.Page, paging.PerPage).ToListAsync();
        return Results.Json(Page(await SalsAsync(db, rows, full == true, networkId, Origin(http)), total, paging), Json);
    }

    static async Task<List<HsdsServiceAtLocation>> SalsAsync(AppDbContext db, List<OpportunityLocation> rows, bool full, Guid networkId, string origin)
    {
        Dictionary<Guid, HsdsService> services = [];
        if (full)
        {
            var ids = rows.Select(l => l.OpportunityId).Distinct().ToList();
            var opportunities = await db.Opportunities.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
            services = opportunities.ToDictionary(o => o.Id, o => ServiceOf(o, origin));
        }
        return rows.Select(l => new HsdsServiceAtLocation(l.Id.ToString(), l.OpportunityId.ToString(), l.Id.ToString(), LocationOf(l),
            full ? services.GetValueOrDefault(l.OpportunityId) : null)).ToList();
    }

    static async Task<IResult> GetServiceAtLocationAsync(string network, string id, AppDbContext db, HttpContext http)
    {
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var services = Services(db, networkId);
        var l = await db.OpportunityLocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == guid && services.Any(o => o.Id == x.OpportunityId));
        if (l is null) return NotFound();
        return Results.Json((await SalsAsync(db, [l], true, networkId, Origin(http)))[0], Json);
    }

    /// <summary>Great-circle distance in metres.</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_000;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    // ---- taxonomies ----

    static async Task<IResult> ListTaxonomiesAsync(string network, string? search, int? page, int? per_page, AppDbContext db)
    {
        if (Validate(page, per_page, null, out var paging, out _) is { } problem) return problem;
        var n = await db.Networks.AsNoTracking().Where(x => x.Slug == network).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync();
        if (n is null) return NoNetwork(network);
        var taxonomy = new HsdsTaxonomy(TaxonomyId(n.Id).ToString(), "Aree della rete", $"Le aree tematiche di «{n.Name}»", "1");
        var items = string.IsNullOrEmpty(search) || Text.SearchKey(taxonomy.Name).Contains(Text.SearchKey(search)) ? new List<HsdsTaxonomy> { taxonomy } : [];
        return Results.Json(Page(paging.Page == 1 ? items : [], items.Count, paging), Json);
    }

    static async Task<IResult> GetTaxonomyAsync(string network, string id, AppDbContext db)
    {
        var n = await db.Networks.AsNoTracking().Where(x => x.Slug == network).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync();
        if (n is null) return NoNetwork(network);
        return id == TaxonomyId(n.Id).ToString()
            ? Results.Json(new HsdsTaxonomy(id, "Aree della rete", $"Le aree tematiche di «{n.Name}»", "1"), Json)
            : NotFound();
    }

    static async Task<IResult> ListTaxonomyTermsAsync(string network, string? search, int? page, int? per_page, Guid? taxonomy_id, bool? top_only, Guid? parent_id, AppDbContext db)
    {
        if (Validate(page, per_page, null, out var paging, out _) is { } problem) return problem;
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        if (taxonomy_id is { } t && t != TaxonomyId(networkId) || parent_id is not null) return Results.Json(Page(new List<HsdsTaxonomyTerm>(), 0, paging), Json);
        var areas = (await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ToListAsync())
            .Where(a => string.IsNullOrEmpty(search) || Text.SearchKey(a.Name).Contains(Text.SearchKey(search))).ToList();
        var items = areas.PageOf(paging.Page, paging.PerPage).Select(a => TermOf(a, networkId)).ToList();
        return Results.Json(Page(items, areas.Count, paging), Json);
    }

    static async Task<IResult> GetTaxonomyTermAsync(string network, string id, AppDbContext db)
    {
        if (await NetworkAsync(db, network) is not { } networkId) return NoNetwork(network);
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var a = await db.NetworkAreas.AsNoTracking().FirstOrDefaultAsync(x => x.Id == guid && x.NetworkId == networkId);
        return a is null ? NotFound() : Results.Json(TermOf(a, networkId), Json);
    }
}
