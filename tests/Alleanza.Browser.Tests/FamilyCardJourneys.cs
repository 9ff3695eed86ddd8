using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// The Family Card from end to end, as the people involved click it: a family registers its household and applies,
/// the Comune's officer approves, the family activates the card on "this phone" (WebCrypto + IndexedDB) and shows the
/// QR, the merchant checks it at the counter by the typed number and by a photo of the QR. Every page through axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FamilyCardJourneys(AppFixture app, ITestOutputHelper output)
{
    const string CardPage = @"/carta-famiglia/carte/[0-9a-f-]{36}";
    const string Verify = @"/esercente/verifica(\?.*)?";

    [Fact(DisplayName = "Una nuova famiglia registra il nucleo e chiede la Carta Famiglia, il Comune la approva, la famiglia la attiva sul telefono e l'esercente la verifica col numero e con la foto del QR, registrando l'acquisto")]
    public async Task Family_applies_officer_approves_family_shows_merchant_verifies()
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4).ToArray()).PadRight(4, 'x');
        var surname = "Toffolo " + char.ToUpperInvariant(suffix[0]) + suffix[1..];
        const string adult = "Chiara", child = "Pietro";
        var holder = $"{adult} {surname}";
        var folder = Screenshots.Folder();

        // The merchant, on a phone, signed in from the start: the QR is good for 60 s once read.
        await using var merchant = await Journey.StartAsync(app, output, 390, 844);
        await merchant.OpenAsync("/account/accedi?rete=portogruaro");
        await merchant.SignInWithPasswordAsync("esercente@portogruaro.demo", Journey.DemoPassword, "Anna Furlan");

        // 1. The family: an account, the household, the application.
        await using var family = await Journey.StartAsync(app, output);
        var person = Journey.NewPerson();
        await family.OpenAsync("/?rete=portogruaro");
        await family.RegisterAndConfirmAsync(person);
        await family.OpenAsync("/account/accedi");
        await family.SignInWithPasswordAsync(person.Email, person.Password, person.Name);

        await family.OpenAsync("/carta-famiglia");
        await family.ClickAsync(family.Link("Chiedi la Carta Famiglia"), "«Chiedi la Carta Famiglia»");
        await family.ArrivedAtAsync("/carta-famiglia/domanda");
        await Expect(family.Page.GetByText("Prima di tutto, il vostro nucleo")).ToBeVisibleAsync();
        await family.ClickAsync(family.Link("Registra il nucleo familiare"), "«Registra il nucleo familiare»");
        await family.ArrivedAtAsync("/carta-famiglia/nucleo");
        await family.ReportInvisibleFieldsAsync();

        await family.ChooseAsync("Comune di residenza", "Portogruaro");
        await family.TickAsync("Ho letto l'informativa sulla privacy e acconsento al trattamento dei dati del mio nucleo per la Carta Famiglia");
        await PostsBackAsync(family, () => family.ClickAsync(family.Button("Registra il nucleo"), "«Registra il nucleo»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Dati del nucleo salvati." })).ToBeVisibleAsync();
        await Expect(family.Page.GetByText("Nessuna persona ancora")).ToBeVisibleAsync();

        await AddMemberAsync(family, "Adulto", adult, surname, new DateOnly(1987, 3, 14));
        await AddMemberAsync(family, "Figlio/a", child, surname, DateOnly.FromDateTime(Journey.Today).AddYears(-6).AddDays(-40));
        var people = family.Page.GetByRole(AriaRole.Table, new() { Name = "Le persone del nucleo" });
        await Expect(people.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // header + two people
        await Expect(people.GetByRole(AriaRole.Row).Filter(new() { HasText = holder })).ToContainTextAsync("Adulto");
        await Expect(people.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{child} {surname}" })).ToContainTextAsync("Figlio/a");
        family.Step("  … nel nucleo: un adulto e un figlio");

        await family.ClickAsync(family.Link("Verifica i requisiti e chiedi la carta →"), "«Verifica i requisiti e chiedi la carta →»");
        await family.ArrivedAtAsync("/carta-famiglia/domanda");
        await Expect(family.Page.GetByText("Il nucleo ha i requisiti per la Carta Famiglia.")).ToBeVisibleAsync();
        await Expect(family.Page.GetByText("Nucleo residente a Portogruaro, 1 adulto e 1 figlio/a.", new() { Exact = false })).ToBeVisibleAsync();
        family.Step("  … «Il nucleo ha i requisiti per la Carta Famiglia.»");
        await family.FillAsync("Indirizzo di residenza (via e numero civico)", "Via Roma 12");
        await PostsBackAsync(family, () => family.ClickAsync(family.Button("Presenta la domanda"), "«Presenta la domanda»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Domanda presentata." })).ToBeVisibleAsync();
        await Expect(family.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "In attesa di decisione" })).ToHaveCountAsync(1);
        await Expect(family.Button("Presenta la domanda")).ToHaveCountAsync(0);
        family.Step("  … la domanda è «In attesa di decisione»");

        // 2. The Comune's officer: finds it by surname and approves it.
        await using var officer = await Journey.StartAsync(app, output);
        await officer.OpenAsync("/account/accedi?rete=portogruaro");
        await officer.SignInWithPasswordAsync("comune@portogruaro.demo", Journey.DemoPassword, "Roberto Pivetta");
        await officer.OpenAsync("/gestione/carta-famiglia/domande");
        await officer.FillAsync("Cognome", surname);
        await officer.ClickAsync(officer.Button("Filtra"), "«Filtra»");
        await officer.ArrivedAtAsync(@"/gestione/carta-famiglia/domande\?.*q=.*");
        await Expect(officer.Page.GetByText("1 domanda", new() { Exact = true })).ToBeVisibleAsync();
        var row = officer.Page.GetByRole(AriaRole.Row).Filter(new() { Has = officer.Link(holder) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Portogruaro");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("1");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("In attesa di decisione");
        await officer.ClickAsync(officer.Link(holder), $"«{holder}»");
        await officer.ArrivedAtAsync(@"/gestione/carta-famiglia/domande/[0-9a-f-]{36}");
        await Expect(officer.Page.GetByText(person.Email, new() { Exact = false })).ToBeVisibleAsync();
        await Expect(officer.Page.GetByRole(AriaRole.Table, new() { Name = "Persone del nucleo" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await officer.ClickAsync(officer.Button("Approva ed emetti le carte"), "«Approva ed emetti le carte»");
        await officer.ArrivedAtAsync("/gestione/carta-famiglia/domande");
        await Expect(officer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Domanda approvata: carte emesse e famiglia avvisata." })).ToBeVisibleAsync();
        await Expect(officer.Link(holder)).ToHaveCountAsync(0); // no longer waiting

        family.Step($"Legge in maildev il messaggio per {person.Email}");
        var mail = await app.Mail.WaitForAsync(person.Email, "La vostra Carta Famiglia è pronta");
        Assert.Contains("1 carta emessa", mail.Text);

        // 3. The family: "Mostra la carta", activation on this phone, the QR.
        await family.OpenAsync("/carta-famiglia/domanda");
        await Expect(family.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Approvata" })).ToHaveCountAsync(1);
        await family.CheckAsync("con la carta in mano non le si propone un'altra domanda (sarebbe rifiutata)", async () =>
        {
            await Expect(family.Button("Presenta la domanda")).ToHaveCountAsync(0, new() { Timeout = 2_000 });
            await Expect(family.Page.GetByText("Ogni adulto del nucleo ha già una carta valida", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 2_000 });
        });
        await family.ClickAsync(family.Link($"Mostra la carta di {holder}"), "«Mostra la carta»");
        await family.ArrivedAtAsync(CardPage);
        await Expect(family.Page.GetByText(holder, new() { Exact = true })).ToBeVisibleAsync();
        var number = (await family.Page.Locator("[data-card-number]").InnerTextAsync()).Trim();
        Assert.Matches(@"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", number);
        family.Step($"  … la carta n. {number}");
        await Expect(family.Page.GetByText("La carta non è ancora attiva su questo dispositivo.")).ToBeVisibleAsync();
        await PostsBackAsync(family, () => family.ClickAsync(family.Button("Attiva la carta su questo telefono"), "«Attiva la carta su questo telefono»"));
        var qr = family.Page.Locator("[data-qr] canvas");
        await Expect(qr).ToBeVisibleAsync();
        await Expect(family.Button("Attiva la carta su questo telefono")).ToBeHiddenAsync();
        var devices = family.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Disattiva") });
        await Expect(devices).ToHaveCountAsync(1);
        await Expect(family.Page.GetByText("Nessuno. Attivate la carta da questo telefono.")).ToHaveCountAsync(0);
        family.Step("  … il QR c'è, e questo telefono è nell'elenco dei dispositivi su cui la carta è attiva");
        await Expect(family.Page.Locator("[data-qr-status]")).ToHaveTextAsync(new Regex(@"^Il codice cambia tra \d+ s\. Mostratelo alla cassa\.$"));
        await family.AuditAsync();
        var qrFile = Path.Combine(folder, "carta-famiglia-qr.png");
        await qr.ScreenshotAsync(new() { Path = qrFile });
        var token = await qr.GetAttributeAsync("data-token") ?? "";
        family.Step($"  … il QR c'è ({qrFile}); il codice: {token[..Math.Min(token.Length, 24)]}…");
        Assert.StartsWith("CF1.", token);
        Assert.Equal(5, token.Split('.').Length);

        // 4. The merchant: first the typed number, then a photo of the QR, with the purchase.
        await merchant.OpenAsync("/esercente/verifica");
        await merchant.ReportHorizontalOverflowAsync();
        await merchant.FillAsync("Codice della carta", number);
        await PostsBackAsync(merchant, () => merchant.ClickAsync(merchant.Button("Verifica"), "«Verifica»"));
        var result = merchant.Page.Locator("#esito");
        await Expect(result).ToHaveAttributeAsync("data-verdict", "ValidCheckDocument");
        await Expect(result.Locator(".verdict-word")).ToHaveTextAsync("! CONTROLLA UN DOCUMENTO");
        await Expect(result).ToContainTextAsync($"Titolare: {adult} {surname[0]}.");
        await Expect(result).ToBeFocusedAsync();
        merchant.Step("  … «CONTROLLA UN DOCUMENTO» (carta valida, numero scritto), titolare " + $"{adult} {surname[0]}.");
        await Expect(merchant.Page.GetByLabel("Codice della carta")).ToHaveValueAsync(""); // ready for the next customer

        await merchant.TickAsync("Registra anche l'acquisto");
        await merchant.FillAsync("Importo della spesa (€)", "24,50");
        var offer = (await merchant.Page.GetByLabel("Convenzione applicata").Locator("option", new() { HasTextString = "10% su quaderni" }).InnerTextAsync()).Trim();
        await merchant.ChooseAsync("Convenzione applicata", offer);
        merchant.Step($"Sceglie la foto del QR in «Usa una foto del QR»: {qrFile}");
        await PostsBackAsync(merchant, () => merchant.Page.GetByLabel("Usa una foto del QR").SetInputFilesAsync(qrFile));
        result = merchant.Page.Locator("#esito");
        await Expect(result).ToHaveAttributeAsync("data-verdict", "Valid");
        await Expect(result.Locator(".verdict-word")).ToHaveTextAsync("✓ VALIDA");
        await Expect(result).ToContainTextAsync($"Titolare: {adult} {surname[0]}.");
        await Expect(result).ToContainTextAsync(new Regex(@"Acquisto registrato \(n\. [^)]+\): spesa 24,50 €, sconto 2,45 €\."));
        merchant.Step("  … «✓ VALIDA», «Acquisto registrato»: spesa 24,50 €, sconto 2,45 € (il 10% della convenzione)");
        await Screenshots.CaptureAsync(merchant, folder, "telefono", "esercente-verifica-qr");

        // The same photo again: the code has been used for a purchase, it cannot be used twice.
        await merchant.CheckAsync("per il prossimo cliente «Registra anche l'acquisto» resta spuntato, importo e convenzione sono vuoti", async () =>
        {
            await Expect(merchant.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Registra anche l'acquisto" })).ToBeCheckedAsync(new() { Timeout = 2_000 });
            await Expect(merchant.Page.GetByLabel("Importo della spesa (€)")).ToHaveValueAsync("", new() { Timeout = 2_000 });
            await Expect(merchant.Page.GetByLabel("Convenzione applicata")).ToHaveValueAsync("", new() { Timeout = 2_000 });
        });
        await merchant.FillAsync("Importo della spesa (€)", "10");
        merchant.Step("Sceglie di nuovo la stessa foto (un altro acquisto con lo stesso codice)");
        await PostsBackAsync(merchant, () => merchant.Page.GetByLabel("Usa una foto del QR").SetInputFilesAsync(qrFile));
        await Expect(merchant.Page.Locator("#esito")).ToHaveAttributeAsync("data-verdict", "Replayed");
        await Expect(merchant.Page.Locator("#esito .verdict-word")).ToHaveTextAsync("↻ CODICE GIÀ USATO");
        await Expect(merchant.Page.Locator("#esito")).ToContainTextAsync("chiedete di mostrare di nuovo la carta");
        merchant.Step("  … la seconda volta: «CODICE GIÀ USATO: chiedete di mostrare di nuovo la carta»");

        // The printable card, and the device in the family's list.
        var pdf = await family.Context.APIRequest.GetAsync($"{family.BaseUrl}/carta-famiglia/carte/{family.Page.Url.Split('/')[^1]}/stampa");
        family.Step($"Scarica «la versione da stampare (PDF)»: {pdf.Status} {pdf.Headers.GetValueOrDefault("content-type")}");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        await family.OpenAsync(family.Page.Url);
        await Expect(qr).ToBeVisibleAsync(); // the key is still in this browser: the QR comes back by itself
        await Expect(devices).ToHaveCountAsync(1);
        family.Step("  … ricaricata la pagina, il QR torna da sé");

        Journey.AssertAccessible(family, officer, merchant);
    }

    [Fact(DisplayName = "Una carta attivata sul telefono si apre e disegna il codice anche senza connessione, dalla pagina della carta e da «La mia Carta Famiglia»")]
    public async Task Activated_card_opens_without_signal()
    {
        await using var family = await Journey.StartAsync(app, output, 390, 844);
        await family.OpenAsync("/account/accedi?rete=portogruaro");
        await family.SignInWithPasswordAsync("famiglia@portogruaro.demo", Journey.DemoPassword, "Elisa e Davide Marchiori");
        await family.OpenAsync("/carta-famiglia/domanda");
        // Davide's card: Elisa's is activated by the other card tests, and a card has a limit of devices.
        var cards = family.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Mostra la carta di (?!Elisa)") });
        var name = await cards.First.InnerTextAsync();
        await family.ClickAsync(cards.First, $"«{name.Trim()}»");
        await family.ArrivedAtAsync(CardPage);
        var cardUrl = family.Page.Url;
        if (await family.Button("Attiva la carta su questo telefono").IsVisibleAsync())
            await PostsBackAsync(family, () => family.ClickAsync(family.Button("Attiva la carta su questo telefono"), "«Attiva la carta su questo telefono»"));
        await Expect(family.Page.Locator("[data-qr] canvas")).ToBeVisibleAsync();

        family.Step("Aspetta che il telefono abbia conservato la pagina della carta e «La mia Carta Famiglia»");
        await family.Page.WaitForFunctionAsync("""
            () => caches.open("alleanza-carta-famiglia-v1").then(c => Promise.all([c.match(location.href), c.match(location.origin + "/carta-famiglia/domanda")]))
              .then(([card, list]) => !!card && !!list)
            """, null, new() { Timeout = 15_000, PollingInterval = 250 });

        family.Step("Toglie la connessione (la finestra del browser è offline) e ricarica la carta");
        await family.Page.Context.SetOfflineAsync(true);
        try
        {
            Assert.False(await family.Page.EvaluateAsync<bool>("() => fetch('/health').then(() => true, () => false)"), "the page still reaches the server");
            await family.Page.ReloadAsync();
            await Expect(family.Page.GetByRole(AriaRole.Heading, new() { Name = "Carta Famiglia", Exact = true })).ToBeVisibleAsync();
            await Expect(family.Page.GetByText("Siete senza connessione: la carta funziona lo stesso.")).ToBeVisibleAsync();
            var first = await family.Page.Locator("[data-qr] canvas").GetAttributeAsync("data-token", new() { Timeout = 10_000 }) ?? "";
            Assert.StartsWith("CF1.", first);
            Assert.Equal(5, first.Split('.').Length);
            family.Step("  … la carta si apre e disegna il codice firmato dal telefono");
            await Screenshots.CaptureAsync(family, Screenshots.Folder(), "telefono", "carta-famiglia-senza-connessione");

            await family.Page.GotoAsync(app.BaseUrl + "/carta-famiglia/domanda");
            await Expect(family.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Carta Famiglia");
            family.Step("  … «La mia Carta Famiglia» si apre anche lei (è la pagina iniziale dell'app sulla schermata Home)");
            await family.Page.GotoAsync(cardUrl);
            await Expect(family.Page.Locator("[data-qr] canvas")).ToBeVisibleAsync();
        }
        finally
        {
            await family.Page.Context.SetOfflineAsync(false);
        }
        family.Step("Torna la connessione: l'avviso sparisce");
        await Expect(family.Page.GetByText("Siete senza connessione: la carta funziona lo stesso.")).ToBeHiddenAsync();
    }

    [Theory(DisplayName = "Schermate della Carta Famiglia: pagina pubblica, nucleo, domanda, carta col QR, coda dell'ufficio, verifica alla cassa (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Family_card_pages_at_width(string device, int width, int height)
    {
        var folder = Screenshots.Folder();

        await using var family = await Journey.StartAsync(app, output, width, height);
        await family.OpenAsync("/account/accedi?rete=portogruaro");
        await family.SignInWithPasswordAsync("famiglia@portogruaro.demo", Journey.DemoPassword, "Elisa e Davide Marchiori");
        await ShootAsync(family, folder, device, "/carta-famiglia");
        await ShootAsync(family, folder, device, "/carta-famiglia/nucleo");
        await ShootAsync(family, folder, device, "/carta-famiglia/domanda");
        await Expect(family.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Mostra la carta di ") })).ToHaveCountAsync(2);
        await family.ClickAsync(family.Link("Mostra la carta di Elisa Marchiori"), "«Mostra la carta» di Elisa");
        await family.ArrivedAtAsync(CardPage);
        var number = (await family.Page.Locator("[data-card-number]").InnerTextAsync()).Trim();
        await PostsBackAsync(family, () => family.ClickAsync(family.Button("Attiva la carta su questo telefono"), "«Attiva la carta su questo telefono»"));
        await Expect(family.Page.Locator("[data-qr] canvas")).ToBeVisibleAsync();
        await family.CheckAsync("il QR entra nella finestra", async () =>
        {
            var box = await family.Page.Locator("[data-qr] canvas").BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width, $"QR at x={box?.X}, width {box?.Width} in a {width}px window");
        });
        await family.AuditAsync();
        await family.Page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await Screenshots.CaptureAsync(family, folder, device, "carta-famiglia-carta");

        await using var officer = await Journey.StartAsync(app, output, width, height);
        await officer.OpenAsync("/account/accedi?rete=portogruaro");
        await officer.SignInWithPasswordAsync("comune@portogruaro.demo", Journey.DemoPassword, "Roberto Pivetta");
        await ShootAsync(officer, folder, device, "/gestione/carta-famiglia/domande?stato=tutte");
        await Expect(officer.Page.GetByRole(AriaRole.Table, new() { Name = "Domande di Carta Famiglia" })).ToBeVisibleAsync();
        await ShootAsync(officer, folder, device, "/gestione/carta-famiglia/carte");

        await using var merchant = await Journey.StartAsync(app, output, width, height);
        await merchant.OpenAsync("/account/accedi?rete=portogruaro");
        await merchant.SignInWithPasswordAsync("esercente@portogruaro.demo", Journey.DemoPassword, "Anna Furlan");
        await ShootAsync(merchant, folder, device, "/esercente/verifica");
        await merchant.FillAsync("Codice della carta", number);
        await PostsBackAsync(merchant, () => merchant.ClickAsync(merchant.Button("Verifica"), "«Verifica»"));
        await Expect(merchant.Page.Locator("#esito")).ToHaveAttributeAsync("data-verdict", "ValidCheckDocument");
        await Expect(merchant.Page.Locator("#esito")).ToContainTextAsync("Titolare: Elisa M.");
        await Screenshots.CaptureAsync(merchant, folder, device, "esercente-verifica-esito");
        await ShootAsync(merchant, folder, device, "/esercente/chiavi-cassa");
        await ShootAsync(merchant, folder, device, "/esercente/statistiche");

        Journey.AssertAccessible(family, officer, merchant);
    }

    static async Task AddMemberAsync(Journey family, string role, string firstName, string lastName, DateOnly birth)
    {
        family.Step($"Sotto «Aggiungi una persona»: {role} {firstName} {lastName}, nato/a il {birth:d/M/yyyy}");
        await family.ChooseAsync("È", role);
        await family.FillAsync("Nome", firstName);
        await family.FillAsync("Cognome", lastName);
        await family.FillAsync("Data di nascita", birth.ToString("yyyy-MM-dd"));
        await PostsBackAsync(family, () => family.ClickAsync(family.Button("Aggiungi"), "«Aggiungi»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{firstName} è nel nucleo." })).ToBeVisibleAsync();
    }

    /// <summary>
    /// A form that answers on the same address (post and redirect back, or the page itself): waits for the new
    /// document, not for a URL that is already there, then runs axe on it.
    /// </summary>
    internal static async Task PostsBackAsync(Journey journey, Func<Task> action)
    {
        // The main frame's navigated event marks the new document being committed (what the obsolete
        // RunAndWaitForNavigationAsync waited for); WaitForURLAsync would return at once on the same address.
        var page = journey.Page;
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame) navigated.TrySetResult();
        }
        page.FrameNavigated += OnNavigated;
        try
        {
            await action();
            await navigated.Task.WaitAsync(TimeSpan.FromMilliseconds(Journey.TimeoutMs));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
        await page.WaitForLoadStateAsync(LoadState.Load);
        journey.Step($"  … la pagina si ricarica: {new Uri(journey.Page.Url).PathAndQuery}{new Uri(journey.Page.Url).Fragment}");
        await journey.AuditAsync();
    }

    static async Task ShootAsync(Journey journey, string folder, string device, string path)
    {
        await journey.OpenAsync(path);
        await Screenshots.CaptureAsync(journey, folder, device, Regex.Replace(path.Split('?')[0].Trim('/'), "[^A-Za-z0-9]+", "-")
            + (path.Contains('?') ? "-" + Regex.Replace(path.Split('?')[1], "[^A-Za-z0-9]+", "-") : ""));
    }
}
