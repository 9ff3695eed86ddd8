using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

/// <summary>The journeys' accessibility check itself: it must fail on a page that breaks the rules.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class AccessibilityCheck(AppFixture app, ITestOutputHelper output)
{
    [Fact(DisplayName = "Il controllo axe dei percorsi fallisce su una pagina con un'immagine senza alternativa e un pulsante senza nome")]
    public async Task The_axe_check_fails_on_a_page_that_breaks_the_rules()
    {
        await using var journey = await Journey.StartAsync(app, output);
        await journey.OpenAsync("/");
        await journey.Page.SetContentAsync("""
            <!doctype html><html lang="it"><head><title>Prova</title></head>
            <body><main><h1>Pagina di prova</h1><img src="/favicon.ico"><button type="button"></button></main></body></html>
            """);
        await journey.AuditAsync();

        var failure = Assert.ThrowsAny<Exception>(journey.AssertAccessible);
        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("button-name", failure.Message);
    }
}
