using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Alleanza.Tests.Platform;

/// <summary>
/// The platform in seven languages: every text has its translation in each language that claims it, a page in a
/// translated language shows no Italian of ours (the network's own content is marked lang="it"), lang/dir follow the
/// language shown, dates and money are written the language's way, and mails go out in the reader's language.
/// </summary>
public partial class LanguageTests(AlleanzaFactory factory, ITestOutputHelper output) : IClassFixture<AlleanzaFactory>
{
    static readonly string[] Translated = ["en", "ro", "sq", "ar", "uk", "zh"];

    static string WebRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alleanza.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Alleanza.slnx not found above the test's folder"), "src", "Alleanza.Web");
    }

    sealed record Entry(string Value, string? Comment);

    static Dictionary<string, Entry> Resx(string suffix) =>
        XDocument.Load(Path.Combine(WebRoot(), "Resources", $"Platform.SharedResource{suffix}.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => new Entry((string?)d.Element("value") ?? "", (string?)d.Element("comment")));

    static IEnumerable<string> Placeholders(string s) => PlaceholderPattern().Matches(s).Select(m => m.Value).Order();

    [Fact]
    public void Every_text_of_the_family_pages_is_translated_in_every_language_with_the_same_placeholders()
    {
        var neutral = Resx("");
        var family = neutral.Where(e => e.Value.Comment == "famiglie").Select(e => e.Key).ToList();
        Assert.True(family.Count > 500, $"only {family.Count} family texts");
        // The resource compiler keeps one of two names that differ only in case ("N." and "n."): the other is lost.
        Assert.Empty(neutral.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)));
        var problems = new List<string>();
        foreach (var language in Translated)
        {
            var translated = Resx("." + language);
            problems.AddRange(family.Where(k => !translated.ContainsKey(k) || string.IsNullOrWhiteSpace(translated[k].Value)).Select(k => $"{language}: missing «{k}»"));
            foreach (var (key, entry) in translated)
            {
                if (!neutral.ContainsKey(key)) problems.Add($"{language}: «{key}» is not a text of the platform (not in the neutral file)");
                else if (!Placeholders(key).SequenceEqual(Placeholders(entry.Value))) problems.Add($"{language}: «{key}» → «{entry.Value}» changes the placeholders");
                else if (key.Contains("<a ") != entry.Value.Contains("<a ")) problems.Add($"{language}: «{key}» → «{entry.Value}» drops the link");
            }
            output.WriteLine($"{language}: {translated.Count} translated texts ({family.Count(translated.ContainsKey)} of the {family.Count} family texts)");
        }
        // English is complete: every text of the platform's resources, the staff pages' too.
        var english = Resx(".en");
        problems.AddRange(neutral.Keys.Where(k => !english.ContainsKey(k)).Select(k => $"en: missing «{k}»"));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));
    }

    [Fact]
    public void Every_text_the_code_asks_for_is_in_the_neutral_resources()
    {
        var neutral = Resx("");
        var root = WebRoot();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("node_modules")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in UsePattern().Matches(text))
            {
                var key = Regex.Unescape(m.Groups["key"].Value);
                if (!neutral.ContainsKey(key)) missing.Add($"{Path.GetRelativePath(root, file)}: «{key}»");
            }
        }
        Assert.True(missing.Count == 0, "texts without a resource entry:\n" + string.Join("\n", missing.Take(50)));
    }

    [Fact]
    public void Translations_differ_from_the_Italian_where_a_translation_is_expected()
    {
        // A translation copied from the Italian by mistake reads as untranslated text on the page.
        var neutral = Resx("");
        var same = new List<string>();
        foreach (var language in Translated)
            foreach (var (key, entry) in Resx("." + language))
                if (entry.Value == key && ItalianWords(key) >= 2) same.Add($"{language}: «{key}»");
        Assert.True(same.Count == 0, string.Join("\n", same));
        Assert.NotEmpty(neutral);
    }

    // ---- the pages ----

    /// <summary>Italian function words: two of them in one text node mean an Italian sentence.</summary>
    static readonly HashSet<string> Italian = ["il", "di", "della", "delle", "degli", "dei", "nella", "nel", "alla", "alle", "per", "con", "non", "che", "sono", "una", "questa", "questo", "tuoi", "tua", "tuo", "gli", "hai", "sei", "puoi", "ancora", "anche", "oppure", "anni", "mesi", "adatte", "adatto", "iscrizioni"];

    /// <summary>A name between quotation marks inside our sentence (an opportunity's title in a confirmation) is the network's own content.</summary>
    static string WithoutQuotedNames(string text) => System.Text.RegularExpressions.Regex.Replace(text, "«[^»]*»|“[^”]*”|„[^”“]*[”“]", "");

    internal static int ItalianWords(string text) => WordPattern().Matches(WithoutQuotedNames(text).ToLowerInvariant()).Select(m => m.Value).Where(Italian.Contains).Distinct().Count();

    /// <summary>The texts a reader sees or hears, outside the network's own content (marked with another lang).</summary>
    internal static IEnumerable<string> OurTexts(IDocument document, string language)
    {
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (element.LocalName is "script" or "style" or "template" or "textarea") continue; // a textarea holds what a person wrote
            // A choice among the network's records (partners, Comuni): its text is their name.
            if (element.LocalName == "option" && Guid.TryParse(element.GetAttribute("value"), out _)) continue;
            var lang = element.Closest("[lang]")?.GetAttribute("lang");
            if (lang is not null && lang != language) continue;
            foreach (var node in element.ChildNodes.Where(n => n.NodeType == NodeType.Text))
                if (node.TextContent.Trim() is { Length: > 0 } text) yield return text;
            foreach (var attribute in new[] { "aria-label", "placeholder", "title", "alt", "data-confirm", "value" })
                if (element.GetAttribute(attribute) is { Length: > 0 } value && (attribute != "value" || element.LocalName == "button" || element.GetAttribute("type") == "submit")) yield return value;
        }
    }

    async Task<List<string>> UntranslatedAsync(TestClient client, string url, string language)
    {
        var page = await client.OpenAsync(url + (url.Contains('?') ? "&" : "?") + "culture=" + language);
        Assert.True((int)page.Status < 400, $"{url} in {language}: {(int)page.Status}");
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        var neutral = ItalianTexts(language);
        return OurTexts(page.Document, language)
            .Where(t => ItalianWords(t) >= 2 || (t.Length >= 8 && neutral.Contains(t)))
            .Distinct().Select(t => $"{language} {url}: «{t}»").ToList();
    }

    /// <summary>The Italian texts of the family pages whose translation in the language differs from them ("Categorie" is Romanian too).</summary>
    static HashSet<string> ItalianTexts(string language)
    {
        var translated = Resx("." + language);
        var ours = translated.Values.Select(v => v.Value).ToHashSet(); // "Categorie" is also the Romanian for «Categoria»
        return Resx("").Where(e => e.Value.Comment == "famiglie" && translated.TryGetValue(e.Key, out var t) && t.Value != e.Key && !ours.Contains(e.Key))
            .Select(e => e.Key).ToHashSet();
    }

    async Task<Guid> OpportunityWithDatesAsync() => await factory.WithDbAsync(db =>
        db.Opportunities.Where(o => o.Status == OpportunityStatus.Published && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro")
                && db.OpportunitySessions.Any(s => s.OpportunityId == o.Id && s.StartsAt > DateTime.UtcNow))
            .OrderBy(o => o.Title).Select(o => o.Id).FirstAsync());

    [Fact]
    public async Task The_public_family_pages_show_no_untranslated_text_in_any_language()
    {
        var opportunity = await OpportunityWithDatesAsync();
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        var problems = new List<string>();
        foreach (var language in Translated)
            foreach (var url in new[] { "/", "/opportunita", "/opportunita?q=nuoto&eta=6", $"/opportunita/{opportunity}", "/carta-famiglia",
                         "/account/accedi", "/account/registrati", "/account/controlla-email", "/account/password-dimenticata", "/account/reinvia-conferma", "/account/bloccato" })
                problems.AddRange(await UntranslatedAsync(client, url, language));
        Assert.True(problems.Count == 0, "Italian on translated pages:\n" + string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public async Task The_pages_of_a_signed_in_family_show_no_untranslated_text_in_any_language()
    {
        var opportunity = await OpportunityWithDatesAsync();
        var client = factory.NewClient();
        await client.SignInOrFailAsync("famiglia@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");
        var problems = new List<string>();
        foreach (var language in Translated)
        {
            foreach (var url in new[] { "/la-mia-area", "/opportunita", $"/opportunita/{opportunity}", "/carta-famiglia/domanda", "/account/iscrizioni", "/account/notifiche/preferenze" })
                problems.AddRange(await UntranslatedAsync(client, url, language));
        }
        Assert.True(problems.Count == 0, "Italian on translated pages:\n" + string.Join("\n", problems.Take(60)));
    }

    /// <summary>The people of the demo, one per role (and a time bank member, a purchasing group's referent, the paths' staff).</summary>
    public static TheoryData<string, string> People => new()
    {
        { "coordinatore@portogruaro.demo", "portogruaro" }, { "referente@portogruaro.demo", "portogruaro" }, { "comune@portogruaro.demo", "portogruaro" },
        { "esercente@portogruaro.demo", "portogruaro" }, { "admin@alleanza.demo", "portogruaro" }, { "famiglia@portogruaro.demo", "portogruaro" },
        { "gaf@brianza.demo", "brianza" }, { "coordinatore@pavia.demo", "pavia" }, { "operatore@pavia.demo", "pavia" }, { "supervisore@pavia.demo", "pavia" },
        { "volontario@pavia.demo", "pavia" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Every_roles_personal_home_reads_in_English(string email, string network)
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email);
        await client.ChooseNetworkAsync(network);
        var page = await client.GetAsync("/la-mia-area?culture=en");
        Assert.True((int)page.Status == 200, $"{email}: {(int)page.Status}");
        Assert.NotEmpty(page.Document.QuerySelectorAll("main section.home-section"));
        // Beyond sentences (two Italian function words), a whole text that is one of our Italian texts with another English:
        // a button, heading or badge left untranslated («Tavoli», «Gestisci le reti»).
        var english = Resx(".en");
        var ours = Resx("").Keys.Where(k => k.Length >= 4 && !k.Contains('{') && english.TryGetValue(k, out var e) && e.Value != k).ToHashSet();
        var italian = OurTexts(page.Document, "en").Where(t => ItalianWords(t) >= 2 || ours.Contains(t)).Distinct().ToList();
        Assert.True(italian.Count == 0, $"Italian on {email}'s English home:\n" + string.Join("\n", italian));
    }

    [Fact]
    public async Task The_catalogue_management_pages_read_in_English()
    {
        var opportunity = await OpportunityWithDatesAsync();
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var problems = new List<string>();
        foreach (var url in new[] { "/gestione/opportunita", "/gestione/opportunita/nuova", $"/gestione/opportunita/{opportunity}", $"/gestione/opportunita/{opportunity}/iscritti",
                     "/gestione/aree", "/gestione/sinonimi" })
            problems.AddRange(await UntranslatedAsync(client, url, "en"));
        Assert.True(problems.Count == 0, "Italian on English pages:\n" + string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public async Task Form_errors_come_in_the_readers_language()
    {
        var client = factory.NewClient();
        var form = await client.GetAsync("/account/registrati?culture=en");
        var page = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.DisplayName"] = "", ["Input.Email"] = "not-an-address", ["Input.Password"] = "short" });
        Assert.Contains("Enter your first and last name.", page.Errors);
        Assert.Contains("Enter a valid email address, for example name@example.com.", page.Errors);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain(page.Errors, e => ItalianWords(e) >= 2);
        var arabic = await client.SubmitAsync(await client.GetAsync("/account/accedi?culture=ar"), new Dictionary<string, string?> { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Contains("أدخل عنوان بريدك الإلكتروني.", arabic.Errors);
    }

    [Fact]
    public async Task The_required_rule_MVC_adds_to_a_check_box_has_no_English_default_message()
    {
        var page = await factory.NewClient().GetAsync("/account/accedi");
        var remember = page.Document.QuerySelector("input[type=checkbox][name='Input.RememberMe']")!;
        Assert.Equal("Il campo Resta collegato su questo dispositivo è obbligatorio.", remember.GetAttribute("data-val-required"));
        Assert.DoesNotContain("field is required", page.Text);
    }

    // ---- lang and dir ----

    [Theory]
    [InlineData("it", "ltr")]
    [InlineData("en", "ltr")]
    [InlineData("ro", "ltr")]
    [InlineData("sq", "ltr")]
    [InlineData("ar", "rtl")]
    [InlineData("uk", "ltr")]
    [InlineData("zh", "ltr")]
    public async Task The_page_says_which_language_and_direction_it_is_written_in_and_keeps_the_choice(string language, string direction)
    {
        var client = factory.NewClient();
        var chosen = await client.GetAsync($"/opportunita?culture={language}");
        Assert.Equal(language, chosen.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, chosen.Document.DocumentElement.GetAttribute("dir"));
        var next = await client.GetAsync("/carta-famiglia"); // the cookie keeps the choice
        Assert.Equal(language, next.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, next.Document.DocumentElement.GetAttribute("dir"));
        // The language list: each language in its own name, its own lang and direction; the current one marked.
        var links = next.Document.QuerySelectorAll("#lingua a[hreflang]");
        Assert.Equal(7, links.Length);
        Assert.Equal(language, links.Single(a => a.GetAttribute("aria-current") == "true").GetAttribute("lang"));
        Assert.Equal("rtl", links.Single(a => a.GetAttribute("lang") == "ar").GetAttribute("dir"));
        // A language still to be reviewed says so; Italian and English are complete.
        Assert.Equal(language is "it" or "en", next.Document.QuerySelector("[data-review-note]") is null);
    }

    [Theory]
    [InlineData("ar-MA,ar;q=0.9", "ar")]
    [InlineData("en-US,en;q=0.8", "en")]
    [InlineData("de-DE,uk;q=0.5", "uk")]
    [InlineData("fr-FR", "it")]
    [InlineData("zh-Hans-CN;q=1,it;q=0.2", "zh")]
    [InlineData(";;;q=abc,,", "it")]
    public async Task A_first_visit_follows_the_browsers_language_when_the_platform_speaks_it(string acceptLanguage, string expected)
    {
        var client = factory.NewClient();
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var page = await client.GetAsync("/");
        Assert.Equal(expected, page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("%E2%80%AEar")]
    [InlineData("ar%0d%0aSet-Cookie:%20x=1")]
    [InlineData("")]
    [InlineData("it-IT-x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_language_the_platform_does_not_speak_is_ignored(string value)
    {
        var client = factory.NewClient();
        var page = await client.GetAsync("/?culture=" + value);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Equal("it", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.False(page.Response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    // ---- dates and money ----

    [Fact]
    public void Dates_numbers_and_money_are_written_the_languages_way()
    {
        var at = new DateTime(2026, 3, 5, 13, 30, 0, DateTimeKind.Utc); // 14:30 in Rome
        string In(string code, Func<string> f) { using var _ = Languages.Use(code); return f(); }

        Assert.Equal("5/3/2026 14:30", In("it", () => RomeTime.Format(at)));
        Assert.Equal("05/03/2026 14:30", In("en", () => RomeTime.Format(at)));
        Assert.Equal("2026/3/5 14:30", In("zh", () => RomeTime.Format(at)));
        Assert.Equal("giovedì 5 marzo 2026", In("it", () => RomeTime.Format(at, "dddd d MMMM yyyy")));
        Assert.Contains("March", In("en", () => RomeTime.Format(at, "dddd d MMMM yyyy")));
        Assert.Contains("2026年3月5日", In("zh", () => RomeTime.Format(at, "dddd d MMMM yyyy")));
        Assert.Contains("مارس", In("ar", () => RomeTime.Format(at, "dddd d MMMM yyyy")));
        Assert.Contains("березня", In("uk", () => RomeTime.Format(at, "dddd d MMMM yyyy"))); // the genitive after the day
        Assert.Contains("martie", In("ro", () => RomeTime.Format(at, "d MMMM yyyy")));

        Assert.Equal("1.234,50 €", In("it", () => Money.Format(1234.5m)));
        Assert.Equal("€1,234.50", In("en", () => Money.Format(1234.5m)));
        Assert.Equal("€1,234.50", In("zh", () => Money.Format(1234.5m)));
        Assert.Contains("1.234,50", In("ro", () => Money.Format(1234.5m)));
        Assert.Contains("€", In("uk", () => Money.Format(1234.5m)));
        Assert.Equal("12,000", In("en", () => Money.Number(12000)));
        Assert.Equal("12.000", In("it", () => Money.Number(12000)));
        Assert.Equal("da 6 anni", In("it", () => CatalogLabels.Ages(72, null)));
        Assert.Equal("from 6 years", In("en", () => CatalogLabels.Ages(72, null)));
        Assert.Equal("1.5–3 years", In("en", () => CatalogLabels.Ages(18, 47)));
        Assert.Equal("1,5–3 anni", In("it", () => CatalogLabels.Ages(18, 47)));
    }

    [Fact]
    public async Task A_price_on_the_page_is_written_the_languages_way()
    {
        var paid = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.Status == OpportunityStatus.Published && o.Price != null && o.Price > 0
            && db.Networks.Any(n => n.Id == o.NetworkId && n.Slug == "portogruaro")).Select(o => new { o.Id, o.Price }).FirstAsync());
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        string Cost(TestClient.Page page) => page.Document.QuerySelectorAll("dt").First(d => d.NextElementSibling is not null && d.TextContent.Trim() is "Costo" or "Cost").NextElementSibling!.TextContent;
        var italian = await client.GetAsync($"/opportunita/{paid.Id}?culture=it");
        Assert.Contains(paid.Price!.Value.ToString("#,##0.00", CultureInfo.GetCultureInfo("it-IT")) + " €", Cost(italian));
        var english = await client.GetAsync($"/opportunita/{paid.Id}?culture=en");
        Assert.Contains("€" + paid.Price.Value.ToString("#,##0.00", CultureInfo.GetCultureInfo("en-GB")), Cost(english));
    }

    // ---- mails in the reader's language ----

    async Task<(TestClient Client, string Email, Guid Id)> NewFamilyAsync(string language)
    {
        var email = $"lingua-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia " + language, CreatedAt = DateTime.UtcNow }, "famiglia-2026")).Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, "famiglia-2026");
        await client.ChooseNetworkAsync("portogruaro");
        await client.GetAsync($"/opportunita?culture={language}"); // the choice is stored on the account
        return (client, email, id);
    }

    [Fact]
    public async Task The_place_freed_on_the_waiting_list_is_announced_in_the_waiting_familys_language()
    {
        var (opportunity, session) = await factory.WithDbAsync(async db =>
        {
            var o = await db.Opportunities.Where(x => x.Title == "Giocare per crescere assieme" && db.Networks.Any(n => n.Id == x.NetworkId && n.Slug == "portogruaro")).FirstAsync();
            var s = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o.Id, StartsAt = DateTime.UtcNow.AddDays(40 + Random.Shared.Next(100)), Capacity = 1 };
            db.OpportunitySessions.Add(s);
            await db.SaveChangesAsync();
            return (o.Id, s.Id);
        });
        var (italian, _, _) = await NewFamilyAsync("it");
        var (arabic, arabicEmail, _) = await NewFamilyAsync("ar");

        async Task<TestClient.Page> Register(TestClient client) => await client.SubmitAsync(await client.GetAsync($"/opportunita/{opportunity}"),
            new Dictionary<string, string?> { ["SessionId"] = session.ToString(), ["Registration.Places"] = "1", ["Registration.Participants"] = "Sara" },
            $"form[action*='handler=Register']:has(input[value='{session}'])", follow: true);
        Assert.Contains("Iscrizione confermata", (await Register(italian)).Text);
        var waiting = await Register(arabic);
        Assert.Equal("ar", waiting.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("قائمة الانتظار", waiting.Text);
        var waitingMail = await Mailbox.WaitForAsync(arabicEmail, "أنت في قائمة الانتظار: Giocare per crescere assieme");
        Assert.Contains("نفدت الأماكن", waitingMail.Text);

        // The Italian family cancels, reading Italian: the promotion mail to the other family is in Arabic, frame and all.
        var page = await italian.GetAsync($"/opportunita/{opportunity}?culture=it");
        await italian.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*='handler=Cancel']", follow: true);
        await Mailbox.WaitForAsync(arabicEmail, "شغر مكان");
        var promoted = await Mailbox.FullAsync(arabicEmail, "شغر مكان: أنت مسجّل في «Giocare per crescere assieme»");
        Assert.Contains("انتقل تسجيلك من قائمة الانتظار إلى مؤكَّد", promoted.Text);
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", promoted.Html);
        Assert.Contains("تسجيلاتي", System.Net.WebUtility.HtmlDecode(promoted.Html)); // the button
    }

    [Fact]
    public async Task The_language_chosen_by_a_signed_in_person_is_stored_once_whatever_the_number_of_taps()
    {
        var (client, _, id) = await NewFamilyAsync("it");
        var statuses = await Concurrently.SendAsync(Concurrently.Twins, () => client.Http.GetAsync("/opportunita?culture=uk"));
        Assert.All(statuses, s => Assert.Equal(System.Net.HttpStatusCode.OK, s));
        Assert.Equal("uk", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Language).SingleAsync()));
        // Signing in keeps the language being read: the account follows it.
        await client.GetAsync("/?culture=zh");
        Assert.Equal("zh", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Language).SingleAsync()));
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
    [GeneratedRegex(@"\b(?:L\[|H\[|Tr\.Get\()""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex UsePattern();
    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
