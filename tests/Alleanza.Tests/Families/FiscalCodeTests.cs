using Alleanza.Web.Modules.Families;

namespace Alleanza.Tests.Families;

/// <summary>
/// The codice fiscale checker, property-based: thousands of codes made from random people (seeded, so a failure repeats)
/// must pass with their birth date and sex, their omocodic variants too, and every mutation must fail.
/// </summary>
public class FiscalCodeTests
{
    const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static readonly int[] Odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    /// <summary>The check character, written again here from the Agenzia's tables (not taken from the class under test).</summary>
    static char Check(string first15)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = first15[i];
            var v = char.IsDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? Odd[v] : v;
        }
        return Letters[sum % 26];
    }

    public sealed record Person(string Code, DateOnly Born, MemberSex Sex);

    /// <summary>A random person and their code: letters, birth date (1920–2025), sex, a Comune (A–M) or a foreign state (Z).</summary>
    public static Person RandomPerson(Random random)
    {
        var born = new DateOnly(1920, 1, 1).AddDays(random.Next(0, 38000));
        var sex = random.Next(2) == 0 ? MemberSex.Female : MemberSex.Male;
        var name = new string(Enumerable.Range(0, 6).Select(_ => Letters[random.Next(26)]).ToArray());
        var place = random.Next(5) == 0 ? $"Z{random.Next(100, 1000)}" : $"{"ABCDEFGHIJKLM"[random.Next(13)]}{random.Next(1, 1000):000}";
        var first15 = $"{name}{born.Year % 100:00}{ItalianFiscalCode.MonthLetters[born.Month - 1]}{born.Day + (sex == MemberSex.Female ? 40 : 0):00}{place}";
        return new(first15 + Check(first15), born, sex);
    }

    /// <summary>The code with its <paramref name="level"/> rightmost digits replaced by omocodia letters, the check recomputed.</summary>
    public static string Omocodic(string code, int level)
    {
        var chars = code.ToCharArray();
        foreach (var i in ItalianFiscalCode.OmocodiaOrder.Take(level)) chars[i] = ItalianFiscalCode.OmocodiaLetters[chars[i] - '0'];
        return new string(chars, 0, 15) + Check(new string(chars, 0, 15));
    }

    [Fact]
    public void Codes_made_from_random_people_are_valid_with_their_birth_date_and_sex_and_say_them_back()
    {
        var random = new Random(20261211);
        for (var n = 0; n < 5000; n++)
        {
            var p = RandomPerson(random);
            Assert.Null(ItalianFiscalCode.Problem(p.Code, p.Born, p.Sex));
            var (decoded, problem) = ItalianFiscalCode.Decode(p.Code);
            Assert.True(decoded is not null, $"{p.Code}: {problem}");
            Assert.True(decoded.BornOn(p.Born), p.Code);
            Assert.Equal(p.Sex, decoded.Sex);
            Assert.Equal(0, decoded.OmocodiaLevel);
            Assert.Equal(p.Code, decoded.Canonical);
            // Typed in lower case, with spaces: the same code.
            Assert.Null(ItalianFiscalCode.Problem(" " + p.Code[..8].ToLowerInvariant() + " " + p.Code[8..], p.Born, p.Sex));
        }
    }

    [Fact]
    public void Omocodic_variants_are_valid_and_mean_the_same_person()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var p = RandomPerson(random);
            var level = random.Next(1, 8);
            var variant = Omocodic(p.Code, level);
            var (decoded, problem) = ItalianFiscalCode.Decode(variant);
            Assert.True(decoded is not null, $"{variant} (from {p.Code}, level {level}): {problem}");
            Assert.Equal(level, decoded.OmocodiaLevel);
            Assert.Equal(p.Code, decoded.Canonical);
            Assert.Null(ItalianFiscalCode.Problem(variant, p.Born, p.Sex));
        }
    }

    [Fact]
    public void Every_single_character_changed_is_refused()
    {
        var random = new Random(42);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var n = 0; n < 5000; n++)
        {
            var p = RandomPerson(random);
            var code = random.Next(3) == 0 ? Omocodic(p.Code, random.Next(1, 8)) : p.Code;
            var i = random.Next(16);
            char c;
            do c = alphabet[random.Next(alphabet.Length)]; while (c == code[i]);
            var mutated = code[..i] + c + code[(i + 1)..];
            Assert.True(ItalianFiscalCode.Problem(mutated) is not null, $"{mutated} (from {code}) was accepted");
        }
    }

    [Fact]
    public void Codes_with_a_right_check_character_but_an_impossible_content_are_refused()
    {
        var random = new Random(99);
        for (var n = 0; n < 1000; n++)
        {
            var p = RandomPerson(random);
            var chars = p.Code.ToCharArray();
            switch (n % 5)
            {
                case 0: chars[8] = "FGIJKNOQUVWXYZ"[random.Next(14)]; break;                          // no such month letter
                case 1: var day = random.Next(32, 41); chars[9] = (char)('0' + day / 10); chars[10] = (char)('0' + day % 10); break; // days 32–40
                case 2: chars[11] = "NOPQRSTUVWXY"[random.Next(12)]; break;                             // no Comune or state letter
                case 3: chars[12] = '0'; chars[13] = '0'; chars[14] = '0'; break;                        // place 000
                default:                                                                                 // omocodia not from the right
                    var k = random.Next(1, 7);
                    var position = ItalianFiscalCode.OmocodiaOrder[k];
                    chars[position] = ItalianFiscalCode.OmocodiaLetters[chars[position] - '0'];
                    break;
            }
            var first15 = new string(chars, 0, 15);
            var code = first15 + Check(first15);
            Assert.True(ItalianFiscalCode.Problem(code) is not null, $"{code} (case {n % 5}) was accepted");
        }
        Assert.Contains("non esiste", ItalianFiscalCode.Problem(Fix("RSSMRA81B29H501")));  // 29 February 1981 and 2081: no such day
        Assert.Null(ItalianFiscalCode.Problem(Fix("RSSMRA80B29H501")));                   // 1980 and 2080 are leap years
    }

    static string Fix(string first15) => first15 + Check(first15);

    [Fact]
    public void A_code_that_says_another_birth_date_or_sex_is_refused_with_the_reason()
    {
        var random = new Random(5);
        for (var n = 0; n < 1000; n++)
        {
            var p = RandomPerson(random);
            var other = p.Born.AddDays(random.Next(1, 3000));
            Assert.Contains("data di nascita", ItalianFiscalCode.Problem(p.Code, other, p.Sex));
            var wrong = p.Sex == MemberSex.Female ? MemberSex.Male : MemberSex.Female;
            Assert.Contains(p.Sex == MemberSex.Female ? "di una donna" : "di un uomo", ItalianFiscalCode.Problem(p.Code, p.Born, wrong));
        }
    }

    [Theory]
    [InlineData("RSSMRA80A01H501U", null)]
    [InlineData("RSSMRA80A01H501", "16 caratteri")]
    [InlineData("RSSMRA80A01H50.U", "solo lettere e cifre")]
    [InlineData("RSSMRA80A01H501X", "carattere di controllo")]
    [InlineData("", null)]
    public void Known_codes(string code, string? problem)
    {
        var found = ItalianFiscalCode.Problem(code);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
