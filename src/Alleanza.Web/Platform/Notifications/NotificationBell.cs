using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// The header's «Notifiche» link with the unread count as a badge (and "N non lette" for screen readers):
/// one COUNT on the (UserId, ReadAt) index per signed-in page view, nothing for visitors.
/// </summary>
public sealed class NotificationBell(NotificationService notifications, CurrentAccess access, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (access.UserId is not { } user) return Content("");
        var unread = await notifications.UnreadCountAsync(user, HttpContext.RequestAborted);
        return new HtmlContentViewComponentResult(new Microsoft.AspNetCore.Html.HtmlString(Html(unread, HttpContext.Request.Path.StartsWithSegments(NotificationService.ListPath))));
    }

    string Html(int unread, bool here)
    {
        var label0 = System.Net.WebUtility.HtmlEncode(L["Notifiche"].Value);
        var count = unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var label = unread == 0 ? "nessuna non letta" : unread == 1 ? "1 non letta" : $"{count} non lette";
        var badge = unread == 0 ? "" : $" <span class=\"badge bg-white text-primary rounded-pill\" aria-hidden=\"true\">{count}</span>";
        var current = here ? " aria-current=\"page\"" : "";
        return $"<a class=\"text-white me-3 header-bell\" href=\"{NotificationService.ListPath}\"{current}><svg class=\"icon icon-sm icon-white header-bell-icon\" aria-hidden=\"true\"><use href=\"/lib/bootstrap-italia/svg/sprites.svg#it-inbox\"></use></svg><span class=\"header-bell-label\">{label0}</span>{badge}<span class=\"visually-hidden\"> ({label})</span></a>";
    }
}
