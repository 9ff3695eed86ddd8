using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Alleanza.Web.Demo;

namespace Alleanza.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a person with a browser without JavaScript: opens pages, fills the form
/// that is on them (with its antiforgery token) and follows redirects on request.
/// </summary>
public sealed class TestClient(HttpClient http, AlleanzaFactory factory)
{
    static readonly HtmlParser Parser = new();
    public HttpClient Http => http;
    public AlleanzaFactory Factory => factory;

    public sealed record Page(HttpResponseMessage Response, string Html, IHtmlDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string? Location => Response.Headers.Location?.OriginalString;
        public string Text => Document.Body?.TextContent ?? "";
        /// <summary>The field messages and the error summary shown to the person.</summary>
        public IReadOnlyList<string> Errors => Document.QuerySelectorAll(".invalid-feedback, .alert-danger li, .alert-danger")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();
    }

    public async Task<Page> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>GET and follow redirects (at most 5), as a browser would.</summary>
    public async Task<Page> OpenAsync(string url)
    {
        var page = await GetAsync(url);
        for (var i = 0; i < 5 && page.Location is { } next && (int)page.Status is >= 300 and < 400; i++)
            page = await GetAsync(next);
        return page;
    }

    /// <summary>
    /// Submits a form of the page: its current values (hidden fields included), overridden by <paramref name="values"/>.
    /// The form is chosen by a CSS selector, or the first form whose fields include all the given names.
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string?> values, string? formSelector = null, bool follow = false)
    {
        var (target, fields) = FormOf(page, values, formSelector);
        var response = await http.PostAsync(target, new FormUrlEncodedContent(fields));
        var result = await ReadAsync(response);
        if (follow && result.Location is { } next && (int)result.Status is >= 300 and < 400) return await OpenAsync(next);
        return result;
    }

    /// <summary>What <see cref="SubmitAsync"/> would post: the form's address and its fields.</summary>
    public static (string Target, List<KeyValuePair<string, string>> Fields) FormOf(Page page, IDictionary<string, string?> values, string? formSelector = null)
    {
        var form = (formSelector is null
            ? page.Document.Forms.FirstOrDefault(f => values.Keys.All(k => f.Elements.Any(e => e.GetAttribute("name") == k)) && f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : page.Document.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form with fields {string.Join(", ", values.Keys)} on {page.Response.RequestMessage?.RequestUri}");
        var fields = Shared.HtmlForms.CurrentValues(form, values.ContainsKey);
        foreach (var (k, v) in values)
            if (v is not null) foreach (var part in v.Split('\u001F')) fields.Add(new(k, part));
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : action;
        return (target, fields);
    }

    /// <summary>Several values for one field (checkbox lists): joined with a separator SubmitAsync splits.</summary>
    public static string Many(params object[] values) => string.Join('\u001F', values);

    public async Task<Page> SignInAsync(string email, string password = DemoData.Password)
    {
        var login = await GetAsync("/account/accedi");
        var result = await SubmitAsync(login, new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        return result;
    }

    public async Task SignInOrFailAsync(string email, string password = DemoData.Password)
    {
        var result = await SignInAsync(email, password);
        Assert.True(result.Status == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {string.Join(" | ", result.Errors)}");
    }

    /// <summary>Signs in as the coordinator of a demo network and chooses that network.</summary>
    public async Task AsCoordinatorOfAsync(string networkSlug)
    {
        await SignInOrFailAsync($"coordinatore@{networkSlug}.demo");
        await ChooseNetworkAsync(networkSlug);
    }

    public async Task ChooseNetworkAsync(string networkSlug)
    {
        var response = await http.GetAsync($"/reti?rete={networkSlug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, html, Parser.ParseDocument(html));
    }
}
