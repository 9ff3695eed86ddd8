using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>EF Core mapping of the working tables.</summary>
public static class WorkingTableModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<WorkingTable>(e =>
        {
            e.ToTable("WorkingTables");
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Purpose).HasMaxLength(4000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(t => t.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.NetworkId, t.Name });
        });

        b.Entity<TableMember>(e =>
        {
            e.ToTable("TableMembers");
            e.HasOne<WorkingTable>().WithMany().HasForeignKey(m => m.TableId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(m => new { m.TableId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasIndex(m => m.PartnerId);
        });

        b.Entity<TableMeeting>(e =>
        {
            e.ToTable("TableMeetings");
            e.Property(m => m.Place).HasMaxLength(300);
            e.Property(m => m.OnlineUrl).HasMaxLength(500);
            e.Property(m => m.Agenda).HasMaxLength(8000);
            e.Property(m => m.Minutes).HasMaxLength(50000);
            e.Property(m => m.SignInCodeHash).HasMaxLength(64);
            e.Property(m => m.SignInCodeSealed).HasMaxLength(500);
            e.HasOne<WorkingTable>().WithMany().HasForeignKey(m => m.TableId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.TableId, m.StartsAt });
            e.HasIndex(m => new { m.NetworkId, m.StartsAt });
        });

        b.Entity<MeetingAttendance>(e =>
        {
            e.ToTable("MeetingAttendances");
            e.HasKey(a => new { a.MeetingId, a.UserId });
            e.HasOne<TableMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.UserId);
        });

        b.Entity<TableAction>(e =>
        {
            e.ToTable("TableActions");
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.Details).HasMaxLength(4000);
            e.HasOne<WorkingTable>().WithMany().HasForeignKey(a => a.TableId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<TableMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Partner>().WithMany().HasForeignKey(a => a.OwnerPartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(a => new { a.TableId, a.Status, a.DueDate });
            e.HasIndex(a => new { a.NetworkId, a.Status, a.DueDate });
            e.HasIndex(a => a.MeetingId);
            e.HasIndex(a => a.OwnerUserId);
            e.HasIndex(a => a.OwnerPartnerId);
        });

        b.Entity<TableDocument>(e =>
        {
            e.ToTable("TableDocuments");
            e.Property(d => d.FileName).HasMaxLength(200);
            e.Property(d => d.ContentType).HasMaxLength(120);
            e.HasOne<WorkingTable>().WithMany().HasForeignKey(d => d.TableId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<TableMeeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(d => new { d.TableId, d.UploadedAt });
            e.HasIndex(d => d.MeetingId);
        });
    }
}
