using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Courses (opportunities whose dates are registered for together) and each network's search synonyms
/// («bimbi» → bambini), edited by the coordinator.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206120000_CoursesAndSynonyms")]
public partial class CoursesAndSynonyms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "IsCourse", table: "Opportunities", nullable: false, defaultValue: false);
        migrationBuilder.CreateTable(name: "SearchSynonyms", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Word = table.Column<string>(maxLength: 60, nullable: false),
            Means = table.Column<string>(maxLength: 300, nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SearchSynonyms", x => x.Id);
            table.ForeignKey(name: "FK_SearchSynonyms_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SearchSynonyms_NetworkId_Word", table: "SearchSynonyms", columns: ["NetworkId", "Word"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SearchSynonyms");
        migrationBuilder.DropColumn(name: "IsCourse", table: "Opportunities");
    }
}
