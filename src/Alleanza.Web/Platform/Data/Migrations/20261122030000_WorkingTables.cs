using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Working tables: the tables of a network, their members, meetings (agenda, minutes, sign-in code), attendance,
/// decisions and actions, and documents (their bytes in the database, shared by every app instance).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_WorkingTables")]
public partial class WorkingTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "WorkingTables", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Purpose = table.Column<string>(maxLength: 4000, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            ArchivedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_WorkingTables", x => new { x.Id });
            table.ForeignKey(name: "FK_WorkingTables_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "TableMeetings", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            TableId = table.Column<Guid>(nullable: false),
            StartsAt = table.Column<DateTime>(nullable: false),
            EndsAt = table.Column<DateTime>(nullable: false),
            Place = table.Column<string>(maxLength: 300, nullable: true),
            OnlineUrl = table.Column<string>(maxLength: 500, nullable: true),
            Agenda = table.Column<string>(maxLength: 8000, nullable: true),
            Minutes = table.Column<string>(maxLength: 50000, nullable: true),
            SignInCodeHash = table.Column<string>(maxLength: 64, nullable: false),
            SignInCodeSealed = table.Column<string>(maxLength: 500, nullable: false),
            Sequence = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TableMeetings", x => new { x.Id });
            table.ForeignKey(name: "FK_TableMeetings_WorkingTables_TableId", column: x => x.TableId, principalTable: "WorkingTables", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "TableMembers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            TableId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            Role = table.Column<int>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TableMembers", x => new { x.Id });
            table.ForeignKey(name: "FK_TableMembers_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TableMembers_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TableMembers_WorkingTables_TableId", column: x => x.TableId, principalTable: "WorkingTables", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateTable(name: "MeetingAttendances", columns: table => new
        {
            MeetingId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
            Method = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_MeetingAttendances", x => new { x.MeetingId, x.UserId });
            table.ForeignKey(name: "FK_MeetingAttendances_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_MeetingAttendances_TableMeetings_MeetingId", column: x => x.MeetingId, principalTable: "TableMeetings", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "TableActions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            TableId = table.Column<Guid>(nullable: false),
            MeetingId = table.Column<Guid>(nullable: true),
            Kind = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 300, nullable: false),
            Details = table.Column<string>(maxLength: 4000, nullable: true),
            OwnerUserId = table.Column<Guid>(nullable: true),
            OwnerPartnerId = table.Column<Guid>(nullable: true),
            DueDate = table.Column<DateOnly>(nullable: true),
            Status = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TableActions", x => new { x.Id });
            table.ForeignKey(name: "FK_TableActions_AspNetUsers_OwnerUserId", column: x => x.OwnerUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TableActions_Partners_OwnerPartnerId", column: x => x.OwnerPartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TableActions_TableMeetings_MeetingId", column: x => x.MeetingId, principalTable: "TableMeetings", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TableActions_WorkingTables_TableId", column: x => x.TableId, principalTable: "WorkingTables", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "TableDocuments", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            TableId = table.Column<Guid>(nullable: false),
            MeetingId = table.Column<Guid>(nullable: true),
            FileName = table.Column<string>(maxLength: 200, nullable: false),
            ContentType = table.Column<string>(maxLength: 120, nullable: false),
            Size = table.Column<long>(nullable: false),
            Content = table.Column<byte[]>(nullable: false),
            UploadedByUserId = table.Column<Guid>(nullable: true),
            UploadedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TableDocuments", x => new { x.Id });
            table.ForeignKey(name: "FK_TableDocuments_TableMeetings_MeetingId", column: x => x.MeetingId, principalTable: "TableMeetings", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_TableDocuments_WorkingTables_TableId", column: x => x.TableId, principalTable: "WorkingTables", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_MeetingAttendances_UserId", table: "MeetingAttendances", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_TableActions_MeetingId", table: "TableActions", column: "MeetingId");
        migrationBuilder.CreateIndex(name: "IX_TableActions_NetworkId_Status_DueDate", table: "TableActions", columns: new[] { "NetworkId", "Status", "DueDate" });
        migrationBuilder.CreateIndex(name: "IX_TableActions_OwnerPartnerId", table: "TableActions", column: "OwnerPartnerId");
        migrationBuilder.CreateIndex(name: "IX_TableActions_OwnerUserId", table: "TableActions", column: "OwnerUserId");
        migrationBuilder.CreateIndex(name: "IX_TableActions_TableId_Status_DueDate", table: "TableActions", columns: new[] { "TableId", "Status", "DueDate" });
        migrationBuilder.CreateIndex(name: "IX_TableDocuments_MeetingId", table: "TableDocuments", column: "MeetingId");
        migrationBuilder.CreateIndex(name: "IX_TableDocuments_TableId_UploadedAt", table: "TableDocuments", columns: new[] { "TableId", "UploadedAt" });
        migrationBuilder.CreateIndex(name: "IX_TableMeetings_NetworkId_StartsAt", table: "TableMeetings", columns: new[] { "NetworkId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_TableMeetings_TableId_StartsAt", table: "TableMeetings", columns: new[] { "TableId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_TableMembers_PartnerId", table: "TableMembers", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_TableMembers_TableId_UserId", table: "TableMembers", columns: new[] { "TableId", "UserId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_TableMembers_UserId", table: "TableMembers", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_WorkingTables_NetworkId_Name", table: "WorkingTables", columns: new[] { "NetworkId", "Name" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "TableDocuments");
        migrationBuilder.DropTable(name: "TableActions");
        migrationBuilder.DropTable(name: "MeetingAttendances");
        migrationBuilder.DropTable(name: "TableMembers");
        migrationBuilder.DropTable(name: "TableMeetings");
        migrationBuilder.DropTable(name: "WorkingTables");
    }
}
