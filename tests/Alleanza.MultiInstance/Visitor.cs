using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Alleanza.MultiInstance;

/// <summary>
/// A person with a browser without JavaScript, talking to nginx: keeps cookies, does not follow redirects, fills the forms
/// it is shown (antiforgery token included). Each request may be pinned to one instance (<c>via: "a"</c> or <c>"b"</c>,
/// the test-only <c>X-Alleanza-Instance</c> header the test's nginx maps to one upstream); unpinned requests are balanced.
/// </summary>
public sealed class Visitor : IDisposable
{
    public const string InstanceHeader = "X-Alleanza-Instance";
    public const string UpstreamHeader = "X-Alleanza-Upstream";
    static readonly HtmlParser Parser = new();
    readonly HttpClient http;
    readonly Setup setup;

    public Visitor(Setup setup, TimeSpan? timeout = null)
    {
        this.setup = setup;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(),
            UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        http = new HttpClient(handler) { BaseAddress = new Uri(setup.Url), Timeout = timeout ?? TimeSpan.FromSeconds(20) };
    }

    public sealed record Page(HttpStatusCode Status, string? Location, string Html, IHtmlDocument Document, string? Instance)
    {
        public int Code => (int)Status;
        public string Text => Document.Body?.TextContent ?? "";
        public IReadOnlyList<string> Errors => Document.QuerySelectorAll(".invalid-feedback, .alert-danger li, .alert-danger")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        public string Describe() => $"HTTP {Code}{(Location is null ? "" : " → " + Location)} da {Instance ?? "?"}{(Errors.Count > 0 ? ": " + string.Join(" | ", Errors) : "")}";
    }

    public async Task<Page> GetAsync(string url, string? via = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request, via, cancel);
    }

    public async Task<Page> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? via = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request, via, cancel);
    }

    public async Task<(HttpStatusCode Status, JsonElement? Body, string? Instance)> PostJsonAsync(string url, object body, IDictionary<string, string>? headers = null, string? via = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.Add(k, v);
        if (via is not null) request.Headers.Add(InstanceHeader, via);
        using var response = await http.SendAsync(request, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        JsonElement? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true)
            json = JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, InstanceOf(response));
    }

    async Task<Page> SendAsync(HttpRequestMessage request, string? via, CancellationToken cancel)
    {
        if (via is not null) request.Headers.Add(InstanceHeader, via);
        using var response = await http.SendAsync(request, cancel);
        var html = await response.Content.ReadAsStringAsync(cancel);
        var page = new Page(response.StatusCode, response.Headers.Location?.OriginalString, html, Parser.ParseDocument(html), InstanceOf(response));
        if (via is not null && page.Instance != via)
            throw new InvalidOperationException($"Chiesta l'istanza {via}, ha risposto {page.Instance ?? "?"} ({request.RequestUri})");
        return page;
    }

    /// <summary>Which instance answered, from the upstream address nginx reports (the last one tried).</summary>
    string? InstanceOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(UpstreamHeader, out var values)) return null;
        var last = values.Last().Split(',').Last().Trim();
        return last == setup.AddressA ? "a" : last == setup.AddressB ? "b" : last;
    }

    /// <summary>
    /// Posts a form of the page: its current values (hidden fields, the antiforgery token), overridden by <paramref name="values"/>.
    /// The form is chosen by a CSS selector, or the first POST form holding all the given names.
    /// </summary>
    public Task<Page> SubmitAsync(Page page, string pageUrl, IDictionary<string, string> values, string? formSelector = null, string? via = null)
    {
        var form = (formSelector is null
            ? page.Document.Forms.FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && values.Keys.All(k => f.Elements.Any(e => e.GetAttribute("name") == k)))
            : page.Document.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"Nessun modulo {formSelector ?? string.Join(", ", values.Keys)} in {pageUrl} ({page.Describe()})");
        var fields = Alleanza.Tests.Shared.HtmlForms.CurrentValues(form, values.ContainsKey);
        fields.AddRange(values);
        var action = form.GetAttribute("action");
        return PostFormAsync(string.IsNullOrEmpty(action) ? pageUrl : action, fields, via);
    }

    /// <summary>Signs in: the form from one instance, the password posted to the other.</summary>
    public async Task SignInAsync(string email, string? formVia = "a", string? postVia = "b")
    {
        var login = await GetAsync("/account/accedi", formVia);
        var result = await SubmitAsync(login, "/account/accedi", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = setup.Password }, via: postVia);
        if (result.Status != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Accesso di {email} non riuscito: {result.Describe()}");
    }

    public static string FirstOption(Page page, string selectName) =>
        (page.Document.QuerySelector($"select[name='{selectName}']") as IHtmlSelectElement)?.Options.FirstOrDefault(o => !string.IsNullOrEmpty(o.Value))?.Value
        ?? throw new InvalidOperationException($"Nessuna scelta per {selectName}");

    public void Dispose() => http.Dispose();
}
