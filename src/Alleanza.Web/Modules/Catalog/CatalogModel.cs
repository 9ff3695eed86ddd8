using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>EF Core mapping of the catalogue's entities.</summary>
public static class CatalogModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<NetworkArea>(e =>
        {
            e.ToTable("NetworkAreas");
            e.Property(a => a.Code).HasMaxLength(60);
            e.Property(a => a.Name).HasMaxLength(120);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.NetworkId, a.Code }).IsUnique();
        });

        b.Entity<Opportunity>(e =>
        {
            e.ToTable("Opportunities");
            e.Property(o => o.Title).HasMaxLength(200);
            e.Property(o => o.Description).HasMaxLength(20000);
            e.Property(o => o.Categories).HasMaxLength(300);
            e.Property(o => o.Eligibility).HasMaxLength(2000);
            e.Property(o => o.Languages).HasMaxLength(200);
            e.Property(o => o.AccessibilityNotes).HasMaxLength(2000);
            e.Property(o => o.ScheduleText).HasMaxLength(500);
            e.Property(o => o.ContactEmail).HasMaxLength(256);
            e.Property(o => o.ContactPhone).HasMaxLength(40);
            e.Property(o => o.ModerationNote).HasMaxLength(2000);
            e.Property(o => o.SearchText).HasMaxLength(23000);
            e.Property(o => o.Price).HasPrecision(10, 2);
            e.Property(o => o.ReducedPrice).HasPrecision(10, 2);
            // Existing rows are not courses (the column is added with this default).
            e.Property(o => o.IsCourse).HasDefaultValue(false);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(o => o.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<NetworkArea>().WithMany().HasForeignKey(o => o.AreaId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(o => o.Comuni).WithOne().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(o => o.Locations).WithOne().HasForeignKey(l => l.OpportunityId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(o => o.Sessions).WithOne().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(o => new { o.NetworkId, o.Status, o.AreaId });
            e.HasIndex(o => new { o.NetworkId, o.Status, o.PublishedAt });
            e.HasIndex(o => o.PartnerId);
            e.HasIndex(o => o.AreaId);
        });

        b.Entity<SearchSynonym>(e =>
        {
            e.ToTable("SearchSynonyms");
            e.Property(x => x.Word).HasMaxLength(60);
            e.Property(x => x.Means).HasMaxLength(300);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.NetworkId, x.Word }).IsUnique();
        });

        b.Entity<OpportunityComune>(e =>
        {
            e.ToTable("OpportunityComuni");
            e.HasKey(c => new { c.OpportunityId, c.ComuneId });
            e.HasOne<Comune>().WithMany().HasForeignKey(c => c.ComuneId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.ComuneId);
        });

        b.Entity<OpportunityLocation>(e =>
        {
            e.ToTable("OpportunityLocations");
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Address).HasMaxLength(300);
            e.HasIndex(l => l.OpportunityId);
        });

        b.Entity<OpportunitySession>(e =>
        {
            e.ToTable("OpportunitySessions");
            e.HasIndex(s => new { s.OpportunityId, s.StartsAt });
            e.HasIndex(s => s.StartsAt);
        });

        b.Entity<Search.SearchIndexChange>(e =>
        {
            e.ToTable("SearchIndexChanges");
            e.HasIndex(c => c.ChangedAt);
        });

        b.Entity<RegistrationMonth>(e =>
        {
            e.ToTable("RegistrationMonths");
            e.HasKey(m => new { m.NetworkId, m.ComuneId, m.Month, m.Status });
        });

        b.Entity<Registration>(e =>
        {
            e.ToTable("Registrations");
            e.Property(r => r.Participants).HasMaxLength(1000);
            e.HasOne<OpportunitySession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.SessionId, r.Status, r.CreatedAt });
            e.HasIndex(r => new { r.UserId, r.Status });
            e.HasIndex(r => r.NetworkId);
            // One live registration per person and session: a twin request finds it taken (RegistrationStatus.Cancelled = 3).
            e.HasIndex(r => new { r.SessionId, r.UserId }, "IX_Registrations_OneLivePerPerson").IsUnique().HasFilter("\"Status\" <> 3");
        });

        b.Entity<OpportunityImage>(e =>
        {
            e.ToTable("OpportunityImages");
            e.HasKey(i => i.OpportunityId);
            e.Property(i => i.ContentType).HasMaxLength(40);
            e.HasOne<Opportunity>().WithOne().HasForeignKey<OpportunityImage>(i => i.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<OpportunityChange>(e =>
        {
            e.ToTable("OpportunityChanges");
            e.Property(c => c.Action).HasMaxLength(60);
            e.Property(c => c.UserName).HasMaxLength(256);
            e.Property(c => c.Note).HasMaxLength(2000);
            e.HasOne<Opportunity>().WithMany().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.OpportunityId, c.At });
        });
    }
}
