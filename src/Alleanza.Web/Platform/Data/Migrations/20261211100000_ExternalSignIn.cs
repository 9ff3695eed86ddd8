using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>SPID/CIE sign-in: the verified fiscal code on the account (unique), the relying party's keys, the authentication log.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211100000_ExternalSignIn")]
public partial class ExternalSignIn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "VerifiedFiscalCode", table: "AspNetUsers", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "FiscalCodeVerifiedAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_AspNetUsers_VerifiedFiscalCode", table: "AspNetUsers", column: "VerifiedFiscalCode", unique: true);

        migrationBuilder.CreateTable(name: "FederationKeys", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Purpose = table.Column<string>(maxLength: 20, nullable: false),
            Kid = table.Column<string>(maxLength: 100, nullable: false),
            ProtectedJwk = table.Column<string>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_FederationKeys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_FederationKeys_Purpose", table: "FederationKeys", column: "Purpose", unique: true);

        migrationBuilder.CreateTable(name: "ExternalSignIns", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
            ProviderId = table.Column<string>(maxLength: 60, nullable: false),
            ProviderName = table.Column<string>(maxLength: 100, nullable: false),
            Kind = table.Column<string>(maxLength: 10, nullable: false),
            Acr = table.Column<string>(maxLength: 100, nullable: true),
            FiscalCode = table.Column<string>(maxLength: 16, nullable: true),
            Subject = table.Column<string>(maxLength: 200, nullable: true),
            UserId = table.Column<Guid>(nullable: true),
            Succeeded = table.Column<bool>(nullable: false),
            Outcome = table.Column<string>(maxLength: 40, nullable: false),
            Detail = table.Column<string>(maxLength: 500, nullable: true),
            IpAddress = table.Column<string>(maxLength: 45, nullable: true),
        }, constraints: table => table.PrimaryKey("PK_ExternalSignIns", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ExternalSignIns_At", table: "ExternalSignIns", column: "At");
        migrationBuilder.CreateIndex(name: "IX_ExternalSignIns_FiscalCode", table: "ExternalSignIns", column: "FiscalCode");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ExternalSignIns");
        migrationBuilder.DropTable(name: "FederationKeys");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_VerifiedFiscalCode", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "FiscalCodeVerifiedAt", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "VerifiedFiscalCode", table: "AspNetUsers");
    }
}
