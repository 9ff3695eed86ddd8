using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>Questionari: questionnaires with sections, questions and options; school classes; one-use codes (hashes); anonymous responses.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208000000_Surveys")]
public partial class Surveys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "Surveys", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            NetworkId = table.Column<Guid>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            Intro = table.Column<string>(maxLength: 4000, nullable: false),
            Status = table.Column<int>(nullable: false),
            OpenLink = table.Column<bool>(nullable: false),
            OneAnswerPerPerson = table.Column<bool>(nullable: false),
            PerSchoolResults = table.Column<bool>(nullable: false),
            ResultsAudience = table.Column<int>(nullable: false),
            CopiedFromId = table.Column<Guid>(nullable: true),
            VersionNumber = table.Column<int>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            OpenedAt = table.Column<DateTime>(nullable: true),
            ClosedAt = table.Column<DateTime>(nullable: true),
        }, constraints: table => table.PrimaryKey("PK_Surveys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Surveys_NetworkId_Status", table: "Surveys", columns: ["NetworkId", "Status"]);

        migrationBuilder.CreateTable(name: "SurveySections", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            SurveyId = table.Column<Guid>(nullable: false),
            Position = table.Column<int>(nullable: false),
            Title = table.Column<string>(maxLength: 200, nullable: false),
            ConditionQuestionId = table.Column<Guid>(nullable: true),
            ConditionOptionId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveySections", x => x.Id);
            table.ForeignKey(name: "FK_SurveySections_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveySections_SurveyId_Position", table: "SurveySections", columns: ["SurveyId", "Position"]);

        migrationBuilder.CreateTable(name: "SurveyQuestions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            SurveyId = table.Column<Guid>(nullable: false),
            SectionId = table.Column<Guid>(nullable: false),
            Position = table.Column<int>(nullable: false),
            Type = table.Column<int>(nullable: false),
            Text = table.Column<string>(maxLength: 500, nullable: false),
            Help = table.Column<string>(maxLength: 1000, nullable: false),
            Required = table.Column<bool>(nullable: false),
            ConditionQuestionId = table.Column<Guid>(nullable: true),
            ConditionOptionId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyQuestions", x => x.Id);
            table.ForeignKey(name: "FK_SurveyQuestions_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyQuestions_SurveyId_SectionId_Position", table: "SurveyQuestions", columns: ["SurveyId", "SectionId", "Position"]);

        migrationBuilder.CreateTable(name: "SurveyOptions", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            QuestionId = table.Column<Guid>(nullable: false),
            Position = table.Column<int>(nullable: false),
            Text = table.Column<string>(maxLength: 200, nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyOptions", x => x.Id);
            table.ForeignKey(name: "FK_SurveyOptions_SurveyQuestions_QuestionId", column: x => x.QuestionId, principalTable: "SurveyQuestions", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyOptions_QuestionId_Position", table: "SurveyOptions", columns: ["QuestionId", "Position"]);

        migrationBuilder.CreateTable(name: "SurveyClasses", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Version = table.Column<int>(nullable: false, defaultValue: 0),
            SurveyId = table.Column<Guid>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 60, nullable: false),
            Pupils = table.Column<int>(nullable: false),
            CodesIssued = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyClasses", x => x.Id);
            table.ForeignKey(name: "FK_SurveyClasses_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyClasses_SurveyId_PartnerId_Name", table: "SurveyClasses", columns: ["SurveyId", "PartnerId", "Name"], unique: true);

        migrationBuilder.CreateTable(name: "SurveyCodes", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            SurveyId = table.Column<Guid>(nullable: false),
            Hash = table.Column<string>(maxLength: 64, nullable: false),
            Channel = table.Column<int>(nullable: false),
            ClassId = table.Column<Guid>(nullable: true),
            ComuneId = table.Column<Guid>(nullable: true),
            Used = table.Column<bool>(nullable: false),
            Draft = table.Column<string>(maxLength: 100000, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyCodes", x => x.Id);
            table.ForeignKey(name: "FK_SurveyCodes_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyCodes_Hash", table: "SurveyCodes", column: "Hash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_SurveyCodes_SurveyId_ClassId_Used", table: "SurveyCodes", columns: ["SurveyId", "ClassId", "Used"]);

        migrationBuilder.CreateTable(name: "SurveyParticipants", columns: table => new
        {
            SurveyId = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyParticipants", x => new { x.SurveyId, x.UserId });
            table.ForeignKey(name: "FK_SurveyParticipants_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "SurveyInvitations", columns: table => new
        {
            SurveyId = table.Column<Guid>(nullable: false),
            HouseholdId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyInvitations", x => new { x.SurveyId, x.HouseholdId });
            table.ForeignKey(name: "FK_SurveyInvitations_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "SurveyResponses", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            SurveyId = table.Column<Guid>(nullable: false),
            SubmittedOn = table.Column<DateOnly>(nullable: false),
            SchoolId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyResponses", x => x.Id);
            table.ForeignKey(name: "FK_SurveyResponses_Surveys_SurveyId", column: x => x.SurveyId, principalTable: "Surveys", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyResponses_SurveyId", table: "SurveyResponses", column: "SurveyId");

        migrationBuilder.CreateTable(name: "SurveyAnswers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            ResponseId = table.Column<Guid>(nullable: false),
            QuestionId = table.Column<Guid>(nullable: false),
            OptionId = table.Column<Guid>(nullable: true),
            Number = table.Column<int>(nullable: true),
            Date = table.Column<DateOnly>(nullable: true),
            Text = table.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_SurveyAnswers", x => x.Id);
            table.ForeignKey(name: "FK_SurveyAnswers_SurveyResponses_ResponseId", column: x => x.ResponseId, principalTable: "SurveyResponses", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_QuestionId_OptionId", table: "SurveyAnswers", columns: ["QuestionId", "OptionId"]);
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_QuestionId_Number", table: "SurveyAnswers", columns: ["QuestionId", "Number"]);
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_ResponseId", table: "SurveyAnswers", column: "ResponseId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SurveyAnswers");
        migrationBuilder.DropTable(name: "SurveyResponses");
        migrationBuilder.DropTable(name: "SurveyInvitations");
        migrationBuilder.DropTable(name: "SurveyParticipants");
        migrationBuilder.DropTable(name: "SurveyCodes");
        migrationBuilder.DropTable(name: "SurveyClasses");
        migrationBuilder.DropTable(name: "SurveyOptions");
        migrationBuilder.DropTable(name: "SurveyQuestions");
        migrationBuilder.DropTable(name: "SurveySections");
        migrationBuilder.DropTable(name: "Surveys");
    }
}
