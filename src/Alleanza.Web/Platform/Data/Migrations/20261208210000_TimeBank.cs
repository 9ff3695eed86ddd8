using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>The time bank: banks with their rules and managers, members, offers and requests, exchanges and group activities.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208210000_TimeBank")]
public partial class TimeBank : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "TimeBanks", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Rules = table.Column<string>(maxLength: 4000, nullable: false),
            LowerLimitMinutes = table.Column<int>(nullable: false),
            LimitPolicy = table.Column<int>(nullable: false),
            ConfirmDays = table.Column<int>(nullable: false),
            Unconfirmed = table.Column<int>(nullable: false),
            AccountId = table.Column<Guid>(nullable: false),
            OpenedAt = table.Column<DateTime>(nullable: false),
            OpenedByUserId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBanks", x => x.Id);
            table.ForeignKey(name: "FK_TimeBanks_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBanks_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TimeBanks_LedgerAccounts_AccountId", column: x => x.AccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBanks_NetworkId", table: "TimeBanks", column: "NetworkId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_TimeBanks_PartnerId", table: "TimeBanks", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_TimeBanks_AccountId", table: "TimeBanks", column: "AccountId");

        migrationBuilder.CreateTable(name: "TimeBankManagers", columns: table => new
        {
            BankId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBankManagers", x => new { x.BankId, x.UserId });
            table.ForeignKey(name: "FK_TimeBankManagers_TimeBanks_BankId", column: x => x.BankId, principalTable: "TimeBanks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankManagers_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBankManagers_UserId", table: "TimeBankManagers", column: "UserId");

        migrationBuilder.CreateTable(name: "TimeBankMembers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            BankId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: true),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Presentation = table.Column<string>(maxLength: 1000, nullable: true),
            Status = table.Column<int>(nullable: false),
            RequestedAt = table.Column<DateTime>(nullable: false),
            RulesAcceptedAt = table.Column<DateTime>(nullable: false),
            DecidedAt = table.Column<DateTime>(nullable: true),
            DecidedByUserId = table.Column<Guid>(nullable: true),
            DecisionNote = table.Column<string>(maxLength: 500, nullable: true),
            AccountId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBankMembers", x => x.Id);
            table.ForeignKey(name: "FK_TimeBankMembers_TimeBanks_BankId", column: x => x.BankId, principalTable: "TimeBanks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankMembers_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankMembers_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TimeBankMembers_LedgerAccounts_AccountId", column: x => x.AccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBankMembers_BankId_UserId", table: "TimeBankMembers", columns: ["BankId", "UserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_TimeBankMembers_BankId_Status_Name", table: "TimeBankMembers", columns: ["BankId", "Status", "Name"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankMembers_UserId", table: "TimeBankMembers", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_TimeBankMembers_HouseholdId", table: "TimeBankMembers", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_TimeBankMembers_AccountId", table: "TimeBankMembers", column: "AccountId");

        migrationBuilder.CreateTable(name: "TimeBankPosts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            BankId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            MemberId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            Category = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 150, nullable: false),
            Description = table.Column<string>(maxLength: 2000, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            ClosedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBankPosts", x => x.Id);
            table.ForeignKey(name: "FK_TimeBankPosts_TimeBanks_BankId", column: x => x.BankId, principalTable: "TimeBanks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankPosts_TimeBankMembers_MemberId", column: x => x.MemberId, principalTable: "TimeBankMembers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBankPosts_BankId_ClosedAt_CreatedAt", table: "TimeBankPosts", columns: ["BankId", "ClosedAt", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankPosts_MemberId", table: "TimeBankPosts", column: "MemberId");

        migrationBuilder.CreateTable(name: "TimeBankExchanges", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            BankId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            GiverMemberId = table.Column<Guid>(nullable: false),
            ReceiverMemberId = table.Column<Guid>(nullable: false),
            Minutes = table.Column<int>(nullable: false),
            Category = table.Column<int>(nullable: false),
            Description = table.Column<string>(maxLength: 500, nullable: false),
            On = table.Column<DateOnly>(nullable: false),
            Status = table.Column<int>(nullable: false),
            RecordedBy = table.Column<int>(nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: false),
            RecordedAt = table.Column<DateTime>(nullable: false),
            DueAt = table.Column<DateTime>(nullable: true),
            SettledAt = table.Column<DateTime>(nullable: true),
            TransferId = table.Column<Guid>(nullable: true),
            PostId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBankExchanges", x => x.Id);
            table.ForeignKey(name: "FK_TimeBankExchanges_TimeBanks_BankId", column: x => x.BankId, principalTable: "TimeBanks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankExchanges_TimeBankMembers_GiverMemberId", column: x => x.GiverMemberId, principalTable: "TimeBankMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_TimeBankExchanges_TimeBankMembers_ReceiverMemberId", column: x => x.ReceiverMemberId, principalTable: "TimeBankMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_TimeBankExchanges_LedgerTransfers_TransferId", column: x => x.TransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_TimeBankExchanges_TimeBankPosts_PostId", column: x => x.PostId, principalTable: "TimeBankPosts", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBankExchanges_BankId_Status_DueAt", table: "TimeBankExchanges", columns: ["BankId", "Status", "DueAt"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankExchanges_GiverMemberId_RecordedAt", table: "TimeBankExchanges", columns: ["GiverMemberId", "RecordedAt"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankExchanges_ReceiverMemberId_RecordedAt", table: "TimeBankExchanges", columns: ["ReceiverMemberId", "RecordedAt"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankExchanges_TransferId", table: "TimeBankExchanges", column: "TransferId");
        migrationBuilder.CreateIndex(name: "IX_TimeBankExchanges_PostId", table: "TimeBankExchanges", column: "PostId");

        migrationBuilder.CreateTable(name: "TimeBankGroupActivities", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            BankId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Category = table.Column<int>(nullable: false),
            On = table.Column<DateOnly>(nullable: false),
            TeacherMemberId = table.Column<Guid>(nullable: false),
            TeacherMinutes = table.Column<int>(nullable: false),
            MinutesPerParticipant = table.Column<int>(nullable: false),
            Participants = table.Column<int>(nullable: false),
            TransferId = table.Column<Guid>(nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: false),
            RecordedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TimeBankGroupActivities", x => x.Id);
            table.ForeignKey(name: "FK_TimeBankGroupActivities_TimeBanks_BankId", column: x => x.BankId, principalTable: "TimeBanks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TimeBankGroupActivities_TimeBankMembers_TeacherMemberId", column: x => x.TeacherMemberId, principalTable: "TimeBankMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_TimeBankGroupActivities_LedgerTransfers_TransferId", column: x => x.TransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_TimeBankGroupActivities_BankId_On", table: "TimeBankGroupActivities", columns: ["BankId", "On"]);
        migrationBuilder.CreateIndex(name: "IX_TimeBankGroupActivities_TeacherMemberId", table: "TimeBankGroupActivities", column: "TeacherMemberId");
        migrationBuilder.CreateIndex(name: "IX_TimeBankGroupActivities_TransferId", table: "TimeBankGroupActivities", column: "TransferId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "TimeBankGroupActivities");
        migrationBuilder.DropTable(name: "TimeBankExchanges");
        migrationBuilder.DropTable(name: "TimeBankPosts");
        migrationBuilder.DropTable(name: "TimeBankMembers");
        migrationBuilder.DropTable(name: "TimeBankManagers");
        migrationBuilder.DropTable(name: "TimeBanks");
    }
}
