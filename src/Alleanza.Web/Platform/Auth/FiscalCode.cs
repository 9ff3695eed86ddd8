namespace Alleanza.Web.Platform.Auth;

/// <summary>
/// The Italian codice fiscale of a person: 16 characters (6 letters of surname and name, year, month letter, day — plus 40
/// for women —, the place's code, a check letter), with the digits that omocodia may replace by letters (L M N P Q R S T U V).
/// </summary>
public static class FiscalCode
{
    const string MonthLetters = "ABCDEHLMPRST";
    const string Omocodia = "LMNPQRSTUV";
    static readonly int[] OddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    /// <summary>Positions (0-based) that hold digits, which omocodia may turn into letters.</summary>
    static readonly int[] DigitPositions = [6, 7, 9, 10, 12, 13, 14];

    /// <summary>Upper-case without spaces ("rssmra80a01h501u " → "RSSMRA80A01H501U"), or null when empty.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>Why <paramref name="code"/> (normalized) is not a valid codice fiscale, or null when it is.</summary>
    public static string? Problem(string code)
    {
        if (code.Length != 16) return "Il codice fiscale ha 16 caratteri.";
        for (var i = 0; i < 16; i++)
        {
            var c = code[i];
            var digit = DigitPositions.Contains(i);
            var ok = digit ? char.IsAsciiDigit(c) || Omocodia.Contains(c) : char.IsAsciiLetterUpper(c);
            if (!ok) return "Il codice fiscale non ha la forma giusta: 6 lettere, 2 cifre, una lettera, 2 cifre, una lettera, 3 cifre e una lettera.";
        }
        if (!MonthLetters.Contains(code[8])) return "Il codice fiscale non ha la forma giusta: la nona lettera indica il mese di nascita.";
        var day = DigitValue(code[9]) * 10 + DigitValue(code[10]);
        if (day is < 1 or > 71 || day is > 31 and < 41) return "Il codice fiscale non ha la forma giusta: il giorno di nascita non esiste.";
        return CheckLetter(code) == code[15] ? null : "Il codice fiscale non è valido: il carattere di controllo non corrisponde. Controlla di averlo scritto bene.";
    }

    public static bool IsValid(string? value) => Normalize(value) is { } code && Problem(code) is null;

    /// <summary>The 16th character computed from the first 15.</summary>
    public static char CheckLetter(string code)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = code[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? OddValues[index] : index; // positions 1, 3, 5 … (1-based) are "odd"
        }
        return (char)('A' + sum % 26);
    }

    static int DigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : Omocodia.IndexOf(c);
}
