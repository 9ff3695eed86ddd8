using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Gruppi di acquisto as the people of Brianza's GAF Seveso click them, each from the header or «La mia area»: the referent
/// and treasurer (desktop) opens an order of the dairy, the demo family (phone) and the referent's own household book
/// (a cheese sold by weight in each), the referent closes it (the order goes to the supplier), downloads the supplier's
/// PDF, records the delivery typing the two weights with the keyboard only, ends the delivery and settles: both balances
/// go down by what each was charged. The booking and the delivery pages are captured at 1280 and 390 px. Lean: axe runs
/// once on each kind of page; pages seen again are only waited for.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PurchasingJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Guid36 = "[0-9a-f-]{36}";
    const string Dairy = "Caseificio Valle del Lambro";

    static async Task ClickInHeaderAsync(Journey journey, string entry)
    {
        var burger = journey.Page.GetByRole(AriaRole.Button, new() { Name = "Mostra o nascondi il menu" });
        if (await burger.IsVisibleAsync()) await journey.ClickAsync(burger, "il menu (☰)");
        var navigation = journey.Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" });
        await journey.ClickAsync(navigation.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }), $"«{entry}» nell'intestazione");
    }

    /// <summary>An action that leads to a page already checked by axe in this journey (or to the same address): waits for the new document only.</summary>
    static async Task ReachedAsync(Journey journey, Func<Task> action, string pathRegex)
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
        journey.Step($"  … su {page.Url[journey.BaseUrl.Length..]}");
    }

    static ILocator Status(Journey journey, string text) => journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });

    /// <summary>The euro amount in bold after «<paramref name="label"/>» on the page («Il vostro credito: 123,45 €»).</summary>
    static async Task<decimal> CreditAsync(Journey journey, string label)
    {
        var text = await journey.Page.Locator("li", new() { HasText = label }).Locator("strong").First.InnerTextAsync();
        var number = Regex.Match(text.Replace('\u2212', '-'), @"-?[\d.]+(,\d+)?").Value.Replace(".", "");
        journey.Step($"  … «{label}»: {text.Trim()}");
        return decimal.Parse(number, NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.GetCultureInfo("it-IT"));
    }

    /// <summary>The same page at the other width too (the window is resized, shot, and put back).</summary>
    static async Task CaptureBothAsync(Journey journey, string folder, string name)
    {
        var size = journey.Page.ViewportSize!;
        foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("telefono", 390, 844) })
        {
            await journey.Page.SetViewportSizeAsync(width, height);
            await Screenshots.CaptureAsync(journey, folder, device, name);
        }
        await journey.Page.SetViewportSizeAsync(size.Width, size.Height);
    }

    static async Task BookAsync(Journey journey, params (string Product, string Quantity)[] lines)
    {
        foreach (var (product, quantity) in lines) await journey.FillAsync(product, quantity);
        await ReachedAsync(journey, () => journey.ClickAsync(journey.Button("Salva la prenotazione"), "«Salva la prenotazione»"), $"/gruppi-acquisto/ordini/{Guid36}");
        await Expect(Status(journey, "Prenotazione salvata")).ToBeVisibleAsync();
    }

    [Fact(DisplayName = "Gruppi di acquisto: la referente apre un ordine dal menu, due famiglie prenotano (una dal telefono), l'ordine si chiude e parte il PDF al fornitore, la consegna si registra con i pesi scritti da tastiera, il saldo addebita e i crediti scendono")]
    public async Task A_referent_runs_an_order_from_booking_to_settlement()
    {
        var folder = Screenshots.Folder();
        var title = $"Formaggi e latte {Guid.NewGuid().ToString("N")[..5]}";

        // 1. The referent (desktop): from the header to her group, a new order of the dairy, open at once.
        await using var referent = await Journey.StartAsync(app, output);
        await referent.OpenAsync("/account/accedi?rete=brianza");
        await referent.SignInWithPasswordAsync("gaf@brianza.demo", Journey.DemoPassword, "Marta Galli");
        await ClickInHeaderAsync(referent, "Gruppi di acquisto");
        await referent.ArrivedAtAsync("/gruppi-acquisto");
        await referent.ClickAsync(referent.Link("GAF Seveso"), "«GAF Seveso»");
        await referent.ArrivedAtAsync($"/gruppi-acquisto/{Guid36}");
        var groupPath = new Uri(referent.Page.Url).AbsolutePath;
        var referentBefore = await CreditAsync(referent, "Il vostro credito");
        await referent.ClickAsync(referent.Link("Nuovo ordine"), "«Nuovo ordine»");
        await referent.ArrivedAtAsync($"/gruppi-acquisto/{Guid36}/nuovo-ordine");
        await referent.ChooseAsync("Fornitore", Dairy);
        await referent.FillAsync("Titolo", title);
        await Expect(referent.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Apri subito alle prenotazioni" })).ToBeCheckedAsync();
        await referent.ClickAsync(referent.Button("Crea l'ordine"), "«Crea l'ordine»");
        await referent.ArrivedAtAsync($"/gruppi-acquisto/ordini/{Guid36}/riepilogo");
        var summaryPath = new Uri(referent.Page.Url).AbsolutePath;
        var cyclePath = summaryPath[..^"/riepilogo".Length];
        await Expect(Status(referent, "Ordine creato")).ToBeVisibleAsync();

        // 2. The family (phone): the open order from «La mia area», two lines, one sold by weight.
        await using var family = await Journey.StartAsync(app, output, 390, 844);
        await family.OpenAsync("/account/accedi?rete=brianza");
        await family.SignInWithPasswordAsync("famiglia@brianza.demo", Journey.DemoPassword, "Chiara e Matteo Riva");
        await family.ClickAsync(family.Link(title), $"l'ordine «{title}» in «La mia area»");
        await family.ArrivedAtAsync(Regex.Escape(cyclePath));
        var familyBefore = await CreditAsync(family, "Il vostro credito");
        await BookAsync(family, ("Taleggio", "2"), ("Latte fresco intero (1 l)", "3"));
        await CaptureBothAsync(family, folder, "gaf-prenotazione");

        // 3. The referent books for her own household from the members' page of the order.
        await referent.ClickAsync(referent.Link("Pagina dei soci"), "«Pagina dei soci»");
        await referent.ArrivedAtAsync(Regex.Escape(cyclePath));
        await BookAsync(referent, ("Grana stagionato 24 mesi", "1"), ("Burro (250 g)", "2"));

        // 4. She closes the order: it goes to the supplier by e-mail; the PDF of the order is there to download.
        await ReachedAsync(referent, () => referent.ClickAsync(referent.Link("Riepilogo per i referenti"), "«Riepilogo per i referenti»"), Regex.Escape(summaryPath));
        await referent.CheckAsync("il riepilogo conta Taleggio, Grana, Burro e Latte", () =>
            Expect(referent.Page.Locator("table").First.Locator("tbody tr")).ToHaveCountAsync(4));
        var asked = referent.AcceptNextDialogAsync();
        await ReachedAsync(referent, () => referent.ClickAsync(referent.Button("Chiudi le prenotazioni"), "«Chiudi le prenotazioni»"), Regex.Escape(summaryPath));
        Assert.Equal("Chiudi le prenotazioni: confermate?", await asked);
        await Expect(Status(referent, $"Ordine chiuso e inviato per email a {Dairy}")).ToBeVisibleAsync();
        await referent.AuditAsync();
        referent.Step("Clicca «Ordine al fornitore (PDF)»");
        var download = await referent.Page.RunAndWaitForDownloadAsync(() => referent.Link("Ordine al fornitore (PDF)").ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        referent.Step($"  … scarica {download.SuggestedFilename}, {pdf.Length:N0} byte");
        Assert.StartsWith("ordine-", download.SuggestedFilename);
        Assert.True(pdf.Length > 1000 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8), "the supplier's order is a PDF");

        // 5. The delivery: the cursor waits on the first weight; a weight and Enter record the member and go to the next.
        await referent.ClickAsync(referent.Link("Schermata di consegna"), "«Schermata di consegna»");
        await referent.ArrivedAtAsync(Regex.Escape(cyclePath) + "/consegna");
        await CaptureBothAsync(referent, folder, "gaf-consegna");
        await Expect(referent.Page.GetByRole(AriaRole.Heading, new() { Name = "Famiglia Galli" })).ToBeVisibleAsync();
        await Expect(referent.Page.GetByLabel("Burro (250 g)")).ToHaveValueAsync("2");
        await Expect(referent.Page.GetByLabel("Grana stagionato 24 mesi")).ToBeFocusedAsync();
        referent.Step("Scrive da tastiera «1,05» e Invio (il peso del Grana)");
        await referent.Page.Keyboard.TypeAsync("1,05");
        await ReachedAsync(referent, () => referent.Page.Keyboard.PressAsync("Enter"), Regex.Escape(cyclePath) + @"/consegna\?n=1");
        await Expect(Status(referent, "Consegna di Famiglia Galli registrata")).ToBeVisibleAsync(); // 1,05 kg × 22 €/kg + 2 × 3,30 €
        await Expect(referent.Page.GetByRole(AriaRole.Heading, new() { Name = "Famiglia Riva" })).ToBeVisibleAsync();
        await Expect(referent.Page.GetByLabel("Taleggio")).ToBeFocusedAsync();
        referent.Step("Scrive da tastiera «980» e Invio (il peso dei due pezzi di Taleggio, in grammi)");
        await referent.Page.Keyboard.TypeAsync("980");
        await ReachedAsync(referent, () => referent.Page.Keyboard.PressAsync("Enter"), Regex.Escape(cyclePath) + @"/consegna\?n=1");
        await Expect(Status(referent, "Consegna di Famiglia Riva registrata")).ToBeVisibleAsync();
        await Expect(referent.Page.GetByText("2 di 2 soci registrati.")).ToBeVisibleAsync();

        // 6. Delivery over, settled by the treasurer: each balance goes down by its charge.
        await ReachedAsync(referent, () => referent.ClickAsync(referent.Page.GetByRole(AriaRole.Navigation, new() { Name = "Percorso" }).GetByRole(AriaRole.Link, new() { Name = title }), $"«{title}» nel percorso"), Regex.Escape(summaryPath));
        foreach (var step in new[] { "Consegna conclusa", "Salda l'ordine" })
        {
            var question = referent.AcceptNextDialogAsync();
            await ReachedAsync(referent, () => referent.ClickAsync(referent.Button(step), $"«{step}»"), Regex.Escape(summaryPath));
            Assert.Equal($"{step}: confermate?", await question);
            await Expect(Status(referent, "Fatto: l'ordine è passato al passo successivo.")).ToBeVisibleAsync();
        }
        await Expect(referent.Page.Locator("span.badge", new() { HasText = "Saldato" })).ToBeVisibleAsync();
        await ReachedAsync(referent, () => referent.ClickAsync(referent.Link("GAF Seveso"), "«GAF Seveso» nel percorso"), Regex.Escape(groupPath));
        var referentAfter = await CreditAsync(referent, "Il vostro credito");
        Assert.Equal(29.70m, referentBefore - referentAfter); // the Grana by its weight (23,10 €) and the butter (6,60 €)

        await ReachedAsync(family, () => family.Page.ReloadAsync(), Regex.Escape(cyclePath));
        await Expect(family.Page.GetByRole(AriaRole.Heading, new() { Name = "La vostra ricevuta" })).ToBeVisibleAsync();
        await family.AuditAsync();
        var charged = await family.Page.Locator("tfoot tr", new() { HasText = "Totale addebitato" }).Locator("td").Last.InnerTextAsync();
        family.Step($"  … la ricevuta: totale addebitato {charged}");
        var familyAfter = await CreditAsync(family, "Il vostro credito");
        Assert.Equal(decimal.Parse(Regex.Match(charged, @"[\d.]+,\d\d").Value.Replace(".", ""), CultureInfo.GetCultureInfo("it-IT")), familyBefore - familyAfter);

        Journey.AssertAccessible(referent, family);
    }
}
