using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alleanza.Web.Platform.Statistics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Alleanza.Bench;

/// <summary>
/// <c>cards</c>: the Family Card at regional scale (<see cref="CardsData"/>): 1M households, 2M cards, 20k shops, 10M
/// redemptions with their monthly sums, one till key per merchant, the network's signing key, and two accounts for the
/// statistics pages (coordinator and merchant of partner 0, password <see cref="CardsData.Password"/>).
/// The schema comes from the app's migrations; the big tables' secondary indexes are dropped while loading and made
/// again afterwards with the migrations' own definitions. SQLite: multi-row prepared INSERTs in one transaction, the
/// file kept in bench/.cache (keyed by schema, generator version, scale and day); PostgreSQL: binary COPY (foreign-key
/// triggers off while loading when the server allows it), then VACUUM ANALYZE.
/// </summary>
public sealed class CardsDataset : IDataset
{
    public string Name => "cards";
    public string Description =>
        $"Family Card at scale {CardsData.Scale:0.###}: {CardsData.Households:N0} households, {CardsData.Cards:N0} cards, {CardsData.Shops:N0} shops, {CardsData.Redemptions:N0} redemptions (network '{CardsData.Slug}').";

    // The till API's rate limit is per key: lift it so that the load measures the verification.
    public void ConfigureApp(IDictionary<string, string> environment)
    {
        environment["FamilyCard__ApiRequestsPerSecond"] = "1000000";
        environment["Plans__IndicatorRefreshInterval"] = "7.00:00:00";
    }

    static readonly string[] BigTables = ["Redemptions", "Registrations", "Opportunities", "OpportunityComuni", "OpportunitySessions", "FamilyCards", "HouseholdMembers", "Households", "AspNetUsers", "RedemptionMonths", "CardDevices"];

    public async Task PrepareAsync(DatasetContext context, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await context.MigrateAsync(ct);
        var migrated = watch.Elapsed;
        var data = new CardsData(DateTime.UtcNow.Date);
        if (context.Provider == Provider.Sqlite) await PrepareSqliteAsync(context, data, migrated, ct);
        else await PreparePostgresAsync(context, data, migrated, ct);
    }

    // ------------------------------------------------------------------------------------------------ the rows

    /// <summary>Writes every table through <paramref name="open"/> (one table at a time: a PostgreSQL COPY holds its connection).</summary>
    static async Task<string> WriteAsync(CardsData d, Func<string, string[], Sink> open, TextWriter log, string engine, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        void Step(string what) => log.WriteLine($">> [{engine}] cards: {what} ({watch.Elapsed.TotalSeconds:0} s)");
        var r = d.Regional;
        var n = r.Network;
        var created = d.Now.AddYears(-5);
        using (var t = open("Networks", ["Id", "Slug", "Name", "Description", "Region", "ContactEmail", "CreatedAt"]))
            t.Add(n.Id, n.Slug, n.Name, n.Description, n.Region, n.ContactEmail, n.CreatedAt);
        using (var t = open("Comuni", ["Id", "NetworkId", "Name", "Province", "IstatCode"]))
            foreach (var c in r.Comuni) t.Add(c.Id, n.Id, c.Name, c.Province, c.IstatCode);
        using (var t = open("Partners", ["Id", "NetworkId", "Name", "NameKey", "Kind", "Description", "Address", "PostalCode", "City", "Email", "Phone", "Website", "TaxCode", "CreatedAt", "UpdatedAt"]))
            for (var p = 0; p < CardsData.Partners; p++)
            {
                var name = $"Esercizio {p:D5}";
                t.Add(CardsData.PartnerId(p), n.Id, name, name.ToLowerInvariant(), 8, "Negozio convenzionato con la Carta Famiglia.", "Via Roma 1", "20100",
                    r.Comuni[d.ComuneOfShop(p * 2)].Name, $"negozio{p}@esempio.it", null, null, null, created, created);
            }
        using (var t = open("Shops", ["Id", "NetworkId", "PartnerId", "Name", "NameKey", "Address", "ComuneId", "Latitude", "Longitude", "OpeningHours", "Phone", "Category", "CreatedAt", "UpdatedAt"]))
            for (var s = 0; s < CardsData.Shops; s++)
            {
                var p = CardsData.PartnerOfShop(s);
                var comune = r.Comuni[d.ComuneOfShop(s)];
                var name = $"Esercizio {p:D5} — punto {s % CardsData.ShopsPerPartner + 1}";
                t.Add(CardsData.ShopId(s), n.Id, CardsData.PartnerId(p), name, name.ToLowerInvariant(), $"Via Garibaldi {s % 200 + 1}", comune.Id,
                    comune.Latitude, comune.Longitude, null, null, (int)(p % 9) + 1, created, created);
            }
        using (var t = open("Offers", ["Id", "NetworkId", "PartnerId", "Title", "Kind", "Percent", "Amount", "Description", "Conditions", "ValidFrom", "ValidUntil", "Status",
                   "ModerationNote", "CreatedAt", "UpdatedAt", "PublishedAt"]))
            for (var p = 0; p < CardsData.Partners; p++)
                t.Add(CardsData.OfferId(p), n.Id, CardsData.PartnerId(p), "10% su tutto", 1, 10m, null, null, null, null, null, 3, null, created, created, created);
        using (var t = open("PartnerApiKeys", ["Id", "NetworkId", "PartnerId", "Name", "Prefix", "KeyHash", "CreatedAt", "CreatedByUserId", "RevokedAt", "LastUsedAt"]))
            for (var p = 0; p < CardsData.Partners; p++)
            {
                var key = CardsData.ApiKey(p);
                t.Add(CardsData.ApiKeyId(p), n.Id, CardsData.PartnerId(p), "Cassa 1", key[..12], CardsData.ApiKeyHash(key), created, null, null, null);
            }
        using (var network = CardsData.NetworkKey())
        using (var t = open("CardSigningKeys", ["Id", "NetworkId", "Kid", "PublicKey", "ProtectedPrivateKey", "CreatedAt", "RetiredAt"]))
            // The app never signs with it here (verification needs only the public key); the private part stays with the bench.
            t.Add(CardsData.SigningKeyId, n.Id, CardsData.Kid, network.ExportSubjectPublicKeyInfo(), "bench: not stored", created, null);
        Step("network, Comuni, partners, shops, offers, till keys");

        // A catalogue (published by the merchants' partners: who publishes does not matter to the dashboard), so that the
        // households have something to register for.
        using (var t = open("NetworkAreas", ["Id", "NetworkId", "Code", "Name", "Order"]))
            for (var a = 0; a < RegionalData.AreaDefaults.Length; a++)
                t.Add(CardsData.AreaId(a), n.Id, RegionalData.AreaDefaults[a].Code, RegionalData.AreaDefaults[a].Name, a);
        using (var t = open("Opportunities", ["Id", "NetworkId", "PartnerId", "Kind", "Title", "Description", "AreaId", "Categories", "AgeFromMonths", "AgeToMonths",
                   "Cost", "Price", "ReducedPrice", "Eligibility", "Languages", "AccessibilityNotes", "ScheduleText", "ContactEmail", "ContactPhone", "Status",
                   "ModerationNote", "SearchText", "CreatedAt", "UpdatedAt", "PublishedAt"]))
            for (var o = 0; o < CardsData.Opportunities; o++)
            {
                var title = $"Laboratorio per famiglie {o:D5}";
                var description = "Incontri settimanali per bambini e genitori.";
                t.Add(CardsData.OpportunityId(o), n.Id, CardsData.PartnerId(o % CardsData.Partners), 2, title, description, CardsData.AreaId(o % RegionalData.AreaDefaults.Length),
                    null, 36, 131, 1, null, null, null, null, null, null, null, null, 3, null, $"{title.ToLowerInvariant()} {description.ToLowerInvariant()}", created, created, created);
            }
        using (var t = open("OpportunityComuni", ["OpportunityId", "ComuneId"]))
            for (var o = 0; o < CardsData.Opportunities; o++)
            {
                var (first, second) = d.ComuniOfOpportunity(o);
                t.Add(CardsData.OpportunityId(o), r.Comuni[first].Id);
                t.Add(CardsData.OpportunityId(o), r.Comuni[second].Id);
            }
        using (var t = open("OpportunitySessions", ["Id", "OpportunityId", "StartsAt", "EndsAt", "Capacity", "Taken", "RegistrationOpen"]))
            for (var x = 0; x < CardsData.Sessions; x++)
            {
                var startsAt = d.Now.AddDays(-700 + 7 * (x % 110));
                t.Add(CardsData.SessionId(x), CardsData.OpportunityId(x / CardsData.SessionsPerOpportunity), startsAt, startsAt.AddHours(2), null, 0, true);
            }
        Step($"{CardsData.Opportunities:N0} opportunities, {CardsData.Sessions:N0} sessions");

        // A network Piano Family covering this year and the last, with one objective and the four bound indicators, so the
        // dashboard shows a plan as a regional network would have. Their values are stored as PlanIndicatorRefresher keeps
        // them (the app gets a refresh interval of a week, so it does not count them again during the measurements; what
        // counting them costs is measured apart, see bench/README.md). The values are placeholders: reading them costs the same.
        var plan = CardsData.PlanId;
        using (var t = open("FamilyPlans", ["Id", "NetworkId", "ComuneId", "Title", "StartYear", "Status", "Description", "CreatedAt", "UpdatedAt"]))
            t.Add(plan, n.Id, null, "Piano Family regionale", d.Now.Year - 1, 2, null, created, created);
        using (var t = open("PlanObjectives", ["Id", "PlanId", "AreaId", "Title", "Description", "Order", "Status"]))
            t.Add(CardsData.PlanObjectiveId, plan, CardsData.AreaId(0), "Più opportunità per le famiglie", null, 1, 2);
        using (var t = open("PlanIndicators", ["Id", "PlanId", "ObjectiveId", "Name", "Unit", "Baseline", "Target", "Source", "Metric", "ManualValue", "Order", "ComputedValue", "ComputedAt"]))
            for (var metric = 1; metric <= 4; metric++)
                t.Add(CardsData.PlanIndicatorId(metric), plan, CardsData.PlanObjectiveId, $"Indicatore {metric}", null, 0m, 100_000m, 2, metric, null, metric, 50_000m, d.Now);

        // Accounts: one per household (its owner), plus the coordinator and the merchant of partner 0 for the statistics pages.
        var hasher = new PasswordHasher<object>();
        var password = hasher.HashPassword(new object(), CardsData.Password);
        using (var t = open("AspNetUsers", ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
                   "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount", "DisplayName", "IsAdministrator", "CreatedAt"]))
        {
            foreach (var (i, email) in new[] { (0L, CardsData.CoordinatorEmail), (1L, CardsData.MerchantEmail) })
                t.Add(CardsData.UserId(-1 - i), email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, password, $"STAMP{i}", $"C{i}", null, false, false, null, true, 0,
                    i == 0 ? "Coordinatrice" : "Esercente", false, created);
            for (var h = 0; h < CardsData.Households; h++)
            {
                ct.ThrowIfCancellationRequested();
                var email = $"famiglia{h}@carte.bench";
                t.Add(CardsData.UserId(h), email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, null, $"S{h}", $"C{h}", null, false, false, null, true, 0,
                    $"Famiglia {h}", false, created);
            }
        }
        using (var t = open("Memberships", ["Id", "UserId", "NetworkId", "Role", "PartnerId", "ComuneId", "CreatedAt"]))
        {
            t.Add(CardsData.MembershipId(0), CardsData.UserId(-1), n.Id, 5, null, null, created);
            t.Add(CardsData.MembershipId(1), CardsData.UserId(-2), n.Id, 3, CardsData.PartnerId(0), null, created);
        }
        Step($"{CardsData.Households + 2:N0} accounts");
        using (var t = open("Households", ["Id", "NetworkId", "OwnerUserId", "ComuneId", "IseeBand", "IseeDate", "PrivacyVersion", "PrivacyConsentAt", "CreatedAt", "UpdatedAt"]))
            for (var h = 0; h < CardsData.Households; h++)
                t.Add(CardsData.HouseholdId(h), n.Id, CardsData.UserId(h), r.Comuni[d.ComuneOfHousehold(h)].Id, null, null, "2026-1", created, created, created);
        using (var t = open("HouseholdMembers", ["Id", "HouseholdId", "Role", "FirstName", "LastName", "BirthDate"]))
            for (var m = 0; m < CardsData.Cards; m++)
                t.Add(CardsData.MemberId(m), CardsData.HouseholdId(m / 2), 1, m % 2 == 0 ? "Maria" : "Luca", $"Rossi{m / 2}", new DateOnly(1980 + m % 20, 1 + m % 12, 1 + m % 28));
        Step($"{CardsData.Households:N0} households, {CardsData.Cards:N0} members");
        // With their counts per Comune, month and status as RegistrationMonthRollup keeps them (-1: the whole network's row).
        var registrationMonths = new Dictionary<(int Comune, int Month, int Status), long>();
        // One live registration per person and session (a unique index): a drawn pair that repeats is a cancelled one.
        var livePairs = new HashSet<long>();
        using (var t = open("Registrations", ["Id", "NetworkId", "SessionId", "UserId", "Places", "Participants", "Status", "CreatedAt", "CancelledAt", "Attended"]))
            for (var x = 0; x < CardsData.Registrations; x++)
            {
                if ((x & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var (session, household, at, status) = d.Registration(x);
                if (status != 3 && !livePairs.Add(((long)session << 32) | (uint)household)) status = 3;
                t.Add(CardsData.RegistrationId(x), n.Id, CardsData.SessionId(session), CardsData.UserId(household), 1, "Bambino", status, at,
                    status == 3 ? at.AddDays(1) : null, null);
                var (first, second) = d.ComuniOfOpportunity(session / CardsData.SessionsPerOpportunity);
                var month = MonthPeriod.MonthOf(at);
                foreach (var comune in new[] { -1, first, second })
                    registrationMonths[(comune, month, status)] = registrationMonths.GetValueOrDefault((comune, month, status)) + 1;
            }
        using (var t = open("RegistrationMonths", ["NetworkId", "ComuneId", "Month", "Status", "Count"]))
            foreach (var ((comune, month, status), count) in registrationMonths)
                t.Add(n.Id, comune < 0 ? Guid.Empty : r.Comuni[comune].Id, month, status, count); // Guid.Empty: RegistrationMonth.WholeNetwork
        Step($"{CardsData.Registrations:N0} registrations");
        var cardMonths = new Dictionary<(int Comune, int Month), (long Issued, long Active)>();
        using (var t = open("FamilyCards", ["Id", "NetworkId", "HouseholdId", "MemberId", "ComuneId", "Number", "HolderFirstName", "HolderLastName", "Status", "IssuedAt", "ValidUntil",
                   "StatusChangedAt", "StatusReason", "ReplacedByCardId", "ReminderSentAt"]))
            for (var c = 0; c < CardsData.Cards; c++)
            {
                ct.ThrowIfCancellationRequested();
                var (issued, until, status) = d.CardState(c);
                var comuneIndex = d.ComuneOfHousehold(c / 2);
                cardMonths[(comuneIndex, MonthPeriod.MonthOf(issued))] = cardMonths.GetValueOrDefault((comuneIndex, MonthPeriod.MonthOf(issued))) is var x ? (x.Issued + 1, x.Active) : default;
                if (status == 1)
                    cardMonths[(comuneIndex, MonthPeriod.MonthOf(until))] = cardMonths.GetValueOrDefault((comuneIndex, MonthPeriod.MonthOf(until))) is var y ? (y.Issued, y.Active + 1) : default;
                t.Add(CardsData.CardId(c), n.Id, CardsData.HouseholdId(c / 2), CardsData.MemberId(c), r.Comuni[d.ComuneOfHousehold(c / 2)].Id, CardsData.CardNumber(c),
                    c % 2 == 0 ? "Maria" : "Luca", $"Rossi{c / 2}", status, issued, until, null, null, null, null);
            }
        // The monthly card counts the app keeps on every save (CardMonthRollup), made here in one pass.
        using (var t = open("CardMonths", ["ComuneId", "Month", "NetworkId", "Issued", "ActiveExpiring"]))
            foreach (var ((comuneIndex, month), (issued, active)) in cardMonths)
                t.Add(r.Comuni[comuneIndex].Id, month, n.Id, issued, active);
        var devices = Enumerable.Range(0, CardsData.DeviceKeyCount).Select(j => { using var k = CardsData.DeviceKey(j); return Alleanza.Web.Modules.FamilyCard.CardTokens.RawPublicKey(k); }).ToArray();
        using (var t = open("CardDevices", ["Id", "CardId", "PublicKey", "Label", "CreatedAt", "RevokedAt"]))
            for (var c = 0; c < CardsData.PoolCards; c++)
                t.Add(CardsData.DeviceId(c), CardsData.CardId(c), devices[CardsData.DeviceKeyOf(c)], "Telefono", created, null);
        Step($"{CardsData.Cards:N0} cards, {CardsData.PoolCards:N0} phones");

        // Redemptions, and their sums per shop and Italian month as VerifyCard keeps them.
        var rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        var firstMonth = TimeZoneInfo.ConvertTimeFromUtc(d.Now.AddDays(-(CardsData.MonthsOfRedemptions * 30 + 40)), rome);
        var monthStarts = new List<(DateTime StartUtc, int Month)>();
        for (var m = new DateTime(firstMonth.Year, firstMonth.Month, 1); m <= TimeZoneInfo.ConvertTimeFromUtc(d.Now, rome); m = m.AddMonths(1))
            monthStarts.Add((TimeZoneInfo.ConvertTimeToUtc(m, rome), m.Year * 100 + m.Month));
        var starts = monthStarts.Select(x => x.StartUtc).ToArray();
        var counts = new long[CardsData.Shops, monthStarts.Count];
        var discounts = new long[CardsData.Shops, monthStarts.Count];
        var purchases = new long[CardsData.Shops, monthStarts.Count];
        using (var t = open("Redemptions", ["NetworkId", "ShopId", "PartnerId", "CardId", "OfferId", "At", "PurchaseAmount", "DiscountAmount", "TokenHash", "IdempotencyKey",
                   "RecordedByUserId", "ApiKeyId"]))
            for (long i = 0; i < CardsData.Redemptions; i++)
            {
                if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var (shop, card, at, purchase, discount) = d.Redemption(i);
                var p = CardsData.PartnerOfShop(shop);
                t.Add(n.Id, CardsData.ShopId(shop), CardsData.PartnerId(p), CardsData.CardId(card), CardsData.OfferId(p), at, purchase / 100m, discount / 100m, null,
                    $"api:{CardsData.ApiKeyId(p)}:gen-{i}", null, CardsData.ApiKeyId(p));
                var m = Array.BinarySearch(starts, at);
                if (m < 0) m = ~m - 1;
                counts[shop, m]++;
                discounts[shop, m] += discount;
                purchases[shop, m] += purchase;
            }
        Step($"{CardsData.Redemptions:N0} redemptions");
        long monthRows = 0;
        using (var t = open("RedemptionMonths", ["ShopId", "Month", "NetworkId", "Count", "DiscountCents", "PurchaseCents"]))
            for (var s = 0; s < CardsData.Shops; s++)
                for (var m = 0; m < monthStarts.Count; m++)
                    if (counts[s, m] > 0)
                    {
                        t.Add(CardsData.ShopId(s), monthStarts[m].Month, n.Id, counts[s, m], discounts[s, m], purchases[s, m]);
                        monthRows++;
                    }
        Step($"{monthRows:N0} monthly sums");
        return $"{CardsData.Households:N0} households, {CardsData.Cards:N0} cards, {CardsData.Shops:N0} shops, {CardsData.Redemptions:N0} redemptions, {monthRows:N0} monthly sums, {CardsData.Registrations:N0} registrations";
    }

    /// <summary>One table being written: values in the generator's order, typed as .NET values (Guid, DateTime, decimal …).</summary>
    internal abstract class Sink : IDisposable
    {
        public abstract void Add(params object?[] values);
        public abstract void Dispose();
    }

    /// <summary>The generator's columns the table has; fails on a required column the generator does not fill.</summary>
    internal static int[] Keep(string table, string[] columns, Dictionary<string, bool> existing)
    {
        if (existing.Count == 0) throw new BenchException($"table {table} not found after the migrations");
        var missing = existing.Where(c => c.Value && !columns.Contains(c.Key)).Select(c => c.Key).ToList();
        if (missing.Count > 0)
            throw new BenchException($"{table}.{string.Join(", ", missing)} is required and the generator does not fill it; update the dataset in bench/Alleanza.Bench");
        return [.. Enumerable.Range(0, columns.Length).Where(i => existing.ContainsKey(columns[i]))];
    }

    // ------------------------------------------------------------------------------------------------ SQLite

    static async Task PrepareSqliteAsync(DatasetContext context, CardsData data, TimeSpan migrated, CancellationToken ct)
    {
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(context.ConnectionString).DataSource);
        var key = CacheKey(file, data);
        if (SqliteCache.TryRestore(context, "cards", key, file)) return;

        var total = Stopwatch.StartNew();
        string counts;
        TimeSpan indexing;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(ct);
            await Exec(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
            var indexes = new List<(string Name, string Sql)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", BigTables.Select(t => $"'{t}'"))})";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in indexes) await Exec(connection, $"DROP INDEX \"{name}\"");
            await using (var tx = connection.BeginTransaction())
            {
                await Exec(connection, "PRAGMA defer_foreign_keys = ON;", tx);
                counts = await WriteAsync(data, (table, columns) => new SqliteSink(connection, tx, table, columns), context.Log, "sqlite", ct);
                await tx.CommitAsync(ct);
            }
            var watch = Stopwatch.StartNew();
            foreach (var (_, sql) in indexes) await Exec(connection, sql);
            indexing = watch.Elapsed;
            await Exec(connection, "PRAGMA journal_mode=WAL;");
        }
        var info = $"generated {total.Elapsed.TotalSeconds:0} s (indexes {indexing.TotalSeconds:0} s) after {migrated.TotalSeconds:0} s of migrations, {counts}, {new FileInfo(file).Length / 1048576.0:0} MiB, {DateTime.UtcNow:yyyy-MM-dd}";
        context.Log.WriteLine($">> [sqlite] cards: {info}");
        context.Notes.Add($"sqlite: {info}");
        SqliteCache.Keep(context, "cards", key, file, info);
    }

    static string CacheKey(string file, CardsData data)
    {
        var sb = new StringBuilder();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
            using var reader = command.ExecuteReader();
            while (reader.Read()) sb.Append(reader.GetString(0)).Append('|').Append(reader.GetString(1)).Append('|').Append(reader.GetString(2)).Append('\n');
        }
        sb.Append(CultureInfo.InvariantCulture, $"v{CardsData.Version}|{CardsData.Scale}|{data.Today:yyyy-MM-dd}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    internal static async Task Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Values as EF Core writes them on SQLite: Guid as upper-case text, DateTime and decimal as text, bool as 0/1.</summary>
    internal static object Sqlite(object? v) => v switch
    {
        null => DBNull.Value,
        Guid g => g.ToString("D").ToUpperInvariant(),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => v,
    };

    /// <summary>Multi-row prepared INSERT (64 rows per statement), the rest one row at a time.</summary>
    internal sealed class SqliteSink : Sink
    {
        const int RowsPerStatement = 64;
        readonly SqliteConnection connection;
        readonly SqliteTransaction tx;
        readonly string table;
        readonly string[] columns;
        readonly int[] keep;
        readonly SqliteCommand batch;
        readonly List<object?[]> pending = [];
        int rows;

        public SqliteSink(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns)
        {
            (this.connection, this.tx, this.table, this.columns) = (connection, tx, table, columns);
            using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = $"PRAGMA table_info(\"{table}\")";
                var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
                using (var r = command.ExecuteReader())
                    while (r.Read()) existing[r.GetString(1)] = r.GetInt64(3) == 1 && r.IsDBNull(4) && r.GetInt64(5) == 0;
                keep = Keep(table, columns, existing);
            }
            batch = Command(RowsPerStatement);
        }

        SqliteCommand Command(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            var sb = new StringBuilder($"INSERT INTO \"{table}\" ({string.Join(", ", keep.Select(i => $"\"{columns[i]}\""))}) VALUES ");
            for (var r = 0; r < count; r++)
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

        public override void Add(params object?[] values)
        {
            if (values.Length != columns.Length) throw new InvalidOperationException($"{table}: {values.Length} values for {columns.Length} columns");
            var offset = rows * keep.Length;
            for (var c = 0; c < keep.Length; c++) batch.Parameters[offset + c].Value = Sqlite(values[keep[c]]);
            pending.Add(values);
            if (++rows < RowsPerStatement) return;
            batch.ExecuteNonQuery();
            rows = 0;
            pending.Clear();
        }

        public override void Dispose()
        {
            if (pending.Count > 0)
            {
                using var single = Command(1);
                foreach (var values in pending)
                {
                    for (var c = 0; c < keep.Length; c++) single.Parameters[c].Value = Sqlite(values[keep[c]]);
                    single.ExecuteNonQuery();
                }
            }
            batch.Dispose();
        }
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    static async Task PreparePostgresAsync(DatasetContext context, CardsData data, TimeSpan migrated, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(context.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ToString());
        await connection.OpenAsync(ct);
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = new NpgsqlCommand(
                         "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(@tables) AND indexname NOT LIKE 'PK\\_%'", connection))
        {
            command.Parameters.AddWithValue("tables", BigTables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await Exec(connection, $"DROP INDEX \"{name}\"", ct);
        // Foreign-key checks row by row would double the load time; the rows are consistent by construction.
        var triggersOff = true;
        try { await Exec(connection, "SET session_replication_role = replica", ct); }
        catch (PostgresException) { triggersOff = false; }
        var copy = Stopwatch.StartNew();
        var counts = await WriteAsync(data, (table, columns) => new CopySink(connection, table, columns), context.Log, "postgres", ct);
        var copied = copy.Elapsed;
        if (triggersOff) await Exec(connection, "SET session_replication_role = DEFAULT", ct);
        var indexing = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) await Exec(connection, sql, ct);
        var indexed = indexing.Elapsed;
        var vacuum = Stopwatch.StartNew();
        await Exec(connection, "VACUUM ANALYZE", ct);
        await using var size = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database()))", connection);
        var info = $"generated {watch.Elapsed.TotalSeconds:0} s (COPY {copied.TotalSeconds:0} s, indexes {indexed.TotalSeconds:0} s, VACUUM ANALYZE {vacuum.Elapsed.TotalSeconds:0} s) after {migrated.TotalSeconds:0} s of migrations, {counts}, {await size.ExecuteScalarAsync(ct)}";
        context.Log.WriteLine($">> [postgres] cards: {info}");
        context.Notes.Add($"postgres: {info}");
    }

    internal static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    internal sealed class CopySink : Sink
    {
        readonly NpgsqlBinaryImporter writer;
        readonly int[] keep;
        readonly string table;
        readonly int count;

        public CopySink(NpgsqlConnection connection, string table, string[] columns)
        {
            this.table = table;
            count = columns.Length;
            using (var command = new NpgsqlCommand("""
                SELECT column_name, is_nullable = 'NO' AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'
                FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table
                """, connection))
            {
                command.Parameters.AddWithValue("table", table);
                var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
                using (var r = command.ExecuteReader())
                    while (r.Read()) existing[r.GetString(0)] = r.GetBoolean(1);
                keep = Keep(table, columns, existing);
            }
            writer = connection.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", keep.Select(i => $"\"{columns[i]}\""))}) FROM STDIN (FORMAT BINARY)");
        }

        public override void Add(params object?[] values)
        {
            if (values.Length != count) throw new InvalidOperationException($"{table}: {values.Length} values for {count} columns");
            writer.StartRow();
            foreach (var i in keep)
            {
                switch (values[i])
                {
                    case null: writer.WriteNull(); break;
                    case Guid g: writer.Write(g, NpgsqlDbType.Uuid); break;
                    case string s: writer.Write(s, NpgsqlDbType.Text); break;
                    case int n: writer.Write(n, NpgsqlDbType.Integer); break;
                    case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
                    case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
                    case double d: writer.Write(d, NpgsqlDbType.Double); break;
                    case decimal m: writer.Write(m, NpgsqlDbType.Numeric); break;
                    case byte[] bytes: writer.Write(bytes, NpgsqlDbType.Bytea); break;
                    case DateOnly day: writer.Write(day, NpgsqlDbType.Date); break;
                    case DateTime t: writer.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                    case var other: throw new InvalidOperationException($"COPY: no mapping for {other.GetType()}");
                }
            }
        }

        public override void Dispose()
        {
            writer.Complete();
            writer.Dispose();
        }
    }
}
