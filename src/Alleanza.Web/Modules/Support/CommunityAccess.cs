using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Who the signed-in person is for labs, training and volunteering in the current network: coordinator, staff of some
/// partners, social operator, volunteer. Records of another network answer 404 before any of these checks.
/// </summary>
public sealed class CommunityAccess(CurrentAccess access, CurrentNetwork network)
{
    public Guid NetworkId => network.Id;
    public Guid? UserId => access.UserId;
    public Task<bool> IsCoordinatorAsync() => access.CanManageNetworkAsync();
    public Task<IReadOnlyList<Guid>> StaffPartnersAsync() => access.PartnersHereAsync(NetworkRole.PartnerStaff);
    public Task<bool> IsOperatorAsync() => access.HasRoleHereAsync(NetworkRole.SocialOperator);
    public Task<bool> IsVolunteerAsync() => access.HasRoleHereAsync(NetworkRole.Volunteer);

    /// <summary>Coordinators and partner staff: they keep the registry for their organisations and approve hours.</summary>
    public async Task<bool> IsReferentAsync() => await IsCoordinatorAsync() || (await StaffPartnersAsync()).Count > 0;
}
