using Alleanza.Web.Modules.Network;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Ledger;

/// <summary>EF Core mapping of the ledger.</summary>
public static class LedgerModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<LedgerAccount>(e =>
        {
            e.ToTable("LedgerAccounts");
            e.Property(a => a.OwnerKind).HasMaxLength(40);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.OwnerKind, a.OwnerId, a.Unit }).IsUnique();
            e.HasIndex(a => a.NetworkId);
        });

        b.Entity<LedgerTransfer>(e =>
        {
            e.ToTable("LedgerTransfers");
            e.Property(t => t.Kind).HasMaxLength(40);
            e.Property(t => t.Memo).HasMaxLength(300);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(t => t.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Movements).WithOne().HasForeignKey(m => m.TransferId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<LedgerTransfer>().WithMany().HasForeignKey(t => t.ReversesTransferId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => t.ReversesTransferId).IsUnique();
            e.HasIndex(t => new { t.NetworkId, t.At });
        });

        b.Entity<LedgerMovement>(e =>
        {
            e.ToTable("LedgerMovements");
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.AccountId, m.At });
            e.HasIndex(m => m.TransferId);
        });
    }
}
