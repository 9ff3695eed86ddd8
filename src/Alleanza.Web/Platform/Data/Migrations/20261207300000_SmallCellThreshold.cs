using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>The network's small-cell threshold for the evaluation of the support paths and its restitution report.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207300000_SmallCellThreshold")]
public partial class SmallCellThreshold : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "SmallCellThreshold", table: "SupportSettings", nullable: false, defaultValue: 5);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "SmallCellThreshold", table: "SupportSettings");
}
