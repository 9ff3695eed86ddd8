using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Platform.Notifications.Pages;

/// <summary>/account/notifiche: the person's notifications, newest first, unread marked; «segna tutte come lette».</summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(NotificationService notifications, CurrentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Paged<NotificationItem> Rows { get; private set; } = new([], 0, 1, NotificationService.PageSize);
    public int Unread { get; private set; }
    public string? Done { get; private set; }
    public Pager Pager => new(Rows.Page, Rows.Pages, Rows.Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (TempData["notifiche"] is string done) Done = done;
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var marked = await notifications.MarkAllReadAsync(access.UserId!.Value, HttpContext.RequestAborted);
        TempData["notifiche"] = marked switch
        {
            0 => Tr.Get("Non c'erano notifiche da leggere."),
            1 => Tr.Get("Una notifica segnata come letta."),
            _ => Tr.Get("{0} notifiche segnate come lette.", marked),
        };
        return RedirectToPage();
    }

    async Task LoadAsync()
    {
        var user = access.UserId!.Value;
        Rows = await notifications.ListAsync(user, Math.Max(1, PageNumber), HttpContext.RequestAborted);
        Unread = await notifications.UnreadCountAsync(user, HttpContext.RequestAborted);
    }

    public static string KindLabel(string key) => Tr.Get(NotificationKinds.Find(key)?.Label ?? "Notifica");
}
