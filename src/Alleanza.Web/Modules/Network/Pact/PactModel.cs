using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pact;

/// <summary>EF Core mapping of the collaboration pact's entities.</summary>
public static class PactModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PactVersion>(e =>
        {
            e.ToTable("PactVersions");
            e.Property(v => v.Title).HasMaxLength(200);
            e.Property(v => v.Text).HasMaxLength(60000);
            e.Property(v => v.ChangeSummary).HasMaxLength(2000);
            e.Property(v => v.PublishedByName).HasMaxLength(256);
            // Publishing checks the status it read: two coordinators publishing at once cannot both succeed.
            e.Property(v => v.Status).IsConcurrencyToken();
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(v => v.NetworkId).OnDelete(DeleteBehavior.Cascade);
            // Numbers are unique per network: two drafts made at the same moment cannot both be saved.
            e.HasIndex(v => new { v.NetworkId, v.Number }).IsUnique();
            e.HasIndex(v => new { v.NetworkId, v.Status });
        });

        b.Entity<PactAdhesion>(e =>
        {
            e.ToTable("PactAdhesions");
            e.Property(a => a.SignatoryName).HasMaxLength(200);
            e.Property(a => a.SignatoryRole).HasMaxLength(200);
            e.Property(a => a.Commitments).HasMaxLength(4000);
            e.Property(a => a.RecordedByName).HasMaxLength(256);
            e.Property(a => a.WithdrawalReason).HasMaxLength(1000);
            e.Property(a => a.WithdrawnByName).HasMaxLength(256);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PactVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
            // At most one live adhesion per partner; replacing or withdrawing checks the adhesion is still the live one.
            e.Property(a => a.LivePartnerId).IsConcurrencyToken();
            e.HasIndex(a => a.LivePartnerId).IsUnique();
            // The figures and the public list: live adhesions of a network by version signed.
            e.HasIndex(a => new { a.NetworkId, a.LivePartnerId, a.VersionNumber });
            e.HasIndex(a => new { a.PartnerId, a.RecordedAt });
            e.HasIndex(a => a.VersionId);
        });
    }
}
