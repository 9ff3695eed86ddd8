using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>EF Core mapping of the purchasing groups.</summary>
public static class PurchasingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PurchasingGroup>(e =>
        {
            e.ToTable("GafGroups");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.DeliveryPlace).HasMaxLength(300);
            e.Property(x => x.DeliveryTimes).HasMaxLength(200);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.CashAccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.FundAccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.NetworkId, x.Name });
            e.HasIndex(x => x.CashAccountId);
            e.HasIndex(x => x.FundAccountId);
        });

        b.Entity<GroupReferent>(e =>
        {
            e.ToTable("GafReferents");
            e.HasKey(x => new { x.GroupId, x.UserId });
            e.HasOne<PurchasingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UserId);
        });

        b.Entity<GroupMember>(e =>
        {
            e.ToTable("GafMembers");
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne<PurchasingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<GroupMember>().WithMany().HasForeignKey(x => x.SponsorMemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.GroupId, x.HouseholdId }).IsUnique();
            e.HasIndex(x => new { x.GroupId, x.Name });
            e.HasIndex(x => x.HouseholdId);
            e.HasIndex(x => x.UserId);
            e.HasIndex(x => x.SponsorMemberId);
            e.HasIndex(x => x.AccountId);
        });

        b.Entity<Supplier>(e =>
        {
            e.ToTable("GafSuppliers");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ContactName).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Notes).HasMaxLength(1000);
            e.HasOne<PurchasingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.GroupId, x.Name });
            e.HasIndex(x => x.PartnerId);
            e.HasIndex(x => x.AccountId);
        });

        b.Entity<Product>(e =>
        {
            e.ToTable("GafProducts");
            e.Property(x => x.Code).HasMaxLength(60);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Variant).HasMaxLength(100);
            e.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.SupplierId, x.Code }).IsUnique();
            e.HasIndex(x => new { x.SupplierId, x.Available, x.Name });
        });

        b.Entity<OrderCycle>(e =>
        {
            e.ToTable("GafCycles");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.DeliveryPlace).HasMaxLength(300);
            e.Property(x => x.HoldForPackages).HasDefaultValue(false);
            e.HasOne<PurchasingGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerTransfer>().WithMany().HasForeignKey(x => x.InvoiceTransferId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.GroupId, x.Status, x.ClosesAt });
            e.HasIndex(x => new { x.Status, x.ClosesAt });
            e.HasIndex(x => x.SupplierId);
            e.HasIndex(x => x.InvoiceTransferId);
        });

        b.Entity<Booking>(e =>
        {
            e.ToTable("GafBookings");
            e.Property(x => x.CardDiscountBasisPoints).HasDefaultValue(0);
            e.HasOne<OrderCycle>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<GroupMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerTransfer>().WithMany().HasForeignKey(x => x.PaymentTransferId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.BookingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CycleId, x.MemberId }).IsUnique();
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.PaymentTransferId);
        });

        b.Entity<BookingLine>(e =>
        {
            e.ToTable("GafBookingLines");
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.BookingId, x.ProductId }).IsUnique();
            e.HasIndex(x => x.ProductId);
        });

        b.Entity<ExtraCost>(e =>
        {
            e.ToTable("GafExtraCosts");
            e.Property(x => x.Description).HasMaxLength(200);
            e.HasOne<OrderCycle>().WithMany().HasForeignKey(x => x.CycleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.CycleId);
        });
    }
}
