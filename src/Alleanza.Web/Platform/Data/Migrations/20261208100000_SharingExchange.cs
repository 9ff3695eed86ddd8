using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Condividi: families' posts with their photos, the network's settings, collection points, moderators, reports, saved searches; private conversations and blocks.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208100000_SharingExchange")]
public partial class SharingExchange : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "SharingPosts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            OwnerUserId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            Category = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 120, nullable: false),
            Description = table.Column<string>(maxLength: 3000, nullable: false),
            AgeFromMonths = table.Column<int>(nullable: true),
            AgeToMonths = table.Column<int>(nullable: true),
            Size = table.Column<string>(maxLength: 30, nullable: true),
            Condition = table.Column<int>(nullable: true),
            ComuneId = table.Column<Guid>(nullable: false),
            Area = table.Column<string>(maxLength: 80, nullable: true),
            HandOver = table.Column<int>(nullable: false),
            CollectionPointId = table.Column<Guid>(nullable: true),
            Availability = table.Column<string>(maxLength: 200, nullable: true),
            Quantity = table.Column<int>(nullable: false),
            LoanDays = table.Column<int>(nullable: true),
            Homologation = table.Column<string>(maxLength: 10, nullable: true),
            ManufactureYear = table.Column<int>(nullable: true),
            Status = table.Column<int>(nullable: false),
            ModerationReason = table.Column<string>(maxLength: 500, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            PublishedAt = table.Column<DateTime>(nullable: true),
            ExpiresAt = table.Column<DateTime>(nullable: false),
            ExpiryReminderAt = table.Column<DateTime>(nullable: true),
            PromisedToUserId = table.Column<Guid>(nullable: true),
            PromisedAt = table.Column<DateTime>(nullable: true),
            OwnerConfirmedAt = table.Column<DateTime>(nullable: true),
            TakerConfirmedAt = table.Column<DateTime>(nullable: true),
            ConfirmedByStaffUserId = table.Column<Guid>(nullable: true),
            HandedOverAt = table.Column<DateTime>(nullable: true),
            DueOn = table.Column<DateOnly>(nullable: true),
            DueReminderAt = table.Column<DateTime>(nullable: true),
            ReturnedAt = table.Column<DateTime>(nullable: true),
            ClosedAt = table.Column<DateTime>(nullable: true),
            Outcome = table.Column<int>(nullable: true),
            SwapPostId = table.Column<Guid>(nullable: true),
            CoverPhotoId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SharingPosts", x => x.Id);
            table.ForeignKey(name: "FK_SharingPosts_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_NetworkId_Status_PublishedAt", table: "SharingPosts", columns: ["NetworkId", "Status", "PublishedAt"]);
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_NetworkId_ComuneId_Status", table: "SharingPosts", columns: ["NetworkId", "ComuneId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_OwnerUserId_CreatedAt", table: "SharingPosts", columns: ["OwnerUserId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_PromisedToUserId", table: "SharingPosts", column: "PromisedToUserId");
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_Status_ExpiresAt", table: "SharingPosts", columns: ["Status", "ExpiresAt"]);

        migrationBuilder.CreateTable(name: "SharingPhotos", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            PostId = table.Column<Guid>(nullable: false),
            Position = table.Column<int>(nullable: false),
            Width = table.Column<int>(nullable: false),
            Height = table.Column<int>(nullable: false),
            Content = table.Column<byte[]>(nullable: false),
            Thumbnail = table.Column<byte[]>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SharingPhotos", x => x.Id);
            table.ForeignKey(name: "FK_SharingPhotos_SharingPosts_PostId", column: x => x.PostId, principalTable: "SharingPosts", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SharingPhotos_PostId_Position", table: "SharingPhotos", columns: ["PostId", "Position"], unique: true);

        migrationBuilder.CreateTable(name: "SharingSettings", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            ModerateNewFamilies = table.Column<bool>(nullable: false),
            ExpiryDays = table.Column<int>(nullable: false),
            ReminderDays = table.Column<int>(nullable: false),
            CarSeatMaxYears = table.Column<int>(nullable: false),
            PostsPerWeek = table.Column<int>(nullable: false),
            WatchWords = table.Column<string>(maxLength: 2000, nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SharingSettings", x => x.NetworkId);
            table.ForeignKey(name: "FK_SharingSettings_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "SharingCollectionPoints", columns: table => new
        {
            PartnerId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Hours = table.Column<string>(maxLength: 200, nullable: true),
            Since = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SharingCollectionPoints", x => x.PartnerId);
            table.ForeignKey(name: "FK_SharingCollectionPoints_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SharingCollectionPoints_NetworkId", table: "SharingCollectionPoints", column: "NetworkId");

        migrationBuilder.CreateTable(name: "SharingModerators", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Since = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_SharingModerators", x => new { x.NetworkId, x.UserId }));
        migrationBuilder.CreateIndex(name: "IX_SharingModerators_UserId", table: "SharingModerators", column: "UserId");

        migrationBuilder.CreateTable(name: "SharingReports", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            PostId = table.Column<Guid>(nullable: true),
            MessageId = table.Column<Guid>(nullable: true),
            ReporterUserId = table.Column<Guid>(nullable: false),
            Reason = table.Column<string>(maxLength: 500, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            ResolvedAt = table.Column<DateTime>(nullable: true),
            ResolvedByUserId = table.Column<Guid>(nullable: true),
        }, constraints: table => table.PrimaryKey("PK_SharingReports", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SharingReports_NetworkId_ResolvedAt", table: "SharingReports", columns: ["NetworkId", "ResolvedAt"]);
        migrationBuilder.CreateIndex(name: "IX_SharingReports_ReporterUserId_PostId_MessageId", table: "SharingReports", columns: ["ReporterUserId", "PostId", "MessageId"], unique: true);

        migrationBuilder.CreateTable(name: "SharingSavedSearches", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 100, nullable: false),
            Kind = table.Column<int>(nullable: true),
            Category = table.Column<int>(nullable: true),
            ComuneId = table.Column<Guid>(nullable: true),
            Words = table.Column<string>(maxLength: 100, nullable: true),
            Digest = table.Column<bool>(nullable: false),
            LastSentFor = table.Column<DateTime>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_SharingSavedSearches", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SharingSavedSearches_UserId_NetworkId", table: "SharingSavedSearches", columns: ["UserId", "NetworkId"]);
        migrationBuilder.CreateIndex(name: "IX_SharingSavedSearches_Digest", table: "SharingSavedSearches", column: "Digest");

        migrationBuilder.CreateTable(name: "Conversations", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            TopicKind = table.Column<string>(maxLength: 30, nullable: false),
            TopicId = table.Column<Guid>(nullable: false),
            StarterUserId = table.Column<Guid>(nullable: false),
            OtherUserId = table.Column<Guid>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            LastMessageAt = table.Column<DateTime>(nullable: false),
            AgreedAt = table.Column<DateTime>(nullable: true),
            AgreedPlace = table.Column<string>(maxLength: 200, nullable: true),
            StarterNoticeAt = table.Column<DateTime>(nullable: true),
            OtherNoticeAt = table.Column<DateTime>(nullable: true),
            StarterReadAt = table.Column<DateTime>(nullable: true),
            OtherReadAt = table.Column<DateTime>(nullable: true),
        }, constraints: table => table.PrimaryKey("PK_Conversations", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Conversations_NetworkId_TopicKind_TopicId_StarterUserId", table: "Conversations", columns: ["NetworkId", "TopicKind", "TopicId", "StarterUserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Conversations_StarterUserId_LastMessageAt", table: "Conversations", columns: ["StarterUserId", "LastMessageAt"]);
        migrationBuilder.CreateIndex(name: "IX_Conversations_OtherUserId_LastMessageAt", table: "Conversations", columns: ["OtherUserId", "LastMessageAt"]);

        migrationBuilder.CreateTable(name: "ConversationMessages", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            ConversationId = table.Column<Guid>(nullable: false),
            AuthorUserId = table.Column<Guid>(nullable: false),
            Text = table.Column<string>(maxLength: 2000, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_ConversationMessages", x => x.Id);
            table.ForeignKey(name: "FK_ConversationMessages_Conversations_ConversationId", column: x => x.ConversationId, principalTable: "Conversations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_ConversationMessages_ConversationId_CreatedAt", table: "ConversationMessages", columns: ["ConversationId", "CreatedAt"]);

        migrationBuilder.CreateTable(name: "PersonBlocks", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            BlockerUserId = table.Column<Guid>(nullable: false),
            BlockedUserId = table.Column<Guid>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_PersonBlocks", x => new { x.NetworkId, x.BlockerUserId, x.BlockedUserId }));
        migrationBuilder.CreateIndex(name: "IX_PersonBlocks_BlockedUserId", table: "PersonBlocks", column: "BlockedUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "PersonBlocks");
        migrationBuilder.DropTable(name: "ConversationMessages");
        migrationBuilder.DropTable(name: "Conversations");
        migrationBuilder.DropTable(name: "SharingSavedSearches");
        migrationBuilder.DropTable(name: "SharingReports");
        migrationBuilder.DropTable(name: "SharingModerators");
        migrationBuilder.DropTable(name: "SharingCollectionPoints");
        migrationBuilder.DropTable(name: "SharingSettings");
        migrationBuilder.DropTable(name: "SharingPhotos");
        migrationBuilder.DropTable(name: "SharingPosts");
    }
}
