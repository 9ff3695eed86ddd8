using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// What an officer checks on a Family Card application: the members' fiscal codes with sex and the digital-identity
/// verification, the residence address and its check, the ISEE protocol, the officer's requests for more and the family's
/// answers, attached documents; one open application per household now counts «integrazioni richieste» too.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211200000_ApplicationEvidence")]
public partial class ApplicationEvidence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Sex", table: "HouseholdMembers", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "FiscalCodeVerifiedAt", table: "HouseholdMembers", nullable: true);
        migrationBuilder.AddColumn<string>(name: "FiscalCodeVerifiedBy", table: "HouseholdMembers", maxLength: 20, nullable: true);

        migrationBuilder.AddColumn<bool>(name: "AttachmentsRequired", table: "CardRules", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "AttachmentsHint", table: "CardRules", maxLength: 300, nullable: true);

        migrationBuilder.AddColumn<string>(name: "ResidenceAddress", table: "CardApplications", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<int>(name: "ResidenceCheck", table: "CardApplications", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ResidenceCheckedAt", table: "CardApplications", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ResidenceCheckNote", table: "CardApplications", maxLength: 300, nullable: true);
        migrationBuilder.AddColumn<string>(name: "IseeProtocol", table: "CardApplications", maxLength: 40, nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "IseeProtocolDate", table: "CardApplications", nullable: true);
        migrationBuilder.AddColumn<string>(name: "InformationRequest", table: "CardApplications", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "InformationRequestedAt", table: "CardApplications", nullable: true);
        migrationBuilder.AddColumn<string>(name: "InformationRequestedByName", table: "CardApplications", maxLength: 256, nullable: true);
        migrationBuilder.AddColumn<string>(name: "FamilyAnswer", table: "CardApplications", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "AnsweredAt", table: "CardApplications", nullable: true);
        migrationBuilder.AddColumn<int>(name: "RequestCount", table: "CardApplications", nullable: false, defaultValue: 0);

        migrationBuilder.DropIndex(name: "IX_CardApplications_OnePending", table: "CardApplications");
        migrationBuilder.CreateIndex(name: "IX_CardApplications_OnePending", table: "CardApplications", column: "HouseholdId",
            unique: true, filter: "\"Status\" IN (1, 5)");

        migrationBuilder.CreateTable(name: "CardApplicationDocuments", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            ApplicationId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            FileName = table.Column<string>(maxLength: 200, nullable: false),
            ContentType = table.Column<string>(maxLength: 120, nullable: false),
            Size = table.Column<long>(nullable: false),
            Content = table.Column<byte[]>(nullable: false),
            UploadedByUserId = table.Column<Guid>(nullable: true),
            UploadedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardApplicationDocuments", x => x.Id);
            table.ForeignKey(name: "FK_CardApplicationDocuments_CardApplications_ApplicationId", column: x => x.ApplicationId, principalTable: "CardApplications", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_CardApplicationDocuments_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_CardApplicationDocuments_ApplicationId_UploadedAt", table: "CardApplicationDocuments", columns: ["ApplicationId", "UploadedAt"]);
        migrationBuilder.CreateIndex(name: "IX_CardApplicationDocuments_NetworkId", table: "CardApplicationDocuments", column: "NetworkId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CardApplicationDocuments");
        migrationBuilder.DropIndex(name: "IX_CardApplications_OnePending", table: "CardApplications");
        migrationBuilder.CreateIndex(name: "IX_CardApplications_OnePending", table: "CardApplications", column: "HouseholdId",
            unique: true, filter: "\"Status\" = 1");
        foreach (var column in new[] { "ResidenceAddress", "ResidenceCheck", "ResidenceCheckedAt", "ResidenceCheckNote", "IseeProtocol", "IseeProtocolDate",
                     "InformationRequest", "InformationRequestedAt", "InformationRequestedByName", "FamilyAnswer", "AnsweredAt", "RequestCount" })
            migrationBuilder.DropColumn(name: column, table: "CardApplications");
        migrationBuilder.DropColumn(name: "AttachmentsRequired", table: "CardRules");
        migrationBuilder.DropColumn(name: "AttachmentsHint", table: "CardRules");
        migrationBuilder.DropColumn(name: "Sex", table: "HouseholdMembers");
        migrationBuilder.DropColumn(name: "FiscalCodeVerifiedAt", table: "HouseholdMembers");
        migrationBuilder.DropColumn(name: "FiscalCodeVerifiedBy", table: "HouseholdMembers");
    }
}
