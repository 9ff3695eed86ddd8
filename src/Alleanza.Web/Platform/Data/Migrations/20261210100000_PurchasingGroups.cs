using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Family purchasing groups (GAF): groups, referents, members, suppliers, products, order cycles, bookings and their lines, extra costs.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261210100000_PurchasingGroups")]
public partial class PurchasingGroups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "GafGroups", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 2000, nullable: false),
            DeliveryPlace = table.Column<string>(maxLength: 300, nullable: false),
            DeliveryTimes = table.Column<string>(maxLength: 200, nullable: false),
            RequireCredit = table.Column<bool>(nullable: false),
            LowCreditCents = table.Column<long>(nullable: false),
            CashAccountId = table.Column<Guid>(nullable: false),
            FundAccountId = table.Column<Guid>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafGroups", x => x.Id);
            table.ForeignKey(name: "FK_GafGroups_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafGroups_LedgerAccounts_CashAccountId", column: x => x.CashAccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_GafGroups_LedgerAccounts_FundAccountId", column: x => x.FundAccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafGroups_NetworkId_Name", table: "GafGroups", columns: ["NetworkId", "Name"]);
        migrationBuilder.CreateIndex(name: "IX_GafGroups_CashAccountId", table: "GafGroups", column: "CashAccountId");
        migrationBuilder.CreateIndex(name: "IX_GafGroups_FundAccountId", table: "GafGroups", column: "FundAccountId");

        migrationBuilder.CreateTable(name: "GafReferents", columns: table => new
        {
            GroupId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            IsTreasurer = table.Column<bool>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafReferents", x => new { x.GroupId, x.UserId });
            table.ForeignKey(name: "FK_GafReferents_GafGroups_GroupId", column: x => x.GroupId, principalTable: "GafGroups", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafReferents_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_GafReferents_UserId", table: "GafReferents", column: "UserId");

        migrationBuilder.CreateTable(name: "GafMembers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            GroupId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            SponsorMemberId = table.Column<Guid>(nullable: true),
            AccountId = table.Column<Guid>(nullable: false),
            JoinedAt = table.Column<DateTime>(nullable: false),
            LowCreditNoticeAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafMembers", x => x.Id);
            table.ForeignKey(name: "FK_GafMembers_GafGroups_GroupId", column: x => x.GroupId, principalTable: "GafGroups", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafMembers_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_GafMembers_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafMembers_GafMembers_SponsorMemberId", column: x => x.SponsorMemberId, principalTable: "GafMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_GafMembers_LedgerAccounts_AccountId", column: x => x.AccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafMembers_GroupId_HouseholdId", table: "GafMembers", columns: ["GroupId", "HouseholdId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_GafMembers_GroupId_Name", table: "GafMembers", columns: ["GroupId", "Name"]);
        migrationBuilder.CreateIndex(name: "IX_GafMembers_HouseholdId", table: "GafMembers", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_GafMembers_UserId", table: "GafMembers", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_GafMembers_SponsorMemberId", table: "GafMembers", column: "SponsorMemberId");
        migrationBuilder.CreateIndex(name: "IX_GafMembers_AccountId", table: "GafMembers", column: "AccountId");

        migrationBuilder.CreateTable(name: "GafSuppliers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            GroupId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            ContactName = table.Column<string>(maxLength: 200, nullable: true),
            Email = table.Column<string>(maxLength: 256, nullable: true),
            Phone = table.Column<string>(maxLength: 40, nullable: true),
            Notes = table.Column<string>(maxLength: 1000, nullable: true),
            AccountId = table.Column<Guid>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafSuppliers", x => x.Id);
            table.ForeignKey(name: "FK_GafSuppliers_GafGroups_GroupId", column: x => x.GroupId, principalTable: "GafGroups", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafSuppliers_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_GafSuppliers_LedgerAccounts_AccountId", column: x => x.AccountId, principalTable: "LedgerAccounts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafSuppliers_GroupId_Name", table: "GafSuppliers", columns: ["GroupId", "Name"]);
        migrationBuilder.CreateIndex(name: "IX_GafSuppliers_PartnerId", table: "GafSuppliers", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_GafSuppliers_AccountId", table: "GafSuppliers", column: "AccountId");

        migrationBuilder.CreateTable(name: "GafProducts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            SupplierId = table.Column<Guid>(nullable: false),
            GroupId = table.Column<Guid>(nullable: false),
            Code = table.Column<string>(maxLength: 60, nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Variant = table.Column<string>(maxLength: 100, nullable: false),
            Unit = table.Column<int>(nullable: false),
            PriceCents = table.Column<long>(nullable: false),
            VatPercent = table.Column<int>(nullable: false),
            PackageMilli = table.Column<long>(nullable: false),
            MultipleMilli = table.Column<long>(nullable: false),
            MinMilli = table.Column<long>(nullable: true),
            MaxMilli = table.Column<long>(nullable: true),
            SoldByWeight = table.Column<bool>(nullable: false),
            PieceWeightGrams = table.Column<int>(nullable: true),
            Available = table.Column<bool>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafProducts", x => x.Id);
            table.ForeignKey(name: "FK_GafProducts_GafSuppliers_SupplierId", column: x => x.SupplierId, principalTable: "GafSuppliers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_GafProducts_SupplierId_Code", table: "GafProducts", columns: ["SupplierId", "Code"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_GafProducts_SupplierId_Available_Name", table: "GafProducts", columns: ["SupplierId", "Available", "Name"]);

        migrationBuilder.CreateTable(name: "GafCycles", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            GroupId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            SupplierId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Status = table.Column<int>(nullable: false),
            OpensAt = table.Column<DateTime>(nullable: false),
            ClosesAt = table.Column<DateTime>(nullable: false),
            DeliveryOn = table.Column<DateOnly>(nullable: false),
            DeliveryPlace = table.Column<string>(maxLength: 300, nullable: false),
            RepeatDays = table.Column<int>(nullable: false),
            ClosingReminderAt = table.Column<DateTime>(nullable: true),
            ClosedAt = table.Column<DateTime>(nullable: true),
            SentAt = table.Column<DateTime>(nullable: true),
            DeliveredAt = table.Column<DateTime>(nullable: true),
            SettledAt = table.Column<DateTime>(nullable: true),
            InvoiceCents = table.Column<long>(nullable: true),
            InvoiceTransferId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            CreatedByUserId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafCycles", x => x.Id);
            table.ForeignKey(name: "FK_GafCycles_GafGroups_GroupId", column: x => x.GroupId, principalTable: "GafGroups", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafCycles_GafSuppliers_SupplierId", column: x => x.SupplierId, principalTable: "GafSuppliers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_GafCycles_LedgerTransfers_InvoiceTransferId", column: x => x.InvoiceTransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafCycles_GroupId_Status_ClosesAt", table: "GafCycles", columns: ["GroupId", "Status", "ClosesAt"]);
        migrationBuilder.CreateIndex(name: "IX_GafCycles_Status_ClosesAt", table: "GafCycles", columns: ["Status", "ClosesAt"]);
        migrationBuilder.CreateIndex(name: "IX_GafCycles_SupplierId", table: "GafCycles", column: "SupplierId");
        migrationBuilder.CreateIndex(name: "IX_GafCycles_InvoiceTransferId", table: "GafCycles", column: "InvoiceTransferId");

        migrationBuilder.CreateTable(name: "GafBookings", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            CycleId = table.Column<Guid>(nullable: false),
            MemberId = table.Column<Guid>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            DeliveredAt = table.Column<DateTime>(nullable: true),
            DeliveredByUserId = table.Column<Guid>(nullable: true),
            ChargedCents = table.Column<long>(nullable: true),
            PaymentTransferId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafBookings", x => x.Id);
            table.ForeignKey(name: "FK_GafBookings_GafCycles_CycleId", column: x => x.CycleId, principalTable: "GafCycles", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafBookings_GafMembers_MemberId", column: x => x.MemberId, principalTable: "GafMembers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_GafBookings_LedgerTransfers_PaymentTransferId", column: x => x.PaymentTransferId, principalTable: "LedgerTransfers", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafBookings_CycleId_MemberId", table: "GafBookings", columns: ["CycleId", "MemberId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_GafBookings_MemberId", table: "GafBookings", column: "MemberId");
        migrationBuilder.CreateIndex(name: "IX_GafBookings_PaymentTransferId", table: "GafBookings", column: "PaymentTransferId");

        migrationBuilder.CreateTable(name: "GafBookingLines", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            BookingId = table.Column<Guid>(nullable: false),
            ProductId = table.Column<Guid>(nullable: false),
            QuantityMilli = table.Column<long>(nullable: false),
            UnitPriceCents = table.Column<long>(nullable: false),
            DeliveredMilli = table.Column<long>(nullable: true),
            Missing = table.Column<bool>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafBookingLines", x => x.Id);
            table.ForeignKey(name: "FK_GafBookingLines_GafBookings_BookingId", column: x => x.BookingId, principalTable: "GafBookings", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_GafBookingLines_GafProducts_ProductId", column: x => x.ProductId, principalTable: "GafProducts", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_GafBookingLines_BookingId_ProductId", table: "GafBookingLines", columns: ["BookingId", "ProductId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_GafBookingLines_ProductId", table: "GafBookingLines", column: "ProductId");

        migrationBuilder.CreateTable(name: "GafExtraCosts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CycleId = table.Column<Guid>(nullable: false),
            Description = table.Column<string>(maxLength: 200, nullable: false),
            AmountCents = table.Column<long>(nullable: false),
            Split = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_GafExtraCosts", x => x.Id);
            table.ForeignKey(name: "FK_GafExtraCosts_GafCycles_CycleId", column: x => x.CycleId, principalTable: "GafCycles", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_GafExtraCosts_CycleId", table: "GafExtraCosts", column: "CycleId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "GafExtraCosts");
        migrationBuilder.DropTable(name: "GafBookingLines");
        migrationBuilder.DropTable(name: "GafBookings");
        migrationBuilder.DropTable(name: "GafCycles");
        migrationBuilder.DropTable(name: "GafProducts");
        migrationBuilder.DropTable(name: "GafSuppliers");
        migrationBuilder.DropTable(name: "GafMembers");
        migrationBuilder.DropTable(name: "GafReferents");
        migrationBuilder.DropTable(name: "GafGroups");
    }
}
