using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>The value of each bound Piano Family indicator as last computed in the background, and when.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204010000_IndicatorComputedValues")]
public partial class IndicatorComputedValues : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>(name: "ComputedValue", table: "PlanIndicators", precision: 14, scale: 2, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ComputedAt", table: "PlanIndicators", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ComputedValue", table: "PlanIndicators");
        migrationBuilder.DropColumn(name: "ComputedAt", table: "PlanIndicators");
    }
}
