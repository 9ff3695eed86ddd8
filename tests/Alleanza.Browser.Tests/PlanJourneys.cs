using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

/// <summary>The CIdiS coordinator reads the mapping (whole network and one Comune), the Piano Family and the dossier page.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PlanJourneys(AppFixture app, ITestOutputHelper output)
{
    [Theory(DisplayName = "Il coordinatore del CIdiS guarda la mappatura con le lacune, il Piano Family con l'avanzamento e il dossier (axe a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Coordinator_reads_mapping_plan_and_dossier(string device, int width, int height)
    {
        await using var journey = await Journey.StartAsync(app, output, width, height);
        var folder = Screenshots.Folder();
        await journey.OpenAsync("/account/accedi?rete=cidis");
        await journey.SignInWithPasswordAsync("coordinatore@cidis.demo", Journey.DemoPassword, "Stefano Gallo");

        await journey.OpenAsync("/gestione/mappatura");
        await Screenshots.CaptureAsync(journey, folder, device, "mappatura-rete");
        await journey.ClickAsync(journey.Link("Orbassano"), "apre la mappatura di Orbassano");
        await journey.ArrivedAtAsync(new Regex("/gestione/mappatura\\?comune="));
        await Screenshots.CaptureAsync(journey, folder, device, "mappatura-comune");

        await journey.OpenAsync("/gestione/piano");
        await Screenshots.CaptureAsync(journey, folder, device, "piano-elenco");
        await journey.ClickAsync(journey.Link("Piano Family e benessere della Comunità 2025–2026"), "apre il piano");
        await Screenshots.CaptureAsync(journey, folder, device, "piano");
        await journey.ClickAsync(journey.Link("Dossier per la certificazione"), "apre il dossier");
        await Screenshots.CaptureAsync(journey, folder, device, "piano-dossier");
        journey.AssertAccessible();
    }
}
