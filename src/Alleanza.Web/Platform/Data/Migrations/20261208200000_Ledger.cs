using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>The double-entry ledger (time bank in minutes, purchasing groups in euro cents): accounts, transfers, movements.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208200000_Ledger")]
public partial class Ledger : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "LedgerAccounts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            OwnerKind = table.Column<string>(maxLength: 40, nullable: false),
            OwnerId = table.Column<Guid>(nullable: false),
            Unit = table.Column<int>(nullable: false),
            LowerLimit = table.Column<long>(nullable: true),
            LimitPolicy = table.Column<int>(nullable: false),
            Balance = table.Column<long>(nullable: false),
            MovementCount = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LedgerAccounts", x => x.Id);
            table.ForeignKey(name: "FK_LedgerAccounts_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_LedgerAccounts_OwnerKind_OwnerId_Unit", table: "LedgerAccounts", columns: ["OwnerKind", "OwnerId", "Unit"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_LedgerAccounts_NetworkId", table: "LedgerAccounts", column: "NetworkId");

        migrationBuilder.CreateTable(name: "LedgerTransfers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Unit = table.Column<int>(nullable: false),
            Kind = table.Column<string>(maxLength: 40, nullable: false),
            Memo = table.Column<string>(maxLength: 300, nullable: false),
            At = table.Column<DateTime>(nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            ReversesTransferId = table.Column<Guid>(nullable: true),
            Flagged = table.Column<bool>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LedgerTransfers", x => x.Id);
            table.ForeignKey(name: "FK_LedgerTransfers_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_LedgerTransfers_LedgerTransfers_ReversesTransferId", column: x => x.ReversesTransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_LedgerTransfers_ReversesTransferId", table: "LedgerTransfers", column: "ReversesTransferId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_LedgerTransfers_NetworkId_At", table: "LedgerTransfers", columns: ["NetworkId", "At"]);

        migrationBuilder.CreateTable(name: "LedgerMovements", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            TransferId = table.Column<Guid>(nullable: false),
            AccountId = table.Column<Guid>(nullable: false),
            Amount = table.Column<long>(nullable: false),
            BalanceAfter = table.Column<long>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LedgerMovements", x => x.Id);
            table.ForeignKey(name: "FK_LedgerMovements_LedgerTransfers_TransferId", column: x => x.TransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_LedgerMovements_LedgerAccounts_AccountId", column: x => x.AccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_LedgerMovements_AccountId_At", table: "LedgerMovements", columns: ["AccountId", "At"]);
        migrationBuilder.CreateIndex(name: "IX_LedgerMovements_TransferId", table: "LedgerMovements", column: "TransferId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LedgerMovements");
        migrationBuilder.DropTable(name: "LedgerTransfers");
        migrationBuilder.DropTable(name: "LedgerAccounts");
    }
}
