namespace Alleanza.Web.Modules.Surveys.Pages;

/// <summary>What the section partial draws: a section's visible questions with the family's values and the messages.</summary>
public sealed record SectionView(SurveyDefinition Survey, SurveyDefinition.Section Section, Answers Answers, IReadOnlyDictionary<Guid, string> Errors)
{
    public static string FieldName(Guid question) => SurveyDefinition.FieldName(question);
    public static string FieldId(Guid question) => "q" + question.ToString("N");

    /// <summary>The values posted for each question of the section.</summary>
    public static Func<string, string[]> Posted(IFormCollection form) => name => form.TryGetValue(name, out var v) ? v.Select(x => x ?? "").ToArray() : [];
}
