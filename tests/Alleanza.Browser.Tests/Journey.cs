using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// One person at one browser window: a fresh browser context (no cookies), the steps it takes written to the
/// test output, and an axe check after every page it reaches. <see cref="AssertAccessible()"/> fails the test
/// when any page had a serious or critical violation, listing rule ids and targets.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    public const string DemoPassword = "Alleanza-demo-2026";

    /// <summary>
    /// Today as the app counts it (Europe/Rome): between 23:00 and 01:00 UTC the machine's date is yesterday's there,
    /// and a date the test expects on a page would be a day off.
    /// </summary>
    public static DateTime Today => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome")).Date;
    /// <summary>How long any action, wait or navigation may take before the test fails.</summary>
    public const int TimeoutMs = 15_000;

    readonly AppFixture app;
    readonly ITestOutputHelper output;
    readonly List<string> findings = [];
    readonly List<string> failedChecks = [];
    readonly HashSet<string> audited = [];

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string BaseUrl => app.BaseUrl;

    Journey(AppFixture app, ITestOutputHelper output, IBrowserContext context, IPage page)
    {
        this.app = app;
        this.output = output;
        Context = context;
        Page = page;
    }

    public static async Task<Journey> StartAsync(AppFixture app, ITestOutputHelper output, int width = 1280, int height = 900)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "it-IT",
        });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var journey = new Journey(app, output, context, page);
        Console.WriteLine();
        Console.WriteLine($"▶ {TestName(output)}");
        journey.Step($"Nuova finestra del browser {width}×{height} su {app.BaseUrl}");
        return journey;
    }

    /// <summary>Writes a step to the test's output (shown on failure and in detailed logs) and to the console (shown live).</summary>
    public void Step(string text)
    {
        var line = $"[{DateTime.Now:HH:mm:ss.fff}] {text}";
        output.WriteLine(line);
        Console.WriteLine("    " + line);
    }

    /// <summary>The running test's display name; xunit 2 keeps it in the output helper.</summary>
    static string TestName(ITestOutputHelper output) =>
        (output.GetType().GetField("test", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(output) as ITest)?.DisplayName
        ?? "browser test";

    /// <summary>
    /// Reports (does not assert) when the page is wider than the window, naming the elements that stick out:
    /// on a phone that means sideways scrolling.
    /// </summary>
    public async Task ReportHorizontalOverflowAsync()
    {
        var overflow = await Page.EvaluateAsync<string[]>(@"() => {
            const w = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= w) return [];
            const out = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.right <= w + 1) continue;
                if (el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1) continue; // outermost only
                if (el.closest('.table-responsive') && !el.classList.contains('table-responsive')) continue; // scrolls inside its box
                let clipped = false; // cut off by an ancestor that hides its overflow and itself fits (map tiles)
                for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement) {
                    const s = getComputedStyle(a);
                    if ((s.overflowX !== 'visible' || s.overflow === 'hidden') && a.getBoundingClientRect().right <= w + 1) clipped = true;
                }
                if (clipped) continue;
                const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
                out.push(`${name} (right edge ${Math.round(r.right)}px > ${w}px)`);
            }
            return [`page is ${document.documentElement.scrollWidth}px wide in a ${w}px window`, ...out.slice(0, 10)];
        }");
        if (overflow.Length > 0) Step("  ATTENZIONE: scorrimento orizzontale — " + string.Join("; ", overflow));
    }

    /// <summary>
    /// Reports (does not assert) text fields drawn with no border at all: a person sees a label and nothing to
    /// type into. Bootstrap Italia draws the line under a field only for inputs with an explicit type.
    /// </summary>
    public async Task ReportInvisibleFieldsAsync()
    {
        var fields = await Page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('input, textarea, select')]
            .filter(el => !['hidden', 'checkbox', 'radio', 'submit', 'button'].includes(el.type) && el.getClientRects().length > 0)
            .filter(el => !el.classList.contains('visually-hidden')) // drawn by its label (a file input behind a button)
            .filter(el => { const s = getComputedStyle(el); return ['Top', 'Right', 'Bottom', 'Left'].every(side => parseFloat(s['border' + side + 'Width']) === 0 || s['border' + side + 'Style'] === 'none'); })
            .filter(el => !el.readOnly)
            .map(el => (el.labels && el.labels[0] ? '«' + el.labels[0].textContent.trim() + '» ' : '') + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('type') ? '' : ' (senza type)'))");
        if (fields.Length > 0) Step("  ATTENZIONE: campi senza bordo, invisibili — " + string.Join("; ", fields.Distinct().Take(10)));
    }

    /// <summary>Types an address in the browser's bar, checks the answer is not an error, and runs axe.</summary>
    public async Task OpenAsync(string pathOrUrl)
    {
        var url = pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : app.BaseUrl + pathOrUrl;
        Step($"Apre {Path(url)}");
        var response = await Page.GotoAsync(url);
        Assert.True(response is not null && response.Ok, $"GET {url} answered {response?.Status}");
        await AuditAsync();
    }

    /// <summary>After a click that navigates: waits for the new address, then runs axe on the page reached.</summary>
    public async Task ArrivedAtAsync(Regex url)
    {
        await Page.WaitForURLAsync(url);
        await Page.WaitForLoadStateAsync(LoadState.Load);
        Step($"  … arriva su {Path(Page.Url)}");
        await AuditAsync();
    }

    public Task ArrivedAtAsync(string pathRegex) => ArrivedAtAsync(new Regex("^" + Regex.Escape(app.BaseUrl) + pathRegex + "$"));

    /// <summary>
    /// The pages axe has already checked in this test run, by their shape (see <see cref="ShapeAsync"/>). axe takes
    /// 2–3 s a page on two cores and the journeys meet the same pages again and again (the home, the sign-in form,
    /// a role's home): checked once, they are not checked again, which halves the browser tests' time.
    /// </summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CheckedShapes = new();

    /// <summary>
    /// What makes a page the same page for axe: its address without ids and numbers, the window's width, and its
    /// headings, labels, table headers, navigation, alerts and fields in error, with digits and ids blanked. A form
    /// shown again with its errors, a page seen by another role or with other sections is another shape.
    /// </summary>
    async Task<string> ShapeAsync()
    {
        var parts = await Page.EvaluateAsync<string>(@"() => [...document.querySelectorAll(
                'h1,h2,h3,h4,label,legend,th,nav a,button,.alert,.invalid-feedback,.is-invalid,[aria-invalid=true],dialog[open],details[open]')]
            .map(e => e.tagName + '.' + (typeof e.className === 'string' ? e.className : '') + ':' + (e.textContent || '').trim().slice(0, 60))
            .join('|')");
        var address = new Uri(Page.Url);
        var query = string.Join('&', System.Web.HttpUtility.ParseQueryString(address.Query).AllKeys.Order());
        var text = $"{address.AbsolutePath}?{query}|{parts}";
        text = $"{Page.ViewportSize?.Width}|" + Regex.Replace(text, @"[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}|[0-9a-f]{8}\b|\d+", "#");
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>axe-core's own script (shipped inside Deque.AxeCore.Commons), read once per run.</summary>
    static readonly Lazy<string> AxeScript = new(() =>
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is missing from Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>One violated rule as the page hands it back (Playwright fills a class with settable properties).</summary>
    sealed class AxeViolation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string[] Targets { get; set; } = [];
        public int Nodes { get; set; }
    }

    /// <summary>
    /// axe-core on the page as it is now (once per shape in a run); keeps the serious and critical violations. It runs
    /// axe's script in the page and brings back only the violations: the stock Playwright binding brings back every
    /// rule's passes and nodes and took 3 s a page where this takes 0.5–1 s (same rules, measured on two cores).
    /// </summary>
    public async Task AuditAsync()
    {
        var where = $"{Path(Page.Url)} ({Page.ViewportSize?.Width}px)";
        if (!CheckedShapes.TryAdd(await ShapeAsync(), where))
        {
            Step($"  axe su {where}: già controllata in questa esecuzione (stessa pagina)");
            return;
        }
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await Page.EvaluateAsync(AxeScript.Value);
        var violations = await Page.EvaluateAsync<AxeViolation[]>(@"async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help,
                targets: v.nodes.slice(0, 8).map(n => (n.target || []).join(' ') || n.html), nodes: v.nodes.length }));
        }");
        var bad = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        audited.Add(where);
        Step($"  axe su {where}: {violations.Length} violazioni, {bad.Count} gravi o critiche");
        foreach (var v in bad)
            findings.Add($"{where}: [{v.Impact}] {v.Id} — {v.Help}\n      " + string.Join("\n      ", v.Targets) +
                         (v.Nodes > 8 ? $"\n      … e altri {v.Nodes - 8}" : ""));
    }

    /// <summary>Fails when any page seen in this journey had a serious or critical axe violation.</summary>
    /// <summary>Also fails when a check made with <see cref="CheckAsync"/> failed, so that one test reports all it saw.</summary>
    public void AssertAccessible() => AssertAccessible(this);

    /// <summary>The same for several people (browser windows) of one test, asserted together at its end.</summary>
    public static void AssertAccessible(params Journey[] journeys)
    {
        var findings = journeys.SelectMany(j => j.findings).ToList();
        var failed = journeys.SelectMany(j => j.failedChecks).ToList();
        journeys[^1].Step($"Pagine controllate con axe: {journeys.Sum(j => j.audited.Count)}");
        var message = new List<string>();
        if (failed.Count > 0) message.Add($"{failed.Count} check(s) failed:\n  " + string.Join("\n  ", failed));
        if (findings.Count > 0) message.Add($"axe found {findings.Count} serious/critical violation(s):\n  " + string.Join("\n  ", findings));
        Assert.True(message.Count == 0, string.Join("\n", message));
    }

    /// <summary>
    /// A check that does not stop the journey when it fails (for what is shown, not for what the next step needs):
    /// the failure is written to the output and makes <see cref="AssertAccessible()"/> fail at the end.
    /// </summary>
    public async Task CheckAsync(string what, Func<Task> check)
    {
        try
        {
            await check();
            Step($"  … {what}: sì");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            var reason = string.Join(" / ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeWhile(l => !l.StartsWith("Call log", StringComparison.Ordinal)).Take(4));
            Step($"  ERRORE: {what}: no — {reason}");
            failedChecks.Add($"{Path(Page.Url)}: {what} — {reason}");
        }
    }

    /// <summary>
    /// The registration form of the first date on an opportunity's page with at least <paramref name="places"/> free
    /// places (or no limit). The demo's year of registrations fills some dates up, and which ones depends on the day
    /// the demo was loaded, so "the first date" is not always open to a new family.
    /// </summary>
    public async Task<ILocator> FirstDateWithPlacesAsync(int places)
    {
        var form = new PageGetByRoleOptions { NameRegex = new Regex("^Iscrizione alla data del ") };
        var dates = Page.Locator("li.list-group-item").Filter(new() { Has = Page.GetByRole(AriaRole.Form, form) });
        await Microsoft.Playwright.Assertions.Expect(dates.First).ToBeVisibleAsync();
        foreach (var date in await dates.AllAsync())
        {
            var text = await date.InnerTextAsync();
            var free = Regex.Match(text, @"(\d+) posti liberi su \d+");
            // A full date says «Posti esauriti» and offers the waiting list; a date without a limit says nothing about places.
            if (text.Contains("Posti esauriti", StringComparison.Ordinal) || free.Success && int.Parse(free.Groups[1].Value) < places) continue;
            var chosen = date.GetByRole(AriaRole.Form, new() { NameRegex = form.NameRegex });
            Step($"La prima data con almeno {places} posti liberi: {await chosen.GetAttributeAsync("aria-label")}{(free.Success ? $" ({free.Value})" : "")}");
            return chosen;
        }
        throw new Xunit.Sdk.XunitException($"No date on {Path(Page.Url)} has {places} free places");
    }

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    public ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task ClickAsync(ILocator target, string what)
    {
        Step($"Clicca {what}");
        await target.ClickAsync();
    }

    public async Task FillAsync(string label, string value, bool secret = false)
    {
        Step($"Scrive in «{label}»: {(secret ? "••••••••" : value)}");
        await Page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"( \*)?$")).FillAsync(value);
    }

    /// <summary>
    /// Ticks a checkbox as a person does, by clicking its label: Bootstrap Italia draws the box on the label,
    /// which covers the real input. Then checks the input is ticked.
    /// </summary>
    public async Task TickAsync(string label)
    {
        Step($"Spunta «{label}»");
        await Page.Locator("label.form-check-label").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + "$") }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true })).ToBeCheckedAsync();
    }

    /// <summary>Signs in with email and password at /account/accedi (the page must be open) and checks the header shows the person.</summary>
    public async Task SignInWithPasswordAsync(string email, string password, string displayName, string landingPathRegex = "/la-mia-area")
    {
        await FillAsync("Email", email);
        await FillAsync("Password", password, secret: true);
        await ClickAsync(Button("Accedi"), "«Accedi»");
        await ArrivedAtAsync(landingPathRegex);
        await AssertSignedInAsync(displayName);
    }

    /// <summary>Chooses an option of a drop-down list by its visible text.</summary>
    public async Task ChooseAsync(string label, string option)
    {
        Step($"Sceglie «{option}» in «{label}»");
        await Page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"( \*)?$")).SelectOptionAsync(new SelectOptionValue { Label = option });
    }

    /// <summary>
    /// Answers «OK» to the next confirm() the page asks (the app asks before destructive actions), and writes its
    /// question to the output. Returns the question once it has been asked.
    /// </summary>
    public Task<string> AcceptNextDialogAsync()
    {
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, IDialog dialog)
        {
            Page.Dialog -= Handler;
            Step($"  … il browser chiede «{dialog.Message}» ({dialog.Type}): risponde OK");
            asked.TrySetResult(dialog.Message);
            _ = dialog.AcceptAsync();
        }
        Page.Dialog += Handler;
        return asked.Task;
    }

    public sealed record Person(string Name, string Email, string Password);

    public static Person NewPerson()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return new Person($"Giulia Prova {id}", $"giulia.{id}@famiglia.example", $"casa-dolce-{id}-7");
    }

    /// <summary>The registration form, the confirmation mail in maildev, and its link.</summary>
    public async Task RegisterAndConfirmAsync(Person person)
    {
        await OpenAsync("/account/registrati");
        await FillAsync("Nome e cognome", person.Name);
        await FillAsync("Email", person.Email);
        await FillAsync("Password", person.Password, secret: true);
        await FillAsync("Ripeti la password", person.Password, secret: true);
        await TickAsync("Ho letto l'informativa privacy");
        await ClickAsync(Button("Crea l'account"), "«Crea l'account»");
        await ArrivedAtAsync(@"/account/controlla-email\?.*");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Controlla la tua email" })).ToBeVisibleAsync();

        Step($"Legge in maildev il messaggio per {person.Email}");
        var mail = await app.Mail.WaitForAsync(person.Email, "Conferma il tuo indirizzo email");
        var link = Maildev.LinkTo(mail, "/account/conferma-email");
        Assert.StartsWith(app.BaseUrl + "/account/conferma-email?", link);
        await OpenAsync(link);
        await Assertions.Expect(Page.GetByText("Grazie: il tuo indirizzo è confermato.")).ToBeVisibleAsync();
    }

    public async Task AssertSignedInAsync(string displayName)
    {
        await Assertions.Expect(Link(displayName)).ToBeVisibleAsync();
        await Assertions.Expect(Button("Esci")).ToBeVisibleAsync();
        Step($"  … è collegato come {displayName}");
    }

    string Path(string url) => url.StartsWith(app.BaseUrl, StringComparison.Ordinal) ? url[app.BaseUrl.Length..] : url;

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
