using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Support.Training;

public sealed class CourseForm : IValidatableObject
{
    [Required(ErrorMessage = "Scrivi il titolo del corso.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Titolo del corso")]
    public string? Title { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione e obiettivi")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Scegli a chi è rivolto.")]
    [Display(Name = "Rivolto a")]
    public TrainingAudience? Audience { get; set; }

    [Display(Name = "Ente che organizza")]
    public Guid? PartnerId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Audience is { } a && !Enum.IsDefined(a)) yield return new("Scegli a chi è rivolto.", [nameof(Audience)]);
    }
}

public sealed class ModuleForm
{
    [Required(ErrorMessage = "Scrivi il titolo del modulo.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Titolo del modulo")]
    public string? Title { get; set; }
}

public sealed class TrainingSessionForm : IValidatableObject
{
    [Display(Name = "Modulo")]
    public Guid? ModuleId { get; set; }

    [Required(ErrorMessage = "Indica il giorno della lezione.")]
    [Display(Name = "Giorno")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Indica l'ora di inizio.")]
    [Display(Name = "Dalle ore")]
    public TimeOnly? Start { get; set; }

    [Required(ErrorMessage = "Indica l'ora di fine.")]
    [Display(Name = "Alle ore")]
    public TimeOnly? End { get; set; }

    [StringLength(300, ErrorMessage = "Il luogo può avere al massimo 300 caratteri.")]
    [Display(Name = "Luogo")]
    public string? Place { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Start is { } s && End is { } e && e <= s) yield return new("L'ora di fine deve venire dopo quella di inizio.", [nameof(End)]);
        if (Date is { } d && (d.Year < 2000 || d.Year > 2100)) yield return new("Il giorno deve essere tra il 2000 e il 2100.", [nameof(Date)]);
    }
}
