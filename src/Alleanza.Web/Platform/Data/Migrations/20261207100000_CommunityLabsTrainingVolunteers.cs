using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Community labs (sessions, attendance, listening log), training of operators and volunteers, the volunteer registry and its hours.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207100000_CommunityLabsTrainingVolunteers")]
public partial class CommunityLabsTrainingVolunteers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "CommunityLabs", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            Address = table.Column<string>(maxLength: 300, nullable: false),
            ComuneId = table.Column<Guid>(nullable: true),
            Latitude = table.Column<double>(nullable: true),
            Longitude = table.Column<double>(nullable: true),
            OpeningHours = table.Column<string>(maxLength: 300, nullable: false),
            WithChildren = table.Column<bool>(nullable: false),
            OpportunityId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
            ClosedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CommunityLabs", x => x.Id);
            table.ForeignKey(name: "FK_CommunityLabs_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_CommunityLabs_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_CommunityLabs_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            table.ForeignKey(name: "FK_CommunityLabs_Opportunities_OpportunityId", column: x => x.OpportunityId, principalTable: "Opportunities", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_CommunityLabs_NetworkId_Name", table: "CommunityLabs", columns: ["NetworkId", "Name"]);
        migrationBuilder.CreateIndex(name: "IX_CommunityLabs_PartnerId", table: "CommunityLabs", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_CommunityLabs_ComuneId", table: "CommunityLabs", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_CommunityLabs_OpportunityId", table: "CommunityLabs", column: "OpportunityId");

        migrationBuilder.CreateTable(name: "LabFacilitators", columns: table => new
        {
            LabId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            IsVolunteer = table.Column<bool>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LabFacilitators", x => new { x.LabId, x.UserId });
            table.ForeignKey(name: "FK_LabFacilitators_CommunityLabs_LabId", column: x => x.LabId, principalTable: "CommunityLabs", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_LabFacilitators_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_LabFacilitators_UserId", table: "LabFacilitators", column: "UserId");

        migrationBuilder.CreateTable(name: "LabSessions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            LabId = table.Column<Guid>(nullable: false),
            StartsAt = table.Column<DateTime>(nullable: false),
            EndsAt = table.Column<DateTime>(nullable: false),
            Theme = table.Column<string>(maxLength: 200, nullable: false),
            Activity = table.Column<string>(maxLength: 2000, nullable: true),
            AdultsNew = table.Column<int>(nullable: false),
            AdultsReturning = table.Column<int>(nullable: false),
            ChildrenNew = table.Column<int>(nullable: false),
            ChildrenReturning = table.Column<int>(nullable: false),
            OpportunitySessionId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LabSessions", x => x.Id);
            table.ForeignKey(name: "FK_LabSessions_CommunityLabs_LabId", column: x => x.LabId, principalTable: "CommunityLabs", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_LabSessions_OpportunitySessions_OpportunitySessionId", column: x => x.OpportunitySessionId, principalTable: "OpportunitySessions", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_LabSessions_LabId_StartsAt", table: "LabSessions", columns: ["LabId", "StartsAt"]);
        migrationBuilder.CreateIndex(name: "IX_LabSessions_NetworkId_StartsAt", table: "LabSessions", columns: ["NetworkId", "StartsAt"]);
        migrationBuilder.CreateIndex(name: "IX_LabSessions_OpportunitySessionId", table: "LabSessions", column: "OpportunitySessionId");

        migrationBuilder.CreateTable(name: "LabAttendances", columns: table => new
        {
            SessionId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_LabAttendances", x => new { x.SessionId, x.UserId });
            table.ForeignKey(name: "FK_LabAttendances_LabSessions_SessionId", column: x => x.SessionId, principalTable: "LabSessions", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_LabAttendances_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_LabAttendances_UserId", table: "LabAttendances", column: "UserId");

        migrationBuilder.CreateTable(name: "ListeningContacts", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            LabId = table.Column<Guid>(nullable: false),
            Date = table.Column<DateOnly>(nullable: false),
            Topic = table.Column<string>(maxLength: 100, nullable: false),
            FollowUp = table.Column<int>(nullable: false),
            FollowUpNote = table.Column<string>(maxLength: 200, nullable: true),
            RecordedByUserId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_ListeningContacts", x => x.Id);
            table.ForeignKey(name: "FK_ListeningContacts_CommunityLabs_LabId", column: x => x.LabId, principalTable: "CommunityLabs", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_ListeningContacts_AspNetUsers_RecordedByUserId", column: x => x.RecordedByUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_ListeningContacts_LabId_Date", table: "ListeningContacts", columns: ["LabId", "Date"]);
        migrationBuilder.CreateIndex(name: "IX_ListeningContacts_NetworkId_Date", table: "ListeningContacts", columns: ["NetworkId", "Date"]);
        migrationBuilder.CreateIndex(name: "IX_ListeningContacts_RecordedByUserId", table: "ListeningContacts", column: "RecordedByUserId");

        migrationBuilder.CreateTable(name: "TrainingCourses", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            Audience = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TrainingCourses", x => x.Id);
            table.ForeignKey(name: "FK_TrainingCourses_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TrainingCourses_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_TrainingCourses_NetworkId_Title", table: "TrainingCourses", columns: ["NetworkId", "Title"]);
        migrationBuilder.CreateIndex(name: "IX_TrainingCourses_PartnerId", table: "TrainingCourses", column: "PartnerId");

        migrationBuilder.CreateTable(name: "TrainingModules", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CourseId = table.Column<Guid>(nullable: false),
            Order = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TrainingModules", x => x.Id);
            table.ForeignKey(name: "FK_TrainingModules_TrainingCourses_CourseId", column: x => x.CourseId, principalTable: "TrainingCourses", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_TrainingModules_CourseId_Order", table: "TrainingModules", columns: ["CourseId", "Order"]);

        migrationBuilder.CreateTable(name: "TrainingSessions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            CourseId = table.Column<Guid>(nullable: false),
            ModuleId = table.Column<Guid>(nullable: true),
            StartsAt = table.Column<DateTime>(nullable: false),
            EndsAt = table.Column<DateTime>(nullable: false),
            Place = table.Column<string>(maxLength: 300, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TrainingSessions", x => x.Id);
            table.ForeignKey(name: "FK_TrainingSessions_TrainingCourses_CourseId", column: x => x.CourseId, principalTable: "TrainingCourses", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TrainingSessions_TrainingModules_ModuleId", column: x => x.ModuleId, principalTable: "TrainingModules", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_TrainingSessions_CourseId_StartsAt", table: "TrainingSessions", columns: ["CourseId", "StartsAt"]);
        migrationBuilder.CreateIndex(name: "IX_TrainingSessions_ModuleId", table: "TrainingSessions", column: "ModuleId");

        migrationBuilder.CreateTable(name: "TrainingEnrolments", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            CourseId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            EnrolledAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TrainingEnrolments", x => x.Id);
            table.ForeignKey(name: "FK_TrainingEnrolments_TrainingCourses_CourseId", column: x => x.CourseId, principalTable: "TrainingCourses", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TrainingEnrolments_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_TrainingEnrolments_CourseId_UserId", table: "TrainingEnrolments", columns: ["CourseId", "UserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_TrainingEnrolments_UserId", table: "TrainingEnrolments", column: "UserId");

        migrationBuilder.CreateTable(name: "TrainingAttendances", columns: table => new
        {
            SessionId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            AddedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_TrainingAttendances", x => new { x.SessionId, x.UserId });
            table.ForeignKey(name: "FK_TrainingAttendances_TrainingSessions_SessionId", column: x => x.SessionId, principalTable: "TrainingSessions", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_TrainingAttendances_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_TrainingAttendances_UserId", table: "TrainingAttendances", column: "UserId");

        migrationBuilder.CreateTable(name: "VolunteerProfiles", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Skills = table.Column<string>(maxLength: 1000, nullable: true),
            Availability = table.Column<string>(maxLength: 1000, nullable: true),
            ClearanceDate = table.Column<DateOnly>(nullable: true),
            InsuredUntil = table.Column<DateOnly>(nullable: true),
            ReferentUserId = table.Column<Guid>(nullable: true),
            ReminderSentFor = table.Column<DateOnly>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_VolunteerProfiles", x => x.Id);
            table.ForeignKey(name: "FK_VolunteerProfiles_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_VolunteerProfiles_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_VolunteerProfiles_AspNetUsers_ReferentUserId", column: x => x.ReferentUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_VolunteerProfiles_NetworkId_UserId", table: "VolunteerProfiles", columns: ["NetworkId", "UserId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_VolunteerProfiles_NetworkId_ClearanceDate", table: "VolunteerProfiles", columns: ["NetworkId", "ClearanceDate"]);
        migrationBuilder.CreateIndex(name: "IX_VolunteerProfiles_UserId", table: "VolunteerProfiles", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_VolunteerProfiles_ReferentUserId", table: "VolunteerProfiles", column: "ReferentUserId");

        migrationBuilder.CreateTable(name: "VolunteerAssignments", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            VolunteerUserId = table.Column<Guid>(nullable: false),
            Kind = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            ReferenceId = table.Column<Guid>(nullable: true),
            WithChildren = table.Column<bool>(nullable: false),
            StartsOn = table.Column<DateOnly>(nullable: false),
            EndsOn = table.Column<DateOnly>(nullable: true),
            CreatedByUserId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_VolunteerAssignments", x => x.Id);
            table.ForeignKey(name: "FK_VolunteerAssignments_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_VolunteerAssignments_AspNetUsers_VolunteerUserId", column: x => x.VolunteerUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_VolunteerAssignments_NetworkId_VolunteerUserId", table: "VolunteerAssignments", columns: ["NetworkId", "VolunteerUserId"]);
        migrationBuilder.CreateIndex(name: "IX_VolunteerAssignments_VolunteerUserId", table: "VolunteerAssignments", column: "VolunteerUserId");

        migrationBuilder.CreateTable(name: "VolunteerHours", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            VolunteerUserId = table.Column<Guid>(nullable: false),
            Date = table.Column<DateOnly>(nullable: false),
            Minutes = table.Column<int>(nullable: false),
            Activity = table.Column<string>(maxLength: 300, nullable: false),
            LabId = table.Column<Guid>(nullable: true),
            Status = table.Column<int>(nullable: false),
            DecidedByUserId = table.Column<Guid>(nullable: true),
            DecidedAt = table.Column<DateTime>(nullable: true),
            DecisionNote = table.Column<string>(maxLength: 500, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_VolunteerHours", x => x.Id);
            table.ForeignKey(name: "FK_VolunteerHours_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_VolunteerHours_AspNetUsers_VolunteerUserId", column: x => x.VolunteerUserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_VolunteerHours_CommunityLabs_LabId", column: x => x.LabId, principalTable: "CommunityLabs", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        });
        migrationBuilder.CreateIndex(name: "IX_VolunteerHours_NetworkId_Status_Date", table: "VolunteerHours", columns: ["NetworkId", "Status", "Date"]);
        migrationBuilder.CreateIndex(name: "IX_VolunteerHours_VolunteerUserId_Date", table: "VolunteerHours", columns: ["VolunteerUserId", "Date"]);
        migrationBuilder.CreateIndex(name: "IX_VolunteerHours_LabId", table: "VolunteerHours", column: "LabId");

        migrationBuilder.CreateTable(name: "CommunitySettings", columns: table => new
        {
            NetworkId = table.Column<Guid>(nullable: false),
            CompletionPercent = table.Column<int>(nullable: false),
            ClearanceValidityMonths = table.Column<int>(nullable: false),
            ClearanceReminderDays = table.Column<int>(nullable: false),
            ListeningTopics = table.Column<string>(maxLength: 4000, nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_CommunitySettings", x => x.NetworkId);
            table.ForeignKey(name: "FK_CommunitySettings_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CommunitySettings");
        migrationBuilder.DropTable(name: "VolunteerHours");
        migrationBuilder.DropTable(name: "VolunteerAssignments");
        migrationBuilder.DropTable(name: "VolunteerProfiles");
        migrationBuilder.DropTable(name: "TrainingAttendances");
        migrationBuilder.DropTable(name: "TrainingEnrolments");
        migrationBuilder.DropTable(name: "TrainingSessions");
        migrationBuilder.DropTable(name: "TrainingModules");
        migrationBuilder.DropTable(name: "TrainingCourses");
        migrationBuilder.DropTable(name: "ListeningContacts");
        migrationBuilder.DropTable(name: "LabAttendances");
        migrationBuilder.DropTable(name: "LabSessions");
        migrationBuilder.DropTable(name: "LabFacilitators");
        migrationBuilder.DropTable(name: "CommunityLabs");
    }
}
