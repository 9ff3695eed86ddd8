using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>A person's codice fiscale (optional): the address of the IO app's messages.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206160000_FiscalCode")]
public partial class FiscalCode : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "FiscalCode", table: "AspNetUsers", maxLength: 16, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "FiscalCode", table: "AspNetUsers");
}
