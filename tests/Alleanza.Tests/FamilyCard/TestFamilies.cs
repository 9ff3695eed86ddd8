using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Tests.FamilyCard;

/// <summary>
/// Households and cards written straight into the database, for tests that need them as data rather than through the
/// application and approval flow (statistics, monthly counts, reminders). Added to the context, not saved.
/// </summary>
static class TestFamilies
{
    /// <summary>An owner's account with <paramref name="email"/> and their household, resident in <paramref name="comune"/>.</summary>
    public static Household AddHousehold(AppDbContext db, Guid network, Guid comune, string email, DateTime now)
    {
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString(), DisplayName = "Famiglia", CreatedAt = now };
        var household = new Household { Id = Guid.NewGuid(), NetworkId = network, OwnerUserId = user.Id, ComuneId = comune, PrivacyVersion = "2026-1",
            PrivacyConsentAt = now, CreatedAt = now, UpdatedAt = now };
        db.Users.Add(user);
        db.Households.Add(household);
        return household;
    }

    /// <summary>An adult of the household and a card for them, issued in <paramref name="comune"/>.</summary>
    public static Card AddCard(AppDbContext db, Guid network, Guid household, Guid comune, string firstName, string lastName, CardStatus status,
        DateTime issued, DateTime validUntil)
    {
        var member = new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household, Role = MemberRole.Adult, FirstName = firstName, LastName = lastName,
            BirthDate = new DateOnly(1984, 3, 1) };
        db.HouseholdMembers.Add(member);
        var card = new Card { Id = Guid.NewGuid(), NetworkId = network, HouseholdId = household, MemberId = member.Id, ComuneId = comune, Number = CardNumbers.New(),
            HolderFirstName = firstName, HolderLastName = lastName, Status = status, IssuedAt = issued, ValidUntil = validUntil };
        db.Cards.Add(card);
        return card;
    }
}
