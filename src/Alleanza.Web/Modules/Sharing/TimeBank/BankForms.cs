using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Modules.Sharing.Ledger;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>The bank's rules, as the coordinator opens it or its managers change them.</summary>
public sealed class BankSettingsForm : IValidatableObject
{
    [Required(ErrorMessage = "Dai un nome alla banca del tempo.")]
    [StringLength(200, ErrorMessage = "Il nome può avere al massimo 200 caratteri.")]
    [Display(Name = "Nome della banca del tempo")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Scrivi il regolamento che ogni socio accetta entrando.")]
    [StringLength(4000, ErrorMessage = "Il regolamento può avere al massimo 4000 caratteri.")]
    [Display(Name = "Regolamento")]
    public string? Rules { get; set; }

    [Display(Name = "Ente che gestisce la banca (facoltativo)")]
    public Guid? PartnerId { get; set; }

    [Required(ErrorMessage = "Indica quante ore un socio può restare in debito.")]
    [Range(0, 200, ErrorMessage = "Il debito massimo deve essere tra 0 e 200 ore.")]
    [Display(Name = "Debito massimo di un socio (ore)")]
    public int? MaxDebtHours { get; set; } = 20;

    [Required(ErrorMessage = "Scegli cosa fare quando uno scambio supera il debito massimo.")]
    [Display(Name = "Oltre il debito massimo")]
    public LimitPolicy? Policy { get; set; } = LimitPolicy.Refuse;

    [Required(ErrorMessage = "Indica in quanti giorni va confermato uno scambio.")]
    [Range(1, 60, ErrorMessage = "I giorni per confermare devono essere tra 1 e 60.")]
    [Display(Name = "Giorni per confermare uno scambio")]
    public int? ConfirmDays { get; set; } = 7;

    [Required(ErrorMessage = "Scegli cosa succede a uno scambio non confermato in tempo.")]
    [Display(Name = "Scambio non confermato in tempo")]
    public UnconfirmedOutcome? Unconfirmed { get; set; } = UnconfirmedOutcome.AutoConfirm;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Policy is { } p && !Enum.IsDefined(p)) yield return new(Tr.Get("Scegli una delle regole proposte."), [nameof(Policy)]);
        if (Unconfirmed is { } u && !Enum.IsDefined(u)) yield return new(Tr.Get("Scegli una delle regole proposte."), [nameof(Unconfirmed)]);
    }
}

public sealed class ManagerForm
{
    [Required(ErrorMessage = "Indica l'email della persona.")]
    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email del nuovo gestore")]
    public string? Email { get; set; }
}

public sealed class JoinForm
{
    [StringLength(1000, ErrorMessage = "La presentazione può avere al massimo 1000 caratteri.")]
    [Display(Name = "Presentati in poche righe (facoltativo)")]
    public string? Presentation { get; set; }

    [Display(Name = "Ho letto e accetto il regolamento della banca del tempo")]
    public bool AcceptRules { get; set; }
}

public sealed class PostForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli se offri o cerchi aiuto.")]
    [Display(Name = "Offro o cerco")]
    public PostKind? Kind { get; set; }

    [Required(ErrorMessage = "Scegli una categoria.")]
    [Display(Name = "Categoria")]
    public HelpCategory? Category { get; set; }

    [Required(ErrorMessage = "Scrivi un titolo.")]
    [StringLength(150, ErrorMessage = "Il titolo può avere al massimo 150 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Descrivi l'aiuto: cosa, quando, dove (senza l'indirizzo di casa).")]
    [StringLength(2000, ErrorMessage = "La descrizione può avere al massimo 2000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Kind is { } k && !Enum.IsDefined(k)) yield return new(Tr.Get("Scegli se offri o cerchi aiuto."), [nameof(Kind)]);
        if (Category is { } c && !Enum.IsDefined(c)) yield return new(Tr.Get("Scegli una delle categorie."), [nameof(Category)]);
    }
}

/// <summary>Which side of the exchange the person recording it was on.</summary>
public enum MySide { Received = 1, Gave = 2 }

/// <summary>
/// Marks a field as required on the form (asterisk, <c>required</c>) when the use case, not the model binder, checks it: the
/// exchange form's two ways of naming who gave and who received (a member's <see cref="ExchangeForm.Side"/> and
/// <see cref="ExchangeForm.OtherMemberId"/>, a manager's giver and receiver) are each required on their own page only, and a
/// real [Required] on the other page's fields would also skip <see cref="ExchangeForm.Validate"/> (half hours, dates).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MarkedRequiredAttribute : RequiredAttribute
{
    public override bool IsValid(object? value) => true;
}

/// <summary>
/// Hours of help between two members: as one of them records it (<see cref="Side"/> and <see cref="OtherMemberId"/>), or as a
/// manager records it for both (<see cref="GiverMemberId"/> and <see cref="ReceiverMemberId"/>); the use case checks those.
/// </summary>
public sealed class ExchangeForm : IValidatableObject
{
    [MarkedRequired]
    [Display(Name = "Io")]
    public MySide? Side { get; set; }

    [MarkedRequired]
    [Display(Name = "L'altro socio")]
    public Guid? OtherMemberId { get; set; }

    [MarkedRequired]
    [Display(Name = "Chi ha dato l'aiuto")]
    public Guid? GiverMemberId { get; set; }

    [MarkedRequired]
    [Display(Name = "Chi ha ricevuto l'aiuto")]
    public Guid? ReceiverMemberId { get; set; }

    [Required(ErrorMessage = "Indica le ore.")]
    [Range(0.5, 24, ErrorMessage = "Le ore devono essere tra 0,5 e 24.")]
    [Display(Name = "Ore")]
    public decimal? Hours { get; set; }

    [Required(ErrorMessage = "Scegli una categoria.")]
    [Display(Name = "Categoria")]
    public HelpCategory? Category { get; set; }

    [Required(ErrorMessage = "Indica il giorno.")]
    [Display(Name = "Giorno")]
    public DateOnly? On { get; set; }

    [Required(ErrorMessage = "Descrivi brevemente l'aiuto.")]
    [StringLength(500, ErrorMessage = "La descrizione può avere al massimo 500 caratteri.")]
    [Display(Name = "Che cosa")]
    public string? Description { get; set; }

    public Guid? PostId { get; set; }

    /// <summary>Fixed when the form is shown: a second identical submission finds the exchange already recorded.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>The hours in minutes (read once the form is valid: 0.5–24 hours). Bounded and skipped by validation, which
    /// reads every property: 2,147,483,648 hours typed in the field must be a field message, not an overflow.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
    public int Minutes => (int)Math.Round(Math.Clamp(Hours ?? 0, -1_000_000m, 1_000_000m) * 60m);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Hours is { } h && h * 2 != Math.Floor(h * 2)) yield return new(Tr.Get("Le ore si contano a ore e mezze ore: per esempio 1, 1,5 o 2."), [nameof(Hours)]);
        if (Category is { } c && !Enum.IsDefined(c)) yield return new(Tr.Get("Scegli una delle categorie."), [nameof(Category)]);
        if (Side is { } s && !Enum.IsDefined(s)) yield return new(Tr.Get("Scegli se hai dato o ricevuto l'aiuto."), [nameof(Side)]);
        if (On is { } d && (d.Year < 2000 || d.Year > 2100)) yield return new(Tr.Get("Scrivi una data valida."), [nameof(On)]);
    }
}

/// <summary>A group activity: the teacher, the participants (one per line of ticks), the minutes.</summary>
public sealed class GroupActivityForm : IValidatableObject
{
    [Required(ErrorMessage = "Scrivi il titolo dell'attività.")]
    [StringLength(200, ErrorMessage = "Il titolo può avere al massimo 200 caratteri.")]
    [Display(Name = "Attività (per esempio: corso di cucina)")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Scegli una categoria.")]
    [Display(Name = "Categoria")]
    public HelpCategory? Category { get; set; }

    [Required(ErrorMessage = "Indica il giorno.")]
    [Display(Name = "Giorno")]
    public DateOnly? On { get; set; }

    [Required(ErrorMessage = "Scegli chi ha tenuto l'attività.")]
    [Display(Name = "Chi ha tenuto l'attività")]
    public Guid? TeacherMemberId { get; set; }

    [Required(ErrorMessage = "Indica le ore di chi ha tenuto l'attività.")]
    [Range(0.5, 24, ErrorMessage = "Le ore devono essere tra 0,5 e 24.")]
    [Display(Name = "Ore riconosciute a chi l'ha tenuta")]
    public decimal? TeacherHours { get; set; }

    [Required(ErrorMessage = "Indica le ore che dà ogni partecipante.")]
    [Range(0.5, 24, ErrorMessage = "Le ore devono essere tra 0,5 e 24.")]
    [Display(Name = "Ore che dà ogni partecipante")]
    public decimal? ParticipantHours { get; set; }

    [Display(Name = "Partecipanti")]
    public List<Guid> Participants { get; set; } = [];

    /// <summary>Fixed when the form is shown: a second identical submission finds the activity already recorded.</summary>
    public Guid? RequestId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (TeacherHours is { } t && t * 2 != Math.Floor(t * 2)) yield return new(Tr.Get("Le ore si contano a ore e mezze ore."), [nameof(TeacherHours)]);
        if (ParticipantHours is { } p && p * 2 != Math.Floor(p * 2)) yield return new(Tr.Get("Le ore si contano a ore e mezze ore."), [nameof(ParticipantHours)]);
        if (Participants.Count == 0) yield return new(Tr.Get("Scegli almeno un partecipante."), [nameof(Participants)]);
        if (Participants.Count > 200) yield return new(Tr.Get("Al massimo 200 partecipanti."), [nameof(Participants)]);
        if (Category is { } c && !Enum.IsDefined(c)) yield return new(Tr.Get("Scegli una delle categorie."), [nameof(Category)]);
        if (On is { } d && (d.Year < 2000 || d.Year > 2100)) yield return new(Tr.Get("Scrivi una data valida."), [nameof(On)]);
    }
}
