using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Alleanza.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Alleanza.Tests.Platform.AccessMatrixTests;
using static Alleanza.Tests.Platform.AccessMatrixPeople;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Property: no input gives a 500. Every form of every page and every query-string parameter of every page and API,
/// taken from the access matrix's endpoint list, get nasty values (missing, duplicated, overlong, control characters,
/// markup, numbers out of range …) from each role that may open them, so the handlers behind authorization are reached.
/// </summary>
public sealed class InputProbe(AlleanzaFactory factory, ITestOutputHelper output)
{
    static readonly HtmlParser Parser = new();
    const string Token = "__RequestVerificationToken";

    /// <summary>The people in the order they get to test what they see: a form several people see is tried by the first.</summary>
    static readonly Who[] Roles = [Who.CoordinatorOwn, Who.PartnerStaff, Who.Merchant, Who.Officer, Who.Family, Who.Admin, Who.CoordinatorOther, Who.Anonymous];

    /// <summary>Names many handlers read without declaring them (the tenant's «rete», paging, return addresses).</summary>
    static readonly string[] CommonQueryNames = ["rete", "pagina", "page", "pageSize", "per_page", "q", "handler", "returnUrl", "ReturnUrl", "id"];

    // ---- Values ---------------------------------------------------------------------------------------------------

    /// <summary>One nasty value: markup, SQL, control characters (tab, DEL, NUL, bidi), numbers and dates out of range, random text.</summary>
    public static readonly Gen<string> Nasty = Gen.OneOf(
        Gen.Elements("", " ", "\t", "\n", "\r\n", "\u007f", "\u0001", "\u001f", "\0", "\u202e", "\u200b", "\ufeff", "\ud800", "e\u0301\u0301", "😀👨‍👩‍👧",
            "/\tx", "/\u007f", "/a\u0000b", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "Robert'); DROP TABLE Partners;--", "%", "%00", "%ZZ", "+", "&", "=", "?", "#",
            "-1", "0", "1", "-0", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "1e309", "-1e309", "NaN", "Infinity",
            "0,5", "1.5", "1.000,50", "١٢٣", "true", "false", "on", "null", "undefined", "[]", "{}",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "{00000000-0000-0000-0000-000000000000}",
            "0001-01-01", "9999-12-31", "2024-02-30", "31/12/2024", "24:00", "23:59:60", "-00:01", "0001-01-01T00:00", "9999-12-31T23:59",
            "a@b", "@", "a@b.c\u0000", "../../etc/passwd", "Città dell'Acqua", "ZZZZZZ00A00Z000Z", "RSSMRA80A01H501U",
            new string('9', 400), new string('a', 5000), string.Concat(Enumerable.Repeat("é😀", 2000))),
        ArbMap.Default.ArbFor<string>().Generator.Select(s => s ?? ""),
        ArbMap.Default.ArbFor<int>().Generator.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ArbMap.Default.ArbFor<Guid>().Generator.Select(g => g.ToString()));

    /// <summary>
    /// What one field or parameter gets: missing, its own value, a nasty one, two values (duplicated), an overlong one.
    /// A field keeps its own value often enough that the other fields' values reach the handler's deeper code.
    /// </summary>
    static Gen<string[]> ValuesFor(string[] own, int overlong) => Gen.Frequency(
        (3, Gen.Constant(Array.Empty<string>())),
        (own.Length > 0 ? 6 : 0, Gen.Constant(own)),
        (6, Nasty.Select(v => new[] { v })),
        (2, Gen.Zip(Nasty, Gen.Elements(own.Length > 0 ? own : [""])).Select(p => new[] { p.Item2, p.Item1 })),
        (1, Gen.Zip(Nasty, Nasty).Select(p => new[] { p.Item1, p.Item2 })),
        (1, Gen.Elements("a", "9", "\t", "é").Select(c => new[] { string.Concat(Enumerable.Repeat(c, overlong)) })));

    /// <summary>Values for every name at once (a name with no values is left out).</summary>
    static Gen<List<KeyValuePair<string, string>>> FieldsFor(IReadOnlyList<(string Name, string[] Own)> fields, int overlong) =>
        fields.Aggregate(Gen.Constant(new List<KeyValuePair<string, string>>()), (acc, field) =>
            Gen.Zip(acc, ValuesFor(field.Own, overlong)).Select(p => p.Item1.Concat(p.Item2.Select(v => new KeyValuePair<string, string>(field.Name, v))).ToList()));

    static List<T> Sample<T>(Gen<T> gen, int count) => gen.Sample(count, 30).ToList(); // count values of size 30

    // ---- Forms ----------------------------------------------------------------------------------------------------

    /// <summary>A post form (or one of its submit buttons) as found on a page.</summary>
    sealed record Form(Who Who, TestClient Client, string Page, string Action, string[] InQuery, string Variant, bool Multipart, List<(string Name, string[] Own)> Fields, string[] Files, string Token)
    {
        public string Key => $"{Normalize(Action)}?{string.Join("&", InQuery.Order())} {Variant} [{string.Join(",", Fields.Select(f => f.Name).Order())}|{string.Join(",", Files)}]";
        public bool Destructive => System.Text.RegularExpressions.Regex.IsMatch(Action, "esci|elimina|ritira|revoc|delete|withdraw|pubblica|publish|remove|disattiva|reset", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>Files, feeds and APIs carry no forms: the form test does not open them.</summary>
    static bool MayHaveForms(string pattern) =>
        !new[] { "/api/", "/health/", "/openapi/", "/.well-known/" }.Any(pattern.StartsWith)
        && !new[] { ".ics", ".json", ".zip", "/immagine", "/stampa", "/dossier" }.Any(pattern.EndsWith)
        && pattern != "/rete/tavoli/documenti/{id:guid}";

    static string Normalize(string url) => System.Text.RegularExpressions.Regex.Replace(url, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)[0-9]+(?=/|$|\\?)", "{id}");

    static IEnumerable<Form> FormsOn(Who who, TestClient client, string page, IHtmlDocument document)
    {
        foreach (var form in document.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)))
        {
            var fields = new List<(string Name, string Own)>();
            var files = new List<string>();
            var token = "";
            var submitters = new List<(string? Name, string? Value, string? Action)>();
            foreach (var element in form.Elements)
            {
                var name = element.GetAttribute("name");
                switch (element)
                {
                    case IHtmlButtonElement or IHtmlInputElement { Type: "submit" or "image" }:
                        if (element.GetAttribute("type") is null or "submit" or "image")
                            submitters.Add((name, element.GetAttribute("value"), element.GetAttribute("formaction")));
                        break;
                    case IHtmlInputElement { Type: "button" or "reset" }:
                        break;
                    case IHtmlInputElement input when name == Token:
                        token = input.Value;
                        break;
                    case IHtmlInputElement input when input.Type == "file" && !string.IsNullOrEmpty(name):
                        files.Add(name);
                        break;
                    case IHtmlInputElement input when input.Type is "checkbox" or "radio" && !string.IsNullOrEmpty(name):
                        fields.Add((name, input.Value)); // checked or not: each of its values is a valid choice
                        break;
                    case IHtmlInputElement input when !string.IsNullOrEmpty(name):
                        fields.Add((name, input.Value));
                        break;
                    case IHtmlTextAreaElement area when !string.IsNullOrEmpty(name):
                        fields.Add((name, area.Value));
                        break;
                    case IHtmlSelectElement select when !string.IsNullOrEmpty(name):
                        // Its selected option, or any of its options: a valid choice lets the other fields reach the handler.
                        foreach (var option in select.Options.Where(o => o.IsSelected).DefaultIfEmpty(select.Options.LastOrDefault()).OfType<IHtmlOptionElement>())
                            fields.Add((name, option.Value));
                        break;
                }
            }
            var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page : form.GetAttribute("action")!;
            if (submitters.Count == 0) submitters.Add((null, null, null));
            foreach (var (name, value, formAction) in submitters.Distinct())
            {
                // The action's query (the handler's name, ids) is input too: its parameters are fields that go in the address.
                var target = System.Net.WebUtility.HtmlDecode(string.IsNullOrEmpty(formAction) ? action : formAction);
                var question = target.IndexOf('?');
                var query = question < 0 ? [] : target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('=', 2)).Select(kv => (Name: Uri.UnescapeDataString(kv[0]), Own: Uri.UnescapeDataString(kv.ElementAtOrDefault(1) ?? ""))).ToList();
                var all = fields.Concat(query).Concat(name is null ? [] : [(name, value ?? "")]);
                var grouped = all.GroupBy(f => f.Name).Select(g => (g.Key, g.Select(f => f.Own).Where(v => v.Length > 0).Distinct().ToArray())).ToList();
                var variant = string.Join(" ", query.Where(q => q.Name == "handler").Select(q => q.Own).Append(name is null ? "" : $"{name}={value}"));
                yield return new Form(who, client, page, question < 0 ? target : target[..question], [.. query.Select(q => q.Name).Distinct()], variant,
                    form.Enctype == "multipart/form-data", grouped, [.. files], token);
            }
        }
    }

    async Task<int> PostAsync(Form form, List<KeyValuePair<string, string>> values, byte[]? file)
    {
        var inQuery = values.Where(v => form.InQuery.Contains(v.Key)).ToList();
        var inBody = values.Where(v => !form.InQuery.Contains(v.Key)).Append(new(Token, form.Token)).ToList();
        var url = form.Action + (inQuery.Count == 0 ? "" : "?" + string.Join("&", inQuery.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}")));
        HttpContent content;
        if (form.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in inBody) multipart.Add(new StringContent(v), k);
            if (file is not null)
                foreach (var name in form.Files) multipart.Add(new ByteArrayContent(file), name, file.Length % 2 == 0 ? "documento.pdf" : "..\\\t<x>.json");
            content = multipart;
        }
        else content = new FormUrlEncodedContent(inBody);
        return await SendAsync(form.Client, HttpMethod.Post, url, content, $"{form.Who}: POST {Show(url, 200)}\n  {Describe(inBody)}{(file is null ? "" : $" + file of {file.Length} bytes")}");
    }

    readonly List<string> failures = [];
    public IReadOnlyList<string> Failures => failures;

    async Task<int> SendAsync(TestClient client, HttpMethod method, string url, HttpContent? content, string what)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        int status;
        try
        {
            using var response = await client.Http.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The in-memory host rethrows what escapes the app (Kestrel would answer 500).
            status = 500;
            what += $"\n  {e.GetType().Name}: {e.Message}";
        }
        if (status >= 500 && failures.Count < 50) failures.Add($"{status} {what}");
        return status;
    }

    static string Describe(IEnumerable<KeyValuePair<string, string>> values) =>
        string.Join(", ", values.Where(v => v.Key != Token).Select(v => $"{v.Key}={Show(v.Value)}"));

    static string Show(string value, int length = 40) =>
        (value.Length > length ? value[..length] + $"…({value.Length})" : value).Replace("\t", "\\t").Replace("\0", "\\0").Replace("\n", "\\n").Replace("\u007f", "\\x7f");

    /// <summary>The signed-in clients, one per role, and the pages each may open (the matrix rows it gets Ok for).</summary>
    async Task<(Dictionary<Who, TestClient> Clients, List<(Who Who, Row Row, string Url)> Pages)> PeopleAndPagesAsync()
    {
        var urls = await UrlsAsync(factory);
        var clients = new Dictionary<Who, TestClient>();
        var pages = new List<(Who, Row, string)>();
        foreach (var who in Roles)
        {
            var client = factory.NewClient();
            await SignInAsAsync(client, who);
            clients[who] = client;
            pages.AddRange(Matrix.Where(r => r.Method == "GET" && r.For(who) == A.Ok).Select(r => (who, r, urls(r.Url))));
        }
        return (clients, pages);
    }

    /// <summary>Links and get-forms seen on the pages: path → the query parameters (and values) they use.</summary>
    readonly Dictionary<string, Dictionary<string, HashSet<string>>> linked = [];

    void NoteLinks(IHtmlDocument document)
    {
        void Note(string path, string name, string value)
        {
            if (!linked.TryGetValue(path, out var names)) linked[path] = names = [];
            if (!names.TryGetValue(name, out var values)) names[name] = values = [];
            if (values.Count < 5) values.Add(value);
        }
        foreach (var a in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith('/') && h.Contains('?')))
        {
            var (path, query) = (a[..a.IndexOf('?')], a[(a.IndexOf('?') + 1)..].Split('#')[0]);
            foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=', 2);
                Note(path, Uri.UnescapeDataString(kv[0].Replace('+', ' ')), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "");
            }
        }
        foreach (var form in document.Forms.Where(f => !f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)))
        {
            var action = form.GetAttribute("action");
            if (string.IsNullOrEmpty(action) || !action.StartsWith('/')) continue;
            foreach (var element in form.Elements)
                if (element.GetAttribute("name") is { Length: > 0 } name) Note(action.Split('?')[0], name, element.GetAttribute("value") ?? "");
        }
    }

    /// <summary>Opens every page as each role, finds its post forms and posts each 22 times: nothing but the token, every field empty, 20 random mixes.</summary>
    public async Task FormsAsync()
    {
        var clock = Stopwatch.StartNew();
        var (clients, pages) = await PeopleAndPagesAsync();
        var forms = new Dictionary<string, Form>();
        var slow = new List<string>();
        foreach (var (who, _, url) in pages.Where(p => MayHaveForms(p.Row.Pattern)))
        {
            var watch = Stopwatch.StartNew();
            var response = await clients[who].Http.GetAsync(url);
            if (watch.ElapsedMilliseconds > 150) slow.Add($"{who} {url} {watch.ElapsedMilliseconds} ms");
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            NoteLinks(document);
            foreach (var form in FormsOn(who, clients[who], url, document)) forms.TryAdd(form.Key, form);
        }
        var discovered = clock.Elapsed;

        // Forms that end something (sign-out, delete, withdraw, publish) go last, so the others still find their objects.
        var posts = 0;
        foreach (var form in forms.Values.OrderBy(f => f.Destructive).ThenBy(f => f.Who == Who.Admin))
        {
            var cases = new List<(List<KeyValuePair<string, string>> Values, byte[]? File)>
            {
                ([], null), // nothing but the antiforgery token
                (form.Fields.Select(f => new KeyValuePair<string, string>(f.Name, "")).ToList(), []), // every field empty
            };
            var files = Gen.Elements<byte[]?>(null, [], "{\"not\": \"hsds\""u8.ToArray(), "%PDF-1.4\n"u8.ToArray(), Encoding.UTF8.GetBytes(new string('x', 100_000)), [0xFF, 0xFE, 0x00]);
            cases.AddRange(Sample(Gen.Zip(FieldsFor(form.Fields, 20_000), files), 20).Select(c => (c.Item1, c.Item2)));
            foreach (var (values, file) in cases)
            {
                await PostAsync(form, values, file);
                posts++;
            }
        }
        output.WriteLine($"{forms.Count} forms on {pages.Count} role × page pairs ({pages.Select(p => p.Row.Pattern).Distinct().Count()} pages), {posts} posts; " +
            $"discovery {discovered.TotalSeconds:0.0} s, total {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var form in forms.Values) output.WriteLine($"  {form.Who,-16} {form.Key}");
        foreach (var line in slow) output.WriteLine("slow: " + line);
    }

    // ---- Query strings --------------------------------------------------------------------------------------------

    /// <summary>The query parameters an endpoint binds: page-model properties with SupportsGet, GET handlers' parameters, minimal-API parameters.</summary>
    static async Task<Dictionary<string, HashSet<string>>> BoundQueryNamesAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var names = new Dictionary<string, HashSet<string>>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var found = names.TryGetValue(pattern, out var set) ? set : names[pattern] = [];
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
                var get = new ActionContext(new DefaultHttpContext { Request = { Method = "GET" } }, new RouteData(), new ActionDescriptor());
                foreach (var property in page.BoundProperties.Where(p => p.BindingInfo?.RequestPredicate?.Invoke(get) != false))
                    AddNames(found, property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType, routeNames);
                foreach (var handler in page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    if (handler.Name is { } named) found.Add("handler");
                    foreach (var parameter in handler.Parameters.Where(p => p.BindingInfo?.BindingSource?.Id is null or "Query" or "ModelBinding"))
                        AddNames(found, parameter.BindingInfo?.BinderModelName ?? parameter.Name, parameter.ParameterType, routeNames);
                }
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method && endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            {
                foreach (var parameter in method.GetParameters())
                {
                    var query = parameter.GetCustomAttribute<FromQueryAttribute>();
                    if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                        foreach (var property in parameter.ParameterType.GetProperties())
                            AddNames(found, property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name, property.PropertyType, routeNames);
                    else if (query is not null || (Simple(parameter.ParameterType) && !isService.IsService(parameter.ParameterType)
                             && parameter.GetCustomAttributes().All(a => a is not (FromServicesAttribute or FromBodyAttribute or FromFormAttribute or FromHeaderAttribute))))
                        AddNames(found, query?.Name ?? parameter.Name!, parameter.ParameterType, routeNames);
                }
            }
        }
        return names;
    }

    static void AddNames(HashSet<string> names, string name, Type type, HashSet<string> routeNames)
    {
        if (routeNames.Contains(name)) return;
        if (Simple(type) || (type.IsArray && Simple(type.GetElementType()!)) || (type.IsGenericType && type.GetGenericArguments() is [var item] && Simple(item) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
            names.Add(name);
        else
            foreach (var property in type.GetProperties().Where(p => p.CanWrite && Simple(p.PropertyType)))
            {
                names.Add($"{name}.{property.Name}");
                names.Add(property.Name); // MVC's fallback to the empty prefix
            }
    }

    static bool Simple(Type type) => type == typeof(string) || TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).CanConvertFrom(typeof(string));

    /// <summary>For each role and route it may open: perRoute random query strings (plus all-empty and all-duplicated) over every parameter the route binds or its links use.</summary>
    public async Task<(int Routes, int Parameters, int Requests)> QueryStringsAsync(Func<Row, bool> which, int perRoute)
    {
        var (clients, pages) = await PeopleAndPagesAsync();
        var bound = await BoundQueryNamesAsync(factory.Services);
        // Links on the pages name parameters no signature shows (the pager keeps every parameter it is given).
        foreach (var (who, _, url) in pages.DistinctBy(p => p.Url))
        {
            var response = await clients[who].Http.GetAsync(url);
            if (response.Content.Headers.ContentType?.MediaType == "text/html") NoteLinks(Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
        }
        var requests = 0;
        var parameters = 0;
        var routes = pages.Where(p => which(p.Row)).GroupBy(p => p.Row.Pattern).ToList();
        foreach (var route in routes)
        {
            var path = route.First().Url.Split('?')[0];
            var ownQuery = route.First().Url.Contains('?') ? route.First().Url[(route.First().Url.IndexOf('?') + 1)..] : "";
            var names = new Dictionary<string, HashSet<string>>();
            foreach (var name in CommonQueryNames.Concat(bound.GetValueOrDefault(route.Key) ?? [])) names.TryAdd(name, []);
            foreach (var (name, values) in linked.GetValueOrDefault(path) ?? []) { names.TryAdd(name, []); names[name].UnionWith(values); }
            foreach (var part in ownQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)) { var kv = part.Split('='); names.TryAdd(kv[0], []); names[kv[0]].Add(kv.ElementAtOrDefault(1) ?? ""); }
            parameters += names.Count;
            var fields = names.Select(n => (n.Key, n.Value.ToArray())).ToList();
            var people = route.Select(p => p.Who).ToList();
            var cases = Sample(FieldsFor(fields, 3_000), perRoute);
            cases.Add(fields.Select(f => new KeyValuePair<string, string>(f.Key, "")).ToList()); // every parameter empty
            cases.Add(fields.SelectMany(f => new[] { new KeyValuePair<string, string>(f.Key, "1"), new(f.Key, "\t") }).ToList()); // every parameter twice
            for (var i = 0; i < cases.Count; i++)
            {
                var who = people[i % people.Count];
                var url = path + "?" + string.Join("&", cases[i].Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
                await SendAsync(clients[who], HttpMethod.Get, url, null, $"{who}: GET {path}?{Describe(cases[i])}");
                requests++;
            }
        }
        return (routes.Count, parameters, requests);
    }
}

/// <summary>Every post form of every page, as each role that may open it: never a 500.</summary>
public class EveryFormTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Every_form_of_every_page_never_answers_500()
    {
        var probe = new InputProbe(factory, output);
        await probe.FormsAsync();
        Assert.True(probe.Failures.Count == 0, $"{probe.Failures.Count} server errors:\n" + string.Join("\n", probe.Failures));
    }
}

/// <summary>Every query parameter of every page and API (bound or linked), as each role that may open it: never a 500.</summary>
public class EveryQueryParameterTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task Every_query_parameter_of_every_page_and_api_never_answers_500()
    {
        var probe = new InputProbe(factory, output);
        var clock = Stopwatch.StartNew();
        var (routes, parameters, requests) = await probe.QueryStringsAsync(_ => true, 16);
        output.WriteLine($"{routes} routes, {parameters} parameters, {requests} requests in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(probe.Failures.Count == 0, $"{probe.Failures.Count} server errors:\n" + string.Join("\n", probe.Failures));
    }
}
