using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Sign-in sessions kept on the server (DatabaseSessionStore): sign-out and security changes end them at once; failed sign-ins
/// per address, for the lock-out of addresses without an account.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205210000_AuthSessions")]
public partial class AuthSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "AuthSessions", columns: table => new
        {
            Id = table.Column<string>(maxLength: 64, nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            SecurityStamp = table.Column<string>(maxLength: 256, nullable: true),
            Ticket = table.Column<byte[]>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            ExpiresAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AuthSessions", x => x.Id);
            table.ForeignKey(name: "FK_AuthSessions_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_AuthSessions_UserId", table: "AuthSessions", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AuthSessions_ExpiresAt", table: "AuthSessions", column: "ExpiresAt");
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_UserName_At", table: "AuditEntries", columns: ["UserName", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_AuditEntries_UserName_At", table: "AuditEntries");
        migrationBuilder.DropTable(name: "AuthSessions");
    }
}
