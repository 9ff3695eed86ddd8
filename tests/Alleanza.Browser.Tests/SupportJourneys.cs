using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Percorsi in Pavia: the operator opens a support path for a family without an account, assesses it, plans and logs a
/// session, and the supervisor approves the plan; the volunteer logs hours and the coordinator approves them; the
/// coordinator reads the evaluation and downloads the restitution report; screenshots of the three main pages.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class SupportJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Guid36 = "[0-9a-f-]{36}";
    const string Operator = "Sara Bianchi", Supervisor = "Laura Gatti", Volunteer = "Giovanni Sacchi", Coordinator = "Andrea Rossi";

    [Fact(DisplayName = "L'operatrice di Pavia apre un percorso per una famiglia senza account, fa la valutazione T0, prepara il piano e registra un incontro; la supervisora approva il piano")]
    public async Task Operator_opens_assesses_plans_and_the_supervisor_approves()
    {
        var surname = "Vercesi" + Letters(5);
        var family = $"Chiara {surname}";
        var today = Journey.Today;

        await using var op = await Journey.StartAsync(app, output);
        await op.OpenAsync("/account/accedi?rete=pavia");
        await op.SignInWithPasswordAsync("operatore@pavia.demo", Journey.DemoPassword, Operator);
        await op.ClickAsync(MainNavigation(op).GetByRole(AriaRole.Link, new() { Name = "Percorsi", Exact = true }), "«Percorsi» nell'intestazione");
        await op.ArrivedAtAsync("/percorsi");
        await Expect(op.Page.GetByRole(AriaRole.Heading, new() { Name = "Percorsi di accompagnamento", Level = 1 })).ToBeVisibleAsync();

        // Intake: search first, nothing found, register the household (no account).
        await op.ClickAsync(op.Link("Apri un percorso"), "«Apri un percorso»");
        await op.ArrivedAtAsync("/percorsi/nuovo");
        await op.FillAsync("Cognome (e nome) di un componente, o il suo codice fiscale", surname);
        await op.ClickAsync(op.Button("Cerca"), "«Cerca»");
        await op.ArrivedAtAsync(@"/percorsi/nuovo\?cerca=.*");
        await Expect(op.Page.GetByText($"Nessun nucleo trovato per «{surname}»")).ToBeVisibleAsync();
        op.Step("  … nessun nucleo con quel cognome: lo registra");

        await op.ChooseAsync("Comune di residenza", "Pavia");
        await op.FillAsync("Nome", "Chiara");
        await op.FillAsync("Cognome", surname);
        await op.FillAsync("Data di nascita", "1988-04-12");
        await op.FillAsync("Nome del figlio/a 1", "Tommaso");
        await op.FillAsync("Cognome del figlio/a 1", surname);
        await op.FillAsync("Nato/a il (figlio/a 1)", "2016-09-03");
        await op.ClickAsync(op.Button("Registra il nucleo"), "«Registra il nucleo»");
        await op.ArrivedAtAsync($@"/percorsi/nuovo\?nucleo={Guid36}");
        await Expect(Status(op, "Nucleo registrato. Ora aprite il percorso.")).ToBeVisibleAsync();
        await Expect(op.Page.GetByRole(AriaRole.Heading, new() { Name = $"2. Il percorso di {family}" })).ToBeVisibleAsync();

        // The path: referral source, needs, legal basis with the consent, the team.
        await op.ChooseAsync("Chi ha segnalato la famiglia", "Scuola");
        await op.TickAsync("Sostegno alla genitorialità");
        await op.TickAsync("Solitudine e isolamento");
        await op.FillAsync("I bisogni con le vostre parole (riservato alla squadra, conservato cifrato)", "La mamma è sola con Tommaso, fatica a conciliare lavoro e compiti; la scuola segnala assenze.");
        await op.ChooseAsync("Base giuridica del trattamento", "Consenso esplicito della famiglia");
        await op.TickAsync("Ho consegnato l'informativa e raccolto il consenso esplicito della famiglia");
        await op.TickAsync($"{Volunteer} (volontario)");
        await op.ClickAsync(op.Button("Apri il percorso"), "«Apri il percorso»");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}");
        var casePage = op.Page.Url;
        await Expect(Status(op, "Percorso aperto. Ora preparate il piano: obiettivi, incontri, attività.")).ToBeVisibleAsync();
        await Expect(op.Page.GetByRole(AriaRole.Heading, new() { Name = family, Level = 1 })).ToBeVisibleAsync();
        var summary = op.Page.Locator("#sintesi");
        await Expect(summary).ToContainTextAsync("Sostegno alla genitorialità, Solitudine e isolamento");
        await Expect(summary).ToContainTextAsync($"raccolto da {Operator}");
        await Expect(summary.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"{Volunteer} — Volontario" })).ToBeVisibleAsync();
        op.Step("  … il percorso è aperto, con i bisogni, il consenso e il volontario nella squadra");

        // The initial assessment (T0) on the network's scale.
        await op.ClickAsync(op.Page.Locator("summary").Filter(new() { HasText = "Registra una valutazione" }), "«Registra una valutazione»");
        await op.ChooseAsync("Momento", "Iniziale (T0)");
        await op.FillAsync("Data", today.ToString("yyyy-MM-dd"));
        await op.ChooseAsync("Relazioni in famiglia", "2 — Difficili");
        await op.ChooseAsync("Cura e crescita dei figli", "3 — Sufficiente");
        await op.ChooseAsync("Rete di sostegno (parenti, amici, vicini)", "1 — Assente");
        await op.ChooseAsync("Situazione economica e lavoro", "2 — Precaria");
        await op.ChooseAsync("Stress e fatica dei genitori", "4 — Alto");
        await op.ClickAsync(op.Button("Salva la valutazione"), "«Salva la valutazione»");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}#valutazione");
        await Expect(Status(op, "Valutazione registrata.")).ToBeVisibleAsync();
        await Expect(op.Page.Locator("#valutazione summary").Filter(new() { HasText = "Tutte le valutazioni (1)" })).ToBeVisibleAsync();
        await op.ClickAsync(op.Page.Locator("#valutazione summary").Filter(new() { HasText = "Tutte le valutazioni (1)" }), "«Tutte le valutazioni (1)»");
        await Expect(op.Page.Locator("#valutazione")).ToContainTextAsync("Rete di sostegno (parenti, amici, vicini): 1/5");

        // The plan: an objective, an intervention (an appointment of sostegno alla genitorialità), then to the supervisor.
        var objective = op.Page.Locator("#piano form").Filter(new() { Has = op.Page.GetByLabel(new Regex("^Obiettivo")) });
        op.Step("Scrive l'obiettivo: «Tommaso va a scuola tutti i giorni», entro tre mesi");
        await objective.GetByLabel(new Regex("^Obiettivo")).FillAsync("Tommaso va a scuola tutti i giorni");
        await objective.GetByLabel("Entro il").FillAsync(today.AddMonths(3).ToString("yyyy-MM-dd"));
        await op.ClickAsync(objective.GetByRole(AriaRole.Button, new() { Name = "Aggiungi", Exact = true }), "«Aggiungi» l'obiettivo");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}#piano");
        await Expect(Status(op, "Obiettivo aggiunto al piano.")).ToBeVisibleAsync();
        await Expect(op.Page.Locator("#piano li").Filter(new() { HasText = "Tommaso va a scuola tutti i giorni" })).ToBeVisibleAsync();

        var appointment = today.AddDays(7).AddHours(17);
        await LogSessionAsync(op, "Sostegno alla genitorialità", appointment, "60", "Sede del Consorzio, Pavia", "Chiara", null);
        await Expect(op.Page.Locator("#incontri li").Filter(new() { HasText = "Sostegno alla genitorialità, Sede del Consorzio, Pavia (60 minuti)" })).ToBeVisibleAsync();
        op.Step("  … l'intervento è fra i prossimi appuntamenti");

        await op.ClickAsync(op.Button("Invia il piano al supervisore"), "«Invia il piano al supervisore»");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}#piano");
        await Expect(Status(op, "Piano inviato al supervisore.")).ToBeVisibleAsync();
        await Expect(op.Page.Locator("#piano")).ToContainTextAsync("Stato del piano: Da approvare");

        // A session that took place yesterday.
        await LogSessionAsync(op, "Tutoring familiare", today.AddDays(-1).AddHours(10), "90", "A casa della famiglia", "Chiara e Tommaso", "Compiti insieme; Tommaso era sereno.");
        await Expect(op.Page.GetByRole(AriaRole.Heading, new() { Name = "Incontri svolti (1)" })).ToBeVisibleAsync();
        var row = op.Page.Locator("#incontri tbody tr").Filter(new() { HasText = "Tutoring familiare" });
        await Expect(row).ToContainTextAsync("90 min");
        await Expect(row).ToContainTextAsync("Compiti insieme; Tommaso era sereno.");
        op.Step("  … l'incontro svolto è nella tabella");

        // The supervisor approves the plan, from her home.
        await using var sup = await Journey.StartAsync(app, output);
        await sup.OpenAsync("/account/accedi?rete=pavia");
        await sup.SignInWithPasswordAsync("supervisore@pavia.demo", Journey.DemoPassword, Supervisor);
        var paths = sup.Page.GetByRole(AriaRole.Region, new() { Name = "Percorsi di accompagnamento" });
        await Expect(paths).ToContainTextAsync(new Regex(@"\d+ percors[oi] attend[oe]n?o? la vostra approvazione"));
        await sup.ClickAsync(paths.GetByRole(AriaRole.Link, new() { Name = "Vai ai percorsi", Exact = true }), "«Vai ai percorsi» nella sezione dei percorsi");
        await sup.ArrivedAtAsync("/percorsi");
        var line = sup.Page.Locator("tbody tr").Filter(new() { Has = sup.Link(family) });
        await Expect(line).ToContainTextAsync("Da approvare");
        await sup.ClickAsync(sup.Link(family), $"il percorso di {family}");
        await sup.ArrivedAtAsync($"/percorsi/{Guid36}");
        Assert.Equal(casePage, sup.Page.Url);
        await Expect(sup.Page.Locator("#piano li").Filter(new() { HasText = "Tommaso va a scuola tutti i giorni" })).ToBeVisibleAsync();
        await sup.FillAsync("Commento (obbligatorio se rimandate)", "Bene: verifichiamo la frequenza a fine mese.");
        await sup.ClickAsync(sup.Button("Approva il piano"), "«Approva il piano»");
        await sup.ArrivedAtAsync($"/percorsi/{Guid36}#piano");
        await Expect(Status(sup, "Piano approvato.")).ToBeVisibleAsync();
        await Expect(sup.Button("Approva il piano")).ToHaveCountAsync(0);

        // The operator sees it approved.
        await op.ClickAsync(MainNavigation(op).GetByRole(AriaRole.Link, new() { Name = "Percorsi", Exact = true }), "«Percorsi» nell'intestazione");
        await op.ArrivedAtAsync("/percorsi");
        await Expect(op.Page.Locator("tbody tr").Filter(new() { Has = op.Link(family) })).ToContainTextAsync("Approvato");
        await op.ClickAsync(op.Link(family), $"il percorso di {family}");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}");
        await Expect(op.Page.Locator("#piano")).ToContainTextAsync($"Stato del piano: Approvato, approvato il {today:d/M/yyyy}");
        await Expect(op.Page.Locator("#piano")).ToContainTextAsync("Commento del supervisore: Bene: verifichiamo la frequenza a fine mese.");
        op.Step("  … l'operatrice vede il piano approvato, con il commento");

        Journey.AssertAccessible(op, sup);
    }

    [Fact(DisplayName = "Il volontario di Pavia registra le ore, le vede in attesa; il coordinatore le approva dalla sua area")]
    public async Task Volunteer_logs_hours_and_the_coordinator_approves_them()
    {
        var activity = $"Accompagnamento al laboratorio compiti {Letters(4)}";
        // Older than the demo's hours waiting for approval (the last ten days), so it is on the first page, oldest first.
        var day = Journey.Today.AddDays(-200);

        await using var vol = await Journey.StartAsync(app, output);
        await vol.OpenAsync("/account/accedi?rete=pavia");
        await vol.SignInWithPasswordAsync("volontario@pavia.demo", Journey.DemoPassword, Volunteer);
        var mine = vol.Page.GetByRole(AriaRole.Region, new() { Name = "Il mio volontariato" });
        await Expect(mine).ToContainTextAsync("in attesa di approvazione");
        await vol.ClickAsync(mine.GetByRole(AriaRole.Link, new() { Name = "Registra le ore", Exact = true }), "«Registra le ore» nella sezione «Il mio volontariato»");
        await vol.ArrivedAtAsync("/volontari/la-mia-attivita");
        await Expect(vol.Page.GetByRole(AriaRole.Heading, new() { Name = "Il mio volontariato", Level = 1 })).ToBeVisibleAsync();
        await vol.FillAsync("Giorno", day.ToString("yyyy-MM-dd"));
        await vol.FillAsync("Ore", "2,5");
        await vol.FillAsync("Attività svolta", activity);
        await vol.ClickAsync(vol.Button("Registra le ore"), "«Registra le ore»");
        await vol.ArrivedAtAsync("/volontari/la-mia-attivita");
        await Expect(Status(vol, "Ore registrate: il tuo referente le approverà.")).ToBeVisibleAsync();
        var logged = vol.Page.Locator("tbody tr").Filter(new() { HasText = activity });
        await Expect(logged).ToContainTextAsync($"{day:d/M/yyyy}");
        await Expect(logged).ToContainTextAsync("2 h 30 min");
        await Expect(logged).ToContainTextAsync("In attesa di approvazione");
        vol.Step("  … le ore sono nell'elenco, in attesa di approvazione");

        await using var coord = await Journey.StartAsync(app, output);
        await coord.OpenAsync("/account/accedi?rete=pavia");
        await coord.SignInWithPasswordAsync("coordinatore@pavia.demo", Journey.DemoPassword, Coordinator);
        var volunteers = coord.Page.GetByRole(AriaRole.Region, new() { Name = "Volontari" });
        await Expect(volunteers).ToContainTextAsync(new Regex(@"\d+ registrazion[ei] di ore da approvare"));
        await coord.ClickAsync(volunteers.GetByRole(AriaRole.Link, new() { Name = "Approva le ore", Exact = true }), "«Approva le ore» nella sezione «Volontari»");
        await coord.ArrivedAtAsync("/volontari/ore");
        var entry = coord.Page.Locator("main li").Filter(new() { HasText = activity });
        await Expect(entry.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"{Volunteer} — 2 h 30 min il {day:d/M/yyyy}");
        await coord.ClickAsync(entry.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approva") }), $"«Approva» sulle ore di {Volunteer}");
        await coord.ArrivedAtAsync("/volontari/ore");
        await Expect(Status(coord, "Ore approvate.")).ToBeVisibleAsync();
        await Expect(coord.Page.Locator("main li").Filter(new() { HasText = activity })).ToHaveCountAsync(0);

        await vol.ClickAsync(MainNavigation(vol).GetByRole(AriaRole.Link, new() { Name = "Il mio volontariato", Exact = true }), "«Il mio volontariato» nell'intestazione");
        await vol.ArrivedAtAsync("/volontari/la-mia-attivita");
        await Expect(vol.Page.Locator("tbody tr").Filter(new() { HasText = activity })).ToContainTextAsync("Approvate");
        vol.Step("  … il volontario vede le sue ore approvate");

        Journey.AssertAccessible(vol, coord);
    }

    [Fact(DisplayName = "Il coordinatore di Pavia legge la valutazione del programma, cambia il periodo e scarica il report di restituzione in PDF")]
    public async Task Coordinator_reads_the_evaluation_and_downloads_the_report()
    {
        var today = Journey.Today;
        var from = new DateTime(today.Year - 1, 1, 1);
        var to = new DateTime(today.Year - 1, 12, 31);

        await using var coord = await Journey.StartAsync(app, output);
        await coord.OpenAsync("/account/accedi?rete=pavia");
        await coord.SignInWithPasswordAsync("coordinatore@pavia.demo", Journey.DemoPassword, Coordinator);
        var paths = coord.Page.GetByRole(AriaRole.Region, new() { Name = "Percorsi di accompagnamento" });
        await Expect(paths).ToContainTextAsync("Il coordinamento vede solo conteggi anonimi.");
        await coord.ClickAsync(paths.GetByRole(AriaRole.Link, new() { Name = "Valutazione e report di restituzione", Exact = true }), "«Valutazione e report di restituzione»");
        await coord.ArrivedAtAsync("/gestione/valutazione");
        await Expect(coord.Page.GetByRole(AriaRole.Heading, new() { Name = "Valutazione del programma", Level = 1 })).ToBeVisibleAsync();
        await Expect(coord.Page.GetByText(new Regex(@"^Periodo: dal \d+/\d+/\d{4} al " + Regex.Escape($"{today:d/M/yyyy}")))).ToBeVisibleAsync();

        var targets = coord.Page.GetByRole(AriaRole.Region, new() { Name = "Obiettivi del programma" });
        await Expect(targets.GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(1);
        var kpis = coord.Page.GetByRole(AriaRole.Region, new() { Name = "Indicatori della gestione dei percorsi" });
        await Expect(kpis.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(coord.Page.GetByRole(AriaRole.Heading, new() { Name = "Il cambiamento delle famiglie" })).ToBeVisibleAsync();
        coord.Step($"  … obiettivi: {await targets.Locator("tbody tr").CountAsync()} righe; indicatori dei percorsi: {await kpis.Locator("tbody tr").CountAsync()} righe");
        foreach (var r in (await kpis.Locator("tbody tr").AllInnerTextsAsync()).Take(4)) coord.Step("    " + r.Replace('\t', ' ').Replace('\n', ' '));

        await coord.FillAsync("Dal", from.ToString("yyyy-MM-dd"));
        await coord.FillAsync("Al", to.ToString("yyyy-MM-dd"));
        await coord.ClickAsync(coord.Button("Scegli"), "«Scegli»");
        await coord.ArrivedAtAsync(@"/gestione/valutazione\?da=.*");
        await Expect(coord.Page.GetByText($"Periodo: dal {from:d/M/yyyy} al {to:d/M/yyyy}.")).ToBeVisibleAsync();
        await Expect(coord.Page.GetByLabel("Dal", new() { Exact = true })).ToHaveValueAsync(from.ToString("yyyy-MM-dd"));
        await Expect(coord.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        coord.Step("Clicca «Scarica il report di restituzione (PDF)»");
        var download = await coord.Page.RunAndWaitForDownloadAsync(() => coord.Link("Scarica il report di restituzione (PDF)").ClickAsync());
        coord.Step($"  … scaricato {download.SuggestedFilename}");
        Assert.Equal($"restituzione-pavia-{from:yyyyMMdd}-{to:yyyyMMdd}.pdf", download.SuggestedFilename);
        await using (var stream = await download.CreateReadStreamAsync())
        {
            var head = new byte[5];
            await stream.ReadExactlyAsync(head);
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
        }
        Assert.Null(await download.FailureAsync());

        coord.AssertAccessible();
    }

    [Theory(DisplayName = "Schermate dei percorsi: la pagina di un percorso, l'area del volontario, la valutazione (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Support_pages_at_width(string device, int width, int height)
    {
        var folder = Screenshots.Folder();
        await using var op = await Journey.StartAsync(app, output, width, height);
        await op.OpenAsync("/account/accedi?rete=pavia");
        await op.SignInWithPasswordAsync("operatore@pavia.demo", Journey.DemoPassword, Operator);
        await op.OpenAsync("/percorsi");
        await Screenshots.CaptureAsync(op, folder, device, "percorsi");
        // A path of the demo with its assessments and sessions: the last one on the first page with the plan approved
        // (the newest are first, and another test of this class may have just opened one).
        var approved = op.Page.Locator("tbody tr").Filter(new() { HasText = "Approvato" }).Last;
        await op.ClickAsync(approved.GetByRole(AriaRole.Link), "l'ultimo percorso della pagina con il piano approvato");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}");
        await Expect(op.Page.Locator("#piano")).ToContainTextAsync("Stato del piano: Approvato");
        await Screenshots.CaptureAsync(op, folder, device, "percorsi-percorso");

        await using var vol = await Journey.StartAsync(app, output, width, height);
        await vol.OpenAsync("/account/accedi?rete=pavia");
        await vol.SignInWithPasswordAsync("volontario@pavia.demo", Journey.DemoPassword, Volunteer);
        await Screenshots.CaptureAsync(vol, folder, device, "volontario-la-mia-area");
        await vol.OpenAsync("/volontari/la-mia-attivita");
        await Screenshots.CaptureAsync(vol, folder, device, "volontari-la-mia-attivita");

        await using var coord = await Journey.StartAsync(app, output, width, height);
        await coord.OpenAsync("/account/accedi?rete=pavia");
        await coord.SignInWithPasswordAsync("coordinatore@pavia.demo", Journey.DemoPassword, Coordinator);
        await coord.OpenAsync("/gestione/valutazione");
        await Screenshots.CaptureAsync(coord, folder, device, "gestione-valutazione");

        Journey.AssertAccessible(op, vol, coord);
    }

    /// <summary>Opens «Registra un incontro o fissa un appuntamento» and fills it; a future date is an appointment.</summary>
    static async Task LogSessionAsync(Journey op, string kind, DateTime startsAt, string minutes, string place, string who, string? note)
    {
        await op.ClickAsync(op.Page.Locator("summary").Filter(new() { HasText = "Registra un incontro o fissa un appuntamento" }), "«Registra un incontro o fissa un appuntamento»");
        await op.ChooseAsync("Intervento", kind);
        await op.FillAsync("Data e ora", startsAt.ToString("yyyy-MM-ddTHH:mm"));
        await op.FillAsync("Durata (minuti)", minutes);
        await op.FillAsync("Luogo", place);
        await op.FillAsync("Chi partecipa", who);
        if (note is not null) await op.FillAsync("Nota breve (riservata alla squadra)", note);
        await op.ClickAsync(op.Button("Salva l'incontro"), "«Salva l'incontro»");
        await op.ArrivedAtAsync($"/percorsi/{Guid36}#incontri");
        await Expect(Status(op, "Incontro registrato.")).ToBeVisibleAsync();
    }

    static ILocator MainNavigation(Journey journey) => journey.Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" });

    /// <summary>The success message after a form: exactly one on the page.</summary>
    static ILocator Status(Journey journey, string text) => journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    static string Letters(int n) => string.Concat(Guid.NewGuid().ToByteArray().Take(n).Select(b => (char)('a' + b % 26)));
}
