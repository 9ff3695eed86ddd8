using Alleanza.Web.Modules.Families;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.FamilyCard;

/// <summary>
/// The monthly card counts (<see cref="CardMonth"/>) that the statistics and the dashboard read: kept on every save,
/// they must always equal a full recount, whatever happens to the cards and however many saves run at once.
/// </summary>
public class CardMonthTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    sealed record Place(Guid Network, Guid Household, Guid[] Comuni);

    Task<Place> PlaceAsync() => factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Where(n => n.Slug == "brianza").Select(n => n.Id).FirstAsync();
        var comuni = await db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).Take(3).ToArrayAsync();
        var email = $"conti-{Guid.NewGuid():N}@esempio.it";
        var now = DateTime.UtcNow;
        var household = TestFamilies.AddHousehold(db, network, comuni[0], email, now);
        await db.SaveChangesAsync();
        return new Place(network, household.Id, comuni);
    });

    static Card NewCard(AppDbContext db, Place place, Random random)
    {
        var issued = DateTime.UtcNow.AddHours(-random.Next(0, 24 * 700));
        // Some end this very month, later today or already this morning: the statistics count those one by one.
        var until = random.Next(4) == 0 ? DateTime.UtcNow.AddHours(random.Next(-30, 30)) : issued.AddDays(random.Next(-100, 3000));
        return TestFamilies.AddCard(db, place.Network, place.Household, place.Comuni[random.Next(place.Comuni.Length)], "Anna", "Sala", CardStatus.Active, issued, until);
    }

    async Task<List<(Guid Comune, int Month, long Issued, long Active)>> CountsAsync(Guid network) =>
        (await factory.WithDbAsync(db => db.CardMonths.AsNoTracking().Where(m => m.NetworkId == network).ToListAsync()))
            .Where(m => m.Issued != 0 || m.ActiveExpiring != 0)
            .Select(m => (m.ComuneId, m.Month, m.Issued, m.ActiveExpiring)).OrderBy(x => x.ComuneId).ThenBy(x => x.Month).ToList();

    [Fact]
    public async Task Counts_kept_on_every_save_equal_a_full_recount_after_any_changes()
    {
        var place = await PlaceAsync();
        var random = new Random(20261122);
        await factory.WithDbAsync(async db =>
        {
            var cards = new List<Card>();
            for (var step = 0; step < 150; step++)
            {
                switch (cards.Count < 5 ? 0 : random.Next(7))
                {
                    case 0: cards.Add(NewCard(db, place, random)); break;
                    case 1: random.GetItems(cards.ToArray(), 1)[0].Status = CardStatus.Suspended; break;
                    case 2: random.GetItems(cards.ToArray(), 1)[0].Status = CardStatus.Active; break;
                    case 3: random.GetItems(cards.ToArray(), 1)[0].Status = random.Next(2) == 0 ? CardStatus.Revoked : CardStatus.Replaced; break;
                    case 4: random.GetItems(cards.ToArray(), 1)[0].ValidUntil = DateTime.UtcNow.AddDays(random.Next(-60, 2000)); break;
                    case 5: random.GetItems(cards.ToArray(), 1)[0].ComuneId = place.Comuni[random.Next(place.Comuni.Length)]; break;
                    default:
                        var gone = random.GetItems(cards.ToArray(), 1)[0];
                        cards.Remove(gone);
                        db.Cards.Remove(gone);
                        break;
                }
                // Several changes in one save, sometimes, and a change undone before saving.
                if (random.Next(3) == 0) await db.SaveChangesAsync();
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var kept = await CountsAsync(place.Network);
        Assert.NotEmpty(kept);
        await factory.WithDbAsync(async db => { await CardMonthRollup.RebuildAsync(db); return 0; });
        Assert.Equal(await CountsAsync(place.Network), kept);
    }

    [Fact]
    public async Task Saves_at_the_same_moment_lose_no_count()
    {
        var place = await PlaceAsync() with { };
        var one = place with { Comuni = [place.Comuni[0]] };
        var before = (await CountsAsync(place.Network)).Where(c => c.Comune == one.Comuni[0]).Sum(c => c.Issued);
        // Ten contexts each issuing five cards in the same Comune, all at once: the same monthly rows are incremented concurrently.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var random = new Random(i);
            for (var k = 0; k < 5; k++)
                await factory.WithDbAsync(async db => { NewCard(db, one, random).IssuedAt = DateTime.UtcNow; return await db.SaveChangesAsync(); });
        })));
        var after = (await CountsAsync(place.Network)).Where(c => c.Comune == one.Comuni[0]).Sum(c => c.Issued);
        Assert.Equal(before + 50, after);
    }

    [Fact]
    public async Task A_failed_save_leaves_the_counts_as_they_were()
    {
        var place = await PlaceAsync();
        var before = await CountsAsync(place.Network);
        var failed = await factory.WithDbAsync(async db =>
        {
            var card = NewCard(db, place, new Random(1));
            card.MemberId = Guid.NewGuid(); // no such member: the foreign key refuses the row
            db.HouseholdMembers.Local.Clear();
            try { await db.SaveChangesAsync(); return false; }
            catch (DbUpdateException) { return true; }
        });
        Assert.True(failed);
        Assert.Equal(before, await CountsAsync(place.Network));
    }
}
