using Alleanza.Web.Platform.Data;
using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;

namespace Alleanza.Web.Modules.Catalog;

public enum OpportunityKind
{
    [Display(Name = "Servizio")] Service = 1,
    [Display(Name = "Attività")] Activity = 2,
    [Display(Name = "Evento")] Event = 3,
}

/// <summary>Draft → submitted → published (or rejected, with a reason) → archived.</summary>
public enum OpportunityStatus
{
    Draft = 1,
    Submitted = 2,
    Published = 3,
    Rejected = 4,
    Archived = 5,
}

public enum CostKind
{
    [Display(Name = "Gratuito")] Free = 1,
    [Display(Name = "A pagamento")] Paid = 2,
    [Display(Name = "Ridotto con la Carta Famiglia")] ReducedWithCard = 3,
}

public static class CatalogLabels
{
    public static string Kind(OpportunityKind k) => k switch { OpportunityKind.Service => Tr.Get("Servizio"), OpportunityKind.Activity => Tr.Get("Attività"), _ => Tr.Get("Evento") };
    public static string Status(OpportunityStatus s) => s switch
    {
        OpportunityStatus.Draft => Tr.Get("Bozza"),
        OpportunityStatus.Submitted => Tr.Get("In revisione"),
        OpportunityStatus.Published => Tr.Get("Pubblicata"),
        OpportunityStatus.Rejected => Tr.Get("Da correggere"),
        _ => Tr.Get("Archiviata"),
    };
    public static string Cost(CostKind c) => c switch { CostKind.Free => Tr.Get("Gratuito"), CostKind.Paid => Tr.Get("A pagamento"), _ => Tr.Get("Ridotto con la Carta Famiglia") };

    /// <summary>What it costs, in the reader's language: "Gratuito", "12,50 €", "12,50 €, 8,00 € con la Carta Famiglia".</summary>
    public static string Price(CostKind cost, decimal? price, decimal? reduced) => cost switch
    {
        CostKind.Free => Tr.Get("Gratuito"),
        CostKind.ReducedWithCard when price is { } p && reduced is { } r => Tr.Get("{0}, {1} con la Carta Famiglia", Money.Format(p), Money.Format(r)),
        _ when price is { } p => Money.Format(p),
        _ => Tr.Get("A pagamento"),
    };

    /// <summary>"0–2 anni", "da 6 anni", "fino a 17 anni", "tutte le età".</summary>
    public static string Ages(int? fromMonths, int? toMonths)
    {
        static string Years(int months) => months % 12 == 0 ? (months / 12).ToString(Platform.RomeTime.Culture) : (months / 12.0).ToString("0.#", Platform.RomeTime.Culture);
        return (fromMonths, toMonths) switch
        {
            (null, null) => Tr.Get("tutte le età"),
            // The upper bound is stored as the last month of that year of age (years × 12 + 11): show the whole years.
            ({ } f, null) => Tr.Get("da {0} anni", Years(f)),
            (null, { } t) => Tr.Get("fino a {0} anni", t / 12),
            ({ } f, { } t) when f < 12 && t < 12 => Tr.Get("{0}–{1} mesi", f, t),
            ({ } f, { } t) => Tr.Get("{0}–{1} anni", Years(f), t / 12),
        };
    }
}

/// <summary>A thematic area of a network (the six of the CIdiS mapping by default; configurable per network).</summary>
public class NetworkArea
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Order { get; set; }

    public static readonly (string Code, string Name)[] Defaults =
    [
        ("ambiente-sport", "Ambiente e sport"),
        ("comunicazione", "Comunicazione"),
        ("comunita-educante", "Comunità educante"),
        ("governance", "Governance"),
        ("misure-economiche", "Misure economiche"),
        ("welfare-territoriale", "Welfare territoriale"),
    ];

    public static List<NetworkArea> DefaultsFor(Guid networkId) =>
        Defaults.Select((d, i) => new NetworkArea { Id = Guid.NewGuid(), NetworkId = networkId, Code = d.Code, Name = d.Name, Order = i }).ToList();
}

/// <summary>A service, activity or event published by a partner of a network.</summary>
public class Opportunity : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public OpportunityKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown, rendered safely (raw HTML is not allowed).</summary>
    public string Description { get; set; } = "";
    public Guid AreaId { get; set; }
    /// <summary>Free categories, comma separated ("nuoto, sport acquatici").</summary>
    public string? Categories { get; set; }
    public int? AgeFromMonths { get; set; }
    public int? AgeToMonths { get; set; }
    public CostKind Cost { get; set; }
    public decimal? Price { get; set; }
    public decimal? ReducedPrice { get; set; }
    public string? Eligibility { get; set; }
    public string? Languages { get; set; }
    public string? AccessibilityNotes { get; set; }
    /// <summary>For ongoing services: when it is open, in words ("lunedì e mercoledì 16–18").</summary>
    public string? ScheduleText { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public OpportunityStatus Status { get; set; }
    /// <summary>The coordinator's reason when the opportunity is sent back for changes.</summary>
    public string? ModerationNote { get; set; }
    /// <summary>Title and description, lower-case and without accents: the LIKE fallback and the SQLite full-text source.</summary>
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>
    /// A course: its dates are meant to be attended together, so a family registers for all the future ones at once
    /// (all or none). Otherwise each date is registered for on its own.
    /// </summary>
    public bool IsCourse { get; set; }

    public List<OpportunityComune> Comuni { get; set; } = [];
    public List<OpportunityLocation> Locations { get; set; } = [];
    public List<OpportunitySession> Sessions { get; set; } = [];

    /// <summary>What a partner may do with it now.</summary>
    public bool CanSubmit => Status is OpportunityStatus.Draft or OpportunityStatus.Rejected;
    public bool IsPublic => Status == OpportunityStatus.Published;
}

/// <summary>
/// The one rule of where an opportunity is offered: in the Comuni it names, or — when it names none — in every Comune
/// of its network. The search's Comune filter, «Per la mia famiglia», the mapping, the indicators and the dashboard all
/// ask here, so they cannot disagree.
/// </summary>
public static class ComuneScope
{
    /// <summary>An opportunity naming these Comuni is offered in <paramref name="comuneId"/>.</summary>
    public static bool Serves(IReadOnlyCollection<Guid> comuni, Guid comuneId) => comuni.Count == 0 || comuni.Contains(comuneId);

    /// <summary>An opportunity naming these Comuni serves the whole network.</summary>
    public static bool IsNetworkWide(IReadOnlyCollection<Guid> comuni) => comuni.Count == 0;

    /// <summary><see cref="Serves"/> for a database query.</summary>
    public static Expression<Func<Opportunity, bool>> ServesComune(Guid comuneId) => o => !o.Comuni.Any() || o.Comuni.Any(c => c.ComuneId == comuneId);

    /// <summary><see cref="IsNetworkWide"/> for a database query.</summary>
    public static Expression<Func<Opportunity, bool>> NetworkWide => o => !o.Comuni.Any();
}

public class OpportunityComune
{
    public Guid OpportunityId { get; set; }
    public Guid ComuneId { get; set; }
}

/// <summary>Where it happens: an address with a pin placed by the publisher.</summary>
public class OpportunityLocation
{
    public Guid Id { get; set; }
    public Guid OpportunityId { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>A dated occurrence of an activity or event, with its places (null capacity: no registration limit).</summary>
public class OpportunitySession
{
    public Guid Id { get; set; }
    public Guid OpportunityId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? Capacity { get; set; }
    /// <summary>Places taken by confirmed registrations; changed only by conditional updates, so two requests cannot both take the last place.</summary>
    public int Taken { get; set; }
    public bool RegistrationOpen { get; set; } = true;

    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - Taken) : null;
}

public enum RegistrationStatus { Confirmed = 1, Waiting = 2, Cancelled = 3 }

/// <summary>A household's registration to a session: confirmed, or on the waiting list in arrival order.</summary>
public class Registration : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>How many places: the members of the household who take part.</summary>
    public int Places { get; set; } = 1;
    /// <summary>Names of the participants (children and adults), as given by the family.</summary>
    public string Participants { get; set; } = "";
    public RegistrationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public bool? Attended { get; set; }
}

/// <summary>
/// Registrations counted per network, Comune, Italian month of registration and current status, kept by
/// <see cref="RegistrationMonthRollup"/> on every save, so the dashboard never counts millions of registrations.
/// A registration counts once in the <see cref="WholeNetwork"/> row and once in each Comune its opportunity serves,
/// or in <see cref="EveryComune"/> when the opportunity names none (it serves them all, as the search means it).
/// </summary>
public class RegistrationMonth
{
    /// <summary>The row of the whole network: every registration once.</summary>
    public static readonly Guid WholeNetwork = Guid.Empty;
    /// <summary>Registrations to opportunities that name no Comune: they count for every Comune.</summary>
    public static readonly Guid EveryComune = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

    public Guid NetworkId { get; set; }
    public Guid ComuneId { get; set; }
    /// <summary>yyyymm in Europe/Rome, of <see cref="Registration.CreatedAt"/>.</summary>
    public int Month { get; set; }
    public RegistrationStatus Status { get; set; }
    public long Count { get; set; }
}

/// <summary>
/// A word families type and what the network means by it: searching «bimbi» also finds «bambini», «asilo» also
/// finds «scuola dell'infanzia». Edited by the coordinator; applied by the search (<see cref="Search.CatalogIndex"/>).
/// </summary>
public class SearchSynonym
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The word as typed, lower-case and without accents (<see cref="Alleanza.Web.Platform.Text.SearchKey"/>): one word.</summary>
    public string Word { get; set; } = "";
    /// <summary>What it also means: one or more alternatives separated by commas, each one or more words ("scuola dell'infanzia, materna").</summary>
    public string Means { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>Sensible defaults for an Italian network (the demo networks start with these).</summary>
    public static readonly (string Word, string Means)[] Defaults =
    [
        ("bimbi", "bambini"),
        ("bimbo", "bambino, bambini"),
        ("bimba", "bambina, bambini"),
        ("asilo", "scuola dell'infanzia, asilo nido"),
        ("materna", "scuola dell'infanzia"),
        ("nido", "asilo nido"),
        ("piscina", "nuoto"),
        ("nuotare", "nuoto"),
        ("ragazzi", "adolescenti, giovani"),
        ("neonati", "prima infanzia, 0-2 anni"),
        ("mamme", "genitori, madri"),
        ("papa", "genitori, padri"),
        ("compiti", "doposcuola"),
        ("estate", "centro estivo"),
        ("psicologo", "sportello di ascolto, consulenza"),
        ("sconti", "carta famiglia, convenzioni"),
    ];

    public static List<SearchSynonym> DefaultsFor(Guid networkId, DateTime now) =>
        Defaults.Select(d => new SearchSynonym { Id = Guid.NewGuid(), NetworkId = networkId, Word = d.Word, Means = d.Means, UpdatedAt = now }).ToList();
}

/// <summary>History of an opportunity: who changed what, when.</summary>
public class OpportunityChange
{
    public long Id { get; set; }
    public Guid OpportunityId { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>
/// The picture of an opportunity, kept in the database (not on a disk) so every app instance serves it.
/// Checked on upload: JPEG, PNG or WebP by their first bytes, at most 2 MB and 4,000 pixels a side.
/// </summary>
public class OpportunityImage
{
    public Guid OpportunityId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Data { get; set; } = [];
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime UpdatedAt { get; set; }
}
