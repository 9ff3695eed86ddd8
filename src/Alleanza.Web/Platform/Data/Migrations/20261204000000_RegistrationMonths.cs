using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Registrations counted per network, Comune, Italian month and status, kept by RegistrationMonthRollup. The rows for
/// the registrations already made are computed after migrating (DatabaseSetup.MigrateAsync), in C#, because SQLite
/// cannot convert a UTC instant to Italy's time zone. Also removes the redemption sums of shops deleted earlier.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration(Id)]
public partial class RegistrationMonths : Migration
{
    public const string Id = "20261204000000_RegistrationMonths";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "RegistrationMonths", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
            Month = table.Column<int>(nullable: false),
            Status = table.Column<int>(nullable: false),
            Count = table.Column<long>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_RegistrationMonths", x => new { x.NetworkId, x.ComuneId, x.Month, x.Status });
        });
        // The statistics now read a network's redemption sums without joining its shops: the sums of shops deleted
        // before shops took their sums with them are removed here.
        migrationBuilder.Sql("DELETE FROM \"RedemptionMonths\" WHERE \"ShopId\" NOT IN (SELECT \"Id\" FROM \"Shops\")");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "RegistrationMonths");
}
