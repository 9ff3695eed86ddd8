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
        await using var j = await Journey.StartAsync(app, output);
        await j.OpenAsync("/account/accedi?rete=portogruaro");
        await j.SignInWithPasswordAsync("referente@portogruaro.demo", Journey.DemoPassword, "Marco Zanin");
        var t0 = DateTime.Now;
        j.Page.Request += (_, r) => Console.WriteLine($"  REQ  {(DateTime.Now - t0).TotalMilliseconds,6:0} {r.Method} {r.Url}");
        j.Page.RequestFinished += (_, r) => Console.WriteLine($"  DONE {(DateTime.Now - t0).TotalMilliseconds,6:0} {r.Url}");
        j.Page.RequestFailed += (_, r) => Console.WriteLine($"  FAIL {(DateTime.Now - t0).TotalMilliseconds,6:0} {r.Url} {r.Failure}");
        j.Page.Load += (_, _) => Console.WriteLine($"  LOAD {(DateTime.Now - t0).TotalMilliseconds,6:0}");
        j.Page.DOMContentLoaded += (_, _) => Console.WriteLine($"  DCL  {(DateTime.Now - t0).TotalMilliseconds,6:0}");
        await j.Page.GotoAsync(app.BaseUrl + "/gestione/opportunita/nuova");
        Console.WriteLine($"  GOTO {(DateTime.Now - t0).TotalMilliseconds,6:0}");
        t0 = DateTime.Now;
        await j.Page.GotoAsync(app.BaseUrl + "/gestione/opportunita/nuova");
        Console.WriteLine($"  GOTO2 {(DateTime.Now - t0).TotalMilliseconds,6:0}");
    }
}
