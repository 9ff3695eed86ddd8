using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>Each role signs in, lands on «La mia area» and reaches its work from the header or from its section, on a desktop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeJourneys(AppFixture app, ITestOutputHelper output)
{
    /// <summary>Clicks an entry of the main navigation, opening the menu first on a phone (where it is behind the burger button).</summary>
    static async Task ClickInHeaderAsync(Journey journey, string entry)
    {
        var burger = journey.Page.GetByRole(AriaRole.Button, new() { Name = "Mostra o nascondi il menu" });
        if (await burger.IsVisibleAsync()) await journey.ClickAsync(burger, "il menu (☰)");
        var navigation = journey.Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" });
        await journey.ClickAsync(navigation.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }), $"«{entry}» nell'intestazione");
    }

    static ILocator Section(Journey journey, string title) =>
        journey.Page.Locator("section.home-section").Filter(new() { Has = journey.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(title)) }) });

    [Theory(DisplayName = "Ogni ruolo arriva nella sua area e trova il suo lavoro dall'intestazione: ufficio del Comune, esercente, famiglia, ente partner (axe a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Each_role_reaches_its_work(string device, int width, int height)
    {
        var folder = Screenshots.Folder();

        await using (var officer = await Journey.StartAsync(app, output, width, height))
        {
            await officer.OpenAsync("/account/accedi?rete=portogruaro");
            await officer.SignInWithPasswordAsync("comune@portogruaro.demo", Journey.DemoPassword, "Roberto Pivetta");
            await Expect(Section(officer, "Ufficio Carta Famiglia")).ToContainTextAsync("Comune di Portogruaro");
            await Screenshots.CaptureAsync(officer, folder, device, "area-ufficio-comune");
            await ClickInHeaderAsync(officer, "Ufficio Carta Famiglia");
            await officer.ArrivedAtAsync("/gestione/carta-famiglia/domande");
            officer.AssertAccessible();
        }

        await using (var merchant = await Journey.StartAsync(app, output, width, height))
        {
            await merchant.OpenAsync("/account/accedi?rete=portogruaro");
            await merchant.SignInWithPasswordAsync("esercente@portogruaro.demo", Journey.DemoPassword, "Anna Furlan");
            await Screenshots.CaptureAsync(merchant, folder, device, "area-esercente");
            await merchant.ClickAsync(merchant.Link("Verifica una Carta Famiglia alla cassa"), "«Verifica una Carta Famiglia alla cassa»");
            await merchant.ArrivedAtAsync("/esercente/verifica");
            await ClickInHeaderAsync(merchant, "Area esercente");
            await merchant.ArrivedAtAsync("/esercente");
            merchant.AssertAccessible();
        }

        await using (var family = await Journey.StartAsync(app, output, width, height))
        {
            await family.OpenAsync("/account/accedi?rete=portogruaro");
            await family.SignInWithPasswordAsync("famiglia@portogruaro.demo", Journey.DemoPassword, "Elisa e Davide Marchiori");
            await Expect(Section(family, "Le mie iscrizioni")).ToBeVisibleAsync();
            await Screenshots.CaptureAsync(family, folder, device, "area-famiglia");
            await family.ClickAsync(family.Link("Carta di Elisa Marchiori"), "«Carta di Elisa Marchiori» nella sua area");
            await family.ArrivedAtAsync("/carta-famiglia/carte/[0-9a-f-]{36}");
            await ClickInHeaderAsync(family, "La mia area");
            await family.ArrivedAtAsync("/la-mia-area");
            family.AssertAccessible();
        }

        await using (var partner = await Journey.StartAsync(app, output, width, height))
        {
            await partner.OpenAsync("/account/accedi?rete=portogruaro");
            await partner.SignInWithPasswordAsync("referente@portogruaro.demo", Journey.DemoPassword, "Marco Zanin");
            await Expect(Section(partner, "Le opportunità del mio ente")).ToContainTextAsync("pubblicate");
            var table = Section(partner, "Tavoli").Or(Section(partner, "I miei tavoli")).GetByRole(AriaRole.Link).First;
            var tableName = (await table.InnerTextAsync()).Trim();
            await partner.ClickAsync(table, $"il tavolo «{tableName}» nella sua area");
            await partner.ArrivedAtAsync("/rete/tavoli/[0-9a-f-]{36}");
            await Expect(partner.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(tableName);
            partner.AssertAccessible();
        }
    }
}
