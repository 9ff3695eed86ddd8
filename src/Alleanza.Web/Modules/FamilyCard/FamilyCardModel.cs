using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>EF Core mapping of the Family Card's entities.</summary>
public static class FamilyCardModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CardRules>(e =>
        {
            e.ToTable("CardRules");
            e.HasKey(r => r.NetworkId);
            e.Property(r => r.IseeCeiling).HasPrecision(10, 2);
            e.Property(r => r.PrivacyVersion).HasMaxLength(40);
            e.Property(r => r.AttachmentsHint).HasMaxLength(300);
            e.Property(r => r.AttachmentsRequired).HasDefaultValue(false);
            e.HasOne<AllianceNetwork>().WithOne().HasForeignKey<CardRules>(r => r.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CardApplication>(e =>
        {
            e.ToTable("CardApplications");
            e.Property(a => a.DecidedByName).HasMaxLength(256);
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.Property(a => a.EligibilitySummary).HasMaxLength(2000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(a => a.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.NetworkId, a.Status, a.SubmittedAt });
            e.HasIndex(a => a.HouseholdId);
            e.HasIndex(a => a.ComuneId);
            e.Property(a => a.ResidenceAddress).HasMaxLength(200);
            e.Property(a => a.ResidenceCheckNote).HasMaxLength(300);
            e.Property(a => a.IseeProtocol).HasMaxLength(40);
            e.Property(a => a.InformationRequest).HasMaxLength(2000);
            e.Property(a => a.InformationRequestedByName).HasMaxLength(256);
            e.Property(a => a.FamilyAnswer).HasMaxLength(2000);
            e.Property(a => a.RequestCount).HasDefaultValue(0);
            // One open application per household (ApplicationStatus.Submitted = 1, InformationRequested = 5).
            e.HasIndex(a => a.HouseholdId, "IX_CardApplications_OnePending").IsUnique().HasFilter("\"Status\" IN (1, 5)");
        });

        b.Entity<CardApplicationDocument>(e =>
        {
            e.ToTable("CardApplicationDocuments");
            e.Property(d => d.FileName).HasMaxLength(200);
            e.Property(d => d.ContentType).HasMaxLength(120);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(d => d.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CardApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.ApplicationId, d.UploadedAt });
            e.HasIndex(d => d.NetworkId);
        });

        b.Entity<Card>(e =>
        {
            e.ToTable("FamilyCards");
            e.Property(c => c.Number).HasMaxLength(20);
            e.Property(c => c.HolderFirstName).HasMaxLength(100);
            e.Property(c => c.HolderLastName).HasMaxLength(100);
            e.Property(c => c.StatusReason).HasMaxLength(500);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HouseholdMember>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Comune>().WithMany().HasForeignKey(c => c.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.Number).IsUnique();
            // Both cover the statistics' queries (issued per month and Comune, active now per Comune): index-only scans.
            e.HasIndex(c => new { c.NetworkId, c.IssuedAt, c.ComuneId });
            e.HasIndex(c => new { c.NetworkId, c.Status, c.ValidUntil, c.ComuneId });
            e.HasIndex(c => c.HouseholdId);
            e.HasIndex(c => c.MemberId);
            // One live card per household member (CardStatus.Active = 1, Suspended = 2); an expired one is replaced by the next.
            e.HasIndex(c => c.MemberId, "IX_FamilyCards_OneLivePerMember").IsUnique().HasFilter("\"Status\" IN (1, 2)");
        });

        b.Entity<CardDevice>(e =>
        {
            e.ToTable("CardDevices");
            e.Property(d => d.Label).HasMaxLength(200);
            e.HasOne<Card>().WithMany().HasForeignKey(d => d.CardId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => d.CardId);
        });

        b.Entity<CardSigningKey>(e =>
        {
            e.ToTable("CardSigningKeys");
            e.Property(k => k.Kid).HasMaxLength(40);
            e.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(k => k.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(k => k.Kid).IsUnique();
            e.HasIndex(k => k.NetworkId);
        });

        b.Entity<Shop>(e =>
        {
            e.ToTable("Shops");
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.NameKey).HasMaxLength(200);
            e.Property(s => s.Address).HasMaxLength(200);
            e.Property(s => s.OpeningHours).HasMaxLength(500);
            e.Property(s => s.Phone).HasMaxLength(40);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(s => s.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(s => s.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(s => new { s.NetworkId, s.Category });
            e.HasIndex(s => new { s.NetworkId, s.NameKey });
            e.HasIndex(s => s.PartnerId);
            e.HasIndex(s => s.ComuneId);
        });

        b.Entity<Offer>(e =>
        {
            e.ToTable("Offers");
            e.Property(o => o.Title).HasMaxLength(200);
            e.Property(o => o.Description).HasMaxLength(2000);
            e.Property(o => o.Conditions).HasMaxLength(2000);
            e.Property(o => o.ModerationNote).HasMaxLength(2000);
            e.Property(o => o.Percent).HasPrecision(5, 2);
            e.Property(o => o.Amount).HasPrecision(10, 2);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(o => o.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(o => o.AcceptedNetworks).WithOne().HasForeignKey(n => n.OfferId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(o => new { o.NetworkId, o.Status });
            e.HasIndex(o => o.PartnerId);
        });

        b.Entity<OfferNetwork>(e =>
        {
            e.ToTable("OfferNetworks");
            e.HasKey(n => new { n.OfferId, n.NetworkId });
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(n => n.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => n.NetworkId);
        });

        b.Entity<CardReciprocity>(e =>
        {
            e.ToTable("CardReciprocities");
            e.HasKey(r => new { r.NetworkId, r.OtherNetworkId });
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(r => r.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(r => r.OtherNetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.OtherNetworkId);
        });

        b.Entity<Redemption>(e =>
        {
            e.ToTable("Redemptions");
            e.Property(r => r.PurchaseAmount).HasPrecision(10, 2);
            e.Property(r => r.DiscountAmount).HasPrecision(10, 2);
            e.Property(r => r.TokenHash).HasMaxLength(64);
            e.Property(r => r.IdempotencyKey).HasMaxLength(100);
            // No foreign keys: this is the high-volume table, written at the counter; the ids come from checked rows.
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
            e.HasIndex(r => r.TokenHash).IsUnique();
            e.HasIndex(r => new { r.PartnerId, r.At });
            e.HasIndex(r => new { r.CardId, r.At });
        });

        b.Entity<RedemptionMonth>(e =>
        {
            e.ToTable("RedemptionMonths");
            e.HasKey(m => new { m.ShopId, m.Month });
            // Covering: a network's months are summed from the index alone (on SQLite 6× faster than through the rows at
            // regional scale; the dashboard and the coordinator's statistics read 240,000 of them for a year).
            e.HasIndex(m => new { m.NetworkId, m.Month, m.ShopId, m.Count, m.DiscountCents, m.PurchaseCents }).HasDatabaseName("IX_RedemptionMonths_Covering");
        });

        b.Entity<CardMonth>(e =>
        {
            e.ToTable("CardMonths");
            e.HasKey(m => new { m.ComuneId, m.Month });
            e.HasIndex(m => new { m.NetworkId, m.Month, m.ComuneId, m.Issued, m.ActiveExpiring }).HasDatabaseName("IX_CardMonths_Covering"); // covering, as above
        });

        b.Entity<PartnerApiKey>(e =>
        {
            e.ToTable("PartnerApiKeys");
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(12);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(k => k.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasIndex(k => k.PartnerId);
        });
    }
}
