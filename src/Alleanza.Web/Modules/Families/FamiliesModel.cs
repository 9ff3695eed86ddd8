using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Families;

/// <summary>EF Core mapping of the household, the record every module reads.</summary>
public static class FamiliesModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Household>(e =>
        {
            e.ToTable("Households");
            e.Property(h => h.PrivacyVersion).HasMaxLength(40);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(h => h.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(h => h.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(h => h.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => new { h.NetworkId, h.OwnerUserId }).IsUnique();
            e.HasIndex(h => h.OwnerUserId);
            e.HasIndex(h => h.ComuneId);
            e.Property(h => h.ClaimCodeHash).HasMaxLength(64);
            e.HasIndex(h => h.ClaimCodeHash).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(h => h.RegisteredByUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Partner>().WithMany().HasForeignKey(h => h.RegisteredByPartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(h => h.RegisteredByUserId);
            e.HasIndex(h => h.RegisteredByPartnerId);
        });

        b.Entity<HouseholdMember>(e =>
        {
            e.ToTable("HouseholdMembers");
            e.Property(m => m.FirstName).HasMaxLength(100);
            e.Property(m => m.LastName).HasMaxLength(100);
            e.Property(m => m.FiscalCode).HasMaxLength(16);
            e.HasIndex(m => m.FiscalCode);
            e.Property(m => m.FiscalCodeVerifiedBy).HasMaxLength(20);
        });
    }
}
