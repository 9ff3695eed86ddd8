using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>The network's card rules and what they say of a household as it is today.</summary>
public sealed class HouseholdEligibility(AppDbContext db, TimeProvider clock)
{
    public async Task<CardRules> RulesAsync(Guid networkId) =>
        await db.CardRules.AsNoTracking().FirstOrDefaultAsync(r => r.NetworkId == networkId) ?? new CardRules { NetworkId = networkId };

    /// <summary>The rule applied to the household as it is today.</summary>
    public async Task<EligibilityVerdict> EvaluateAsync(Household household)
    {
        var rules = await RulesAsync(household.NetworkId);
        var resident = await db.Comuni.AnyAsync(c => c.Id == household.ComuneId && c.NetworkId == household.NetworkId);
        var facts = new HouseholdFacts(resident,
            household.Members.Where(m => m.Role == MemberRole.Child).Select(m => m.BirthDate).ToList(),
            household.Members.Count(m => m.Role == MemberRole.Adult), household.IseeBand, household.IseeDate);
        return Eligibility.Evaluate(rules, facts, RomeTime.Today(clock));
    }
}

/// <summary>A person holding a Family Card stays in the household until the Comune revokes the card.</summary>
public sealed class CardHolderGuard(AppDbContext db) : IHouseholdMemberGuard
{
    public async Task<string?> RemovalProblemAsync(HouseholdMember member, CancellationToken cancel = default) =>
        await db.Cards.AnyAsync(c => c.MemberId == member.Id, cancel)
            ? $"{member.FirstName} ha una Carta Famiglia: chiedete al Comune di revocarla prima di toglierla dal nucleo."
            : null;
}
