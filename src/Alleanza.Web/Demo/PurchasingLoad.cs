using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Modules.Sharing.PurchasingGroups;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// A purchasing group made up for measurements, not for people: one supplier with <c>products</c> products (one in twenty sold
/// by weight, as the cheeses and meats of a real catalogue), <c>households</c> member households (each a new account without a
/// password and a household of one adult, no credit: the group does not require it), each with a booking of <c>lines</c> lines in one cycle left in the
/// given state (open to book in, or sent to the supplier to be delivered). Used by the delivery timing browser test
/// (tests/Alleanza.Browser.Tests/DeliveryTiming.cs); written straight into the tables, deterministic for a seed.
/// </summary>
public static class PurchasingLoad
{
    public sealed record Made(Guid GroupId, Guid CycleId, Guid SupplierId, List<Guid> MemberUserIds, int Lines, int WeighedLines);

    public static async Task<Made> CreateAsync(AppDbContext db, Guid networkId, Guid referentUserId, int products, int households, int lines,
        CycleStatus status, DateTime now, string name = "GAF di prova del carico", int seed = 7)
    {
        var random = new Random(seed);
        var comune = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).Select(c => c.Id).FirstAsync();
        LedgerAccount Account(string kind, Guid owner) => new()
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OwnerKind = kind, OwnerId = owner, Unit = LedgerUnit.EuroCents, CreatedAt = now,
        };
        var group = new PurchasingGroup
        {
            Id = Guid.NewGuid(), NetworkId = networkId, Name = name, DeliveryPlace = "Sala civica", DeliveryTimes = "giovedì 18–21", CreatedAt = now,
        };
        var cash = Account(Groups.CashAccount, group.Id);
        var fund = Account(Groups.FundAccount, group.Id);
        group.CashAccountId = cash.Id;
        group.FundAccountId = fund.Id;
        db.LedgerAccounts.AddRange(cash, fund);
        db.GafGroups.Add(group);
        db.GafReferents.Add(new GroupReferent { GroupId = group.Id, UserId = referentUserId, IsTreasurer = true, AddedAt = now });
        var supplier = new Supplier { Id = Guid.NewGuid(), GroupId = group.Id, NetworkId = networkId, Name = "Emporio di prova", Email = null, CreatedAt = now };
        var supplierAccount = Account(Groups.SupplierAccount, supplier.Id);
        supplier.AccountId = supplierAccount.Id;
        db.LedgerAccounts.Add(supplierAccount);
        db.GafSuppliers.Add(supplier);
        var catalogue = Enumerable.Range(0, products).Select(i =>
        {
            var weighed = i % 20 == 7;
            return new Product
            {
                Id = Guid.NewGuid(), SupplierId = supplier.Id, GroupId = group.Id, Code = $"P{i:0000}", Name = $"Prodotto {i:0000}", Variant = i % 3 == 0 ? "500 g" : "",
                Unit = weighed ? ProductUnit.Kg : i % 3 == 0 ? ProductUnit.Pack : ProductUnit.Piece, PriceCents = 100 + random.Next(2_000), VatPercent = 10,
                PackageMilli = 6_000, MultipleMilli = 1_000, SoldByWeight = weighed, PieceWeightGrams = weighed ? 250 + 50 * random.Next(10) : null, Available = true, UpdatedAt = now,
            };
        }).ToList();
        db.GafProducts.AddRange(catalogue);
        var cycle = new OrderCycle
        {
            Id = Guid.NewGuid(), GroupId = group.Id, NetworkId = networkId, SupplierId = supplier.Id, Title = $"{name}: ordine di prova", Status = status,
            OpensAt = now.AddDays(-3), ClosesAt = status == CycleStatus.Open ? now.AddDays(30) : now.AddHours(-2), DeliveryOn = DateOnly.FromDateTime(now.AddDays(1)),
            DeliveryPlace = group.DeliveryPlace, ClosedAt = status >= CycleStatus.Closed ? now.AddHours(-2) : null, SentAt = status >= CycleStatus.Sent ? now.AddHours(-1) : null,
            CreatedAt = now.AddDays(-4), CreatedByUserId = referentUserId,
        };
        db.GafCycles.Add(cycle);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var users = new List<Guid>();
        var weighedLines = 0;
        for (var h = 0; h < households; h++)
        {
            var tag = $"{seed}-{h:0000}-{group.Id.ToString("N")[..6]}";
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = $"gaf.{tag}@carico.example", NormalizedUserName = $"GAF.{tag}@CARICO.EXAMPLE".ToUpperInvariant(),
                Email = $"gaf.{tag}@carico.example", NormalizedEmail = $"GAF.{tag}@CARICO.EXAMPLE".ToUpperInvariant(), EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), DisplayName = $"Famiglia Prova {h:000}", CreatedAt = now,
            };
            users.Add(user.Id);
            db.Users.Add(user);
            var household = new Household
            {
                Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = user.Id, ComuneId = comune, PrivacyVersion = "1", PrivacyConsentAt = now, CreatedAt = now, UpdatedAt = now,
                Members = [new HouseholdMember { Id = Guid.NewGuid(), Role = MemberRole.Adult, FirstName = "Adulto", LastName = $"Prova {h:000}", BirthDate = new DateOnly(1985, 1, 1) }],
            };
            db.Households.Add(household);
            var member = new GroupMember
            {
                Id = Guid.NewGuid(), GroupId = group.Id, NetworkId = networkId, HouseholdId = household.Id, UserId = user.Id, Name = $"Famiglia Prova {h:000}", JoinedAt = now,
            };
            var account = Account(Groups.MemberAccount, member.Id);
            member.AccountId = account.Id;
            db.LedgerAccounts.Add(account);
            db.GafMembers.Add(member);
            var booking = new Booking { Id = Guid.NewGuid(), CycleId = cycle.Id, MemberId = member.Id, CreatedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2) };
            foreach (var p in catalogue.OrderBy(_ => random.Next()).Take(lines))
            {
                booking.Lines.Add(new BookingLine { Id = Guid.NewGuid(), BookingId = booking.Id, ProductId = p.Id, QuantityMilli = 1_000 * (1 + random.Next(3)), UnitPriceCents = p.PriceCents });
                if (p.SoldByWeight) weighedLines++;
            }
            if (lines > 0) db.GafBookings.Add(booking);
            if (h % 50 == 49) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return new(group.Id, cycle.Id, supplier.Id, users, households * lines, weighedLines);
    }
}
