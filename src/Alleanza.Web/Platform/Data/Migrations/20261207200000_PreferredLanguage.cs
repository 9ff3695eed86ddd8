using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>The language a person reads the platform in: mails raised by others' actions are written in it.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207200000_PreferredLanguage")]
public partial class PreferredLanguage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Language", table: "AspNetUsers", maxLength: 10, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "Language", table: "AspNetUsers");
}
