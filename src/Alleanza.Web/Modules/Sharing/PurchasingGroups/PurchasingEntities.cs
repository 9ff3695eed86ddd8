using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// A family purchasing group (GAF) of a network: its referents (a treasurer among them), where and when it delivers, its
/// member households, its own ledger accounts in euro cents (the cash the treasurer holds, the fund for differences).
/// </summary>
public sealed class PurchasingGroup : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid NetworkId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Where the goods are handed out (e.g. «Oratorio San Luigi, via Roma 3, Seregno»).</summary>
    public string DeliveryPlace { get; set; } = "";
    /// <summary>When, in words (e.g. «giovedì 18–20»).</summary>
    public string DeliveryTimes { get; set; } = "";
    /// <summary>Members need credit at least equal to their booking's estimate to book.</summary>
    public bool RequireCredit { get; set; }
    /// <summary>Below this balance a member hears a low-credit reminder (cents).</summary>
    public long LowCreditCents { get; set; } = 2000;
    /// <summary>The cash the treasurer holds (ledger: the negative of the money held).</summary>
    public Guid CashAccountId { get; set; }
    /// <summary>The group's fund: differences between a supplier's invoice and what the members paid.</summary>
    public Guid FundAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A person who runs a group: makes cycles and deliveries; a treasurer also records money.</summary>
public sealed class GroupReferent
{
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
    public bool IsTreasurer { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>A member household of a group, acting through one person; may book for a friend household under it (<see cref="SponsorMemberId"/>).</summary>
public sealed class GroupMember : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid GroupId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>How the group calls the household (e.g. «Famiglia Brambilla»).</summary>
    public string Name { get; set; } = "";
    /// <summary>The member who books for this friend household, if any.</summary>
    public Guid? SponsorMemberId { get; set; }
    /// <summary>The member's credit account (euro cents; positive: credit).</summary>
    public Guid AccountId { get; set; }
    public DateTime JoinedAt { get; set; }
    public DateTime? LowCreditNoticeAt { get; set; }
    /// <summary>When the member left the group (a referent removed them); their account and history stay.</summary>
    public DateTime? LeftAt { get; set; }
}

/// <summary>A producer the group buys from: a partner of the network (a farm, a cooperative, a Family Card merchant) or an external one.</summary>
public sealed class Supplier
{
    public Guid Id { get; set; }
    public Guid GroupId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid? PartnerId { get; set; }
    public string Name { get; set; } = "";
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }
    /// <summary>What the group owes the supplier (euro cents; positive: owed).</summary>
    public Guid AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ProductUnit { Piece = 1, Kg = 2, Litre = 3, Pack = 4 }

/// <summary>
/// A product of a supplier. Quantities are in thousandths of the unit (1 kg = 1000, 1 pezzo = 1000), prices in euro cents
/// per unit with VAT. Sold by weight: booked in pieces, each of about <see cref="PieceWeightGrams"/>, priced per kg on the delivered weight.
/// </summary>
public sealed class Product
{
    public Guid Id { get; set; }
    public Guid SupplierId { get; set; }
    public Guid GroupId { get; set; }
    /// <summary>The supplier's code, the key of the CSV import.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Size, flavour… (empty: none).</summary>
    public string Variant { get; set; } = "";
    public ProductUnit Unit { get; set; }
    /// <summary>Price per unit (per kg when sold by weight) with VAT, cents.</summary>
    public long PriceCents { get; set; }
    public int VatPercent { get; set; }
    /// <summary>The supplier sells whole packages of this many thousandths (1: no package).</summary>
    public long PackageMilli { get; set; } = 1000;
    /// <summary>A member books multiples of this (thousandths).</summary>
    public long MultipleMilli { get; set; } = 1000;
    public long? MinMilli { get; set; }
    public long? MaxMilli { get; set; }
    public bool SoldByWeight { get; set; }
    /// <summary>The weight of one piece, for products sold by weight (and to split costs by weight).</summary>
    public int? PieceWeightGrams { get; set; }
    public bool Available { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

public enum CycleStatus { Draft = 1, Open = 2, Closed = 3, Sent = 4, Delivered = 5, Settled = 6, Archived = 7 }

/// <summary>An order cycle with one supplier: members book while it is open; then the order, the delivery, the settlement.</summary>
public sealed class OrderCycle : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid GroupId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid SupplierId { get; set; }
    public string Title { get; set; } = "";
    public CycleStatus Status { get; set; }
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }
    public DateOnly DeliveryOn { get; set; }
    public string DeliveryPlace { get; set; } = "";
    /// <summary>Recurring: when settled, the next cycle is made this many days later (0: not recurring).</summary>
    public int RepeatDays { get; set; }
    public DateTime? ClosingReminderAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? SettledAt { get; set; }
    /// <summary>The supplier's invoice, once recorded (cents).</summary>
    public long? InvoiceCents { get; set; }
    public Guid? InvoiceTransferId { get; set; }
    /// <summary>
    /// The referent chose at closing to keep the cycle open until every package fills (at most until <see cref="ClosesAt"/>):
    /// the booking that fills the last package closes it.
    /// </summary>
    public bool HoldForPackages { get; set; }
    /// <summary>When the aggregated order (PDF and CSV) was e-mailed to the supplier.</summary>
    public DateTime? SupplierMailedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid CreatedByUserId { get; set; }
}

/// <summary>A member's booking in a cycle (one per member and cycle): its lines, then what was delivered and paid.</summary>
public sealed class Booking : IVersioned
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid CycleId { get; set; }
    public Guid MemberId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Delivery recorded (the receipt is made from the lines).</summary>
    public DateTime? DeliveredAt { get; set; }
    public Guid? DeliveredByUserId { get; set; }
    /// <summary>Goods plus share of extra costs, as charged at settlement (cents).</summary>
    public long? ChargedCents { get; set; }
    public Guid? PaymentTransferId { get; set; }
    /// <summary>
    /// The Family Card discount the supplier (a card merchant) gives this household on its goods, in hundredths of a percent
    /// (1000 = 10 %), fixed when the booking was last saved; 0: none.
    /// </summary>
    public int CardDiscountBasisPoints { get; set; }
    public List<BookingLine> Lines { get; set; } = [];
}

/// <summary>A product booked: the quantity (thousandths), the price when booked, then what was delivered (thousandths, grams for weight).</summary>
public sealed class BookingLine
{
    public Guid Id { get; set; }
    public Guid BookingId { get; set; }
    public Guid ProductId { get; set; }
    public long QuantityMilli { get; set; }
    public long UnitPriceCents { get; set; }
    /// <summary>Delivered quantity (thousandths of the unit; for products sold by weight: grams); null: as booked.</summary>
    public long? DeliveredMilli { get; set; }
    public bool Missing { get; set; }
}

public enum SplitRule { Value = 1, Weight = 2, Quantity = 3 }

/// <summary>A cost of the cycle beyond the goods (transport…), split among the bookings by value, weight or quantity.</summary>
public sealed class ExtraCost
{
    public Guid Id { get; set; }
    public Guid CycleId { get; set; }
    public string Description { get; set; } = "";
    public long AmountCents { get; set; }
    public SplitRule Split { get; set; }
}
