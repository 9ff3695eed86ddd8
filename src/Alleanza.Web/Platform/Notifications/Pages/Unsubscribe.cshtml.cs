using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Platform.Notifications.Pages;

/// <summary>
/// /notifiche/disiscrivi?t=TOKEN, the address of every notification mail's List-Unsubscribe header. A POST (the mail
/// client's one-click unsubscribe, RFC 8058, or the button of this page) turns that kind off: no cookie, no antiforgery
/// token, the signed token is the authority. A GET shows the confirmation page with the button. A token that is
/// missing, damaged or forged answers 400 with an Italian page.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(UnsubscribeTokens tokens, NotificationService notifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    public string? What { get; private set; }
    public bool Invalid { get; private set; }
    public bool Done { get; private set; }

    public IActionResult OnGet() => Describe() ? Page() : Refused();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Describe()) return Refused();
        var (user, kind) = tokens.Read(Token)!.Value;
        await notifications.SetPreferenceAsync(user, kind, Delivery.Off, HttpContext.RequestAborted);
        Done = true;
        return Page();
    }

    bool Describe()
    {
        if (tokens.Read(Token) is not { } pair) return false;
        What = pair.Kind == NotificationKinds.DigestKey ? Tr.Get("il riepilogo giornaliero delle notifiche") : Tr.Get("le email «{0}»", Tr.Get(NotificationKinds.Get(pair.Kind).Label));
        return true;
    }

    IActionResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
