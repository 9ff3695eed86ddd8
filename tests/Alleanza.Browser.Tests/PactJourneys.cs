using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PactJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Partner = "Associazione Famiglie del Portogruarese";
    const string Declaration = "Dichiaro di aver letto il testo del patto e di aderirvi a nome dell'ente, con i poteri per farlo";

    [Fact(DisplayName = "Il referente di un ente di Portogruaro aderisce al patto di collaborazione e ritrova l'ente sulla pagina pubblica")]
    public async Task Partner_adheres_to_the_pact_and_sees_it_on_the_public_page()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var folder = Screenshots.Folder();

        await journey.OpenAsync("/account/accedi?rete=portogruaro");
        await journey.SignInWithPasswordAsync("referente@portogruaro.demo", Journey.DemoPassword, "Marco Zanin");

        await journey.OpenAsync("/rete/patto");
        await Expect(journey.Page.Locator("h1")).ToHaveTextAsync("Patto per l'Alleanza per la famiglia del Portogruarese");
        await Expect(journey.Page.Locator("#elenco-aderenti")).Not.ToContainTextAsync(Partner);
        await journey.ClickAsync(journey.Link("Aderisci per il tuo ente"), "«Aderisci per il tuo ente»");
        await journey.ArrivedAtAsync("/rete/patto/adesione");
        await Expect(journey.Page.Locator(".lead")).ToContainTextAsync(Partner);
        await Expect(journey.Page.Locator(".lead .badge")).ToHaveTextAsync("Mai aderito");
        await Expect(journey.Page.GetByLabel(new Regex(@"^Nome e cognome di chi firma"))).ToHaveValueAsync("Marco Zanin");

        // Without the declaration the adhesion is refused, with a message next to the box.
        await journey.FillAsync("Ruolo nell'ente", "Presidente");
        await journey.FillAsync("Impegni dell'ente (facoltativo)", "Organizzare un gruppo di mutuo aiuto per neogenitori, il primo sabato del mese.");
        await journey.ClickAsync(journey.Button("Aderisci al patto"), "«Aderisci al patto» senza la dichiarazione");
        await journey.ArrivedAtAsync("/rete/patto/adesione");
        await Expect(journey.Page.Locator("#errori")).ToContainTextAsync("dichiara di aver letto il testo del patto");
        await Screenshots.CaptureAsync(journey, folder, "desktop", "patto-adesione-errore");

        await journey.TickAsync(Declaration);
        await journey.ClickAsync(journey.Button("Aderisci al patto"), "«Aderisci al patto»");
        await journey.ArrivedAtAsync("/rete/patto/adesione");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Grazie: «{Partner}» aderisce alla versione 1" })).ToBeVisibleAsync();
        await Expect(journey.Page.Locator(".lead .badge")).ToHaveTextAsync("Aderente");
        await Screenshots.CaptureAsync(journey, folder, "desktop", "patto-adesione-fatta");

        await journey.ClickAsync(journey.Link("← Il patto di collaborazione"), "«← Il patto di collaborazione»");
        await journey.ArrivedAtAsync("/rete/patto");
        var entry = journey.Page.Locator("#elenco-aderenti li").Filter(new() { HasText = Partner });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("mutuo aiuto per neogenitori");
        await Expect(journey.Page.Locator("#elenco-aderenti h3").Filter(new() { HasText = "Associazione di famiglie" })).ToHaveCountAsync(1);
        journey.Step($"  … «{Partner}» è tra gli aderenti, sotto «Associazione di famiglie», con i suoi impegni");
        await Screenshots.CaptureAsync(journey, folder, "desktop", "patto-pubblico-portogruaro");

        journey.AssertAccessible();
    }

    [Theory(DisplayName = "Schermate del patto: pagina pubblica di Lucca, versione precedente, gestione del coordinatore (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Pact_pages_at_width(string device, int width, int height)
    {
        await using var journey = await Journey.StartAsync(app, output, width, height);
        var folder = Screenshots.Folder();

        await Shoot(journey, folder, device, "/rete/patto?rete=lucca", "patto-pubblico-lucca");
        await Expect(journey.Page.Locator("#elenco-rinnovo")).ToContainTextAsync("Scuola dell'infanzia comunale San Vito");
        await Shoot(journey, folder, device, "/rete/patto/versioni/1", "patto-versione-1");

        await journey.OpenAsync("/account/accedi");
        await journey.SignInWithPasswordAsync("coordinatore@lucca.demo", Journey.DemoPassword, "Chiara Bertolucci");
        await Shoot(journey, folder, device, "/gestione/patto", "gestione-patto");
        await Shoot(journey, folder, device, "/gestione/patto?stato=2", "gestione-patto-da-rinnovare");
        await journey.ClickAsync(journey.Link("Scuola dell'infanzia comunale San Vito"), "«Scuola dell'infanzia comunale San Vito»");
        await journey.ArrivedAtAsync(@"/gestione/patto/enti/[0-9a-f-]{36}");
        await Screenshots.CaptureAsync(journey, folder, device, "gestione-patto-ente");
        await Shoot(journey, folder, device, "/gestione/patto/versioni", "gestione-patto-versioni");
        await Shoot(journey, folder, device, "/gestione/patto/versioni/2", "gestione-patto-versione-2");
        // The draft of version 3 (made at the first width, resumed at the other) with its preview.
        await journey.OpenAsync("/gestione/patto/versioni");
        var resume = journey.Link("Riprendi la bozza della versione 3");
        await journey.ClickAsync(await resume.CountAsync() > 0 ? resume : journey.Button("Prepara una nuova versione"), "la bozza della versione 3");
        await journey.ArrivedAtAsync("/gestione/patto/versioni/3");
        await journey.ClickAsync(journey.Button("Salva e mostra l'anteprima"), "«Salva e mostra l'anteprima»");
        await journey.ArrivedAtAsync("/gestione/patto/versioni/3");
        await Expect(journey.Page.Locator("#anteprima + article h2").First).ToContainTextAsync("Art. 1");
        await Screenshots.CaptureAsync(journey, folder, device, "gestione-patto-bozza");

        journey.AssertAccessible();
    }

    static async Task Shoot(Journey journey, string folder, string device, string path, string name)
    {
        await journey.OpenAsync(path);
        await Screenshots.CaptureAsync(journey, folder, device, name);
    }
}
