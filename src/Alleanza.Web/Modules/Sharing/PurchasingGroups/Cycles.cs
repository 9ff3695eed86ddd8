using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// An order cycle's life: draft → open → closed → sent → delivered → settled → archived. Every step is one conditional
/// UPDATE on the cycle's row (from the expected state only), so two referents pressing the same button change it once, and
/// a booking (which touches the same row while the cycle is open, see <see cref="Bookings"/>) never slips in after closing.
/// Settling charges every delivered booking to its member's credit in the same transaction, once.
/// </summary>
public sealed class Cycles(AppDbContext db, LedgerBook ledger, AuditLog audit, NotificationService notifications, TimeProvider clock)
{
    public const string PaymentKind = "gaf.payment";

    public enum Outcome { Done, AlreadyDone, Invalid, NotFound }
    public sealed record Result(Outcome Outcome, Guid? Id = null, string? Field = null, string? Error = null);

    public sealed record NewCycle(Guid SupplierId, string Title, DateTime OpensAt, DateTime ClosesAt, DateOnly DeliveryOn, string? DeliveryPlace, int RepeatDays = 0);

    /// <summary>A referent prepares a cycle (a draft): the supplier must be the group's, the dates in order.</summary>
    public async Task<Result> CreateAsync(PurchasingGroup group, Guid userId, NewCycle input)
    {
        if (!await db.GafSuppliers.AnyAsync(s => s.Id == input.SupplierId && s.GroupId == group.Id)) return new(Outcome.Invalid, Field: "SupplierId", Error: Tr.Get("Scegli un fornitore del gruppo."));
        if (string.IsNullOrWhiteSpace(input.Title)) return new(Outcome.Invalid, Field: "Title", Error: Tr.Get("Scrivi il titolo dell'ordine."));
        if (input.ClosesAt <= input.OpensAt) return new(Outcome.Invalid, Field: "ClosesAt", Error: Tr.Get("La chiusura deve venire dopo l'apertura."));
        if (RomeTime.FromRome(input.DeliveryOn, TimeOnly.MaxValue) < input.ClosesAt) return new(Outcome.Invalid, Field: "DeliveryOn", Error: Tr.Get("La consegna non può precedere la chiusura."));
        if (input.RepeatDays is < 0 or > 90) return new(Outcome.Invalid, Field: "RepeatDays", Error: Tr.Get("La ripetizione va da 0 (nessuna) a 90 giorni."));
        var cycle = new OrderCycle
        {
            Id = Guid.NewGuid(), GroupId = group.Id, NetworkId = group.NetworkId, SupplierId = input.SupplierId, Title = input.Title.Trim(), Status = CycleStatus.Draft,
            OpensAt = input.OpensAt, ClosesAt = input.ClosesAt, DeliveryOn = input.DeliveryOn,
            DeliveryPlace = string.IsNullOrWhiteSpace(input.DeliveryPlace) ? group.DeliveryPlace : input.DeliveryPlace.Trim(), RepeatDays = input.RepeatDays,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = userId,
        };
        db.GafCycles.Add(cycle);
        audit.Add("gaf.cycle.created", "GafCycle", cycle.Id, cycle.Title, group.NetworkId);
        await db.SaveChangesAsync();
        db.Entry(cycle).State = EntityState.Detached;
        return new(Outcome.Done, cycle.Id);
    }

    /// <summary>Moves a cycle one step, from <paramref name="from"/> only (a conditional UPDATE): false when someone else moved it first.</summary>
    async Task<bool> MoveAsync(Guid cycleId, CycleStatus from, CycleStatus to)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.GafCycles.Where(c => c.Id == cycleId && c.Status == from);
        return to switch
        {
            CycleStatus.Closed => await q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.ClosedAt, now).SetProperty(c => c.Version, c => c.Version + 1)),
            CycleStatus.Sent => await q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.SentAt, now).SetProperty(c => c.Version, c => c.Version + 1)),
            CycleStatus.Delivered => await q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.DeliveredAt, now).SetProperty(c => c.Version, c => c.Version + 1)),
            CycleStatus.Settled => await q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.SettledAt, now).SetProperty(c => c.Version, c => c.Version + 1)),
            _ => await q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.Version, c => c.Version + 1)),
        } == 1;
    }

    /// <summary>Opens a draft for bookings and tells the group's members.</summary>
    public async Task<Result> OpenAsync(OrderCycle cycle)
    {
        if (!await MoveAsync(cycle.Id, CycleStatus.Draft, CycleStatus.Open)) return new(Outcome.AlreadyDone, cycle.Id);
        audit.Add("gaf.cycle.opened", "GafCycle", cycle.Id, cycle.Title, cycle.NetworkId);
        await db.SaveChangesAsync();
        var members = await db.GafMembers.AsNoTracking().Where(m => m.GroupId == cycle.GroupId && m.LeftAt == null).Select(m => m.UserId).Distinct().ToListAsync();
        await notifications.NotifyAsync(members, to => new Notice(PurchasingKinds.Cycle.Key, cycle.NetworkId, to, Tr.Get("Ordine aperto: {0}", cycle.Title),
            Tr.Get("Si prenota fino al {0} alle {1}; consegna il {2} a {3}.", RomeTime.Format(cycle.ClosesAt, "d/M/yyyy"), RomeTime.Format(cycle.ClosesAt, "HH:mm"), RomeTime.Format(cycle.DeliveryOn), cycle.DeliveryPlace),
            $"{PurchasingModule.Path}/ordini/{cycle.Id}") { LinkLabel = Tr.Get("Prenota") });
        return new(Outcome.Done, cycle.Id);
    }

    /// <summary>Closes bookings (by a referent, or by the job at the closing time). After this no booking changes.</summary>
    public async Task<Result> CloseAsync(OrderCycle cycle)
    {
        if (!await MoveAsync(cycle.Id, CycleStatus.Open, CycleStatus.Closed)) return new(Outcome.AlreadyDone, cycle.Id);
        audit.Add("gaf.cycle.closed", "GafCycle", cycle.Id, cycle.Title, cycle.NetworkId);
        await db.SaveChangesAsync();
        return new(Outcome.Done, cycle.Id);
    }

    /// <summary>Reopens a closed cycle (a package to fill), until the given time.</summary>
    public async Task<Result> ReopenAsync(OrderCycle cycle, DateTime until)
    {
        if (until <= clock.GetUtcNow().UtcDateTime) return new(Outcome.Invalid, Field: "Until", Error: Tr.Get("La nuova chiusura deve essere nel futuro."));
        var changed = await db.GafCycles.Where(c => c.Id == cycle.Id && c.Status == CycleStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CycleStatus.Open).SetProperty(c => c.ClosesAt, until).SetProperty(c => c.ClosedAt, (DateTime?)null)
                .SetProperty(c => c.ClosingReminderAt, (DateTime?)null).SetProperty(c => c.Version, c => c.Version + 1));
        return new(changed == 1 ? Outcome.Done : Outcome.AlreadyDone, cycle.Id);
    }

    /// <summary>The order is sent to the supplier: from now on it is what the supplier was asked for.</summary>
    public async Task<Result> SendAsync(OrderCycle cycle) =>
        new(await MoveAsync(cycle.Id, CycleStatus.Closed, CycleStatus.Sent) ? Outcome.Done : Outcome.AlreadyDone, cycle.Id);

    /// <summary>The delivery is over (every booking recorded or not: those not recorded count as booked).</summary>
    public async Task<Result> MarkDeliveredAsync(OrderCycle cycle) =>
        new(await MoveAsync(cycle.Id, CycleStatus.Sent, CycleStatus.Delivered) ? Outcome.Done : Outcome.AlreadyDone, cycle.Id);

    public async Task<Result> ArchiveAsync(OrderCycle cycle) =>
        new(await MoveAsync(cycle.Id, CycleStatus.Settled, CycleStatus.Archived) ? Outcome.Done : Outcome.AlreadyDone, cycle.Id);

    /// <summary>
    /// Settles a delivered cycle: each booking's final price (goods on delivered quantities and weights, plus its share of the
    /// extra costs) moves from the member's credit to the supplier's account, in one transaction with the cycle's change of
    /// state; a second settle finds the cycle settled and does nothing. Then members below the group's threshold hear of it,
    /// and a recurring cycle makes its next one.
    /// </summary>
    public async Task<Result> SettleAsync(OrderCycle cycle, Guid? userId)
    {
        var charges = await ChargesAsync(cycle.Id);
        var supplierAccount = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == cycle.SupplierId).Select(s => s.AccountId).FirstAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (!await MoveAsync(cycle.Id, CycleStatus.Delivered, CycleStatus.Settled)) return new(Outcome.AlreadyDone, cycle.Id);
            foreach (var c in charges.Where(c => c.Cents > 0))
            {
                var transfer = await ledger.TransferAsync(new TransferRequest(cycle.NetworkId, LedgerUnit.EuroCents, PaymentKind, $"Ordine «{cycle.Title}»",
                    [new Leg(c.AccountId, -c.Cents), new Leg(supplierAccount, c.Cents)], userId));
                if (!transfer.Succeeded) throw new InvalidOperationException($"Settling cycle {cycle.Id}: transfer {transfer.Outcome}");
                await db.GafBookings.Where(b => b.Id == c.BookingId && b.PaymentTransferId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.ChargedCents, c.Cents).SetProperty(b => b.PaymentTransferId, transfer.TransferId).SetProperty(b => b.Version, b => b.Version + 1));
            }
            audit.Add("gaf.cycle.settled", "GafCycle", cycle.Id, $"{charges.Count} prenotazioni, {GafRules.Euro(charges.Sum(c => c.Cents))}", cycle.NetworkId);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await LowCreditAsync(cycle.GroupId, charges.Select(c => c.MemberId).ToList());
        if (cycle.RepeatDays > 0) await RepeatAsync(cycle);
        return new(Outcome.Done, cycle.Id);
    }

    async Task RepeatAsync(OrderCycle cycle)
    {
        var shift = TimeSpan.FromDays(cycle.RepeatDays);
        var next = new OrderCycle
        {
            Id = Guid.NewGuid(), GroupId = cycle.GroupId, NetworkId = cycle.NetworkId, SupplierId = cycle.SupplierId, Title = cycle.Title, Status = CycleStatus.Draft,
            OpensAt = cycle.OpensAt + shift, ClosesAt = cycle.ClosesAt + shift, DeliveryOn = cycle.DeliveryOn.AddDays(cycle.RepeatDays), DeliveryPlace = cycle.DeliveryPlace,
            RepeatDays = cycle.RepeatDays, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = cycle.CreatedByUserId,
        };
        db.GafCycles.Add(next);
        await db.SaveChangesAsync();
        db.Entry(next).State = EntityState.Detached;
    }

    /// <summary>Members whose credit fell below the group's threshold hear it (at most once a week each).</summary>
    public async Task<int> LowCreditAsync(Guid groupId, IReadOnlyCollection<Guid> memberIds)
    {
        var group = await db.GafGroups.AsNoTracking().FirstAsync(g => g.Id == groupId);
        var now = clock.GetUtcNow().UtcDateTime;
        var weekAgo = now.AddDays(-7);
        var low = await db.GafMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id) && (m.LowCreditNoticeAt == null || m.LowCreditNoticeAt < weekAgo))
            .Select(m => new { m.Id, m.UserId, Balance = db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).First() })
            .Where(m => m.Balance < group.LowCreditCents).ToListAsync();
        var sent = 0;
        foreach (var m in low)
        {
            if (await db.GafMembers.Where(x => x.Id == m.Id && (x.LowCreditNoticeAt == null || x.LowCreditNoticeAt < weekAgo))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LowCreditNoticeAt, now)) == 0) continue;
            sent += await notifications.NotifyAsync([m.UserId], to => new Notice(PurchasingKinds.Account.Key, group.NetworkId, to, Tr.Get("Credito basso nel gruppo {0}", group.Name),
                Tr.Get("Il vostro credito è {0}: fate un versamento al tesoriere per continuare a prenotare.", GafRules.Euro(m.Balance)), $"{PurchasingModule.Path}/{group.Id}/estratto") { LinkLabel = Tr.Get("Il vostro estratto conto") });
        }
        return sent;
    }

    /// <summary>A booking's charge: goods at list prices, less the Family Card discount (<see cref="DiscountBasisPoints"/>), plus its share of the extra costs.</summary>
    public sealed record Charge(Guid BookingId, Guid MemberId, Guid AccountId, string Member, long GoodsCents, long ExtraCents, long DiscountCents = 0, int DiscountBasisPoints = 0)
    {
        public long Cents => GoodsCents - DiscountCents + ExtraCents;
    }

    /// <summary>What each booking of the cycle costs now: goods on delivered (else booked) quantities less the Family Card discount, plus its share of each extra cost (split on the goods' list value).</summary>
    public async Task<List<Charge>> ChargesAsync(Guid cycleId)
    {
        var bookings = await db.GafBookings.AsNoTracking().Where(b => b.CycleId == cycleId).Include(b => b.Lines)
            .Join(db.GafMembers, b => b.MemberId, m => m.Id, (b, m) => new { Booking = b, m.Name, m.AccountId }).OrderBy(x => x.Name).ToListAsync();
        var productIds = bookings.SelectMany(b => b.Booking.Lines.Select(l => l.ProductId)).Distinct().ToList();
        var products = await db.GafProducts.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var goods = bookings.Select(b => b.Booking.Lines.Sum(l => GafRules.DeliveredCents(products[l.ProductId], l))).ToList();
        var extras = new long[bookings.Count];
        foreach (var cost in await db.GafExtraCosts.AsNoTracking().Where(c => c.CycleId == cycleId).OrderBy(c => c.Description).ToListAsync())
        {
            var weights = bookings.Select((b, i) => cost.Split switch
            {
                SplitRule.Weight => b.Booking.Lines.Sum(l => GafRules.WeightGrams(products[l.ProductId], l)),
                SplitRule.Quantity => b.Booking.Lines.Sum(l => GafRules.CountedMilli(products[l.ProductId], l)),
                _ => goods[i],
            }).ToList();
            var shares = GafRules.Split(cost.AmountCents, weights);
            for (var i = 0; i < shares.Length; i++) extras[i] += shares[i];
        }
        return bookings.Select((b, i) => new Charge(b.Booking.Id, b.Booking.MemberId, b.AccountId, b.Name, goods[i], extras[i],
            GafRules.CardDiscount(goods[i], b.Booking.CardDiscountBasisPoints), b.Booking.CardDiscountBasisPoints)).ToList();
    }

    /// <summary>
    /// One booking's charge, as <see cref="ChargesAsync"/> computes it: with no extra cost in the cycle it depends on that booking
    /// alone and only its lines are read (the receipt at each member recorded on the delivery evening); with extra costs, whose
    /// shares depend on every booking, the whole cycle is computed.
    /// </summary>
    public async Task<Charge?> ChargeAsync(Guid cycleId, Guid bookingId)
    {
        if (await db.GafExtraCosts.AnyAsync(c => c.CycleId == cycleId)) return (await ChargesAsync(cycleId)).FirstOrDefault(c => c.BookingId == bookingId);
        var found = await db.GafBookings.AsNoTracking().Where(b => b.Id == bookingId && b.CycleId == cycleId).Include(b => b.Lines)
            .Join(db.GafMembers, b => b.MemberId, m => m.Id, (b, m) => new { Booking = b, m.Name, m.AccountId }).FirstOrDefaultAsync();
        if (found is null) return null;
        var productIds = found.Booking.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.GafProducts.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var goods = found.Booking.Lines.Sum(l => GafRules.DeliveredCents(products[l.ProductId], l));
        return new Charge(found.Booking.Id, found.Booking.MemberId, found.AccountId, found.Name, goods, 0,
            GafRules.CardDiscount(goods, found.Booking.CardDiscountBasisPoints), found.Booking.CardDiscountBasisPoints);
    }

    public async Task<Result> AddExtraCostAsync(OrderCycle cycle, string? description, long? cents, SplitRule? split)
    {
        if (cycle.Status is CycleStatus.Settled or CycleStatus.Archived) return new(Outcome.Invalid, Error: Tr.Get("L'ordine è già saldato: le spese non si cambiano più."));
        if (string.IsNullOrWhiteSpace(description)) return new(Outcome.Invalid, Field: "Description", Error: Tr.Get("Scrivi di che spesa si tratta (es. trasporto)."));
        if (cents is not > 0 or > 10_000_000) return new(Outcome.Invalid, Field: "Amount", Error: Tr.Get("Scrivi un importo maggiore di zero."));
        if (split is not { } rule || !Enum.IsDefined(rule)) return new(Outcome.Invalid, Field: "Split", Error: Tr.Get("Scegli come dividerla."));
        db.GafExtraCosts.Add(new ExtraCost { Id = Guid.NewGuid(), CycleId = cycle.Id, Description = description.Trim(), AmountCents = cents.Value, Split = rule });
        await db.SaveChangesAsync();
        return new(Outcome.Done);
    }

    public sealed record ProductTotal(Guid ProductId, string Code, string Name, string Variant, string Unit, bool SoldByWeight, long PriceCents, int VatPercent,
        GafRules.PackageOrder Order, long BookedCents, int Members, int MissingLines);

    /// <summary>The cycle per product: booked quantity, whole packages with the shortfall, estimated value.</summary>
    public async Task<List<ProductTotal>> PerProductAsync(Guid cycleId)
    {
        var lines = await db.GafBookingLines.AsNoTracking().Where(l => db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == cycleId)).ToListAsync();
        var ids = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.GafProducts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        return lines.GroupBy(l => l.ProductId).Select(g =>
        {
            var p = products[g.Key];
            var booked = g.Sum(l => l.QuantityMilli);
            return new ProductTotal(p.Id, p.Code, p.Name, p.Variant, GafRules.UnitLabel(p), p.SoldByWeight, p.PriceCents, p.VatPercent, GafRules.Packages(booked, p.PackageMilli),
                g.Sum(l => GafRules.BookedCents(p, l.QuantityMilli, l.UnitPriceCents)), g.Count(), g.Count(l => l.Missing));
        }).OrderBy(t => t.Name).ThenBy(t => t.Variant).ToList();
    }

    public sealed record CycleRow(Guid Id, string Title, string Supplier, CycleStatus Status, DateTime OpensAt, DateTime ClosesAt, DateOnly DeliveryOn, string DeliveryPlace, int Bookings);

    public IQueryable<CycleRow> Rows(IQueryable<OrderCycle> q) => q.Select(c => new CycleRow(c.Id, c.Title,
        db.GafSuppliers.Where(s => s.Id == c.SupplierId).Select(s => s.Name).First(), c.Status, c.OpensAt, c.ClosesAt, c.DeliveryOn, c.DeliveryPlace,
        db.GafBookings.Count(b => b.CycleId == c.Id)));

    /// <summary>The group's cycles: the current ones (not archived, not settled) first, then the past ones newest first.</summary>
    public async Task<Paged<CycleRow>> OfGroupAsync(Guid groupId, bool referent, bool past, int page)
    {
        page = Math.Max(1, page);
        var q = db.GafCycles.AsNoTracking().Where(c => c.GroupId == groupId && (referent || c.Status != CycleStatus.Draft));
        q = past ? q.Where(c => c.Status == CycleStatus.Settled || c.Status == CycleStatus.Archived).OrderByDescending(c => c.DeliveryOn)
            : q.Where(c => c.Status != CycleStatus.Settled && c.Status != CycleStatus.Archived).OrderBy(c => c.ClosesAt);
        var total = await q.CountAsync();
        return new(await Rows(q.PageOf(page, 20)).ToListAsync(), total, page, 20);
    }
}
