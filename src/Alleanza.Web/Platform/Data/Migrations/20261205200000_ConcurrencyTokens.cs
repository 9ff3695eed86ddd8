using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Safe state transitions under concurrent requests: a Version concurrency token on every row whose state changes
/// (see IVersioned), and unique indexes where a rule says "one". Rows that already break a "one" rule (left by the
/// races these indexes now prevent) are settled first: the later twin is cancelled, withdrawn or marked replaced,
/// and the places taken are counted again from the confirmed registrations.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205200000_ConcurrencyTokens")]
public partial class ConcurrencyTokens : Migration
{
    static readonly string[] VersionedTables =
    [
        "Opportunities", "Registrations", "CardApplications", "FamilyCards", "CardDevices", "Offers", "PartnerApiKeys", "Shops",
        "Invitations", "PactVersions", "PactAdhesions", "FamilyPlans", "PlanObjectives", "PlanActions", "TableMeetings", "TableActions",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in VersionedTables)
            migrationBuilder.AddColumn<int>(name: "Version", table: table, nullable: false, defaultValue: 0);

        // Registrations: keep the earliest live one per person and session, cancel the others; recount the places taken.
        migrationBuilder.Sql("""
            UPDATE "Registrations" SET "Status" = 3, "CancelledAt" = "CreatedAt"
            WHERE "Status" <> 3 AND EXISTS (SELECT 1 FROM "Registrations" AS e WHERE e."SessionId" = "Registrations"."SessionId"
              AND e."UserId" = "Registrations"."UserId" AND e."Status" <> 3
              AND (e."CreatedAt" < "Registrations"."CreatedAt" OR (e."CreatedAt" = "Registrations"."CreatedAt" AND e."Id" < "Registrations"."Id")))
            """);
        migrationBuilder.Sql("""
            UPDATE "OpportunitySessions" SET "Taken" = COALESCE((SELECT SUM(r."Places") FROM "Registrations" AS r
              WHERE r."SessionId" = "OpportunitySessions"."Id" AND r."Status" = 1), 0)
            """);
        // Applications: the earliest pending one per household stays pending, the others are withdrawn.
        migrationBuilder.Sql("""
            UPDATE "CardApplications" SET "Status" = 4, "DecidedAt" = "SubmittedAt"
            WHERE "Status" = 1 AND EXISTS (SELECT 1 FROM "CardApplications" AS e WHERE e."HouseholdId" = "CardApplications"."HouseholdId"
              AND e."Status" = 1 AND (e."SubmittedAt" < "CardApplications"."SubmittedAt" OR (e."SubmittedAt" = "CardApplications"."SubmittedAt" AND e."Id" < "CardApplications"."Id")))
            """);
        // Cards: the newest live card per member stays, the older live ones are marked replaced by it.
        migrationBuilder.Sql("""
            UPDATE "FamilyCards" SET "Status" = 4, "ReplacedByCardId" = (SELECT n."Id" FROM "FamilyCards" AS n WHERE n."MemberId" = "FamilyCards"."MemberId"
              AND n."Status" IN (1, 2) ORDER BY n."IssuedAt" DESC, n."Id" DESC LIMIT 1)
            WHERE "Status" IN (1, 2) AND EXISTS (SELECT 1 FROM "FamilyCards" AS n WHERE n."MemberId" = "FamilyCards"."MemberId" AND n."Status" IN (1, 2)
              AND (n."IssuedAt" > "FamilyCards"."IssuedAt" OR (n."IssuedAt" = "FamilyCards"."IssuedAt" AND n."Id" > "FamilyCards"."Id")))
            """);

        migrationBuilder.CreateIndex(name: "IX_Registrations_OneLivePerPerson", table: "Registrations", columns: ["SessionId", "UserId"],
            unique: true, filter: "\"Status\" <> 3");
        migrationBuilder.CreateIndex(name: "IX_CardApplications_OnePending", table: "CardApplications", column: "HouseholdId",
            unique: true, filter: "\"Status\" = 1");
        migrationBuilder.CreateIndex(name: "IX_FamilyCards_OneLivePerMember", table: "FamilyCards", column: "MemberId",
            unique: true, filter: "\"Status\" IN (1, 2)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Registrations_OneLivePerPerson", table: "Registrations");
        migrationBuilder.DropIndex(name: "IX_CardApplications_OnePending", table: "CardApplications");
        migrationBuilder.DropIndex(name: "IX_FamilyCards_OneLivePerMember", table: "FamilyCards");
        foreach (var table in VersionedTables)
            migrationBuilder.DropColumn(name: "Version", table: table);
    }
}
