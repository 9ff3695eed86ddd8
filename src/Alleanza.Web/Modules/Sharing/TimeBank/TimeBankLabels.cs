using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>The Italian words of the time bank, and how hours are written.</summary>
public static class TimeBankLabels
{
    /// <summary>Minutes as hours and half hours: «1 h 30», «−2 h», «30 min», «0 h».</summary>
    public static string Hours(long minutes)
    {
        var sign = minutes < 0 ? "−" : "";
        var m = Math.Abs(minutes);
        if (m is > 0 and < 60) return $"{sign}{m} min";
        return m % 60 == 0 ? $"{sign}{m / 60} h" : $"{sign}{m / 60} h {m % 60:00}";
    }

    /// <summary>Minutes as a decimal number of hours for CSV files («1,5»).</summary>
    public static string DecimalHours(long minutes) => (minutes / 60m).ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("it-IT"));

    public static string Category(HelpCategory c) => c switch
    {
        HelpCategory.Babysitting => Tr.Get("Babysitting"),
        HelpCategory.Homework => Tr.Get("Compiti"),
        HelpCategory.Lifts => Tr.Get("Passaggi"),
        HelpCategory.Repairs => Tr.Get("Piccole riparazioni"),
        HelpCategory.Cooking => Tr.Get("Cucina"),
        HelpCategory.Languages => Tr.Get("Lingue"),
        HelpCategory.Accompanying => Tr.Get("Accompagnamento"),
        HelpCategory.DigitalHelp => Tr.Get("Aiuto digitale"),
        _ => Tr.Get("Altro"),
    };

    public static string Kind(PostKind k) => Tr.Get(k == PostKind.Offer ? "Offro" : "Cerco");

    public static string Status(ExchangeStatus s) => s switch
    {
        ExchangeStatus.Pending => Tr.Get("Da confermare"),
        ExchangeStatus.Confirmed => Tr.Get("Confermato"),
        ExchangeStatus.Declined => Tr.Get("Non confermato"),
        ExchangeStatus.Expired => Tr.Get("Scaduto"),
        _ => Tr.Get("Stornato"),
    };

    public static string StatusBadge(ExchangeStatus s) => s switch
    {
        ExchangeStatus.Pending => "bg-warning text-dark",
        ExchangeStatus.Confirmed => "bg-success",
        _ => "bg-secondary",
    };

    public static string Member(MemberStatus s) => s switch
    {
        MemberStatus.Pending => Tr.Get("In attesa"),
        MemberStatus.Active => Tr.Get("Socio"),
        _ => Tr.Get("Non accolta"),
    };

    /// <summary>A translated word with its first letter small or capital (one resource for «Soci» and «soci»).</summary>
    public static string Small(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
    public static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static List<SelectListItem> Categories() =>
        Enum.GetValues<HelpCategory>().Select(c => new SelectListItem(Category(c), c.ToString())).ToList();

    /// <summary>How the bank treats an exchange the receiver has not confirmed in time, in words for the members.</summary>
    public static string UnconfirmedRule(Bank bank) => bank.Unconfirmed == UnconfirmedOutcome.AutoConfirm
        ? Tr.Get("Quando è chi ha dato l'aiuto a registrare lo scambio, chi l'ha ricevuto ha {0} giorni per confermarlo o rifiutarlo: se non risponde, lo scambio è confermato automaticamente.", bank.ConfirmDays)
        : Tr.Get("Quando è chi ha dato l'aiuto a registrare lo scambio, chi l'ha ricevuto ha {0} giorni per confermarlo o rifiutarlo: se non risponde, lo scambio scade e le ore non sono trasferite.", bank.ConfirmDays);
}
