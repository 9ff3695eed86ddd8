using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>Who may do what in the current network's Condividi: its people read, families post, moderators moderate.</summary>
public sealed class SharingAccess(AppDbContext db, CurrentAccess access, CurrentNetwork network)
{
    public Guid NetworkId => network.Id;
    public Guid? UserId => access.UserId;

    /// <summary>
    /// A person of this network — a role in it, or a family whose household is registered here (families who signed up
    /// themselves have a household, not a role) — or an administrator: the network's posts are theirs to see.
    /// </summary>
    public async Task<bool> IsMemberAsync() =>
        network.IsResolved && access.UserId is { } user && (access.IsAdministrator || (await access.RolesHereAsync()).Count > 0
            || await db.Households.AnyAsync(h => h.NetworkId == network.Id && h.OwnerUserId == user));

    /// <summary>The network's coordinators, and the partner staff they named moderators of Condividi.</summary>
    public async Task<bool> IsModeratorAsync()
    {
        if (!network.IsResolved || access.UserId is not { } user) return false;
        if (await access.CanManageNetworkAsync()) return true;
        return await db.SharingModerators.AnyAsync(m => m.NetworkId == network.Id && m.UserId == user)
            && await access.HasRoleHereAsync(NetworkRole.PartnerStaff);
    }

    /// <summary>The collection points (partners) of this network whose staff the person is.</summary>
    public async Task<List<Guid>> MyCollectionPointsAsync()
    {
        var partners = await access.PartnersHereAsync(NetworkRole.PartnerStaff);
        if (partners.Count == 0) return [];
        return await db.SharingCollectionPoints.AsNoTracking().Where(c => c.NetworkId == network.Id && partners.Contains(c.PartnerId)).Select(c => c.PartnerId).ToListAsync();
    }

    /// <summary>The network's settings, or the defaults when the coordinators never changed them.</summary>
    public static async Task<SharingSettings> SettingsAsync(AppDbContext db, Guid networkId, CancellationToken cancel = default) =>
        await db.SharingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.NetworkId == networkId, cancel) ?? new SharingSettings { NetworkId = networkId };
}
