using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Condividi and the time bank as two families click them, each from the header: in Lucca a family gives a stroller (with a
/// photo) at a collection point to a family that has just joined, the hand-over agreed in the private messages and confirmed
/// by both; in Portogruaro a new member of the time bank is given an hour by the demo family and confirms it, and both
/// statements show the movement. One person on a desktop, the other on a phone; the pages a family sees are captured at both
/// widths. axe runs once on every kind of page: the pages seen again after a post-back are only waited for.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SharingJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Guid36 = "[0-9a-f-]{36}";

    /// <summary>Clicks an entry of the main navigation, opening the menu first on a phone (where it is behind the burger button).</summary>
    static async Task ClickInHeaderAsync(Journey journey, string entry)
    {
        var burger = journey.Page.GetByRole(AriaRole.Button, new() { Name = "Mostra o nascondi il menu" });
        if (await burger.IsVisibleAsync()) await journey.ClickAsync(burger, "il menu (☰)");
        var navigation = journey.Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" });
        await journey.ClickAsync(navigation.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }), $"«{entry}» nell'intestazione");
    }

    /// <summary>
    /// A click that posts back (or leads again) to a page this journey already checked with axe: waits for the new document
    /// (the address may be the same, so waiting for it would return at once) and its address, without a second axe run.
    /// </summary>
    static async Task BackOnAsync(Journey journey, Func<Task> action, string pathRegex)
    {
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
        await page.WaitForURLAsync(new Regex("^" + Regex.Escape(journey.BaseUrl) + pathRegex + "(#.*)?$"));
        await page.WaitForLoadStateAsync(LoadState.Load);
        journey.Step($"  … di nuovo su {page.Url[journey.BaseUrl.Length..]}");
    }

    static ILocator Status(Journey journey, string text) =>
        journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    static ILocator Badge(Journey journey, string text) =>
        journey.Page.Locator("span.badge", new() { HasTextRegex = new Regex("^" + Regex.Escape(text) + "$") });

    static string Letters(int n) =>
        new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n).ToArray()).PadRight(n, 'x');

    /// <summary>A real photo file, as a phone would take it: a JPEG of a stroller drawn on a floor, 800×600.</summary>
    static string StrollerPhoto(string folder)
    {
        var file = Path.Combine(folder, "passeggino-foto.jpg");
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xEE, 0xE8, 0xDC));
            using var floor = new SKPaint { Color = new SKColor(0xC8, 0xB8, 0x9A) };
            canvas.DrawRect(0, 430, 800, 170, floor);
            using var frame = new SKPaint { Color = new SKColor(0x33, 0x33, 0x33), StrokeWidth = 12, IsStroke = true, IsAntialias = true };
            canvas.DrawLine(260, 400, 560, 400, frame);
            canvas.DrawLine(560, 400, 620, 160, frame);
            using var seat = new SKPaint { Color = new SKColor(0x1F, 0x6F, 0xB4), IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(250, 220, 540, 390), 40, 40, seat);
            canvas.DrawArc(new SKRect(240, 150, 460, 330), 180, 120, true, seat);
            using var wheel = new SKPaint { Color = SKColors.Black, StrokeWidth = 14, IsStroke = true, IsAntialias = true };
            canvas.DrawCircle(290, 450, 50, wheel);
            canvas.DrawCircle(520, 450, 50, wheel);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        File.WriteAllBytes(file, data.ToArray());
        return file;
    }

    /// <summary>A new person: the account (with the mail's link), then signed in.</summary>
    static async Task<Journey.Person> NewPersonSignedInAsync(Journey journey, string network)
    {
        var person = Journey.NewPerson();
        await journey.OpenAsync($"/?rete={network}");
        await journey.RegisterAndConfirmAsync(person);
        await journey.OpenAsync("/account/accedi");
        await journey.SignInWithPasswordAsync(person.Email, person.Password, person.Name);
        return person;
    }

    [Fact(DisplayName = "Condividi: una famiglia di Lucca regala un passeggino con la foto, una famiglia appena entrata lo chiede, nei messaggi concordano la consegna al punto di raccolta, entrambe la confermano e l'annuncio risulta consegnato")]
    public async Task A_family_gives_a_stroller_at_a_collection_point()
    {
        var folder = Screenshots.Folder();
        var title = $"Passeggino leggero pieghevole {Letters(4)}";
        var photo = StrollerPhoto(folder);

        // 1. Francesca (desktop): publishes the stroller, a gift at a collection point, with the photo.
        await using var giver = await Journey.StartAsync(app, output);
        await giver.OpenAsync("/account/accedi?rete=lucca");
        await giver.SignInWithPasswordAsync("famiglia@lucca.demo", Journey.DemoPassword, "Francesca e Luca Pardini");
        await ClickInHeaderAsync(giver, "Condividi");
        await giver.ArrivedAtAsync("/condividi");
        await Expect(giver.Page.GetByRole(AriaRole.Heading, new() { Name = "Condividi", Level = 1 })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(giver, folder, "desktop", "condividi");
        await giver.ClickAsync(giver.Link("Pubblica un annuncio"), "«Pubblica un annuncio»");
        await giver.ArrivedAtAsync("/condividi/nuovo");
        await Screenshots.CaptureAsync(giver, folder, "desktop", "condividi-nuovo");

        await giver.ChooseAsync("Tipo di annuncio", "Regalo");
        await giver.ChooseAsync("Categoria", "Passeggini e carrozzine");
        await giver.FillAsync("Titolo", title);
        await giver.FillAsync("Descrizione", "Passeggino ombrello, si chiude con una mano. Cappottina e cestino inclusi.");
        await giver.FillAsync("Adatto da (anni)", "0");
        await giver.FillAsync("Adatto fino a (anni)", "3");
        await giver.ChooseAsync("Stato", "Buono");
        await giver.ChooseAsync("Consegna", "In un punto di raccolta");
        var points = giver.Page.GetByLabel(new Regex(@"^Punto di raccolta( \*)?$"));
        await points.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var point = (await points.Locator("option:checked").InnerTextAsync()).Trim();
        var pointName = Regex.Replace(point, @" \(.*\)$", "");
        giver.Step($"Sceglie «{point}» in «Punto di raccolta»");
        giver.Step($"Sceglie la foto in «Fino a 6 foto»: {photo}");
        await giver.Page.GetByLabel("Fino a 6 foto (JPEG, PNG o WebP)").SetInputFilesAsync(photo);
        await giver.ClickAsync(giver.Button("Pubblica"), "«Pubblica»");
        await giver.ArrivedAtAsync($"/condividi/{Guid36}");
        var postPath = new Uri(giver.Page.Url).AbsolutePath;
        await Expect(Status(giver, "Annuncio pubblicato.")).ToBeVisibleAsync();
        await Expect(giver.Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var shown = giver.Page.GetByRole(AriaRole.Img, new() { Name = $"Foto 1 di «{title}»" });
        await Expect(shown).ToBeVisibleAsync();
        Assert.True(await shown.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo does not load");
        await Expect(giver.Page.Locator("dd").Filter(new() { HasText = pointName })).ToBeVisibleAsync();
        giver.Step($"  … pubblicato, con la foto e il punto di raccolta «{pointName}»");
        await Screenshots.CaptureAsync(giver, folder, "desktop", "condividi-annuncio");

        // 2. A family that has just signed up (phone): joins Condividi with its household, finds the stroller and asks for it.
        await using var taker = await Journey.StartAsync(app, output, 390, 844);
        var person = await NewPersonSignedInAsync(taker, "lucca");
        await ClickInHeaderAsync(taker, "Condividi");
        await taker.ArrivedAtAsync("/condividi");
        await Expect(taker.Page.GetByText("Per entrare in Condividi")).ToBeVisibleAsync();
        await taker.ClickAsync(taker.Link("Registra il nucleo familiare"), "«Registra il nucleo familiare»");
        await taker.ArrivedAtAsync("/carta-famiglia/nucleo");
        await taker.ChooseAsync("Comune di residenza", "Lucca");
        await taker.TickAsync("Ho letto l'informativa sulla privacy e acconsento al trattamento dei dati del mio nucleo per la Carta Famiglia");
        await BackOnAsync(taker, () => taker.ClickAsync(taker.Button("Registra il nucleo"), "«Registra il nucleo»"), "/carta-famiglia/nucleo");
        await Expect(Status(taker, "Dati del nucleo salvati.")).ToBeVisibleAsync();

        await BackOnAsync(taker, () => ClickInHeaderAsync(taker, "Condividi"), "/condividi");
        await taker.FillAsync("Parole", title);
        await taker.ClickAsync(taker.Button("Cerca"), "«Cerca»");
        await taker.ArrivedAtAsync(@"/condividi\?.*q=.*");
        await Expect(taker.Page.GetByText("1 annuncio", new() { Exact = true })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(taker, folder, "telefono", "condividi");
        await taker.ClickAsync(taker.Link(title), $"«{title}»");
        await taker.ArrivedAtAsync(postPath);
        await Expect(taker.Page.GetByRole(AriaRole.Img, new() { Name = $"Foto 1 di «{title}»" })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(taker, folder, "telefono", "condividi-annuncio");
        await taker.FillAsync("Il vostro messaggio alla famiglia", "Buongiorno! Sarebbe perfetto per nostro figlio, possiamo passare a prenderlo?");
        await taker.ClickAsync(taker.Button("Lo vorrei"), "«Lo vorrei»");
        await taker.ArrivedAtAsync($"/condividi/messaggi/{Guid36}");
        var conversationPath = new Uri(taker.Page.Url).AbsolutePath;
        await Expect(Status(taker, "È promesso a voi: ora concordate la consegna con la famiglia.")).ToBeVisibleAsync();
        await Expect(taker.Page.GetByRole(AriaRole.Heading, new() { Name = "Conversazione con Francesca e Luca P.", Level = 1 })).ToBeVisibleAsync();

        // 3. Francesca: the message from «La mia area», then the hand-over at the collection point, proposed in the conversation.
        var takerShort = Regex.Replace(person.Name, @" (\S)\S*$", " $1.");
        await ClickInHeaderAsync(giver, "La mia area");
        await giver.ArrivedAtAsync("/la-mia-area");
        await giver.ClickAsync(giver.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Messaggi non letti: \d+$") }), "«Messaggi non letti»");
        await giver.ArrivedAtAsync("/condividi/messaggi");
        await Screenshots.CaptureAsync(giver, folder, "desktop", "condividi-messaggi");
        await giver.ClickAsync(giver.Link(takerShort), $"la conversazione con «{takerShort}»");
        await giver.ArrivedAtAsync(conversationPath);
        await Expect(giver.Page.GetByText("possiamo passare a prenderlo?", new() { Exact = false })).ToBeVisibleAsync();
        var day = Journey.Today.AddDays(3);
        await giver.ClickAsync(giver.Page.GetByText("Concorda la consegna", new() { Exact = true }), "«Concorda la consegna»");
        await giver.FillAsync("Giorno", day.ToString("yyyy-MM-dd"));
        await giver.FillAsync("Ora", "17:30");
        await giver.CheckAsync("il luogo è già il punto di raccolta dell'annuncio", async () =>
            await Expect(giver.Page.GetByLabel(new Regex(@"^Luogo( \*)?$"))).ToHaveValueAsync(new Regex("^" + Regex.Escape(pointName)), new() { Timeout = 2_000 }));
        if (!(await giver.Page.GetByLabel(new Regex(@"^Luogo( \*)?$")).InputValueAsync()).StartsWith(pointName, StringComparison.Ordinal))
            await giver.FillAsync("Luogo", pointName);
        await BackOnAsync(giver, () => giver.ClickAsync(giver.Button("Proponi giorno e luogo"), "«Proponi giorno e luogo»"), conversationPath);
        await Expect(Status(giver, "Consegna concordata")).ToBeVisibleAsync();
        var agreed = giver.Page.Locator(".callout").Filter(new() { HasText = "Consegna concordata" });
        await Expect(agreed).ToContainTextAsync(pointName);
        await Expect(agreed).ToContainTextAsync("17:30");
        giver.Step($"  … «Consegna concordata» il {day:d/M} alle 17:30 a {pointName}");

        // 4. The other family: sees the agreement, answers, and after the hand-over confirms it on the post.
        await taker.OpenAsync(conversationPath);
        await Expect(taker.Page.Locator(".callout").Filter(new() { HasText = "Consegna concordata" })).ToContainTextAsync(pointName);
        await taker.FillAsync("Il vostro messaggio", "Perfetto, ci vediamo lì. Grazie!");
        await BackOnAsync(taker, () => taker.ClickAsync(taker.Button("Invia"), "«Invia»"), conversationPath);
        await Expect(taker.Page.GetByText("Perfetto, ci vediamo lì. Grazie!")).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(taker, folder, "telefono", "condividi-conversazione");
        await BackOnAsync(taker, () => taker.ClickAsync(taker.Link(title), $"«{title}» (a proposito di)"), postPath);
        await Expect(taker.Page.GetByText("È promesso a voi.", new() { Exact = false })).ToBeVisibleAsync();
        await BackOnAsync(taker, () => taker.ClickAsync(taker.Button("Confermo la consegna"), "«Confermo la consegna»"), postPath);
        await Expect(Status(taker, "Conferma registrata: manca quella dell'altra famiglia.")).ToBeVisibleAsync();

        // 5. Francesca confirms too: the post is handed over.
        await BackOnAsync(giver, () => giver.ClickAsync(giver.Link(title), $"«{title}» (a proposito di)"), postPath);
        await Expect(giver.Page.GetByText($"Promesso a: {takerShort}")).ToBeVisibleAsync();
        await BackOnAsync(giver, () => giver.ClickAsync(giver.Button("Confermo la consegna"), "«Confermo la consegna»"), postPath);
        await Expect(Status(giver, "Consegna confermata.")).ToBeVisibleAsync();
        await Expect(Badge(giver, "Consegnato")).ToBeVisibleAsync();
        await Expect(giver.Button("Confermo la consegna")).ToHaveCountAsync(0);
        giver.Step("  … l'annuncio è «Consegnato»");

        await taker.OpenAsync(postPath);
        await Expect(Badge(taker, "Consegnato")).ToBeVisibleAsync();
        taker.Step("  … anche per l'altra famiglia l'annuncio è «Consegnato»");

        Journey.AssertAccessible(giver, taker);
    }

    [Fact(DisplayName = "Banca del tempo: una persona nuova entra nella banca di Portogruaro, la famiglia Marchiori registra un'ora data a lei, lei la conferma, e i due estratti conto mostrano il movimento e i saldi")]
    public async Task A_member_records_an_hour_and_the_other_confirms()
    {
        var folder = Screenshots.Folder();

        // 1. A new person (phone) asks to join the bank.
        await using var newcomer = await Journey.StartAsync(app, output, 390, 844);
        var person = await NewPersonSignedInAsync(newcomer, "portogruaro");
        await ClickInHeaderAsync(newcomer, "Banca del tempo");
        await newcomer.ArrivedAtAsync("/banca-del-tempo");
        await Expect(newcomer.Page.GetByRole(AriaRole.Heading, new() { Name = "Regolamento" })).ToBeVisibleAsync();
        await newcomer.FillAsync("Presentati in poche righe (facoltativo)", "Sono arrivata da poco: posso dare una mano con l'inglese.");
        await newcomer.TickAsync("Ho letto e accetto il regolamento della banca del tempo");
        await BackOnAsync(newcomer, () => newcomer.ClickAsync(newcomer.Button("Invia la richiesta"), "«Invia la richiesta»"), "/banca-del-tempo");
        await Expect(newcomer.Page.GetByText("i gestori ti risponderanno presto", new() { Exact = false })).ToBeVisibleAsync();

        // 2. The coordinator accepts her.
        await using (var coordinator = await Journey.StartAsync(app, output))
        {
            await coordinator.OpenAsync("/account/accedi?rete=portogruaro");
            await coordinator.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
            await ClickInHeaderAsync(coordinator, "Banca del tempo");
            await coordinator.ArrivedAtAsync("/banca-del-tempo");
            await coordinator.ClickAsync(coordinator.Link("Gestione della banca"), "«Gestione della banca»");
            await coordinator.ArrivedAtAsync("/banca-del-tempo/gestione");
            var request = coordinator.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = person.Name });
            await BackOnAsync(coordinator, () => coordinator.ClickAsync(request.GetByRole(AriaRole.Button, new() { Name = "Accogli", Exact = true }), $"«Accogli» per {person.Name}"), "/banca-del-tempo/gestione");
            await Expect(Status(coordinator, "Richiesta accolta: il nuovo socio può scambiare ore.")).ToBeVisibleAsync();
            await Expect(request).ToHaveCountAsync(0);
            coordinator.Step($"  … «Richiesta accolta»: {person.Name} è socia");
            coordinator.AssertAccessible();
        }

        // 3. Elisa Marchiori (desktop) records the hour she gave: it waits for the other member's confirmation.
        await using var elisa = await Journey.StartAsync(app, output);
        await elisa.OpenAsync("/account/accedi?rete=portogruaro");
        await elisa.SignInWithPasswordAsync("famiglia@portogruaro.demo", Journey.DemoPassword, "Elisa e Davide Marchiori");
        await ClickInHeaderAsync(elisa, "Banca del tempo");
        await elisa.ArrivedAtAsync("/banca-del-tempo");
        var elisaBefore = Hours(await elisa.Page.Locator(".card").Filter(new() { HasText = "Il mio saldo" }).Locator("p.display-6").InnerTextAsync());
        await Screenshots.CaptureAsync(elisa, folder, "desktop", "banca-del-tempo");
        await elisa.ClickAsync(elisa.Link("Registra delle ore"), "«Registra delle ore»");
        await elisa.ArrivedAtAsync("/banca-del-tempo/scambi/nuovo");
        await Screenshots.CaptureAsync(elisa, folder, "desktop", "banca-del-tempo-registra");
        elisa.Step("Sceglie «Ho dato l'aiuto» in «Io»");
        await elisa.Page.Locator("label.form-check-label").Filter(new() { HasTextRegex = new Regex("^Ho dato l'aiuto") }).ClickAsync();
        await elisa.ChooseAsync("L'altro socio", person.Name);
        await elisa.FillAsync("Ore", "1");
        await elisa.ChooseAsync("Categoria", "Lingue");
        await elisa.FillAsync("Che cosa", "Conversazione in italiano al parco");
        await elisa.ClickAsync(elisa.Button("Registra"), "«Registra»");
        await elisa.ArrivedAtAsync($"/banca-del-tempo/scambi/{Guid36}");
        var exchangePath = new Uri(elisa.Page.Url).AbsolutePath;
        await Expect(Status(elisa, "Scambio registrato: ora l'altro socio deve confermarlo.")).ToBeVisibleAsync();
        await Expect(elisa.Page.GetByText($"In attesa della conferma di {person.Name}", new() { Exact = false })).ToBeVisibleAsync();

        // 4. The newcomer: the exchange to confirm from her bank's page, confirmed; her statement.
        await BackOnAsync(newcomer, () => ClickInHeaderAsync(newcomer, "Banca del tempo"), "/banca-del-tempo");
        await Screenshots.CaptureAsync(newcomer, folder, "telefono", "banca-del-tempo");
        var toConfirm = newcomer.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Elisa e Davide Marchiori: 1 h — Conversazione in italiano al parco") });
        await newcomer.ClickAsync(toConfirm, "lo scambio «Da confermare»");
        await newcomer.ArrivedAtAsync(exchangePath);
        await BackOnAsync(newcomer, () => newcomer.ClickAsync(newcomer.Button("Confermo 1 h"), "«Confermo 1 h»"), exchangePath);
        await Expect(newcomer.Page.GetByText("Confermato", new() { Exact = true })).ToBeVisibleAsync();
        await newcomer.ClickAsync(newcomer.Link("Il mio estratto conto"), "«Il mio estratto conto»");
        await newcomer.ArrivedAtAsync("/banca-del-tempo/estratto");
        await Expect(newcomer.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex("^Saldo") })).ToHaveTextAsync(new Regex(@"^Saldo\s*−1 h$|^Saldo\s*-1 h$"));
        var line = newcomer.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Conversazione in italiano al parco" });
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(new Regex(@"^[−-]1 h$"));
        newcomer.Step("  … nel suo estratto conto: −1 h, saldo −1 h");
        await Screenshots.CaptureAsync(newcomer, folder, "telefono", "banca-del-tempo-estratto");
        await newcomer.ReportHorizontalOverflowAsync();

        // 5. Elisa's statement: the hour in, the balance one hour higher.
        await elisa.OpenAsync(exchangePath);
        await Expect(elisa.Page.GetByText("Confermato", new() { Exact = true })).ToBeVisibleAsync();
        await elisa.ClickAsync(elisa.Link("Il mio estratto conto"), "«Il mio estratto conto»");
        await elisa.ArrivedAtAsync("/banca-del-tempo/estratto");
        var mine = elisa.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Conversazione in italiano al parco" });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("+1 h");
        var elisaAfter = Hours(await elisa.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex("^Saldo") }).Locator("strong").InnerTextAsync());
        Assert.Equal(elisaBefore + 60, elisaAfter);
        await Expect(mine.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(Text(elisaAfter));
        elisa.Step($"  … nel suo estratto conto: +1 h, saldo da {Text(elisaBefore)} a {Text(elisaAfter)}");
        await Screenshots.CaptureAsync(elisa, folder, "desktop", "banca-del-tempo-estratto");

        Journey.AssertAccessible(newcomer, elisa);
    }

    /// <summary>The time bank's way of writing hours («3 h», «1 h 30», «30 min», «−2 h») → minutes.</summary>
    static int Hours(string text)
    {
        var m = Regex.Match(text.Trim(), @"^([−-]?)(?:(\d+) h(?: (\d\d))?|(\d+) min)$");
        Assert.True(m.Success, $"«{text}» is not a number of hours");
        var minutes = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : int.Parse(m.Groups[2].Value) * 60 + (m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 0);
        return m.Groups[1].Value.Length > 0 ? -minutes : minutes;
    }

    static string Text(int minutes) =>
        Alleanza.Web.Modules.Sharing.TimeBank.TimeBankLabels.Hours(minutes);
}
