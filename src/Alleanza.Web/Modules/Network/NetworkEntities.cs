using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Auth;
using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Network;

/// <summary>An alliance for the family: the tenant. Every row owned by a network carries its id.</summary>
public class AllianceNetwork
{
    public Guid Id { get; set; }
    /// <summary>Short URL name, e.g. "portogruaro".</summary>
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Region { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>The sender name of the network's mails (null: the network's name).</summary>
    public string? MailFromName { get; set; }
    /// <summary>The sender address of the network's mails (null: the installation's Smtp:From).</summary>
    public string? MailFromAddress { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Comune> Comuni { get; set; } = [];
}

/// <summary>A municipality that belongs to a network.</summary>
public class Comune
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Two-letter province code (VE, MB, TO, LU, PV …).</summary>
    public string? Province { get; set; }
    /// <summary>ISTAT code, when known.</summary>
    public string? IstatCode { get; set; }
}

public enum PartnerKind
{
    [Display(Name = "Comune")] Comune = 1,
    [Display(Name = "Scuola")] School = 2,
    [Display(Name = "Azienda sanitaria")] HealthAgency = 3,
    [Display(Name = "Associazione di famiglie")] FamilyAssociation = 4,
    [Display(Name = "Associazione sportiva")] SportsAssociation = 5,
    [Display(Name = "Associazione culturale")] CulturalAssociation = 6,
    [Display(Name = "Cooperativa / terzo settore")] ThirdSector = 7,
    [Display(Name = "Impresa / esercente")] Business = 8,
    [Display(Name = "Altro")] Other = 9,
}

public static class PartnerKinds
{
    public static string Label(PartnerKind kind) => kind switch
    {
        PartnerKind.Comune => "Comune",
        PartnerKind.School => "Scuola",
        PartnerKind.HealthAgency => "Azienda sanitaria",
        PartnerKind.FamilyAssociation => "Associazione di famiglie",
        PartnerKind.SportsAssociation => "Associazione sportiva",
        PartnerKind.CulturalAssociation => "Associazione culturale",
        PartnerKind.ThirdSector => "Cooperativa / terzo settore",
        PartnerKind.Business => "Impresa / esercente",
        _ => "Altro",
    };
}

/// <summary>A partner organisation (ente partner) of a network.</summary>
public class Partner
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Lower-case, accent-free copy of the name, for search and ordering on every engine.</summary>
    public string NameKey { get; set; } = "";
    public PartnerKind Kind { get; set; }
    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? TaxCode { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<PartnerComune> ComuniServed { get; set; } = [];
}

/// <summary>A Comune that a partner serves.</summary>
public class PartnerComune
{
    public Guid PartnerId { get; set; }
    public Guid ComuneId { get; set; }
}

/// <summary>An invitation to take a role in a network, accepted through a link sent by email.</summary>
public class Invitation : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public string Email { get; set; } = "";
    public NetworkRole Role { get; set; }
    public Guid? PartnerId { get; set; }
    /// <summary>SHA-256 of the token in the link; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? InvitedByUserId { get; set; }
}
