using Alleanza.Web.Modules.Families;
namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>Italian words for the Family Card's states, in one place.</summary>
public static class CardLabels
{
    public static string State(CardState state) => state switch
    {
        CardState.Valid => "Valida",
        CardState.Expired => "Scaduta",
        CardState.Suspended => "Sospesa",
        CardState.Revoked => "Revocata",
        _ => "Sostituita",
    };

    public static string Isee(IseeBand band) => band switch
    {
        IseeBand.UpTo10000 => "fino a 10.000 €",
        IseeBand.UpTo20000 => "da 10.001 a 20.000 €",
        IseeBand.UpTo30000 => "da 20.001 a 30.000 €",
        IseeBand.UpTo40000 => "da 30.001 a 40.000 €",
        _ => "oltre 40.000 €",
    };

    public static string Application(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "In attesa di decisione",
        ApplicationStatus.Approved => "Approvata",
        ApplicationStatus.Rejected => "Respinta",
        _ => "Ritirata",
    };
}
