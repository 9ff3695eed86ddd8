using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

public enum SurveyStatus
{
    [Display(Name = "In preparazione")] Draft = 1,
    [Display(Name = "Aperto")] Open = 2,
    [Display(Name = "Chiuso")] Closed = 3,
}

public enum QuestionType
{
    [Display(Name = "Scelta singola")] SingleChoice = 1,
    [Display(Name = "Scelta multipla")] MultipleChoice = 2,
    [Display(Name = "Valutazione da 1 a 5")] Rating5 = 3,
    [Display(Name = "Valutazione da 0 a 10")] Rating10 = 4,
    [Display(Name = "Numero")] Number = 5,
    [Display(Name = "Data")] Date = 6,
    [Display(Name = "Testo breve")] ShortText = 7,
    [Display(Name = "Testo lungo")] LongText = 8,
    [Display(Name = "Comune di residenza")] Comune = 9,
    [Display(Name = "Età di un figlio")] ChildAge = 10,
    /// <summary>Several items (the options) each rated from 1 to 5: answers (item, value).</summary>
    [Display(Name = "Matrice di valutazioni (da 1 a 5)")] Matrix = 11,
    /// <summary>The options put in order: answers (option, position).</summary>
    [Display(Name = "Classifica")] Ranking = 12,
}

/// <summary>Who may read the published results.</summary>
public enum ResultsAudience
{
    [Display(Name = "Non pubblicati")] None = 0,
    [Display(Name = "Enti partner della rete")] Partners = 1,
    [Display(Name = "Tutti (pagina pubblica)")] Public = 2,
}

/// <summary>
/// A questionnaire of a network: sections of questions, built while in draft; opened, its structure is locked (a copy
/// makes a new version); closed, nobody answers any more. Families reach it by a code (school slips, invitations, or a
/// code the open link hands out) — see <see cref="SurveyCode"/> and <see cref="SurveyResponse"/> for the anonymity design.
/// </summary>
public class Survey : IVersioned
{
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Title { get; set; } = "";
    public string Intro { get; set; } = "";
    public SurveyStatus Status { get; set; } = SurveyStatus.Draft;
    /// <summary>Anyone may start it from the open link (a fresh code each time, with a rate limit per address).</summary>
    public bool OpenLink { get; set; }
    /// <summary>The open link asks to sign in, and each person answers once.</summary>
    public bool OneAnswerPerPerson { get; set; }
    /// <summary>The answers record their school (not the class) so the results can show figures per school.</summary>
    public bool PerSchoolResults { get; set; }
    public ResultsAudience ResultsAudience { get; set; }
    /// <summary>The partner organisation that built it (a referent of a partner the coordinators allow, see <see cref="SurveyPartner"/>); null: the coordination's.</summary>
    public Guid? PartnerId { get; set; }
    public Guid? CopiedFromId { get; set; }
    public int VersionNumber { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
}

/// <summary>
/// A partner organisation of the network (a school, an association …) that the coordinators allow to build
/// questionnaires: its referents create and edit their own organisation's questionnaires and read their results;
/// reaching the households of the registry stays with the coordinators.
/// </summary>
public class SurveyPartner
{
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public DateTime AllowedAt { get; set; }
}

/// <summary>One page of the questionnaire; shown only when its condition (an earlier choice) holds.</summary>
public class SurveySection
{
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public Guid? ConditionQuestionId { get; set; }
    public Guid? ConditionOptionId { get; set; }

    public SurveySection Copy() => (SurveySection)MemberwiseClone();
}

public class SurveyQuestion
{
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public Guid SectionId { get; set; }
    public int Position { get; set; }
    public QuestionType Type { get; set; }
    public string Text { get; set; } = "";
    public string Help { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>Shown only when the answer to this earlier single or multiple choice question is (or contains) <see cref="ConditionOptionId"/>.</summary>
    public Guid? ConditionQuestionId { get; set; }
    public Guid? ConditionOptionId { get; set; }

    public SurveyQuestion Copy() => (SurveyQuestion)MemberwiseClone();
}

public class SurveyOption
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>A class of a partner school the questionnaire goes through, with its pupils (one code each).</summary>
public class SurveyClass : IVersioned
{
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public Guid PartnerId { get; set; }
    public string Name { get; set; } = "";
    public int Pupils { get; set; }
    /// <summary>How many codes were printed for the class (the response rate is used codes ÷ pupils).</summary>
    public int CodesIssued { get; set; }
}

public enum CodeChannel
{
    [Display(Name = "Scuola")] School = 1,
    [Display(Name = "Invito dall'anagrafe delle famiglie")] Invitation = 2,
    [Display(Name = "Link aperto")] OpenLink = 3,
}

/// <summary>
/// A one-use code. Only its SHA-256 is stored (the code itself exists on the printed slip, in the invitation mail or on
/// the family's screen), with a used flag and, for a school code, its class: that is all the platform knows. While the
/// family answers, its partial answers wait in <see cref="Draft"/>, keyed by this hash only; at submission, in one
/// transaction, the code is marked used (a conditional update: one use, whatever the twins), the draft is erased, and
/// the answers are written as a new <see cref="SurveyResponse"/> that carries no code, class, person, address or time
/// beyond the day. Neither row points to the other, and used codes carry no time, so nothing joins them afterwards.
/// </summary>
public class SurveyCode
{
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public string Hash { get; set; } = "";
    public CodeChannel Channel { get; set; }
    public Guid? ClassId { get; set; }
    /// <summary>Comune of the invited household (invitations only): the response rate per Comune.</summary>
    public Guid? ComuneId { get; set; }
    public bool Used { get; set; }
    /// <summary>The partial answers (JSON) of a family that stopped; erased at submission.</summary>
    public string? Draft { get; set; }
}

/// <summary>A signed-in person who answered an open-link questionnaire (one answer each): no link to the answer.</summary>
public class SurveyParticipant
{
    public Guid SurveyId { get; set; }
    public Guid UserId { get; set; }
}

public enum TranslatedField { Title = 1, Text = 2 }

/// <summary>
/// A questionnaire's text in another language: the title or presentation of the questionnaire, a section's title, a
/// question's text or help, an option's text (<see cref="ItemId"/> is the id of that object). Missing texts read in Italian.
/// </summary>
public class SurveyTranslation
{
    public Guid SurveyId { get; set; }
    public string Language { get; set; } = "";
    public Guid ItemId { get; set; }
    public TranslatedField Field { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>A household of the registry invited by e-mail (so it is not invited twice): no link to its code or answer.</summary>
public class SurveyInvitation
{
    public Guid SurveyId { get; set; }
    public Guid HouseholdId { get; set; }
}

/// <summary>
/// One family's submitted questionnaire. Deliberately without code, class, account, address or time of day: only the
/// day, and the school when the questionnaire publishes per-school figures (those go through the small-cell rule).
/// </summary>
public class SurveyResponse
{
    public Guid Id { get; set; }
    public Guid SurveyId { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public Guid? SchoolId { get; set; }
}

/// <summary>One answer: a chosen option (or Comune), a number (rating, number, child's age), a date or a text.</summary>
public class SurveyAnswer
{
    public Guid Id { get; set; }
    public Guid ResponseId { get; set; }
    public Guid QuestionId { get; set; }
    public Guid? OptionId { get; set; }
    public int? Number { get; set; }
    public DateOnly? Date { get; set; }
    public string? Text { get; set; }
}

public static class SurveyModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Survey>(e =>
        {
            e.ToTable("Surveys");
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.Intro).HasMaxLength(4000);
            e.HasIndex(s => new { s.NetworkId, s.Status });
            e.HasIndex(s => new { s.NetworkId, s.PartnerId });
        });
        b.Entity<SurveyPartner>(e =>
        {
            e.ToTable("SurveyPartners");
            e.HasKey(p => new { p.NetworkId, p.PartnerId });
            e.HasOne<Alleanza.Web.Modules.Network.Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveySection>(e =>
        {
            e.ToTable("SurveySections");
            e.Property(s => s.Title).HasMaxLength(200);
            e.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.SurveyId, s.Position });
        });
        b.Entity<SurveyQuestion>(e =>
        {
            e.ToTable("SurveyQuestions");
            e.Property(q => q.Text).HasMaxLength(500);
            e.Property(q => q.Help).HasMaxLength(1000);
            e.HasOne<Survey>().WithMany().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(q => new { q.SurveyId, q.SectionId, q.Position });
        });
        b.Entity<SurveyOption>(e =>
        {
            e.ToTable("SurveyOptions");
            e.Property(o => o.Text).HasMaxLength(200);
            e.HasOne<SurveyQuestion>().WithMany().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(o => new { o.QuestionId, o.Position });
        });
        b.Entity<SurveyClass>(e =>
        {
            e.ToTable("SurveyClasses");
            e.Property(c => c.Name).HasMaxLength(60);
            e.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.SurveyId, c.PartnerId, c.Name }).IsUnique();
        });
        b.Entity<SurveyCode>(e =>
        {
            e.ToTable("SurveyCodes");
            e.Property(c => c.Hash).HasMaxLength(64);
            e.Property(c => c.Draft).HasMaxLength(100_000);
            e.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.Hash).IsUnique();
            e.HasIndex(c => new { c.SurveyId, c.ClassId, c.Used });
            // The results page's invitations per Comune (invited, used) from the index alone (migration SurveyAnswerCoveringIndexes).
            e.HasIndex(c => new { c.SurveyId, c.Channel, c.ComuneId, c.Used });
        });
        b.Entity<SurveyParticipant>(e =>
        {
            e.ToTable("SurveyParticipants");
            e.HasKey(p => new { p.SurveyId, p.UserId });
            e.HasOne<Survey>().WithMany().HasForeignKey(p => p.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyTranslation>(e =>
        {
            e.ToTable("SurveyTranslations");
            e.HasKey(t => new { t.SurveyId, t.Language, t.ItemId, t.Field });
            e.Property(t => t.Language).HasMaxLength(10);
            e.Property(t => t.Text).HasMaxLength(4000);
            e.HasOne<Survey>().WithMany().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyInvitation>(e =>
        {
            e.ToTable("SurveyInvitations");
            e.HasKey(i => new { i.SurveyId, i.HouseholdId });
            e.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyResponse>(e =>
        {
            e.ToTable("SurveyResponses");
            e.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.SurveyId);
        });
        b.Entity<SurveyAnswer>(e =>
        {
            e.ToTable("SurveyAnswers");
            e.Property(a => a.Text).HasMaxLength(4000);
            e.HasOne<SurveyResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
            // Covering what the results read (migration SurveyAnswerCoveringIndexes): the counts per question, option and
            // number and the respondents of a multiple choice; the cross-tabulations' join from a response to its answers.
            e.HasIndex(a => new { a.QuestionId, a.OptionId, a.Number, a.ResponseId });
            e.HasIndex(a => new { a.QuestionId, a.Number });
            e.HasIndex(a => new { a.ResponseId, a.QuestionId, a.OptionId, a.Number });
        });
    }
}
