using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Hsds;

/// <summary>A service not imported, and why. Index −1: the file as a whole.</summary>
public sealed record ImportProblem(int Index, string? Id, string Reason);

/// <summary>Something of an imported service the catalogue could not keep as it was: the field, its value, why.</summary>
public sealed record ImportWarning(int Index, string? Id, string Field, string? Value, string Reason);

public sealed record ImportReport(int Created, int Updated, IReadOnlyList<ImportProblem> Rejected, IReadOnlyList<ImportWarning> Warnings)
{
    public static ImportReport Failed(string reason) => new(0, 0, [new ImportProblem(-1, null, reason)], []);
}

/// <summary>
/// Imports an HSDS 3.0 dataset into a network: services in any of the official shapes (see <see cref="HsdsSources"/>).
/// <list type="bullet">
/// <item>Ids are scoped per network: a file's id becomes a local id derived from the network and that id (or stays the
/// local id when it is already one of this network's, as in its own export), so two networks import the same public dataset.</item>
/// <item>Idempotent and merge-safe: importing again updates; a field, list or place the item does not mention is left as it
/// is (the list form of a service does not erase the places, languages and costs the full form brought). Places and
/// sessions are added and updated, never deleted by an import.</item>
/// <item>What the catalogue cannot represent is reported per service as a warning (field, value, why); a refused service
/// is reported with its reason. No exception text reaches the report.</item>
/// </list>
/// </summary>
public sealed partial class HsdsImport(AppDbContext db, AuditLog audit, TimeProvider clock, ILogger<HsdsImport> log)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    static readonly string[] Statuses = ["active", "inactive", "defunct", "temporarily closed"];

    sealed class Context
    {
        public required Guid NetworkId { get; init; }
        public required List<NetworkArea> Areas { get; init; }
        public required List<Guid> Comuni { get; init; }
        public required DateTime Now { get; init; }
        public HashSet<string> OrganizationsSeen { get; } = [];
        public List<ImportWarning> Warnings { get; } = [];
        public int Index { get; set; }
        public string? Id { get; set; }

        public void Warn(string field, string? value, string reason) =>
            Warnings.Add(new(Index, Id, field, value is { Length: > 150 } ? value[..150] + "…" : value, reason));
    }

    public async Task<ImportReport> ImportAsync(Guid networkId, Stream content)
    {
        var areas = await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ToListAsync();
        if (areas.Count == 0)
            return ImportReport.Failed("La rete non ha ancora aree tematiche, e ogni opportunità ne ha una: crea almeno un'area in «Aree delle opportunità» (/gestione/aree), poi importa di nuovo.");

        var read = await HsdsSources.ReadAsync(content);
        if (read.Problem is not null) return ImportReport.Failed(read.Problem);
        using var _ = read.Owner;

        var context = new Context
        {
            NetworkId = networkId, Areas = areas, Now = clock.GetUtcNow().UtcDateTime,
            Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).Select(c => c.Id).ToListAsync(),
        };
        foreach (var note in read.Notes) context.Warnings.Add(new(-1, null, "file", null, note));
        int created = 0, updated = 0;
        var rejected = new List<ImportProblem>();
        for (var index = 0; index < read.Items.Count; index++)
        {
            var item = read.Items[index];
            context.Index = index;
            context.Id = Str(item.Service, "id");
            var warningsBefore = context.Warnings.Count;
            var (isNew, reason) = await ImportOneAsync(item, context);
            db.ChangeTracker.Clear(); // nothing of a refused service stays half-added; memory stays flat on large files
            if (reason is not null)
            {
                rejected.Add(new(index, context.Id, reason));
                context.Warnings.RemoveRange(warningsBefore, context.Warnings.Count - warningsBefore);
                continue;
            }
            if (isNew) created++; else updated++;
        }
        audit.Add("hsds.import", null, null, $"{created} nuovi, {updated} aggiornati, {rejected.Count} scartati, {context.Warnings.Count} avvisi", networkId);
        await db.SaveChangesAsync();
        return new ImportReport(created, updated, rejected, context.Warnings);
    }

    /// <summary>The local id of a file's id in a network: the id itself when it already is one of the network's, else derived from both.</summary>
    public static Guid Scoped(Guid networkId, string kind, string hsdsId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"hsds:{networkId}:{kind}:{hsdsId.Trim().ToLowerInvariant()}")));

    static Guid Derived(Guid owner, string what) => new(MD5.HashData(Encoding.UTF8.GetBytes($"hsds:{owner}:{what}")));

    async Task<(bool New, string? Reason)> ImportOneAsync(HsdsItem item, Context c)
    {
        var s = item.Service;
        if (s.ValueKind != JsonValueKind.Object) return (false, "Non è un oggetto servizio.");
        var hsdsId = Str(s, "id");
        if (!Guid.TryParse(hsdsId, out _)) return (false, "Manca l'id, o non è un UUID.");
        var name = Str(s, "name")?.Trim();
        if (string.IsNullOrEmpty(name)) return (false, "Manca il nome (name).");
        if (name.Length > 200) return (false, "Il nome supera i 200 caratteri.");
        var status = Str(s, "status")?.Trim().ToLowerInvariant();
        if (status is null || !Statuses.Contains(status)) return (false, "Lo stato (status) manca o non è uno di active, inactive, defunct, temporarily closed.");

        var (partnerId, orgReason) = await OrganizationAsync(s, item.Parent, c);
        if (orgReason is not null) return (false, orgReason);

        var id = await LocalIdAsync(db.Opportunities.Where(o => o.NetworkId == c.NetworkId).Select(o => o.Id), c.NetworkId, "service", hsdsId!);
        var o = await db.Opportunities.Include(x => x.Locations).Include(x => x.Sessions).Include(x => x.Comuni).FirstOrDefaultAsync(x => x.Id == id);
        if (o is not null && o.NetworkId != c.NetworkId) return (false, "Non salvato: l'identificativo interno è già in uso. Segnala l'id del servizio all'assistenza.");
        var isNew = o is null;
        if (o is null)
        {
            o = new Opportunity { Id = id, NetworkId = c.NetworkId, CreatedAt = c.Now, Title = name, Description = name, Cost = CostKind.Free };
            db.Opportunities.Add(o);
        }
        o.PartnerId = partnerId!.Value;
        o.Title = name;
        if (Fit(c, "description", Str(s, "description"), 20000) is { } description) o.Description = description;
        if (Fit(c, "eligibility_description", Str(s, "eligibility_description"), 2000) is { } eligibility) o.Eligibility = eligibility;
        if (Str(s, "email") is { } email)
        {
            if (Valid(email, IsEmail) is { } good) o.ContactEmail = good;
            else c.Warn("email", email, "Indirizzo e-mail non valido: non importato.");
        }
        Ages(s, o, c);
        o.Status = status == "active" ? OpportunityStatus.Published : OpportunityStatus.Archived;
        if (status == "temporarily closed") c.Warn("status", status, "Il catalogo non ha «temporaneamente chiuso»: l'opportunità è archiviata finché un nuovo import non la dice attiva.");
        o.PublishedAt ??= c.Now;
        o.UpdatedAt = c.Now;

        Phones(s, "phones", c, phone => o.ContactPhone = phone, "Il catalogo tiene un solo telefono per opportunità: il primo è importato.");
        Languages(s, o, c);
        Costs(s, o, isNew, c);
        Area(s, o, isNew, c);
        var schedules = await PlacesAsync(s, o, name, c);
        schedules.InsertRange(0, Array(s, "schedules").Select((x, i) => (x, $"schedules[{i}]")));
        await SchedulesAsync(schedules, o, c);
        Url(s, c);
        Fees(s, c);
        Rest(s, "", c, ServiceTaken);

        o.Kind = o.Sessions.Count switch { 0 => OpportunityKind.Service, 1 => OpportunityKind.Event, _ => OpportunityKind.Activity };
        o.SearchText = Text.SearchKey($"{o.Title} {o.Description} {o.Categories}");
        if (o.SearchText.Length > 23000) o.SearchText = o.SearchText[..23000];
        if (o.Comuni.Count == 0 && c.Comuni.Count == 1) o.Comuni.Add(new OpportunityComune { OpportunityId = id, ComuneId = c.Comuni[0] });

        try
        {
            await db.SaveChangesAsync();
            await FullTextSearch.IndexAsync(db, o);
        }
        catch (DbUpdateException e)
        {
            log.LogError(e, "HSDS import of service {HsdsId} into network {NetworkId} failed", hsdsId, c.NetworkId);
            return (false, "Non salvato per un errore del database. Riprova; se si ripete, segnala l'id del servizio all'assistenza.");
        }
        return (isNew, null);
    }

    /// <summary>The file's id as a local one: this network's own id as it is (its export re-imported), else the derived id.</summary>
    async Task<Guid> LocalIdAsync(IQueryable<Guid> networkIds, Guid networkId, string kind, string hsdsId)
    {
        var direct = Guid.Parse(hsdsId);
        var scoped = Scoped(networkId, kind, hsdsId);
        if (await networkIds.AnyAsync(x => x == scoped)) return scoped;
        return await networkIds.AnyAsync(x => x == direct) ? direct : scoped;
    }

    // ---- organization ----

    static readonly HashSet<string> OrganizationTaken = ["name", "description", "email", "website", "phones", "tax_id", "services"];

    async Task<(Guid? Id, string? Reason)> OrganizationAsync(JsonElement s, JsonElement? parent, Context c)
    {
        var org = s.TryGetProperty("organization", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : parent;
        var partners = db.Partners.Where(p => p.NetworkId == c.NetworkId).Select(p => p.Id);
        if (org is not { } e)
        {
            var orgId = Str(s, "organization_id");
            if (Guid.TryParse(orgId, out _) && await LocalIdAsync(partners, c.NetworkId, "organization", orgId!) is var local && await partners.AnyAsync(p => p == local))
                return (local, null);
            return (null, "L'ente (organization) manca e organization_id non è un ente di questa rete.");
        }
        var hsdsOrgId = Str(e, "id");
        if (!Guid.TryParse(hsdsOrgId, out _)) return (null, "L'ente (organization) non ha un id UUID.");
        var partnerId = await LocalIdAsync(partners, c.NetworkId, "organization", hsdsOrgId!);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId);
        if (partner is not null && partner.NetworkId != c.NetworkId) return (null, "Non salvato: l'identificativo interno dell'ente è già in uso. Segnala l'id all'assistenza.");
        var orgName = Str(e, "name")?.Trim();
        if (partner is null && string.IsNullOrEmpty(orgName)) return (null, "L'ente (organization) non ha un nome.");
        if (orgName is { Length: > 200 }) return (null, "Il nome dell'ente (organization) supera i 200 caratteri.");
        if (partner is null)
        {
            partner = new Partner { Id = partnerId, NetworkId = c.NetworkId, Kind = PartnerKind.Other, CreatedAt = c.Now };
            db.Partners.Add(partner);
        }
        // The same organization comes with each of its services: its warnings are given once, at its first service.
        var first = c.OrganizationsSeen.Add(hsdsOrgId!.ToLowerInvariant());
        void Warn(string field, string? value, string reason) { if (first) c.Warn(field, value, reason); }
        if (!string.IsNullOrEmpty(orgName)) { partner.Name = orgName; partner.NameKey = Text.SearchKey(orgName); }
        if (Str(e, "description") is { Length: > 0 } d)
        {
            partner.Description = Limit(d, 4000);
            if (d.Trim().Length > 4000) Warn("organization.description", d, "La descrizione dell'ente supera i 4.000 caratteri: troncata.");
        }
        if (Str(e, "email") is { Length: > 0 } email)
        {
            if (Valid(email, x => IsEmail(x)) is { } good) partner.Email = good; else Warn("organization.email", email, "Indirizzo e-mail non valido: non importato.");
        }
        if (Str(e, "website") is { Length: > 0 } website)
        {
            if (Valid(website, IsWebsite) is { } good) partner.Website = good; else Warn("organization.website", website, "Indirizzo web non valido (http o https, al più 300 caratteri): non importato.");
        }
        if (Str(e, "tax_id") is { Length: > 0 } tax)
        {
            if (tax.Trim().Length <= 16) partner.TaxCode = tax.Trim(); else Warn("organization.tax_id", tax, "Il codice fiscale o la partita IVA ha al più 16 caratteri: non importato.");
        }
        var warnings = c.Warnings.Count;
        Phones(e, "organization.phones", c, phone => partner.Phone = phone, "L'ente ha un solo telefono nel catalogo: il primo è importato.");
        Rest(e, "organization.", c, OrganizationTaken);
        if (!first) c.Warnings.RemoveRange(warnings, c.Warnings.Count - warnings);
        partner.UpdatedAt = c.Now;
        return (partnerId, null);
    }

    // ---- fields of the service ----

    static readonly HashSet<string> ServiceTaken =
    [
        "name", "description", "email", "status", "eligibility_description", "minimum_age", "maximum_age", "last_modified",
        "phones", "languages", "cost_options", "attributes", "service_at_locations", "schedules", "organization", "url", "fees_description",
    ];

    static void Ages(JsonElement s, Opportunity o, Context c)
    {
        if (Num(s, "minimum_age") is { } min)
        {
            if (min is >= 0 and <= 25 && min == Math.Floor(min)) o.AgeFromMonths = (int)min * 12;
            else c.Warn("minimum_age", Show(min), "Il catalogo indica età da 0 a 25 anni, in anni interi: età minima non importata.");
        }
        if (Num(s, "maximum_age") is { } max)
        {
            if (max is >= 0 and <= 25 && max == Math.Floor(max)) o.AgeToMonths = (int)max * 12 + 11;
            else if (max > 25) { o.AgeToMonths = null; c.Warn("maximum_age", Show(max), "Oltre i 25 anni il catalogo non pone un limite: importata come «nessun limite di età»."); }
            else c.Warn("maximum_age", Show(max), "Età massima non valida: non importata.");
        }
    }

    static void Url(JsonElement s, Context c)
    {
        // Our own export writes the opportunity's page here; another site's page is a link the catalogue has no field for.
        if (Str(s, "url") is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.AbsolutePath.StartsWith("/opportunita/", StringComparison.Ordinal)))
            c.Warn("url", url, "Il catalogo non ha un sito web per la singola opportunità: non importato.");
    }

    /// <summary>Our own export writes the costs in words here ("12.00 euro"); anything else is a description the catalogue has no field for.</summary>
    static void Fees(JsonElement s, Context c)
    {
        if (Str(s, "fees_description")?.Trim() is { Length: > 0 } fees && !OwnFees().IsMatch(fees))
            c.Warn("fees_description", fees, Why["fees_description"] + " Non importato.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Gratuito|A pagamento|\d+([.,]\d+)? euro(; \d+([.,]\d+)? euro con la Carta Famiglia)?)$")]
    private static partial System.Text.RegularExpressions.Regex OwnFees();

    static void Phones(JsonElement owner, string field, Context c, Action<string> take, string moreReason)
    {
        var phones = Array(owner, "phones").ToList();
        for (var i = 0; i < phones.Count; i++)
        {
            var number = Str(phones[i], "number")?.Trim().Trim('"', '\'', ' ');
            var path = $"{field}[{i}]";
            if (i > 0) { c.Warn(path, number ?? Summary(phones[i]), moreReason); continue; }
            if (string.IsNullOrEmpty(number) || number.Length > 40) { c.Warn(path + ".number", number, "Numero di telefono mancante o più lungo di 40 caratteri: non importato."); continue; }
            take(number);
            Rest(phones[i], path + ".", c, ["number", "type"]);
        }
    }

    void Languages(JsonElement s, Opportunity o, Context c)
    {
        var languages = Array(s, "languages").ToList();
        if (languages.Count == 0) return;
        var names = new List<string>();
        for (var i = 0; i < languages.Count; i++)
        {
            var name = Str(languages[i], "name")?.Trim() is { Length: > 0 } n ? n : Str(languages[i], "code")?.Trim();
            if (!string.IsNullOrEmpty(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
            Rest(languages[i], $"languages[{i}].", c, ["name", "code"]);
        }
        var joined = string.Join(", ", names);
        if (joined.Length > 200) c.Warn("languages", joined, "Le lingue superano i 200 caratteri del catalogo: elenco troncato.");
        o.Languages = Limit(joined, 200);
    }

    static readonly string[] OwnCostLabels = ["Gratuito", "Prezzo intero", "Con la Carta Famiglia", "Prezzo ridotto per chi ha la Carta Famiglia della rete"];

    /// <summary>
    /// Prices in euro only: another currency is refused with its reason (the catalogue has no exchange rates and no
    /// currency column). An option named for the Family Card is the reduced price; the first other positive one is the
    /// price; an amount of zero is free. Without a price in euro the opportunity is "a pagamento" with no amount.
    /// </summary>
    static void Costs(JsonElement s, Opportunity o, bool isNew, Context c)
    {
        var options = Array(s, "cost_options").ToList();
        if (options.Count == 0) return;
        decimal? price = null, reduced = null;
        bool free = false, foreign = false;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            var path = $"cost_options[{i}]";
            var currency = Str(option, "currency")?.Trim().ToUpperInvariant();
            var amount = Num(option, "amount");
            var label = Str(option, "option")?.Trim();
            if (currency is { Length: > 0 } && currency != "EUR")
            {
                foreign = true;
                c.Warn(path + ".currency", $"{(amount is { } a ? Show(a) + " " : "")}{currency}", "Il catalogo esprime i prezzi solo in euro, senza cambio: questo prezzo non è importato.");
                continue;
            }
            if (amount is not { } value || value < 0 || value >= 100000)
            {
                c.Warn(path + ".amount", amount is { } bad ? Show(bad) : null, "Importo mancante o fuori scala (da 0 a 99.999,99 euro): non importato.");
                continue;
            }
            var euros = Math.Round((decimal)value, 2);
            var forCard = label is not null && Text.SearchKey(label).Contains("carta famiglia");
            if (euros == 0) free = true;
            else if (forCard && reduced is null) reduced = euros;
            else if (!forCard && price is null) price = euros;
            else { c.Warn(path, $"{Show(value)} EUR {label}".Trim(), "Il catalogo ha un prezzo intero e uno ridotto con la Carta Famiglia: questo prezzo in più non è importato."); continue; }
            if (label is { Length: > 0 } && !OwnCostLabels.Contains(label) && !forCard)
                c.Warn(path + ".option", label, "Il catalogo non ha condizioni per il prezzo: importato l'importo senza la condizione.");
            if (Str(option, "amount_description")?.Trim() is { Length: > 0 } note && !OwnCostLabels.Contains(note))
                c.Warn(path + ".amount_description", note, "Il catalogo non ha note sul prezzo: importato l'importo senza la nota.");
            Rest(option, path + ".", c, ["option", "currency", "amount", "amount_description"]);
        }
        if (price is { } full && reduced is { } low && low < full) (o.Cost, o.Price, o.ReducedPrice) = (CostKind.ReducedWithCard, full, low);
        else if (price is { } p) (o.Cost, o.Price, o.ReducedPrice) = (CostKind.Paid, p, null);
        else if (reduced is { } r) (o.Cost, o.Price, o.ReducedPrice) = (CostKind.Paid, r, null);
        else if (free) (o.Cost, o.Price, o.ReducedPrice) = (CostKind.Free, null, null);
        else if (foreign && (isNew || o.Cost == CostKind.Free)) (o.Cost, o.Price, o.ReducedPrice) = (CostKind.Paid, null, null);
        if (reduced is { } rr && price is { } pp && rr >= pp)
            c.Warn("cost_options", Show((double)rr), "Il prezzo con la Carta Famiglia non è inferiore al prezzo intero: importato solo il prezzo intero.");
    }

    static void Area(JsonElement s, Opportunity o, bool isNew, Context c)
    {
        var attributes = Array(s, "attributes").ToList();
        var terms = attributes.Select(a => a.TryGetProperty("taxonomy_term", out var t) ? (Code: Str(t, "code"), Name: Str(t, "name")) : (Code: Str(a, "value"), Name: (string?)null)).ToList();
        var match = c.Areas.FirstOrDefault(a => terms.Any(t => t.Code == a.Code || t.Name is not null && Text.SearchKey(t.Name) == Text.SearchKey(a.Name)));
        if (match is not null) { o.AreaId = match.Id; return; }
        if (!isNew && attributes.Count == 0) return;
        var described = string.Join(", ", terms.Select(t => t.Name ?? t.Code).Where(x => !string.IsNullOrWhiteSpace(x)));
        if (isNew) o.AreaId = c.Areas[0].Id;
        var area = c.Areas.First(a => a.Id == o.AreaId);
        c.Warn("attributes", described.Length > 0 ? described : null,
            $"Nessuna categoria corrisponde a un'area della rete (per codice o nome): l'opportunità è nell'area «{area.Name}», da verificare.");
    }

    // ---- places ----

    static readonly HashSet<string> LocationTaken = ["name", "latitude", "longitude", "addresses", "accessibility", "location_type", "schedules"];
    static readonly HashSet<string> AddressTaken = ["address_1", "address_2", "city", "region", "state_province", "postal_code", "country", "address_type"];

    /// <summary>Adds and updates the places the item mentions (never removes one); returns the schedules found at the places.</summary>
    async Task<List<(JsonElement Schedule, string Field)>> PlacesAsync(JsonElement s, Opportunity o, string serviceName, Context c)
    {
        var schedules = new List<(JsonElement, string)>();
        var accessibility = new List<string>();
        var sals = Array(s, "service_at_locations").ToList();
        for (var i = 0; i < sals.Count; i++)
        {
            var sal = sals[i];
            var path = $"service_at_locations[{i}]";
            schedules.AddRange(Array(sal, "schedules").Select((x, k) => (x, $"{path}.schedules[{k}]")));
            Rest(sal, path + ".", c, ["location", "schedules"]);
            if (!sal.TryGetProperty("location", out var l) || l.ValueKind != JsonValueKind.Object)
            {
                c.Warn(path, Str(sal, "location_id"), "Il luogo non è descritto (manca location): non importato.");
                continue;
            }
            var lp = path + ".location.";
            schedules.AddRange(Array(l, "schedules").Select((x, k) => (x, $"{lp}schedules[{k}]")));
            var key = Str(l, "id") ?? Str(sal, "location_id") ?? "name:" + Str(l, "name");
            var localId = Guid.TryParse(key, out var direct) && o.Locations.Any(x => x.Id == direct) ? direct : Derived(o.Id, "location:" + key.Trim().ToLowerInvariant());
            var place = o.Locations.FirstOrDefault(x => x.Id == localId);
            if (place is null)
            {
                if (await db.OpportunityLocations.AnyAsync(x => x.Id == localId)) { c.Warn(path, key, "Identificativo interno del luogo già in uso: luogo non importato."); continue; }
                place = new OpportunityLocation { Id = localId, OpportunityId = o.Id, Name = serviceName };
                db.OpportunityLocations.Add(place); // added explicitly: a new place with its key set would otherwise be taken for an existing one
                o.Locations.Add(place);
            }
            if (Str(l, "name")?.Trim() is { Length: > 0 } placeName)
            {
                place.Name = Limit(placeName, 200)!;
                if (placeName.Length > 200) c.Warn(lp + "name", placeName, "Il nome del luogo supera i 200 caratteri: troncato.");
            }
            var lat = Num(l, "latitude"); var lon = Num(l, "longitude");
            if (lat is not null || lon is not null)
            {
                if (lat is >= -90 and <= 90 && lon is >= -180 and <= 180) (place.Latitude, place.Longitude) = (lat, lon);
                else c.Warn(lp + "latitude", $"{(lat is { } a ? Show(a) : "—")}, {(lon is { } b ? Show(b) : "—")}", "Coordinate mancanti o fuori dalla Terra: posizione sulla mappa non importata.");
            }
            if (Str(l, "location_type") is { Length: > 0 } type && type != "physical")
                c.Warn(lp + "location_type", type, "Il catalogo descrive luoghi fisici: il luogo è importato come tale.");
            var addresses = Array(l, "addresses").ToList();
            if (addresses.Count > 0)
            {
                var chosen = addresses.FindIndex(a => Str(a, "address_type") is null or "physical");
                if (chosen < 0) chosen = 0;
                var a = addresses[chosen];
                var city = string.Join(" ", new[] { Str(a, "postal_code"), Str(a, "city") }.Where(x => !string.IsNullOrWhiteSpace(x)));
                var country = Str(a, "country") is { Length: > 0 } cc && !cc.Equals("IT", StringComparison.OrdinalIgnoreCase) ? cc : null;
                var parts = new[] { Str(a, "address_1"), Str(a, "address_2"), city, Str(a, "region"), Str(a, "state_province"), country }
                    .Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()).Distinct().ToList();
                var address = string.Join(", ", parts);
                if (address.Length > 300) c.Warn($"{lp}addresses[{chosen}]", address, "L'indirizzo supera i 300 caratteri: troncato.");
                if (address.Length > 0) place.Address = Limit(address, 300);
                Rest(a, $"{lp}addresses[{chosen}].", c, AddressTaken);
                for (var k = 0; k < addresses.Count; k++)
                    if (k != chosen) c.Warn($"{lp}addresses[{k}]", Str(addresses[k], "address_1") ?? Summary(addresses[k]), "Il catalogo tiene un indirizzo per luogo: importato il primo fisico.");
            }
            var access = Array(l, "accessibility").ToList();
            for (var k = 0; k < access.Count; k++)
            {
                var text = string.Join(" ", new[] { Str(access[k], "description"), Str(access[k], "details") }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()));
                if (text.Length > 0 && !accessibility.Contains(text)) accessibility.Add(text);
                Rest(access[k], $"{lp}accessibility[{k}].", c, ["description", "details"]);
            }
            Rest(l, lp, c, LocationTaken);
        }
        if (accessibility.Count > 0)
        {
            var notes = string.Join("\n", accessibility);
            if (notes.Length > 2000) c.Warn("accessibility", notes, "Le note di accessibilità superano i 2.000 caratteri: troncate.");
            o.AccessibilityNotes = Limit(notes, 2000);
        }
        return schedules;
    }

    // ---- schedules ----

    /// <summary>
    /// Recurring schedules become the opportunity's recurring schedule in words (replacing it, when the item brings any);
    /// dated ones become sessions, added or updated by id, never removed (they may have registrations).
    /// </summary>
    async Task SchedulesAsync(List<(JsonElement Schedule, string Field)> schedules, Opportunity o, Context c)
    {
        var seen = new HashSet<string>();
        var texts = new List<string>();
        foreach (var (schedule, field) in schedules)
        {
            if (schedule.ValueKind != JsonValueKind.Object) continue;
            var key = Str(schedule, "id") ?? schedule.GetRawText();
            if (!seen.Add(key)) continue; // the same schedule at the service, its place and the place's location
            var result = HsdsSchedules.Map(schedule, (f, v, why) => c.Warn(field + f["schedules".Length..], v, why));
            Rest(schedule, field + ".", c, HsdsSchedules.Taken);
            switch (result)
            {
                case HsdsSchedules.Recurring r:
                    if (!texts.Contains(r.Text)) texts.Add(r.Text);
                    break;
                case HsdsSchedules.Dated d:
                    var localId = Guid.TryParse(Str(schedule, "id"), out var direct) && o.Sessions.Any(x => x.Id == direct)
                        ? direct : Derived(o.Id, "schedule:" + key.Trim().ToLowerInvariant());
                    var session = o.Sessions.FirstOrDefault(x => x.Id == localId);
                    if (session is null)
                    {
                        if (await db.OpportunitySessions.AnyAsync(x => x.Id == localId)) { c.Warn(field, key, "Identificativo interno della sessione già in uso: non importata."); break; }
                        session = new OpportunitySession { Id = localId, OpportunityId = o.Id };
                        db.OpportunitySessions.Add(session);
                        o.Sessions.Add(session);
                    }
                    session.StartsAt = d.StartsAt;
                    session.EndsAt = d.EndsAt;
                    break;
            }
        }
        if (texts.Count == 0) return;
        var joined = string.Join("; ", texts);
        if (joined.Length > 500) c.Warn("schedules", joined, "Gli orari superano i 500 caratteri del catalogo: testo troncato.");
        o.ScheduleText = Limit(joined, 500);
    }

    // ---- what is left ----

    static readonly Dictionary<string, string> Why = new()
    {
        ["alternate_name"] = "Il catalogo non ha un nome alternativo.",
        ["contacts"] = "Il catalogo non ha referenti con nome, solo l'e-mail e il telefono dell'opportunità.",
        ["program"] = "Il catalogo non raggruppa le opportunità in programmi.",
        ["programs"] = "Il catalogo non raggruppa le opportunità in programmi.",
        ["required_documents"] = "Il catalogo non ha un elenco di documenti richiesti.",
        ["funding"] = "Il catalogo non registra i finanziamenti.",
        ["service_areas"] = "Il catalogo indica i Comuni della rete, non aree geografiche libere.",
        ["fees_description"] = "Il catalogo descrive il costo con i prezzi in euro (cost_options), non a parole.",
        ["fees"] = "Il catalogo descrive il costo con i prezzi in euro (cost_options), non a parole.",
        ["metadata"] = "La cronologia delle modifiche del file non è importata.",
        ["locations"] = "I luoghi dell'ente non legati a un servizio non sono importati.",
        ["organization_identifiers"] = "Il catalogo tiene solo il codice fiscale o la partita IVA (tax_id).",
        ["languages"] = "Il catalogo indica le lingue dell'opportunità, non di un luogo o di un telefono.",
        ["phones"] = "Il catalogo tiene il telefono dell'opportunità e dell'ente, non di un luogo.",
    };

    /// <summary>Reports every field of the object that was not taken and holds something (ids and links to other objects aside).</summary>
    static void Rest(JsonElement obj, string path, Context c, HashSet<string> taken)
    {
        if (obj.ValueKind != JsonValueKind.Object) return;
        foreach (var p in obj.EnumerateObject())
        {
            if (taken.Contains(p.Name) || p.Name == "id" || p.Name.EndsWith("_id", StringComparison.Ordinal)) continue;
            var reason = (Why.TryGetValue(p.Name, out var why) ? why : "Il catalogo non ha un campo per questo dato.") + " Non importato.";
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                case JsonValueKind.String when string.IsNullOrWhiteSpace(p.Value.GetString()):
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var e in p.Value.EnumerateArray()) c.Warn($"{path}{p.Name}[{i++}]", Summary(e), reason);
                    break;
                case JsonValueKind.Object when p.Value.EnumerateObject().All(x => x.Value.ValueKind == JsonValueKind.Null):
                    break;
                default:
                    c.Warn(path + p.Name, Summary(p.Value), reason);
                    break;
            }
        }
    }

    /// <summary>A readable value for the report: a string as it is, an object by its main text.</summary>
    static string Summary(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return e.GetString()!.Trim();
        if (e.ValueKind == JsonValueKind.Object)
            foreach (var field in new[] { "name", "number", "document", "source", "title", "identifier", "description", "email" })
                if (Str(e, field) is { Length: > 0 } text) return text.Trim();
        return e.GetRawText();
    }

    static string? Fit(Context c, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Trim().Length > max) c.Warn(field, value, $"Il testo supera i {max.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.')} caratteri del catalogo: troncato.");
        return Limit(value, max);
    }

    static bool IsEmail(string e) => new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(e) && e.Length <= 256;
    static bool IsWebsite(string w) => Uri.TryCreate(w, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && w.Length <= 300;
    static string Show(double d) => d.ToString(CultureInfo.InvariantCulture);

    static string? Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    static double? Num(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
        ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;
    static IEnumerable<JsonElement> Array(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
    static string? Limit(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\0", "") is var t && t.Length > max ? t[..max] : t;
    static string? Valid(string? s, Func<string, bool> ok) => !string.IsNullOrWhiteSpace(s) && ok(s.Trim()) ? s.Trim() : null;
}
