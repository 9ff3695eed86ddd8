using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public sealed class WorkingTableJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Guid36 = "[0-9a-f-]{36}";

    [Fact(DisplayName = "La coordinatrice di Portogruaro crea un tavolo di lavoro, ne sceglie i membri e fissa un incontro")]
    public async Task Coordinator_creates_a_table_and_a_meeting()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var name = $"Tavolo sport e famiglie {Guid.NewGuid().ToString("N")[..6]}";
        var day = DateOnly.FromDateTime(Journey.Today.AddDays(14));

        await journey.OpenAsync("/account/accedi?rete=portogruaro");
        await journey.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
        await journey.OpenAsync("/gestione/partner");
        await journey.ClickAsync(journey.Link("Tavoli di lavoro"), "la scheda «Tavoli di lavoro»");
        await journey.ArrivedAtAsync("/gestione/tavoli");
        await Expect(journey.Link("Tavolo genitorialità e benessere della famiglia")).ToBeVisibleAsync();

        await journey.ClickAsync(journey.Link("Nuovo tavolo"), "«Nuovo tavolo»");
        await journey.ArrivedAtAsync("/gestione/tavoli/nuovo");
        await journey.FillAsync("Nome del tavolo", name);
        await journey.FillAsync("Scopo e temi", "Portare più bambini e ragazzi allo sport, con orari compatibili con il lavoro dei genitori.");
        await journey.FillAsync("Email del referente", "referente@portogruaro.demo");
        await journey.ClickAsync(journey.Button("Crea il tavolo"), "«Crea il tavolo»");
        await journey.ArrivedAtAsync($"/gestione/tavoli/{Guid36}/membri");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Tavolo «{name}» creato." })).ToBeVisibleAsync();
        await Expect(journey.Page.Locator("main li").Filter(new() { HasText = "Marco Zanin" })).ToHaveCountAsync(1);

        await journey.FillAsync("Email della persona", "famiglia@portogruaro.demo");
        await journey.ChooseAsync("Ruolo al tavolo", "Rappresentante delle famiglie");
        await journey.ClickAsync(journey.Button("Aggiungi"), "«Aggiungi»");
        await journey.ArrivedAtAsync($"/gestione/tavoli/{Guid36}/membri");
        var family = journey.Page.Locator("main li").Filter(new() { HasText = "Elisa e Davide Marchiori" });
        await Expect(family).ToHaveCountAsync(1);
        await Expect(family.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("FamilyRepresentative");
        journey.Step("  … referente e rappresentante delle famiglie sono al tavolo");

        await journey.ClickAsync(journey.Link($"← Torna al tavolo «{name}»"), "«Torna al tavolo»");
        await journey.ArrivedAtAsync($"/gestione/tavoli/{Guid36}");
        await journey.ClickAsync(journey.Link("Incontri, azioni e documenti"), "«Incontri, azioni e documenti»");
        await journey.ArrivedAtAsync($"/rete/tavoli/{Guid36}");
        await Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();

        await journey.ClickAsync(journey.Link("Nuovo incontro"), "«Nuovo incontro»");
        await journey.ArrivedAtAsync($"/rete/tavoli/{Guid36}/incontri/nuovo");
        await journey.FillAsync("Giorno", day.ToString("yyyy-MM-dd"));
        await journey.FillAsync("Dalle ore", "18:00");
        await journey.FillAsync("Alle ore", "19:30");
        await journey.FillAsync("Luogo", "Palazzetto dello sport, Portogruaro");
        await journey.FillAsync("Ordine del giorno", "- Orari delle società sportive\n- Borse per lo sport");
        await journey.ClickAsync(journey.Button("Fissa l'incontro e invita i membri"), "«Fissa l'incontro e invita i membri»");
        await journey.ArrivedAtAsync($"/rete/tavoli/incontri/{Guid36}");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Incontro fissato" })).ToBeVisibleAsync();
        await Expect(journey.Page.GetByText("Palazzetto dello sport, Portogruaro")).ToBeVisibleAsync();
        await Expect(journey.Page.GetByRole(AriaRole.Img, new() { Name = "Codice QR per firmare la presenza" })).ToBeVisibleAsync();
        await Expect(journey.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Borse per lo sport" })).ToBeVisibleAsync();
        journey.Step("  … l'incontro ha il QR per le presenze e l'ordine del giorno");
        await Screenshots.CaptureAsync(journey, Screenshots.Folder(), "desktop", "tavoli-nuovo-incontro");

        journey.AssertAccessible();
    }

    [Theory(DisplayName = "Schermate dei tavoli di lavoro: i miei tavoli, un tavolo, un incontro, la gestione (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Working_table_pages_at_width(string device, int width, int height)
    {
        var folder = Screenshots.Folder();
        await using var referent = await Journey.StartAsync(app, output, width, height);
        await referent.OpenAsync("/account/accedi?rete=portogruaro");
        await referent.SignInWithPasswordAsync("referente@portogruaro.demo", Journey.DemoPassword, "Marco Zanin");
        await ShootAsync(referent, folder, device, "/rete/tavoli");
        await referent.ClickAsync(referent.Link("Tavolo genitorialità e benessere della famiglia"), "il tavolo genitorialità");
        await referent.ArrivedAtAsync($"/rete/tavoli/{Guid36}");
        await Expect(referent.Page.Locator("tr.overdue")).ToHaveCountAsync(1);
        await Screenshots.CaptureAsync(referent, folder, device, "tavoli-tavolo");
        await referent.ClickAsync(referent.Page.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new Regex(@"^\d+/\d+/\d{4} \d\d:\d\d$") }).Last, "il primo incontro svolto");
        await referent.ArrivedAtAsync($"/rete/tavoli/incontri/{Guid36}");
        await Screenshots.CaptureAsync(referent, folder, device, "tavoli-incontro");
        await referent.ReportHorizontalOverflowAsync();

        await using var coordinator = await Journey.StartAsync(app, output, width, height);
        await coordinator.OpenAsync("/account/accedi?rete=portogruaro");
        await coordinator.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
        await ShootAsync(coordinator, folder, device, "/gestione/tavoli");
        await coordinator.ClickAsync(coordinator.Link("Membri di Tavolo genitorialità e benessere della famiglia"), "«Membri» del tavolo genitorialità");
        await coordinator.ArrivedAtAsync($"/gestione/tavoli/{Guid36}/membri");
        await Screenshots.CaptureAsync(coordinator, folder, device, "gestione-tavoli-membri");
        await coordinator.ReportHorizontalOverflowAsync();

        Journey.AssertAccessible(referent, coordinator);
    }

    static async Task ShootAsync(Journey journey, string folder, string device, string path)
    {
        await journey.OpenAsync(path);
        await Screenshots.CaptureAsync(journey, folder, device, Regex.Replace(path.Split('?')[0].Trim('/'), "[^A-Za-z0-9]+", "-"));
    }
}
