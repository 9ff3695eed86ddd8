using System.Globalization;

namespace Alleanza.Web.Platform.Localization;

/// <summary>Amounts in euro and numbers, written the way the reader's language writes them ("12,50 €", "€12.50").</summary>
public static class Money
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NumberFormatInfo> Formats = new();

    static NumberFormatInfo Euro(CultureInfo culture) => Formats.GetOrAdd(culture.Name, _ =>
    {
        var f = (NumberFormatInfo)culture.NumberFormat.Clone();
        f.CurrencySymbol = "€";
        return NumberFormatInfo.ReadOnly(f);
    });

    /// <summary>"12,50 €" in Italian, "€12.50" in English; whole amounts keep their cents.</summary>
    public static string Format(decimal amount) =>
        RomeTime.Culture.Name == RomeTime.Italian.Name ? amount.ToString("#,##0.00", RomeTime.Italian) + " €" : amount.ToString("C2", Euro(RomeTime.Culture));

    /// <summary>A whole number with the language's group separator: "12.000" in Italian, "12,000" in English.</summary>
    public static string Number(decimal value) => value.ToString("N0", RomeTime.Culture);
}
