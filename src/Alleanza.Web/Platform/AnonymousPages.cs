using System.Globalization;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;

namespace Alleanza.Web.Platform;

/// <summary>
/// Pages that are the same for every anonymous visitor of a network in a language (the home page, the catalogue's search
/// and an opportunity's page: places left may lag a minute behind for visitors, never for a signed-in family) are kept for a minute
/// by ASP.NET Core's output cache, per network and language (and, as the default policy does, per host and query string).
/// The default policy already leaves out signed-in people, answers other than 200 and answers that set a cookie.
/// A change to the catalogue (written here, or read from the search journal when another instance wrote it) forgets
/// every kept page, and for two seconds afterwards (while the change may still be committing) pages are made afresh.
/// </summary>
public static class AnonymousPages
{
    public const string Policy = "anonymous-page";
    const string Tag = "anonymous-pages";
    static readonly TimeSpan Settling = TimeSpan.FromSeconds(2);

    /// <summary>How long a kept page is served: the figures on the home page change far less often than this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddAnonymousPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b.Expire(Lifetime).Tag(Tag).AddPolicy<MadeAfresh>().VaryByValue(context =>
            new KeyValuePair<string, string>("page", $"{context.RequestServices.GetRequiredService<CurrentNetwork>().Network?.Slug}|{CultureInfo.CurrentUICulture.Name}"))));
        // Without this, every page told the browser to delete a TempData cookie it never had, and an answer that sets a
        // cookie is never kept.
        services.AddSingleton<AnonymousPageChanges>();
        services.AddSingleton<CookieTempDataProvider>();
        services.AddSingleton<ITempDataProvider, QuietCookieTempDataProvider>();
        return services;
    }

    /// <summary>
    /// A page is made afresh, and not kept, for a visitor who comes with a message to show (TempData, after a redirect) and
    /// for two seconds after a change to the catalogue; the first request after a change forgets the kept pages.
    /// </summary>
    sealed class MadeAfresh(IOutputCacheStore store, AnonymousPageChanges changes) : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (changes.TakeNew()) await store.EvictByTagAsync(Tag, cancellation);
            if (changes.SettlingWithin(Settling) || context.HttpContext.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName))
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>The cookie TempData provider, except that with nothing to keep it deletes the cookie only when the browser sent one.</summary>
    sealed class QuietCookieTempDataProvider(CookieTempDataProvider inner) : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
            if (values.Count == 0 && !context.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName)) return;
            inner.SaveTempData(context, values);
        }
    }
}

/// <summary>Counts changes to what visitors see (the catalogue's search journal reports them), so the kept pages can be forgotten.</summary>
public sealed class AnonymousPageChanges
{
    long changes, forgotten, lastChangeAt = long.MinValue / 2;

    /// <summary>Says that what visitors see may have changed.</summary>
    public void Changed()
    {
        Interlocked.Exchange(ref lastChangeAt, Environment.TickCount64);
        Interlocked.Increment(ref changes);
    }

    /// <summary>True once for every run of changes not yet acted upon.</summary>
    internal bool TakeNew()
    {
        var seen = Interlocked.Read(ref changes);
        return Interlocked.Exchange(ref forgotten, seen) != seen;
    }

    /// <summary>Whether the last change is more recent than <paramref name="settling"/> (it may still be committing).</summary>
    internal bool SettlingWithin(TimeSpan settling) => Environment.TickCount64 - Interlocked.Read(ref lastChangeAt) < settling.TotalMilliseconds;
}
