using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Network.Tables;

public sealed class TableForm
{
    [Required(ErrorMessage = "Scrivi il nome del tavolo.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome del tavolo")]
    public string? Name { get; set; }

    [StringLength(4000, ErrorMessage = "Lo scopo può avere al massimo 4000 caratteri.")]
    [Display(Name = "Scopo e temi")]
    public string? Purpose { get; set; }
}

public sealed class NewTableForm
{
    [Required(ErrorMessage = "Scrivi il nome del tavolo.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome del tavolo")]
    public string? Name { get; set; }

    [StringLength(4000, ErrorMessage = "Lo scopo può avere al massimo 4000 caratteri.")]
    [Display(Name = "Scopo e temi")]
    public string? Purpose { get; set; }

    [Required(ErrorMessage = "Indica l'email del referente del tavolo.")]
    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email del referente")]
    public string? ReferentEmail { get; set; }
}

public sealed class MemberForm
{
    [Required(ErrorMessage = "Indica l'email della persona.")]
    [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email della persona")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Scegli il ruolo al tavolo.")]
    [Display(Name = "Ruolo al tavolo")]
    public TableRole? Role { get; set; }
}

/// <summary>A meeting typed in Italian time.</summary>
public sealed class MeetingForm : IValidatableObject
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

    [StringLength(300, ErrorMessage = "Il luogo può avere al massimo 300 caratteri.")]
    [Display(Name = "Luogo")]
    public string? Place { get; set; }

    [StringLength(500, ErrorMessage = "Il collegamento può avere al massimo 500 caratteri.")]
    [Display(Name = "Collegamento per partecipare online")]
    public string? OnlineUrl { get; set; }

    [StringLength(8000, ErrorMessage = "L'ordine del giorno può avere al massimo 8000 caratteri.")]
    [Display(Name = "Ordine del giorno")]
    public string? Agenda { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Start is { } s && End is { } e && e <= s) yield return new("L'ora di fine deve venire dopo quella di inizio.", [nameof(End)]);
        if (Date is { } d && (d.Year < 2000 || d.Year > 2100)) yield return new("Il giorno deve essere tra il 2000 e il 2100.", [nameof(Date)]);
        if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(OnlineUrl))
            yield return new("Indica un luogo o un collegamento online.", [nameof(Place)]);
        if (!string.IsNullOrWhiteSpace(OnlineUrl)
            && (!Uri.TryCreate(OnlineUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            yield return new("Il collegamento deve essere un indirizzo web che inizia con https://.", [nameof(OnlineUrl)]);
    }
}

public sealed class MinutesForm
{
    [StringLength(50000, ErrorMessage = "Il verbale può avere al massimo 50.000 caratteri.")]
    [Display(Name = "Verbale (Markdown)")]
    public string? Minutes { get; set; }
}

public sealed class ActionForm
{
    [Required(ErrorMessage = "Scegli se è una decisione o un'azione.")]
    [Display(Name = "Tipo")]
    public TableActionKind? Kind { get; set; } = TableActionKind.Action;

    [Required(ErrorMessage = "Scrivi un titolo.")]
    [StringLength(300, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 300 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [StringLength(4000, ErrorMessage = "I dettagli possono avere al massimo 4000 caratteri.")]
    [Display(Name = "Dettagli")]
    public string? Details { get; set; }

    [Display(Name = "Responsabile (persona del tavolo)")]
    public Guid? OwnerUserId { get; set; }

    [Display(Name = "Ente responsabile")]
    public Guid? OwnerPartnerId { get; set; }

    [Display(Name = "Scadenza")]
    public DateOnly? DueDate { get; set; }

    [Required(ErrorMessage = "Scegli lo stato.")]
    [Display(Name = "Stato")]
    public TableActionStatus? Status { get; set; } = TableActionStatus.Open;

    [Display(Name = "Incontro in cui è stata decisa")]
    public Guid? MeetingId { get; set; }
}
