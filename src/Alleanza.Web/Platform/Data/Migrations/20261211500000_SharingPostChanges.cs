using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The journal of the families' list in memory (SharingListIndexes): each line names a Condividi post that every app instance
/// must read again.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211500000_SharingPostChanges")]
public partial class SharingPostChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "SharingPostChanges", columns: table => new
        {
            Id = table.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            NetworkId = table.Column<Guid>(nullable: false),
            PostId = table.Column<Guid>(nullable: false),
            ChangedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table => table.PrimaryKey("PK_SharingPostChanges", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SharingPostChanges_ChangedAt", table: "SharingPostChanges", column: "ChangedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SharingPostChanges");
}
