using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>The fields a partner edits on an opportunity; messages in Italian.</summary>
public sealed class OpportunityForm : IValidatableObject
{
    [Required(ErrorMessage = "Inserisci il titolo.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Scegli se è un servizio, un'attività o un evento.")]
    [EnumDataType(typeof(OpportunityKind), ErrorMessage = "Scegli un tipo dall'elenco.")]
    [Display(Name = "Tipo")]
    public OpportunityKind? Kind { get; set; }

    [Required(ErrorMessage = "Scegli l'ente che la propone.")]
    [Display(Name = "Ente che la propone")]
    public Guid? PartnerId { get; set; }

    [Required(ErrorMessage = "Scrivi una descrizione.")]
    [StringLength(20000, MinimumLength = 20, ErrorMessage = "La descrizione deve avere tra 20 e 20000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Scegli l'area.")]
    [Display(Name = "Area")]
    public Guid? AreaId { get; set; }

    [StringLength(300, ErrorMessage = "Le categorie possono avere al massimo 300 caratteri.")]
    [Display(Name = "Categorie")]
    public string? Categories { get; set; }

    [Range(0, 25, ErrorMessage = "L'età minima va da 0 a 25 anni.")]
    [Display(Name = "Età minima (anni)")]
    public int? AgeFromYears { get; set; }

    [Range(0, 25, ErrorMessage = "L'età massima va da 0 a 25 anni.")]
    [Display(Name = "Età massima (anni)")]
    public int? AgeToYears { get; set; }

    [Required(ErrorMessage = "Indica il costo.")]
    [EnumDataType(typeof(CostKind), ErrorMessage = "Scegli un costo dall'elenco.")]
    [Display(Name = "Costo")]
    public CostKind? Cost { get; set; } = CostKind.Free;

    [Range(0.0, 100000.0, ErrorMessage = "Il prezzo va da 0 a 100.000 euro.")]
    [Display(Name = "Prezzo intero (€)")]
    public decimal? Price { get; set; }

    [Range(0.0, 100000.0, ErrorMessage = "Il prezzo ridotto va da 0 a 100.000 euro.")]
    [Display(Name = "Prezzo con la Carta Famiglia (€)")]
    public decimal? ReducedPrice { get; set; }

    [StringLength(2000, ErrorMessage = "Massimo 2000 caratteri.")]
    [Display(Name = "Chi può partecipare")]
    public string? Eligibility { get; set; }

    [StringLength(200, ErrorMessage = "Massimo 200 caratteri.")]
    [Display(Name = "Lingue parlate")]
    public string? Languages { get; set; }

    [StringLength(2000, ErrorMessage = "Massimo 2000 caratteri.")]
    [Display(Name = "Accessibilità")]
    public string? AccessibilityNotes { get; set; }

    [StringLength(500, ErrorMessage = "Massimo 500 caratteri.")]
    [Display(Name = "Orari (per i servizi continuativi)")]
    public string? ScheduleText { get; set; }

    [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
    [StringLength(256)]
    [Display(Name = "Email per informazioni")]
    public string? ContactEmail { get; set; }

    [RegularExpression(@"^[0-9 +()./-]{6,40}$", ErrorMessage = "Inserisci un numero di telefono valido.")]
    [Display(Name = "Telefono per informazioni")]
    public string? ContactPhone { get; set; }

    [Display(Name = "Comuni interessati")]
    public List<Guid> ComuneIds { get; set; } = [];

    /// <summary>A course: the families register for all its future dates at once.</summary>
    [Display(Name = "È un corso: le date si frequentano insieme e l'iscrizione vale per tutte")]
    public bool IsCourse { get; set; }

    [StringLength(200, ErrorMessage = "Il nome del luogo può avere al massimo 200 caratteri.")]
    [Display(Name = "Luogo")]
    public string? PlaceName { get; set; }

    [StringLength(300, ErrorMessage = "L'indirizzo può avere al massimo 300 caratteri.")]
    [Display(Name = "Indirizzo del luogo")]
    public string? PlaceAddress { get; set; }

    [Range(35.0, 48.0, ErrorMessage = "La latitudine deve essere in Italia (tra 35 e 48).")]
    [Display(Name = "Latitudine")]
    public double? Latitude { get; set; }

    [Range(6.0, 19.0, ErrorMessage = "La longitudine deve essere in Italia (tra 6 e 19).")]
    [Display(Name = "Longitudine")]
    public double? Longitude { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (AgeFromYears is { } f && AgeToYears is { } t && f > t)
            yield return new(Tr.Get("L'età minima non può superare quella massima."), [nameof(AgeToYears)]);
        if (Cost == CostKind.Paid && Price is null)
            yield return new(Tr.Get("Indica il prezzo."), [nameof(Price)]);
        if (Cost == CostKind.ReducedWithCard && ReducedPrice is null)
            yield return new(Tr.Get("Indica il prezzo ridotto con la Carta Famiglia."), [nameof(ReducedPrice)]);
        if (Cost == CostKind.ReducedWithCard && Price is { } full && ReducedPrice is { } reduced && reduced >= full)
            yield return new(Tr.Get("Il prezzo ridotto deve essere minore di quello intero."), [nameof(ReducedPrice)]);
        if ((Latitude is null) != (Longitude is null))
            yield return new(Tr.Get("Indica sia la latitudine sia la longitudine, oppure nessuna delle due."), [nameof(Longitude)]);
        if ((Latitude is not null || !string.IsNullOrWhiteSpace(PlaceAddress)) && string.IsNullOrWhiteSpace(PlaceName))
            yield return new(Tr.Get("Dai un nome al luogo (per esempio «Piscina comunale»)."), [nameof(PlaceName)]);
    }
}

public enum PublishingOutcome { Done, NotFound, NotAllowed, WrongState }

/// <summary>Creating, editing, submitting, moderating and archiving opportunities, with their history.</summary>
public sealed class Publishing(AppDbContext db, CurrentNetwork network, CurrentAccess access, AuditLog audit, TimeProvider clock, NotificationService notifications)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Partners the person may publish for: all of the network for coordinators, their own for partner staff.</summary>
    public async Task<List<(Guid Id, string Name)>> PublishersAsync()
    {
        var q = db.Partners.AsNoTracking().Where(p => p.NetworkId == network.Id);
        if (!await access.CanManageNetworkAsync())
        {
            var mine = await access.PartnersHereAsync();
            q = q.Where(p => mine.Contains(p.Id));
        }
        return (await q.OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => (p.Id, p.Name)).ToList();
    }

    /// <summary>The opportunity, when it is in this network and the person may edit it (otherwise null: answer 404).</summary>
    public async Task<Opportunity?> FindEditableAsync(Guid id)
    {
        var o = await db.Opportunities.Include(x => x.Comuni).Include(x => x.Locations).Include(x => x.Sessions)
            .FirstOrDefaultAsync(x => x.Id == id && x.NetworkId == network.Id);
        if (o is null) return null;
        if (await access.CanManageNetworkAsync()) return o;
        return (await access.PartnersHereAsync()).Contains(o.PartnerId) ? o : null;
    }

    public async Task<Dictionary<string, string>> ValidateAsync(OpportunityForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.PartnerId is { } p && !(await PublishersAsync()).Any(x => x.Id == p))
            errors[nameof(OpportunityForm.PartnerId)] = Tr.Get("Scegli uno degli enti per cui puoi pubblicare.");
        if (form.AreaId is { } a && !await db.NetworkAreas.AnyAsync(x => x.Id == a && x.NetworkId == network.Id))
            errors[nameof(OpportunityForm.AreaId)] = Tr.Get("Scegli un'area dall'elenco.");
        var comuni = form.ComuneIds.Distinct().ToList();
        if (await db.Comuni.CountAsync(c => c.NetworkId == network.Id && comuni.Contains(c.Id)) != comuni.Count)
            errors[nameof(OpportunityForm.ComuneIds)] = Tr.Get("Scegli i Comuni dall'elenco della rete.");
        return errors;
    }

    public async Task<Opportunity> CreateAsync(OpportunityForm form)
    {
        var o = new Opportunity { Id = Guid.NewGuid(), NetworkId = network.Id, Status = OpportunityStatus.Draft, CreatedAt = Now };
        Apply(o, form);
        db.Opportunities.Add(o);
        History(o, "creata");
        await db.SaveChangesAsync();
        return o;
    }

    /// <summary>Saves changes; a published opportunity stays published and visible (the change is in its history).</summary>
    public async Task UpdateAsync(Opportunity o, OpportunityForm form)
    {
        Apply(o, form);
        History(o, "modificata");
        await db.SaveChangesAsync();
        await FullTextSearch.IndexAsync(db, o);
    }

    public async Task<PublishingOutcome> SubmitAsync(Opportunity o)
    {
        if (!o.CanSubmit) return PublishingOutcome.WrongState;
        o.Status = OpportunityStatus.Submitted;
        o.UpdatedAt = Now;
        History(o, "inviata in revisione");
        if (!await db.TrySaveAsync()) return PublishingOutcome.WrongState;
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == o.PartnerId).Select(p => p.Name).FirstOrDefaultAsync();
        var coordinators = (await notifications.CoordinatorsAsync(o.NetworkId)).Where(u => u != access.UserId).ToList();
        await notifications.NotifyAsync(coordinators, to => new Notice(NotificationKinds.ReviewWaiting.Key, o.NetworkId, to, Tr.Get("Da rivedere: «{0}»", o.Title),
            Tr.Get("{0} ha inviato in revisione l'opportunità «{1}». Controllatela e pubblicatela, o rimandatela all'ente con le vostre osservazioni.", partner, o.Title),
            $"/gestione/opportunita/{o.Id}?rete={network.Network?.Slug}") { LinkLabel = Tr.Get("Rivedi l'opportunità") });
        return PublishingOutcome.Done;
    }

    public async Task<PublishingOutcome> ApproveAsync(Opportunity o)
    {
        if (!await access.CanManageNetworkAsync()) return PublishingOutcome.NotAllowed;
        if (o.Status != OpportunityStatus.Submitted) return PublishingOutcome.WrongState;
        o.Status = OpportunityStatus.Published;
        o.PublishedAt ??= Now;
        o.ModerationNote = null;
        o.UpdatedAt = Now;
        History(o, "pubblicata");
        audit.Add("opportunity.publish", nameof(Opportunity), o.Id, o.Title, o.NetworkId);
        if (!await db.TrySaveAsync()) return PublishingOutcome.WrongState;
        await FullTextSearch.IndexAsync(db, o);
        await TellSubmitterAsync(o, () => (Tr.Get("Pubblicata: «{0}»", o.Title), Tr.Get("Il coordinatore ha pubblicato l'opportunità «{0}»: ora le famiglie la trovano nel catalogo della rete.", o.Title),
            Tr.Get("Vedi l'opportunità")), $"/opportunita/{o.Id}?rete={network.Network?.Slug}");
        return PublishingOutcome.Done;
    }

    /// <summary>Tells who sent the opportunity for review (the last to submit it; else the partner's staff) what the coordinator decided.</summary>
    async Task TellSubmitterAsync(Opportunity o, Func<(string Subject, string Text, string Label)> compose, string link)
    {
        var submitter = await db.OpportunityChanges.AsNoTracking().Where(c => c.OpportunityId == o.Id && c.Action == "inviata in revisione" && c.UserId != null)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => c.UserId).FirstOrDefaultAsync();
        var people = submitter is { } s ? [s] : await notifications.PartnerStaffAsync(o.PartnerId);
        await notifications.NotifyAsync(people.Where(u => u != access.UserId), to =>
        {
            var (subject, text, label) = compose(); // in each person's language
            return new Notice(NotificationKinds.OpportunityDecision.Key, o.NetworkId, to, subject, text, link) { LinkLabel = label };
        });
    }

    public async Task<PublishingOutcome> RejectAsync(Opportunity o, string reason)
    {
        if (!await access.CanManageNetworkAsync()) return PublishingOutcome.NotAllowed;
        if (o.Status != OpportunityStatus.Submitted) return PublishingOutcome.WrongState;
        o.Status = OpportunityStatus.Rejected;
        o.ModerationNote = reason.Trim();
        o.UpdatedAt = Now;
        History(o, "rimandata all'ente", reason.Trim());
        audit.Add("opportunity.reject", nameof(Opportunity), o.Id, o.Title, o.NetworkId);
        if (!await db.TrySaveAsync()) return PublishingOutcome.WrongState;
        await TellSubmitterAsync(o, () => (Tr.Get("Da correggere: «{0}»", o.Title),
            Tr.Get("Il coordinatore ha rimandato l'opportunità «{0}» all'ente con queste osservazioni:", o.Title) + $"\n\n{reason.Trim()}\n\n" + Tr.Get("Correggetela e inviatela di nuovo in revisione."),
            Tr.Get("Correggi l'opportunità")), $"/gestione/opportunita/{o.Id}?rete={network.Network?.Slug}");
        return PublishingOutcome.Done;
    }

    public async Task<PublishingOutcome> ArchiveAsync(Opportunity o)
    {
        if (o.Status == OpportunityStatus.Archived) return PublishingOutcome.WrongState;
        o.Status = OpportunityStatus.Archived;
        o.UpdatedAt = Now;
        History(o, "archiviata");
        if (!await db.TrySaveAsync()) return PublishingOutcome.WrongState;
        await FullTextSearch.IndexAsync(db, o);
        return PublishingOutcome.Done;
    }

    void History(Opportunity o, string action, string? note = null) => Record(o.Id, action, note);

    /// <summary>Adds a line to the opportunity's history (saved with the caller's next SaveChanges).</summary>
    public void Record(Guid opportunityId, string action, string? note = null) => db.OpportunityChanges.Add(new OpportunityChange
    {
        OpportunityId = opportunityId, At = Now, UserId = access.UserId, UserName = access.User.Identity?.Name, Action = action, Note = note,
    });

    void Apply(Opportunity o, OpportunityForm f)
    {
        o.Title = f.Title!.Trim();
        o.Kind = f.Kind!.Value;
        o.PartnerId = f.PartnerId!.Value;
        o.Description = f.Description!.Trim();
        o.AreaId = f.AreaId!.Value;
        o.Categories = string.Join(", ", (f.Categories ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase));
        if (o.Categories.Length == 0) o.Categories = null;
        o.AgeFromMonths = f.AgeFromYears * 12;
        o.AgeToMonths = f.AgeToYears is { } t ? t * 12 + 11 : null;
        o.Cost = f.Cost!.Value;
        o.Price = f.Cost == CostKind.Free ? null : f.Price;
        o.ReducedPrice = f.Cost == CostKind.ReducedWithCard ? f.ReducedPrice : null;
        o.Eligibility = Text.Clean(f.Eligibility);
        o.Languages = Text.Clean(f.Languages);
        o.AccessibilityNotes = Text.Clean(f.AccessibilityNotes);
        o.ScheduleText = Text.Clean(f.ScheduleText);
        o.IsCourse = f.IsCourse;
        o.ContactEmail = Text.Clean(f.ContactEmail);
        o.ContactPhone = Text.Clean(f.ContactPhone);
        o.SearchText = Text.SearchKey($"{o.Title} {o.Description} {o.Categories}");
        if (o.SearchText.Length > 23000) o.SearchText = o.SearchText[..23000];
        o.UpdatedAt = Now;
        var wanted = f.ComuneIds.Distinct().ToHashSet();
        o.Comuni.RemoveAll(c => !wanted.Contains(c.ComuneId));
        foreach (var id in wanted.Where(id => o.Comuni.All(c => c.ComuneId != id)))
            o.Comuni.Add(new OpportunityComune { OpportunityId = o.Id, ComuneId = id });
        var place = o.Locations.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(f.PlaceName))
        {
            if (place is not null) o.Locations.Remove(place);
        }
        else
        {
            if (place is null) o.Locations.Add(place = new OpportunityLocation { Id = Guid.NewGuid(), OpportunityId = o.Id });
            place.Name = f.PlaceName.Trim();
            place.Address = Text.Clean(f.PlaceAddress);
            place.Latitude = f.Latitude;
            place.Longitude = f.Longitude;
        }
    }

    public static OpportunityForm FormFrom(Opportunity o)
    {
        var place = o.Locations.FirstOrDefault();
        return new()
        {
            Title = o.Title, Kind = o.Kind, PartnerId = o.PartnerId, Description = o.Description, AreaId = o.AreaId, Categories = o.Categories,
            AgeFromYears = o.AgeFromMonths / 12, AgeToYears = o.AgeToMonths / 12, Cost = o.Cost, Price = o.Price, ReducedPrice = o.ReducedPrice,
            Eligibility = o.Eligibility, Languages = o.Languages, AccessibilityNotes = o.AccessibilityNotes, ScheduleText = o.ScheduleText,
            ContactEmail = o.ContactEmail, ContactPhone = o.ContactPhone, IsCourse = o.IsCourse, ComuneIds = o.Comuni.Select(c => c.ComuneId).ToList(),
            PlaceName = place?.Name, PlaceAddress = place?.Address, Latitude = place?.Latitude, Longitude = place?.Longitude,
        };
    }
}
