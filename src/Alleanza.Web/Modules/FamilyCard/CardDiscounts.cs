using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// The Family Card discount a merchant partner gives a household, for other modules (the purchasing groups apply it to a
/// card holder's booking with a supplier that is a card merchant): the merchant's best percentage offer valid today, when
/// the household holds a valid card of the same network. Fixed-amount and text offers are per purchase at the counter and
/// do not apply.
/// </summary>
public sealed class CardDiscounts(AppDbContext db, TimeProvider clock)
{
    public sealed record Discount(int BasisPoints, string OfferTitle)
    {
        /// <summary>«10 %», «7,5 %».</summary>
        public string Percent => (BasisPoints / 100m).ToString("0.##", RomeTime.Culture) + "\u00a0%"; // «10 %» that never breaks before the sign
    }

    /// <summary>The partner's percentage offers valid today, best first (null: none), whatever the household.</summary>
    public async Task<Discount?> OfferedAsync(Guid networkId, Guid partnerId)
    {
        var today = RomeTime.Today(clock);
        var offers = await db.Offers.AsNoTracking().Where(o => o.NetworkId == networkId && o.PartnerId == partnerId && o.Kind == DiscountKind.Percent && o.Percent != null)
            .ValidOn(today).Select(o => new { o.Title, o.Percent }).ToListAsync();
        var best = offers.Where(o => o.Percent is > 0 and <= 100).OrderByDescending(o => o.Percent).FirstOrDefault();
        return best is null ? null : new((int)Math.Round(best.Percent!.Value * 100m), best.Title);
    }

    /// <summary>Whether the household holds a Family Card of the network valid now.</summary>
    public Task<bool> HoldsValidCardAsync(Guid networkId, Guid householdId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Cards.AsNoTracking().AnyAsync(c => c.NetworkId == networkId && c.HouseholdId == householdId && c.Status == CardStatus.Active && c.ValidUntil > now);
    }

    /// <summary>The discount the household gets from the partner now (null: no valid card, or no percentage offer).</summary>
    public async Task<Discount?> ForHouseholdAsync(Guid networkId, Guid partnerId, Guid householdId) =>
        await HoldsValidCardAsync(networkId, householdId) ? await OfferedAsync(networkId, partnerId) : null;
}
