using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The collaboration pact (patto di collaborazione): its numbered versions per network, and partners' adhesions to them
/// (signatory, role, date, commitments), with withdrawals and replaced adhesions kept as history.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122040000_Pact")]
public partial class Pact : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "PactVersions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Number = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Text = table.Column<string>(maxLength: 60000, nullable: false),
            ChangeSummary = table.Column<string>(maxLength: 2000, nullable: true),
            Status = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            PublishedAt = table.Column<DateTime>(nullable: true),
            PublishedByUserId = table.Column<Guid>(nullable: true),
            PublishedByName = table.Column<string>(maxLength: 256, nullable: true),
            SupersededAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PactVersions", x => new { x.Id });
            table.ForeignKey(name: "FK_PactVersions_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "PactAdhesions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            VersionId = table.Column<Guid>(nullable: false),
            VersionNumber = table.Column<int>(nullable: false),
            SignatoryName = table.Column<string>(maxLength: 200, nullable: false),
            SignatoryRole = table.Column<string>(maxLength: 200, nullable: false),
            SignedOn = table.Column<DateOnly>(nullable: false),
            Channel = table.Column<int>(nullable: false),
            Commitments = table.Column<string>(maxLength: 4000, nullable: true),
            RecordedAt = table.Column<DateTime>(nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            RecordedByName = table.Column<string>(maxLength: 256, nullable: true),
            LivePartnerId = table.Column<Guid>(nullable: true),
            SupersededAt = table.Column<DateTime>(nullable: true),
            WithdrawnAt = table.Column<DateTime>(nullable: true),
            WithdrawalReason = table.Column<string>(maxLength: 1000, nullable: true),
            WithdrawnByName = table.Column<string>(maxLength: 256, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PactAdhesions", x => new { x.Id });
            table.ForeignKey(name: "FK_PactAdhesions_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PactAdhesions_PactVersions_VersionId", column: x => x.VersionId, principalTable: "PactVersions", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_PactAdhesions_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateIndex(name: "IX_PactAdhesions_LivePartnerId", table: "PactAdhesions", column: "LivePartnerId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PactAdhesions_NetworkId_LivePartnerId_VersionNumber", table: "PactAdhesions", columns: new[] { "NetworkId", "LivePartnerId", "VersionNumber" });
        migrationBuilder.CreateIndex(name: "IX_PactAdhesions_PartnerId_RecordedAt", table: "PactAdhesions", columns: new[] { "PartnerId", "RecordedAt" });
        migrationBuilder.CreateIndex(name: "IX_PactAdhesions_VersionId", table: "PactAdhesions", column: "VersionId");
        migrationBuilder.CreateIndex(name: "IX_PactVersions_NetworkId_Number", table: "PactVersions", columns: new[] { "NetworkId", "Number" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_PactVersions_NetworkId_Status", table: "PactVersions", columns: new[] { "NetworkId", "Status" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "PactAdhesions");
        migrationBuilder.DropTable(name: "PactVersions");
    }
}
