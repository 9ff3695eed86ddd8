using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The monthly sums of purchases and cards get covering indexes (network, month, then every column the statistics and
/// the dashboard read), so a network's year is summed from the index alone instead of fetching each row.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204020000_CoveringMonthIndexes")]
public partial class CoveringMonthIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_RedemptionMonths_NetworkId_Month", table: "RedemptionMonths");
        migrationBuilder.CreateIndex(name: "IX_RedemptionMonths_Covering", table: "RedemptionMonths",
            columns: new[] { "NetworkId", "Month", "ShopId", "Count", "DiscountCents", "PurchaseCents" });
        migrationBuilder.DropIndex(name: "IX_CardMonths_NetworkId_Month", table: "CardMonths");
        migrationBuilder.CreateIndex(name: "IX_CardMonths_Covering", table: "CardMonths",
            columns: new[] { "NetworkId", "Month", "ComuneId", "Issued", "ActiveExpiring" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_RedemptionMonths_Covering", table: "RedemptionMonths");
        migrationBuilder.CreateIndex(name: "IX_RedemptionMonths_NetworkId_Month", table: "RedemptionMonths", columns: new[] { "NetworkId", "Month" });
        migrationBuilder.DropIndex(name: "IX_CardMonths_Covering", table: "CardMonths");
        migrationBuilder.CreateIndex(name: "IX_CardMonths_NetworkId_Month", table: "CardMonths", columns: new[] { "NetworkId", "Month" });
    }
}
