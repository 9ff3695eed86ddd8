using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class Screenshots(AppFixture app, ITestOutputHelper output)
{
    static readonly string[] PublicPages = ["/", "/account/accedi", "/account/registrati"];
    static readonly string[] ManagePages = ["/gestione/partner", "/gestione/partner/nuovo"];

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

    async Task ShootAsync(Journey journey, string folder, string device, string path)
    {
        await journey.OpenAsync(path);
        await journey.ReportHorizontalOverflowAsync();
        var name = (path == "/" ? "home" : path.Trim('/').Replace('/', '-')) + $"-{device}.png";
        var file = Path.Combine(folder, name);
        await journey.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        journey.Step($"  schermata: {file}");
    }

    /// <summary>tests/Alleanza.Browser.Tests/screenshots (gitignored), found from the test assembly's folder.</summary>
    static string Folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alleanza.Browser.Tests.csproj"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
