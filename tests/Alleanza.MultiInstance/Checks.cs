using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace Alleanza.MultiInstance;

public sealed class CheckFailed(string message) : Exception(message);

/// <summary>
/// The checks, in order: the first makes the till key the others use. Each returns its figures as one line of text,
/// or throws <see cref="CheckFailed"/> with what went wrong.
/// </summary>
public sealed class Checks(Setup setup, string run)
{
    string? tillKey;
    Guid keyId, shopId;
    List<string> cards = [];
    int published;

    static void Expect(bool condition, string what)
    {
        if (!condition) throw new CheckFailed(what);
    }

    string TillKey => tillKey ?? throw new CheckFailed("nessuna chiave per la cassa (il controllo 1 non l'ha creata)");

    // ---------------------------------------------------------------------------------------------------------------
    // 1. A person signed in on one instance keeps working on the other: cookies and antiforgery tokens.

    public async Task<string> SignInAndFormsAcrossInstancesAsync()
    {
        using var merchant = new Visitor(setup);
        await merchant.SignInAsync("esercente@portogruaro.demo", formVia: "a", postVia: "b");

        var keys = await merchant.GetAsync("/esercente/chiavi-cassa", "a");
        Expect(keys.Code == 200, $"dopo l'accesso via B, «Chiavi per la cassa» via A: {keys.Describe()}");
        var name = $"cassa multi {run}";
        var created = await merchant.SubmitAsync(keys, "/esercente/chiavi-cassa", new Dictionary<string, string> { ["Name"] = name }, "form[action*='handler=Create']", via: "b");
        tillKey = created.Document.QuerySelector("[data-new-key]")?.TextContent.Trim();
        Expect(created.Code == 200 && tillKey?.StartsWith("cf_", StringComparison.Ordinal) == true, $"modulo di A inviato via B: {created.Describe()}");
        var listed = await merchant.GetAsync("/esercente/chiavi-cassa", "b");
        Expect(listed.Code == 200 && listed.Text.Contains(name, StringComparison.Ordinal), $"la nuova chiave nell'elenco via B: {listed.Describe()}");

        // Controls, so that the check above can fail: a forged token is refused, and without the cookie the page asks to sign in.
        var forged = await merchant.PostFormAsync("/esercente/chiavi-cassa?handler=Create", [new("Name", "falsa"), new("__RequestVerificationToken", "CfDJ8falso")], "a");
        Expect(forged.Code == 400, $"un token antiforgery falso dovrebbe dare 400: {forged.Describe()}");
        using var anonymous = new Visitor(setup);
        var refused = await anonymous.GetAsync("/esercente/chiavi-cassa", "b");
        Expect(refused.Code == 302 && refused.Location?.Contains("/account/accedi", StringComparison.Ordinal) == true, $"senza accesso dovrebbe chiedere di accedere: {refused.Describe()}");

        var key = (await setup.RowsAsync("SELECT \"Id\", \"PartnerId\" FROM \"PartnerApiKeys\" WHERE \"KeyHash\" = @h",
            ("h", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tillKey!)))))).Single();
        keyId = (Guid)key[0];
        shopId = (Guid)(await setup.RowsAsync("SELECT \"Id\" FROM \"Shops\" WHERE \"PartnerId\" = @p ORDER BY \"Name\" LIMIT 1", ("p", (Guid)key[1]))).Single()[0];
        cards = (await setup.RowsAsync("""
            SELECT c."Number" FROM "FamilyCards" c JOIN "Shops" s ON s."NetworkId" = c."NetworkId"
            WHERE s."Id" = @s AND c."Status" = 1 AND c."ValidUntil" > now() + interval '1 day' ORDER BY c."Number" LIMIT 40
            """, ("s", shopId))).Select(r => (string)r[0]).ToList();
        Expect(cards.Count >= 5, $"servono almeno 5 carte valide nella rete del negozio, trovate {cards.Count}");
        return "accesso: modulo da A, password a B; chiave per la cassa: modulo da A, invio a B, elenco da B; token falso → 400, senza cookie → accesso";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. A card verified and recorded alternately on both instances records each purchase once.

    object Purchase(int i, string requestId) => new
    {
        code = cards[i % cards.Count], shopId, record = true, purchaseAmount = 10m + i % 50, idempotencyKey = requestId,
    };

    Dictionary<string, string> KeyHeader => new() { ["X-Api-Key"] = TillKey };

    static JsonElement? Redemption(JsonElement? body) =>
        body is { } b && b.TryGetProperty("redemption", out var r) && r.ValueKind == JsonValueKind.Object ? r : null;

    /// <summary>A till's purchases as a load: each with its own request id (prefix + number); those answered 200 with a redemption go into <paramref name="bought"/>.</summary>
    Task PurchasesAsync(Load load, Visitor till, string idPrefix, int workers, int max, TimeSpan pause, ConcurrentBag<string> bought, CancellationToken stop) =>
        load.RunAsync("acquisto", workers, max, pause, async i =>
        {
            var requestId = idPrefix + i;
            var response = await till.PostJsonAsync("/api/v1/card-verifications", Purchase(i, requestId), KeyHeader);
            if (response.Status == HttpStatusCode.OK && Redemption(response.Body) is not null)
            {
                bought.Add(requestId);
                return (true, "200");
            }
            return (false, $"HTTP {(int)response.Status}");
        }, stop);

    public async Task<string> PurchasesRecordedOnceAsync()
    {
        using var till = new Visitor(setup);
        const string months = "SELECT COALESCE(SUM(\"Count\"), 0) FROM \"RedemptionMonths\" WHERE \"ShopId\" = @s";
        var before = await setup.ScalarAsync<long>(months, ("s", shopId));
        const int purchases = 20;
        for (var i = 0; i < purchases; i++)
        {
            var (first, second) = i % 2 == 0 ? ("a", "b") : ("b", "a");
            var requestId = $"multi-{run}-p{i}";
            // A verification without recording on one, the purchase on the other, the same request again (a double tap) on the first.
            var check = await till.PostJsonAsync("/api/v1/card-verifications", new { code = cards[i % cards.Count], shopId }, KeyHeader, second);
            Expect(check.Status == HttpStatusCode.OK && Redemption(check.Body) is null, $"verifica senza acquisto via {second}: HTTP {(int)check.Status}");
            var one = await till.PostJsonAsync("/api/v1/card-verifications", Purchase(i, requestId), KeyHeader, first);
            var recorded = Redemption(one.Body);
            Expect(one.Status == HttpStatusCode.OK && recorded is { } r1 && !r1.GetProperty("alreadyRecorded").GetBoolean(),
                $"acquisto {i} via {first}: HTTP {(int)one.Status} {one.Body}");
            var two = await till.PostJsonAsync("/api/v1/card-verifications", Purchase(i, requestId), KeyHeader, second);
            var again = Redemption(two.Body);
            Expect(two.Status == HttpStatusCode.OK && again is { } r2 && r2.GetProperty("alreadyRecorded").GetBoolean()
                && r2.GetProperty("id").GetInt64() == recorded!.Value.GetProperty("id").GetInt64(),
                $"lo stesso acquisto {i} ripetuto via {second} dovrebbe rispondere «già registrato» con lo stesso numero: HTTP {(int)two.Status} {two.Body}");
        }
        var rows = await setup.ScalarAsync<long>("SELECT count(*) FROM \"Redemptions\" WHERE \"IdempotencyKey\" LIKE @k", ("k", $"api:{keyId}:multi-{run}-p%"));
        var after = await setup.ScalarAsync<long>(months, ("s", shopId));
        Expect(rows == purchases, $"{purchases} acquisti, {rows} righe in Redemptions");
        Expect(after - before == purchases, $"{purchases} acquisti, il conteggio mensile del negozio è cresciuto di {after - before}");
        return $"{purchases} acquisti (ognuno: verifica su un'istanza, registrazione sull'altra, ripetizione sulla prima): {rows} righe, conteggio mensile +{after - before}";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. An opportunity published on one instance is found by search on the other within the poll interval.

    /// <summary>Creates, submits and publishes an opportunity via <paramref name="publishVia"/>; seconds until a search via <paramref name="searchVia"/> finds it.</summary>
    public async Task<(double OwnSeconds, double OtherSeconds)> PublishAndFindAsync(string publishVia, string searchVia)
    {
        var word = "regata" + string.Concat((run + (++published)).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var title = $"Regata multistanza {word}";
        using var coordinator = new Visitor(setup);
        await coordinator.SignInAsync("coordinatore@portogruaro.demo", formVia: searchVia, postVia: publishVia);
        Expect((await coordinator.GetAsync("/reti?rete=portogruaro", searchVia)).Code == 200, "scelta della rete");
        var form = await coordinator.GetAsync("/gestione/opportunita/nuova", searchVia);
        Expect(form.Code == 200, $"nuova opportunità: {form.Describe()}");
        var created = await coordinator.SubmitAsync(form, "/gestione/opportunita/nuova", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Kind"] = "Activity", ["Input.PartnerId"] = Visitor.FirstOption(form, "Input.PartnerId"),
            ["Input.AreaId"] = Visitor.FirstOption(form, "Input.AreaId"), ["Input.Cost"] = "Free", ["Input.AgeFromYears"] = "6", ["Input.AgeToYears"] = "10",
            ["Input.Description"] = "Uscita in barca a vela sulla laguna, per controllare che le istanze si parlino.",
        }, via: publishVia);
        Expect(created.Code == 302 && created.Location is not null, $"bozza salvata via {publishVia}: {created.Describe()}");
        var url = created.Location!;
        var edit = await coordinator.GetAsync(url, searchVia);
        var submitted = await coordinator.SubmitAsync(edit, url, new Dictionary<string, string>(), "form[action$='handler=Submit']", publishVia);
        Expect(submitted.Code == 302, $"inviata in revisione: {submitted.Describe()}");
        var review = await coordinator.GetAsync(url, searchVia);
        var approved = await coordinator.SubmitAsync(review, url, new Dictionary<string, string>(), "form[action$='handler=Approve']", publishVia);
        Expect(approved.Code == 302, $"pubblicata via {publishVia}: {approved.Describe()}");
        var clock = Stopwatch.StartNew();

        using var family = new Visitor(setup);
        async Task<bool> FoundAsync(string via)
        {
            var page = await family.GetAsync($"/opportunita?rete=portogruaro&q={word}", via);
            return page.Document.QuerySelectorAll("#risultati [itemprop=name]").Any(e => e.TextContent.Trim() == title);
        }
        Expect(await FoundAsync(publishVia), $"l'istanza che ha pubblicato ({publishVia}) dovrebbe trovarla subito");
        var own = clock.Elapsed.TotalSeconds;
        var limit = setup.PollInterval + TimeSpan.FromSeconds(1);
        var deadline = setup.PollInterval + TimeSpan.FromSeconds(5);
        while (!await FoundAsync(searchVia))
        {
            Expect(clock.Elapsed < deadline, $"l'istanza {searchVia} non la trova dopo {clock.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(50);
        }
        var other = clock.Elapsed.TotalSeconds;
        Expect(other <= limit.TotalSeconds, $"l'istanza {searchVia} la trova dopo {other:0.00} s (intervallo {setup.PollInterval.TotalSeconds:0.#} s + 1 s di tolleranza)");
        return (own, other);
    }

    public async Task<string> PublishedOnOneFoundOnOtherAsync()
    {
        var (own, other) = await PublishAndFindAsync("a", "b");
        return $"pubblicata via A: trovata via A dopo {own:0.00} s, via B dopo {other:0.00} s (intervallo di lettura {setup.PollInterval.TotalSeconds:0.#} s)";
    }

    public async Task<string> SearchStillInStepAfterRestartAsync()
    {
        var (own, other) = await PublishAndFindAsync("b", "a");
        return $"pubblicata via B dopo il riavvio di PostgreSQL: trovata via B dopo {own:0.00} s, via A dopo {other:0.00} s";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. PostgreSQL restarted under a bounded load of registrations and purchases.

    sealed record Family(Guid UserId, Visitor Visitor, string Token);

    public async Task<string> PostgresRestartUnderLoadAsync()
    {
        _ = TillKey;
        // Families who can sign in: the demo's generated households have no password; they get the demo one (its hash copied).
        await setup.ExecuteAsync("""
            UPDATE "AspNetUsers" SET "PasswordHash" = (SELECT "PasswordHash" FROM "AspNetUsers" WHERE "Email" = 'famiglia@portogruaro.demo')
            WHERE "Email" LIKE 'famiglia%.portogruaro@esempio.demo' AND "PasswordHash" IS NULL
            """);
        var users = (await setup.RowsAsync("SELECT \"Id\", \"Email\" FROM \"AspNetUsers\" WHERE \"Email\" LIKE 'famiglia%.portogruaro@esempio.demo' ORDER BY \"Email\" LIMIT 30"))
            .Select(r => ((Guid)r[0], (string)r[1])).ToList();
        // Future sessions of published opportunities, the smallest first: more people than places, so the waiting list is used too.
        // Single dates only: a course is registered for as a whole, and its answer (a redirect, like every outcome) does not name the date.
        var sessions = (await setup.RowsAsync("""
            SELECT s."Id", s."OpportunityId" FROM "OpportunitySessions" s JOIN "Opportunities" o ON o."Id" = s."OpportunityId" JOIN "Networks" n ON n."Id" = o."NetworkId"
            WHERE n."Slug" = 'portogruaro' AND o."Status" = 3 AND NOT o."IsCourse" AND s."RegistrationOpen" AND s."StartsAt" > now() + interval '1 day' AND s."Capacity" IS NOT NULL
            ORDER BY s."Capacity", s."Id" LIMIT 24
            """)).Select(r => ((Guid)r[0], (Guid)r[1])).ToList();
        Expect(users.Count >= 10 && sessions.Count >= 5, $"servono famiglie e date: {users.Count} famiglie, {sessions.Count} date");

        var families = new ConcurrentDictionary<int, Family>();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var visitor = new Visitor(setup, TimeSpan.FromSeconds(10));
            await visitor.SignInAsync(users[i].Item2, formVia: null, postVia: null);
            await visitor.GetAsync("/reti?rete=portogruaro");
            var details = await visitor.GetAsync($"/opportunita/{sessions[0].Item2}");
            // The antiforgery token belongs to the person, not to one form: any form on the page gives it, even when
            // the demo has already registered this family on the opportunity's only date (then there is no «Iscriviti»).
            var token = (details.Document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
                ?? throw new CheckFailed($"nessun modulo con token antiforgery per {users[i].Item2}: {details.Describe()}");
            families[i] = new Family(users[i].Item1, visitor, token);
        });
        var random = new Random(2026);
        var pairs = (from f in Enumerable.Range(0, users.Count) from s in Enumerable.Range(0, sessions.Count) select (f, s)).OrderBy(_ => random.Next()).ToList();

        const string redemptionRows = "SELECT count(*) FROM \"Redemptions\" WHERE \"ShopId\" = @s";
        const string redemptionMonths = "SELECT COALESCE(SUM(\"Count\"), 0) FROM \"RedemptionMonths\" WHERE \"ShopId\" = @s";
        var rowsBefore = await setup.ScalarAsync<long>(redemptionRows, ("s", shopId));
        var monthsBefore = await setup.ScalarAsync<long>(redemptionMonths, ("s", shopId));

        var registered = new ConcurrentBag<(Guid User, Guid Session)>();
        var bought = new ConcurrentBag<string>();
        using var till = new Visitor(setup, TimeSpan.FromSeconds(10));
        var load = new Load();
        using var stop = new CancellationTokenSource();
        var registrations = load.RunAsync("iscrizione", 4, pairs.Count, TimeSpan.FromMilliseconds(120), async i =>
        {
            var (f, s) = pairs[i];
            var family = families[f];
            var (session, opportunity) = sessions[s];
            var page = await family.Visitor.PostFormAsync($"/opportunita/{opportunity}?handler=Register",
                [new("__RequestVerificationToken", family.Token), new("SessionId", session.ToString()), new("Registration.Places", (1 + i % 3).ToString()),
                 new("Registration.Participants", "Famiglia di prova")]);
            if (page.Code == 302 && page.Location?.StartsWith($"/opportunita/{opportunity}", StringComparison.Ordinal) == true)
            {
                registered.Add((family.UserId, session));
                return (true, "302");
            }
            return (false, $"HTTP {page.Code}{(page.Location is { } l ? " → " + l.Split('?')[0] : "")}");
        }, stop.Token);
        var purchases = PurchasesAsync(load, till, $"multi-{run}-r", 4, 10_000, TimeSpan.FromMilliseconds(40), bought, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var down = load.Now;
        await Setup.ShellAsync(setup.PgKill);
        var stopped = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Setup.ShellAsync(setup.PgStart);
        var up = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(registrations, purchases);
        foreach (var family in families.Values) family.Visitor.Dispose();

        var samples = load.Samples;
        var recovery = new Dictionary<string, double>();
        foreach (var kind in new[] { "iscrizione", "acquisto" })
        {
            var first = samples.Where(x => x.Kind == kind && x.Ok && x.Start > stopped).OrderBy(x => x.End).FirstOrDefault();
            recovery[kind] = first is null ? double.PositiveInfinity : Math.Max(0, first.End - up);
        }
        var failed = samples.Where(x => !x.Ok).ToList();
        var lateFailures = failed.Where(x => x.Start > up + 5).ToList();

        // What the database says afterwards.
        var testSessions = sessions.Select(s => s.Item1).ToArray();
        var present = (await setup.RowsAsync("SELECT \"UserId\", \"SessionId\" FROM \"Registrations\" WHERE \"SessionId\" = ANY(@s) AND \"Status\" <> 3", ("s", testSessions)))
            .Select(r => ((Guid)r[0], (Guid)r[1])).ToList();
        var lostRegistrations = registered.Except(present).Count();
        var duplicates = present.GroupBy(p => p).Count(g => g.Count() > 1);
        var overbooked = await setup.ScalarAsync<long>("SELECT count(*) FROM \"OpportunitySessions\" WHERE \"Capacity\" IS NOT NULL AND \"Taken\" > \"Capacity\"");
        var mismatched = await setup.ScalarAsync<long>("""
            SELECT count(*) FROM "OpportunitySessions" s
            WHERE s."Taken" <> COALESCE((SELECT SUM(r."Places") FROM "Registrations" r WHERE r."SessionId" = s."Id" AND r."Status" = 1), 0)
            """);
        var full = await setup.ScalarAsync<long>("SELECT count(*) FROM \"OpportunitySessions\" WHERE \"Id\" = ANY(@s) AND \"Taken\" = \"Capacity\"", ("s", testSessions));
        var waiting = await setup.ScalarAsync<long>("SELECT count(*) FROM \"Registrations\" WHERE \"SessionId\" = ANY(@s) AND \"Status\" = 2", ("s", testSessions));
        var written = (await setup.RowsAsync("SELECT \"IdempotencyKey\" FROM \"Redemptions\" WHERE \"IdempotencyKey\" LIKE @k", ("k", $"api:{keyId}:multi-{run}-r%")))
            .Select(r => ((string)r[0])[$"api:{keyId}:".Length..]).ToHashSet();
        var lostPurchases = bought.Count(b => !written.Contains(b));
        var rowsDelta = await setup.ScalarAsync<long>(redemptionRows, ("s", shopId)) - rowsBefore;
        var monthsDelta = await setup.ScalarAsync<long>(redemptionMonths, ("s", shopId)) - monthsBefore;

        var synchronousCommit = await setup.ScalarAsync<string>("SHOW synchronous_commit");
        var figures = $"synchronous_commit={synchronousCommit}; {samples.Count(x => x.Kind == "iscrizione")} iscrizioni ({registered.Count} confermate o in attesa, {waiting} in lista d'attesa, {full} date piene) " +
            $"e {samples.Count(x => x.Kind == "acquisto")} acquisti ({bought.Count} registrati); PostgreSQL fermato a {down:0.0} s (kill immediato), di nuovo su a {up:0.0} s; " +
            $"errori {failed.Count} ({Load.Tally(failed)}){(failed.Count > 0 ? $" per richieste partite tra {failed.Min(x => x.Start):0.0} e {failed.Max(x => x.Start):0.0} s" : "")}, di cui {lateFailures.Count} oltre 5 s dal ritorno; " +
            $"servizio di nuovo in piedi dopo {recovery["iscrizione"]:0.00} s (iscrizioni) e {recovery["acquisto"]:0.00} s (acquisti) dal ritorno di PostgreSQL; " +
            $"perdite: {lostRegistrations} iscrizioni, {lostPurchases} acquisti; {written.Count - bought.Count(written.Contains)} acquisti scritti senza risposta; " +
            $"doppie iscrizioni {duplicates}, date oltre la capienza {overbooked}, date con Taken diverso dalla somma dei posti confermati {mismatched}; " +
            $"righe di acquisto +{rowsDelta}, conteggio mensile +{monthsDelta}";
        Expect(recovery.Values.All(r => r <= 5), "servizio non di nuovo in piedi entro 5 s — " + figures);
        Expect(lateFailures.Count == 0, $"errori oltre 5 s dal ritorno di PostgreSQL: {Load.Tally(lateFailures)} — " + figures);
        Expect(lostRegistrations == 0 && lostPurchases == 0, "scritture confermate perse — " + figures);
        Expect(duplicates == 0 && overbooked == 0 && mismatched == 0, "posti contati male — " + figures);
        Expect(rowsDelta == monthsDelta, "il conteggio mensile non segue le righe — " + figures);
        Expect(registered.Count > 0 && bought.Count > 0 && full > 0, "il carico non ha scritto abbastanza per dire qualcosa — " + figures);
        return figures;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. One instance killed (kill -9) under load: nginx sends everything to the other.

    public async Task<string> InstanceKilledUnderLoadAsync()
    {
        _ = TillKey;
        using var visitor = new Visitor(setup, TimeSpan.FromSeconds(10));
        using var till = new Visitor(setup, TimeSpan.FromSeconds(10));
        var bought = new ConcurrentBag<string>();
        var load = new Load();
        using var stop = new CancellationTokenSource();
        const int workers = 3;
        var searches = load.RunAsync("ricerca", workers, 100_000, TimeSpan.FromMilliseconds(20), async i =>
        {
            var page = await visitor.GetAsync(i % 2 == 0 ? "/opportunita?rete=portogruaro&q=laboratorio" : "/opportunita?rete=portogruaro&pagina=2");
            return (page.Code == 200, $"HTTP {page.Code}");
        }, stop.Token);
        var purchases = PurchasesAsync(load, till, $"multi-{run}-k", workers, 100_000, TimeSpan.FromMilliseconds(20), bought, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var killed = load.Now;
        Process.GetProcessById(setup.PidB).Kill(); // SIGKILL
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(searches, purchases);

        var samples = load.Samples;
        var failed = samples.Where(x => !x.Ok).ToList();
        var late = failed.Where(x => x.Start > killed + 1).ToList();
        var written = (await setup.RowsAsync("SELECT \"IdempotencyKey\" FROM \"Redemptions\" WHERE \"IdempotencyKey\" LIKE @k", ("k", $"api:{keyId}:multi-{run}-k%")))
            .Select(r => ((string)r[0])[$"api:{keyId}:".Length..]).ToHashSet();
        var lost = bought.Count(b => !written.Contains(b));
        var afterKill = samples.Count(x => x.Start > killed);
        var figures = $"{samples.Count} richieste ({samples.Count(x => x.Kind == "ricerca")} ricerche, {samples.Count(x => x.Kind == "acquisto")} acquisti), {afterKill} dopo il kill -9 di B a {killed:0.0} s; " +
            $"errori {failed.Count}{(failed.Count > 0 ? " (" + Load.Tally(failed) + ")" : "")}, di cui {late.Count} oltre 1 s dal kill; " +
            $"acquisti registrati {bought.Count}, persi {lost}, scritti senza risposta {written.Count - bought.Count(written.Contains)}";
        Expect(failed.Count <= 2 * workers, $"più errori che richieste in volo al momento del kill — " + figures);
        Expect(late.Count == 0, "errori oltre 1 s dal kill: nginx non ha spostato il traffico — " + figures);
        Expect(lost == 0, "acquisti confermati persi — " + figures);
        Expect(afterKill > 20, "troppe poche richieste dopo il kill per dire qualcosa — " + figures);
        return figures;
    }
}
