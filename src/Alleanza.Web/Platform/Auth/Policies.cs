using System.Security.Claims;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Auth;

public static class AuthClaims
{
    public const string Administrator = "alleanza:admin";
    public const string DisplayName = "alleanza:name";
}

/// <summary>Capability policies. Pages get them by folder convention, API groups by RequireAuthorization.</summary>
public static class Policies
{
    public const string Administer = "Administer";
    public const string ManageNetwork = "ManageNetwork";
    public const string Member = "Member";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireClaim(AuthClaims.Administrator, "true"));
        options.AddPolicy(ManageNetwork, p => p.RequireAuthenticatedUser().AddRequirements(new NetworkRoleRequirement(NetworkRole.Coordinator)));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser());
    }
}

/// <summary>Holds when the person has one of the roles in the current network (administrators always do).</summary>
public sealed record NetworkRoleRequirement(params NetworkRole[] Roles) : IAuthorizationRequirement;

public sealed class NetworkRoleHandler(CurrentAccess access, CurrentNetwork network) : AuthorizationHandler<NetworkRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, NetworkRoleRequirement requirement)
    {
        if (!network.IsResolved) return;
        if (access.IsAdministrator || await access.HasRoleHereAsync(requirement.Roles))
            context.Succeed(requirement);
    }
}

/// <summary>Puts the display name and the administrator flag in the sign-in cookie.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AuthClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.IsAdministrator) identity.AddClaim(new Claim(AuthClaims.Administrator, "true"));
        return identity;
    }
}
