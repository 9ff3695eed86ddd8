using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Alleanza.Bench;

/// <summary>
/// The raw ADO.NET baselines of the <c>families</c> writes, in the same <c>raw</c> process as the catalogue's and the till's:
/// <list type="bullet">
/// <item><c>POST /banca-del-tempo/scambi/nuovo</c>: the member (the form's <c>bench-member</c>, as there is no sign-in here) and
/// the other member read in one query (both active in the bank, their accounts), then in one transaction the same writes as the
/// app: the exchange row, the two conditional balance updates in account order (refused below the lower limit), the balances
/// read back, the transfer and its two movements, the exchange's transfer id, and the receiver's notification row; 302 to
/// the exchange. It leaves out the sign-in, antiforgery, the audit, the notification's mail and the page.</item>
/// <item><c>POST /questionari/{id}/compila?codice=…&amp;sezione=0</c>: the code's row by its SHA-256 (used flag and draft), the
/// posted values of the section's questions checked against the questionnaire's structure (read once, as hand-written code
/// would keep it), merged into the draft, and the conditional update of the draft; 302 to the next page. It leaves out
/// antiforgery, the translation and the reading of the questionnaire per request.</item>
/// </list>
/// </summary>
public sealed class RawFamilies(bool sqlite, string connectionString) : IAsyncDisposable
{
    readonly NpgsqlDataSource? postgres = sqlite ? null : NpgsqlDataSource.Create(Alleanza.Web.Platform.Data.PostgresConnection.WithAutoPrepare(connectionString));

    async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (postgres is not null) return await postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragmas = Command(connection, null, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384; PRAGMA busy_timeout=10000;")) await pragmas.ExecuteNonQueryAsync(ct);
        return connection;
    }

    object P(Guid g) => sqlite ? g.ToString("D").ToUpperInvariant() : g;
    object P(Guid? g) => g is { } v ? P(v) : DBNull.Value;
    object P(DateTime t) => sqlite ? t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : t;
    object P(DateOnly d) => sqlite ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d;
    object P(bool b) => sqlite ? (b ? 1 : 0) : b;
    static Guid G(object o) => o is Guid g ? g : Guid.Parse((string)o);

    static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    // ------------------------------------------------------------------------------------------------ time bank

    public async Task<(int Status, string? Location)> RecordExchangeAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var form = await http.Request.ReadFormAsync(ct);
        if (!Guid.TryParse(form["bench-member"], out var me) || !Guid.TryParse(form["Input.OtherMemberId"], out var other) || me == other
            || !decimal.TryParse(form["Input.Hours"], NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) || hours is < 0.5m or > 24
            || !int.TryParse(form["Input.Category"], out var category) || !DateOnly.TryParseExact(form["Input.On"], "yyyy-MM-dd", out var on)
            || form["Input.Description"].ToString() is not { Length: > 0 and <= 500 } description || !Guid.TryParse(form["Input.RequestId"], out var requestId))
            return (400, null);
        var minutes = (int)Math.Round(hours * 60);
        var received = form["Input.Side"] == "Received";
        await using var connection = await OpenAsync(ct);
        // Both members, active in the same bank, with their accounts and the receiver's account.
        var found = new Dictionary<Guid, (Guid Bank, Guid Network, Guid Account, Guid User, int Status)>();
        await using (var read = Command(connection, null,
                         "SELECT \"Id\", \"BankId\", \"NetworkId\", \"AccountId\", \"UserId\", \"Status\" FROM \"TimeBankMembers\" WHERE \"Id\" = @a OR \"Id\" = @b",
                         ("a", P(me)), ("b", P(other))))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found[G(reader.GetValue(0))] = (G(reader.GetValue(1)), G(reader.GetValue(2)), G(reader.GetValue(3)), G(reader.GetValue(4)), reader.GetInt32(5));
        if (!found.TryGetValue(me, out var mine) || !found.TryGetValue(other, out var theirs) || mine.Status != 2 || theirs.Status != 2 || mine.Bank != theirs.Bank)
            return (404, null);
        var (giver, receiver) = received ? (theirs, mine) : (mine, theirs);
        var (giverId, receiverId) = received ? (other, me) : (me, other);
        var now = DateTime.UtcNow;
        var transferId = Guid.NewGuid();
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await using (var insert = Command(connection, tx, """
                INSERT INTO "TimeBankExchanges" ("Id", "Version", "BankId", "NetworkId", "GiverMemberId", "ReceiverMemberId", "Minutes", "Category", "Description", "On",
                    "Status", "RecordedBy", "RecordedByUserId", "RecordedAt", "DueAt", "SettledAt", "TransferId", "PostId")
                VALUES (@id, 0, @bank, @network, @giver, @receiver, @minutes, @category, @description, @on, 2, 1, @user, @now, NULL, @now, NULL, NULL)
                """, ("id", P(requestId)), ("bank", P(mine.Bank)), ("network", P(mine.Network)), ("giver", P(giverId)), ("receiver", P(receiverId)), ("minutes", minutes),
                ("category", category), ("description", description.Trim()), ("on", P(on)), ("user", P(mine.User)), ("now", P(now))))
                await insert.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            return (302, $"/banca-del-tempo/scambi/{requestId}");
        }
        // The balances, in account order, each refused below its lower limit in the same statement (as the app's LedgerBook).
        var legs = new[] { (Account: receiver.Account, Amount: (long)-minutes), (Account: giver.Account, Amount: (long)minutes) }.OrderBy(l => l.Account).ToArray();
        var after = new Dictionary<Guid, long>();
        foreach (var (account, amount) in legs)
        {
            await using var update = Command(connection, tx, """
                UPDATE "LedgerAccounts" SET "Balance" = "Balance" + @amount, "MovementCount" = "MovementCount" + 1, "Version" = "Version" + 1
                WHERE "Id" = @id AND (@amount >= 0 OR "LowerLimit" IS NULL OR "LimitPolicy" = 2 OR "Balance" + @amount >= "LowerLimit")
                RETURNING "Balance"
                """, ("id", P(account)), ("amount", amount));
            var balance = await update.ExecuteScalarAsync(ct);
            if (balance is null)
            {
                await tx.RollbackAsync(ct);
                return (200, null);
            }
            after[account] = Convert.ToInt64(balance, CultureInfo.InvariantCulture);
        }
        await using (var transfer = Command(connection, tx, """
            INSERT INTO "LedgerTransfers" ("Id", "NetworkId", "Unit", "Kind", "Memo", "At", "RecordedByUserId", "ReversesTransferId", "Flagged")
            VALUES (@id, @network, 1, 'timebank.exchange', @memo, @now, @user, NULL, @flagged);
            INSERT INTO "LedgerMovements" ("Id", "TransferId", "AccountId", "Amount", "BalanceAfter", "At") VALUES (@m1, @id, @a1, @x1, @b1, @now), (@m2, @id, @a2, @x2, @b2, @now);
            UPDATE "TimeBankExchanges" SET "TransferId" = @id WHERE "Id" = @exchange;
            INSERT INTO "Notifications" ("Id", "UserId", "NetworkId", "Kind", "Subject", "Text", "LinkPath", "CreatedAt", "ReadAt", "Delivery", "MailedAt", "MailBatch", "MailAttempts")
            VALUES (@n, @to, @network, 'timebank.exchange', @subject, @text, @link, @now, NULL, 1, NULL, NULL, 0);
            """, ("id", P(transferId)), ("network", P(mine.Network)), ("memo", $"Aiuto: {description.Trim()}"), ("now", P(now)), ("user", P(mine.User)), ("flagged", P(false)),
            ("m1", P(Guid.NewGuid())), ("a1", P(legs[0].Account)), ("x1", legs[0].Amount), ("b1", after[legs[0].Account]),
            ("m2", P(Guid.NewGuid())), ("a2", P(legs[1].Account)), ("x2", legs[1].Amount), ("b2", after[legs[1].Account]),
            ("exchange", P(requestId)), ("n", P(Guid.NewGuid())), ("to", P(received ? giver.User : receiver.User)),
            ("subject", $"{hours:0.#} ore di aiuto confermate"), ("text", $"Lo scambio è confermato e le ore sono state trasferite: {description.Trim()}."),
            ("link", $"/banca-del-tempo/scambi/{requestId}")))
            await transfer.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return (302, $"/banca-del-tempo/scambi/{requestId}");
    }

    static bool IsUniqueViolation(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e is SqliteException { SqliteErrorCode: 19 };

    // ------------------------------------------------------------------------------------------------ questionnaire

    sealed record RawQuestion(Guid Id, int Type, bool Required, HashSet<string> Options);
    sealed record RawSurvey(Guid Id, int Status, List<List<RawQuestion>> Sections);
    readonly ConcurrentDictionary<Guid, Task<RawSurvey?>> surveys = new();

    async Task<RawSurvey?> LoadSurveyAsync(Guid id)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        Guid network;
        int status;
        await using (var s = Command(connection, null, "SELECT \"NetworkId\", \"Status\" FROM \"Surveys\" WHERE \"Id\" = @id", ("id", P(id))))
        await using (var r = await s.ExecuteReaderAsync())
        {
            if (!await r.ReadAsync()) return null;
            (network, status) = (G(r.GetValue(0)), r.GetInt32(1));
        }
        var comuni = new HashSet<string>();
        await using (var c = Command(connection, null, "SELECT \"Id\" FROM \"Comuni\" WHERE \"NetworkId\" = @n", ("n", P(network))))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) comuni.Add(G(r.GetValue(0)).ToString());
        var sections = new List<(Guid Id, List<RawQuestion> Questions)>();
        await using (var c = Command(connection, null, "SELECT \"Id\" FROM \"SurveySections\" WHERE \"SurveyId\" = @id ORDER BY \"Position\"", ("id", P(id))))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) sections.Add((G(r.GetValue(0)), []));
        var questions = new Dictionary<Guid, RawQuestion>();
        await using (var c = Command(connection, null, "SELECT \"Id\", \"SectionId\", \"Type\", \"Required\" FROM \"SurveyQuestions\" WHERE \"SurveyId\" = @id ORDER BY \"Position\"", ("id", P(id))))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var type = r.GetInt32(2);
                var q = new RawQuestion(G(r.GetValue(0)), type, r.GetBoolean(3), type == FamiliesData.ComuneType ? comuni : []);
                questions[q.Id] = q;
                sections.First(s => s.Id == G(r.GetValue(1))).Questions.Add(q);
            }
        await using (var c = Command(connection, null,
                         "SELECT o.\"QuestionId\", o.\"Id\" FROM \"SurveyOptions\" o JOIN \"SurveyQuestions\" q ON q.\"Id\" = o.\"QuestionId\" WHERE q.\"SurveyId\" = @id", ("id", P(id))))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) questions[G(r.GetValue(0))].Options.Add(G(r.GetValue(1)).ToString());
        return new RawSurvey(id, status, sections.Select(s => s.Questions).ToList());
    }

    sealed class Draft
    {
        public Dictionary<Guid, string[]> Given { get; set; } = [];
        public int Section { get; set; }
    }

    public async Task<(int Status, string? Location)> SaveAnswersAsync(HttpContext http, Guid surveyId)
    {
        var ct = http.RequestAborted;
        var survey = await surveys.GetOrAdd(surveyId, LoadSurveyAsync);
        if (survey is null || survey.Status != 2) return (404, null);
        var typed = http.Request.Query["codice"].ToString();
        var code = new string(typed.Where(c => c != '-' && !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());
        if (code.Length != 10) return (200, null);
        var hash = FamiliesData.CodeHash(code);
        var index = int.TryParse(http.Request.Query["sezione"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 0, survey.Sections.Count - 1) : 0;
        var form = await http.Request.ReadFormAsync(ct);
        await using var connection = await OpenAsync(ct);
        Guid codeId;
        Draft draft;
        await using (var read = Command(connection, null, "SELECT \"Id\", \"Used\", \"Draft\" FROM \"SurveyCodes\" WHERE \"Hash\" = @h AND \"SurveyId\" = @s", ("h", hash), ("s", P(surveyId))))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct) || reader.GetBoolean(1)) return (200, null);
            codeId = G(reader.GetValue(0));
            draft = reader.IsDBNull(2) ? new Draft() : JsonSerializer.Deserialize<Draft>(reader.GetString(2)) ?? new Draft();
        }
        var errors = 0;
        foreach (var q in survey.Sections[index])
        {
            var raw = form["q-" + q.Id.ToString("N")].Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).Distinct().ToArray();
            var ok = q.Type switch
            {
                FamiliesData.SingleChoice or FamiliesData.ComuneType => raw.Length <= 1 && raw.All(q.Options.Contains),
                FamiliesData.MultipleChoice => raw.All(q.Options.Contains),
                FamiliesData.Rating5 => raw.Length <= 1 && raw.All(v => int.TryParse(v, out var n) && n is >= 1 and <= 5),
                FamiliesData.Rating10 => raw.Length <= 1 && raw.All(v => int.TryParse(v, out var n) && n is >= 0 and <= 10),
                FamiliesData.ChildAge => raw.Length <= 1 && raw.All(v => int.TryParse(v, out var n) && n is >= 0 and <= 17),
                _ => true,
            };
            if (!ok || (q.Required && raw.Length == 0)) errors++;
            if (ok && raw.Length > 0) draft.Given[q.Id] = raw; else draft.Given.Remove(q.Id);
        }
        var next = errors > 0 ? index : index + 1;
        draft.Section = next;
        await using (var update = Command(connection, null, "UPDATE \"SurveyCodes\" SET \"Draft\" = @d WHERE \"Id\" = @id AND NOT \"Used\"",
                         ("d", JsonSerializer.Serialize(draft)), ("id", P(codeId))))
            if (await update.ExecuteNonQueryAsync(ct) == 0) return (200, null);
        return errors > 0 ? (200, null) : (302, $"/questionari/{surveyId}/compila?codice={code[..5]}-{code[5..]}&sezione={next}");
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null) await postgres.DisposeAsync();
    }
}
