using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Notifications: the in-app list with each mail's state, the per-person preferences per kind, the networks' mail sender.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206100000_Notifications")]
public partial class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "MailFromName", table: "Networks", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "MailFromAddress", table: "Networks", maxLength: 256, nullable: true);

        migrationBuilder.CreateTable(name: "Notifications", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: true),
            Kind = table.Column<string>(maxLength: 60, nullable: false),
            Subject = table.Column<string>(maxLength: 200, nullable: false),
            Text = table.Column<string>(maxLength: 4000, nullable: false),
            LinkPath = table.Column<string>(maxLength: 500, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            ReadAt = table.Column<DateTime>(nullable: true),
            Delivery = table.Column<int>(nullable: false),
            MailedAt = table.Column<DateTime>(nullable: true),
            MailBatch = table.Column<Guid>(nullable: true),
            MailAttempts = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Notifications", x => x.Id);
            table.ForeignKey(name: "FK_Notifications_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Notifications_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_Notifications_UserId_ReadAt", table: "Notifications", columns: ["UserId", "ReadAt"]);
        migrationBuilder.CreateIndex(name: "IX_Notifications_UserId_CreatedAt", table: "Notifications", columns: ["UserId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Notifications_Delivery_MailedAt_CreatedAt", table: "Notifications", columns: ["Delivery", "MailedAt", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Notifications_MailBatch", table: "Notifications", column: "MailBatch");
        migrationBuilder.CreateIndex(name: "IX_Notifications_NetworkId", table: "Notifications", column: "NetworkId");

        migrationBuilder.CreateTable(name: "NotificationPreferences", columns: table => new
        {
            UserId = table.Column<Guid>(nullable: false),
            Kind = table.Column<string>(maxLength: 60, nullable: false),
            Delivery = table.Column<int>(nullable: false),
            LastSentFor = table.Column<DateTime>(nullable: true),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_NotificationPreferences", x => new { x.UserId, x.Kind });
            table.ForeignKey(name: "FK_NotificationPreferences_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_NotificationPreferences_Kind_Delivery", table: "NotificationPreferences", columns: ["Kind", "Delivery"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NotificationPreferences");
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropColumn(name: "MailFromAddress", table: "Networks");
        migrationBuilder.DropColumn(name: "MailFromName", table: "Networks");
    }
}
