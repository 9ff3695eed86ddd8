using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// The delivery evening: members in order, each line pre-filled with what was booked; a referent types what was handed out
/// (quantities, or weights in a few keystrokes for products sold by weight) and records the member, who gets a receipt.
/// A product that did not arrive is marked missing once for everyone. Possible while the order is sent or delivered.
/// </summary>
public sealed class Deliveries(AppDbContext db, Cycles cycles, NotificationService notifications, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock)
{
    public enum Outcome { Done, Invalid, NotFound, Closed }
    public sealed record Result(Outcome Outcome, Dictionary<Guid, string> Errors, long TotalCents = 0);

    /// <summary>What was handed out of one line: the quantity (thousandths) or, sold by weight, grams; or missing.</summary>
    public sealed record LineInput(Guid LineId, long? DeliveredMilli, bool Missing);

    static bool Deliverable(CycleStatus s) => s is CycleStatus.Sent or CycleStatus.Delivered;

    public async Task<Result> RecordAsync(OrderCycle cycle, Guid bookingId, IReadOnlyList<LineInput> inputs, Guid userId)
    {
        if (!Deliverable(cycle.Status)) return new(Outcome.Closed, new() { [Guid.Empty] = Tr.Get("La consegna si registra quando l'ordine è stato inviato al fornitore e fino al saldo.") });
        var booking = await db.GafBookings.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == bookingId && b.CycleId == cycle.Id);
        if (booking is null) return new(Outcome.NotFound, []);
        if (booking.PaymentTransferId is not null) return new(Outcome.Closed, new() { [Guid.Empty] = Tr.Get("Questa prenotazione è già stata saldata.") });
        var ids = booking.Lines.Select(l => l.ProductId).ToList();
        var products = await db.GafProducts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var errors = new Dictionary<Guid, string>();
        foreach (var input in inputs)
        {
            var line = booking.Lines.FirstOrDefault(l => l.Id == input.LineId);
            if (line is null) continue;
            if (input.Missing) { line.Missing = true; line.DeliveredMilli = 0; continue; }
            line.Missing = false;
            if (input.DeliveredMilli is not { } d) { errors[line.Id] = products[line.ProductId].SoldByWeight ? Tr.Get("Scrivi il peso consegnato (es. 1,25 o 1250).") : Tr.Get("Scrivi la quantità consegnata."); continue; }
            if (d > Math.Max(line.QuantityMilli * 5, 100_000)) { errors[line.Id] = Tr.Get("Il valore sembra troppo alto: controlla."); continue; }
            line.DeliveredMilli = d;
        }
        if (errors.Count > 0) { db.ChangeTracker.Clear(); return new(Outcome.Invalid, errors); }
        booking.DeliveredAt = clock.GetUtcNow().UtcDateTime;
        booking.DeliveredByUserId = userId;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); return new(Outcome.Invalid, new() { [Guid.Empty] = Tr.Get("Un altro referente ha appena registrato questa consegna: ricarica la pagina.") }); }
        var total = booking.Lines.Sum(l => GafRules.DeliveredCents(products[l.ProductId], l));
        db.ChangeTracker.Clear();
        await ReceiptAsync(cycle, booking.Id);
        return new(Outcome.Done, [], total);
    }

    /// <summary>A product that did not arrive: every line of it in the cycle is marked missing (nothing to pay), once.</summary>
    public async Task<int> MarkMissingAsync(OrderCycle cycle, Guid productId)
    {
        if (!Deliverable(cycle.Status) && cycle.Status != CycleStatus.Closed) return 0;
        return await db.GafBookingLines.Where(l => l.ProductId == productId && db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == cycle.Id && b.PaymentTransferId == null))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Missing, true).SetProperty(l => l.DeliveredMilli, 0L));
    }

    /// <summary>The receipt: the member's lines as delivered, their goods total and share of extra costs.</summary>
    async Task ReceiptAsync(OrderCycle cycle, Guid bookingId)
    {
        var charge = await cycles.ChargeAsync(cycle.Id, bookingId);
        if (charge is null) return;
        var user = await db.GafMembers.AsNoTracking().Where(m => m.Id == charge.MemberId).Select(m => m.UserId).FirstAsync();
        var lines = await db.GafBookingLines.AsNoTracking().Where(l => l.BookingId == bookingId).Join(db.GafProducts, l => l.ProductId, p => p.Id, (l, p) => new { l, p }).ToListAsync();
        // In the member's language (whoever recorded the delivery): our words, quantities and money; the products' names as written.
        await notifications.NotifyAsync([user], to =>
        {
            var text = string.Join("\n", lines.OrderBy(x => x.p.Name).Select(x => x.l.Missing ? $"· {x.p.Name}: {Tr.Get("non arrivato")}"
                : $"· {x.p.Name}: {(x.p.SoldByWeight ? GafRules.Weight(x.l.DeliveredMilli ?? 0) : GafRules.Amount(x.l.DeliveredMilli ?? x.l.QuantityMilli, GafRules.UnitLabel(x.p)))} — {GafRules.Euro(GafRules.DeliveredCents(x.p, x.l))}"));
            text += "\n" + Tr.Get("Merce {0}", GafRules.Euro(charge.GoodsCents))
                + (charge.DiscountCents > 0 ? Tr.Get(", sconto Carta Famiglia {0} −{1}", GafRules.Percent(charge.DiscountBasisPoints), GafRules.Euro(charge.DiscountCents)) : "")
                + (charge.ExtraCents > 0 ? Tr.Get(", spese {0}", GafRules.Euro(charge.ExtraCents)) : "")
                + Tr.Get(": totale {0}, addebitato al saldo dell'ordine.", GafRules.Euro(charge.Cents));
            return new Notice(PurchasingKinds.Account.Key, cycle.NetworkId, to, Tr.Get("Ricevuta: {0}", cycle.Title), text, $"{PurchasingModule.Path}/ordini/{cycle.Id}") { LinkLabel = Tr.Get("La vostra ricevuta") };
        });
    }

    public sealed record DeliveryLine(Guid LineId, Guid ProductId, string Product, string Variant, string Unit, bool SoldByWeight, long QuantityMilli, long? DeliveredMilli, bool Missing, long UnitPriceCents);
    public sealed record DeliveryRow(Guid BookingId, string Member, DateTime? DeliveredAt, bool Paid, List<DeliveryLine> Lines);

    /// <summary>The bookings of a cycle in the members' order, with their lines.</summary>
    public async Task<List<DeliveryRow>> SheetAsync(Guid cycleId)
    {
        var rows = await RowsAsync(cycleId);
        var byBooking = (await LinesQuery(cycleId, null)).GroupBy(l => l.BookingId).ToDictionary(g => g.Key, g => Ordered(g.Select(x => x.Line)));
        return rows.Select(r => r with { Lines = byBooking.GetValueOrDefault(r.BookingId) ?? [] }).ToList();
    }

    /// <summary>
    /// The bookings of a cycle in the members' order without their lines (the delivery screen's list of members): the screen
    /// reads the lines of the one member it shows (<see cref="LinesAsync"/>), so that a cycle of 300 households × 30 lines
    /// does not read 9,000 lines at each member recorded.
    /// </summary>
    public async Task<List<DeliveryRow>> RowsAsync(Guid cycleId) =>
        (await db.GafBookings.AsNoTracking().Where(b => b.CycleId == cycleId)
            .Join(db.GafMembers, b => b.MemberId, m => m.Id, (b, m) => new { b.Id, m.Name, b.DeliveredAt, Paid = b.PaymentTransferId != null }).OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync())
        .Select(b => new DeliveryRow(b.Id, b.Name, b.DeliveredAt, b.Paid, [])).ToList();

    /// <summary>The lines of one booking of the cycle, by product.</summary>
    public async Task<List<DeliveryLine>> LinesAsync(Guid cycleId, Guid bookingId) => Ordered((await LinesQuery(cycleId, bookingId)).Select(x => x.Line));

    /// <summary>
    /// The products booked in the cycle (to mark one missing for everyone), by name. Once the cycle is closed its bookings no
    /// longer change, so each instance finds them once for the evening (kept while the screen is used), not at every member.
    /// </summary>
    public async Task<List<(Guid Id, string Name)>> ProductsAsync(OrderCycle cycle)
    {
        if (cycle.Status < CycleStatus.Closed) return await BookedProductsAsync(cycle.Id);
        return await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, "gaf-delivery-products:" + cycle.Id, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return BookedProductsAsync(cycle.Id);
        }) ?? [];
    }

    async Task<List<(Guid Id, string Name)>> BookedProductsAsync(Guid cycleId) =>
        (await db.GafProducts.AsNoTracking().Where(p => db.GafBookingLines.Any(l => l.ProductId == p.Id && db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == cycleId)))
            .Select(p => new { p.Id, p.Name, p.Variant }).ToListAsync())
        .Select(p => (p.Id, p.Name + (p.Variant == "" ? "" : $" ({p.Variant})"))).OrderBy(p => p.Item2, StringComparer.CurrentCulture).ToList();

    async Task<List<(Guid BookingId, DeliveryLine Line)>> LinesQuery(Guid cycleId, Guid? bookingId)
    {
        var lines = db.GafBookingLines.AsNoTracking().Where(l => db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == cycleId));
        if (bookingId is { } only) lines = lines.Where(l => l.BookingId == only);
        var rows = await lines.Join(db.GafProducts, l => l.ProductId, p => p.Id, (l, p) => new { l.BookingId, Line = new DeliveryLine(l.Id, p.Id, p.Name, p.Variant, "", p.SoldByWeight, l.QuantityMilli, l.DeliveredMilli, l.Missing, l.UnitPriceCents), p.Unit })
            .ToListAsync();
        return rows.Select(x => (x.BookingId, x.Line with { Unit = x.Line.SoldByWeight ? "pezzi" : GafRules.UnitLabel(x.Unit) })).ToList();
    }

    static List<DeliveryLine> Ordered(IEnumerable<DeliveryLine> lines) => lines.OrderBy(l => l.Product).ThenBy(l => l.Variant).ToList();
}
