using System.Globalization;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;

namespace Alleanza.Web.Platform;

/// <summary>
/// Pages that are the same for every anonymous visitor of a network in a language (the home page) are kept for a minute
/// by ASP.NET Core's output cache, per network and language (and, as the default policy does, per host and query string).
/// The default policy already leaves out signed-in people, answers other than 200 and answers that set a cookie.
/// </summary>
public static class AnonymousPages
{
    public const string Policy = "anonymous-page";

    /// <summary>How long a kept page is served: the figures on the home page change far less often than this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddAnonymousPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b.Expire(Lifetime).AddPolicy<NotWithAMessage>().VaryByValue(context =>
            new KeyValuePair<string, string>("page", $"{context.RequestServices.GetRequiredService<CurrentNetwork>().Network?.Slug}|{CultureInfo.CurrentUICulture.Name}"))));
        // Without this, every page told the browser to delete a TempData cookie it never had, and an answer that sets a
        // cookie is never kept.
        services.AddSingleton<CookieTempDataProvider>();
        services.AddSingleton<ITempDataProvider, QuietCookieTempDataProvider>();
        return services;
    }

    /// <summary>A visitor who comes with a message to show (TempData, after a redirect) gets the page made for them.</summary>
    sealed class NotWithAMessage : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName))
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
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
