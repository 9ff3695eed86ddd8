using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Assessments on the network's scale (at intake, reviews, closure) and the change per domain between the first and the
/// latest; an external licensed instrument is recorded by name, date and total only. Operators and the supervisor only.
/// </summary>
public sealed class CaseAssessments(AppDbContext db, CaseText text, TimeProvider clock)
{
    public sealed record Input(AssessmentKind? Kind, DateOnly? Date, IReadOnlyDictionary<string, int?> Points, string? Comment,
        string? ExternalName, DateOnly? ExternalDate, decimal? ExternalTotal);

    public async Task<Dictionary<string, string>> AddAsync(CaseSight sight, IReadOnlyList<AssessmentDomain> scale, Input input)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get("Il percorso è chiuso: riapritelo per valutare."); return errors; }
        var today = RomeTime.Today(clock);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors["Kind"] = Tr.Get("Indicate il momento della valutazione.");
        if (input.Date is not DateOnly d) errors["Date"] = Tr.Get("Indicate la data.");
        else if (d > today || d < today.AddYears(-3)) errors["Date"] = Tr.Get("La data non è plausibile (non nel futuro).");
        var scores = new List<AssessmentScore>();
        var anyPoint = input.Points.Values.Any(p => p is not null);
        for (var i = 0; i < scale.Count; i++)
        {
            var domain = scale[i];
            var point = input.Points.GetValueOrDefault(domain.Name);
            if (point is null) { if (anyPoint) errors[$"Points[{i}]"] = Tr.Get("Indicate il livello per «{0}».", domain.Name); continue; }
            if (point < 1 || point > domain.Points.Count) { errors[$"Points[{i}]"] = Tr.Get("Scegliete un livello dell'elenco per «{0}».", domain.Name); continue; }
            scores.Add(new AssessmentScore { Domain = domain.Name, Point = point.Value, Max = domain.Points.Count, HigherIsBetter = domain.HigherIsBetter });
        }
        var external = Text.Clean(input.ExternalName);
        if (external is { Length: > 100 }) errors["ExternalName"] = Tr.Get("Il nome dello strumento può avere al massimo 100 caratteri.");
        if (external is null && (input.ExternalTotal is not null || input.ExternalDate is not null)) errors["ExternalName"] = Tr.Get("Indicate il nome dello strumento esterno.");
        if (external is not null && input.ExternalTotal is null) errors["ExternalTotal"] = Tr.Get("Indicate il punteggio totale dello strumento.");
        if (input.ExternalTotal is decimal t && (t < -10000 || t > 10000)) errors["ExternalTotal"] = Tr.Get("Il totale non è plausibile.");
        if (input.ExternalDate is DateOnly ed && (ed > today || ed < today.AddYears(-3))) errors["ExternalDate"] = Tr.Get("La data non è plausibile.");
        if (!anyPoint && external is null && errors.Count == 0) errors[""] = Tr.Get("Indicate i livelli della scala della rete, o il totale di uno strumento esterno.");
        var comment = Text.Clean(input.Comment);
        if (comment is { Length: > 4000 }) errors["Comment"] = Tr.Get("Il commento può avere al massimo 4.000 caratteri.");
        if (errors.Count > 0) return errors;

        var assessment = new CaseAssessment
        {
            Id = Guid.NewGuid(), CaseId = sight.Case.Id, Kind = input.Kind!.Value, Date = input.Date!.Value, ByUserId = sight.UserId, ByName = sight.UserName,
            CommentProtected = text.Protect(comment), ExternalName = external, ExternalDate = external is null ? null : input.ExternalDate ?? input.Date,
            ExternalTotal = external is null ? null : input.ExternalTotal, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var s in scores) s.AssessmentId = assessment.Id;
        db.CaseAssessments.Add(assessment);
        db.AssessmentScores.AddRange(scores);
        await db.SaveChangesAsync();
        return errors;
    }

    public sealed record Line(CaseAssessment Assessment, string? Comment);

    public async Task<List<Line>> ListAsync(Guid caseId) =>
        (await db.CaseAssessments.AsNoTracking().Include(a => a.Scores).Where(a => a.CaseId == caseId).OrderBy(a => a.Date).ThenBy(a => a.CreatedAt).ToListAsync())
            .Select(a => new Line(a, text.Unprotect(a.CommentProtected))).ToList();

    /// <summary>A domain's first and latest point, and the change turned so that a positive number is an improvement.</summary>
    public sealed record Change(string Domain, int Max, bool HigherIsBetter, int First, int Latest)
    {
        public int Improvement => HigherIsBetter ? Latest - First : First - Latest;
        public string Verdict => Improvement > 0 ? "migliorato" : Improvement < 0 ? "peggiorato" : "invariato";
    }

    /// <summary>The change per domain between the first and the latest assessment that rated it (domains rated at least twice).</summary>
    public static List<Change> Changes(IEnumerable<CaseAssessment> assessments) =>
        assessments.OrderBy(a => a.Date).ThenBy(a => a.CreatedAt).SelectMany(a => a.Scores).GroupBy(s => s.Domain)
            .Where(g => g.Count() >= 2)
            .Select(g => new Change(g.Key, g.Last().Max, g.Last().HigherIsBetter, g.First().Point, g.Last().Point)).ToList();
}
