using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alleanza.Web.Modules.Catalog.Hsds;

/// <summary>One service to import, with the organization it sits under when the file is an organization (organization_full).</summary>
public sealed record HsdsItem(JsonElement Service, JsonElement? Parent);

/// <summary>
/// Reads what an HSDS file holds, whatever its official shape: an array of services (our export), a page of the API
/// ({ "contents": [...] }), one service (service_full), one organization with its services (organization_full), a page or
/// an array of such organizations, or the tabular form (a zip of CSV files, services.csv, organizations.csv …) which is
/// joined back into nested services. Problems come back as Italian sentences, never exception text.
/// </summary>
public static class HsdsSources
{
    public const long MaxUnzippedBytes = 100 * 1024 * 1024;

    public sealed record Read(List<HsdsItem> Items, List<string> Notes, string? Problem, IDisposable? Owner);

    public static async Task<Read> ReadAsync(Stream content)
    {
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        buffer.Position = 0;
        var head = buffer.GetBuffer().AsSpan(0, (int)Math.Min(4, buffer.Length));
        var notes = new List<string>();
        JsonDocument document;
        if (head.Length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            var (tables, problem) = ReadZip(buffer);
            if (problem is not null) return new([], notes, problem, null);
            var services = FromTables(tables!, notes, out problem);
            if (problem is not null) return new([], notes, problem, null);
            document = JsonSerializer.SerializeToDocument(services);
        }
        else
        {
            try { document = await JsonDocument.ParseAsync(buffer, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true }); }
            catch (JsonException e)
            {
                var where = e.LineNumber is { } line ? $" (riga {line + 1})" : "";
                return new([], notes, $"Il file non è JSON valido{where}, né uno zip di tabelle CSV HSDS.", null);
            }
        }
        var items = new List<HsdsItem>();
        var shapeProblem = Collect(document.RootElement, items);
        if (shapeProblem is null && items.Count == 0) shapeProblem = "Il file non contiene servizi da importare.";
        if (shapeProblem is not null) { document.Dispose(); return new([], notes, shapeProblem, null); }
        return new(items, notes, null, document);
    }

    static string? Collect(JsonElement root, List<HsdsItem> items)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var e in root.EnumerateArray()) Add(e, items);
                return null;
            case JsonValueKind.Object when root.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array:
                foreach (var e in contents.EnumerateArray()) Add(e, items);
                return null;
            case JsonValueKind.Object when root.TryGetProperty("openapi_url", out _) || root.TryGetProperty("version", out _) && !root.TryGetProperty("name", out _):
                return "Il file è il documento radice di un'interfaccia HSDS (versione e profilo), senza servizi: importa l'elenco dei servizi (/services?full=true), un ente con i suoi servizi o un'esportazione.";
            case JsonValueKind.Object:
                Add(root, items);
                return null;
            default:
                return "Il file deve contenere servizi HSDS: un elenco, un servizio, un ente con i suoi servizi o una pagina dell'interfaccia.";
        }
    }

    /// <summary>An organization (it has services and no status of its own) brings its services; anything else is a service.</summary>
    static void Add(JsonElement e, List<HsdsItem> items)
    {
        if (e.ValueKind == JsonValueKind.Object && !e.TryGetProperty("status", out _) && e.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Array)
            foreach (var s in services.EnumerateArray()) items.Add(new(s, e));
        else items.Add(new(e, null));
    }

    // ---- the tabular form ----

    static (Dictionary<string, List<Dictionary<string, string>>>? Tables, string? Problem) ReadZip(MemoryStream buffer)
    {
        var tables = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) continue;
                total += entry.Length;
                if (total > MaxUnzippedBytes) return (null, "Lo zip decompresso supera i 100 MB: dividilo in più parti.");
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var name = Path.GetFileNameWithoutExtension(entry.Name);
                var rows = Csv(reader.ReadToEnd());
                if (rows.Count == 0) continue;
                var header = rows[0].Select(h => h.Trim()).ToArray();
                var list = tables.TryGetValue(name, out var existing) ? existing : tables[name] = [];
                foreach (var row in rows.Skip(1))
                {
                    if (row.All(string.IsNullOrWhiteSpace)) continue;
                    var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < header.Length && i < row.Count; i++)
                        if (!string.IsNullOrWhiteSpace(row[i])) record[header[i]] = row[i];
                    list.Add(record);
                }
            }
        }
        catch (InvalidDataException) { return (null, "Lo zip è danneggiato o non leggibile."); }
        return (tables, null);
    }

    /// <summary>RFC 4180: quoted fields with doubled quotes and line breaks inside.</summary>
    internal static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    static readonly HashSet<string> NumericColumns = ["minimum_age", "maximum_age", "amount", "latitude", "longitude", "extension", "year_incorporated", "interval", "count", "timezone"];

    /// <summary>The tables we read; any other CSV in the zip is named in the report.</summary>
    static readonly HashSet<string> KnownTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "services", "organizations", "locations", "addresses", "accessibility", "service_at_locations", "service_at_location", "phones", "languages",
        "schedules", "cost_options", "funding", "required_documents", "contacts", "service_areas", "programs", "attributes", "taxonomy_terms",
        "taxonomies", "organization_identifiers", "metadata", "meta_table_descriptions",
    };

    static JsonObject Node(Dictionary<string, string> row, params string[] leaveOut)
    {
        var o = new JsonObject();
        foreach (var (key, value) in row)
        {
            if (leaveOut.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            if (NumericColumns.Contains(key) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) o[key] = number;
            else o[key] = value;
        }
        return o;
    }

    static JsonArray Nodes(IEnumerable<Dictionary<string, string>> rows, params string[] leaveOut) => new(rows.Select(r => (JsonNode)Node(r, leaveOut)).ToArray());

    static ILookup<string, Dictionary<string, string>> By(Dictionary<string, List<Dictionary<string, string>>> tables, string table, string column) =>
        (tables.TryGetValue(table, out var rows) ? rows : []).Where(r => r.ContainsKey(column)).ToLookup(r => r[column], StringComparer.OrdinalIgnoreCase);

    static string? Get(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var v) ? v : null;

    /// <summary>Joins the HSDS tables back into nested services (as service_full), so one importer serves both forms.</summary>
    static JsonArray FromTables(Dictionary<string, List<Dictionary<string, string>>> tables, List<string> notes, out string? problem)
    {
        problem = null;
        if (!tables.TryGetValue("services", out var serviceRows))
        {
            problem = "Lo zip non contiene services.csv: il formato tabellare HSDS ha una tabella per oggetto (services.csv, organizations.csv, locations.csv …).";
            return [];
        }
        foreach (var name in tables.Keys.Where(t => !KnownTables.Contains(t)).Order())
            notes.Add($"La tabella {name}.csv non fa parte di HSDS 3.0: non letta.");
        foreach (var name in new[] { "metadata", "meta_table_descriptions", "taxonomies" }.Where(tables.ContainsKey))
            notes.Add($"La tabella {name}.csv descrive il file, non i servizi: non importata.");

        var organizations = By(tables, "organizations", "id");
        var organizationPhones = By(tables, "phones", "organization_id");
        var identifiers = By(tables, "organization_identifiers", "organization_id");
        var locations = By(tables, "locations", "id");
        var addresses = By(tables, "addresses", "location_id");
        var accessibility = By(tables, "accessibility", "location_id");
        var sals = By(tables, "service_at_locations", "service_id").Concat(By(tables, "service_at_location", "service_id"))
            .SelectMany(g => g.Select(r => (g.Key, r))).ToLookup(x => x.Key, x => x.r, StringComparer.OrdinalIgnoreCase);
        var programs = By(tables, "programs", "id");
        var terms = By(tables, "taxonomy_terms", "id");
        var attributes = By(tables, "attributes", "link_id");
        string[] children = ["phones", "languages", "schedules", "cost_options", "funding", "required_documents", "contacts", "service_areas"];
        var perService = children.ToDictionary(t => t, t => By(tables, t, "service_id"));

        var result = new JsonArray();
        foreach (var row in serviceRows)
        {
            var service = Node(row, "program_id");
            var id = Get(row, "id") ?? "";
            if (Get(row, "organization_id") is { } orgId && organizations[orgId].FirstOrDefault() is { } org)
            {
                var organization = Node(org);
                // A phone row names every object it belongs to; the organization's own are those that name no service, place or contact.
                var phones = organizationPhones[orgId].Where(p => Get(p, "service_id") is null && Get(p, "location_id") is null && Get(p, "contact_id") is null).ToList();
                if (phones.Count > 0) organization["phones"] = Nodes(phones, "organization_id", "service_id", "location_id", "contact_id", "service_at_location_id");
                if (identifiers[orgId].Any()) organization["organization_identifiers"] = Nodes(identifiers[orgId], "organization_id");
                service["organization"] = organization;
            }
            if (Get(row, "program_id") is { } programId && programs[programId].FirstOrDefault() is { } program) service["program"] = Node(program, "organization_id");
            foreach (var table in children)
            {
                var rows = perService[table][id].ToList();
                if (rows.Count > 0) service[table] = Nodes(rows, "service_id", "location_id", "organization_id", "contact_id", "service_at_location_id", "phone_id");
            }
            var here = new JsonArray();
            foreach (var salRow in sals[id])
            {
                var sal = Node(salRow, "service_id");
                if (Get(salRow, "location_id") is { } locationId && locations[locationId].FirstOrDefault() is { } locationRow)
                {
                    var location = Node(locationRow, "organization_id");
                    if (addresses[locationId].Any()) location["addresses"] = Nodes(addresses[locationId], "location_id");
                    if (accessibility[locationId].Any()) location["accessibility"] = Nodes(accessibility[locationId], "location_id");
                    sal["location"] = location;
                }
                here.Add(sal);
            }
            if (here.Count > 0) service["service_at_locations"] = here;
            var links = new JsonArray();
            foreach (var attributeRow in attributes[id])
            {
                var attribute = Node(attributeRow, "link_id");
                if (Get(attributeRow, "taxonomy_term_id") is { } termId && terms[termId].FirstOrDefault() is { } term) attribute["taxonomy_term"] = Node(term);
                links.Add(attribute);
            }
            if (links.Count > 0) service["attributes"] = links;
            result.Add(service);
        }
        return result;
    }
}
