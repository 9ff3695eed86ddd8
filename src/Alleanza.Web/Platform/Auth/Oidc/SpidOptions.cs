namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>What kind of identity provider a configured provider is.</summary>
public enum ProviderKind
{
    /// <summary>A SPID identity provider in the SPID/CIE OIDC Federation.</summary>
    Spid,
    /// <summary>The Ministry of the Interior's CIE provider in the same federation.</summary>
    Cie,
    /// <summary>A plain OpenID Connect provider (a Comune's or a region's own), with discovery and a client secret.</summary>
    Oidc,
}

/// <summary>
/// Configuration section <c>Spid</c>: sign-in with SPID, CIE and other OpenID providers, per installation and off by
/// default. See the README, «Accesso con SPID e CIE», for the onboarding steps.
/// </summary>
public sealed class SpidOptions
{
    public const string Section = "Spid";

    /// <summary>Off by default: no button, no Entity Configuration, no scheme.</summary>
    public bool Enabled { get; set; }

    /// <summary>The relying party (this installation). Its entity id defaults to <c>App:PublicUrl</c>.</summary>
    public RelyingPartyOptions RelyingParty { get; set; } = new();

    /// <summary>The federation's trust anchor (its entity id and its public keys, pinned here: they are never fetched on trust).</summary>
    public TrustAnchorOptions TrustAnchor { get; set; } = new();

    /// <summary>The providers offered on the sign-in page, in order.</summary>
    public List<ProviderOptions> Providers { get; set; } = [];

    /// <summary>Level asked by default (SpidL2; SpidL1 and SpidL3 are the others).</summary>
    public string AcrValues { get; set; } = SpidAcr.L2;

    /// <summary>How long the authentication log is kept, in months: never less than 24 (the SPID rules).</summary>
    public int LogRetentionMonths { get; set; } = 24;

    /// <summary>Development and tests only: a fake federation (trust anchor and one SPID and one CIE provider) served by the app itself.</summary>
    public bool DevelopmentProvider { get; set; }

    public IEnumerable<ProviderOptions> FederationProviders => Providers.Where(p => p.Kind is ProviderKind.Spid or ProviderKind.Cie);
}

public static class SpidAcr
{
    public const string L1 = "https://www.spid.gov.it/SpidL1";
    public const string L2 = "https://www.spid.gov.it/SpidL2";
    public const string L3 = "https://www.spid.gov.it/SpidL3";
}

public sealed class RelyingPartyOptions
{
    /// <summary>The entity id and client_id (an https URL). Empty: <c>App:PublicUrl</c>.</summary>
    public string? EntityId { get; set; }
    /// <summary>The organisation's name as registered with the federation (client_name, organization_name).</summary>
    public string OrganizationName { get; set; } = "Alleanza per la famiglia";
    /// <summary>Contact e-mail addresses published in the Entity Configuration.</summary>
    public List<string> Contacts { get; set; } = [];
    /// <summary>The superiors that hold a subordinate statement about this relying party (the trust anchor or an intermediate). Empty: the trust anchor.</summary>
    public List<string> AuthorityHints { get; set; } = [];
    /// <summary>Trust marks issued to this relying party (signed JWTs, as received at onboarding), published in the Entity Configuration.</summary>
    public List<TrustMarkOptions> TrustMarks { get; set; } = [];
    /// <summary>
    /// The keys as JWK (JSON with the private parts), if the installation keeps them outside the database. Empty: each is
    /// generated on first use and stored in the database table <c>FederationKeys</c>, encrypted with the data-protection keys.
    /// </summary>
    public string? FederationKeyJwk { get; set; }
    public string? SigningKeyJwk { get; set; }
    public string? EncryptionKeyJwk { get; set; }
    /// <summary>How long the published Entity Configuration is valid (hours).</summary>
    public int EntityConfigurationHours { get; set; } = 24;
}

public sealed class TrustMarkOptions
{
    public string Id { get; set; } = "";
    public string TrustMark { get; set; } = "";
}

public sealed class TrustAnchorOptions
{
    /// <summary>Its entity id (e.g. https://registry.spid.gov.it for the production federation).</summary>
    public string? EntityId { get; set; }
    /// <summary>Its federation public keys as a JWK set (JSON), published by AgID: the chain's last signature is checked against these.</summary>
    public string? Jwks { get; set; }
}

public sealed class ProviderOptions
{
    /// <summary>Short id used in URLs and scheme names (letters, digits, dashes): "poste", "cie", "comune-milano".</summary>
    public string Id { get; set; } = "";
    /// <summary>The name on the button or in the SPID list.</summary>
    public string Name { get; set; } = "";
    public ProviderKind Kind { get; set; } = ProviderKind.Spid;
    /// <summary>SPID/CIE: the provider's entity id (its issuer). Oidc: its authority (discovery document under it).</summary>
    public string Issuer { get; set; } = "";
    /// <summary>Oidc only: the client id and secret the provider gave this installation.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Oidc only: the claim that holds the fiscal code, if the provider vouches for it (null: none).</summary>
    public string? FiscalCodeClaim { get; set; }
    /// <summary>SPID/CIE: overrides <see cref="SpidOptions.AcrValues"/> for this provider.</summary>
    public string? AcrValues { get; set; }

    public string Scheme => "oidc-" + Id;
    public string CallbackPath => "/account/accesso-esterno/" + Id + "/ritorno";
}
