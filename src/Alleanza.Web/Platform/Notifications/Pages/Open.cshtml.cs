using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Platform.Notifications.Pages;

/// <summary>Opens a notification: marks it read and goes to its object (or back to the list when it has none).</summary>
[Authorize(Policy = Policies.Member)]
public class OpenModel(NotificationService notifications, CurrentAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var (found, link) = await notifications.OpenAsync(access.UserId!.Value, id, HttpContext.RequestAborted);
        if (!found) return NotFound();
        return LocalRedirect(link is not null && Url.IsLocalUrl(link) ? link : NotificationService.ListPath);
    }
}
