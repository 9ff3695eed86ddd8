using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Questionari: the questionnaires' texts in the languages the coordinators translate them into.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208010000_SurveyTranslations")]
public partial class SurveyTranslations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "SurveyTranslations", columns: table => new
        {
            SurveyId = table.Column<Guid>(nullable: false),
            Language = table.Column<string>(maxLength: 10, nullable: false),
            ItemId = table.Column<Guid>(nullable: false),
            Field = table.Column<int>(nullable: false),
            Text = table.Column<string>(maxLength: 4000, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyTranslations", x => new { x.SurveyId, x.Language, x.ItemId, x.Field });
            table.ForeignKey(name: "FK_SurveyTranslations_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SurveyTranslations");
}
