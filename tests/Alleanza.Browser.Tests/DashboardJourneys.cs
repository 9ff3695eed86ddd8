using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>The coordinator's dashboard as a person sees it: charts drawn by Chart.js, the same numbers in tables, a Comune chosen.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class DashboardJourneys(AppFixture app, ITestOutputHelper output)
{
    // Bars or slices Chart.js drew from the canvas's data (-1: no chart on it), and whether any pixel is painted.
    const string DrawnScript = """
        c => {
          const chart = window.Chart && window.Chart.getChart(c);
          const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let painted = false;
          for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i] !== 0;
          return [chart ? chart.data.datasets.reduce((n, d) => n + d.data.length, 0) : -1, painted ? 1 : 0];
        }
        """;

    [Theory(DisplayName = "La coordinatrice di Portogruaro apre il cruscotto: grafici disegnati, gli stessi numeri in tabella, poi un solo Comune (axe a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Coordinator_reads_the_dashboard(string device, int width, int height)
    {
        await using var journey = await Journey.StartAsync(app, output, width, height);
        var folder = Screenshots.Folder();
        await journey.OpenAsync("/account/accedi?rete=portogruaro");
        await journey.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");

        await journey.OpenAsync("/gestione");
        await Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cruscotto della rete");
        await AssertChartsDrawnAsync(journey, minimum: 4);
        foreach (var table in new[] { "Enti partner per tipo", "Opportunità pubblicate per area", "Iscrizioni per mese", "Carte emesse e acquisti per mese" })
            await Expect(journey.Page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^" + Regex.Escape(table)) })).ToHaveCountAsync(1);
        journey.Step("  … ogni grafico ha la sua tabella con gli stessi numeri");
        var registrations = await journey.Page.Locator("[data-figure=registrations]").InnerTextAsync();
        Assert.NotEqual("0", registrations.Trim());
        journey.Step($"  … iscrizioni confermate nel periodo: {registrations.Trim()}");
        await Screenshots.CaptureAsync(journey, folder, device, "cruscotto-rete");

        await journey.ChooseAsync("Comune", "Portogruaro");
        await journey.ClickAsync(journey.Button("Mostra"), "«Mostra»");
        await journey.ArrivedAtAsync(@"/gestione\?(.*&)?comune=[0-9a-fA-F-]{36}(&.*)?");
        await Expect(journey.Page.Locator("p.lead")).ToContainTextAsync("Comune di Portogruaro");
        await AssertChartsDrawnAsync(journey, minimum: 1);
        await Screenshots.CaptureAsync(journey, folder, device, "cruscotto-comune");

        journey.AssertAccessible();
    }

    static async Task AssertChartsDrawnAsync(Journey journey, int minimum)
    {
        var canvases = await journey.Page.Locator("canvas[data-chart]").AllAsync();
        Assert.True(canvases.Count >= minimum, $"Expected the dashboard's charts, found {canvases.Count} canvases");
        foreach (var canvas in canvases)
        {
            await canvas.ScrollIntoViewIfNeededAsync();
            var drawn = await canvas.EvaluateAsync<int[]>(DrawnScript);
            var label = await canvas.GetAttributeAsync("aria-label") ?? await canvas.GetAttributeAsync("id") ?? "grafico";
            Assert.True(drawn[0] > 0 && drawn[1] == 1, $"Chart «{label}»: {drawn[0]} values in Chart.js, painted: {drawn[1] == 1}");
        }
        journey.Step($"  … {canvases.Count} grafici disegnati da Chart.js");
    }
}
