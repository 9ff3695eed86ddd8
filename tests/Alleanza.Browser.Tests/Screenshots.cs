using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public sealed class Screenshots(AppFixture app, ITestOutputHelper output)
{
    static readonly string[] PublicPages = ["/", "/account/accedi", "/account/registrati"];
    static readonly string[] ManagePages = ["/gestione/partner", "/gestione/partner/nuovo", "/gestione/opportunita", "/gestione/opportunita/nuova"];

    [Theory(DisplayName = "Schermate delle pagine principali (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Key_pages_at_width(string device, int width, int height)
    {
        await using var journey = await Journey.StartAsync(app, output, width, height);
        var folder = Folder();

        foreach (var path in PublicPages) await ShootAsync(journey, folder, device, path);
        await journey.OpenAsync("/account/accedi");
        await journey.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
        foreach (var path in ManagePages) await ShootAsync(journey, folder, device, path);

        journey.AssertAccessible();
    }

    [Theory(DisplayName = "Schermate del catalogo per una famiglia: ricerca, scheda con l'iscrizione, le mie iscrizioni (axe anche a questa larghezza)")]
    [InlineData("desktop", 1280, 900)]
    [InlineData("telefono", 390, 844)]
    public async Task Catalog_pages_at_width(string device, int width, int height)
    {
        await using var journey = await Journey.StartAsync(app, output, width, height);
        var folder = Folder();
        await journey.OpenAsync("/account/accedi?rete=lucca");
        await journey.SignInWithPasswordAsync("famiglia@lucca.demo", Journey.DemoPassword, "Francesca e Luca Pardini");

        await ShootAsync(journey, folder, device, "/opportunita?q=minivolley");
        await journey.ClickAsync(journey.Page.Locator("#risultati").GetByRole(AriaRole.Link, new() { Name = "Minivolley con il Panathlon", Exact = true }), "«Minivolley con il Panathlon»");
        await journey.ArrivedAtAsync(@"/opportunita/[0-9a-f-]{36}");
        // One registration, so that the detail and "Le mie iscrizioni" show one (the other width may have made it already).
        if (await journey.Page.GetByText(new Regex(@"^Sei iscritto")).CountAsync() == 0)
        {
            var firstDate = await journey.FirstDateWithPlacesAsync(1);
            // The family has a household: it ticks a member (the names field is for people outside it, folded away).
            var member = firstDate.Locator("label.form-check-label").First;
            journey.Step($"Si iscrive a quella data per {(await member.InnerTextAsync()).Split('(')[0].Trim()}");
            if (!await firstDate.Locator("input[name='Registration.MemberIds']").First.IsCheckedAsync()) await member.ClickAsync();
            await firstDate.GetByRole(AriaRole.Button, new() { Name = "Iscriviti", Exact = true }).ClickAsync();
            await journey.ArrivedAtAsync(@"/opportunita/[0-9a-f-]{36}#date");
        }
        await Assertions.Expect(journey.Page.GetByText(new Regex(@"^Sei iscritto")).First).ToBeVisibleAsync(); // the demo family may hold several dates already
        await journey.Page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await CaptureAsync(journey, folder, device, "opportunita-dettaglio");
        await ShootAsync(journey, folder, device, "/account/iscrizioni");

        journey.AssertAccessible();
    }

    async Task ShootAsync(Journey journey, string folder, string device, string path)
    {
        await journey.OpenAsync(path);
        await CaptureAsync(journey, folder, device, path == "/" ? "home" : Regex.Replace(path.Trim('/'), "[^A-Za-z0-9]+", "-"));
    }

    /// <summary>
    /// Pictures are for a person to look at, so they are taken only when asked (<c>ALLEANZA_SCREENSHOTS=1</c>): a full-page
    /// picture costs half a second of the browser's two cores, 124 of them a minute of every run. The checks of what the
    /// picture would show (sideways scrolling, fields without a border) run always.
    /// </summary>
    internal static readonly bool Wanted = Environment.GetEnvironmentVariable("ALLEANZA_SCREENSHOTS") == "1";

    internal static async Task CaptureAsync(Journey journey, string folder, string device, string name)
    {
        await journey.ReportHorizontalOverflowAsync();
        await journey.ReportInvisibleFieldsAsync();
        if (!Wanted) return;
        var file = Path.Combine(folder, $"{name}-{device}.png");
        await journey.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        journey.Step($"  schermata: {file}");
    }

    /// <summary>tests/Alleanza.Browser.Tests/screenshots (gitignored), found from the test assembly's folder.</summary>
    internal static string Folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alleanza.Browser.Tests.csproj"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
