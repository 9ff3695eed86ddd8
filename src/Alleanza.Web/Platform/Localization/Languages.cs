using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Localization;

namespace Alleanza.Web.Platform.Localization;

/// <summary>A language the platform speaks: its code in URLs and cookies, the culture that formats dates and numbers,
/// its own name, its direction, and whether every page is translated (Italian, English) or the family pages only.</summary>
public sealed record Language(string Code, string CultureName, string NativeName, bool RightToLeft, bool Complete)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(CultureName);
}

/// <summary>
/// The platform's languages, in one place. Italian is the neutral language (the keys of the resources are the Italian
/// texts, so a string nobody translated yet still reads in Italian); English is complete; Romanian, Albanian, Arabic,
/// Ukrainian and Chinese cover the family-facing pages, translated and marked to be reviewed by a native speaker.
/// </summary>
public static class Languages
{
    public const string QueryKey = "culture";

    public static readonly Language Italian = new("it", "it-IT", "Italiano", false, true);

    public static readonly IReadOnlyList<Language> All =
    [
        Italian,
        new("en", "en-GB", "English", false, true),
        new("ro", "ro-RO", "Română", false, false),
        new("sq", "sq-AL", "Shqip", false, false),
        new("ar", "ar-EG", "العربية", true, false),
        new("uk", "uk-UA", "Українська", false, false),
        new("zh", "zh-CN", "中文", false, false),
    ];

    public static IList<CultureInfo> Cultures => All.Select(l => l.Culture).ToList();

    /// <summary>The language for a code ("en"), a culture name ("en-GB", "en-US") or null when the platform does not speak it.</summary>
    public static Language? Find(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 20) return null;
        var v = value.Trim();
        return All.FirstOrDefault(l => string.Equals(l.Code, v, StringComparison.OrdinalIgnoreCase) || string.Equals(l.CultureName, v, StringComparison.OrdinalIgnoreCase))
            ?? All.FirstOrDefault(l => v.StartsWith(l.Code + "-", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The language of the current request (CurrentUICulture), Italian when unknown.</summary>
    public static Language Current => Find(CultureInfo.CurrentUICulture.Name) ?? Italian;

    /// <summary>Runs code in a person's language (a mail to someone else than the one making the request), then restores the request's.</summary>
    public static IDisposable Use(string? code) => new Scope(Find(code) ?? Italian);

    sealed class Scope : IDisposable
    {
        readonly CultureInfo culture = CultureInfo.CurrentCulture, ui = CultureInfo.CurrentUICulture;
        public Scope(Language language) { CultureInfo.CurrentCulture = language.Culture; CultureInfo.CurrentUICulture = language.Culture; }
        public void Dispose() { CultureInfo.CurrentCulture = culture; CultureInfo.CurrentUICulture = ui; }
    }

    public static void Configure(RequestLocalizationOptions o)
    {
        o.DefaultRequestCulture = new RequestCulture(Italian.Culture);
        o.SupportedCultures = Cultures;
        o.SupportedUICultures = Cultures;
        o.RequestCultureProviders = [new ChosenLanguageProvider(), new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
    }

    /// <summary>?culture=xx on any page: the link a person follows in the language list (and a link one can share).</summary>
    public sealed class ChosenLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http) =>
            Task.FromResult(Find(http.Request.Query[QueryKey].FirstOrDefault()) is { } l ? new ProviderCultureResult(l.CultureName) : null);
    }

    /// <summary>Accept-Language, matched on the language alone: a browser in "en-US" or "ar-MA" gets English or Arabic.</summary>
    public sealed class BrowserLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
        {
            var header = http.Request.Headers.AcceptLanguage.ToString();
            if (header.Length is 0 or > 500) return NullProviderCultureResult;
            var wanted = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select((part, i) =>
                {
                    var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                    var q = pieces.Skip(1).Where(p => p.StartsWith("q=", StringComparison.Ordinal))
                        .Select(p => double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0).FirstOrDefault(1);
                    return (Tag: pieces[0], Q: q, Order: i);
                })
                .Where(x => x.Q > 0).OrderByDescending(x => x.Q).ThenBy(x => x.Order);
            foreach (var (tag, _, _) in wanted)
                if (Find(tag) is { } l) return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(l.CultureName));
            return NullProviderCultureResult;
        }
    }
}

/// <summary>
/// The shared texts outside a view or a page (mails, model-binding messages, Identity's errors): the same resources as
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>, looked up in the current UI culture; the Italian key when there is none.
/// </summary>
public static class Tr
{
    static readonly ResourceManager Resources = new("Alleanza.Web.Resources.Platform.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>
    /// What each language says for each key, kept once read. ResourceManager.GetString takes a lock and walks the culture's
    /// fallback at every call, and a page reads hundreds of texts: the purchasing group's booking page (600 products) spent
    /// 7 % of its CPU there on one request at a time, and its threads queued on that lock under load. Bounded, in case a
    /// text of people's own ever reaches a lookup.
    /// </summary>
    static readonly ConcurrentDictionary<(string Culture, string Key), string?> Read = new();
    static int readCount;
    const int MaxRead = 200_000;

    /// <summary>The text in <paramref name="culture"/> (or the language it falls back to); null when no language has it.</summary>
    public static string? Find(string italian, CultureInfo culture)
    {
        if (Read.TryGetValue((culture.Name, italian), out var text)) return text;
        text = Resources.GetString(italian, culture);
        if (readCount < MaxRead && Read.TryAdd((culture.Name, italian), text)) Interlocked.Increment(ref readCount);
        return text;
    }

    public static string Get(string italian) => Find(italian, CultureInfo.CurrentUICulture) ?? italian;

    public static string Get(string italian, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(italian), args);

    /// <summary>A translated text with its first letter in capitals: the resources cannot hold two keys that differ only in
    /// capitals («nessuno» in a sentence, «Nessuno» as a choice), so the sentence's key serves both.</summary>
    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
}
