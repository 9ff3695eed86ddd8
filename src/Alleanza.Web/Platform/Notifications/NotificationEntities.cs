using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>How a person wants to hear about one kind of event (the in-app list always has it).</summary>
public enum Delivery
{
    /// <summary>A mail at once.</summary>
    Immediate = 1,
    /// <summary>In the daily digest mail.</summary>
    Digest = 2,
    /// <summary>No mail; only the in-app list.</summary>
    Off = 3,
}

/// <summary>
/// One event told to one person: the in-app list shows it (unread until <see cref="ReadAt"/>), and its mail is sent
/// at once, with the daily digest, or never, by the <see cref="Delivery"/> chosen when it was raised.
/// Every change of state is a conditional UPDATE (read, mail claimed, digest claimed), so no version column is needed.
/// </summary>
public class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The network the event belongs to (its name and sender address on the mail); null for platform events.</summary>
    public Guid? NetworkId { get; set; }
    /// <summary>A key of <see cref="NotificationKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>The path of the object on the site (starting with '/'), or null.</summary>
    public string? LinkPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public Delivery Delivery { get; set; }
    /// <summary>When its mail (immediate or digest) was claimed for sending; null while it waits (or after a failure).</summary>
    public DateTime? MailedAt { get; set; }
    /// <summary>The digest (or retry) run that claimed it: the rows a run sends are the ones carrying its id.</summary>
    public Guid? MailBatch { get; set; }
    /// <summary>Failed sending attempts; after <see cref="NotificationService.MaxAttempts"/> the mail is given up (the in-app entry stays).</summary>
    public int MailAttempts { get; set; }
}

/// <summary>A person's choice for one kind (without a row: the kind's default).</summary>
public class NotificationPreference
{
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public Delivery Delivery { get; set; }
    /// <summary>For periodic kinds (the weekly digest of new opportunities): the start of the last period sent, claimed conditionally.</summary>
    public DateTime? LastSentFor { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class NotificationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.Property(n => n.Kind).HasMaxLength(60);
            e.Property(n => n.Subject).HasMaxLength(200);
            e.Property(n => n.Text).HasMaxLength(4000);
            e.Property(n => n.LinkPath).HasMaxLength(500);
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(n => n.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.UserId, n.ReadAt }); // the header's unread count
            e.HasIndex(n => new { n.UserId, n.CreatedAt }); // the list, newest first
            e.HasIndex(n => new { n.Delivery, n.MailedAt, n.CreatedAt }); // digests and retries waiting
            e.HasIndex(n => n.MailBatch);
            e.HasIndex(n => n.NetworkId);
        });

        b.Entity<NotificationPreference>(e =>
        {
            e.ToTable("NotificationPreferences");
            e.HasKey(p => new { p.UserId, p.Kind });
            e.Property(p => p.Kind).HasMaxLength(60);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.Kind, p.Delivery });
        });
    }
}
