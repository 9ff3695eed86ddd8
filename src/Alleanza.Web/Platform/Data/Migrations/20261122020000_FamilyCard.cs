using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The Family Card: rules per network, households and their members, applications, cards and the devices they are
/// activated on, the networks' signing keys, merchants' shops and offers, reciprocity between networks,
/// redemptions with their monthly sums, and the tills' API keys.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_FamilyCard")]
public partial class FamilyCard : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Municipal officers decide the applications of one Comune.
        if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot add a foreign key to an existing table (EF would rebuild the table, which needs a model
            // snapshot these hand-written migrations do not have); a new nullable column may carry its REFERENCES clause.
            migrationBuilder.Sql("ALTER TABLE \"Memberships\" ADD COLUMN \"ComuneId\" TEXT NULL REFERENCES \"Comuni\" (\"Id\") ON DELETE SET NULL;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "ComuneId", table: "Memberships", nullable: true);
            migrationBuilder.AddForeignKey(name: "FK_Memberships_Comuni_ComuneId", table: "Memberships", column: "ComuneId", principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        migrationBuilder.CreateIndex(name: "IX_Memberships_ComuneId", table: "Memberships", column: "ComuneId");

        migrationBuilder.CreateTable(name: "RedemptionMonths", columns: table => new
        {
            ShopId = table.Column<Guid>(nullable: false),
            Month = table.Column<int>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Count = table.Column<long>(nullable: false),
            DiscountCents = table.Column<long>(nullable: false),
            PurchaseCents = table.Column<long>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_RedemptionMonths", x => new { x.ShopId, x.Month });
        });
        migrationBuilder.CreateTable(name: "Redemptions", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            NetworkId = table.Column<Guid>(nullable: false),
            ShopId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            CardId = table.Column<Guid>(nullable: false),
            OfferId = table.Column<Guid>(nullable: true),
            At = table.Column<DateTime>(nullable: false),
            PurchaseAmount = table.Column<Decimal>(precision: 10, scale: 2, nullable: true),
            DiscountAmount = table.Column<Decimal>(precision: 10, scale: 2, nullable: true),
            TokenHash = table.Column<string>(maxLength: 64, nullable: true),
            IdempotencyKey = table.Column<string>(maxLength: 100, nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            ApiKeyId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Redemptions", x => new { x.Id });
        });
        migrationBuilder.CreateTable(name: "CardReciprocities", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            OtherNetworkId = table.Column<Guid>(nullable: false),
            AgreedAt = table.Column<DateTime>(nullable: false),
            AgreedByUserId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardReciprocities", x => new { x.NetworkId, x.OtherNetworkId });
            table.ForeignKey(name: "FK_CardReciprocities_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_CardReciprocities_Networks_OtherNetworkId", column: x => x.OtherNetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "CardRules", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            MinChildren = table.Column<int>(nullable: false),
            ChildAgeLimit = table.Column<int>(nullable: false),
            IseeCeiling = table.Column<Decimal>(precision: 10, scale: 2, nullable: true),
            AutoApprove = table.Column<bool>(nullable: false),
            ReminderDays = table.Column<int>(nullable: false),
            PrivacyVersion = table.Column<string>(maxLength: 40, nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardRules", x => new { x.NetworkId });
            table.ForeignKey(name: "FK_CardRules_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "CardSigningKeys", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Kid = table.Column<string>(maxLength: 40, nullable: false),
            PublicKey = table.Column<byte[]>(nullable: false),
            ProtectedPrivateKey = table.Column<string>(maxLength: 4000, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            RetiredAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardSigningKeys", x => new { x.Id });
            table.ForeignKey(name: "FK_CardSigningKeys_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "Households", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            OwnerUserId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
            IseeBand = table.Column<int>(nullable: true),
            IseeDate = table.Column<DateOnly>(nullable: true),
            PrivacyVersion = table.Column<string>(maxLength: 40, nullable: false),
            PrivacyConsentAt = table.Column<DateTime>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Households", x => new { x.Id });
            table.ForeignKey(name: "FK_Households_AspNetUsers_OwnerUserId", column: x => x.OwnerUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Households_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_Households_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "Offers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Kind = table.Column<int>(nullable: false),
            Percent = table.Column<Decimal>(precision: 5, scale: 2, nullable: true),
            Amount = table.Column<Decimal>(precision: 10, scale: 2, nullable: true),
            Description = table.Column<string>(maxLength: 2000, nullable: true),
            Conditions = table.Column<string>(maxLength: 2000, nullable: true),
            ValidFrom = table.Column<DateOnly>(nullable: true),
            ValidUntil = table.Column<DateOnly>(nullable: true),
            Status = table.Column<int>(nullable: false),
            ModerationNote = table.Column<string>(maxLength: 2000, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            PublishedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Offers", x => new { x.Id });
            table.ForeignKey(name: "FK_Offers_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Offers_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "PartnerApiKeys", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 100, nullable: false),
            Prefix = table.Column<string>(maxLength: 12, nullable: false),
            KeyHash = table.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            CreatedByUserId = table.Column<Guid>(nullable: true),
            RevokedAt = table.Column<DateTime>(nullable: true),
            LastUsedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PartnerApiKeys", x => new { x.Id });
            table.ForeignKey(name: "FK_PartnerApiKeys_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PartnerApiKeys_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "Shops", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            NameKey = table.Column<string>(maxLength: 200, nullable: false),
            Address = table.Column<string>(maxLength: 200, nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
            Latitude = table.Column<Double>(nullable: true),
            Longitude = table.Column<Double>(nullable: true),
            OpeningHours = table.Column<string>(maxLength: 500, nullable: true),
            Phone = table.Column<string>(maxLength: 40, nullable: true),
            Category = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Shops", x => new { x.Id });
            table.ForeignKey(name: "FK_Shops_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_Shops_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Shops_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "CardApplications", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
            Status = table.Column<int>(nullable: false),
            SubmittedAt = table.Column<DateTime>(nullable: false),
            DecidedAt = table.Column<DateTime>(nullable: true),
            DecidedByUserId = table.Column<Guid>(nullable: true),
            DecidedByName = table.Column<string>(maxLength: 256, nullable: true),
            Reason = table.Column<string>(maxLength: 2000, nullable: true),
            EligibilitySummary = table.Column<string>(maxLength: 2000, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardApplications", x => new { x.Id });
            table.ForeignKey(name: "FK_CardApplications_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_CardApplications_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_CardApplications_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "HouseholdMembers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: false),
            Role = table.Column<int>(nullable: false),
            FirstName = table.Column<string>(maxLength: 100, nullable: false),
            LastName = table.Column<string>(maxLength: 100, nullable: false),
            BirthDate = table.Column<DateOnly>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_HouseholdMembers", x => new { x.Id });
            table.ForeignKey(name: "FK_HouseholdMembers_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "OfferNetworks", columns: table => new
        {
            OfferId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OfferNetworks", x => new { x.OfferId, x.NetworkId });
            table.ForeignKey(name: "FK_OfferNetworks_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_OfferNetworks_Offers_OfferId", column: x => x.OfferId, principalTable: "Offers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "FamilyCards", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: false),
            MemberId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
            Number = table.Column<string>(maxLength: 20, nullable: false),
            HolderFirstName = table.Column<string>(maxLength: 100, nullable: false),
            HolderLastName = table.Column<string>(maxLength: 100, nullable: false),
            Status = table.Column<int>(nullable: false),
            IssuedAt = table.Column<DateTime>(nullable: false),
            ValidUntil = table.Column<DateTime>(nullable: false),
            StatusChangedAt = table.Column<DateTime>(nullable: true),
            StatusReason = table.Column<string>(maxLength: 500, nullable: true),
            ReplacedByCardId = table.Column<Guid>(nullable: true),
            ReminderSentAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_FamilyCards", x => new { x.Id });
            table.ForeignKey(name: "FK_FamilyCards_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_FamilyCards_HouseholdMembers_MemberId", column: x => x.MemberId, principalTable: "HouseholdMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_FamilyCards_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_FamilyCards_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "CardDevices", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CardId = table.Column<Guid>(nullable: false),
            PublicKey = table.Column<byte[]>(nullable: false),
            Label = table.Column<string>(maxLength: 200, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            RevokedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardDevices", x => new { x.Id });
            table.ForeignKey(name: "FK_CardDevices_FamilyCards_CardId", column: x => x.CardId, principalTable: "FamilyCards", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_CardApplications_ComuneId", table: "CardApplications", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_CardApplications_HouseholdId", table: "CardApplications", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_CardApplications_NetworkId_Status_SubmittedAt", table: "CardApplications", columns: new[] { "NetworkId", "Status", "SubmittedAt" });
        migrationBuilder.CreateIndex(name: "IX_CardDevices_CardId", table: "CardDevices", column: "CardId");
        migrationBuilder.CreateIndex(name: "IX_CardReciprocities_OtherNetworkId", table: "CardReciprocities", column: "OtherNetworkId");
        migrationBuilder.CreateIndex(name: "IX_CardSigningKeys_Kid", table: "CardSigningKeys", column: "Kid", unique: true);
        migrationBuilder.CreateIndex(name: "IX_CardSigningKeys_NetworkId", table: "CardSigningKeys", column: "NetworkId");
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_ComuneId", table: "FamilyCards", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_HouseholdId", table: "FamilyCards", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_MemberId", table: "FamilyCards", column: "MemberId");
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_NetworkId_IssuedAt_ComuneId", table: "FamilyCards", columns: new[] { "NetworkId", "IssuedAt", "ComuneId" });
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_NetworkId_Status_ValidUntil_ComuneId", table: "FamilyCards", columns: new[] { "NetworkId", "Status", "ValidUntil", "ComuneId" });
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_Number", table: "FamilyCards", column: "Number", unique: true);
        migrationBuilder.CreateIndex(name: "IX_HouseholdMembers_HouseholdId", table: "HouseholdMembers", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_Households_ComuneId", table: "Households", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_Households_NetworkId_OwnerUserId", table: "Households", columns: new[] { "NetworkId", "OwnerUserId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Households_OwnerUserId", table: "Households", column: "OwnerUserId");
        migrationBuilder.CreateIndex(name: "IX_OfferNetworks_NetworkId", table: "OfferNetworks", column: "NetworkId");
        migrationBuilder.CreateIndex(name: "IX_Offers_NetworkId_Status", table: "Offers", columns: new[] { "NetworkId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Offers_PartnerId", table: "Offers", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_PartnerApiKeys_KeyHash", table: "PartnerApiKeys", column: "KeyHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PartnerApiKeys_NetworkId", table: "PartnerApiKeys", column: "NetworkId");
        migrationBuilder.CreateIndex(name: "IX_PartnerApiKeys_PartnerId", table: "PartnerApiKeys", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_RedemptionMonths_NetworkId_Month", table: "RedemptionMonths", columns: new[] { "NetworkId", "Month" });
        migrationBuilder.CreateIndex(name: "IX_Redemptions_CardId_At", table: "Redemptions", columns: new[] { "CardId", "At" });
        migrationBuilder.CreateIndex(name: "IX_Redemptions_IdempotencyKey", table: "Redemptions", column: "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Redemptions_PartnerId_At", table: "Redemptions", columns: new[] { "PartnerId", "At" });
        migrationBuilder.CreateIndex(name: "IX_Redemptions_TokenHash", table: "Redemptions", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Shops_ComuneId", table: "Shops", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_Shops_NetworkId_Category", table: "Shops", columns: new[] { "NetworkId", "Category" });
        migrationBuilder.CreateIndex(name: "IX_Shops_NetworkId_NameKey", table: "Shops", columns: new[] { "NetworkId", "NameKey" });
        migrationBuilder.CreateIndex(name: "IX_Shops_PartnerId", table: "Shops", column: "PartnerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            migrationBuilder.DropForeignKey(name: "FK_Memberships_Comuni_ComuneId", table: "Memberships");
        migrationBuilder.DropIndex(name: "IX_Memberships_ComuneId", table: "Memberships");
        migrationBuilder.DropColumn(name: "ComuneId", table: "Memberships");
        migrationBuilder.DropTable(name: "CardDevices");
        migrationBuilder.DropTable(name: "FamilyCards");
        migrationBuilder.DropTable(name: "OfferNetworks");
        migrationBuilder.DropTable(name: "HouseholdMembers");
        migrationBuilder.DropTable(name: "CardApplications");
        migrationBuilder.DropTable(name: "Shops");
        migrationBuilder.DropTable(name: "PartnerApiKeys");
        migrationBuilder.DropTable(name: "Offers");
        migrationBuilder.DropTable(name: "Households");
        migrationBuilder.DropTable(name: "CardSigningKeys");
        migrationBuilder.DropTable(name: "CardRules");
        migrationBuilder.DropTable(name: "CardReciprocities");
        migrationBuilder.DropTable(name: "Redemptions");
        migrationBuilder.DropTable(name: "RedemptionMonths");
    }
}
