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

    [Fact]
    public async Task An_anonymous_home_page_is_kept_per_network_and_language_and_never_for_a_signed_in_person()
    {
        var visitor = factory.NewClient();
        await visitor.GetAsync("/?rete=portogruaro"); // chooses the network (its answer sets a cookie: not kept)
        await HomeAsync(visitor);
        var kept = await HomeAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal("nosniff", kept.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Single(kept.Headers.GetValues("Content-Security-Policy"));
        var portogruaro = await kept.Content.ReadAsStringAsync();

        var other = factory.NewClient();
        await other.GetAsync("/?rete=cidis");
        await HomeAsync(other);
        var cidis = await (await HomeAsync(other)).Content.ReadAsStringAsync();
        Assert.NotEqual(portogruaro, cidis);
        Assert.Contains("CIdiS", cidis);

        var english = factory.NewClient();
        await english.GetAsync("/?rete=portogruaro&culture=en");
        await HomeAsync(english);
        var inEnglish = await HomeAsync(english);
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
        await HomeAsync(visitor);
        Assert.NotNull((await HomeAsync(visitor)).Headers.Age);
        visitor.Http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Mvc.CookieTempDataProvider=anything");
        Assert.Null((await HomeAsync(visitor)).Headers.Age);
    }
}
