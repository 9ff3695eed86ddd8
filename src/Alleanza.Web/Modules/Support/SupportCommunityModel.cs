using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Support.Labs;
using Alleanza.Web.Modules.Support.Training;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>EF Core mapping of the community labs, the training and the volunteer registry.</summary>
public static class SupportCommunityModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CommunityLab>(e =>
        {
            e.ToTable("CommunityLabs");
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Description).HasMaxLength(4000);
            e.Property(l => l.Address).HasMaxLength(300);
            e.Property(l => l.OpeningHours).HasMaxLength(300);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(l => l.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(l => l.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(l => l.ComuneId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Opportunity>().WithMany().HasForeignKey(l => l.OpportunityId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(l => new { l.NetworkId, l.Name });
            e.HasIndex(l => l.PartnerId);
            e.HasIndex(l => l.ComuneId);
            e.HasIndex(l => l.OpportunityId);
        });

        b.Entity<LabFacilitator>(e =>
        {
            e.ToTable("LabFacilitators");
            e.HasKey(f => new { f.LabId, f.UserId });
            e.HasOne<CommunityLab>().WithMany().HasForeignKey(f => f.LabId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => f.UserId);
        });

        b.Entity<LabSession>(e =>
        {
            e.ToTable("LabSessions");
            e.Property(s => s.Theme).HasMaxLength(200);
            e.Property(s => s.Activity).HasMaxLength(2000);
            e.HasOne<CommunityLab>().WithMany().HasForeignKey(s => s.LabId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OpportunitySession>().WithMany().HasForeignKey(s => s.OpportunitySessionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(s => new { s.LabId, s.StartsAt });
            e.HasIndex(s => new { s.NetworkId, s.StartsAt });
            e.HasIndex(s => s.OpportunitySessionId);
        });

        b.Entity<LabAttendance>(e =>
        {
            e.ToTable("LabAttendances");
            e.HasKey(a => new { a.SessionId, a.UserId });
            e.HasOne<LabSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.UserId);
        });

        b.Entity<ListeningContact>(e =>
        {
            e.ToTable("ListeningContacts");
            e.Property(c => c.Topic).HasMaxLength(100);
            e.Property(c => c.FollowUpNote).HasMaxLength(200);
            e.HasOne<CommunityLab>().WithMany().HasForeignKey(c => c.LabId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.RecordedByUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(c => new { c.LabId, c.Date });
            e.HasIndex(c => new { c.NetworkId, c.Date });
            e.HasIndex(c => c.RecordedByUserId);
        });

        b.Entity<TrainingCourse>(e =>
        {
            e.ToTable("TrainingCourses");
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.Description).HasMaxLength(4000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(c => new { c.NetworkId, c.Title });
            e.HasIndex(c => c.PartnerId);
        });

        b.Entity<TrainingModule>(e =>
        {
            e.ToTable("TrainingModules");
            e.Property(m => m.Title).HasMaxLength(200);
            e.HasOne<TrainingCourse>().WithMany().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.CourseId, m.Order });
        });

        b.Entity<TrainingSession>(e =>
        {
            e.ToTable("TrainingSessions");
            e.Property(s => s.Place).HasMaxLength(300);
            e.Ignore(s => s.Hours);
            e.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<TrainingModule>().WithMany().HasForeignKey(s => s.ModuleId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(s => new { s.CourseId, s.StartsAt });
            e.HasIndex(s => s.ModuleId);
        });

        b.Entity<TrainingEnrolment>(e =>
        {
            e.ToTable("TrainingEnrolments");
            e.HasOne<TrainingCourse>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CourseId, x.UserId }).IsUnique();
            e.HasIndex(x => x.UserId);
        });

        b.Entity<TrainingAttendance>(e =>
        {
            e.ToTable("TrainingAttendances");
            e.HasKey(a => new { a.SessionId, a.UserId });
            e.HasOne<TrainingSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.UserId);
        });

        b.Entity<VolunteerProfile>(e =>
        {
            e.ToTable("VolunteerProfiles");
            e.Property(v => v.Skills).HasMaxLength(1000);
            e.Property(v => v.Availability).HasMaxLength(1000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(v => v.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(v => v.ReferentUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(v => new { v.NetworkId, v.UserId }).IsUnique();
            e.HasIndex(v => new { v.NetworkId, v.ClearanceDate });
            e.HasIndex(v => v.UserId);
            e.HasIndex(v => v.ReferentUserId);
        });

        b.Entity<VolunteerAssignment>(e =>
        {
            e.ToTable("VolunteerAssignments");
            e.Property(a => a.Title).HasMaxLength(200);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(a => a.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.VolunteerUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.NetworkId, a.VolunteerUserId });
            e.HasIndex(a => a.VolunteerUserId);
        });

        b.Entity<VolunteerHours>(e =>
        {
            e.ToTable("VolunteerHours");
            e.Property(h => h.Activity).HasMaxLength(300);
            e.Property(h => h.DecisionNote).HasMaxLength(500);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(h => h.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(h => h.VolunteerUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityLab>().WithMany().HasForeignKey(h => h.LabId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(h => new { h.NetworkId, h.Status, h.Date });
            e.HasIndex(h => new { h.VolunteerUserId, h.Date });
            e.HasIndex(h => h.LabId);
        });

        b.Entity<CommunitySettings>(e =>
        {
            e.ToTable("CommunitySettings");
            e.HasKey(s => s.NetworkId);
            e.Property(s => s.ListeningTopics).HasMaxLength(4000);
            e.HasOne<AllianceNetwork>().WithOne().HasForeignKey<CommunitySettings>(s => s.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
