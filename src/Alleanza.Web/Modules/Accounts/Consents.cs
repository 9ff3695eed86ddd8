using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>
/// A consent a person gave, with the version of the notice they read and when (kept as proof, also after the account is
/// anonymised). A new version of a notice asked again adds a new row: the history stays.
/// </summary>
public class Consent
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The network the consent was given in (null: the platform's own notice, at registration).</summary>
    public Guid? NetworkId { get; set; }
    /// <summary>What was consented to: one of <see cref="ConsentKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Version { get; set; } = "";
    public DateTime GivenAt { get; set; }
}

public static class ConsentKinds
{
    /// <summary>The platform's privacy notice (/privacy), read when creating the account.</summary>
    public const string AccountPrivacy = "account.privacy";
    /// <summary>The processing of the household's data for the Family Card (the network's notice, versioned in its card rules).</summary>
    public const string HouseholdCard = "household.card";

    public static string Label(string kind) => kind switch
    {
        AccountPrivacy => "Informativa privacy della piattaforma (creazione dell'account)",
        HouseholdCard => "Trattamento dei dati del nucleo familiare per la Carta Famiglia",
        _ => kind,
    };
}

/// <summary>The platform's privacy notice: its version changes when the text of /privacy changes.</summary>
public static class PrivacyNotice
{
    public const string Version = "1 (novembre 2026)";
}

/// <summary>Records consents in the caller's unit of work (the caller saves).</summary>
public static class ConsentRecords
{
    public static void Add(AppDbContext db, Guid userId, Guid? networkId, string kind, string version, DateTime at) =>
        db.Consents.Add(new Consent { UserId = userId, NetworkId = networkId, Kind = kind, Version = version, GivenAt = at });
}
