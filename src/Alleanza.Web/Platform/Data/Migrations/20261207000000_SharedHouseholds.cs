using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The household becomes the Families module's shared record: an operator may register one for a family without an account
/// (no owner yet, who registered it), the family claims it with a one-time code; members may carry a codice fiscale.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207000000_SharedHouseholds")]
public partial class SharedHouseholds : Migration
{
    const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == Sqlite)
        {
            // SQLite cannot alter a column or add a foreign key: the table is rebuilt (as EF does), with foreign keys off so
            // dropping the old table does not cascade to members, applications and cards.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_Households" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Households" PRIMARY KEY,
                    "NetworkId" TEXT NOT NULL,
                    "OwnerUserId" TEXT NULL,
                    "ComuneId" TEXT NOT NULL,
                    "IseeBand" INTEGER NULL,
                    "IseeDate" TEXT NULL,
                    "PrivacyVersion" TEXT NOT NULL,
                    "PrivacyConsentAt" TEXT NOT NULL,
                    "CreatedAt" TEXT NOT NULL,
                    "UpdatedAt" TEXT NOT NULL,
                    "RegisteredByUserId" TEXT NULL,
                    "RegisteredByPartnerId" TEXT NULL,
                    "ClaimCodeHash" TEXT NULL,
                    "ClaimCodeExpiresAt" TEXT NULL,
                    "ClaimedAt" TEXT NULL,
                    CONSTRAINT "FK_Households_AspNetUsers_OwnerUserId" FOREIGN KEY ("OwnerUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_Households_AspNetUsers_RegisteredByUserId" FOREIGN KEY ("RegisteredByUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
                    CONSTRAINT "FK_Households_Comuni_ComuneId" FOREIGN KEY ("ComuneId") REFERENCES "Comuni" ("Id") ON DELETE RESTRICT,
                    CONSTRAINT "FK_Households_Networks_NetworkId" FOREIGN KEY ("NetworkId") REFERENCES "Networks" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_Households_Partners_RegisteredByPartnerId" FOREIGN KEY ("RegisteredByPartnerId") REFERENCES "Partners" ("Id") ON DELETE SET NULL
                );
                INSERT INTO "ef_temp_Households" ("Id", "NetworkId", "OwnerUserId", "ComuneId", "IseeBand", "IseeDate", "PrivacyVersion", "PrivacyConsentAt", "CreatedAt", "UpdatedAt")
                SELECT "Id", "NetworkId", "OwnerUserId", "ComuneId", "IseeBand", "IseeDate", "PrivacyVersion", "PrivacyConsentAt", "CreatedAt", "UpdatedAt" FROM "Households";
                DROP TABLE "Households";
                ALTER TABLE "ef_temp_Households" RENAME TO "Households";
                """);
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
            migrationBuilder.CreateIndex(name: "IX_Households_ComuneId", table: "Households", column: "ComuneId");
            migrationBuilder.CreateIndex(name: "IX_Households_NetworkId_OwnerUserId", table: "Households", columns: ["NetworkId", "OwnerUserId"], unique: true);
            migrationBuilder.CreateIndex(name: "IX_Households_OwnerUserId", table: "Households", column: "OwnerUserId");
        }
        else
        {
            migrationBuilder.AlterColumn<Guid>(name: "OwnerUserId", table: "Households", nullable: true, oldClrType: typeof(Guid), oldNullable: false);
            migrationBuilder.AddColumn<Guid>(name: "RegisteredByUserId", table: "Households", nullable: true);
            migrationBuilder.AddColumn<Guid>(name: "RegisteredByPartnerId", table: "Households", nullable: true);
            migrationBuilder.AddColumn<string>(name: "ClaimCodeHash", table: "Households", maxLength: 64, nullable: true);
            migrationBuilder.AddColumn<DateTime>(name: "ClaimCodeExpiresAt", table: "Households", nullable: true);
            migrationBuilder.AddColumn<DateTime>(name: "ClaimedAt", table: "Households", nullable: true);
            migrationBuilder.AddForeignKey(name: "FK_Households_AspNetUsers_RegisteredByUserId", table: "Households", column: "RegisteredByUserId",
                principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            migrationBuilder.AddForeignKey(name: "FK_Households_Partners_RegisteredByPartnerId", table: "Households", column: "RegisteredByPartnerId",
                principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        migrationBuilder.CreateIndex(name: "IX_Households_ClaimCodeHash", table: "Households", column: "ClaimCodeHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Households_RegisteredByUserId", table: "Households", column: "RegisteredByUserId");
        migrationBuilder.CreateIndex(name: "IX_Households_RegisteredByPartnerId", table: "Households", column: "RegisteredByPartnerId");

        migrationBuilder.AddColumn<string>(name: "FiscalCode", table: "HouseholdMembers", maxLength: 16, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_HouseholdMembers_FiscalCode", table: "HouseholdMembers", column: "FiscalCode");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_HouseholdMembers_FiscalCode", table: "HouseholdMembers");
        migrationBuilder.DropColumn(name: "FiscalCode", table: "HouseholdMembers");
        migrationBuilder.DropIndex(name: "IX_Households_RegisteredByPartnerId", table: "Households");
        migrationBuilder.DropIndex(name: "IX_Households_RegisteredByUserId", table: "Households");
        migrationBuilder.DropIndex(name: "IX_Households_ClaimCodeHash", table: "Households");
        if (migrationBuilder.ActiveProvider != Sqlite)
        {
            migrationBuilder.DropForeignKey(name: "FK_Households_Partners_RegisteredByPartnerId", table: "Households");
            migrationBuilder.DropForeignKey(name: "FK_Households_AspNetUsers_RegisteredByUserId", table: "Households");
            // Households an operator registered have no owner: they cannot survive the old schema.
            migrationBuilder.Sql("DELETE FROM \"Households\" WHERE \"OwnerUserId\" IS NULL;");
            migrationBuilder.AlterColumn<Guid>(name: "OwnerUserId", table: "Households", nullable: false, oldClrType: typeof(Guid), oldNullable: true);
        }
        migrationBuilder.DropColumn(name: "ClaimedAt", table: "Households");
        migrationBuilder.DropColumn(name: "ClaimCodeExpiresAt", table: "Households");
        migrationBuilder.DropColumn(name: "ClaimCodeHash", table: "Households");
        migrationBuilder.DropColumn(name: "RegisteredByPartnerId", table: "Households");
        migrationBuilder.DropColumn(name: "RegisteredByUserId", table: "Households");
    }
}
