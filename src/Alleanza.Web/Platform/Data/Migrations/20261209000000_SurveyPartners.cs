using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Questionari: the partner organisations the coordinators allow to build questionnaires, and whose each questionnaire is.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261209000000_SurveyPartners")]
public partial class SurveyPartners : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "PartnerId", table: "Surveys", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Surveys_NetworkId_PartnerId", table: "Surveys", columns: ["NetworkId", "PartnerId"]);
        migrationBuilder.CreateTable(name: "SurveyPartners", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            AllowedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyPartners", x => new { x.NetworkId, x.PartnerId });
            table.ForeignKey(name: "FK_SurveyPartners_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyPartners_PartnerId", table: "SurveyPartners", column: "PartnerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SurveyPartners");
        migrationBuilder.DropIndex(name: "IX_Surveys_NetworkId_PartnerId", table: "Surveys");
        migrationBuilder.DropColumn(name: "PartnerId", table: "Surveys");
    }
}
