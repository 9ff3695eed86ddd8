using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Support;

/// <summary>A network's settings for support paths (one row per network; defaults when there is none).</summary>
public class SupportSettings
{
    public Guid NetworkId { get; set; }
    /// <summary>The needs an operator can tick at intake, one per line.</summary>
    public string Needs { get; set; } = DefaultNeeds;
    /// <summary>Months after closure after which a path is anonymised by the background job.</summary>
    public int RetentionMonths { get; set; } = 60;
    /// <summary>The evaluation's small-cell threshold: no published figure comes from fewer families (see SmallCells).</summary>
    public int SmallCellThreshold { get; set; } = Platform.Statistics.SmallCells.DefaultThreshold;
    /// <summary>Version of the privacy notice a family consents to when the legal basis is its consent.</summary>
    public string NoticeVersion { get; set; } = "percorsi-2026-1";
    /// <summary>The assessment scale, one domain a line: «name | forza or problema | label of point 1; label of point 2; …».</summary>
    public string Scale { get; set; } = DefaultScale;
    public DateTime UpdatedAt { get; set; }

    public const string DefaultScale = """
        Relazioni in famiglia | forza | Molto difficili; Difficili; Altalenanti; Buone; Molto buone
        Cura e crescita dei figli | forza | Molto in difficoltà; In difficoltà; Sufficiente; Buona; Molto buona
        Rete di sostegno (parenti, amici, vicini) | forza | Assente; Scarsa; Qualche aiuto; Buona; Ampia
        Situazione economica e lavoro | forza | Gravemente precaria; Precaria; Instabile; Stabile; Sicura
        Stress e fatica dei genitori | problema | Molto basso; Basso; Medio; Alto; Molto alto
        """;

    public IReadOnlyList<AssessmentDomain> Domains() => AssessmentDomain.Parse(Scale);

    public const string DefaultNeeds = "Conflitti familiari\nSostegno alla genitorialità\nDifficoltà economiche\nLavoro e orientamento\nCasa\nSalute e cura di sé\nScuola e apprendimento dei figli\nSolitudine e isolamento";

    public IReadOnlyList<string> NeedList() => Needs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A domain of the network's assessment scale: ordinal points with labels, and whether a higher point is better.</summary>
public sealed record AssessmentDomain(string Name, bool HigherIsBetter, IReadOnlyList<string> Points)
{
    /// <summary>Reads the scale text; lines that are not «name | forza/problema | at least two labels» are skipped.</summary>
    public static IReadOnlyList<AssessmentDomain> Parse(string? scale) =>
        (scale ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 3 && p[0].Length is > 0 and <= 100 && p[1] is "forza" or "problema")
            .Select(p => new AssessmentDomain(p[0], p[1] == "forza", p[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(d => d.Points.Count is >= 2 and <= 10).DistinctBy(d => d.Name).ToList();

    /// <summary>The problems in a scale text, in words (empty when it is good).</summary>
    public static string? Problem(string? scale)
    {
        var lines = (scale ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return Tr.Get("Scrivete almeno un ambito.");
        var parsed = Parse(scale);
        if (parsed.Count != lines.Length)
            return Tr.Get("Ogni riga è «ambito | forza oppure problema | da 2 a 10 livelli separati da punto e virgola», con ambiti diversi.");
        return null;
    }
}

public enum AssessmentKind
{
    [Display(Name = "Iniziale (T0)")] Initial = 1,
    [Display(Name = "Intermedia")] Review = 2,
    [Display(Name = "Finale")] Final = 3,
}

/// <summary>An assessment on the network's scale at intake, at a review or at closure; or only an external instrument's total.</summary>
public class CaseAssessment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public AssessmentKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public Guid? ByUserId { get; set; }
    public string ByName { get; set; } = "";
    /// <summary>Protected text: the operator's comment.</summary>
    public string? CommentProtected { get; set; }
    /// <summary>A licensed instrument (e.g. SDQ) cannot be embedded: its name, date and total only.</summary>
    public string? ExternalName { get; set; }
    public DateOnly? ExternalDate { get; set; }
    public decimal? ExternalTotal { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<AssessmentScore> Scores { get; set; } = [];
}

/// <summary>One domain's point in an assessment (the domain as it was defined then).</summary>
public class AssessmentScore
{
    public Guid AssessmentId { get; set; }
    public string Domain { get; set; } = "";
    /// <summary>1 … <see cref="Max"/>.</summary>
    public int Point { get; set; }
    public int Max { get; set; }
    public bool HigherIsBetter { get; set; }
}

public enum ReferralSource
{
    [Display(Name = "Scuola")] School = 1,
    [Display(Name = "Azienda sanitaria / consultorio")] HealthAgency = 2,
    [Display(Name = "Servizi sociali del Comune")] SocialServices = 3,
    [Display(Name = "Punto di ascolto / laboratorio di comunità")] ListeningPoint = 4,
    [Display(Name = "La famiglia stessa")] Self = 5,
}

public enum LegalBasis
{
    /// <summary>GDPR art. 9(2)(h): the public social service.</summary>
    [Display(Name = "Servizio sociale pubblico (GDPR art. 9, par. 2, lett. h)")] PublicSocialService = 1,
    [Display(Name = "Consenso esplicito della famiglia")] ExplicitConsent = 2,
}

public enum CaseStatus
{
    [Display(Name = "Aperto")] Open = 1,
    [Display(Name = "Chiusura da approvare")] ClosureRequested = 2,
    [Display(Name = "Chiuso")] Closed = 3,
}

public enum PlanStatus
{
    [Display(Name = "In preparazione")] Draft = 0,
    [Display(Name = "Da approvare")] Requested = 1,
    [Display(Name = "Approvato")] Approved = 2,
    [Display(Name = "Da rivedere")] Rejected = 3,
}

public enum CaseOutcome
{
    [Display(Name = "Obiettivi raggiunti")] Achieved = 1,
    [Display(Name = "Obiettivi raggiunti in parte")] PartlyAchieved = 2,
    [Display(Name = "Inviato ad altro servizio")] Referred = 3,
    [Display(Name = "Interrotto dalla famiglia")] Dropped = 4,
    [Display(Name = "Trasferimento fuori rete")] MovedAway = 5,
}

/// <summary>
/// A support path (percorso) of one household, run by a partner organisation. Sensitive text (needs detail, closure note)
/// is stored protected with the app's data-protection keys (<see cref="CaseText"/>); after the network's retention period
/// following closure the path is anonymised.
/// </summary>
public class SupportCase : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The organisation that runs the path (its supervisor approves).</summary>
    public Guid PartnerId { get; set; }
    /// <summary>Null once anonymised.</summary>
    public Guid? HouseholdId { get; set; }
    /// <summary>Comune of the household when opened (kept for anonymous aggregates).</summary>
    public Guid ComuneId { get; set; }
    public ReferralSource ReferralSource { get; set; }
    /// <summary>The needs ticked at intake, one per line (from the network's list).</summary>
    public string Needs { get; set; } = "";
    /// <summary>Protected text: the needs in the operator's words.</summary>
    public string? NeedsDetailProtected { get; set; }
    public LegalBasis LegalBasis { get; set; }
    public string? ConsentNoticeVersion { get; set; }
    public DateTime? ConsentAt { get; set; }
    public Guid? ConsentCollectedByUserId { get; set; }
    public string? ConsentCollectedByName { get; set; }
    public CaseStatus Status { get; set; }
    public PlanStatus PlanStatus { get; set; }
    public string? PlanComment { get; set; }
    public DateTime? PlanApprovedAt { get; set; }
    public CaseOutcome? Outcome { get; set; }
    /// <summary>Protected text: the operator's closing note.</summary>
    public string? ClosureNoteProtected { get; set; }
    public string? ClosureComment { get; set; }
    public DateTime OpenedAt { get; set; }
    public Guid? OpenedByUserId { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? AnonymisedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum CaseMemberRole
{
    [Display(Name = "Operatore")] Operator = 1,
    [Display(Name = "Volontario")] Volunteer = 2,
}

/// <summary>A person on the path's team.</summary>
public class CaseMember
{
    public Guid CaseId { get; set; }
    public Guid UserId { get; set; }
    public CaseMemberRole Role { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>An operator's note; confidential notes are read only by their author and the supervisor.</summary>
public class CaseNote
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTime At { get; set; }
    public bool Confidential { get; set; }
    public string TextProtected { get; set; } = "";
}

/// <summary>An objective of the plan, in plain words (the family reads it).</summary>
public class CaseObjective
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public DateTime? AchievedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum InterventionKind
{
    [Display(Name = "Tutoring familiare")] Tutoring = 1,
    [Display(Name = "Mediazione dei conflitti")] Mediation = 2,
    [Display(Name = "Sostegno alla genitorialità")] Parenting = 3,
    [Display(Name = "Cura di sé")] SelfCare = 4,
    [Display(Name = "Orientamento alle opportunità della rete")] Orientation = 5,
}

/// <summary>A session with the family (past) or an appointment (future).</summary>
public class CaseSession
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public InterventionKind Kind { get; set; }
    public DateTime StartsAt { get; set; }
    public int Minutes { get; set; }
    public string Place { get; set; } = "";
    /// <summary>Who took part, in words ("madre, figlio maggiore, operatrice").</summary>
    public string Participants { get; set; } = "";
    public string? NoteProtected { get; set; }
    /// <summary>Orientation to an opportunity of the network's catalogue.</summary>
    public Guid? OpportunityId { get; set; }
    /// <summary>Orientation to the household's Family Card application (help to apply, to follow it up).</summary>
    public Guid? CardApplicationId { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A follow-up with a due date, given to a person of the team (volunteers see their own).</summary>
public class CaseFollowUp
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public Guid? AssignedUserId { get; set; }
    public DateTime? DoneAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A step of the path's history (opened, plan requested/approved/rejected, closed, reopened …), never deleted.</summary>
public class CaseEvent
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }
    public string Who { get; set; } = "";
    public string What { get; set; } = "";
}

/// <summary>Every read of a path: who, when, which sections. The supervisor reviews it; the family sees who read its path.</summary>
public class CaseAccess
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime At { get; set; }
    public string Sections { get; set; } = "";
}

/// <summary>The family's consent, on record, to share its path with another partner of the network.</summary>
public class ShareConsent
{
    public Guid CaseId { get; set; }
    public Guid PartnerId { get; set; }
    public DateTime GivenAt { get; set; }
    public string NoticeVersion { get; set; } = "";
    public Guid? RecordedByUserId { get; set; }
    public string RecordedByName { get; set; } = "";
}

public enum ReferralStatus
{
    [Display(Name = "Richiesto")] Requested = 1,
    [Display(Name = "Accettato")] Accepted = 2,
    [Display(Name = "Rifiutato")] Rejected = 3,
    [Display(Name = "Concluso")] Done = 4,
    [Display(Name = "Revocato")] Revoked = 5,
}

/// <summary>
/// A referral of the family to another partner of the network: requested → accepted / rejected → done, or revoked by the
/// sender. Refused without the family's consent to share with that partner, unless the supervisor overrides with a reason.
/// </summary>
public class CaseReferral
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid FromPartnerId { get; set; }
    public Guid ToPartnerId { get; set; }
    /// <summary>Protected text: why the family is sent.</summary>
    public string? ReasonProtected { get; set; }
    public ReferralStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public string RequestedByName { get; set; } = "";
    /// <summary>The supervisor's reason for sending without the consent on record (also in the audit log).</summary>
    public string? OverrideReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByName { get; set; }
    public string? DecisionComment { get; set; }
    public DateTime? DoneAt { get; set; }
}

/// <summary>The family's signed consent form attached at intake (PDF or an office document), kept apart from the path's row.</summary>
public class ConsentFormFile
{
    public Guid CaseId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public Guid? UploadedByUserId { get; set; }
    public DateTime UploadedAt { get; set; }
}
