using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>Demo households and Family Cards: the two demo families, and a few dozen generated households per network for the statistics.</summary>
public static class DemoFamilies
{
    public static async Task AddAsync(AppDbContext db, IReadOnlyDictionary<string, AllianceNetwork> networks, Faker faker, DateTime now)
    {
        var today = DateOnly.FromDateTime(now.ToRome());

        // famiglia@portogruaro.demo: two adults, two children, cards issued.
        var portogruaro = networks["portogruaro"];
        var elisa = await db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.Id).FirstAsync();
        var marchiori = Household(portogruaro, elisa, portogruaro.Comuni[0], now.AddDays(-40),
            [(MemberRole.Adult, "Elisa", "Marchiori", new DateOnly(1988, 4, 12)), (MemberRole.Adult, "Davide", "Marchiori", new DateOnly(1986, 9, 3)),
             (MemberRole.Child, "Giulia", "Marchiori", new DateOnly(2016, 2, 20)), (MemberRole.Child, "Tommaso", "Marchiori", new DateOnly(2020, 7, 8))]);
        Approve(db, marchiori, now.AddDays(-38), now.AddDays(-35), today);

        // famiglia@lucca.demo: an application waiting for the officer.
        var lucca = networks["lucca"];
        var pardini = await db.Users.Where(u => u.Email == "famiglia@lucca.demo").Select(u => u.Id).FirstAsync();
        var household = Household(lucca, pardini, lucca.Comuni[0], now.AddDays(-3),
            [(MemberRole.Adult, "Francesca", "Pardini", new DateOnly(1990, 1, 15)), (MemberRole.Adult, "Luca", "Pardini", new DateOnly(1989, 11, 2)),
             (MemberRole.Child, "Sofia", "Pardini", new DateOnly(2019, 5, 30))]);
        db.Households.AddRange(marchiori, household);
        db.CardApplications.Add(new CardApplication
        {
            Id = Guid.NewGuid(), NetworkId = lucca.Id, HouseholdId = household.Id, ComuneId = household.ComuneId, Status = ApplicationStatus.Submitted,
            SubmittedAt = now.AddDays(-2), EligibilitySummary = "Residenza in un Comune della rete: sì. Figli sotto i 18 anni: 1.",
        });

        // Generated households (accounts without a password: they cannot sign in), cards issued over the last year.
        foreach (var network in networks.Values)
        {
            for (var i = 0; i < 40; i++)
            {
                var last = faker.Name.LastName();
                var user = new AppUser
                {
                    Id = Guid.NewGuid(), UserName = $"famiglia{i}.{network.Slug}@esempio.demo", Email = $"famiglia{i}.{network.Slug}@esempio.demo",
                    NormalizedUserName = $"FAMIGLIA{i}.{network.Slug.ToUpperInvariant()}@ESEMPIO.DEMO", NormalizedEmail = $"FAMIGLIA{i}.{network.Slug.ToUpperInvariant()}@ESEMPIO.DEMO",
                    EmailConfirmed = true, DisplayName = $"Famiglia {last}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
                };
                db.Users.Add(user);
                var members = new List<(MemberRole, string, string, DateOnly)>
                {
                    (MemberRole.Adult, faker.Name.FirstName(), last, today.AddYears(-faker.Random.Int(28, 50)).AddDays(-faker.Random.Int(0, 364))),
                };
                if (faker.Random.Bool(0.7f)) members.Add((MemberRole.Adult, faker.Name.FirstName(), last, today.AddYears(-faker.Random.Int(28, 50)).AddDays(-faker.Random.Int(0, 364))));
                for (var c = faker.Random.Int(1, 3); c > 0; c--)
                    members.Add((MemberRole.Child, faker.Name.FirstName(), last, today.AddYears(-faker.Random.Int(0, 16)).AddDays(-faker.Random.Int(0, 364))));
                var applied = now.AddDays(-faker.Random.Int(5, 360));
                var h = Household(network, user.Id, faker.PickRandom(network.Comuni), applied, members);
                db.Households.Add(h);
                Approve(db, h, applied, applied.AddDays(faker.Random.Int(0, 4)), today);
            }
        }
        await db.SaveChangesAsync();
    }

    static Household Household(AllianceNetwork network, Guid owner, Comune comune, DateTime at, List<(MemberRole Role, string First, string Last, DateOnly Birth)> members)
    {
        var id = Guid.NewGuid();
        return new Household
        {
            Id = id, NetworkId = network.Id, OwnerUserId = owner, ComuneId = comune.Id, PrivacyVersion = new CardRules().PrivacyVersion, PrivacyConsentAt = at,
            CreatedAt = at, UpdatedAt = at,
            Members = members.Select(m => new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = id, Role = m.Role, FirstName = m.First, LastName = m.Last, BirthDate = m.Birth }).ToList(),
        };
    }

    /// <summary>An approved application and a card for each adult, valid until the youngest child turns 18.</summary>
    static void Approve(AppDbContext db, Household h, DateTime submitted, DateTime decided, DateOnly today)
    {
        var youngest = h.Members.Where(m => m.Role == MemberRole.Child).Max(m => m.BirthDate);
        db.CardApplications.Add(new CardApplication
        {
            Id = Guid.NewGuid(), NetworkId = h.NetworkId, HouseholdId = h.Id, ComuneId = h.ComuneId, Status = ApplicationStatus.Approved,
            SubmittedAt = submitted, DecidedAt = decided, DecidedByName = "operatore comunale (dimostrazione)",
            EligibilitySummary = "Residenza in un Comune della rete: sì. Figli sotto i 18 anni: sì.",
        });
        foreach (var adult in h.Members.Where(m => m.Role == MemberRole.Adult))
            db.Cards.Add(new Card
            {
                Id = Guid.NewGuid(), NetworkId = h.NetworkId, HouseholdId = h.Id, MemberId = adult.Id, ComuneId = h.ComuneId, Number = CardNumbers.New(),
                HolderFirstName = adult.FirstName, HolderLastName = adult.LastName, Status = CardStatus.Active, IssuedAt = decided,
                ValidUntil = RomeTime.FromRome(youngest.AddYears(18), TimeOnly.MinValue),
            });
    }
}
