using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
namespace Alleanza.Browser.Tests;
[Collection(BrowserCollection.Name)]
public sealed class ZzDiag(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Diag()
    {
        await using var j = await Journey.StartAsync(app, output, 390, 844);
        await j.OpenAsync("/account/accedi?rete=lucca");
        await j.SignInWithPasswordAsync("famiglia@lucca.demo", Journey.DemoPassword, "Francesca e Luca Pardini");
        await j.Page.GotoAsync(app.BaseUrl + "/opportunita?q=nuoto");
        Console.WriteLine("CARDS " + await j.Page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('#risultati > li, form[role=search], main.container, #risultati, #risultati').values()].map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right) + ' ml=' + getComputedStyle(e).marginLeft + ' pl=' + getComputedStyle(e).paddingLeft).join(' | ')"));
        Console.WriteLine("HDR " + await j.Page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('.it-header-slim-wrapper *')].filter(e => e.getBoundingClientRect().right > 390).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right)).join(' | ')"));
        await j.Page.SetViewportSizeAsync(1280, 900);
        await j.Page.Locator("#risultati").GetByRole(AriaRole.Link, new() { Name = "Corso di nuoto per bambini" }).ClickAsync();
        await j.Page.WaitForLoadStateAsync();
        var form = j.Page.GetByRole(AriaRole.Form).Filter(new() { HasText = "Nomi di chi partecipa" }).First;
        await form.ScreenshotAsync(new() { Path = "/tmp/form.png" });
        Console.WriteLine("NAMES " + await form.Locator("input[name='Registration.Participants']").EvaluateAsync<string>(@"e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect(); return `${r.left},${r.top} ${r.width}x${r.height} border-bottom=${s.borderBottom} bg=${s.backgroundColor} display=${s.display}`; }"));
        Console.WriteLine("PLACES " + await form.Locator("input[name='Registration.Places']").EvaluateAsync<string>(@"e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect(); return `${r.left},${r.top} ${r.width}x${r.height} border-bottom=${s.borderBottom} bg=${s.backgroundColor} display=${s.display}`; }"));
        Console.WriteLine("CARDH " + await j.Page.EvaluateAsync<string>("() => 'x'"));
    }
}
