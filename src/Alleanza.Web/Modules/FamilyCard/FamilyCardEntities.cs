using Alleanza.Web.Platform.Data;
using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>A network's Family Card rules (one row per network; defaults when there is none).</summary>
public class CardRules
{
    public Guid NetworkId { get; set; }
    /// <summary>How many children under <see cref="ChildAgeLimit"/> a household needs.</summary>
    public int MinChildren { get; set; } = 1;
    /// <summary>A child counts until this birthday; the card expires when the youngest child reaches it.</summary>
    public int ChildAgeLimit { get; set; } = 18;
    /// <summary>Highest ISEE allowed, in euro; null means no ISEE rule.</summary>
    public decimal? IseeCeiling { get; set; }
    /// <summary>Eligible applications are approved at once, without the officer's queue.</summary>
    public bool AutoApprove { get; set; }
    /// <summary>Days before expiry when the holder is reminded by e-mail.</summary>
    public int ReminderDays { get; set; } = 30;
    /// <summary>Version of the privacy notice families consent to; a new version asks for consent again.</summary>
    public string PrivacyVersion { get; set; } = "2026-1";
    /// <summary>The family must attach documents to the application (what, in <see cref="AttachmentsHint"/>).</summary>
    public bool AttachmentsRequired { get; set; }
    /// <summary>What to attach, in the network's words (e.g. "documento d'identità dell'adulto che fa la domanda").</summary>
    public string? AttachmentsHint { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The rule uses ISEE: the application carries the attestation's protocol number and date.</summary>
    public bool UsesIsee => IseeCeiling is not null;
}

public enum ApplicationStatus
{
    [Display(Name = "In attesa")] Submitted = 1,
    [Display(Name = "Approvata")] Approved = 2,
    [Display(Name = "Respinta")] Rejected = 3,
    [Display(Name = "Ritirata")] Withdrawn = 4,
    /// <summary>The officer asked the family for more (a document, the ISEE protocol…): back with the family until it answers.</summary>
    [Display(Name = "Integrazioni richieste")] InformationRequested = 5,
}

/// <summary>What the residence check said (see <see cref="IResidenceCheck"/>).</summary>
public enum ResidenceCheckOutcome
{
    /// <summary>Declared by the family, to be checked by the officer (the default: no register is queried).</summary>
    [Display(Name = "Dichiarata dalla famiglia, da controllare")] Declared = 1,
    [Display(Name = "Confermata dall'anagrafe (ANPR)")] Confirmed = 2,
    [Display(Name = "Non confermata dall'anagrafe (ANPR)")] NotConfirmed = 3,
    [Display(Name = "Anagrafe non raggiungibile: da controllare")] Unavailable = 4,
}

/// <summary>What a document attached to an application is.</summary>
public enum ApplicationDocumentKind
{
    [Display(Name = "Documento d'identità")] Identity = 1,
    [Display(Name = "Attestazione ISEE (solo la prima pagina con il protocollo)")] Isee = 2,
    [Display(Name = "Residenza o stato di famiglia")] Residence = 3,
    [Display(Name = "Altro")] Other = 9,
}

/// <summary>A document attached to a card application (by the family, at the application or answering the officer). The bytes live in the database like the working tables' documents.</summary>
public class CardApplicationDocument
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid ApplicationId { get; set; }
    public ApplicationDocumentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public Guid? UploadedByUserId { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>A household's request for Family Cards, decided by the officer of its Comune.</summary>
public class CardApplication : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid ComuneId { get; set; }
    public ApplicationStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    /// <summary>Why it was rejected (shown to the family), or a note on approval.</summary>
    public string? Reason { get; set; }
    /// <summary>The eligibility verdict when the application was made, in words.</summary>
    public string EligibilitySummary { get; set; } = "";

    // ---- what the officer checks (declared by the family; see ResidenceCheck for what a register confirmed) ----
    /// <summary>Residence address in the Comune (street, number), as declared.</summary>
    public string? ResidenceAddress { get; set; }
    public ResidenceCheckOutcome? ResidenceCheck { get; set; }
    public DateTime? ResidenceCheckedAt { get; set; }
    /// <summary>What the check said, in words for the officer.</summary>
    public string? ResidenceCheckNote { get; set; }
    /// <summary>The ISEE attestation's protocol number (INPS-ISEE-2026-XXXXXXXXX-XX) when the rule uses ISEE; never the declaration itself.</summary>
    public string? IseeProtocol { get; set; }
    public DateOnly? IseeProtocolDate { get; set; }

    // ---- the officer asks for more ----
    /// <summary>The officer's latest request to the family (shown to it), while and after <see cref="ApplicationStatus.InformationRequested"/>.</summary>
    public string? InformationRequest { get; set; }
    public DateTime? InformationRequestedAt { get; set; }
    public string? InformationRequestedByName { get; set; }
    /// <summary>The family's latest answer to the request.</summary>
    public string? FamilyAnswer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>How many times the officer asked for more.</summary>
    public int RequestCount { get; set; }

    /// <summary>Waiting for someone: the officer (submitted) or the family (information requested).</summary>
    public bool IsOpen => Status is ApplicationStatus.Submitted or ApplicationStatus.InformationRequested;
}

public enum CardStatus
{
    [Display(Name = "Attiva")] Active = 1,
    [Display(Name = "Sospesa")] Suspended = 2,
    [Display(Name = "Revocata")] Revoked = 3,
    [Display(Name = "Sostituita")] Replaced = 4,
}

/// <summary>What a card is worth at a given moment (status plus expiry).</summary>
public enum CardState { Valid, Expired, Suspended, Revoked, Replaced }

/// <summary>One adult's Family Card.</summary>
public class Card : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid MemberId { get; set; }
    /// <summary>Comune of residence when issued (for statistics).</summary>
    public Guid ComuneId { get; set; }
    /// <summary>The code printed on the card and typed at the counter, e.g. "K7F3-9Q2M-XH4T".</summary>
    public string Number { get; set; } = "";
    public string HolderFirstName { get; set; } = "";
    public string HolderLastName { get; set; } = "";
    public CardStatus Status { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime ValidUntil { get; set; }
    public DateTime? StatusChangedAt { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>The card that replaced this one when it was lost.</summary>
    public Guid? ReplacedByCardId { get; set; }
    public DateTime? ReminderSentAt { get; set; }

    public CardState StateAt(DateTime utcNow) => Status switch
    {
        CardStatus.Suspended => CardState.Suspended,
        CardStatus.Revoked => CardState.Revoked,
        CardStatus.Replaced => CardState.Replaced,
        _ => utcNow >= ValidUntil ? CardState.Expired : CardState.Valid,
    };

    /// <summary>"Maria R." — what the counter is shown.</summary>
    public static string ShortName(string first, string last) =>
        string.IsNullOrWhiteSpace(last) ? first : $"{first} {char.ToUpperInvariant(last.Trim()[0])}.";
}

/// <summary>A phone or browser a card was activated on: the device's public key, bound by a credential the network signs.</summary>
public class CardDevice : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid CardId { get; set; }
    /// <summary>Uncompressed P-256 public key (65 bytes: 0x04 ‖ X ‖ Y), made non-extractable in the browser.</summary>
    public byte[] PublicKey { get; set; } = [];
    public string? Label { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A network's ECDSA P-256 signing key for card credentials. Public keys stay published after retirement.</summary>
public class CardSigningKey
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>Key id carried in every credential ("k").</summary>
    public string Kid { get; set; } = "";
    /// <summary>SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKey { get; set; } = [];
    /// <summary>PKCS#8 private key, encrypted with ASP.NET Core data protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>No longer signs new credentials; still verifies the ones it signed.</summary>
    public DateTime? RetiredAt { get; set; }
}

public enum ShopCategory
{
    [Display(Name = "Alimentari")] Food = 1,
    [Display(Name = "Abbigliamento e calzature")] Clothing = 2,
    [Display(Name = "Farmacia e salute")] Health = 3,
    [Display(Name = "Libri, cartoleria, scuola")] Books = 4,
    [Display(Name = "Sport e tempo libero")] Sport = 5,
    [Display(Name = "Giocattoli e infanzia")] Toys = 6,
    [Display(Name = "Ristorazione")] Restaurants = 7,
    [Display(Name = "Servizi alla persona")] Services = 8,
    [Display(Name = "Altro")] Other = 9,
}

/// <summary>A merchant's shop (punto vendita), on the map.</summary>
public class Shop : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public string Name { get; set; } = "";
    public string NameKey { get; set; } = "";
    public string Address { get; set; } = "";
    public Guid ComuneId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? OpeningHours { get; set; }
    public string? Phone { get; set; }
    public ShopCategory Category { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum DiscountKind
{
    [Display(Name = "Sconto in percentuale")] Percent = 1,
    [Display(Name = "Sconto in euro")] Fixed = 2,
    [Display(Name = "Altra agevolazione (testo)")] Text = 3,
}

public enum OfferStatus
{
    [Display(Name = "Bozza")] Draft = 1,
    [Display(Name = "In approvazione")] Submitted = 2,
    [Display(Name = "Pubblicata")] Published = 3,
    [Display(Name = "Da rivedere")] Rejected = 4,
    [Display(Name = "Ritirata")] Withdrawn = 5,
}

/// <summary>A merchant's offer (convenzione) to Family Card holders, valid at all its shops.</summary>
public class Offer : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public string Title { get; set; } = "";
    public DiscountKind Kind { get; set; }
    public decimal? Percent { get; set; }
    public decimal? Amount { get; set; }
    public string? Description { get; set; }
    public string? Conditions { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public OfferStatus Status { get; set; }
    public string? ModerationNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>Other networks whose cards this offer accepts (only networks in reciprocity with this one count).</summary>
    public List<OfferNetwork> AcceptedNetworks { get; set; } = [];

    public bool IsValidOn(DateOnly day) =>
        Status == OfferStatus.Published && (ValidFrom is null || ValidFrom <= day) && (ValidUntil is null || day <= ValidUntil);

    /// <summary>The discount on a purchase, in euro (null when the offer is not a number).</summary>
    public decimal? DiscountOn(decimal purchase) => Kind switch
    {
        DiscountKind.Percent when Percent is decimal p => Math.Round(purchase * p / 100m, 2, MidpointRounding.AwayFromZero),
        DiscountKind.Fixed when Amount is decimal a => Math.Min(a, purchase),
        _ => null,
    };
}

public static class OfferQueries
{
    /// <summary><see cref="Offer.IsValidOn"/> in SQL: published, and the day within its validity dates.</summary>
    public static IQueryable<Offer> ValidOn(this IQueryable<Offer> offers, DateOnly day) =>
        offers.Where(o => o.Status == OfferStatus.Published && (o.ValidFrom == null || o.ValidFrom <= day) && (o.ValidUntil == null || o.ValidUntil >= day));
}

public class OfferNetwork
{
    public Guid OfferId { get; set; }
    public Guid NetworkId { get; set; }
}

/// <summary>Network <see cref="NetworkId"/> agrees to honour the cards of <see cref="OtherNetworkId"/>; reciprocity holds when both rows exist.</summary>
public class CardReciprocity
{
    public Guid NetworkId { get; set; }
    public Guid OtherNetworkId { get; set; }
    public DateTime AgreedAt { get; set; }
    public Guid? AgreedByUserId { get; set; }
}

/// <summary>A discount given at a shop: the record that statistics are made of.</summary>
public class Redemption
{
    public long Id { get; set; }
    /// <summary>The shop's network.</summary>
    public Guid NetworkId { get; set; }
    public Guid ShopId { get; set; }
    public Guid PartnerId { get; set; }
    public Guid CardId { get; set; }
    public Guid? OfferId { get; set; }
    public DateTime At { get; set; }
    public decimal? PurchaseAmount { get; set; }
    public decimal? DiscountAmount { get; set; }
    /// <summary>SHA-256 of the QR token shown: one token records one purchase (a replayed token is refused).</summary>
    public string? TokenHash { get; set; }
    /// <summary>Chosen by the page or the till for one attempt: the same key twice records once.</summary>
    public string IdempotencyKey { get; set; } = "";
    public Guid? RecordedByUserId { get; set; }
    public Guid? ApiKeyId { get; set; }
}

/// <summary>Redemptions summed per shop and month, kept up to date on each redemption, so statistics never scan millions of rows.</summary>
public class RedemptionMonth
{
    public Guid ShopId { get; set; }
    /// <summary>yyyymm in Europe/Rome.</summary>
    public int Month { get; set; }
    public Guid NetworkId { get; set; }
    public long Count { get; set; }
    /// <summary>Sums in euro cents: whole numbers add up the same on every engine (SQLite keeps decimals as text).</summary>
    public long DiscountCents { get; set; }
    public long PurchaseCents { get; set; }
}

/// <summary>A till's key for the verification API. Only its SHA-256 is stored.</summary>
public class PartnerApiKey : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>First characters of the key, to recognise it in the list.</summary>
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// Cards counted per Comune and Italian month, kept by <see cref="CardMonthRollup"/> on every save that adds or changes a
/// card, so the statistics and the dashboard never count millions of cards: <see cref="Issued"/> cards issued in the
/// month, <see cref="ActiveExpiring"/> cards now in status active whose validity ends in the month.
/// </summary>
public class CardMonth
{
    public Guid ComuneId { get; set; }
    /// <summary>yyyymm in Europe/Rome.</summary>
    public int Month { get; set; }
    public Guid NetworkId { get; set; }
    public long Issued { get; set; }
    public long ActiveExpiring { get; set; }
}
