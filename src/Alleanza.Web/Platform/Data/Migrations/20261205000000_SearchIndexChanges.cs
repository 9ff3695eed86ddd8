using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The journal of the in-memory search index (SearchIndexJournal): each line names an opportunity, a network's Comuni or a whole network
/// that every app instance must read again.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205000000_SearchIndexChanges")]
public partial class SearchIndexChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "SearchIndexChanges", columns: table => new
        {
            Id = table.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            Scope = table.Column<int>(nullable: false),
            OpportunityId = table.Column<Guid>(nullable: true),
            NetworkId = table.Column<Guid>(nullable: true),
            ChangedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_SearchIndexChanges", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SearchIndexChanges_ChangedAt", table: "SearchIndexChanges", column: "ChangedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SearchIndexChanges");
}
