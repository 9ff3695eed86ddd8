using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Catalog.Pages.Manage;

/// <summary>A date of an activity or event, typed in Italian time.</summary>
public sealed class SessionForm : IValidatableObject
{
    [Required(ErrorMessage = "Indica il giorno.")]
    [Display(Name = "Giorno")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Indica l'ora di inizio.")]
    [Display(Name = "Dalle ore")]
    public TimeOnly? Start { get; set; }

    [Display(Name = "Alle ore")]
    public TimeOnly? End { get; set; }

    [Range(1, 10000, ErrorMessage = "I posti vanno da 1 a 10.000 (lascia vuoto se non c'è un limite).")]
    [Display(Name = "Posti disponibili")]
    public int? Capacity { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Start is { } s && End is { } e && e <= s) yield return new("L'ora di fine deve venire dopo quella di inizio.", [nameof(End)]);
    }
}
