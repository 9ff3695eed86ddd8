using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// A member books (and changes the booking) while the cycle is open. The save is one transaction that first locks the
/// cycle's row if it is open and before its closing time (a shared lock on PostgreSQL, the write lock on SQLite): closing
/// (an UPDATE of the same row, from «open» only) waits for the bookings in flight and a booking waits for a closing in
/// flight, then finds the cycle closed and is refused.
/// So the order made after closing holds every booking acknowledged, and none after. Quantities follow each product's
/// rules; a group that requires credit refuses a booking whose estimate exceeds the member's balance. When the supplier is a
/// Family Card merchant and the member's household holds a valid card, the merchant's percentage discount is fixed on the
/// booking at each save (<see cref="Booking.CardDiscountBasisPoints"/>) and taken off its goods at settlement.
/// </summary>
public sealed class Bookings(AppDbContext db, CardDiscounts discounts, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>
    /// How long an instance shows a supplier's product list before reading it again. The booking page reads 600 products on
    /// every view of a busy evening while the list changes a few times a season (an import, <see cref="ForgetProducts"/> in
    /// this instance at once; another instance within these seconds). Saving checks each product's rules in the database.
    /// </summary>
    public static readonly TimeSpan ProductListLifetime = TimeSpan.FromSeconds(10);

    static string ProductsKey(Guid supplierId) => "gaf-products:" + supplierId;

    /// <summary>Drops this instance's copy of a supplier's product list (after an import changed it).</summary>
    public static void ForgetProducts(IMemoryCache cache, Guid supplierId) => cache.Remove(ProductsKey(supplierId));

    public enum Outcome { Saved, Removed, Closed, Invalid }
    public sealed record Result(Outcome Outcome, Dictionary<Guid, string> Errors, long EstimateCents = 0, long DiscountCents = 0)
    {
        public static Result Fail(Outcome o, string error) => new(o, new() { [Guid.Empty] = error });
    }

    /// <summary>Products offered in a cycle: the supplier's available ones, and any already booked.</summary>
    public async Task<IReadOnlyList<Product>> ProductsAsync(OrderCycle cycle, Booking? booking = null)
    {
        var available = await cache.GetOrCreateAsync(ProductsKey(cycle.SupplierId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ProductListLifetime;
            return db.GafProducts.AsNoTracking().Where(p => p.SupplierId == cycle.SupplierId && p.Available)
                .OrderBy(p => p.Name).ThenBy(p => p.Variant).ToListAsync();
        }) ?? [];
        // A product booked before it became unavailable stays on the booking's form: then the list is read whole, in order.
        var offered = available.Select(p => p.Id).ToHashSet();
        if (booking is null || booking.Lines.All(l => offered.Contains(l.ProductId))) return available;
        var bookingId = booking.Id;
        return await db.GafProducts.AsNoTracking().Where(p => p.SupplierId == cycle.SupplierId && (p.Available || db.GafBookingLines.Any(l => l.BookingId == bookingId && l.ProductId == p.Id)))
            .OrderBy(p => p.Name).ThenBy(p => p.Variant).ToListAsync();
    }

    /// <summary>Saves the member's booking as the whole list of quantities (thousandths; zero or absent: not booked). Everything zero removes it.</summary>
    public async Task<Result> SaveAsync(PurchasingGroup group, OrderCycle cycle, GroupMember member, IReadOnlyDictionary<Guid, long> quantities)
    {
        if (member.GroupId != group.Id || cycle.GroupId != group.Id) return Result.Fail(Outcome.Invalid, Tr.Get("Prenotazione non valida."));
        var wanted = quantities.Where(q => q.Value > 0).ToDictionary(q => q.Key, q => q.Value);
        var ids = wanted.Keys.ToList();
        var products = await db.GafProducts.AsNoTracking().Where(p => ids.Contains(p.Id) && p.SupplierId == cycle.SupplierId).ToDictionaryAsync(p => p.Id);
        var errors = new Dictionary<Guid, string>();
        foreach (var (id, milli) in wanted)
        {
            if (!products.TryGetValue(id, out var p)) errors[id] = Tr.Get("Prodotto non offerto in questo ordine.");
            else if (GafRules.QuantityProblem(p, milli) is { } problem) errors[id] = problem;
        }
        if (errors.Count > 0) return new(Outcome.Invalid, errors);
        var basisPoints = await CardDiscountAsync(group, cycle, member);

        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // The gate: the cycle must still be open, now, and its row locked until our commit, so that closing (an UPDATE of
            // that row) waits for every booking in flight and a booking after it finds the cycle closed. On PostgreSQL a shared
            // lock: different members' bookings do not wait for each other (an exclusive one queued a busy evening's saves one
            // behind the other, bench gaf-booking-save p95 0.5 s); the member's row is locked for us alone, so that two saves
            // of the same booking (a form sent twice) still come one after the other. On SQLite the one writer orders them all
            // already; touching the cycle's row is as cheap.
            var open = db.Database.IsNpgsql()
                ? (await db.Database.SqlQuery<int>($"""
                    SELECT 1 AS "Value" FROM "GafCycles" c, "GafMembers" m
                    WHERE c."Id" = {cycle.Id} AND c."Status" = {(int)CycleStatus.Open} AND c."ClosesAt" > {now} AND c."OpensAt" <= {now}
                      AND m."Id" = {member.Id}
                    FOR SHARE OF c FOR UPDATE OF m
                    """).ToListAsync()).Count
                : await db.GafCycles.Where(c => c.Id == cycle.Id && c.Status == CycleStatus.Open && c.ClosesAt > now && c.OpensAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1));
            if (open == 0) return Result.Fail(Outcome.Closed, Tr.Get("L'ordine è chiuso: le prenotazioni non si possono più cambiare."));

            var booking = await db.GafBookings.Include(b => b.Lines).FirstOrDefaultAsync(b => b.CycleId == cycle.Id && b.MemberId == member.Id);
            // Prices: a line already booked keeps its price; a new line takes today's.
            var gross = wanted.Sum(w => GafRules.BookedCents(products[w.Key], w.Value,
                booking?.Lines.FirstOrDefault(l => l.ProductId == w.Key)?.UnitPriceCents ?? products[w.Key].PriceCents));
            var discount = GafRules.CardDiscount(gross, basisPoints);
            var estimate = gross - discount;
            if (group.RequireCredit && wanted.Count > 0)
            {
                var memberId = member.Id;
                var balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == member.AccountId).Select(a => a.Balance).FirstAsync();
                var others = await db.GafBookings.AsNoTracking().Where(b => b.MemberId == memberId && b.CycleId != cycle.Id && b.PaymentTransferId == null
                        && db.GafCycles.Any(c => c.Id == b.CycleId && c.Status != CycleStatus.Settled && c.Status != CycleStatus.Archived))
                    .SelectMany(b => b.Lines).Select(l => new { l.QuantityMilli, l.UnitPriceCents, l.ProductId }).ToListAsync();
                var otherIds = others.Select(o => o.ProductId).Distinct().ToList();
                var otherProducts = await db.GafProducts.AsNoTracking().Where(p => otherIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
                var committed = others.Sum(o => GafRules.BookedCents(otherProducts[o.ProductId], o.QuantityMilli, o.UnitPriceCents));
                if (estimate + committed > balance)
                {
                    await transaction.RollbackAsync();
                    return Result.Fail(Outcome.Invalid, Tr.Get("Il gruppo chiede credito sufficiente per prenotare: la prenotazione vale circa {0}, il vostro credito disponibile è {1}.", GafRules.Euro(estimate), GafRules.Euro(balance - committed)));
                }
            }
            if (wanted.Count == 0)
            {
                if (booking is not null) { db.GafBookings.Remove(booking); await db.SaveChangesAsync(); }
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
                return new(Outcome.Removed, []);
            }
            if (booking is null)
            {
                booking = new Booking { Id = Guid.NewGuid(), CycleId = cycle.Id, MemberId = member.Id, CreatedAt = now };
                db.GafBookings.Add(booking);
            }
            booking.UpdatedAt = now;
            booking.CardDiscountBasisPoints = basisPoints;
            foreach (var line in booking.Lines.Where(l => !wanted.ContainsKey(l.ProductId)).ToList()) db.GafBookingLines.Remove(line);
            foreach (var (id, milli) in wanted)
            {
                if (booking.Lines.FirstOrDefault(l => l.ProductId == id) is { } line) line.QuantityMilli = milli;
                else db.GafBookingLines.Add(new BookingLine { Id = Guid.NewGuid(), BookingId = booking.Id, ProductId = id, QuantityMilli = milli, UnitPriceCents = products[id].PriceCents });
            }
            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
                return new(Outcome.Saved, [], estimate, discount);
            }
            catch (DbUpdateException e) when (attempt == 0 && (e.IsUniqueViolation() || e is DbUpdateConcurrencyException))
            {
                // A twin request made the booking first: do it again as a change of that one.
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The Family Card discount the member's household gets from the cycle's supplier now (basis points; 0: none).</summary>
    public async Task<int> CardDiscountAsync(PurchasingGroup group, OrderCycle cycle, GroupMember member)
    {
        var partner = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == cycle.SupplierId).Select(s => s.PartnerId).FirstOrDefaultAsync();
        return partner is { } id && await discounts.ForHouseholdAsync(group.NetworkId, id, member.HouseholdId) is { } d ? d.BasisPoints : 0;
    }

    public sealed record MineRow(Guid ProductId, string Name, string Variant, string Unit, long QuantityMilli, long? DeliveredMilli, bool Missing, bool SoldByWeight, long UnitPriceCents, long BookedCents, long FinalCents);

    /// <summary>A member's lines in a cycle with their estimated and final prices.</summary>
    public async Task<List<MineRow>> LinesAsync(Guid bookingId)
    {
        var lines = await db.GafBookingLines.AsNoTracking().Where(l => l.BookingId == bookingId)
            .Join(db.GafProducts, l => l.ProductId, p => p.Id, (l, p) => new { l, p }).ToListAsync();
        return lines.Select(x => new MineRow(x.p.Id, x.p.Name, x.p.Variant, GafRules.UnitLabel(x.p), x.l.QuantityMilli, x.l.DeliveredMilli, x.l.Missing, x.p.SoldByWeight, x.l.UnitPriceCents,
            GafRules.BookedCents(x.p, x.l.QuantityMilli, x.l.UnitPriceCents), GafRules.DeliveredCents(x.p, x.l))).OrderBy(r => r.Name).ThenBy(r => r.Variant).ToList();
    }
}
