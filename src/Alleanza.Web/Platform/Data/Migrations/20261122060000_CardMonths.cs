using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Cards counted per Comune and Italian month (issued, and active by month of expiry), kept by CardMonthRollup.
/// The rows for the cards already issued are computed after migrating (DatabaseSetup.MigrateAsync), in C#, because
/// SQLite cannot convert a UTC instant to Italy's time zone.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration(Id)]
public partial class CardMonths : Migration
{
    public const string Id = "20261122060000_CardMonths";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "CardMonths", columns: table => new
        {
            ComuneId = table.Column<Guid>(nullable: false),
            Month = table.Column<int>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Issued = table.Column<long>(nullable: false),
            ActiveExpiring = table.Column<long>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CardMonths", x => new { x.ComuneId, x.Month });
        });
        migrationBuilder.CreateIndex(name: "IX_CardMonths_NetworkId_Month", table: "CardMonths", columns: new[] { "NetworkId", "Month" });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "CardMonths");
}
