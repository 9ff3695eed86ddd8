using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Hsds;

/// <summary>Bulk export of a network's catalogue: every published service, fully nested, as HSDS JSON or as HSDS tabular CSV files in a zip.</summary>
public static class HsdsExport
{
    const int Batch = 500;

    /// <summary>All the services in batches, so a regional catalogue never sits in memory at once.</summary>
    static async IAsyncEnumerable<List<HsdsService>> BatchesAsync(AppDbContext db, Guid networkId, string origin)
    {
        for (var skip = 0; ; skip += Batch)
        {
            var rows = await HsdsApi.Services(db, networkId).OrderBy(o => o.Title).ThenBy(o => o.Id).Skip(skip).Take(Batch).ToListAsync();
            if (rows.Count == 0) yield break;
            yield return await HsdsApi.FullServicesAsync(db, rows, networkId, origin);
            db.ChangeTracker.Clear();
        }
    }

    public static async Task<IResult> JsonAsync(string network, AppDbContext db, HttpContext http)
    {
        if (await HsdsApi.NetworkAsync(db, network) is not { } networkId) return HsdsApi.NoNetwork(network);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"hsds-{network}.json\"";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartArray();
        await foreach (var batch in BatchesAsync(db, networkId, HsdsApi.Origin(http)))
        {
            // Serialize(writer, ...) would flush synchronously; raw values keep the response writes asynchronous.
            foreach (var service in batch) writer.WriteRawValue(JsonSerializer.SerializeToUtf8Bytes(service, HsdsApi.Json), skipInputValidation: true);
            await writer.FlushAsync();
        }
        writer.WriteEndArray();
        await writer.FlushAsync();
        return Results.Empty;
    }

    public static async Task<IResult> CsvZipAsync(string network, AppDbContext db, HttpContext http)
    {
        if (await HsdsApi.NetworkAsync(db, network) is not { } networkId) return HsdsApi.NoNetwork(network);
        // One temporary file per table while the rows come in; then each goes into the zip in turn
        // (a zip being written can only have one entry open at a time).
        var tables = new Dictionary<string, (string Path, StreamWriter Writer)>();
        void Row(string table, string[] columns, params object?[] values)
        {
            if (!tables.TryGetValue(table, out var t))
            {
                var tempPath = Path.GetTempFileName();
                t = (tempPath, new StreamWriter(tempPath, false, new UTF8Encoding(false)));
                t.Writer.Write(string.Join(',', columns) + "\r\n");
                tables[table] = t;
            }
            t.Writer.Write(string.Join(',', values.Select(Csv)) + "\r\n");
        }
        try
        {
            string[] orgColumns = ["id", "name", "description", "email", "website", "tax_id"];
            foreach (var p in await db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId).OrderBy(p => p.NameKey).ToListAsync())
                Row("organizations", orgColumns, p.Id, p.Name, p.Description ?? p.Name, p.Email, p.Website, p.TaxCode);
            await foreach (var batch in BatchesAsync(db, networkId, HsdsApi.Origin(http)))
                foreach (var s in batch)
                {
                    Row("services", ["id", "organization_id", "name", "description", "url", "email", "status", "fees_description", "eligibility_description", "minimum_age", "maximum_age", "last_modified"],
                        s.Id, s.OrganizationId, s.Name, s.Description, s.Url, s.Email, s.Status, s.FeesDescription, s.EligibilityDescription, s.MinimumAge, s.MaximumAge, s.LastModified);
                    foreach (var sal in s.ServiceAtLocations ?? [])
                    {
                        Row("service_at_locations", ["id", "service_id", "location_id"], sal.Id, sal.ServiceId, sal.LocationId);
                        if (sal.Location is { } l) Row("locations", ["id", "location_type", "name", "latitude", "longitude"], l.Id, l.LocationType, l.Name, l.Latitude, l.Longitude);
                        foreach (var a in sal.Location?.Addresses ?? [])
                            Row("addresses", ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"], a.Id, a.LocationId, a.Address1, a.City, a.StateProvince, a.PostalCode, a.Country, a.AddressType);
                    }
                    foreach (var c in s.CostOptions ?? []) Row("cost_options", ["id", "service_id", "option", "currency", "amount", "amount_description"], c.Id, c.ServiceId, c.Option, c.Currency, c.Amount, c.AmountDescription);
                    foreach (var sc in s.Schedules ?? []) Row("schedules", ["id", "service_id", "valid_from", "valid_to", "dtstart", "opens_at", "closes_at", "description"], sc.Id, sc.ServiceId, sc.ValidFrom, sc.ValidTo, sc.Dtstart, sc.OpensAt, sc.ClosesAt, sc.Description);
                    foreach (var lang in s.Languages ?? []) Row("languages", ["id", "service_id", "name"], lang.Id, lang.ServiceId, lang.Name);
                    foreach (var at in s.Attributes ?? []) Row("attributes", ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity"], at.Id, at.LinkId, at.TaxonomyTermId, at.LinkType, at.LinkEntity);
                }
            foreach (var a in await db.NetworkAreas.AsNoTracking().Where(a => a.NetworkId == networkId).OrderBy(a => a.Order).ToListAsync())
                Row("taxonomy_terms", ["id", "code", "name", "description", "taxonomy_id", "language"], a.Id, a.Code, a.Name, $"Area «{a.Name}» della rete", HsdsApi.TaxonomyId(networkId), "it");
            Row("taxonomies", ["id", "name", "description", "version"], HsdsApi.TaxonomyId(networkId), "Aree della rete", "Le aree tematiche della rete", "1");
            foreach (var (_, writer) in tables.Values) await writer.DisposeAsync();

            var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, (tempPath, _)) in tables)
                {
                    await using var entry = zip.CreateEntry(name + ".csv", CompressionLevel.Fastest).Open();
                    await using var source = File.OpenRead(tempPath);
                    await source.CopyToAsync(entry);
                }
            file.Position = 0;
            return Results.File(file, "application/zip", $"hsds-{network}.zip");
        }
        finally
        {
            foreach (var (tempPath, writer) in tables.Values) { await writer.DisposeAsync(); File.Delete(tempPath); }
        }
    }

    static string Csv(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
