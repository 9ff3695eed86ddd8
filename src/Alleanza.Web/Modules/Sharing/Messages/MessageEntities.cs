using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Messages;

/// <summary>
/// A private conversation between two people of a network about one topic (a Condividi post, later a time-bank offer):
/// only the two of them read it. <see cref="StarterUserId"/> opened it, <see cref="OtherUserId"/> owns the topic.
/// An agreed hand-over time (<see cref="AgreedAt"/>, <see cref="AgreedPlace"/>) can be downloaded as an .ics.
/// </summary>
public class Conversation : IVersioned
{
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>What the topic is (<see cref="Conversations.ExchangeTopic"/>, …): each kind's <see cref="IConversationTopic"/> names it.</summary>
    public string TopicKind { get; set; } = "";
    public Guid TopicId { get; set; }
    public Guid StarterUserId { get; set; }
    public Guid OtherUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    public DateTime? AgreedAt { get; set; }
    public string? AgreedPlace { get; set; }
    /// <summary>The last e-mail notice to each side (at most one an hour per conversation).</summary>
    public DateTime? StarterNoticeAt { get; set; }
    public DateTime? OtherNoticeAt { get; set; }
    public DateTime? StarterReadAt { get; set; }
    public DateTime? OtherReadAt { get; set; }

    public bool Involves(Guid userId) => userId == StarterUserId || userId == OtherUserId;
    public Guid Counterpart(Guid userId) => userId == StarterUserId ? OtherUserId : StarterUserId;
}

public class ConversationMessage
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid AuthorUserId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A person blocked by another in a network: the blocked one can no longer write to them.</summary>
public class PersonBlock
{
    public Guid NetworkId { get; set; }
    public Guid BlockerUserId { get; set; }
    public Guid BlockedUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class ConversationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Conversation>(e =>
        {
            e.ToTable("Conversations");
            e.Property(c => c.TopicKind).HasMaxLength(30);
            e.Property(c => c.AgreedPlace).HasMaxLength(200);
            e.HasIndex(c => new { c.NetworkId, c.TopicKind, c.TopicId, c.StarterUserId }).IsUnique();
            e.HasIndex(c => new { c.StarterUserId, c.LastMessageAt });
            e.HasIndex(c => new { c.OtherUserId, c.LastMessageAt });
        });
        b.Entity<ConversationMessage>(e =>
        {
            e.ToTable("ConversationMessages");
            e.Property(m => m.Text).HasMaxLength(2000);
            e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        });
        b.Entity<PersonBlock>(e =>
        {
            e.ToTable("PersonBlocks");
            e.HasKey(x => new { x.NetworkId, x.BlockerUserId, x.BlockedUserId });
            e.HasIndex(x => x.BlockedUserId);
        });
    }
}
