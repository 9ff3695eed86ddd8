using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Statistics;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// A year of the demo networks' life, so that the dashboard and the statistics have something to show: the demo
/// families' registrations to the published sessions (confirmed while there are places, then on the waiting list)
/// and their purchases with the card at the demo shops, with the monthly sums that <see cref="VerifyCard"/> keeps.
/// </summary>
public static class DemoActivity
{
    public static async Task AddAsync(AppDbContext db, Faker faker, DateTime now)
    {
        var families = await db.Households.AsNoTracking().Where(h => h.OwnerUserId != null)
            .Select(h => new { h.NetworkId, h.OwnerUserId, Children = h.Members.Where(m => m.Role == MemberRole.Child).Select(m => m.FirstName).ToList() })
            .ToListAsync();
        var sessions = await db.OpportunitySessions
            .Join(db.Opportunities.Where(o => o.Status == OpportunityStatus.Published), s => s.OpportunityId, o => o.Id, (s, o) => new { Session = s, o.NetworkId })
            .ToListAsync();
        // The next date of each opportunity keeps a few places free, so that a visitor of the demo can always try to register.
        var nextDates = sessions.Select(x => x.Session).Where(s => s.StartsAt > now).GroupBy(s => s.OpportunityId)
            .Select(g => g.OrderBy(s => s.StartsAt).First().Id).ToHashSet();
        foreach (var (session, networkId) in sessions.Select(x => (x.Session, x.NetworkId)))
        {
            var here = families.Where(f => f.NetworkId == networkId && f.Children.Count > 0).ToList();
            if (here.Count == 0) continue;
            var wanted = Math.Min(here.Count, faker.Random.Int(0, session.Capacity is int c ? c + 3 : 6));
            if (nextDates.Contains(session.Id) && session.Capacity is int limit) wanted = Math.Min(wanted, Math.Max(0, limit - 3));
            foreach (var family in faker.PickRandom(here, wanted))
            {
                var places = 1;
                var confirmed = session.Capacity is not int capacity || session.Taken + places <= capacity;
                if (confirmed) session.Taken += places;
                var created = now.AddDays(-faker.Random.Int(1, 330)).AddMinutes(-faker.Random.Int(0, 600));
                if (created > session.StartsAt) created = session.StartsAt.AddDays(-faker.Random.Int(1, 20));
                var cancelled = confirmed && faker.Random.Bool(0.08f);
                if (cancelled) session.Taken -= places;
                db.Registrations.Add(new Registration
                {
                    Id = Guid.NewGuid(), NetworkId = networkId, SessionId = session.Id, UserId = family.OwnerUserId!.Value, Places = places,
                    Participants = faker.PickRandom(family.Children), CreatedAt = created,
                    Status = cancelled ? RegistrationStatus.Cancelled : confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting,
                    CancelledAt = cancelled ? created.AddDays(2) : null,
                    Attended = confirmed && !cancelled && session.StartsAt < now ? faker.Random.Bool(0.85f) : null,
                });
            }
        }

        var cards = await db.Cards.AsNoTracking().Where(c => c.Status == CardStatus.Active)
            .Select(c => new { c.Id, c.NetworkId, c.IssuedAt }).ToListAsync();
        var shops = await db.Shops.AsNoTracking().Select(s => new { s.Id, s.NetworkId, s.PartnerId }).ToListAsync();
        var offers = await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Published).ToListAsync();
        var months = new Dictionary<(Guid Shop, int Month), RedemptionMonth>();
        foreach (var shop in shops)
        {
            var holders = cards.Where(c => c.NetworkId == shop.NetworkId).ToList();
            var shopOffers = offers.Where(o => o.PartnerId == shop.PartnerId).ToList();
            if (holders.Count == 0) continue;
            for (var i = faker.Random.Int(15, 45); i > 0; i--)
            {
                var card = faker.PickRandom(holders);
                var at = now.AddDays(-faker.Random.Int(0, 330)).AddMinutes(-faker.Random.Int(0, 600));
                if (at < card.IssuedAt) continue;
                var offer = shopOffers.Count > 0 ? faker.PickRandom(shopOffers) : null;
                var purchase = Math.Round(faker.Random.Decimal(8, 120), 2);
                var discount = offer?.DiscountOn(purchase);
                db.Redemptions.Add(new Redemption
                {
                    NetworkId = shop.NetworkId, ShopId = shop.Id, PartnerId = shop.PartnerId, CardId = card.Id, OfferId = offer?.Id, At = at,
                    PurchaseAmount = purchase, DiscountAmount = discount, IdempotencyKey = "demo-" + Guid.NewGuid().ToString("N"),
                });
                var key = (shop.Id, MonthPeriod.MonthOf(at));
                if (!months.TryGetValue(key, out var month))
                    months[key] = month = new RedemptionMonth { ShopId = shop.Id, Month = key.Item2, NetworkId = shop.NetworkId };
                month.Count++;
                month.PurchaseCents += (long)(purchase * 100);
                month.DiscountCents += (long)((discount ?? 0) * 100);
            }
        }
        db.RedemptionMonths.AddRange(months.Values);
        await db.SaveChangesAsync();
    }
}
