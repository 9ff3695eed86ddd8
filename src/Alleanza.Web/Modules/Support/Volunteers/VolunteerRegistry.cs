using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Volunteers;

/// <summary>
/// The volunteer registry's public queries, for every module that puts volunteers to work (labs, support paths, events).
/// The clearance rule lives here only: work with minors needs a criminal-record check (art. 25-bis DPR 313/2002) on file
/// and not older than the network's validity (<see cref="CommunitySettings.ClearanceValidityMonths"/>).
/// </summary>
public sealed class VolunteerRegistry(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// True when the person has a volunteer record in the network with a criminal-record check valid today.
    /// Anyone without a record, without a check or with an expired one may not work with children.
    /// </summary>
    public async Task<bool> MayWorkWithChildrenAsync(Guid networkId, Guid userId)
    {
        var checkedOn = await db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == networkId && v.UserId == userId)
            .Select(v => v.ClearanceDate).FirstOrDefaultAsync();
        if (checkedOn is null) return false;
        var settings = await SettingsAsync(networkId);
        return new VolunteerProfile { ClearanceDate = checkedOn }.ClearanceValidOn(RomeTime.Today(clock), settings.ClearanceValidityMonths);
    }

    /// <summary>Why a volunteer may not work with children (null: they may), in words for the person assigning them.</summary>
    public async Task<string?> ChildrenRefusalAsync(Guid networkId, Guid userId, string name)
    {
        if (await MayWorkWithChildrenAsync(networkId, userId)) return null;
        var profile = await db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == networkId && v.UserId == userId).Select(v => new { v.ClearanceDate }).FirstOrDefaultAsync();
        return profile?.ClearanceDate is null
            ? Tr.Get("{0} non ha un certificato del casellario giudiziale registrato: senza, non può lavorare con bambini e ragazzi (art. 25-bis DPR 313/2002). Registratelo nella sua scheda volontario.", name)
            : Tr.Get("Il certificato del casellario giudiziale di {0} (del {1}) è scaduto: senza un certificato valido non può lavorare con bambini e ragazzi (art. 25-bis DPR 313/2002).", name, profile.ClearanceDate.Value.ToString("d/M/yyyy"));
    }

    /// <summary>The network's settings for labs, training and volunteering (the defaults when never saved).</summary>
    public async Task<CommunitySettings> SettingsAsync(Guid networkId) =>
        await db.CommunitySettings.AsNoTracking().FirstOrDefaultAsync(s => s.NetworkId == networkId) ?? new CommunitySettings { NetworkId = networkId };
}
