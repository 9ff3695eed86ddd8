using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Comunicazioni: messages to many people of a network, with their recipients fixed when sent and delivered in the background.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206150000_NetworkMessages")]
public partial class NetworkMessages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "NetworkMessages", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            Audience = table.Column<int>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: true),
            ChildAgeFrom = table.Column<int>(nullable: true),
            ChildAgeTo = table.Column<int>(nullable: true),
            SessionId = table.Column<Guid>(nullable: true),
            OpportunityId = table.Column<Guid>(nullable: true),
            AudienceText = table.Column<string>(maxLength: 300, nullable: false),
            Subject = table.Column<string>(maxLength: 150, nullable: false),
            Body = table.Column<string>(maxLength: 5000, nullable: false),
            SentByUserId = table.Column<Guid>(nullable: false),
            SentByName = table.Column<string>(maxLength: 200, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            CompletedAt = table.Column<DateTime>(nullable: true),
            Status = table.Column<int>(nullable: false),
            Total = table.Column<int>(nullable: false),
            Delivered = table.Column<int>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_NetworkMessages", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_NetworkMessages_NetworkId_CreatedAt", table: "NetworkMessages", columns: ["NetworkId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_NetworkMessages_OpportunityId_CreatedAt", table: "NetworkMessages", columns: ["OpportunityId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_NetworkMessages_Status", table: "NetworkMessages", column: "Status");

        migrationBuilder.CreateTable(name: "NetworkMessageRecipients", columns: table => new
        {
            MessageId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            DeliveredAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_NetworkMessageRecipients", x => new { x.MessageId, x.UserId });
            table.ForeignKey(name: "FK_NetworkMessageRecipients_NetworkMessages_MessageId", column: x => x.MessageId, principalTable: "NetworkMessages", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_NetworkMessageRecipients_MessageId_DeliveredAt", table: "NetworkMessageRecipients", columns: ["MessageId", "DeliveredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NetworkMessageRecipients");
        migrationBuilder.DropTable(name: "NetworkMessages");
    }
}
