using System.Security.Claims;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Platform.Localization;

/// <summary>
/// When a person picks a language (a link with ?culture=xx), the choice is kept: in a cookie for the next pages, and,
/// when signed in, on the account, so that the mails others' actions cause (a place freed on a waiting list) are
/// written in it too. Runs after authentication; one conditional UPDATE, only on the request that changes language.
/// </summary>
public sealed class RememberLanguageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IRequestCultureFeature>() is { Provider: Languages.ChosenLanguageProvider } feature
            && Languages.Find(feature.RequestCulture.UICulture.Name) is { } language)
        {
            var cookie = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture));
            if (http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] != cookie)
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, cookie,
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
            if (Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            {
                var db = http.RequestServices.GetRequiredService<AppDbContext>();
                var code = language.Code;
                await db.Users.Where(u => u.Id == userId && (u.Language == null || u.Language != code))
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, code), http.RequestAborted);
            }
        }
        await next(http);
    }
}
