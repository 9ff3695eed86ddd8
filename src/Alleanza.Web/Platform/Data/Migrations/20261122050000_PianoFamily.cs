using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// The Piano Family: two-yearly plans of a network or of one Comune, their objectives per area, actions with the
/// responsible partner and budget, indicators (manual or bound to the platform's data) with their manual readings,
/// and the history of status changes.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_PianoFamily")]
public partial class PianoFamily : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "FamilyPlans", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: true),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            StartYear = table.Column<int>(nullable: false),
            Status = table.Column<int>(nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_FamilyPlans", x => new { x.Id });
            table.ForeignKey(name: "FK_FamilyPlans_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_FamilyPlans_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "PlanObjectives", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            PlanId = table.Column<Guid>(nullable: false),
            AreaId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            Order = table.Column<int>(nullable: false),
            Status = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PlanObjectives", x => new { x.Id });
            table.ForeignKey(name: "FK_PlanObjectives_FamilyPlans_PlanId", column: x => x.PlanId, principalTable: "FamilyPlans", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PlanObjectives_NetworkAreas_AreaId", column: x => x.AreaId, principalTable: "NetworkAreas", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });

        migrationBuilder.CreateTable(name: "PlanStatusChanges", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            PlanId = table.Column<Guid>(nullable: false),
            Subject = table.Column<int>(nullable: false),
            SubjectId = table.Column<Guid>(nullable: false),
            FromStatus = table.Column<int>(nullable: true),
            ToStatus = table.Column<int>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            UserName = table.Column<string>(maxLength: 256, nullable: true),
            Note = table.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PlanStatusChanges", x => new { x.Id });
            table.ForeignKey(name: "FK_PlanStatusChanges_FamilyPlans_PlanId", column: x => x.PlanId, principalTable: "FamilyPlans", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "PlanActions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            PlanId = table.Column<Guid>(nullable: false),
            ObjectiveId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            ResponsiblePartnerId = table.Column<Guid>(nullable: true),
            Budget = table.Column<decimal>(precision: 12, scale: 2, nullable: true),
            StartDate = table.Column<DateOnly>(nullable: true),
            EndDate = table.Column<DateOnly>(nullable: true),
            Status = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PlanActions", x => new { x.Id });
            table.ForeignKey(name: "FK_PlanActions_FamilyPlans_PlanId", column: x => x.PlanId, principalTable: "FamilyPlans", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PlanActions_Partners_ResponsiblePartnerId", column: x => x.ResponsiblePartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_PlanActions_PlanObjectives_ObjectiveId", column: x => x.ObjectiveId, principalTable: "PlanObjectives", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "PlanIndicators", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            PlanId = table.Column<Guid>(nullable: false),
            ObjectiveId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Unit = table.Column<string>(maxLength: 40, nullable: true),
            Baseline = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
            Target = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
            Source = table.Column<int>(nullable: false),
            Metric = table.Column<int>(nullable: true),
            ManualValue = table.Column<decimal>(precision: 14, scale: 2, nullable: true),
            Order = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PlanIndicators", x => new { x.Id });
            table.ForeignKey(name: "FK_PlanIndicators_FamilyPlans_PlanId", column: x => x.PlanId, principalTable: "FamilyPlans", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PlanIndicators_PlanObjectives_ObjectiveId", column: x => x.ObjectiveId, principalTable: "PlanObjectives", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "IndicatorReadings", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            IndicatorId = table.Column<Guid>(nullable: false),
            Value = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
            Date = table.Column<DateOnly>(nullable: false),
            Note = table.Column<string>(maxLength: 1000, nullable: true),
            RecordedAt = table.Column<DateTime>(nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            UserName = table.Column<string>(maxLength: 256, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_IndicatorReadings", x => new { x.Id });
            table.ForeignKey(name: "FK_IndicatorReadings_PlanIndicators_IndicatorId", column: x => x.IndicatorId, principalTable: "PlanIndicators", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateIndex(name: "IX_FamilyPlans_ComuneId", table: "FamilyPlans", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_FamilyPlans_NetworkId_StartYear", table: "FamilyPlans", columns: new[] { "NetworkId", "StartYear" });
        migrationBuilder.CreateIndex(name: "IX_IndicatorReadings_IndicatorId_Date", table: "IndicatorReadings", columns: new[] { "IndicatorId", "Date" });
        migrationBuilder.CreateIndex(name: "IX_PlanActions_ObjectiveId", table: "PlanActions", column: "ObjectiveId");
        migrationBuilder.CreateIndex(name: "IX_PlanActions_PlanId", table: "PlanActions", column: "PlanId");
        migrationBuilder.CreateIndex(name: "IX_PlanActions_ResponsiblePartnerId", table: "PlanActions", column: "ResponsiblePartnerId");
        migrationBuilder.CreateIndex(name: "IX_PlanIndicators_ObjectiveId", table: "PlanIndicators", column: "ObjectiveId");
        migrationBuilder.CreateIndex(name: "IX_PlanIndicators_PlanId", table: "PlanIndicators", column: "PlanId");
        migrationBuilder.CreateIndex(name: "IX_PlanObjectives_AreaId", table: "PlanObjectives", column: "AreaId");
        migrationBuilder.CreateIndex(name: "IX_PlanObjectives_PlanId_Order", table: "PlanObjectives", columns: new[] { "PlanId", "Order" });
        migrationBuilder.CreateIndex(name: "IX_PlanStatusChanges_PlanId_At", table: "PlanStatusChanges", columns: new[] { "PlanId", "At" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "IndicatorReadings");
        migrationBuilder.DropTable(name: "PlanStatusChanges");
        migrationBuilder.DropTable(name: "PlanIndicators");
        migrationBuilder.DropTable(name: "PlanActions");
        migrationBuilder.DropTable(name: "PlanObjectives");
        migrationBuilder.DropTable(name: "FamilyPlans");
    }
}
