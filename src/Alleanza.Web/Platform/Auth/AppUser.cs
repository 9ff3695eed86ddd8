using Microsoft.AspNetCore.Identity;

namespace Alleanza.Web.Platform.Auth;

/// <summary>A person with an account. Roles are held per network in <see cref="Membership"/>.</summary>
public class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>Installation administrator: creates networks and invites their coordinators.</summary>
    public bool IsAdministrator { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Codice fiscale, given by the person (or by SPID/CIE): lets the platform write to them in the IO app too.</summary>
    public string? FiscalCode { get; set; }
    /// <summary>The fiscal code as SPID, CIE or a trusted provider gave it at sign-in (unique): the person's verified identity.</summary>
    public string? VerifiedFiscalCode { get; set; }
    /// <summary>When the fiscal code was last verified that way.</summary>
    public DateTime? FiscalCodeVerifiedAt { get; set; }
    /// <summary>The language the person reads the platform in (a code of <see cref="Localization.Languages"/>): mails and
    /// notifications raised by someone else's action are written in it. Null: Italian.</summary>
    public string? Language { get; set; }
    /// <summary>When the person deleted the account: the row stays, anonymised, so that what must be kept (redemptions,
    /// attendance counts, consents as proof) stays consistent; nobody can sign in to it.</summary>
    public DateTime? DeletedAt { get; set; }
}

/// <summary>The roles a person can hold inside one network (UI names in <see cref="NetworkRoles"/>).</summary>
public enum NetworkRole
{
    Family = 1,
    PartnerStaff = 2,
    Merchant = 3,
    MunicipalOfficer = 4,
    Coordinator = 5,
    SocialOperator = 6,
    Volunteer = 7,
    /// <summary>Supervises the support paths of one partner organisation (approves plans and closures).</summary>
    SupportSupervisor = 8,
}

public static class NetworkRoles
{
    public static string Label(NetworkRole role) => role switch
    {
        NetworkRole.Family => "Famiglia",
        NetworkRole.PartnerStaff => "Referente partner",
        NetworkRole.Merchant => "Esercente",
        NetworkRole.MunicipalOfficer => "Operatore comunale",
        NetworkRole.Coordinator => "Coordinatore",
        NetworkRole.SocialOperator => "Operatore sociale",
        NetworkRole.Volunteer => "Volontario",
        NetworkRole.SupportSupervisor => "Supervisore dei percorsi",
        _ => role.ToString(),
    };

    /// <summary>Roles that belong to a partner organisation's staff (they need a partner).</summary>
    public static bool NeedsPartner(NetworkRole role) =>
        role is NetworkRole.PartnerStaff or NetworkRole.Merchant or NetworkRole.SocialOperator or NetworkRole.Volunteer or NetworkRole.SupportSupervisor;
}

/// <summary>A person's role in one network; partner roles also name the organisation.</summary>
public class Membership
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid NetworkId { get; set; }
    public NetworkRole Role { get; set; }
    public Guid? PartnerId { get; set; }
    /// <summary>For municipal officers: the Comune whose families' applications they decide (null: every Comune of the network).</summary>
    public Guid? ComuneId { get; set; }
    public DateTime CreatedAt { get; set; }

    public AppUser? User { get; set; }
}
