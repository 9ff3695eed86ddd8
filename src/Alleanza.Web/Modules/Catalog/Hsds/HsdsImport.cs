using System.Globalization;
using System.Text.Json;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Hsds;

public sealed record ImportProblem(int Index, string? Id, string Reason);
public sealed record ImportReport(int Created, int Updated, IReadOnlyList<ImportProblem> Rejected)
{
    public static ImportReport Failed(string reason) => new(0, 0, [new ImportProblem(-1, null, reason)]);
}

/// <summary>
/// Imports an HSDS 3.0 dataset (an array of fully nested services, as /export.json writes it) into a network.
/// Idempotent: the HSDS ids become Alleanza's, so importing the same file again updates instead of duplicating.
/// Every service that cannot be taken is reported with its reason; the others are published.
/// </summary>
public sealed class HsdsImport(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    static readonly string[] Statuses = ["active", "inactive", "defunct", "temporarily closed"];

    public async Task<ImportReport> ImportAsync(Guid networkId, Stream json)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 32 }); }
        catch (JsonException e) { return ImportReport.Failed($"Il file non è JSON valido: {e.Message}"); }
        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("contents", out var contents)) root = contents;
        if (root.ValueKind != JsonValueKind.Array) return ImportReport.Failed("Il file deve contenere un elenco (array) di servizi HSDS.");

        var areas = await db.NetworkAreas.Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ToListAsync();
        var comuni = await db.Comuni.Where(c => c.NetworkId == networkId).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, index = -1;
        var rejected = new List<ImportProblem>();
        foreach (var item in root.EnumerateArray())
        {
            index++;
            var id = Str(item, "id");
            var (isNew, reason) = await ImportOneAsync(networkId, item, areas, comuni, now);
            if (reason is not null)
            {
                rejected.Add(new(index, id, reason));
                db.ChangeTracker.Clear(); // nothing of a refused service stays half-added
                continue;
            }
            if (isNew) created++; else updated++;
        }
        audit.Add("hsds.import", null, null, $"{created} nuovi, {updated} aggiornati, {rejected.Count} scartati", networkId);
        await db.SaveChangesAsync();
        return new ImportReport(created, updated, rejected);
    }

    async Task<(bool New, string? Reason)> ImportOneAsync(Guid networkId, JsonElement s, List<NetworkArea> areas, List<Comune> comuni, DateTime now)
    {
        if (s.ValueKind != JsonValueKind.Object) return (false, "Non è un oggetto servizio.");
        if (!Guid.TryParse(Str(s, "id"), out var id)) return (false, "Manca l'id, o non è un UUID.");
        var name = Str(s, "name")?.Trim();
        if (string.IsNullOrEmpty(name)) return (false, "Manca il nome (name).");
        if (name.Length > 200) return (false, "Il nome supera i 200 caratteri.");
        var status = Str(s, "status");
        if (status is null || !Statuses.Contains(status)) return (false, "Lo stato (status) manca o non è uno di active, inactive, defunct, temporarily closed.");

        // The organization: nested, or already in the network.
        Guid partnerId;
        if (s.TryGetProperty("organization", out var org) && org.ValueKind == JsonValueKind.Object)
        {
            if (!Guid.TryParse(Str(org, "id"), out partnerId)) return (false, "L'ente (organization) non ha un id UUID.");
            var orgName = Str(org, "name")?.Trim();
            if (string.IsNullOrEmpty(orgName) || orgName.Length > 200) return (false, "L'ente (organization) non ha un nome valido.");
            var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId);
            if (partner is not null && partner.NetworkId != networkId) return (false, "L'id dell'ente è già usato in un'altra rete.");
            if (partner is null)
            {
                partner = new Partner { Id = partnerId, NetworkId = networkId, Kind = PartnerKind.Other, CreatedAt = now };
                db.Partners.Add(partner);
            }
            partner.Name = orgName;
            partner.NameKey = Text.SearchKey(orgName);
            partner.Description = Limit(Str(org, "description"), 4000);
            partner.Email = Valid(Str(org, "email"), e => new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(e) && e.Length <= 256);
            partner.Website = Valid(Str(org, "website"), w => Uri.TryCreate(w, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && w.Length <= 300);
            partner.UpdatedAt = now;
        }
        else if (!Guid.TryParse(Str(s, "organization_id"), out partnerId) || !await db.Partners.AnyAsync(p => p.Id == partnerId && p.NetworkId == networkId))
            return (false, "L'ente (organization) manca e organization_id non è un ente di questa rete.");

        var o = await db.Opportunities.Include(x => x.Locations).Include(x => x.Sessions).Include(x => x.Comuni).FirstOrDefaultAsync(x => x.Id == id);
        if (o is not null && o.NetworkId != networkId) return (false, "L'id del servizio è già usato in un'altra rete.");
        var isNew = o is null;
        if (o is null)
        {
            o = new Opportunity { Id = id, NetworkId = networkId, CreatedAt = now };
            db.Opportunities.Add(o);
        }
        o.PartnerId = partnerId;
        o.Title = name;
        o.Description = Limit(Str(s, "description"), 20000) ?? name;
        o.Eligibility = Limit(Str(s, "eligibility_description"), 2000);
        o.ContactEmail = Valid(Str(s, "email"), e => new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(e) && e.Length <= 256);
        o.AgeFromMonths = Int(s, "minimum_age") is { } min and >= 0 and <= 25 ? min * 12 : null;
        o.AgeToMonths = Int(s, "maximum_age") is { } max and >= 0 and <= 25 ? max * 12 + 11 : null;
        o.Status = status == "active" ? OpportunityStatus.Published : OpportunityStatus.Archived;
        o.PublishedAt ??= now;
        o.UpdatedAt = now;
        o.Languages = Limit(string.Join(", ", Array(s, "languages").Select(l => Str(l, "name")).Where(n => !string.IsNullOrWhiteSpace(n))), 200) is { Length: > 0 } langs ? langs : null;

        var codes = Array(s, "attributes").Select(a => a.TryGetProperty("taxonomy_term", out var t) ? (Str(t, "code"), Str(t, "name")) : (null, null)).ToList();
        o.AreaId = (areas.FirstOrDefault(a => codes.Any(c => c.Item1 == a.Code || Text.SearchKey(c.Item2) == Text.SearchKey(a.Name))) ?? areas[0]).Id;

        var amounts = Array(s, "cost_options").Select(c => Dbl(c, "amount")).Where(a => a is >= 0 and < 100000).Select(a => (decimal)a!.Value).ToList();
        (o.Cost, o.Price, o.ReducedPrice) = amounts.Where(a => a > 0).Order().ToList() switch
        {
            [] => (CostKind.Free, (decimal?)null, (decimal?)null),
            [var one] => (CostKind.Paid, one, null),
            [var low, .., var high] => (CostKind.ReducedWithCard, high, low),
        };

        // Places: updated in place by id, added when new, removed when the file no longer has them.
        var kept = new List<OpportunityLocation>();
        foreach (var sal in Array(s, "service_at_locations"))
        {
            if (!sal.TryGetProperty("location", out var l) || l.ValueKind != JsonValueKind.Object) continue;
            var lat = Dbl(l, "latitude"); var lon = Dbl(l, "longitude");
            var onEarth = lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
            var address = Array(l, "addresses").Select(a => string.Join(", ", new[] { Str(a, "address_1"), Str(a, "city") }.Where(x => !string.IsNullOrWhiteSpace(x)))).FirstOrDefault();
            var lid = Guid.TryParse(Str(l, "id"), out var g) ? g : Guid.NewGuid();
            var place = o.Locations.FirstOrDefault(x => x.Id == lid);
            if (place is null)
            {
                if (await db.OpportunityLocations.AnyAsync(x => x.Id == lid)) lid = Guid.NewGuid(); // an id taken elsewhere: keep the place, not the id
                o.Locations.Add(place = new OpportunityLocation { Id = lid, OpportunityId = id });
            }
            place.Name = Limit(Str(l, "name"), 200) ?? name;
            place.Address = Limit(address, 300);
            place.Latitude = onEarth ? lat : null;
            place.Longitude = onEarth ? lon : null;
            kept.Add(place);
        }
        o.Locations.RemoveAll(x => !kept.Contains(x));

        foreach (var schedule in Array(s, "schedules"))
        {
            if (!DateTime.TryParse(Str(schedule, "dtstart"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var starts)) continue;
            var sid = Guid.TryParse(Str(schedule, "id"), out var g) ? g : Guid.NewGuid();
            if (o.Sessions.Any(x => x.Id == sid) || await db.OpportunitySessions.AnyAsync(x => x.Id == sid && x.OpportunityId != id)) continue;
            o.Sessions.Add(new OpportunitySession { Id = sid, OpportunityId = id, StartsAt = starts });
        }
        o.Kind = o.Sessions.Count switch { 0 => OpportunityKind.Service, 1 => OpportunityKind.Event, _ => OpportunityKind.Activity };
        o.SearchText = Text.SearchKey($"{o.Title} {o.Description} {o.Categories}");
        if (o.SearchText.Length > 23000) o.SearchText = o.SearchText[..23000];
        if (o.Comuni.Count == 0 && comuni.Count == 1) o.Comuni.Add(new OpportunityComune { OpportunityId = id, ComuneId = comuni[0].Id });

        try
        {
            await db.SaveChangesAsync();
            await FullTextSearch.IndexAsync(db, o);
        }
        catch (DbUpdateException e)
        {
            return (false, "Non salvato: " + (e.InnerException?.Message ?? e.Message));
        }
        return (isNew, null);
    }

    static string? Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    static int? Int(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
    static double? Dbl(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    static IEnumerable<JsonElement> Array(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
    static string? Limit(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\0", "") is var t && t.Length > max ? t[..max] : t;
    static string? Valid(string? s, Func<string, bool> ok) => !string.IsNullOrWhiteSpace(s) && ok(s.Trim()) ? s.Trim() : null;
}
