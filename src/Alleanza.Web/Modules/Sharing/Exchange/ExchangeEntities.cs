using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>What a post is: an offer (a gift, a loan, a swap) or a request («cerco»).</summary>
public enum PostKind
{
    [Display(Name = "Regalo")] Gift = 1,
    [Display(Name = "Prestito")] Loan = 2,
    [Display(Name = "Scambio")] Swap = 3,
    [Display(Name = "Cerco")] Request = 4,
}

/// <summary>Goods, services and experiences. <see cref="Medicines"/> and <see cref="Formula"/> exist only to be refused.</summary>
public enum PostCategory
{
    [Display(Name = "Abbigliamento")] Clothes = 1,
    [Display(Name = "Scarpe")] Shoes = 2,
    [Display(Name = "Passeggini e carrozzine")] Strollers = 3,
    [Display(Name = "Seggiolini auto")] CarSeats = 4,
    [Display(Name = "Lettini e culle")] Cots = 5,
    [Display(Name = "Giocattoli")] Toys = 6,
    [Display(Name = "Libri")] Books = 7,
    [Display(Name = "Materiale scolastico")] School = 8,
    [Display(Name = "Scambio di babysitting")] Babysitting = 20,
    [Display(Name = "Passaggi (scuola, sport)")] Lifts = 21,
    [Display(Name = "Aiuto compiti")] Homework = 22,
    [Display(Name = "Biglietti")] Tickets = 30,
    [Display(Name = "Uscite ed esperienze")] Outings = 31,
    [Display(Name = "Medicinali")] Medicines = 90,
    [Display(Name = "Latte artificiale")] Formula = 91,
}

public enum ItemCondition
{
    [Display(Name = "Nuovo")] New = 1,
    [Display(Name = "Come nuovo")] LikeNew = 2,
    [Display(Name = "Buono")] Good = 3,
    [Display(Name = "Usato, con segni d'uso")] Used = 4,
}

public enum HandOverMode
{
    [Display(Name = "A casa (ritiro concordato)")] AtHome = 1,
    [Display(Name = "In un punto di raccolta")] CollectionPoint = 2,
    [Display(Name = "Consegna")] Delivery = 3,
}

public enum PostStatus
{
    [Display(Name = "In moderazione")] Moderation = 1,
    [Display(Name = "Pubblicato")] Published = 2,
    [Display(Name = "Promesso")] Promised = 3,
    /// <summary>Handed over and confirmed by both sides; a loan stays here until it comes back.</summary>
    [Display(Name = "Consegnato")] HandedOver = 4,
    [Display(Name = "Concluso")] Closed = 5,
    [Display(Name = "Ritirato")] Withdrawn = 6,
    [Display(Name = "Scaduto")] Expired = 7,
    [Display(Name = "Non pubblicato")] Rejected = 8,
}

public enum ExchangeOutcome
{
    [Display(Name = "Bene")] Good = 1,
    [Display(Name = "Così così")] SoSo = 2,
    [Display(Name = "Male")] Bad = 3,
    [Display(Name = "Non si è presentato")] NoShow = 4,
}

/// <summary>
/// A family's post in Condividi. Its life: <see cref="PostStatus.Moderation"/> or <see cref="PostStatus.Published"/> →
/// <see cref="PostStatus.Promised"/> to one person (the first who asks: a conditional update, see <see cref="IVersioned"/>) →
/// <see cref="PostStatus.HandedOver"/> when both sides (or the collection point's staff) confirm → <see cref="PostStatus.Closed"/>
/// with an outcome; a loan is closed when it comes back. Withdrawn by its family, expired by the network's time, reposted in one click.
/// Only the Comune and a free «zona» are kept: never a street address.
/// </summary>
public class SharingPost : IVersioned
{
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid OwnerUserId { get; set; }
    public PostKind Kind { get; set; }
    public PostCategory Category { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Title and description lower-case and accent-free (<see cref="Platform.Text.SearchKey"/>): what the families' list and the saved searches look words up in.</summary>
    public string SearchText { get; set; } = "";
    public int? AgeFromMonths { get; set; }
    public int? AgeToMonths { get; set; }
    /// <summary>Clothes or shoes size, as the family writes it («86», «24», «4 anni»).</summary>
    public string? Size { get; set; }
    public ItemCondition? Condition { get; set; }
    public Guid ComuneId { get; set; }
    /// <summary>The neighbourhood or frazione, never the address.</summary>
    public string? Area { get; set; }
    public HandOverMode HandOver { get; set; }
    public Guid? CollectionPointId { get; set; }
    public string? Availability { get; set; }
    public int Quantity { get; set; } = 1;
    public int? LoanDays { get; set; }
    /// <summary>Car seats: the homologation stated on the label («R44/04» or «R129») and the year of manufacture.</summary>
    public string? Homologation { get; set; }
    public int? ManufactureYear { get; set; }
    public PostStatus Status { get; set; }
    public string? ModerationReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ExpiryReminderAt { get; set; }
    public Guid? PromisedToUserId { get; set; }
    public DateTime? PromisedAt { get; set; }
    public DateTime? OwnerConfirmedAt { get; set; }
    public DateTime? TakerConfirmedAt { get; set; }
    /// <summary>The collection point's staff member who confirmed the hand-over for both sides.</summary>
    public Guid? ConfirmedByStaffUserId { get; set; }
    public DateTime? HandedOverAt { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateTime? DueReminderAt { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public ExchangeOutcome? Outcome { get; set; }
    /// <summary>A swap: the other family's offer this one is exchanged with.</summary>
    public Guid? SwapPostId { get; set; }
    public Guid? CoverPhotoId { get; set; }

    public static string SearchKeyOf(string title, string description) => Platform.Text.SearchKey(title + " " + description);

    public bool IsLoanOut => Kind == PostKind.Loan && Status == PostStatus.HandedOver;
    public bool IsOverdue(DateOnly today) => IsLoanOut && DueOn is { } due && due < today;
}

/// <summary>A photo of a post, re-encoded on the server (no EXIF, no GPS) with its thumbnail for the lists.</summary>
public class SharingPhoto
{
    public Guid Id { get; set; }
    public Guid PostId { get; set; }
    public int Position { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public byte[] Content { get; set; } = [];
    public byte[] Thumbnail { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

/// <summary>A network's rules for Condividi, set by its coordinators.</summary>
public class SharingSettings : IVersioned
{
    public int Version { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>Posts of families with no completed exchange yet wait for a moderator.</summary>
    public bool ModerateNewFamilies { get; set; } = true;
    public int ExpiryDays { get; set; } = 30;
    public int ReminderDays { get; set; } = 3;
    /// <summary>Car seats older than this (years since manufacture) are refused.</summary>
    public int CarSeatMaxYears { get; set; } = 10;
    public int PostsPerWeek { get; set; } = 10;
    /// <summary>Words (one per line) that send a post to moderation.</summary>
    public string WatchWords { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A partner that agreed to be a collection point: families hand things over there, its staff can confirm.</summary>
public class CollectionPoint
{
    public Guid PartnerId { get; set; }
    public Guid NetworkId { get; set; }
    public string? Hours { get; set; }
    public DateTime Since { get; set; }
}

/// <summary>A partner's staff member the coordinators made a moderator of Condividi.</summary>
public class SharingModerator
{
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
    public DateTime Since { get; set; }
}

/// <summary>A report of a post or of a message, for the moderators' queue.</summary>
public class SharingReport : IVersioned
{
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid? PostId { get; set; }
    public Guid? MessageId { get; set; }
    public Guid ReporterUserId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public Guid? ResolvedByUserId { get; set; }
}

/// <summary>A family's saved search; with <see cref="Digest"/> on (off by default) it gets a daily mail of new matches.</summary>
public class SavedSearch
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public PostKind? Kind { get; set; }
    public PostCategory? Category { get; set; }
    public Guid? ComuneId { get; set; }
    public string? Words { get; set; }
    public bool Digest { get; set; }
    /// <summary>The last day sent (the digest's cutoff), claimed with a conditional update.</summary>
    public DateTime? LastSentFor { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class ExchangeModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SharingPostChange>(e =>
        {
            e.ToTable("SharingPostChanges");
            e.HasIndex(c => c.ChangedAt);
        });
        b.Entity<SharingPost>(e =>
        {
            e.ToTable("SharingPosts");
            e.Property(p => p.Title).HasMaxLength(120);
            e.Property(p => p.Description).HasMaxLength(3000);
            e.Property(p => p.SearchText).HasMaxLength(3200).HasDefaultValue(""); // the default only for the rows written before the column (migration SharingSearchText)
            e.Property(p => p.Size).HasMaxLength(30);
            e.Property(p => p.Area).HasMaxLength(80);
            e.Property(p => p.Availability).HasMaxLength(200);
            e.Property(p => p.Homologation).HasMaxLength(10);
            e.Property(p => p.ModerationReason).HasMaxLength(500);
            e.HasOne<Network.AllianceNetwork>().WithMany().HasForeignKey(p => p.NetworkId).OnDelete(DeleteBehavior.Cascade);
            // PublishedAt descending: the families' list reads the network's posts in this order (status, then newest first) and stops after its page.
            e.HasIndex(p => new { p.NetworkId, p.Status, p.PublishedAt }).IsDescending(false, false, true);
            e.HasIndex(p => new { p.NetworkId, p.ComuneId, p.Status });
            e.HasIndex(p => new { p.OwnerUserId, p.CreatedAt });
            e.HasIndex(p => p.PromisedToUserId);
            e.HasIndex(p => new { p.Status, p.ExpiresAt });
        });
        b.Entity<SharingPhoto>(e =>
        {
            e.ToTable("SharingPhotos");
            e.HasOne<SharingPost>().WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.PostId, p.Position }).IsUnique();
        });
        b.Entity<SharingSettings>(e =>
        {
            e.ToTable("SharingSettings");
            e.HasKey(s => s.NetworkId);
            e.Property(s => s.WatchWords).HasMaxLength(2000);
            e.HasOne<Network.AllianceNetwork>().WithMany().HasForeignKey(s => s.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CollectionPoint>(e =>
        {
            e.ToTable("SharingCollectionPoints");
            e.HasKey(c => c.PartnerId);
            e.Property(c => c.Hours).HasMaxLength(200);
            e.HasOne<Network.Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.NetworkId);
        });
        b.Entity<SharingModerator>(e =>
        {
            e.ToTable("SharingModerators");
            e.HasKey(m => new { m.NetworkId, m.UserId });
            e.HasIndex(m => m.UserId);
        });
        b.Entity<SharingReport>(e =>
        {
            e.ToTable("SharingReports");
            e.Property(r => r.Reason).HasMaxLength(500);
            e.HasIndex(r => new { r.NetworkId, r.ResolvedAt });
            e.HasIndex(r => new { r.ReporterUserId, r.PostId, r.MessageId }).IsUnique();
        });
        b.Entity<SavedSearch>(e =>
        {
            e.ToTable("SharingSavedSearches");
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Words).HasMaxLength(100);
            e.HasIndex(s => new { s.UserId, s.NetworkId });
            e.HasIndex(s => s.Digest);
        });
    }
}
