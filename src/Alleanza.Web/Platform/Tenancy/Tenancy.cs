using System.Security.Claims;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Platform.Tenancy;

public sealed record NetworkInfo(Guid Id, string Slug, string Name);

/// <summary>The list of hosted networks, cached briefly (they change rarely; every instance refreshes within 30 s).</summary>
public sealed class NetworkDirectory(IMemoryCache cache, IServiceScopeFactory scopes)
{
    const string Key = "alleanza:networks";

    public async Task<IReadOnlyList<NetworkInfo>> AllAsync()
    {
        if (cache.TryGetValue(Key, out IReadOnlyList<NetworkInfo>? list) && list is not null) return list;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        list = await db.Networks.AsNoTracking().OrderBy(n => n.Name)
            .Select(n => new NetworkInfo(n.Id, n.Slug, n.Name)).ToListAsync();
        cache.Set(Key, list, TimeSpan.FromSeconds(30));
        return list;
    }

    public void Invalidate() => cache.Remove(Key);
}

/// <summary>
/// The network this request is in. Chosen by <c>?rete=slug</c> (remembered in a cookie), then the cookie,
/// then <c>Tenancy:DefaultNetwork</c>, then the first network the signed-in person belongs to, then the first network.
/// </summary>
public sealed class CurrentNetwork
{
    public NetworkInfo? Network { get; private set; }
    public Guid Id => Network?.Id ?? Guid.Empty;
    public bool IsResolved => Network is not null;
    internal void Set(NetworkInfo? network) => Network = network;
}

public sealed class TenantMiddleware(RequestDelegate next)
{
    public const string CookieName = "alleanza-rete";

    public async Task InvokeAsync(HttpContext context, NetworkDirectory directory, CurrentNetwork current, CurrentAccess access, IConfiguration config)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }
        var networks = await directory.AllAsync();
        NetworkInfo? chosen = null;
        var asked = context.Request.Query["rete"].ToString();
        if (!string.IsNullOrEmpty(asked))
        {
            chosen = networks.FirstOrDefault(n => n.Slug == asked);
            if (chosen is not null)
                context.Response.Cookies.Append(CookieName, chosen.Slug, new CookieOptions
                {
                    HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                });
        }
        if (chosen is null && context.Request.Cookies.TryGetValue(CookieName, out var remembered))
            chosen = networks.FirstOrDefault(n => n.Slug == remembered);
        if (chosen is null && config["Tenancy:DefaultNetwork"] is { Length: > 0 } configured)
            chosen = networks.FirstOrDefault(n => n.Slug == configured);
        if (chosen is null && context.User.Identity?.IsAuthenticated == true)
        {
            var mine = await access.MembershipsAsync();
            chosen = networks.FirstOrDefault(n => mine.Any(m => m.NetworkId == n.Id));
        }
        chosen ??= networks.FirstOrDefault();
        current.Set(chosen);
        await next(context);
    }
}

public sealed record MembershipInfo(Guid NetworkId, NetworkRole Role, Guid? PartnerId, Guid? ComuneId = null);

/// <summary>What the signed-in person may do: their memberships, loaded once per request.</summary>
public sealed class CurrentAccess(IHttpContextAccessor http, AppDbContext db, CurrentNetwork network)
{
    IReadOnlyList<MembershipInfo>? memberships;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;
    public Guid? UserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public bool IsAdministrator => User.HasClaim(AuthClaims.Administrator, "true");

    public async Task<IReadOnlyList<MembershipInfo>> MembershipsAsync()
    {
        if (memberships is not null) return memberships;
        if (UserId is not { } userId) return memberships = [];
        memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new MembershipInfo(m.NetworkId, m.Role, m.PartnerId, m.ComuneId)).ToListAsync();
        return memberships;
    }

    /// <summary>The person's roles in the current network.</summary>
    public async Task<IReadOnlyList<MembershipInfo>> RolesHereAsync()
    {
        var all = await MembershipsAsync();
        return all.Where(m => m.NetworkId == network.Id).ToList();
    }

    public async Task<bool> HasRoleHereAsync(params NetworkRole[] roles) =>
        (await RolesHereAsync()).Any(m => roles.Contains(m.Role));

    /// <summary>Coordinators of the current network and installation administrators manage it.</summary>
    public async Task<bool> CanManageNetworkAsync() =>
        network.IsResolved && (IsAdministrator || await HasRoleHereAsync(NetworkRole.Coordinator));

    /// <summary>Partner ids in the current network for which the person is staff.</summary>
    public async Task<IReadOnlyList<Guid>> PartnersHereAsync() =>
        (await RolesHereAsync()).Where(m => m.PartnerId is not null).Select(m => m.PartnerId!.Value).Distinct().ToList();

    /// <summary>Partner ids in the current network for which the person holds this role (e.g. the merchants they work for).</summary>
    public async Task<IReadOnlyList<Guid>> PartnersHereAsync(NetworkRole role) =>
        (await RolesHereAsync()).Where(m => m.Role == role && m.PartnerId is not null).Select(m => m.PartnerId!.Value).Distinct().ToList();
}
