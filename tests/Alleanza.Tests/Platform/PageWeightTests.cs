using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Alleanza.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Xunit.Abstractions;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Issue 15: a public or family page costs at most 300 KB on its first load, as a phone's browser would fetch it
/// (Accept-Encoding: br): the HTML plus every stylesheet, script, font, icon sprite and image it references, fonts and
/// images named inside the stylesheets included. Static assets are precompressed and cached for a year under a fingerprint.
/// </summary>
public partial class PageWeightTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    const int Budget = 300 * 1024;
    static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Public_and_family_pages_weigh_at_most_300_KB_on_first_load()
    {
        var visitor = factory.NewClient();
        var list = await visitor.OpenAsync("/opportunita?rete=portogruaro");
        var opportunity = list.Document.QuerySelectorAll("a[href^='/opportunita/']").Select(a => a.GetAttribute("href")!)
            .First(h => Guid.TryParse(h.Split('/', '?')[2], out _));
        var pages = new List<(string Who, TestClient Client, string Url)>
        {
            ("visitatore", visitor, "/?rete=portogruaro"),
            ("visitatore", visitor, "/opportunita?rete=portogruaro"),
            ("visitatore", visitor, opportunity),
            ("visitatore", visitor, "/carta-famiglia?rete=portogruaro"),
            ("visitatore", visitor, "/account/accedi?rete=portogruaro"),
        };
        var family = factory.NewClient();
        await family.SignInOrFailAsync("famiglia@portogruaro.demo");
        pages.Add(("famiglia", family, "/la-mia-area"));
        pages.Add(("famiglia", family, "/carta-famiglia?rete=portogruaro"));

        var over = new List<string>();
        foreach (var (who, client, url) in pages)
        {
            var (bytes, parts) = await FirstLoadAsync(client.Http, url);
            output.WriteLine($"{url} ({who}): {bytes / 1024.0:F1} KB trasferiti in {parts.Count} richieste");
            foreach (var (part, size) in parts) output.WriteLine($"    {size,8:N0}  {part}");
            if (bytes > Budget) over.Add($"{url} ({who}): {bytes / 1024.0:F1} KB");
        }
        Assert.True(over.Count == 0, "Pagine oltre 300 KB al primo caricamento: " + string.Join("; ", over));
    }

    [Fact]
    public async Task Static_assets_are_fingerprinted_precompressed_and_cached_for_a_year()
    {
        var client = factory.NewClient();
        var page = await client.GetAsync("/opportunita?rete=portogruaro");
        var document = Parser.ParseDocument(page.Html);
        var assets = document.QuerySelectorAll("link[rel=stylesheet], script[src], link[rel=icon]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).Where(u => u.StartsWith('/')).ToList();
        Assert.Contains(assets, a => a.StartsWith("/lib/alleanza/bootstrap-italia.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/lib/alleanza/menu.", StringComparison.Ordinal));
        Assert.DoesNotContain(assets, a => a.Contains("bootstrap-italia.bundle", StringComparison.Ordinal) || a.Contains("bootstrap-italia.min.css", StringComparison.Ordinal));
        foreach (var url in assets)
        {
            Assert.Matches(Fingerprint(), url);
            var response = await SendAsync(client.Http, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cache = response.Headers.CacheControl;
            Assert.True(cache is { MaxAge.TotalDays: >= 365 } && cache.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {cache}");
            Assert.NotNull(response.Headers.ETag);
            if (!url.EndsWith(".png", StringComparison.Ordinal))
                Assert.True(response.Content.Headers.ContentEncoding.Contains("br"), $"{url} non è compresso con Brotli");
        }

        // The HTML of a page is compressed too (on the fly).
        var html = await SendAsync(client.Http, "/opportunita?rete=portogruaro");
        Assert.Contains(html.Content.Headers.ContentEncoding, e => e is "br" or "gzip");

        // The favicon, also at its conventional address.
        var icon = await client.Http.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Bytes on the wire for the page and everything it loads (each address once, as a browser's cache would).</summary>
    static async Task<(long Bytes, List<(string Url, long Size)> Parts)> FirstLoadAsync(HttpClient http, string url)
    {
        var parts = new List<(string, long)>();
        var response = await SendAsync(http, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        parts.Add((url, body.Length));
        var document = Parser.ParseDocument(await DecodeAsync(response, body));
        var referenced = document.QuerySelectorAll("link[rel=stylesheet], link[rel=preload], link[rel=icon]").Select(e => e.GetAttribute("href"))
            .Concat(document.QuerySelectorAll("script[src]").Select(e => e.GetAttribute("src")))
            .Concat(document.QuerySelectorAll("img[src]:not([loading=lazy])").Select(e => e.GetAttribute("src")))
            .Concat(document.QuerySelectorAll("use[href]").Select(e => e.GetAttribute("href")!.Split('#')[0]))
            .OfType<string>().Where(u => u.StartsWith('/')).ToList();
        var seen = new HashSet<string>();
        for (var i = 0; i < referenced.Count; i++)
        {
            var asset = referenced[i];
            if (!seen.Add(asset)) continue;
            var r = await SendAsync(http, asset);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{asset} (da {url}): {(int)r.StatusCode}");
            var bytes = await r.Content.ReadAsByteArrayAsync();
            parts.Add((asset, bytes.Length));
            // Fonts and images named by a stylesheet (the @font-face of the fonts the page shows).
            if (r.Content.Headers.ContentType?.MediaType == "text/css")
                foreach (Match m in CssUrl().Matches(await DecodeAsync(r, bytes)))
                    if (m.Groups[1].Value.StartsWith('/')) referenced.Add(m.Groups[1].Value);
        }
        return (parts.Sum(p => p.Item2), parts);
    }

    static Task<HttpResponseMessage> SendAsync(HttpClient http, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        return http.SendAsync(request);
    }

    static async Task<string> DecodeAsync(HttpResponseMessage response, byte[] body)
    {
        Stream stream = new MemoryStream(body);
        if (response.Content.Headers.ContentEncoding.Contains("br")) stream = new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionMode.Decompress);
        else if (response.Content.Headers.ContentEncoding.Contains("gzip")) stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"url\([""']?([^""')]+)[""']?\)")]
    private static partial Regex CssUrl();

    /// <summary>name.FINGERPRINT.ext, as MapStaticAssets publishes them.</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z0-9]+$")]
    private static partial Regex Fingerprint();
}
