using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alleanza.Bench;

// The `regional` dataset's content: one network of 1,000 Comuni, ~5,000 partners, the six default areas and
// 100,000 published opportunities written from templates. Everything is a pure function of the seed and the index,
// so the same opportunity has the same id, text and Comuni on both engines and in every run, and the scenarios can
// name ids and Comuni without asking the database (RegionalWorkload). Only session dates move with the calendar
// (they are laid out around the Monday of the current week, so "next session" and "places left" stay meaningful).

public sealed record GenNetwork(Guid Id, string Slug, string Name, string Region, string Description, string ContactEmail, DateTime CreatedAt);
public sealed record GenArea(Guid Id, string Code, string Name, int Order);
public sealed record GenComune(int Index, Guid Id, string Name, string Province, string IstatCode, double Latitude, double Longitude);
public sealed record GenPartner(Guid Id, string Name, int Kind, string Description, string Address, string PostalCode, string City,
    string Email, string Phone, string Website, string TaxCode, int HomeComune, int[] Served);
public sealed record GenLocation(Guid Id, string Name, string Address, double Latitude, double Longitude);
public sealed record GenSession(Guid Id, DateTime StartsAt, DateTime EndsAt, int? Capacity, int Taken, bool RegistrationOpen);

public sealed class GenOpportunity
{
    public Guid Id;
    public Guid PartnerId;
    public int Kind;
    public string Title = "";
    public string Description = "";
    public Guid AreaId;
    public string Categories = "";
    public int? AgeFromMonths;
    public int? AgeToMonths;
    public int Cost;
    public decimal? Price;
    public decimal? ReducedPrice;
    public string? Eligibility;
    public string Languages = "italiano";
    public string? AccessibilityNotes;
    public string? ScheduleText;
    public string ContactEmail = "";
    public string ContactPhone = "";
    public string SearchText = "";
    public DateTime CreatedAt;
    public DateTime UpdatedAt;
    public DateTime PublishedAt;
    public List<Guid> Comuni = [];
    public GenLocation Location = null!;
    public List<GenSession> Sessions = [];
}

/// <summary>Ids, counts and the generator of the <c>regional</c> dataset.</summary>
public sealed class RegionalData
{
    public const string Slug = "regione";
    public const int ComuneCount = 1000;
    public const int Seed = 20261122;

    /// <summary>100,000 unless BENCH_REGIONAL_OPPORTUNITIES says otherwise (a smaller figure for trying the harness out).</summary>
    public static int OpportunityCount { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_REGIONAL_OPPORTUNITIES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

    /// <summary>Bump when the generated content changes: it is part of the cache key of the generated SQLite file.</summary>
    public const int Version = 1;

    // Statuses and kinds as the app stores them (enums are integers).
    public const int Published = 3;
    public const int Service = 1, Activity = 2, Event = 3;
    public const int Free = 1, Paid = 2, ReducedWithCard = 3;

    enum IdKind : ulong { Network = 1, Area, Comune, Partner, Opportunity, Location, Session }

    /// <summary>A stable, random-looking (version 4 shaped) id for the index-th row of a table.</summary>
    static Guid IdFor(IdKind kind, long index)
    {
        var a = SplitMix(unchecked((ulong)Seed * 0x100000001B3UL) ^ ((ulong)kind << 48) ^ (ulong)index);
        var b = SplitMix(a ^ 0x9E3779B97F4A7C15UL);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, a);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], b);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static Guid NetworkId => IdFor(IdKind.Network, 0);
    public static Guid OpportunityId(int index) => IdFor(IdKind.Opportunity, index);
    public static Guid ComuneId(int index) => IdFor(IdKind.Comune, index);

    public static readonly (string Code, string Name)[] AreaDefaults =
    [
        ("ambiente-sport", "Ambiente e sport"),
        ("comunicazione", "Comunicazione"),
        ("comunita-educante", "Comunità educante"),
        ("governance", "Governance"),
        ("misure-economiche", "Misure economiche"),
        ("welfare-territoriale", "Welfare territoriale"),
    ];

    public DateTime Now { get; }
    /// <summary>The Monday (UTC midnight) the session calendar is laid out around.</summary>
    public DateTime BaseDate { get; }
    public GenNetwork Network { get; }
    public IReadOnlyList<GenArea> Areas { get; }
    public IReadOnlyList<GenComune> Comuni { get; }
    public IReadOnlyList<GenPartner> Partners { get; }

    readonly Dictionary<string, GenArea> areaByCode;
    // Partners by Comune and kind, for picking a plausible publisher.
    readonly Dictionary<(int Comune, int Kind), List<int>> partnersByComuneKind = [];
    readonly Dictionary<int, List<int>> partnersByKind = [];

    public RegionalData(DateTime today)
    {
        Now = DateTime.SpecifyKind(today, DateTimeKind.Utc);
        BaseDate = Now.Date.AddDays(-(((int)Now.DayOfWeek + 6) % 7));
        var created = new DateTime(2026, 1, 12, 9, 0, 0, DateTimeKind.Utc);
        Network = new GenNetwork(NetworkId, Slug, "Alleanza regionale per la famiglia", "Lombardia",
            "Rete di prova per i benchmark: mille Comuni, cinquemila enti partner, centomila opportunità.", "rete@regione.bench", created);
        Areas = AreaDefaults.Select((a, i) => new GenArea(IdFor(IdKind.Area, i), a.Code, a.Name, i)).ToList();
        areaByCode = Areas.ToDictionary(a => a.Code);
        Comuni = BuildComuni();
        Partners = BuildPartners(created);
        for (var i = 0; i < Partners.Count; i++)
        {
            var p = Partners[i];
            CollectionsGet(partnersByComuneKind, (p.HomeComune, p.Kind)).Add(i);
            CollectionsGet(partnersByKind, p.Kind).Add(i);
        }
    }

    static List<int> CollectionsGet<TKey>(Dictionary<TKey, List<int>> d, TKey key) where TKey : notnull
    {
        if (!d.TryGetValue(key, out var list)) d[key] = list = [];
        return list;
    }

    // ---------------------------------------------------------------- Comuni

    static readonly string[] Saints = ["Martino", "Giorgio", "Pietro", "Michele", "Giovanni", "Lorenzo", "Vito", "Bartolomeo", "Donato", "Biagio",
        "Zeno", "Vigilio", "Fermo", "Benedetto", "Felice", "Colombano", "Ambrogio", "Genesio", "Paolo", "Damiano"];
    static readonly string[] FemaleSaints = ["Maria", "Lucia", "Giustina", "Croce", "Margherita", "Caterina", "Giulia", "Agata", "Cristina", "Eufemia"];
    static readonly string[] Prefixes = ["Castel", "Monte", "Villa", "Borgo", "Ponte", "Torre", "Pieve", "Rocca", "Casal", "Val", "Colle", "Porto", "Fonte", "Campo", "Poggio", "Serra"];
    static readonly string[] Roots = ["franco", "bello", "nuovo", "lungo", "verde", "chiaro", "rotondo", "alto", "basso", "secco", "piano", "rosso", "fiore", "marzo",
        "vecchio", "forte", "leone", "grande", "maggiore", "vico", "santo", "giardino", "d'Oro", "cerreto", "fiorito", "lago"];
    static readonly string[] Heads = ["Ber", "Cas", "Lo", "Mar", "Tre", "Vi", "Gor", "Sar", "Fi", "Bor", "Cer", "Mon", "Ca", "Ro", "Ve", "Sol", "Al", "Or", "Ga",
        "Pa", "Le", "Gal", "Tor", "Sa", "Bo", "Cu", "Bri", "Co", "Da", "Gra", "Lu", "Me", "No", "Pe", "Ri", "Se", "Te", "Ur", "Za"];
    static readonly string[] Middles = ["le", "ri", "ma", "ne", "go", "sa", "ta", "ve", "ci", "la", "", "", "", "ro", "bi", "de"];
    static readonly string[] Tails = ["ago", "ate", "ano", "engo", "asco", "ello", "ino", "one", "ara", "igo", "ezzo", "ona", "ate", "ago", "ano", "iate", "oro", "ena"];
    static readonly string[] Qualifiers = [" di Piave", " sul Mincio", " d'Adda", " al Serio", " Lombardo", " in Valle", " di Sopra", " di Sotto", " Superiore",
        " Inferiore", " al Lago", " sul Naviglio", " Terme", " Brianza", " d'Oglio", " Po", " Mantovano", " Cremasco", " Lodigiano", " Pavese"];
    static readonly string[] Provinces = ["BG", "BS", "CO", "CR", "LC", "LO", "MN", "MI", "MB", "PV", "SO", "VA"];

    static List<GenComune> BuildComuni()
    {
        var rng = new Random(Seed + 1);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<GenComune>();
        while (list.Count < ComuneCount)
        {
            var roll = rng.NextDouble();
            string name = roll switch
            {
                < 0.12 => "San " + Saints[rng.Next(Saints.Length)],
                < 0.18 => "Santa " + FemaleSaints[rng.Next(FemaleSaints.Length)],
                < 0.45 => Capitalize(Prefixes[rng.Next(Prefixes.Length)] + Roots[rng.Next(Roots.Length)]),
                _ => Join(Heads[rng.Next(Heads.Length)] + Middles[rng.Next(Middles.Length)], Tails[rng.Next(Tails.Length)]),
            };
            if (rng.NextDouble() < 0.28) name += Qualifiers[rng.Next(Qualifiers.Length)];
            if (!names.Add(name)) continue;
            var i = list.Count;
            var province = Provinces[i * Provinces.Length / ComuneCount];
            list.Add(new GenComune(i, ComuneId(i), name, province, (12000 + i * 7).ToString("000000", CultureInfo.InvariantCulture),
                Math.Round(44.85 + rng.NextDouble() * 1.5, 5), Math.Round(8.65 + rng.NextDouble() * 2.5, 5)));
        }
        return list;
    }

    /// <summary>"Sala" + "ago" → "Salago": no double vowel where the pieces meet.</summary>
    static string Join(string head, string tail) => "aeiou".Contains(head[^1]) && "aeiou".Contains(tail[0]) ? head[..^1] + tail : head + tail;

    static string Capitalize(string s)
    {
        // "Castelfranco", "Montebello"; "Fonted'Oro" reads better as "Fonte d'Oro".
        s = s.Replace("d'Oro", " d'Oro", StringComparison.Ordinal);
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    // ---------------------------------------------------------------- Partners

    // Kinds as the app stores them (PartnerKind).
    const int KComune = 1, KSchool = 2, KHealth = 3, KFamily = 4, KSport = 5, KCulture = 6, KThird = 7, KBusiness = 8, KOther = 9;

    static readonly string[] Sports = ["Nuoto", "Calcio", "Basket", "Volley", "Atletica", "Ginnastica", "Rugby", "Tennis", "Judo", "Ciclismo"];
    static readonly string[] Words = ["Arcobaleno", "Il Girasole", "La Quercia", "Il Faro", "La Tana", "Il Melograno", "La Rondine", "Il Ponte", "La Bussola",
        "Il Sorriso", "L'Aquilone", "La Lanterna", "Il Cerchio", "La Goccia", "Il Seme", "La Trottola", "Il Germoglio", "La Mongolfiera"];
    static readonly string[] Streets = ["via Roma", "via Garibaldi", "via Mazzini", "piazza Vittorio Emanuele", "via Manzoni", "viale dei Tigli", "via della Chiesa",
        "via Cavour", "via Dante", "via Verdi", "via San Francesco", "piazza del Mercato", "via XX Settembre", "via dei Mille", "via Marconi"];

    List<GenPartner> BuildPartners(DateTime created)
    {
        var rng = new Random(Seed + 2);
        var list = new List<GenPartner>();
        void Add(int home, int kind, string name, string description)
        {
            var c = Comuni[home];
            var served = new List<int> { home };
            var extra = rng.Next(0, 3);
            for (var e = 0; e < extra; e++)
            {
                var other = Math.Clamp(home + rng.Next(-6, 7), 0, ComuneCount - 1);
                if (!served.Contains(other)) served.Add(other);
            }
            var n = list.Count;
            var slug = SearchText.Key(name).Replace("'", "", StringComparison.Ordinal);
            var host = new string(slug.Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
            list.Add(new GenPartner(IdFor(IdKind.Partner, n), name, kind, description,
                $"{Streets[rng.Next(Streets.Length)]} {rng.Next(1, 120)}", (20000 + rng.Next(0, 7999)).ToString(CultureInfo.InvariantCulture), c.Name,
                $"info{n}@{host}.bench", $"0{rng.Next(30, 399)} {rng.Next(100000, 999999)}", $"https://www.{host}.bench",
                rng.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture), home, [.. served]));
        }

        // Every Comune is a partner; about four more organisations per Comune, of every kind.
        for (var i = 0; i < ComuneCount; i++)
            Add(i, KComune, $"Comune di {Comuni[i].Name}", "Servizi sociali, educativi e sportivi del Comune.");
        for (var i = 0; i < ComuneCount; i++)
        {
            var c = Comuni[i].Name;
            var w = Words[rng.Next(Words.Length)];
            Add(i, KSport, rng.NextDouble() < 0.5 ? $"ASD {Sports[rng.Next(Sports.Length)]} {c}" : $"Polisportiva {c}", "Associazione sportiva dilettantistica.");
            Add(i, KSchool, rng.NextDouble() < 0.6 ? $"Istituto Comprensivo di {c}" : $"Scuola dell'infanzia {w} di {c}", "Scuola del territorio.");
            Add(i, rng.NextDouble() < 0.5 ? KFamily : KCulture,
                rng.NextDouble() < 0.5 ? $"Associazione {w} {c}" : $"Pro Loco {c}", "Associazione di volontariato del territorio.");
            if (i % 10 == 0) Add(i, KHealth, $"Consultorio familiare di {c}", "Consultorio dell'azienda sanitaria: ostetriche, psicologi, pediatri.");
            else if (i % 10 < 6) Add(i, KThird, $"Cooperativa sociale {w} — {c}", "Cooperativa sociale di tipo A: servizi educativi e di cura.");
            else if (i % 10 < 9) Add(i, KBusiness, rng.NextDouble() < 0.5 ? $"Libreria {w} di {c}" : $"Ludoteca {w} di {c}", "Esercizio convenzionato con la Carta Famiglia.");
            else Add(i, KOther, $"Parrocchia di {c} — oratorio", "Oratorio parrocchiale.");
        }
        return list;
    }

    // ---------------------------------------------------------------- Opportunities

    sealed record Topic(string[] Titles, string Area, string Categories, int[] Kinds, int? From, int? To, double FreeShare, int PriceMin, int PriceMax,
        int[] Publishers, string[] Venues, string[] Sentences, int Weight);

    // Titles and sentences are what the full-text search sees. Shares to expect (roughly): "nuoto" ~8 %, "piscina" ~11 %,
    // "lettura"/"letture" ~7 %, "centro estivo" ~6 %, "laboratorio" ~38 % (topics and generic sentences), "attività" ~43 %.
    static readonly Topic[] Topics =
    [
        new(["Corso di nuoto per bambini", "Scuola nuoto", "Nuoto per ragazzi", "Corso di nuoto per principianti", "Nuoto e acquaticità"],
            "ambiente-sport", "nuoto, sport, piscina", [Activity], 4, 12, 0.1, 60, 140, [KSport, KComune], ["Piscina comunale", "Centro natatorio", "Piscina coperta"],
            ["Lezioni di nuoto in piscina con istruttori qualificati della federazione.", "Si lavora in piccoli gruppi divisi per età e livello.",
             "Portare cuffia, costume, ciabatte e accappatoio.", "La piscina è riscaldata e ha una vasca bassa per chi comincia.",
             "Alla fine del corso ogni bambino riceve il brevetto del livello raggiunto.", "Si impara a stare in acqua giocando, senza paura."], 6),
        new(["Acquaticità per neonati", "Acquaticità genitore-bambino", "In acqua con mamma e papà"],
            "ambiente-sport", "piscina, neonati, acquaticità", [Activity], 0, 3, 0.05, 50, 110, [KSport, KComune], ["Piscina comunale", "Centro natatorio"],
            ["Incontri in piscina per bambini da sei mesi a tre anni insieme a un genitore.", "L'acqua è a 32 gradi e la vasca è riservata al gruppo.",
             "Un'istruttrice guida giochi di fiducia e di contatto nell'acqua.", "Serve un costumino contenitivo per i più piccoli."], 2),
        new(["Nuoto libero in famiglia", "Piscina aperta alle famiglie", "Domenica in piscina"],
            "ambiente-sport", "piscina, sport, famiglia", [Service], null, null, 0.2, 4, 8, [KComune, KSport], ["Piscina comunale", "Centro natatorio"],
            ["La piscina comunale riserva una corsia alle famiglie con bambini ogni fine settimana.", "Ingresso ridotto per i bambini sotto i dieci anni.",
             "I bambini sotto gli otto anni entrano in acqua con un adulto.", "Sono disponibili tavolette e braccioli."], 2),
        new(["Centro estivo", "Centro estivo sportivo", "Centro estivo in fattoria", "Campo estivo", "Centro estivo comunale", "Estate ragazzi"],
            "comunita-educante", "estate, centro estivo, campi", [Activity], 6, 13, 0.15, 80, 180, [KThird, KComune, KSport, KOther], ["Scuola primaria", "Oratorio", "Cascina didattica", "Centro sportivo"],
            ["Settimane di giochi, uscite e laboratori all'aperto da giugno a settembre.", "Pranzo e merenda sono inclusi nella quota settimanale.",
             "Il centro estivo è aperto dalle 8 alle 17, con ingresso scaglionato.", "Ogni settimana ha un tema: natura, sport, arte, scienza.",
             "Si può scegliere una o più settimane; sconto per i fratelli.", "Gli educatori sono formati e il rapporto è di un adulto ogni otto bambini."], 5),
        new(["Letture ad alta voce", "Storie in biblioteca", "Nati per Leggere: letture per i più piccoli", "Letture animate", "L'ora delle storie"],
            "comunita-educante", "lettura, libri, biblioteca", [Event], 0, 6, 0.95, 3, 5, [KCulture, KComune, KBusiness], ["Biblioteca civica", "Sala ragazzi della biblioteca", "Libreria"],
            ["Storie lette ad alta voce dai volontari Nati per Leggere.", "Dopo la lettura un piccolo laboratorio creativo con i personaggi della storia.",
             "I bambini possono prendere in prestito i libri letti insieme.", "La lettura condivisa fa bene fin dai primi mesi di vita.",
             "Tappeti e cuscini per i più piccoli; i genitori restano con i bambini."], 4),
        new(["Gruppo di lettura per ragazzi", "Club del libro junior", "Lettori si diventa"],
            "comunita-educante", "lettura, libri, ragazzi", [Activity], 10, 16, 0.9, 10, 30, [KCulture, KComune, KBusiness], ["Biblioteca civica", "Libreria"],
            ["Un incontro al mese per parlare di un libro scelto insieme.", "Il gruppo di lettura è guidato da una bibliotecaria.",
             "Si leggono romanzi, fumetti e graphic novel.", "A fine anno un incontro con un autore."], 2),
        new(["Laboratorio di pittura", "Laboratorio creativo", "Laboratorio di ceramica", "Arte per piccoli artisti", "Laboratorio di riciclo creativo"],
            "comunita-educante", "arte, laboratorio, creatività", [Activity, Event], 4, 11, 0.4, 20, 90, [KCulture, KThird, KBusiness, KSchool], ["Sala civica", "Centro culturale", "Ludoteca"],
            ["Un laboratorio per sperimentare colori, forme e materiali.", "Tutto il materiale è fornito; meglio un grembiule o vestiti comodi.",
             "Ogni incontro termina con una piccola mostra dei lavori.", "Si usano materiali di recupero portati anche da casa."], 4),
        new(["Laboratorio di robotica", "Coding per ragazzi", "CoderDojo", "Piccoli programmatori"],
            "comunita-educante", "robotica, coding, scienza", [Activity], 8, 14, 0.5, 40, 120, [KSchool, KThird, KCulture], ["Aula informatica", "Biblioteca civica", "Centro giovani"],
            ["I ragazzi costruiscono e programmano piccoli robot.", "Si impara a programmare con Scratch e con schede elettroniche.",
             "Non servono conoscenze: i computer sono messi a disposizione.", "Il laboratorio si chiude con una gara amichevole tra squadre."], 2),
        new(["Musica in fasce", "Corso di chitarra", "Coro di voci bianche", "Propedeutica musicale", "Banda giovanile"],
            "comunita-educante", "musica, canto", [Activity], 0, 14, 0.3, 40, 160, [KCulture, KSchool, KOther], ["Scuola di musica", "Auditorium", "Sala civica"],
            ["Un percorso per avvicinarsi alla musica con il canto e il ritmo.", "Gli strumenti sono messi a disposizione dalla scuola di musica.",
             "A fine anno un saggio aperto alle famiglie.", "Si lavora in piccoli gruppi con insegnanti diplomati."], 3),
        new(["Laboratorio di teatro", "Teatro per ragazzi", "Spettacolo di burattini", "Teatro delle famiglie"],
            "comunita-educante", "teatro, spettacolo", [Activity, Event], 5, 14, 0.5, 5, 80, [KCulture, KOther, KSchool], ["Teatro comunale", "Sala civica", "Oratorio"],
            ["Giochi di teatro, voce e movimento per esprimersi insieme agli altri.", "Lo spettacolo finale è scritto con i ragazzi.",
             "Uno spettacolo di burattini con la compagnia del territorio.", "Ingresso libero fino a esaurimento dei posti."], 3),
        new(["Danza creativa", "Corso di danza moderna", "Hip hop per ragazzi", "Danza classica per bambine e bambini"],
            "ambiente-sport", "danza, movimento", [Activity], 4, 14, 0.15, 50, 150, [KSport, KCulture], ["Palestra comunale", "Scuola di danza"],
            ["Lezioni di danza per scoprire il corpo e la musica.", "Si lavora sulla coordinazione, sul ritmo e sull'espressione.",
             "Abbigliamento comodo e calzini antiscivolo.", "Saggio finale in teatro a giugno."], 3),
        new(["Scuola calcio", "Minibasket", "Minivolley", "Rugby per bambini", "Atletica leggera per ragazzi", "Corso di tennis"],
            "ambiente-sport", "sport, squadra, calcio", [Activity], 5, 14, 0.1, 80, 250, [KSport], ["Centro sportivo", "Palestra comunale", "Campo sportivo"],
            ["Allenamenti due volte alla settimana con allenatori qualificati.", "Il primo mese di prova è gratuito.",
             "Si impara a giocare in squadra rispettando compagni e avversari.", "Servono il certificato medico e scarpe da ginnastica."], 5),
        new(["Psicomotricità per l'infanzia", "Attività motorie all'infanzia", "Gioco-movimento 3–6 anni"],
            "ambiente-sport", "movimento, psicomotricità, scuola", [Activity], 2, 6, 0.6, 30, 90, [KSchool, KSport, KThird], ["Palestra della scuola dell'infanzia", "Palestra comunale"],
            ["Percorsi di psicomotricità nelle scuole dell'infanzia del territorio.", "Il gioco motorio aiuta a conoscere il proprio corpo e lo spazio.",
             "Conduce una psicomotricista con esperienza.", "Attività motorie adatte anche ai bambini con bisogni speciali."], 3),
        new(["Yoga per bambini", "Yoga genitori e figli", "Yoga in gravidanza", "Mindfulness per ragazzi"],
            "welfare-territoriale", "yoga, benessere", [Activity], 3, 12, 0.3, 40, 100, [KSport, KThird, KHealth], ["Sala civica", "Palestra comunale", "Centro per le famiglie"],
            ["Posizioni, respiro e rilassamento adatti all'età.", "Portare un tappetino e una coperta.",
             "Un momento per rallentare insieme, genitori e figli.", "Guida un'insegnante certificata."], 2),
        new(["Escursione in natura", "Passeggiata nel bosco", "Orto didattico", "Giornata ecologica", "Birdwatching per famiglie", "Il parco in famiglia"],
            "ambiente-sport", "natura, ambiente, escursione", [Event, Activity], 4, 14, 0.8, 5, 20, [KCulture, KComune, KOther, KFamily], ["Parco regionale", "Orto comunale", "Oasi naturalistica", "Parco cittadino"],
            ["Una mattina all'aria aperta per scoprire piante e animali del territorio.", "Guide ambientali accompagnano le famiglie lungo il percorso.",
             "Scarpe comode, borraccia e merenda al sacco.", "In caso di pioggia l'escursione è rinviata.", "I bambini curano l'orto e portano a casa il raccolto."], 4),
        new(["Scuola di bicicletta", "Educazione stradale in bici", "Biciclettata in famiglia", "Pedibus"],
            "ambiente-sport", "bicicletta, mobilità, strada", [Event, Activity, Service], 5, 12, 0.9, 5, 20, [KComune, KSport, KSchool], ["Piazza del municipio", "Scuola primaria", "Parco cittadino"],
            ["Si impara ad andare in bicicletta in sicurezza, con le regole della strada.", "Casco obbligatorio; le bici si possono anche prendere in prestito.",
             "Il Pedibus accompagna a piedi i bambini a scuola lungo percorsi sicuri.", "Percorso ad anello su strade chiuse al traffico."], 2),
        new(["Doposcuola", "Aiuto compiti", "Spazio compiti", "Studiare insieme"],
            "comunita-educante", "compiti, scuola, doposcuola", [Service], 6, 14, 0.7, 20, 60, [KThird, KOther, KSchool, KFamily], ["Oratorio", "Biblioteca civica", "Scuola secondaria"],
            ["Un aiuto per i compiti il pomeriggio, con educatori e volontari.", "Per ragazzi delle scuole primarie e secondarie di primo grado.",
             "Merenda offerta; si entra dopo l'uscita da scuola.", "Attenzione particolare per chi ha difficoltà di apprendimento."], 4),
        new(["Corso di inglese per bambini", "English club", "Italiano per genitori stranieri", "Lingue in gioco"],
            "comunicazione", "lingue, inglese, italiano", [Activity], 4, 12, 0.4, 40, 150, [KCulture, KSchool, KThird], ["Centro culturale", "Biblioteca civica", "Scuola primaria"],
            ["Si impara la lingua giocando, con canzoni e storie.", "Corso tenuto da insegnanti madrelingua.",
             "Corsi di italiano per mamme e papà arrivati da poco, con spazio bimbi.", "Piccoli gruppi per livello."], 2),
        new(["Sportello di ascolto per genitori", "Consulenza pedagogica", "Spazio neogenitori", "Gruppo di parola per genitori separati"],
            "welfare-territoriale", "genitori, ascolto, consulenza", [Service, Event], null, null, 0.95, 0, 0, [KHealth, KThird, KComune, KFamily], ["Centro per le famiglie", "Consultorio", "Sede dei servizi sociali"],
            ["Colloqui gratuiti e riservati con una psicologa per chi cresce figli.", "Si riceve su appuntamento, anche in videochiamata.",
             "Un gruppo di genitori si confronta con una pedagogista.", "Aiuto nelle fatiche quotidiane: sonno, regole, scuola, adolescenza."], 4),
        new(["Percorso nascita", "Corso preparto", "Allattamento: incontri con l'ostetrica", "Massaggio infantile", "Primi mesi insieme"],
            "welfare-territoriale", "gravidanza, nascita, allattamento", [Activity, Service], 0, 1, 0.9, 30, 60, [KHealth, KFamily], ["Consultorio", "Ospedale", "Centro per le famiglie"],
            ["Incontri con ostetriche e pediatri per prepararsi al parto e ai primi mesi.", "Si parla di allattamento, sonno e cura del neonato.",
             "Il massaggio infantile rafforza il legame tra genitore e bambino.", "Aperto anche ai papà e ai nonni."], 4),
        new(["Spazio gioco 0–3 anni", "Nido in famiglia", "Ludoteca", "Spazio bimbi e genitori"],
            "comunita-educante", "prima infanzia, gioco, ludoteca", [Service], 0, 3, 0.6, 20, 80, [KFamily, KThird, KComune, KBusiness], ["Ludoteca", "Centro per le famiglie", "Asilo nido"],
            ["Uno spazio accogliente dove i più piccoli giocano insieme.", "I genitori restano e si incontrano con un'educatrice.",
             "Giochi, libri e materiali pensati per la prima infanzia.", "Aperto al mattino dal lunedì al venerdì."], 4),
        new(["Bonus per i nuovi nati", "Contributo per l'affitto", "Contributo per le rette del nido", "Agevolazioni Carta Famiglia", "Buoni libro", "Contributo per lo sport"],
            "misure-economiche", "contributi, agevolazioni, bonus", [Service], null, null, 1.0, 0, 0, [KComune], ["Ufficio servizi sociali", "Sportello del cittadino"],
            ["Un contributo economico per le famiglie residenti.", "La domanda si presenta all'ufficio servizi sociali con l'ISEE.",
             "Sconti nei negozi convenzionati con la Carta Famiglia.", "Il bando è aperto fino a esaurimento dei fondi.", "Contributo per iscrivere i figli a un'attività sportiva."], 5),
        new(["Guida ai servizi per le famiglie", "Newsletter delle famiglie", "Incontro informativo sui servizi", "Sito delle opportunità per le famiglie"],
            "comunicazione", "informazione, servizi", [Service, Event], null, null, 1.0, 0, 0, [KComune, KFamily, KThird], ["Municipio", "Sala consiliare", "Centro per le famiglie"],
            ["Tutte le opportunità per le famiglie del territorio in un unico posto.", "Un incontro per conoscere i servizi del Comune e delle associazioni.",
             "La newsletter arriva una volta al mese con le novità.", "Materiali tradotti in più lingue."], 2),
        new(["Tavolo delle famiglie", "Consulta dei ragazzi", "Assemblea dell'Alleanza", "Consiglio comunale dei ragazzi"],
            "governance", "partecipazione, governance", [Event], null, null, 1.0, 0, 0, [KComune, KFamily], ["Sala consiliare", "Municipio"],
            ["Un incontro aperto per decidere insieme le priorità della rete.", "Le famiglie portano proposte e bisogni del territorio.",
             "I ragazzi eletti nelle scuole discutono con il sindaco.", "Verbale e decisioni pubblicati sul sito."], 2),
        new(["Cinema all'aperto per famiglie", "Festa di quartiere", "Caccia al tesoro", "Festa dello sport", "Carnevale dei bambini"],
            "comunita-educante", "festa, cinema, eventi", [Event], null, null, 0.85, 3, 10, [KComune, KCulture, KOther, KFamily], ["Piazza del municipio", "Parco cittadino", "Oratorio"],
            ["Una serata per stare insieme tra famiglie del quartiere.", "Film d'animazione sotto le stelle: portate una coperta.",
             "Giochi a squadre per le vie del centro storico.", "Stand gastronomici e musica dal vivo."], 3),
        new(["Cucina con mamma e papà", "Laboratorio di cucina per bambini", "Piccoli chef"],
            "comunita-educante", "cucina, alimentazione", [Activity, Event], 5, 12, 0.3, 10, 50, [KBusiness, KCulture, KThird], ["Cucina didattica", "Sala civica"],
            ["Si preparano ricette semplici e sane da rifare a casa.", "Ingredienti e grembiuli sono forniti.",
             "Segnalare allergie e intolleranze al momento dell'iscrizione.", "A fine incontro si assaggia tutto insieme."], 2),
        new(["Corso di scacchi", "Scacchi a scuola", "Torneo di scacchi giovanile"],
            "comunita-educante", "scacchi, giochi", [Activity, Event], 6, 16, 0.6, 20, 60, [KCulture, KSchool], ["Biblioteca civica", "Scuola primaria", "Centro culturale"],
            ["Si imparano le regole e le prime strategie.", "Gli scacchi allenano concentrazione e pazienza.", "Torneo finale con medaglie per tutti."], 1),
        new(["Spazio giovani", "Centro di aggregazione giovanile", "Sala prove per band giovanili"],
            "welfare-territoriale", "giovani, adolescenti, aggregazione", [Service], 12, 19, 0.9, 5, 20, [KThird, KComune, KOther], ["Centro giovani", "Oratorio"],
            ["Un luogo per ragazze e ragazzi dai dodici anni, con educatori.", "Giochi, musica, tornei e progetti proposti dai ragazzi stessi.",
             "Aperto nei pomeriggi dal martedì al sabato.", "Sala prove attrezzata, su prenotazione."], 3),
        new(["Sport inclusivo", "Laboratorio inclusivo", "Sabato insieme: tempo libero per ragazzi con disabilità"],
            "welfare-territoriale", "inclusione, disabilità", [Activity], 6, 18, 0.7, 20, 80, [KThird, KSport, KFamily], ["Palestra comunale", "Centro diurno"],
            ["Attività pensate perché tutti possano partecipare.", "Educatori e volontari affiancano i ragazzi con disabilità.",
             "Gruppi misti, piccoli e stabili nel tempo."], 2),
    ];

    static readonly int TotalWeight = Topics.Sum(t => t.Weight);

    // Sentences any opportunity may carry. Several say "attività" and a few "laboratorio", so those words match broad sets.
    static readonly string[] Generic =
    [
        "Le attività si svolgono presso {venue} di {comune}.",
        "Iscrizione obbligatoria fino a esaurimento dei posti.",
        "Per informazioni scrivere all'indirizzo indicato o telefonare in orario d'ufficio.",
        "Aperto a tutte le famiglie del territorio, anche non residenti.",
        "Il laboratorio finale è aperto ai genitori.",
        "Con la Carta Famiglia è prevista una riduzione.",
        "Accessibile a bambini con disabilità: contattateci per organizzare al meglio.",
        "L'iniziativa è proposta in collaborazione con il Comune di {comune}.",
        "In caso di maltempo l'attività si svolge al coperto.",
        "Il personale è qualificato e formato ogni anno.",
        "Possibilità di una prova gratuita.",
        "Proposta inserita nel programma dell'Alleanza per la famiglia.",
        "Parcheggio gratuito e fermata dell'autobus a pochi passi.",
        "Si raccomanda la puntualità.",
        "Un'attività per fare amicizia e stare bene insieme.",
        "È richiesta la presenza di un adulto per i minori di sei anni.",
        "Il programma completo è disponibile in sede.",
        "Un laboratorio aperto anche ai fratelli più piccoli.",
    ];

    static readonly string[] TitleSuffixes = [" a {comune}", " – {season}", " per famiglie", " (gruppo {group})", " presso {venue}", " {year}", " a {comune}"];
    static readonly string[] Seasons = ["primavera", "estate", "autunno", "inverno"];
    static readonly string[] Schedules = ["dal lunedì al venerdì, 9–12 e 15–18", "martedì e giovedì 16–19", "sabato mattina 9–12", "lunedì, mercoledì e venerdì 14–18",
        "su appuntamento", "tutti i pomeriggi tranne la domenica"];
    static readonly string[] Accessibility = ["Accessibile in carrozzina; bagno attrezzato.", "Sala al piano terra senza barriere.", "Presente un'educatrice di sostegno su richiesta."];

    /// <summary>The opportunities in index order; each one depends only on its index.</summary>
    public IEnumerable<GenOpportunity> Opportunities()
    {
        for (var i = 0; i < OpportunityCount; i++) yield return Opportunity(i);
    }

    public GenOpportunity Opportunity(int index)
    {
        var rng = new Random(unchecked(Seed * 31 + index * 7919));
        var topic = PickTopic(rng);
        var kind = topic.Kinds[rng.Next(topic.Kinds.Length)];

        // Comuni are not all the same size: a quarter of them get half of the offer.
        var comune = rng.NextDouble() < 0.5 ? rng.Next(ComuneCount / 4) : rng.Next(ComuneCount);
        var c = Comuni[comune];
        var publisherKind = topic.Publishers[rng.Next(topic.Publishers.Length)];
        var partner = partnersByComuneKind.TryGetValue((comune, publisherKind), out var local) ? local[rng.Next(local.Count)]
            : partnersByComuneKind.TryGetValue((comune, KComune), out var town) && rng.NextDouble() < 0.5 ? town[0]
            : partnersByKind[publisherKind][rng.Next(partnersByKind[publisherKind].Count)];
        var p = Partners[partner];
        var venue = topic.Venues[rng.Next(topic.Venues.Length)];
        var venueInText = char.ToLowerInvariant(venue[0]) + venue[1..];
        string Fill(string s) => s.Replace("{comune}", c.Name, StringComparison.Ordinal).Replace("{venue}", venueInText, StringComparison.Ordinal)
            .Replace("{season}", Seasons[rng.Next(Seasons.Length)], StringComparison.Ordinal).Replace("{group}", ((char)('A' + rng.Next(4))).ToString(), StringComparison.Ordinal)
            .Replace("{year}", "2027", StringComparison.Ordinal);

        var title = topic.Titles[rng.Next(topic.Titles.Length)];
        if (rng.NextDouble() < 0.6) title += Fill(TitleSuffixes[rng.Next(TitleSuffixes.Length)]);

        // Two paragraphs: what it is (topic sentences, one in bold now and then), then practical notes.
        var sb = new StringBuilder(700);
        var own = Shuffle(rng, topic.Sentences).Take(rng.Next(3, Math.Min(6, topic.Sentences.Length + 1))).ToList();
        if (rng.NextDouble() < 0.3) own[0] = "**" + own[0].TrimEnd('.') + "**.";
        sb.AppendJoin(' ', own.Select(Fill));
        sb.Append("\n\n");
        sb.AppendJoin(' ', Shuffle(rng, Generic).Take(rng.Next(1, 5)).Select(Fill));
        if (rng.NextDouble() < 0.25) sb.Append($"\n\nA cura di {p.Name}.");
        var description = sb.ToString();

        var o = new GenOpportunity
        {
            Id = OpportunityId(index), PartnerId = p.Id, Kind = kind, Title = title, Description = description,
            AreaId = areaByCode[topic.Area].Id, Categories = topic.Categories,
            ContactEmail = p.Email, ContactPhone = p.Phone,
            Languages = rng.NextDouble() < 0.15 ? "italiano, inglese" : "italiano",
            Eligibility = rng.NextDouble() < 0.2 ? "Famiglie residenti nei Comuni della rete." : null,
            AccessibilityNotes = rng.NextDouble() < 0.3 ? Accessibility[rng.Next(Accessibility.Length)] : null,
            ScheduleText = kind == Service ? Schedules[rng.Next(Schedules.Length)] : null,
        };
        if (topic.From is { } from && topic.To is { } to)
        {
            var f = Math.Max(0, from + rng.Next(-1, 2));
            var t = Math.Max(f, to + rng.Next(-1, 2));
            o.AgeFromMonths = rng.NextDouble() < 0.1 ? null : f * 12;
            o.AgeToMonths = rng.NextDouble() < 0.1 ? null : t * 12 + 11;
        }
        if (rng.NextDouble() < topic.FreeShare || topic.PriceMax == 0) o.Cost = Free;
        else
        {
            o.Cost = rng.NextDouble() < 0.55 ? Paid : ReducedWithCard;
            var price = topic.PriceMin + rng.Next(0, (topic.PriceMax - topic.PriceMin) / 5 + 1) * 5;
            o.Price = Math.Max(1, price);
            if (o.Cost == ReducedWithCard) o.ReducedPrice = Math.Round(o.Price.Value * 0.75m, 0);
        }

        o.Comuni.Add(c.Id);
        if (rng.NextDouble() < 0.3)
        {
            var extra = rng.Next(1, 3);
            for (var e = 0; e < extra; e++)
            {
                var other = ComuneId(Math.Clamp(comune + rng.Next(-8, 9), 0, ComuneCount - 1));
                if (!o.Comuni.Contains(other)) o.Comuni.Add(other);
            }
        }
        o.Location = new GenLocation(IdFor(IdKind.Location, index), $"{venue} di {c.Name}", $"{Streets[rng.Next(Streets.Length)]} {rng.Next(1, 120)}, {c.Name}",
            Math.Round(c.Latitude + (rng.NextDouble() - 0.5) * 0.03, 5), Math.Round(c.Longitude + (rng.NextDouble() - 0.5) * 0.04, 5));

        // Activities: weekly sessions; events: one or two dates. Some with limited places, a few of them full.
        var sessions = kind switch { Activity => rng.Next(4, 11), Event => rng.Next(1, 3), _ => 0 };
        if (sessions > 0)
        {
            var first = BaseDate.AddDays(kind == Activity ? rng.Next(-35, 90) : rng.Next(-14, 150)).AddHours(rng.Next(9, 19));
            int? capacity = rng.NextDouble() < 0.6 ? rng.Next(2, 9) * 5 : null;
            var open = rng.NextDouble() < 0.9;
            for (var s = 0; s < sessions; s++)
            {
                var starts = first.AddDays((kind == Activity ? 7 : 3) * s);
                var taken = capacity is { } cap ? (rng.NextDouble() < 0.15 ? cap : rng.Next(0, cap)) : rng.Next(0, 15);
                o.Sessions.Add(new GenSession(IdFor(IdKind.Session, (long)index * 16 + s), starts, starts.AddHours(kind == Activity ? 1.5 : 2), capacity, taken, open));
            }
        }

        o.PublishedAt = Now.Date.AddDays(-rng.Next(1, 400)).AddMinutes(rng.Next(8 * 60, 19 * 60));
        o.CreatedAt = o.PublishedAt.AddDays(-rng.Next(0, 10));
        o.UpdatedAt = o.PublishedAt;
        o.SearchText = SearchText.Key($"{o.Title} {o.Description} {o.Categories}");
        return o;
    }

    static Topic PickTopic(Random rng)
    {
        var roll = rng.Next(TotalWeight);
        foreach (var t in Topics)
        {
            if (roll < t.Weight) return t;
            roll -= t.Weight;
        }
        return Topics[^1];
    }

    static string[] Shuffle(Random rng, string[] items)
    {
        var copy = (string[])items.Clone();
        rng.Shuffle(copy);
        return copy;
    }
}
