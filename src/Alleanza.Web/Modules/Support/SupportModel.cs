using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>EF Core mapping of the support paths.</summary>
public static class SupportModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SupportSettings>(e =>
        {
            e.ToTable("SupportSettings");
            e.HasKey(s => s.NetworkId);
            e.Property(s => s.Needs).HasMaxLength(4000);
            e.Property(s => s.NoticeVersion).HasMaxLength(40);
            e.Property(s => s.Scale).HasMaxLength(4000);
            e.Property(s => s.SmallCellThreshold).HasDefaultValue(5);
            e.HasOne<AllianceNetwork>().WithOne().HasForeignKey<SupportSettings>(s => s.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<SupportCase>(e =>
        {
            e.ToTable("SupportCases");
            e.Property(c => c.Needs).HasMaxLength(2000);
            e.Property(c => c.NeedsDetailProtected).HasMaxLength(8000);
            e.Property(c => c.ConsentNoticeVersion).HasMaxLength(40);
            e.Property(c => c.ConsentCollectedByName).HasMaxLength(256);
            e.Property(c => c.PlanComment).HasMaxLength(2000);
            e.Property(c => c.ClosureNoteProtected).HasMaxLength(8000);
            e.Property(c => c.ClosureComment).HasMaxLength(2000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Comune>().WithMany().HasForeignKey(c => c.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.NetworkId, c.Status });
            e.HasIndex(c => new { c.PartnerId, c.Status });
            e.HasIndex(c => c.HouseholdId);
            e.HasIndex(c => c.ComuneId);
            e.HasIndex(c => new { c.Status, c.ClosedAt });
        });

        b.Entity<CaseMember>(e =>
        {
            e.ToTable("SupportCaseMembers");
            e.HasKey(m => new { m.CaseId, m.UserId });
            e.HasOne<SupportCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });

        b.Entity<CaseNote>(e =>
        {
            e.ToTable("SupportCaseNotes");
            e.Property(n => n.AuthorName).HasMaxLength(256);
            e.Property(n => n.TextProtected).HasMaxLength(16000);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(n => new { n.CaseId, n.At });
            e.HasIndex(n => n.AuthorUserId);
        });

        b.Entity<CaseObjective>(e =>
        {
            e.ToTable("SupportCaseObjectives");
            e.Property(o => o.Title).HasMaxLength(300);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(o => new { o.CaseId, o.DueDate });
        });

        b.Entity<CaseSession>(e =>
        {
            e.ToTable("SupportCaseSessions");
            e.Property(s => s.Place).HasMaxLength(200);
            e.Property(s => s.Participants).HasMaxLength(300);
            e.Property(s => s.NoteProtected).HasMaxLength(8000);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Catalog.Opportunity>().WithMany().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<FamilyCard.CardApplication>().WithMany().HasForeignKey(s => s.CardApplicationId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.RecordedByUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(s => new { s.CaseId, s.StartsAt });
            e.HasIndex(s => s.OpportunityId);
            e.HasIndex(s => s.CardApplicationId);
            e.HasIndex(s => s.RecordedByUserId);
        });

        b.Entity<CaseFollowUp>(e =>
        {
            e.ToTable("SupportCaseFollowUps");
            e.Property(f => f.Title).HasMaxLength(300);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(f => f.AssignedUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(f => new { f.CaseId, f.DueDate });
            e.HasIndex(f => new { f.AssignedUserId, f.DoneAt });
        });

        b.Entity<CaseEvent>(e =>
        {
            e.ToTable("SupportCaseEvents");
            e.Property(x => x.Who).HasMaxLength(256);
            e.Property(x => x.What).HasMaxLength(2000);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CaseId, x.At });
        });

        b.Entity<CaseAssessment>(e =>
        {
            e.ToTable("SupportCaseAssessments");
            e.Property(a => a.ByName).HasMaxLength(256);
            e.Property(a => a.CommentProtected).HasMaxLength(8000);
            e.Property(a => a.ExternalName).HasMaxLength(100);
            e.Property(a => a.ExternalTotal).HasPrecision(9, 2);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.ByUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(a => a.Scores).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.CaseId, a.Date });
            e.HasIndex(a => a.ByUserId);
        });

        b.Entity<AssessmentScore>(e =>
        {
            e.ToTable("SupportAssessmentScores");
            e.HasKey(x => new { x.AssessmentId, x.Domain });
            e.Property(x => x.Domain).HasMaxLength(100);
        });

        b.Entity<ConsentFormFile>(e =>
        {
            e.ToTable("SupportConsentForms");
            e.HasKey(x => x.CaseId);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(120);
            e.HasOne<SupportCase>().WithOne().HasForeignKey<ConsentFormFile>(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UploadedByUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.UploadedByUserId);
        });

        b.Entity<ShareConsent>(e =>
        {
            e.ToTable("SupportShareConsents");
            e.HasKey(x => new { x.CaseId, x.PartnerId });
            e.Property(x => x.NoticeVersion).HasMaxLength(40);
            e.Property(x => x.RecordedByName).HasMaxLength(256);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.PartnerId);
        });

        b.Entity<CaseReferral>(e =>
        {
            e.ToTable("SupportCaseReferrals");
            e.Property(x => x.ReasonProtected).HasMaxLength(8000);
            e.Property(x => x.RequestedByName).HasMaxLength(256);
            e.Property(x => x.OverrideReason).HasMaxLength(1000);
            e.Property(x => x.DecidedByName).HasMaxLength(256);
            e.Property(x => x.DecisionComment).HasMaxLength(1000);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(x => x.ToPartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.ToPartnerId, x.Status });
            // One live referral per path and partner (Requested = 1, Accepted = 2).
            e.HasIndex(x => new { x.CaseId, x.ToPartnerId }, "IX_SupportCaseReferrals_OneLive").IsUnique().HasFilter("\"Status\" IN (1, 2)");
        });

        b.Entity<CaseAccess>(e =>
        {
            e.ToTable("SupportCaseAccesses");
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Role).HasMaxLength(60);
            e.Property(x => x.Sections).HasMaxLength(300);
            e.HasOne<SupportCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CaseId, x.At });
            e.HasIndex(x => new { x.NetworkId, x.At });
        });
    }
}
