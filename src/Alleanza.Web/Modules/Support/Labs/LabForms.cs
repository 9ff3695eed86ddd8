using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Alleanza.Web.Modules.Support.Labs;

public sealed class LabForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli l'ente che gestisce il laboratorio.")]
    [Display(Name = "Ente che gestisce il laboratorio")]
    public Guid? PartnerId { get; set; }

    [Required(ErrorMessage = "Scrivi il nome del laboratorio.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome del laboratorio")]
    public string? Name { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Scrivi l'indirizzo.")]
    [StringLength(300, MinimumLength = 3, ErrorMessage = "L'indirizzo deve avere tra 3 e 300 caratteri.")]
    [Display(Name = "Indirizzo")]
    public string? Address { get; set; }

    [Display(Name = "Comune")]
    public Guid? ComuneId { get; set; }

    [Range(35.0, 48.0, ErrorMessage = "La latitudine deve essere in Italia (tra 35 e 48).")]
    [Display(Name = "Latitudine")]
    public double? Latitude { get; set; }

    [Range(6.0, 19.0, ErrorMessage = "La longitudine deve essere in Italia (tra 6 e 19).")]
    [Display(Name = "Longitudine")]
    public double? Longitude { get; set; }

    [Required(ErrorMessage = "Scrivi gli orari di apertura.")]
    [StringLength(300, MinimumLength = 3, ErrorMessage = "Gli orari devono avere tra 3 e 300 caratteri.")]
    [Display(Name = "Orari di apertura")]
    public string? OpeningHours { get; set; }

    [Display(Name = "Il laboratorio accoglie bambini e ragazzi")]
    public bool WithChildren { get; set; }

    [Display(Name = "Opportunità del catalogo dove pubblicare gli incontri")]
    public Guid? OpportunityId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if ((Latitude is null) != (Longitude is null))
            yield return new("Indica sia la latitudine sia la longitudine, oppure nessuna delle due.", [nameof(Longitude)]);
    }
}

public sealed class LabSessionForm : IValidatableObject
{
    [Required(ErrorMessage = "Indica il giorno dell'incontro.")]
    [Display(Name = "Giorno")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Indica l'ora di inizio.")]
    [Display(Name = "Dalle ore")]
    public TimeOnly? Start { get; set; }

    [Required(ErrorMessage = "Indica l'ora di fine.")]
    [Display(Name = "Alle ore")]
    public TimeOnly? End { get; set; }

    [Required(ErrorMessage = "Scrivi il tema dell'incontro.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il tema deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Tema")]
    public string? Theme { get; set; }

    [StringLength(2000, ErrorMessage = "L'attività può avere al massimo 2000 caratteri.")]
    [Display(Name = "Attività svolta o prevista")]
    public string? Activity { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Start is { } s && End is { } e && e <= s) yield return new("L'ora di fine deve venire dopo quella di inizio.", [nameof(End)]);
        if (Date is { } d && (d.Year < 2000 || d.Year > 2100)) yield return new("Il giorno deve essere tra il 2000 e il 2100.", [nameof(Date)]);
    }
}

/// <summary>Who came without an account: counted, not named.</summary>
public sealed class LabCountsForm
{
    [Range(0, 10000, ErrorMessage = "Scrivi un numero tra 0 e 10000.")]
    [Display(Name = "Adulti nuovi")]
    public int? AdultsNew { get; set; }

    [Range(0, 10000, ErrorMessage = "Scrivi un numero tra 0 e 10000.")]
    [Display(Name = "Adulti che tornano")]
    public int? AdultsReturning { get; set; }

    [Range(0, 10000, ErrorMessage = "Scrivi un numero tra 0 e 10000.")]
    [Display(Name = "Bambini e ragazzi nuovi")]
    public int? ChildrenNew { get; set; }

    [Range(0, 10000, ErrorMessage = "Scrivi un numero tra 0 e 10000.")]
    [Display(Name = "Bambini e ragazzi che tornano")]
    public int? ChildrenReturning { get; set; }

    /// <summary>The version the person saw: a save over someone else's newer counts is refused.</summary>
    public int Version { get; set; }
}

public sealed class PersonEmailForm
{
    [Required(ErrorMessage = "Indica l'email della persona.")]
    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email della persona")]
    public string? Email { get; set; }
}

/// <summary>An anonymous contact of the listening point: no names, no contact details.</summary>
public sealed partial class ListeningForm : IValidatableObject
{
    [Required(ErrorMessage = "Indica il giorno.")]
    [Display(Name = "Giorno")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Scegli il tema.")]
    [StringLength(100, ErrorMessage = "Scegli il tema dall'elenco.")]
    [Display(Name = "Tema")]
    public string? Topic { get; set; }

    [Required(ErrorMessage = "Scegli come è proseguito il contatto.")]
    [Display(Name = "Seguito dato")]
    public ListeningFollowUp? FollowUp { get; set; }

    [StringLength(200, ErrorMessage = "La nota può avere al massimo 200 caratteri.")]
    [Display(Name = "A chi è stato inviato (servizio, percorso, opportunità)")]
    public string? FollowUpNote { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (FollowUp is { } f && !Enum.IsDefined(f)) yield return new("Scegli come è proseguito il contatto.", [nameof(FollowUp)]);
        if (Date is { } d && (d.Year < 2000 || d > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)))
            yield return new("Il giorno non può essere nel futuro né prima del 2000.", [nameof(Date)]);
        if (LooksPersonal(FollowUpNote))
            yield return new("Il registro è anonimo: non scrivete email, numeri di telefono o codici fiscali, solo il servizio o l'opportunità.", [nameof(FollowUpNote)]);
    }

    /// <summary>An e-mail address, a phone number or a fiscal code: what must never enter the anonymous log.</summary>
    public static bool LooksPersonal(string? text) => text is not null && (Email().IsMatch(text) || Phone().IsMatch(text) || FiscalCode().IsMatch(text));

    [GeneratedRegex(@"\S+@\S+\.\S+")] private static partial Regex Email();
    [GeneratedRegex(@"(\d[\s./-]?){6,}")] private static partial Regex Phone();
    [GeneratedRegex(@"\b[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z]\d{3}[A-Za-z]\b")] private static partial Regex FiscalCode();
}
