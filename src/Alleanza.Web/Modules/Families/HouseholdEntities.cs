using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Families;

/// <summary>ISEE bands a family may declare (never the declaration itself). Values are the band's upper limit in euro.</summary>
public enum IseeBand
{
    [Display(Name = "fino a 10.000 €")] UpTo10000 = 10000,
    [Display(Name = "da 10.001 a 20.000 €")] UpTo20000 = 20000,
    [Display(Name = "da 20.001 a 30.000 €")] UpTo30000 = 30000,
    [Display(Name = "da 30.001 a 40.000 €")] UpTo40000 = 40000,
    [Display(Name = "oltre 40.000 €")] Over40000 = int.MaxValue,
}

/// <summary>
/// A household (nucleo familiare): the family's one record across the platform, registered by one of its adults or, for a
/// family without an account, by a social operator (the family can claim it later with a one-time code).
/// </summary>
public class Household
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The family's account that manages the household; null while an operator's registration is unclaimed.</summary>
    public Guid? OwnerUserId { get; set; }
    /// <summary>The operator who registered the household for a family without an account (null when the family did).</summary>
    public Guid? RegisteredByUserId { get; set; }
    /// <summary>The operator's organisation when the household was registered by an operator.</summary>
    public Guid? RegisteredByPartnerId { get; set; }
    /// <summary>SHA-256 (hex) of the one-time code the family enters to claim the household; null when none is pending.</summary>
    public string? ClaimCodeHash { get; set; }
    public DateTime? ClaimCodeExpiresAt { get; set; }
    /// <summary>When the family claimed the operator's registration with its account.</summary>
    public DateTime? ClaimedAt { get; set; }
    /// <summary>Comune of residence.</summary>
    public Guid ComuneId { get; set; }
    public IseeBand? IseeBand { get; set; }
    /// <summary>Date of the ISEE certificate the band comes from.</summary>
    public DateOnly? IseeDate { get; set; }
    public string PrivacyVersion { get; set; } = "";
    public DateTime PrivacyConsentAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<HouseholdMember> Members { get; set; } = [];
}

public enum MemberRole
{
    [Display(Name = "Adulto")] Adult = 1,
    [Display(Name = "Figlio/a")] Child = 2,
}

public class HouseholdMember
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public MemberRole Role { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    /// <summary>
    /// Codice fiscale (optional; unique in the network): lets an operator find the household before registering it again, and
    /// the officer see who applies. Checked by <see cref="ItalianFiscalCode"/> against the birth date and sex.
    /// </summary>
    public string? FiscalCode { get; set; }
    /// <summary>Sex as in the codice fiscale (optional): only to check the code.</summary>
    public MemberSex? Sex { get; set; }
    /// <summary>
    /// When the code was verified by a digital identity (the adult signed in with SPID or CIE and the identity provider gave this
    /// fiscal number): set by <see cref="Households.MarkFiscalCodeVerifiedAsync"/>, cleared when the code changes. Null = declared.
    /// </summary>
    public DateTime? FiscalCodeVerifiedAt { get; set; }
    /// <summary>How it was verified ("SPID", "CIE", …), shown to the officer.</summary>
    public string? FiscalCodeVerifiedBy { get; set; }

    /// <summary>Whole years at the given day.</summary>
    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        if (day < BirthDate.AddYears(age)) age--;
        return age;
    }
}
