using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Alleanza.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>«La mia area» for a family: its Family Cards, or where its application stands, or how to apply.</summary>
public sealed class MyCardHome(AppDbContext db, TimeProvider clock) : IHomeSectionSource
{
    public sealed record CardLine(Guid Id, string Holder, CardState State, DateTime ValidUntil);
    public sealed record View(bool HasHousehold, IReadOnlyList<CardLine> Cards, ApplicationStatus? LastApplication, DateTime? LastApplicationAt, string? Reason);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.IsFamily) return null;
        var household = await db.Households.AsNoTracking().Where(h => h.NetworkId == viewer.NetworkId && h.OwnerUserId == viewer.UserId)
            .Select(h => (Guid?)h.Id).FirstOrDefaultAsync(cancel);
        if (household is not { } id)
            return new HomeSection(20, "La mia Carta Famiglia", "~/Modules/FamilyCard/Pages/Home/_MyCard.cshtml", new View(false, [], null, null, null));
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = (await db.Cards.AsNoTracking().Where(c => c.HouseholdId == id && c.Status != CardStatus.Replaced)
                .OrderBy(c => c.HolderFirstName).ToListAsync(cancel))
            .Select(c => new CardLine(c.Id, $"{c.HolderFirstName} {c.HolderLastName}", c.StateAt(now), c.ValidUntil)).ToList();
        var last = await db.CardApplications.AsNoTracking().Where(a => a.HouseholdId == id).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new { a.Status, a.SubmittedAt, a.Reason }).FirstOrDefaultAsync(cancel);
        // The officer asked for more: something to do for the family («Da fare»).
        return new HomeSection(20, "La mia Carta Famiglia", "~/Modules/FamilyCard/Pages/Home/_MyCard.cshtml",
            new View(true, cards, last?.Status, last?.SubmittedAt, last?.Reason), last?.Status == ApplicationStatus.InformationRequested ? 1 : 0);
    }
}

/// <summary>«La mia area» for a merchant («Area esercente»): the counter first, then offers and this month's purchases.</summary>
public sealed class MerchantHome(AppDbContext db, TimeProvider clock) : IHomeSectionSource
{
    public sealed record View(int Shops, IReadOnlyDictionary<OfferStatus, int> Offers, long PurchasesThisMonth, string MonthName);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var partners = viewer.PartnersAs(NetworkRole.Merchant);
        if (partners.Count == 0) return null;
        var shops = await db.Shops.AsNoTracking().Where(s => s.NetworkId == viewer.NetworkId && partners.Contains(s.PartnerId)).Select(s => s.Id).ToListAsync(cancel);
        var offers = (await db.Offers.AsNoTracking().Where(o => o.NetworkId == viewer.NetworkId && partners.Contains(o.PartnerId))
            .GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel)).ToDictionary(g => g.Key, g => g.Count);
        var month = MonthPeriod.MonthOf(clock.GetUtcNow().UtcDateTime);
        var purchases = await db.RedemptionMonths.AsNoTracking().Where(m => shops.Contains(m.ShopId) && m.Month == month).SumAsync(m => m.Count, cancel);
        return new HomeSection(5, "Area esercente", "~/Modules/FamilyCard/Pages/Home/_Merchant.cshtml",
            new View(shops.Count, offers, purchases, MonthPeriod.MonthName(month)), offers.GetValueOrDefault(OfferStatus.Rejected));
    }
}

/// <summary>«La mia area» for a municipal officer: the applications waiting in their Comune, and the cards.</summary>
public sealed class CardOfficeHome(AppDbContext db) : IHomeSectionSource
{
    static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLower(s[0], System.Globalization.CultureInfo.CurrentCulture) + s[1..];

    public sealed record View(string Scope, int Waiting, DateTime? OldestWaiting, int ActiveCards);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.MunicipalOfficer)) return null;
        // An officer bound to one Comune sees that Comune; one without a Comune sees the whole network (as in OfficeScopes).
        var officer = viewer.Roles.Where(r => r.Role == NetworkRole.MunicipalOfficer).ToList();
        Guid? comune = officer.Any(m => m.ComuneId is null) ? null : officer[0].ComuneId;
        var applications = db.CardApplications.AsNoTracking().Where(a => a.NetworkId == viewer.NetworkId && a.Status == ApplicationStatus.Submitted
            && (comune == null || a.ComuneId == comune));
        var waiting = await applications.CountAsync(cancel);
        var oldest = await applications.MinAsync(a => (DateTime?)a.SubmittedAt, cancel);
        var cards = await db.Cards.AsNoTracking().CountAsync(c => c.NetworkId == viewer.NetworkId && c.Status == CardStatus.Active
            && (comune == null || c.ComuneId == comune), cancel);
        var scope = comune is { } c ? Tr.Get("Comune di {0}", await db.Comuni.Where(x => x.Id == c).Select(x => x.Name).FirstAsync(cancel)) : LowerFirst(Tr.Get("Tutta la rete"));
        return new HomeSection(8, "Ufficio Carta Famiglia", "~/Modules/FamilyCard/Pages/Home/_Office.cshtml", new View(scope, waiting, oldest, cards), waiting);
    }
}
