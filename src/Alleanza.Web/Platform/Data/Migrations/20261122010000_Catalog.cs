using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The catalogue (Opportunità): areas per network, opportunities with their Comuni, locations and sessions,
/// registrations, change history; and the Italian full-text index, which differs by engine
/// (SQLite: an FTS5 table; PostgreSQL: a generated tsvector column over unaccented text, with a GIN index).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_Catalog")]
public partial class Catalog : Migration
{
    const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "NetworkAreas", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Code = table.Column<string>(maxLength: 60, nullable: false),
            Name = table.Column<string>(maxLength: 120, nullable: false),
            Order = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_NetworkAreas", x => new { x.Id });
            table.ForeignKey(name: "FK_NetworkAreas_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Opportunities", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 20000, nullable: false),
            AreaId = table.Column<Guid>(nullable: false),
            Categories = table.Column<string>(maxLength: 300, nullable: true),
            AgeFromMonths = table.Column<int>(nullable: true),
            AgeToMonths = table.Column<int>(nullable: true),
            Cost = table.Column<int>(nullable: false),
            Price = table.Column<decimal>(precision: 10, scale: 2, nullable: true),
            ReducedPrice = table.Column<decimal>(precision: 10, scale: 2, nullable: true),
            Eligibility = table.Column<string>(maxLength: 2000, nullable: true),
            Languages = table.Column<string>(maxLength: 200, nullable: true),
            AccessibilityNotes = table.Column<string>(maxLength: 2000, nullable: true),
            ScheduleText = table.Column<string>(maxLength: 500, nullable: true),
            ContactEmail = table.Column<string>(maxLength: 256, nullable: true),
            ContactPhone = table.Column<string>(maxLength: 40, nullable: true),
            Status = table.Column<int>(nullable: false),
            ModerationNote = table.Column<string>(maxLength: 2000, nullable: true),
            SearchText = table.Column<string>(maxLength: 23000, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            PublishedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Opportunities", x => new { x.Id });
            table.ForeignKey(name: "FK_Opportunities_NetworkAreas_AreaId", column: x => x.AreaId, principalTable: "NetworkAreas", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_Opportunities_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Opportunities_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });

        migrationBuilder.CreateTable(name: "OpportunityChanges", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            OpportunityId = table.Column<Guid>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            UserName = table.Column<string>(maxLength: 256, nullable: true),
            Action = table.Column<string>(maxLength: 60, nullable: false),
            Note = table.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OpportunityChanges", x => new { x.Id });
            table.ForeignKey(name: "FK_OpportunityChanges_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "OpportunityComuni", columns: table => new
        {
            OpportunityId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OpportunityComuni", x => new { x.OpportunityId, x.ComuneId });
            table.ForeignKey(name: "FK_OpportunityComuni_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_OpportunityComuni_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "OpportunityLocations", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            OpportunityId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Address = table.Column<string>(maxLength: 300, nullable: true),
            Latitude = table.Column<double>(nullable: true),
            Longitude = table.Column<double>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OpportunityLocations", x => new { x.Id });
            table.ForeignKey(name: "FK_OpportunityLocations_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "OpportunitySessions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            OpportunityId = table.Column<Guid>(nullable: false),
            StartsAt = table.Column<DateTime>(nullable: false),
            EndsAt = table.Column<DateTime>(nullable: true),
            Capacity = table.Column<int>(nullable: true),
            Taken = table.Column<int>(nullable: false),
            RegistrationOpen = table.Column<bool>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OpportunitySessions", x => new { x.Id });
            table.ForeignKey(name: "FK_OpportunitySessions_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Registrations", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            SessionId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Places = table.Column<int>(nullable: false),
            Participants = table.Column<string>(maxLength: 1000, nullable: false),
            Status = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            CancelledAt = table.Column<DateTime>(nullable: true),
            Attended = table.Column<bool>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Registrations", x => new { x.Id });
            table.ForeignKey(name: "FK_Registrations_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Registrations_OpportunitySessions_SessionId", column: x => x.SessionId, principalTable: "OpportunitySessions", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "OpportunityImages", columns: table => new
        {
            OpportunityId = table.Column<Guid>(nullable: false),
            ContentType = table.Column<string>(maxLength: 40, nullable: false),
            Data = table.Column<byte[]>(nullable: false),
            Width = table.Column<int>(nullable: false),
            Height = table.Column<int>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_OpportunityImages", x => new { x.OpportunityId });
            table.ForeignKey(name: "FK_OpportunityImages_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateIndex(name: "IX_NetworkAreas_NetworkId_Code", table: "NetworkAreas", columns: new[] { "NetworkId", "Code" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Opportunities_AreaId", table: "Opportunities", column: "AreaId");
        migrationBuilder.CreateIndex(name: "IX_Opportunities_NetworkId_Status_AreaId", table: "Opportunities", columns: new[] { "NetworkId", "Status", "AreaId" });
        migrationBuilder.CreateIndex(name: "IX_Opportunities_NetworkId_Status_PublishedAt", table: "Opportunities", columns: new[] { "NetworkId", "Status", "PublishedAt" });
        migrationBuilder.CreateIndex(name: "IX_Opportunities_PartnerId", table: "Opportunities", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_OpportunityChanges_OpportunityId_At", table: "OpportunityChanges", columns: new[] { "OpportunityId", "At" });
        migrationBuilder.CreateIndex(name: "IX_OpportunityComuni_ComuneId", table: "OpportunityComuni", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_OpportunityLocations_OpportunityId", table: "OpportunityLocations", column: "OpportunityId");
        migrationBuilder.CreateIndex(name: "IX_OpportunitySessions_OpportunityId_StartsAt", table: "OpportunitySessions", columns: new[] { "OpportunityId", "StartsAt" });
        migrationBuilder.CreateIndex(name: "IX_OpportunitySessions_StartsAt", table: "OpportunitySessions", column: "StartsAt");
        migrationBuilder.CreateIndex(name: "IX_Registrations_NetworkId", table: "Registrations", column: "NetworkId");
        migrationBuilder.CreateIndex(name: "IX_Registrations_SessionId_Status_CreatedAt", table: "Registrations", columns: new[] { "SessionId", "Status", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_Registrations_UserId_Status", table: "Registrations", columns: new[] { "UserId", "Status" });

        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            // unaccent() is not IMMUTABLE, so a generated column cannot call it directly: wrap it with its dictionary fixed.
            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION alleanza_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;");
            migrationBuilder.Sql("""
                ALTER TABLE "Opportunities" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('italian', alleanza_unaccent(coalesce("Title", ''))), 'A') ||
                    setweight(to_tsvector('italian', alleanza_unaccent(coalesce("Description", '') || ' ' || coalesce("Categories", ''))), 'B')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX \"IX_Opportunities_SearchVector\" ON \"Opportunities\" USING GIN (\"SearchVector\");");
        }
        else
        {
            // Accent-free tokens; FullTextSearch keeps the rows in step with the published opportunities.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE OpportunitySearch USING fts5(OpportunityId UNINDEXED, Title, Body, tokenize = 'unicode61 remove_diacritics 2');");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == Postgres)
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS alleanza_unaccent(text);");
        else
            migrationBuilder.Sql("DROP TABLE IF EXISTS OpportunitySearch;");
        migrationBuilder.DropTable(name: "Registrations");
        migrationBuilder.DropTable(name: "OpportunitySessions");
        migrationBuilder.DropTable(name: "OpportunityLocations");
        migrationBuilder.DropTable(name: "OpportunityComuni");
        migrationBuilder.DropTable(name: "OpportunityImages");
        migrationBuilder.DropTable(name: "OpportunityChanges");
        migrationBuilder.DropTable(name: "Opportunities");
        migrationBuilder.DropTable(name: "NetworkAreas");
    }
}
