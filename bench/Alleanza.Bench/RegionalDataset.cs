using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Alleanza.Bench;

/// <summary>
/// <c>regional</c>: one network (<c>regione</c>) with 1,000 Comuni, ~5,000 partners, the six default areas and
/// 100,000 published opportunities (see <see cref="RegionalData"/>). The app's own migrations create the schema
/// (<c>Alleanza.Web.dll migrate</c>), then the rows go in with raw ADO.NET while the app is stopped: multi-row
/// INSERTs in one transaction on SQLite (FTS table included), binary COPY on PostgreSQL (the generated
/// <c>SearchVector</c> column and its GIN index are filled by the server).
/// The SQLite file is kept in bench/.cache, keyed by the migrated schema, the generator version and the week;
/// PostgreSQL is loaded every time (bench/run starts a new server).
/// </summary>
public sealed class RegionalDataset : IDataset
{
    public string Name => "regional";
    public string Description =>
        $"One network '{RegionalData.Slug}': {RegionalData.ComuneCount:N0} Comuni, ~5,000 partners, {RegionalData.OpportunityCount:N0} published opportunities (generated, raw ADO.NET).";

    public void ConfigureApp(IDictionary<string, string> environment) { }

    public async Task PrepareAsync(DatasetContext context, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await context.MigrateAsync(ct);
        var migrated = watch.Elapsed;
        var data = new RegionalData(DateTime.UtcNow.Date);
        if (context.Provider == Provider.Sqlite) await PrepareSqliteAsync(context, data, migrated, ct);
        else await PreparePostgresAsync(context, data, migrated, ct);
    }

    // ------------------------------------------------------------------------------------------------ SQLite

    static async Task PrepareSqliteAsync(DatasetContext context, RegionalData data, TimeSpan migrated, CancellationToken ct)
    {
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(context.ConnectionString).DataSource);
        var key = SqliteCacheKey(file, data);
        if (SqliteCache.TryRestore(context, "regional", key, file)) return;

        var total = Stopwatch.StartNew();
        var counts = await LoadSqliteAsync(file, data, context.Log, ct);
        var load = total.Elapsed;
        var info = $"generated {load.TotalSeconds:0} s after {migrated.TotalSeconds:0} s of migrations, {counts}, {DateTime.UtcNow:yyyy-MM-dd}";
        context.Log.WriteLine($">> [sqlite] regional: {info}");
        context.Notes.Add($"sqlite: {info}");

        SqliteCache.Keep(context, "regional", key, file, info);
    }

    /// <summary>The migrated schema (every CREATE statement and the applied migrations), the generator version, the size and the week of the calendar.</summary>
    static string SqliteCacheKey(string file, RegionalData data)
    {
        var sb = new StringBuilder();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
            using var reader = command.ExecuteReader();
            while (reader.Read()) sb.Append(reader.GetString(0)).Append('|').Append(reader.GetString(1)).Append('|').Append(reader.GetString(2)).Append('\n');
            reader.Close();
            command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
            using var migrations = command.ExecuteReader();
            while (migrations.Read()) sb.Append(migrations.GetString(0)).Append('\n');
        }
        sb.Append(CultureInfo.InvariantCulture, $"v{RegionalData.Version}|{RegionalData.OpportunityCount}|{data.BaseDate:yyyy-MM-dd}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    static string Id(Guid id) => id.ToString("D").ToUpperInvariant();                               // EF Core's TEXT form of a Guid on SQLite
    static string When(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture); // and of a DateTime
    static object? Money(decimal? d) => d?.ToString("0.0###########################", CultureInfo.InvariantCulture); // and of a decimal

    static async Task<string> LoadSqliteAsync(string file, RegionalData data, TextWriter log, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        // Alone on the file: no journal while loading (a failed load leaves a scratch file nobody uses), WAL again afterwards.
        await Exec(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        await using var tx = connection.BeginTransaction();
        // Child rows may reach the database before their parent's batch does: check the foreign keys at COMMIT.
        await using (var defer = connection.CreateCommand())
        {
            defer.Transaction = tx;
            defer.CommandText = "PRAGMA defer_foreign_keys = ON;";
            await defer.ExecuteNonQueryAsync(ct);
        }
        var watch = Stopwatch.StartNew();

        var n = data.Network;
        using (var insert = new SqliteBulk(connection, tx, "Networks", ["Id", "Slug", "Name", "Description", "Region", "ContactEmail", "CreatedAt"]))
            insert.Add(Id(n.Id), n.Slug, n.Name, n.Description, n.Region, n.ContactEmail, When(n.CreatedAt));
        using (var insert = new SqliteBulk(connection, tx, "NetworkAreas", ["Id", "NetworkId", "Code", "Name", "Order"]))
            foreach (var a in data.Areas) insert.Add(Id(a.Id), Id(n.Id), a.Code, a.Name, a.Order);
        using (var insert = new SqliteBulk(connection, tx, "Comuni", ["Id", "NetworkId", "Name", "Province", "IstatCode"]))
            foreach (var c in data.Comuni) insert.Add(Id(c.Id), Id(n.Id), c.Name, c.Province, c.IstatCode);
        using (var insert = new SqliteBulk(connection, tx, "Partners",
                   ["Id", "NetworkId", "Name", "NameKey", "Kind", "Description", "Address", "PostalCode", "City", "Email", "Phone", "Website", "TaxCode", "CreatedAt", "UpdatedAt"]))
            foreach (var p in data.Partners)
                insert.Add(Id(p.Id), Id(n.Id), p.Name, SearchText.Key(p.Name), p.Kind, p.Description, p.Address, p.PostalCode, p.City, p.Email, p.Phone, p.Website, p.TaxCode,
                    When(n.CreatedAt), When(n.CreatedAt));
        using (var insert = new SqliteBulk(connection, tx, "PartnerComuni", ["PartnerId", "ComuneId"]))
            foreach (var p in data.Partners)
                foreach (var c in p.Served) insert.Add(Id(p.Id), Id(data.Comuni[c].Id));

        long comuni = 0, sessions = 0;
        using (var opportunities = new SqliteBulk(connection, tx, "Opportunities", OpportunityColumns))
        using (var links = new SqliteBulk(connection, tx, "OpportunityComuni", ["OpportunityId", "ComuneId"]))
        using (var locations = new SqliteBulk(connection, tx, "OpportunityLocations", ["Id", "OpportunityId", "Name", "Address", "Latitude", "Longitude"]))
        using (var dates = new SqliteBulk(connection, tx, "OpportunitySessions", ["Id", "OpportunityId", "StartsAt", "EndsAt", "Capacity", "Taken", "RegistrationOpen"]))
        using (var search = new SqliteBulk(connection, tx, "OpportunitySearch", ["OpportunityId", "Title", "Body"]))
        {
            foreach (var o in data.Opportunities())
            {
                ct.ThrowIfCancellationRequested();
                var id = Id(o.Id);
                opportunities.Add(id, Id(n.Id), Id(o.PartnerId), o.Kind, o.Title, o.Description, Id(o.AreaId), o.Categories, o.AgeFromMonths, o.AgeToMonths,
                    o.Cost, Money(o.Price), Money(o.ReducedPrice), o.Eligibility, o.Languages, o.AccessibilityNotes, o.ScheduleText, o.ContactEmail, o.ContactPhone,
                    RegionalData.Published, null, o.SearchText, When(o.CreatedAt), When(o.UpdatedAt), When(o.PublishedAt));
                foreach (var c in o.Comuni) { links.Add(id, Id(c)); comuni++; }
                var l = o.Location;
                locations.Add(Id(l.Id), id, l.Name, l.Address, l.Latitude, l.Longitude);
                foreach (var s in o.Sessions)
                {
                    dates.Add(Id(s.Id), id, When(s.StartsAt), When(s.EndsAt), s.Capacity, s.Taken, s.RegistrationOpen ? 1 : 0);
                    sessions++;
                }
                // What FullTextSearch.IndexAsync writes for a published opportunity.
                search.Add(id, SearchText.Key(o.Title), SearchText.Key(o.Description + " " + o.Categories));
            }
        }
        await tx.CommitAsync(ct);
        log.WriteLine($">> [sqlite] regional: rows inserted in {watch.Elapsed.TotalSeconds:0.0} s");
        await Exec(connection, "PRAGMA journal_mode=WAL;");
        return $"{RegionalData.OpportunityCount:N0} opportunities, {comuni:N0} Comuni links, {sessions:N0} sessions, {new FileInfo(file).Length / 1048576.0:0} MiB";
    }

    static readonly string[] OpportunityColumns =
    [
        "Id", "NetworkId", "PartnerId", "Kind", "Title", "Description", "AreaId", "Categories", "AgeFromMonths", "AgeToMonths",
        "Cost", "Price", "ReducedPrice", "Eligibility", "Languages", "AccessibilityNotes", "ScheduleText", "ContactEmail", "ContactPhone",
        "Status", "ModerationNote", "SearchText", "CreatedAt", "UpdatedAt", "PublishedAt",
    ];

    static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Multi-row INSERT for SQLite: one prepared statement with <see cref="RowsPerStatement"/> rows of parameters,
    /// executed each time it fills up; what is left at the end goes in one row at a time.
    /// </summary>
    sealed class SqliteBulk : IDisposable
    {
        const int RowsPerStatement = 64;
        readonly SqliteConnection connection;
        readonly SqliteTransaction tx;
        readonly string table;
        readonly string[] columns;
        readonly SqliteCommand batch;
        readonly List<object?[]> pending = [];
        int rows;

        readonly int[] keep;

        public SqliteBulk(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns)
        {
            this.connection = connection;
            this.tx = tx;
            this.table = table;
            this.columns = columns;
            keep = ColumnsToWrite();
            batch = Command(RowsPerStatement);
        }

        /// <summary>The generator's columns the table has (PRAGMA table_info); see <see cref="Keep"/>.</summary>
        int[] ColumnsToWrite()
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"PRAGMA table_info(\"{table}\")";
            var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
            using (var r = command.ExecuteReader())
                while (r.Read()) existing[r.GetString(1)] = r.GetInt64(3) == 1 && r.IsDBNull(4) && r.GetInt64(5) == 0;
            return Keep(table, columns, existing);
        }

        SqliteCommand Command(int rowCount)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            var sb = new StringBuilder($"INSERT INTO \"{table}\" ({string.Join(", ", keep.Select(i => $"\"{columns[i]}\""))}) VALUES ");
            for (var r = 0; r < rowCount; r++)
            {
                sb.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < keep.Length; c++)
                {
                    var name = $"$p{r * keep.Length + c}";
                    sb.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                }
                sb.Append(')');
            }
            command.CommandText = sb.ToString();
            command.Prepare();
            return command;
        }

        public void Add(params object?[] values)
        {
            if (values.Length != columns.Length) throw new InvalidOperationException($"{table}: {values.Length} values for {columns.Length} columns");
            var offset = rows * keep.Length;
            for (var c = 0; c < keep.Length; c++) batch.Parameters[offset + c].Value = values[keep[c]] ?? DBNull.Value;
            pending.Add(values);
            if (++rows < RowsPerStatement) return;
            batch.ExecuteNonQuery();
            rows = 0;
            pending.Clear();
        }

        public void Dispose()
        {
            if (pending.Count > 0)
            {
                using var single = Command(1);
                foreach (var values in pending)
                {
                    for (var c = 0; c < keep.Length; c++) single.Parameters[c].Value = values[keep[c]] ?? DBNull.Value;
                    single.ExecuteNonQuery();
                }
            }
            batch.Dispose();
        }
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    static async Task PreparePostgresAsync(DatasetContext context, RegionalData data, TimeSpan migrated, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(context.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ToString());
        await connection.OpenAsync(ct);
        await Exec(connection, "SET synchronous_commit = off; SET maintenance_work_mem = '256MB';", ct);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var n = data.Network;
            await Copy(connection, "Networks", ["Id", "Slug", "Name", "Description", "Region", "ContactEmail", "CreatedAt"], [n], x =>
                V(x.Id, x.Slug, x.Name, x.Description, x.Region, x.ContactEmail, x.CreatedAt), ct);
            await Copy(connection, "NetworkAreas", ["Id", "NetworkId", "Code", "Name", "Order"], data.Areas, a => V(a.Id, n.Id, a.Code, a.Name, a.Order), ct);
            await Copy(connection, "Comuni", ["Id", "NetworkId", "Name", "Province", "IstatCode"], data.Comuni, c => V(c.Id, n.Id, c.Name, c.Province, c.IstatCode), ct);
            await Copy(connection, "Partners",
                ["Id", "NetworkId", "Name", "NameKey", "Kind", "Description", "Address", "PostalCode", "City", "Email", "Phone", "Website", "TaxCode", "CreatedAt", "UpdatedAt"],
                data.Partners, p => V(p.Id, n.Id, p.Name, SearchText.Key(p.Name), p.Kind, p.Description, p.Address, p.PostalCode, p.City, p.Email, p.Phone,
                    p.Website, p.TaxCode, n.CreatedAt, n.CreatedAt), ct);
            await Copy(connection, "PartnerComuni", ["PartnerId", "ComuneId"], data.Partners.SelectMany(p => p.Served.Select(c => (p.Id, data.Comuni[c].Id))),
                x => V(x.Item1, x.Item2), ct);

            // The opportunities stream from the generator; their Comuni, locations and sessions are small and wait in memory
            // for their own COPY (one COPY at a time on a connection).
            var links = new List<(Guid, Guid)>(RegionalData.OpportunityCount * 2);
            var locations = new List<(Guid Opportunity, GenLocation Location)>(RegionalData.OpportunityCount);
            var sessions = new List<(Guid Opportunity, GenSession Session)>(RegionalData.OpportunityCount * 3);
            var copyWatch = Stopwatch.StartNew();
            await Copy(connection, "Opportunities", OpportunityColumns, data.Opportunities(), o =>
            {
                foreach (var c in o.Comuni) links.Add((o.Id, c));
                locations.Add((o.Id, o.Location));
                foreach (var s in o.Sessions) sessions.Add((o.Id, s));
                return V(o.Id, n.Id, o.PartnerId, o.Kind, o.Title, o.Description, o.AreaId, o.Categories, o.AgeFromMonths, o.AgeToMonths,
                    o.Cost, o.Price, o.ReducedPrice, o.Eligibility, o.Languages, o.AccessibilityNotes, o.ScheduleText, o.ContactEmail, o.ContactPhone,
                    RegionalData.Published, null, o.SearchText, o.CreatedAt, o.UpdatedAt, o.PublishedAt);
            }, ct);
            context.Log.WriteLine($">> [postgres] regional: opportunities copied in {copyWatch.Elapsed.TotalSeconds:0.0} s (search vector and GIN index included)");
            await Copy(connection, "OpportunityComuni", ["OpportunityId", "ComuneId"], links, x => V(x.Item1, x.Item2), ct);
            await Copy(connection, "OpportunityLocations", ["Id", "OpportunityId", "Name", "Address", "Latitude", "Longitude"], locations,
                x => V(x.Location.Id, x.Opportunity, x.Location.Name, x.Location.Address, x.Location.Latitude, x.Location.Longitude), ct);
            await Copy(connection, "OpportunitySessions", ["Id", "OpportunityId", "StartsAt", "EndsAt", "Capacity", "Taken", "RegistrationOpen"], sessions,
                x => V(x.Session.Id, x.Opportunity, x.Session.StartsAt, x.Session.EndsAt, x.Session.Capacity, x.Session.Taken, x.Session.RegistrationOpen), ct);
            await tx.CommitAsync(ct);
            var loaded = watch.Elapsed;
            context.Log.WriteLine($">> [postgres] regional: rows copied in {loaded.TotalSeconds:0.0} s; VACUUM ANALYZE");
            // What autovacuum would do on its own a minute later, in the middle of a measurement: statistics and visibility map now.
            await Exec(connection, "VACUUM ANALYZE;", ct);
            var size = await Scalar(connection, "SELECT pg_size_pretty(pg_database_size(current_database()))", ct);
            var info = $"generated {watch.Elapsed.TotalSeconds:0} s (COPY {loaded.TotalSeconds:0} s, VACUUM ANALYZE {(watch.Elapsed - loaded).TotalSeconds:0} s) after {migrated.TotalSeconds:0} s of migrations, " +
                $"{RegionalData.OpportunityCount:N0} opportunities, {links.Count:N0} Comuni links, {sessions.Count:N0} sessions, {size}";
            context.Log.WriteLine($">> [postgres] regional: {info}");
            context.Notes.Add($"postgres: {info}");
        }
    }

    static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<string> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    static object?[] V(params object?[] values) => values;

    // Synchronous writes: millions of small values, and nothing else runs on this thread meanwhile.
    static async Task Copy<T>(NpgsqlConnection connection, string table, string[] columns, IEnumerable<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        var keep = await ColumnsToWriteAsync(connection, table, columns, ct);
        var sql = $"COPY \"{table}\" ({string.Join(", ", keep.Select(i => $"\"{columns[i]}\""))}) FROM STDIN (FORMAT BINARY)";
        using var writer = connection.BeginBinaryImport(sql);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var v = values(row);
            if (v.Length != columns.Length) throw new InvalidOperationException($"{table}: {v.Length} values for {columns.Length} columns");
            writer.StartRow();
            foreach (var i in keep) Write(writer, v[i]);
        }
        writer.Complete();
    }

    /// <summary>
    /// Which of the generator's columns the table has (the schema moves while the app is built: a column the migrations
    /// dropped is skipped); fails when the table has a required column the generator does not fill.
    /// </summary>
    static async Task<int[]> ColumnsToWriteAsync(NpgsqlConnection connection, string table, string[] columns, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT column_name, is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) existing[r.GetString(0)] = r.GetBoolean(1);
        return Keep(table, columns, existing);
    }

    static int[] Keep(string table, string[] columns, Dictionary<string, bool> existing)
    {
        if (existing.Count == 0) throw new BenchException($"regional: table {table} not found after the migrations");
        var missing = existing.Where(c => c.Value && !columns.Contains(c.Key)).Select(c => c.Key).ToList();
        if (missing.Count > 0)
            throw new BenchException($"regional: {table}.{string.Join(", ", missing)} is required and the generator does not fill it; update bench/Alleanza.Bench/RegionalDataset.cs");
        return [.. Enumerable.Range(0, columns.Length).Where(i => existing.ContainsKey(columns[i]))];
    }

    /// <summary>One value of a binary COPY, typed as the migrations made the columns (uuid, text, integer, timestamptz...).</summary>
    static void Write(NpgsqlBinaryImporter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNull(); break;
            case Guid g: w.Write(g, NpgsqlDbType.Uuid); break;
            case string s: w.Write(s, NpgsqlDbType.Text); break;
            case int i: w.Write(i, NpgsqlDbType.Integer); break;
            case bool b: w.Write(b, NpgsqlDbType.Boolean); break;
            case double d: w.Write(d, NpgsqlDbType.Double); break;
            case decimal m: w.Write(m, NpgsqlDbType.Numeric); break;
            case DateTime t: w.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
            default: throw new InvalidOperationException($"COPY: no mapping for {v.GetType()}");
        }
    }
}
