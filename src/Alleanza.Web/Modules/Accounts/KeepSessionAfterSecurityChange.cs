using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>
/// On the account's own security pages: when what the person just did changed their security stamp (a new password, an
/// authenticator set up or reset, two-step sign-in turned off…), their other sessions end (see DatabaseSessionStore) but
/// this one is signed in again with the new stamp, so they stay where they are.
/// </summary>
public sealed class KeepSessionAfterSecurityChange : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (executed.Exception is not null || http.User.Identity?.IsAuthenticated != true || http.Response.HasStarted) return;
        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var user = await users.GetUserAsync(http.User);
        // A deleted account is not signed in again (its stamp changed because it was deleted).
        if (user is not null && user.DeletedAt is null && user.SecurityStamp != http.User.FindFirst(stampClaim)?.Value)
            await services.GetRequiredService<SignInManager<AppUser>>().RefreshSignInAsync(user);
    }
}
