using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Families;

/// <summary>What other modules may know of a family's household: its children's ages and its Comune (for "Per la mia famiglia").</summary>
public sealed record FamilyProfile(Guid ComuneId, string ComuneName, IReadOnlyList<(string FirstName, int AgeMonths)> Children);

/// <summary>A member of the family's household as other modules may show it (to tick who takes part in an activity).</summary>
public sealed record FamilyMember(Guid Id, string FirstName, string LastName, bool IsChild, int AgeYears);

/// <summary>The Families module's public query for a signed-in family's profile.</summary>
public sealed class FamilyProfiles(AppDbContext db, TimeProvider clock)
{
    public async Task<FamilyProfile?> ForAsync(Guid networkId, Guid userId, CancellationToken cancel = default)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.NetworkId == networkId && h.OwnerUserId == userId)
            .Select(h => new
            {
                h.ComuneId, Comune = db.Comuni.Where(c => c.Id == h.ComuneId).Select(c => c.Name).First(),
                Children = h.Members.Where(m => m.Role == MemberRole.Child).OrderBy(m => m.BirthDate).Select(m => new { m.FirstName, m.BirthDate }).ToList(),
            }).FirstOrDefaultAsync(cancel);
        if (household is null) return null;
        var today = RomeTime.Today(clock);
        var children = household.Children.Where(c => c.BirthDate <= today)
            .Select(c => (c.FirstName, AgeMonths: (today.Year - c.BirthDate.Year) * 12 + today.Month - c.BirthDate.Month - (today.Day < c.BirthDate.Day ? 1 : 0)))
            .Where(c => c.AgeMonths < 18 * 12).ToList();
        return new FamilyProfile(household.ComuneId, household.Comune, children);
    }

    /// <summary>The members of the person's household in this network (adults first, then children by age), or empty when there is none.</summary>
    public async Task<List<FamilyMember>> MembersAsync(Guid networkId, Guid userId, CancellationToken cancel = default)
    {
        var today = RomeTime.Today(clock);
        var members = await db.Households.AsNoTracking().Where(h => h.NetworkId == networkId && h.OwnerUserId == userId)
            .SelectMany(h => h.Members).Select(m => new { m.Id, m.FirstName, m.LastName, m.Role, m.BirthDate }).ToListAsync(cancel);
        return members.OrderBy(m => m.Role).ThenBy(m => m.BirthDate).ThenBy(m => m.FirstName)
            .Select(m => new FamilyMember(m.Id, m.FirstName, m.LastName, m.Role == MemberRole.Child,
                Math.Max(0, today.Year - m.BirthDate.Year - (today < m.BirthDate.AddYears(today.Year - m.BirthDate.Year) ? 1 : 0)))).ToList();
    }
}
