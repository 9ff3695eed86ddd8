using System.Net;
using Alleanza.Tests.Infrastructure;

namespace Alleanza.Tests.Platform;

/// <summary>
/// The home page is kept for a minute by the output cache, per network and language, for anonymous visitors only:
/// a kept answer says so with its Age header; a signed-in person, another network, another language, a visitor with a
/// message to show each get their own page; the security headers are there once on a kept answer too.
/// </summary>
public class AnonymousPageCacheTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static async Task<HttpResponseMessage> HomeAsync(TestClient client) => await client.Http.GetAsync("/");

    /// <summary>The home page once it is served kept: for two seconds after a change to the catalogue (the demo's, or
    /// another test's) pages are made afresh, so this asks again for a while.</summary>
    static async Task<HttpResponseMessage> KeptHomeAsync(TestClient client)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(250))
        {
            var answer = await HomeAsync(client);
            if (answer.Headers.Age is not null || DateTime.UtcNow > deadline) return answer;
        }
    }

    [Fact]
    public async Task An_anonymous_home_page_is_kept_per_network_and_language_and_never_for_a_signed_in_person()
    {
        var visitor = factory.NewClient();
        await visitor.GetAsync("/?rete=portogruaro"); // chooses the network (its answer sets a cookie: not kept)
        var kept = await KeptHomeAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal("nosniff", kept.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Single(kept.Headers.GetValues("Content-Security-Policy"));
        var portogruaro = await kept.Content.ReadAsStringAsync();

        var other = factory.NewClient();
        await other.GetAsync("/?rete=cidis");
        var cidis = await (await KeptHomeAsync(other)).Content.ReadAsStringAsync();
        Assert.NotEqual(portogruaro, cidis);
        Assert.Contains("CIdiS", cidis);

        var english = factory.NewClient();
        await english.GetAsync("/?rete=portogruaro&culture=en");
        var inEnglish = await KeptHomeAsync(english);
        Assert.Contains("lang=\"en\"", await inEnglish.Content.ReadAsStringAsync());

        var coordinator = factory.NewClient();
        await coordinator.GetAsync("/?rete=portogruaro");
        await coordinator.SignInOrFailAsync("coordinatore@portogruaro.demo");
        await HomeAsync(coordinator);
        var signedIn = await HomeAsync(coordinator);
        Assert.Null(signedIn.Headers.Age);
        Assert.Contains("Esci", await signedIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_visitor_with_a_message_to_show_gets_a_page_made_for_them()
    {
        var visitor = factory.NewClient();
        await visitor.GetAsync("/?rete=portogruaro");
        Assert.NotNull((await KeptHomeAsync(visitor)).Headers.Age);
        visitor.Http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=anything");
        Assert.Null((await HomeAsync(visitor)).Headers.Age);
    }
}
