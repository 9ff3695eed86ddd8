using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Accounts.Pages;

public class AcceptInvitationModel(Invitations invitations, UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public AcceptOutcome Outcome { get; private set; }
    public Invitations.InvitationView? View { get; private set; }

    public async Task OnGetAsync() => (Outcome, View) = await invitations.DescribeAsync(Token);

    public async Task<IActionResult> OnPostAsync()
    {
        (Outcome, View) = await invitations.DescribeAsync(Token);
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Outcome = await invitations.AcceptAsync(Token, user);
        if (Outcome != AcceptOutcome.Accepted) return Page();
        TempData["Message"] = Tr.Get("Invito accettato: ora sei {0} in {1}.", View!.RoleLabel, View.NetworkName);
        return Redirect("/account");
    }
}
