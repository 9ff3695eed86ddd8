using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Condividi's list at regional scale (bench scenario sharing-list): the posts' words in one lower-case, accent-free column
/// (what the list and the saved searches look words up in, instead of lower() on the title and the description of every
/// row), and the network's index on status and date with the date descending, the order the list reads the posts in.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208233000_SharingSearchText")]
public partial class SharingSearchText : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SearchText", table: "SharingPosts", maxLength: 3200, nullable: false, defaultValue: "");
        // The posts written before: the same key as Text.SearchKey where the engine can (PostgreSQL removes the accents too).
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? "UPDATE \"SharingPosts\" SET \"SearchText\" = lower(alleanza_unaccent(\"Title\" || ' ' || \"Description\"));"
            : "UPDATE \"SharingPosts\" SET \"SearchText\" = lower(\"Title\" || ' ' || \"Description\");");
        migrationBuilder.DropIndex(name: "IX_SharingPosts_NetworkId_Status_PublishedAt", table: "SharingPosts");
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_NetworkId_Status_PublishedAt", table: "SharingPosts",
            columns: new[] { "NetworkId", "Status", "PublishedAt" }, descending: new[] { false, false, true });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_SharingPosts_NetworkId_Status_PublishedAt", table: "SharingPosts");
        migrationBuilder.CreateIndex(name: "IX_SharingPosts_NetworkId_Status_PublishedAt", table: "SharingPosts", columns: new[] { "NetworkId", "Status", "PublishedAt" });
        migrationBuilder.DropColumn(name: "SearchText", table: "SharingPosts");
    }
}
