using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Support.Volunteers;

public sealed class RegisterVolunteerForm
{
    [Required(ErrorMessage = "Indica l'email del volontario.")]
    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email del volontario")]
    public string? Email { get; set; }
}

public sealed class VolunteerForm : IValidatableObject
{
    [StringLength(1000, ErrorMessage = "Le competenze possono avere al massimo 1000 caratteri.")]
    [Display(Name = "Competenze")]
    public string? Skills { get; set; }

    [StringLength(1000, ErrorMessage = "La disponibilità può avere al massimo 1000 caratteri.")]
    [Display(Name = "Disponibilità (giorni e orari)")]
    public string? Availability { get; set; }

    [Display(Name = "Data del certificato del casellario giudiziale")]
    public DateOnly? ClearanceDate { get; set; }

    [Display(Name = "Assicurazione valida fino al")]
    public DateOnly? InsuredUntil { get; set; }

    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email del referente")]
    public string? ReferentEmail { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ClearanceDate is { } c && (c.Year < 2000 || c > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)))
            yield return new("La data del certificato non può essere nel futuro né prima del 2000.", [nameof(ClearanceDate)]);
        if (InsuredUntil is { } i && (i.Year < 2000 || i.Year > 2100))
            yield return new("La data deve essere tra il 2000 e il 2100.", [nameof(InsuredUntil)]);
    }
}

public sealed class AssignmentForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli il tipo di incarico.")]
    [Display(Name = "Tipo di incarico")]
    public AssignmentKind? Kind { get; set; }

    [Required(ErrorMessage = "Descrivi l'incarico.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "La descrizione deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Incarico")]
    public string? Title { get; set; }

    [Display(Name = "Lavoro con bambini o ragazzi")]
    public bool WithChildren { get; set; }

    [Required(ErrorMessage = "Indica da quando.")]
    [Display(Name = "Dal")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Al (facoltativo)")]
    public DateOnly? EndsOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Kind is { } k && !Enum.IsDefined(k)) yield return new("Scegli il tipo di incarico.", [nameof(Kind)]);
        if (StartsOn is { } s && (s.Year < 2000 || s.Year > 2100)) yield return new("La data deve essere tra il 2000 e il 2100.", [nameof(StartsOn)]);
        if (EndsOn is { } e && (e.Year < 2000 || e.Year > 2100)) yield return new("La data deve essere tra il 2000 e il 2100.", [nameof(EndsOn)]);
        else if (StartsOn is { } s2 && EndsOn is { } e2 && e2 < s2) yield return new("La fine deve venire dopo l'inizio.", [nameof(EndsOn)]);
    }
}

public sealed class HoursForm : IValidatableObject
{
    [Required(ErrorMessage = "Indica il giorno.")]
    [Display(Name = "Giorno")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Indica le ore.")]
    [Range(0.25, 24, ErrorMessage = "Le ore devono essere tra 0,25 e 24.")]
    [Display(Name = "Ore")]
    public decimal? Hours { get; set; }

    [Required(ErrorMessage = "Descrivi l'attività svolta.")]
    [StringLength(300, MinimumLength = 3, ErrorMessage = "La descrizione deve avere tra 3 e 300 caratteri.")]
    [Display(Name = "Attività svolta")]
    public string? Activity { get; set; }

    [Display(Name = "Laboratorio (facoltativo)")]
    public Guid? LabId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (Date is { } d && (d > today.AddDays(1) || d < today.AddYears(-1)))
            yield return new("Si registrano le ore già svolte, al massimo di un anno fa.", [nameof(Date)]);
    }
}
