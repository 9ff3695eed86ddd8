using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PartnerJourneys(AppFixture app, ITestOutputHelper output)
{
    [Fact(DisplayName = "La coordinatrice di Portogruaro aggiunge un ente partner e lo ritrova cercandolo nell'elenco")]
    public async Task Coordinator_adds_a_partner_and_finds_it()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var name = $"Ludoteca Il Girotondo {Guid.NewGuid().ToString("N")[..6]}";

        await journey.OpenAsync("/gestione/partner");
        journey.Step("  … la pagina chiede di accedere");
        await Expect(journey.Page).ToHaveURLAsync(journey.BaseUrl + "/account/accedi?ReturnUrl=%2Fgestione%2Fpartner");
        await journey.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin", "/gestione/partner");

        await journey.ClickAsync(journey.Link("Nuovo ente partner"), "«Nuovo ente partner»");
        await journey.ArrivedAtAsync("/gestione/partner/nuovo");
        await journey.FillAsync("Nome dell'ente", name);
        journey.Step("Sceglie «Associazione di famiglie» in «Tipo di ente»");
        await journey.Page.GetByLabel("Tipo di ente").SelectOptionAsync(new SelectOptionValue { Label = "Associazione di famiglie" });
        await journey.TickAsync("Caorle");
        await journey.ClickAsync(journey.Button("Aggiungi l'ente"), "«Aggiungi l'ente»");
        await journey.ArrivedAtAsync(@"/gestione/partner/[0-9a-f-]{36}");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Ente «{name}» aggiunto alla rete." })).ToBeVisibleAsync();

        await journey.ClickAsync(journey.Link("← Torna agli enti partner"), "«← Torna agli enti partner»");
        await journey.ArrivedAtAsync("/gestione/partner");
        await journey.FillAsync("Nome dell'ente", name);
        await journey.ClickAsync(journey.Button("Cerca"), "«Cerca»");
        await journey.ArrivedAtAsync(@"/gestione/partner\?.*q=.*");
        await Expect(journey.Page.GetByText("1 ente trovato")).ToBeVisibleAsync();
        var row = journey.Page.GetByRole(AriaRole.Row).Filter(new() { Has = journey.Link(name) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Associazione di famiglie");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Caorle");
        journey.Step($"  … «{name}» è nell'elenco, tipo e Comune giusti");

        journey.AssertAccessible();
    }
}
