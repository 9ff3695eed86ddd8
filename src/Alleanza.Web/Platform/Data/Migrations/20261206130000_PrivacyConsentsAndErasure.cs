using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Privacy in the person's hands: the consents given, with the version of the notice and the date (Consents); the date an
/// account was deleted (AspNetUsers.DeletedAt: the row stays anonymised, nobody signs in to it).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206130000_PrivacyConsentsAndErasure")]
public partial class PrivacyConsentsAndErasure : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "DeletedAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.CreateTable(name: "Consents", columns: table => new
        {
            Id = table.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            UserId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: true),
            Kind = table.Column<string>(maxLength: 40, nullable: false),
            Version = table.Column<string>(maxLength: 40, nullable: false),
            GivenAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Consents", x => x.Id);
            table.ForeignKey(name: "FK_Consents_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Consents_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_Consents_UserId_GivenAt", table: "Consents", columns: ["UserId", "GivenAt"]);
        migrationBuilder.CreateIndex(name: "IX_Consents_NetworkId", table: "Consents", column: "NetworkId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Consents");
        migrationBuilder.DropColumn(name: "DeletedAt", table: "AspNetUsers");
    }
}
