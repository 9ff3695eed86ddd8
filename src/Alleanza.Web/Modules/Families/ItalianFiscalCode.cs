using System.ComponentModel.DataAnnotations;

namespace Alleanza.Web.Modules.Families;

/// <summary>Sex as written in the codice fiscale (the day of birth plus 40 for women).</summary>
public enum MemberSex
{
    [Display(Name = "Femmina")] Female = 1,
    [Display(Name = "Maschio")] Male = 2,
}

/// <summary>
/// The Italian codice fiscale of a person, checked as the Agenzia delle Entrate writes it (DM 23/12/1976): 3 letters of the
/// surname, 3 of the name, the year (2 digits), the month (a letter of ABCDEHLMPRST), the day (plus 40 for women), the place
/// of birth (a Comune's cadastral code, a letter A–M and 3 digits, or a foreign state's, Z and 3 digits) and a check letter.
/// Omocodia: when two people would have the same code, digits are replaced by letters (0→L … 9→V) from the right — the
/// place's last digit first, then its others, the day, the year. A pure class: no database, no clock.
/// </summary>
public static class ItalianFiscalCode
{
    public const string MonthLetters = "ABCDEHLMPRST";
    public const string OmocodiaLetters = "LMNPQRSTUV";
    static readonly int[] OddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    /// <summary>The positions (0-based) that hold digits, in the order omocodia replaces them (right to left).</summary>
    public static readonly int[] OmocodiaOrder = [14, 13, 12, 10, 9, 7, 6];

    /// <summary>What a valid code says about its person.</summary>
    /// <param name="Canonical">The code with the omocodia letters turned back into digits (and the check letter recomputed).</param>
    public sealed record Decoded(string Code, int YearOfCentury, int Month, int Day, MemberSex Sex, string PlaceCode, bool ForeignState, int OmocodiaLevel, string Canonical)
    {
        /// <summary>Whether <paramref name="birthDate"/> is the date the code encodes (the century is not in the code).</summary>
        public bool BornOn(DateOnly birthDate) => birthDate.Year % 100 == YearOfCentury && birthDate.Month == Month && birthDate.Day == Day;
    }

    /// <summary>Upper case without spaces ("rssmra80a01h501u " → "RSSMRA80A01H501U"), or null when empty.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>The 16th character of a code, computed from its first 15 (letters and digits as written).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first15)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = first15[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? OddValues[index] : index; // positions 1, 3, 5 … (1-based) are the "odd" ones
        }
        return (char)('A' + sum % 26);
    }

    static int DigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : OmocodiaLetters.IndexOf(c);

    /// <summary>Reads a normalized code: its meaning, or the problem in Italian words for the person who typed it.</summary>
    public static (Decoded? Code, string? Problem) Decode(string code)
    {
        if (code.Length != 16) return (null, $"Il codice fiscale ha 16 caratteri: ne avete scritti {code.Length}.");
        if (!code.All(char.IsAsciiLetterOrDigit))
            return (null, "Il codice fiscale ha solo lettere e cifre, senza punti né altri segni.");
        const string shape = "Il codice fiscale non ha la forma giusta: 6 lettere, 2 cifre, una lettera, 2 cifre, una lettera, 3 cifre e una lettera.";
        for (var i = 0; i < 16; i++)
        {
            var c = code[i];
            var digitPlace = Array.IndexOf(OmocodiaOrder, i) >= 0;
            if (digitPlace ? !(char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c)) : !char.IsAsciiLetterUpper(c)) return (null, shape);
        }
        // Omocodia replaces digits from the right: a letter may stand for a digit only if every digit to its right is a letter too.
        var level = 0;
        while (level < OmocodiaOrder.Length && !char.IsAsciiDigit(code[OmocodiaOrder[level]])) level++;
        for (var k = level; k < OmocodiaOrder.Length; k++)
            if (!char.IsAsciiDigit(code[OmocodiaOrder[k]]))
                return (null, "Il codice fiscale non è valido: le lettere al posto delle cifre (omocodia) si usano da destra verso sinistra. Controllate di averlo scritto bene.");
        var month = MonthLetters.IndexOf(code[8]) + 1;
        if (month == 0) return (null, $"Il codice fiscale non è valido: la nona lettera indica il mese di nascita e non può essere «{code[8]}».");
        var year = DigitValue(code[6]) * 10 + DigitValue(code[7]);
        var dayField = DigitValue(code[9]) * 10 + DigitValue(code[10]);
        var sex = dayField > 40 ? MemberSex.Female : MemberSex.Male;
        var day = dayField > 40 ? dayField - 40 : dayField;
        // The century is not in the code: a day exists if it exists in 19yy or in 20yy (29 February).
        var longest = Math.Max(DateTime.DaysInMonth(1900 + year, month), DateTime.DaysInMonth(2000 + year, month));
        if (dayField is < 1 or > 71 || (dayField > 31 && dayField < 41) || day > longest)
            return (null, "Il codice fiscale non è valido: il giorno di nascita (decima e undicesima cifra) non esiste.");
        var place = code[11] + string.Concat(code.AsSpan(12, 3).ToArray().Select(c => (char)('0' + DigitValue(c))));
        var foreign = place[0] == 'Z';
        if (!(foreign || place[0] is >= 'A' and <= 'M') || place[1..] == "000" || (foreign && place[1] == '0'))
            return (null, "Il codice fiscale non è valido: i caratteri dal 12° al 15° indicano il Comune o lo Stato estero di nascita (una lettera dalla A alla M, o Z per l'estero, e tre cifre).");
        if (CheckCharacter(code.AsSpan(0, 15)) != code[15])
            return (null, "Il codice fiscale non è valido: il carattere di controllo (l'ultima lettera) non corrisponde. Controllate di averlo scritto bene.");
        var canonical = code.ToCharArray();
        foreach (var i in OmocodiaOrder) canonical[i] = (char)('0' + DigitValue(code[i]));
        canonical[15] = CheckCharacter(canonical.AsSpan(0, 15));
        return (new Decoded(code, year, month, day, sex, place, foreign, level, new string(canonical)), null);
    }

    /// <summary>
    /// Why <paramref name="code"/> (as typed) is not the codice fiscale of a person born on <paramref name="birthDate"/> of
    /// sex <paramref name="sex"/> (either may be unknown), or null when it is. An empty code is no problem here (optional field).
    /// </summary>
    public static string? Problem(string? code, DateOnly? birthDate = null, MemberSex? sex = null)
    {
        if (Normalize(code) is not { } normalized) return null;
        var (decoded, problem) = Decode(normalized);
        if (decoded is null) return problem;
        if (birthDate is DateOnly born && !decoded.BornOn(born))
            return $"Il codice fiscale indica la nascita il {decoded.Day:00}/{decoded.Month:00}/..{decoded.YearOfCentury:00}, ma la data di nascita indicata è il {born:dd/MM/yyyy}: correggete l'uno o l'altra.";
        if (sex is MemberSex s && s != decoded.Sex)
            return decoded.Sex == MemberSex.Female
                ? "Il codice fiscale è di una donna (giorno di nascita più 40), ma è indicato «Maschio»: correggete l'uno o l'altro."
                : "Il codice fiscale è di un uomo, ma è indicato «Femmina»: correggete l'uno o l'altro.";
        return null;
    }

    public static bool IsValid(string? code, DateOnly? birthDate = null, MemberSex? sex = null) =>
        Normalize(code) is not null && Problem(code, birthDate, sex) is null;
}
