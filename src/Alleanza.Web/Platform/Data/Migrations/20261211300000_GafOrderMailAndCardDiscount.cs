using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Purchasing groups (issue 19): the order e-mailed to the supplier, a cycle held open until its packages fill, the Family Card discount on a booking, a member who left.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211300000_GafOrderMailAndCardDiscount")]
public partial class GafOrderMailAndCardDiscount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "HoldForPackages", table: "GafCycles", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>(name: "SupplierMailedAt", table: "GafCycles", nullable: true);
        migrationBuilder.AddColumn<int>(name: "CardDiscountBasisPoints", table: "GafBookings", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "LeftAt", table: "GafMembers", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "HoldForPackages", table: "GafCycles");
        migrationBuilder.DropColumn(name: "SupplierMailedAt", table: "GafCycles");
        migrationBuilder.DropColumn(name: "CardDiscountBasisPoints", table: "GafBookings");
        migrationBuilder.DropColumn(name: "LeftAt", table: "GafMembers");
    }
}
