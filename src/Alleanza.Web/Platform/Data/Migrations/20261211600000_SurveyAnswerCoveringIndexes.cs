using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Questionnaire results (issue 18, bench scenario survey-results): the answers' indexes cover what the results read, so
/// counting 50,000 responses' answers walks an index instead of looking up every answer's row (6 s → about 0.2 s on SQLite).
/// (QuestionId, OptionId) becomes (QuestionId, OptionId, Number, ResponseId): the counts per question, option and number,
/// and the respondents of a multiple choice. (ResponseId) becomes (ResponseId, QuestionId, OptionId, Number): the
/// cross-tabulations' join from one answer to the same response's other answers (and still the cascade's look-up).
/// The codes get (SurveyId, Channel, ComuneId, Used): the page's invitations per Comune without reading every code's row.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211600000_SurveyAnswerCoveringIndexes")]
public partial class SurveyAnswerCoveringIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_SurveyAnswers_QuestionId_OptionId", table: "SurveyAnswers");
        migrationBuilder.DropIndex(name: "IX_SurveyAnswers_ResponseId", table: "SurveyAnswers");
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_QuestionId_OptionId_Number_ResponseId", table: "SurveyAnswers",
            columns: ["QuestionId", "OptionId", "Number", "ResponseId"]);
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_ResponseId_QuestionId_OptionId_Number", table: "SurveyAnswers",
            columns: ["ResponseId", "QuestionId", "OptionId", "Number"]);
        migrationBuilder.CreateIndex(name: "IX_SurveyCodes_SurveyId_Channel_ComuneId_Used", table: "SurveyCodes",
            columns: ["SurveyId", "Channel", "ComuneId", "Used"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_SurveyCodes_SurveyId_Channel_ComuneId_Used", table: "SurveyCodes");
        migrationBuilder.DropIndex(name: "IX_SurveyAnswers_QuestionId_OptionId_Number_ResponseId", table: "SurveyAnswers");
        migrationBuilder.DropIndex(name: "IX_SurveyAnswers_ResponseId_QuestionId_OptionId_Number", table: "SurveyAnswers");
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_QuestionId_OptionId", table: "SurveyAnswers", columns: ["QuestionId", "OptionId"]);
        migrationBuilder.CreateIndex(name: "IX_SurveyAnswers_ResponseId", table: "SurveyAnswers", column: "ResponseId");
    }
}
