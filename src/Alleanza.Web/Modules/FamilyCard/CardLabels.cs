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
        ApplicationStatus.InformationRequested => Tr.Get("Il Comune chiede altre informazioni"),
        _ => Tr.Get("Ritirata"),
    };

    public static string Document(ApplicationDocumentKind kind) => kind switch
    {
        ApplicationDocumentKind.Identity => Tr.Get("Documento d'identità"),
        ApplicationDocumentKind.Isee => Tr.Get("Attestazione ISEE"),
        ApplicationDocumentKind.Residence => Tr.Get("Residenza o stato di famiglia"),
        _ => Tr.Get("Altro documento"),
    };

    /// <summary>For the officer: what the residence check said.</summary>
    public static string Residence(ResidenceCheckOutcome? outcome) => outcome switch
    {
        ResidenceCheckOutcome.Confirmed => Tr.Get("verificata: confermata dall'anagrafe nazionale (ANPR)"),
        ResidenceCheckOutcome.NotConfirmed => Tr.Get("non confermata dall'anagrafe nazionale (ANPR)"),
        ResidenceCheckOutcome.Unavailable => Tr.Get("dichiarata: anagrafe non consultata"),
        _ => Tr.Get("dichiarata dalla famiglia"),
    };
}
