using Alleanza.Web.Modules.Families;
namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>Italian words for the Family Card's states, in one place.</summary>
public static class CardLabels
{
    public static string State(CardState state) => state switch
    {
        CardState.Valid => Tr.Get("Valida"),
        CardState.Expired => Tr.Get("Scaduta"),
        CardState.Suspended => Tr.Get("Sospesa"),
        CardState.Revoked => Tr.Get("Revocata"),
        _ => Tr.Get("Sostituita"),
    };

    public static string Isee(IseeBand band) => band switch
    {
        IseeBand.UpTo10000 => Tr.Get("fino a 10.000 €"),
        IseeBand.UpTo20000 => Tr.Get("da 10.001 a 20.000 €"),
        IseeBand.UpTo30000 => Tr.Get("da 20.001 a 30.000 €"),
        IseeBand.UpTo40000 => Tr.Get("da 30.001 a 40.000 €"),
        _ => Tr.Get("oltre 40.000 €"),
    };

    public static string Application(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => Tr.Get("In attesa di decisione"),
        ApplicationStatus.Approved => Tr.Get("Approvata"),
        ApplicationStatus.Rejected => Tr.Get("Respinta"),
        _ => Tr.Get("Ritirata"),
    };
}
