using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>A session of a support path may orient the family to its Family Card application (issue 16).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208220000_SessionCardApplication")]
public partial class SessionCardApplication : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot add a foreign key to an existing table; a new nullable column may carry its REFERENCES clause.
            migrationBuilder.Sql("ALTER TABLE \"SupportCaseSessions\" ADD COLUMN \"CardApplicationId\" TEXT NULL REFERENCES \"CardApplications\" (\"Id\") ON DELETE SET NULL;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "CardApplicationId", table: "SupportCaseSessions", nullable: true);
            migrationBuilder.AddForeignKey(name: "FK_SupportCaseSessions_CardApplications_CardApplicationId", table: "SupportCaseSessions", column: "CardApplicationId",
                principalTable: "CardApplications", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        migrationBuilder.CreateIndex(name: "IX_SupportCaseSessions_CardApplicationId", table: "SupportCaseSessions", column: "CardApplicationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_SupportCaseSessions_CardApplicationId", table: "SupportCaseSessions");
        if (migrationBuilder.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite")
            migrationBuilder.DropForeignKey(name: "FK_SupportCaseSessions_CardApplications_CardApplicationId", table: "SupportCaseSessions");
        migrationBuilder.DropColumn(name: "CardApplicationId", table: "SupportCaseSessions");
    }
}
