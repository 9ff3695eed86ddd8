using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages;

public class ConfirmEmailModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountEmails.DecodeCode(code);
        if (token is null || !Guid.TryParse(userId, out _)) return;
        var user = await users.FindByIdAsync(userId!);
        if (user is null) return;
        var result = await users.ConfirmEmailAsync(user, token);
        Confirmed = result.Succeeded;
        if (Confirmed) await audit.WriteAsync("account.confirm-email", nameof(AppUser), user.Id, user.Email, userId: user.Id, userName: user.Email);
    }
}
