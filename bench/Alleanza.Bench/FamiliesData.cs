using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alleanza.Bench;

/// <summary>
/// The <c>families</c> dataset's content (issues 17 and 18), every row a pure function of its index: the regional network
/// and its 1,000 Comuni (<see cref="RegionalData"/>), 20,000 households each owned by its own account (one adult, one to
/// three children), 200,000 Condividi posts, a time bank with every household as an active member and 1,000,000
/// confirmed exchanges, each one ledger transfer of two movements (2,000,000 movements), and an open questionnaire of
/// three sections with 50,000 submitted responses (about 500,000 answers) and 5,000 unused codes: the families answering
/// this evening. <c>BENCH_FAMILIES_SCALE=0.05</c> makes everything twenty times smaller (for trying the harness).
/// </summary>
public sealed class FamiliesData
{
    /// <summary>Bump when the generated content changes: it is part of the cache key of the generated SQLite file.</summary>
    public const int Version = 3; // 2: posts expire 90 days after publication; 3: a purchasing group (issue 19)
    public const string Slug = RegionalData.Slug;
    public const string Password = CardsData.Password;
    public const string CoordinatorEmail = "coordinatore@famiglie.bench";
    /// <summary>The first households' owners have a password: the signed-in scenarios use them.</summary>
    public const int SignInFamilies = 64;
    public static string FamilyEmail(int h) => $"famiglia{h}@famiglie.bench";

    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("BENCH_FAMILIES_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1.0;
    public static int Households { get; } = Math.Max(SignInFamilies * 2, (int)(20_000 * Scale));
    public static int Posts { get; } = Math.Max(1_000, (int)(200_000 * Scale));
    /// <summary>Two movements each.</summary>
    public static int Transfers { get; } = Math.Max(1_000, (int)(1_000_000 * Scale));
    public static int Responses { get; } = Math.Max(500, (int)(50_000 * Scale));
    /// <summary>The unused codes of the families answering this evening (the survey-submit scenario goes round them).</summary>
    public static int OpenCodes { get; } = Math.Max(200, (int)(5_000 * Scale));

    public DateTime Today { get; }
    public DateTime Now { get; }
    public RegionalData Regional { get; }

    public FamiliesData(DateTime today)
    {
        Today = today.Date;
        Now = DateTime.SpecifyKind(Today, DateTimeKind.Utc);
        Regional = new RegionalData(Today);
    }

    enum Kind : ulong
    {
        User = 201, Household, Member, Membership, Post, Bank, BankMember, Account, Transfer, Movement, Exchange,
        Survey, Section, Question, Option, Code, Response, Answer,
        GafGroup, GafMember, GafSupplier, GafProduct, GafCycle, GafBooking, GafLine, GafAccount,
    }

    static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    static Guid IdFor(Kind kind, long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(((ulong)kind << 40) ^ (ulong)index ^ 0xFA311E5UL));
        BitConverter.TryWriteBytes(bytes[8..], Mix((ulong)index * 37 + (ulong)kind));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A number in [0, n) from a seed and an index.</summary>
    public static long Pick(ulong seed, long index, long n) => (long)(Mix(seed * 0x1000193UL ^ (ulong)index) % (ulong)n);

    // Issue 19: one purchasing group of the first GafHouseholds households (the signed-in ones among them), a supplier of
    // GafProducts products (one in twenty sold by weight) and an open cycle in which every member has booked GafLines lines.
    public const int GafProducts = 600;
    public static int GafHouseholds => Math.Min(300, Households);
    public const int GafLines = 20;
    public static Guid GafGroupId => IdFor(Kind.GafGroup, 0);
    public static Guid GafMemberId(int h) => IdFor(Kind.GafMember, h);
    public static Guid GafSupplierId => IdFor(Kind.GafSupplier, 0);
    public static Guid GafProductId(int p) => IdFor(Kind.GafProduct, p);
    public static Guid GafCycleId => IdFor(Kind.GafCycle, 0);
    public static Guid GafBookingId(int h) => IdFor(Kind.GafBooking, h);
    public static Guid GafLineId(long l) => IdFor(Kind.GafLine, l);
    /// <summary>Ledger accounts of the group: -3 cash, -2 fund, -1 supplier, h ≥ 0 member h.</summary>
    public static Guid GafAccountId(int a) => IdFor(Kind.GafAccount, a);
    /// <summary>The product of line <paramref name="k"/> of member <paramref name="h"/>'s booking (distinct within a booking).</summary>
    public static int GafProductOf(int h, int k) => (int)((Pick(90, h, GafProducts) + k * 29L) % GafProducts);

    public static Guid NetworkId => RegionalData.NetworkId;
    public static Guid UserId(long u) => IdFor(Kind.User, u);
    /// <summary>The coordinator's account.</summary>
    public static Guid CoordinatorId => UserId(-1);
    public static Guid HouseholdId(int h) => IdFor(Kind.Household, h);
    public static Guid MemberId(long m) => IdFor(Kind.Member, m);
    public static Guid MembershipId(int i) => IdFor(Kind.Membership, i);
    public static Guid PostId(int p) => IdFor(Kind.Post, p);
    public static Guid BankId => IdFor(Kind.Bank, 0);
    public static Guid BankMemberId(int h) => IdFor(Kind.BankMember, h);
    /// <summary>Ledger account of household h's bank member; −1 is the bank's own.</summary>
    public static Guid AccountId(int h) => IdFor(Kind.Account, h);
    public static Guid TransferId(int t) => IdFor(Kind.Transfer, t);
    public static Guid MovementId(long m) => IdFor(Kind.Movement, m);
    public static Guid ExchangeId(int t) => IdFor(Kind.Exchange, t);
    public static Guid SurveyId => IdFor(Kind.Survey, 0);
    public static Guid SectionId(int s) => IdFor(Kind.Section, s);
    public static Guid QuestionId(int q) => IdFor(Kind.Question, q);
    public static Guid OptionId(int q, int o) => IdFor(Kind.Option, q * 100 + o);
    public static Guid CodeId(int c) => IdFor(Kind.Code, c);
    public static Guid ResponseId(int r) => IdFor(Kind.Response, r);
    public static Guid AnswerId(long a) => IdFor(Kind.Answer, a);

    /// <summary>The Comune of a household: half of the families live in a fifth of the Comuni.</summary>
    public static int ComuneOfHousehold(int h) =>
        Pick(1, h, 2) == 0 ? (int)Pick(2, h, RegionalData.ComuneCount / 5) : (int)Pick(3, h, RegionalData.ComuneCount);

    public static int ChildrenOf(int h) => 1 + (int)Pick(4, h, 3);

    /// <summary>A child's birth date: 0 to 17 years before today.</summary>
    public DateOnly ChildBirth(int h, int c) => DateOnly.FromDateTime(Today.AddDays(-Pick(5, h * 4L + c, 18 * 365)));

    // ------------------------------------------------------------------------------------------------ survey codes

    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>The code of slip c (normalised, 10 characters): codes below <see cref="OpenCodes"/> are unused.</summary>
    public static string Code(int c)
    {
        var x = Mix(0xC0DE0000UL ^ (ulong)c);
        var chars = new char[10];
        for (var i = 0; i < 10; i++) { chars[i] = Alphabet[(int)(x % (ulong)Alphabet.Length)]; x /= (ulong)Alphabet.Length; if (i == 5) x ^= Mix((ulong)c + 17); }
        return new string(chars);
    }

    /// <summary>As the app stores it (<c>SurveyCodes.Hash</c>).</summary>
    public static string CodeHash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("alleanza-questionari:" + normalized)));

    // ------------------------------------------------------------------------------------------------ the questionnaire

    /// <summary>Question types as the app stores them (QuestionType).</summary>
    public const int SingleChoice = 1, MultipleChoice = 2, Rating5 = 3, Rating10 = 4, Number = 5, LongText = 8, ComuneType = 9, ChildAge = 10, Matrix = 11;

    public sealed record GenQuestion(int Index, int Section, int Type, string Text, bool Required, string[] Options);

    /// <summary>Three sections; the first is the page the survey-submit scenario posts.</summary>
    public static readonly GenQuestion[] Questions =
    [
        new(0, 0, ComuneType, "In quale Comune vivete?", true, []),
        new(1, 0, ChildAge, "Quanti anni ha il figlio o la figlia più piccola?", true, []),
        new(2, 0, SingleChoice, "Chi compila il questionario?", true, ["La madre", "Il padre", "Un altro familiare", "Preferisco non dirlo"]),
        new(3, 0, Rating5, "Quanto siete soddisfatti dei servizi per l'infanzia del vostro Comune?", true, []),
        new(4, 0, MultipleChoice, "Quali servizi avete usato nell'ultimo anno?", false, ["Nido", "Scuola dell'infanzia", "Centro estivo", "Biblioteca", "Consultorio", "Sport"]),
        new(5, 1, Rating10, "Quanto consigliereste il vostro territorio a una giovane famiglia?", true, []),
        new(6, 1, Matrix, "Quanto sono adatti ai bambini…", false, ["I parchi", "Le strade", "I trasporti", "Gli orari dei servizi"]),
        new(7, 1, SingleChoice, "Conoscete la Carta Famiglia?", true, ["Sì, la usiamo", "Sì, ma non la usiamo", "No"]),
        new(8, 2, Number, "Quanti minuti al giorno passate in auto per accompagnare i figli?", false, []),
        new(9, 2, LongText, "Che cosa vorreste di più per le famiglie del vostro Comune?", false, []),
    ];

    public static readonly string[] SectionTitles = ["Voi e il territorio", "I servizi", "Il tempo"];

    public const string SurveyTitle = "Le famiglie e il territorio";

    // ------------------------------------------------------------------------------------------------ posts

    static readonly (int Category, string[] Titles, string Description)[] PostTemplates =
    [
        (1, ["Tutina invernale", "Giubbotto imbottito", "Body di cotone", "Pigiamini", "Felpa con cappuccio"], "Lavati e in ordine, li passiamo volentieri a chi ne ha bisogno."),
        (2, ["Scarpe da ginnastica", "Stivaletti da pioggia", "Sandali estivi", "Pantofole"], "Usate poco: il piede è cresciuto in fretta."),
        (3, ["Passeggino leggero", "Carrozzina trio", "Passeggino gemellare"], "Chiusura a ombrello, ruote in buono stato, con parapioggia."),
        (4, ["Seggiolino auto gruppo 0+", "Seggiolino auto gruppo 1/2/3", "Ovetto con base"], "Omologato, mai incidentato, con il libretto di istruzioni."),
        (5, ["Lettino da viaggio", "Culla in legno", "Sponde per il letto"], "Completo di materasso, si smonta facilmente."),
        (6, ["Costruzioni in legno", "Bambola di pezza", "Puzzle 100 pezzi", "Trenino", "Cucina giocattolo"], "Completi, puliti e pronti per nuove mani."),
        (7, ["Libri illustrati", "Albi per la prima lettura", "Fumetti per ragazzi", "Libri in inglese"], "Una scatola di libri che i nostri figli hanno amato."),
        (8, ["Zaino per la scuola", "Astuccio completo", "Dizionario di italiano", "Calcolatrice scientifica"], "Per il prossimo anno scolastico."),
        (20, ["Scambio di babysitting il sabato", "Serata di babysitting a turno"], "Ci diamo il cambio tra famiglie del quartiere."),
        (21, ["Passaggio a scuola la mattina", "Passaggio al corso di nuoto", "Passaggio agli allenamenti"], "Facciamo la stessa strada: possiamo organizzarci."),
        (22, ["Aiuto compiti di matematica", "Aiuto compiti di inglese", "Lettura ad alta voce"], "Un'ora alla settimana, in biblioteca o a casa."),
        (30, ["Biglietti per il teatro dei ragazzi", "Biglietti per il museo"], "Non possiamo andarci: meglio che li usi qualcuno."),
        (31, ["Uscita al parco avventura", "Gita in bicicletta", "Visita alla fattoria didattica"], "Cerchiamo altre famiglie con cui andare."),
    ];

    static readonly string[] Qualifiers = ["", " taglia piccola", " come nuovo", " per bambina", " per bambino", " 2-3 anni", " 4-6 anni", " in ottimo stato"];
    static readonly string[] Areas = ["Centro", "Borgo", "Stazione", "Frazione alta", "Quartiere nord", "Quartiere sud"];

    public sealed record GenPost(Guid Id, Guid Owner, int Kind, int Category, string Title, string Description, int? AgeFrom, int? AgeTo, string? Size, int? Condition,
        Guid Comune, string Area, int Status, DateTime CreatedAt, DateTime? PublishedAt, DateTime ExpiresAt, Guid? PromisedTo, DateTime? PromisedAt, DateTime? ClosedAt);

    /// <summary>Post p: about 55 % published, 10 % promised, the rest closed, expired or withdrawn; published over the last 60 days.</summary>
    public GenPost Post(int p)
    {
        var family = (int)Pick(10, p, Households);
        var template = PostTemplates[Pick(11, p, PostTemplates.Length)];
        var title = template.Titles[Pick(12, p, template.Titles.Length)] + Qualifiers[Pick(13, p, Qualifiers.Length)];
        var goods = template.Category < 20;
        var kind = Pick(14, p, 10) switch { < 5 => 1, < 7 => 2, 7 => 3, _ => 4 };
        var ageFrom = (int)Pick(15, p, 12) * 12;
        var ageTo = ageFrom + 12 + (int)Pick(16, p, 4) * 12;
        var roll = Pick(17, p, 100);
        var status = roll switch { < 55 => 2, < 65 => 3, < 80 => 5, < 95 => 7, _ => 6 };
        var created = Now.AddMinutes(-(int)Pick(18, p, 60 * 24 * 60));
        var promisedTo = status is 3 or 5 ? UserId((family + 1 + Pick(19, p, Households - 1)) % Households) : (Guid?)null;
        return new GenPost(PostId(p), UserId(family), kind, template.Category, title, $"{template.Description} Zona {Areas[Pick(20, p, Areas.Length)].ToLowerInvariant()}, ritiro da concordare.",
            goods || Pick(21, p, 2) == 0 ? ageFrom : null, goods || Pick(21, p, 2) == 0 ? ageTo : null,
            template.Category is 1 or 2 ? (template.Category == 1 ? $"{(ageFrom / 12 + 1) * 6 + 50}" : $"{20 + ageFrom / 12}") : null,
            goods ? 1 + (int)Pick(22, p, 4) : null, RegionalData.ComuneId(ComuneOfHousehold(family)), Areas[Pick(20, p, Areas.Length)], status, created, created,
            // Expiring 90 days after publication: none of the published posts is past its time (the app's job would otherwise expire
            // about 55,000 of them during the measurements, a thousand mails a run) nor within the reminder's days.
            created.AddDays(90), promisedTo, promisedTo is null ? null : created.AddDays(1), status is 5 or 7 or 6 ? created.AddDays(10) : null);
    }

    /// <summary>The words the sharing-list scenario searches for (each matches some posts' titles or descriptions).</summary>
    public static readonly string[] SearchWords = ["passeggino", "seggiolino", "libri", "scarpe", "babysitting", "compiti", "biglietti", "zaino", "lettino", "puzzle", "bicicletta", "nuoto"];
}
