using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Percorsi: support paths with their team, notes, plan, sessions, follow-ups, history and access log; settings per network.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207010000_SupportPaths")]
public partial class SupportPaths : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "SupportSettings", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            Needs = table.Column<string>(maxLength: 4000, nullable: false),
            RetentionMonths = table.Column<int>(nullable: false),
            NoticeVersion = table.Column<string>(maxLength: 40, nullable: false),
            Scale = table.Column<string>(maxLength: 4000, nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportSettings", x => x.NetworkId);
            table.ForeignKey(name: "FK_SupportSettings_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "SupportCases", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: true),
            ComuneId = table.Column<Guid>(nullable: false),
            ReferralSource = table.Column<int>(nullable: false),
            Needs = table.Column<string>(maxLength: 2000, nullable: false),
            NeedsDetailProtected = table.Column<string>(maxLength: 8000, nullable: true),
            LegalBasis = table.Column<int>(nullable: false),
            ConsentNoticeVersion = table.Column<string>(maxLength: 40, nullable: true),
            ConsentAt = table.Column<DateTime>(nullable: true),
            ConsentCollectedByUserId = table.Column<Guid>(nullable: true),
            ConsentCollectedByName = table.Column<string>(maxLength: 256, nullable: true),
            Status = table.Column<int>(nullable: false),
            PlanStatus = table.Column<int>(nullable: false),
            PlanComment = table.Column<string>(maxLength: 2000, nullable: true),
            PlanApprovedAt = table.Column<DateTime>(nullable: true),
            Outcome = table.Column<int>(nullable: true),
            ClosureNoteProtected = table.Column<string>(maxLength: 8000, nullable: true),
            ClosureComment = table.Column<string>(maxLength: 2000, nullable: true),
            OpenedAt = table.Column<DateTime>(nullable: false),
            OpenedByUserId = table.Column<Guid>(nullable: true),
            ClosedAt = table.Column<DateTime>(nullable: true),
            AnonymisedAt = table.Column<DateTime>(nullable: true),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCases", x => x.Id);
            table.ForeignKey(name: "FK_SupportCases_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCases_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            table.ForeignKey(name: "FK_SupportCases_Households_HouseholdId", column: x => x.HouseholdId, principalTable: "Households", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_SupportCases_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCases_NetworkId_Status", table: "SupportCases", columns: ["NetworkId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCases_PartnerId_Status", table: "SupportCases", columns: ["PartnerId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCases_HouseholdId", table: "SupportCases", column: "HouseholdId");
        migrationBuilder.CreateIndex(name: "IX_SupportCases_ComuneId", table: "SupportCases", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_SupportCases_Status_ClosedAt", table: "SupportCases", columns: ["Status", "ClosedAt"]);

        migrationBuilder.CreateTable(name: "SupportCaseMembers", columns: table => new
        {
            CaseId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Role = table.Column<int>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseMembers", x => new { x.CaseId, x.UserId });
            table.ForeignKey(name: "FK_SupportCaseMembers_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseMembers_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseMembers_UserId", table: "SupportCaseMembers", column: "UserId");

        migrationBuilder.CreateTable(name: "SupportCaseNotes", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            AuthorUserId = table.Column<Guid>(nullable: true),
            AuthorName = table.Column<string>(maxLength: 256, nullable: false),
            At = table.Column<DateTime>(nullable: false),
            Confidential = table.Column<bool>(nullable: false),
            TextProtected = table.Column<string>(maxLength: 16000, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseNotes", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseNotes_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseNotes_AspNetUsers_AuthorUserId", column: x => x.AuthorUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseNotes_CaseId_At", table: "SupportCaseNotes", columns: ["CaseId", "At"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseNotes_AuthorUserId", table: "SupportCaseNotes", column: "AuthorUserId");

        migrationBuilder.CreateTable(name: "SupportCaseObjectives", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 300, nullable: false),
            DueDate = table.Column<DateOnly>(nullable: false),
            AchievedAt = table.Column<DateTime>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseObjectives", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseObjectives_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseObjectives_CaseId_DueDate", table: "SupportCaseObjectives", columns: ["CaseId", "DueDate"]);

        migrationBuilder.CreateTable(name: "SupportCaseSessions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            StartsAt = table.Column<DateTime>(nullable: false),
            Minutes = table.Column<int>(nullable: false),
            Place = table.Column<string>(maxLength: 200, nullable: false),
            Participants = table.Column<string>(maxLength: 300, nullable: false),
            NoteProtected = table.Column<string>(maxLength: 8000, nullable: true),
            OpportunityId = table.Column<Guid>(nullable: true),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseSessions", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseSessions_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseSessions_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_SupportCaseSessions_AspNetUsers_RecordedByUserId", column: x => x.RecordedByUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseSessions_CaseId_StartsAt", table: "SupportCaseSessions", columns: ["CaseId", "StartsAt"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseSessions_OpportunityId", table: "SupportCaseSessions", column: "OpportunityId");
        migrationBuilder.CreateIndex(name: "IX_SupportCaseSessions_RecordedByUserId", table: "SupportCaseSessions", column: "RecordedByUserId");

        migrationBuilder.CreateTable(name: "SupportCaseFollowUps", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 300, nullable: false),
            DueDate = table.Column<DateOnly>(nullable: false),
            AssignedUserId = table.Column<Guid>(nullable: true),
            DoneAt = table.Column<DateTime>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseFollowUps", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseFollowUps_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseFollowUps_AspNetUsers_AssignedUserId", column: x => x.AssignedUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseFollowUps_CaseId_DueDate", table: "SupportCaseFollowUps", columns: ["CaseId", "DueDate"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseFollowUps_AssignedUserId_DoneAt", table: "SupportCaseFollowUps", columns: ["AssignedUserId", "DoneAt"]);

        migrationBuilder.CreateTable(name: "SupportCaseEvents", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            CaseId = table.Column<Guid>(nullable: false),
            At = table.Column<DateTime>(nullable: false),
            Who = table.Column<string>(maxLength: 256, nullable: false),
            What = table.Column<string>(maxLength: 2000, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseEvents", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseEvents_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseEvents_CaseId_At", table: "SupportCaseEvents", columns: ["CaseId", "At"]);

        migrationBuilder.CreateTable(name: "SupportCaseAssessments", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            Date = table.Column<DateOnly>(nullable: false),
            ByUserId = table.Column<Guid>(nullable: true),
            ByName = table.Column<string>(maxLength: 256, nullable: false),
            CommentProtected = table.Column<string>(maxLength: 8000, nullable: true),
            ExternalName = table.Column<string>(maxLength: 100, nullable: true),
            ExternalDate = table.Column<DateOnly>(nullable: true),
            ExternalTotal = table.Column<decimal>(precision: 9, scale: 2, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseAssessments", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseAssessments_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseAssessments_AspNetUsers_ByUserId", column: x => x.ByUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseAssessments_CaseId_Date", table: "SupportCaseAssessments", columns: ["CaseId", "Date"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseAssessments_ByUserId", table: "SupportCaseAssessments", column: "ByUserId");

        migrationBuilder.CreateTable(name: "SupportAssessmentScores", columns: table => new
        {
            AssessmentId = table.Column<Guid>(nullable: false),
            Domain = table.Column<string>(maxLength: 100, nullable: false),
            Point = table.Column<int>(nullable: false),
            Max = table.Column<int>(nullable: false),
            HigherIsBetter = table.Column<bool>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportAssessmentScores", x => new { x.AssessmentId, x.Domain });
            table.ForeignKey(name: "FK_SupportAssessmentScores_SupportCaseAssessments_AssessmentId", column: x => x.AssessmentId, principalTable: "SupportCaseAssessments", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "SupportConsentForms", columns: table => new
        {
            CaseId = table.Column<Guid>(nullable: false),
            FileName = table.Column<string>(maxLength: 200, nullable: false),
            ContentType = table.Column<string>(maxLength: 120, nullable: false),
            Size = table.Column<long>(nullable: false),
            Content = table.Column<byte[]>(nullable: false),
            UploadedByUserId = table.Column<Guid>(nullable: true),
            UploadedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportConsentForms", x => x.CaseId);
            table.ForeignKey(name: "FK_SupportConsentForms_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportConsentForms_AspNetUsers_UploadedByUserId", column: x => x.UploadedByUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportConsentForms_UploadedByUserId", table: "SupportConsentForms", column: "UploadedByUserId");

        migrationBuilder.CreateTable(name: "SupportShareConsents", columns: table => new
        {
            CaseId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            GivenAt = table.Column<DateTime>(nullable: false),
            NoticeVersion = table.Column<string>(maxLength: 40, nullable: false),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            RecordedByName = table.Column<string>(maxLength: 256, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportShareConsents", x => new { x.CaseId, x.PartnerId });
            table.ForeignKey(name: "FK_SupportShareConsents_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportShareConsents_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportShareConsents_PartnerId", table: "SupportShareConsents", column: "PartnerId");

        migrationBuilder.CreateTable(name: "SupportCaseReferrals", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CaseId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            FromPartnerId = table.Column<Guid>(nullable: false),
            ToPartnerId = table.Column<Guid>(nullable: false),
            ReasonProtected = table.Column<string>(maxLength: 8000, nullable: true),
            Status = table.Column<int>(nullable: false),
            RequestedAt = table.Column<DateTime>(nullable: false),
            RequestedByName = table.Column<string>(maxLength: 256, nullable: false),
            OverrideReason = table.Column<string>(maxLength: 1000, nullable: true),
            DecidedAt = table.Column<DateTime>(nullable: true),
            DecidedByName = table.Column<string>(maxLength: 256, nullable: true),
            DecisionComment = table.Column<string>(maxLength: 1000, nullable: true),
            DoneAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseReferrals", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseReferrals_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_SupportCaseReferrals_Partners_ToPartnerId", column: x => x.ToPartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseReferrals_CaseId", table: "SupportCaseReferrals", column: "CaseId");
        migrationBuilder.CreateIndex(name: "IX_SupportCaseReferrals_ToPartnerId_Status", table: "SupportCaseReferrals", columns: ["ToPartnerId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseReferrals_OneLive", table: "SupportCaseReferrals", columns: ["CaseId", "ToPartnerId"], unique: true, filter: "\"Status\" IN (1, 2)");

        migrationBuilder.CreateTable(name: "SupportCaseAccesses", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            CaseId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            UserName = table.Column<string>(maxLength: 256, nullable: false),
            Role = table.Column<string>(maxLength: 60, nullable: false),
            At = table.Column<DateTime>(nullable: false),
            Sections = table.Column<string>(maxLength: 300, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SupportCaseAccesses", x => x.Id);
            table.ForeignKey(name: "FK_SupportCaseAccesses_SupportCases_CaseId", column: x => x.CaseId, principalTable: "SupportCases", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SupportCaseAccesses_CaseId_At", table: "SupportCaseAccesses", columns: ["CaseId", "At"]);
        migrationBuilder.CreateIndex(name: "IX_SupportCaseAccesses_NetworkId_At", table: "SupportCaseAccesses", columns: ["NetworkId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SupportCaseAccesses");
        migrationBuilder.DropTable(name: "SupportCaseReferrals");
        migrationBuilder.DropTable(name: "SupportShareConsents");
        migrationBuilder.DropTable(name: "SupportConsentForms");
        migrationBuilder.DropTable(name: "SupportAssessmentScores");
        migrationBuilder.DropTable(name: "SupportCaseAssessments");
        migrationBuilder.DropTable(name: "SupportCaseEvents");
        migrationBuilder.DropTable(name: "SupportCaseFollowUps");
        migrationBuilder.DropTable(name: "SupportCaseSessions");
        migrationBuilder.DropTable(name: "SupportCaseObjectives");
        migrationBuilder.DropTable(name: "SupportCaseNotes");
        migrationBuilder.DropTable(name: "SupportCaseMembers");
        migrationBuilder.DropTable(name: "SupportCases");
        migrationBuilder.DropTable(name: "SupportSettings");
    }
}
