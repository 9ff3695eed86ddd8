using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Messages;

/// <summary>Who a message of the network goes to.</summary>
public enum MessageAudience
{
    [Display(Name = "Famiglie")] Families = 1,
    [Display(Name = "Personale degli enti partner")] PartnerStaff = 2,
    [Display(Name = "Esercenti")] Merchants = 3,
    [Display(Name = "Operatori comunali")] MunicipalOfficers = 4,
    /// <summary>The people registered (confirmed or waiting) for one date of an opportunity: written by its partner.</summary>
    [Display(Name = "Iscritti a una data")] SessionRegistrants = 5,
}

public enum MessageStatus { Sending = 1, Sent = 2 }

/// <summary>
/// A message written to many people of a network: by the coordinator (families by Comune and children's ages, partners by role)
/// or by a partner to the registrants of one of its dates. Its recipients are fixed when it is sent; a background sender
/// delivers it a batch at a time, so the writer sees the progress.
/// </summary>
public class NetworkMessage : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public MessageAudience Audience { get; set; }
    public Guid? ComuneId { get; set; }
    public int? ChildAgeFrom { get; set; }
    public int? ChildAgeTo { get; set; }
    public Guid? SessionId { get; set; }
    /// <summary>The opportunity of <see cref="SessionId"/>, for the partner's list.</summary>
    public Guid? OpportunityId { get; set; }
    /// <summary>The audience in words, as it was when sent («Famiglie di Caorle con figli da 0 a 5 anni»).</summary>
    public string AudienceText { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid SentByUserId { get; set; }
    public string SentByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public MessageStatus Status { get; set; }
    public int Total { get; set; }
    public int Delivered { get; set; }
}

/// <summary>One person a message goes to; <see cref="DeliveredAt"/> is set (by a conditional update) when it has been handed over.</summary>
public class NetworkMessageRecipient
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

public static class MessageModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<NetworkMessage>(e =>
        {
            e.ToTable("NetworkMessages");
            e.Property(m => m.AudienceText).HasMaxLength(300);
            e.Property(m => m.Subject).HasMaxLength(150);
            e.Property(m => m.Body).HasMaxLength(5000);
            e.Property(m => m.SentByName).HasMaxLength(200);
            e.HasIndex(m => new { m.NetworkId, m.CreatedAt });
            e.HasIndex(m => new { m.OpportunityId, m.CreatedAt });
            e.HasIndex(m => m.Status);
        });
        b.Entity<NetworkMessageRecipient>(e =>
        {
            e.ToTable("NetworkMessageRecipients");
            e.HasKey(r => new { r.MessageId, r.UserId });
            e.HasOne<NetworkMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.MessageId, r.DeliveredAt });
        });
    }
}
