using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Alleanza.Web.Platform;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>Labels of the exchange's choices, and the safety rules every new post goes through.</summary>
public static class ExchangeRules
{
    public static string Label<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name is { } name ? Tr.Get(name) : value.ToString();

    /// <summary>The categories a family may choose (medicines and formula are listed only to be refused).</summary>
    public static readonly PostCategory[] Offered = Enum.GetValues<PostCategory>().Where(c => !IsForbidden(c)).ToArray();

    public static bool IsForbidden(PostCategory c) => c is PostCategory.Medicines or PostCategory.Formula;
    public static bool IsGoods(PostCategory c) => (int)c < 20;
    public static bool HasSize(PostCategory c) => c is PostCategory.Clothes or PostCategory.Shoes;
    public static string Group(PostCategory c) => Tr.Get((int)c < 20 ? "Oggetti" : (int)c < 30 ? "Servizi" : (int)c < 90 ? "Esperienze" : "Non ammessi");

    public static readonly string[] Homologations = ["R44/04", "R129"];

    /// <summary>Words that are never accepted in a post, whatever the network sets: medicines and formula under other names.</summary>
    static readonly string[] ForbiddenWords = ["farmaco", "farmaci", "medicinale", "medicinali", "antibiotico", "tachipirina", "latte in polvere", "latte artificiale", "latte formulato"];

    public static string Ages(int? from, int? to)
    {
        static string Age(int months) => months < 24 ? Tr.Get("{0} mesi", months) : months % 12 == 0 ? Tr.Get("{0} anni", months / 12) : Tr.Get("{0} anni e {1} mesi", months / 12, months % 12);
        return (from, to) switch
        {
            (null, null) => Tr.Get("tutte le età"),
            ({ } f, null) => Tr.Get("da {0}", Age(f)),
            (null, { } t) => Tr.Get("fino a {0}", Age(t)),
            ({ } f, { } t) => Tr.Get("da {0} a {1}", Age(f), Age(t)),
        };
    }

    /// <summary>
    /// The field errors of a post by the safety rules (forbidden categories and words, car seats' homologation and age), and the
    /// reasons it must wait for a moderator (the network's watch words).
    /// </summary>
    public static (Dictionary<string, string> Errors, List<string> ModerationReasons) Check(PostForm input, SharingSettings settings, int currentYear)
    {
        var errors = new Dictionary<string, string>();
        var reasons = new List<string>();
        if (input.Category is { } c && IsForbidden(c))
            errors["Category"] = c == PostCategory.Medicines
                ? Tr.Get("Medicinali e prodotti sanitari non si possono scambiare su Condividi: chiedete al farmacista o al pediatra.")
                : Tr.Get("Il latte artificiale non si può scambiare su Condividi (sicurezza alimentare): rivolgetevi al pediatra o al consultorio.");
        var text = $"{input.Title} {input.Description}".ToLowerInvariant();
        if (ForbiddenWords.FirstOrDefault(w => text.Contains(w)) is { } word)
            errors["Description"] = Tr.Get("L'annuncio parla di «{0}»: medicinali e latte artificiale non si possono scambiare su Condividi.", word);
        if (input.Category == PostCategory.CarSeats && input.Kind != PostKind.Request)
        {
            if (input.Homologation is null || !Homologations.Contains(input.Homologation))
                errors["Homologation"] = Tr.Get("Per un seggiolino auto indicate l'omologazione scritta sull'etichetta: ECE R44/04 o R129 (i-Size). Senza, non si può offrire.");
            if (input.ManufactureYear is not { } year) errors["ManufactureYear"] = Tr.Get("Indicate l'anno di produzione del seggiolino (è sull'etichetta).");
            else if (year > currentYear || year < 1990) errors["ManufactureYear"] = Tr.Get("L'anno di produzione non è plausibile.");
            else if (currentYear - year > settings.CarSeatMaxYears)
                errors["ManufactureYear"] = Tr.Get("Il seggiolino ha più di {0} anni: la rete non accetta seggiolini più vecchi (i materiali invecchiano).", settings.CarSeatMaxYears);
        }
        foreach (var watch in WatchWords(settings.WatchWords))
            if (text.Contains(watch.ToLowerInvariant())) reasons.Add($"contiene «{watch}»");
        return (errors, reasons);
    }

    /// <summary>The reasons a post waits for a moderator, as stored in Italian ("; " between them), in the reader's language.</summary>
    public static string ReasonText(string? reasons) => string.Join("; ", (reasons ?? "").Split("; ").Select(r =>
        r == "prima pubblicazione di una famiglia nuova" ? Tr.Get("prima pubblicazione di una famiglia nuova")
        : r.StartsWith("contiene «", StringComparison.Ordinal) && r.EndsWith('»') ? Tr.Get("contiene «{0}»", r["contiene «".Length..^1])
        : r));

    public static IEnumerable<string> WatchWords(string? words) =>
        (words ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).Where(w => w.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The new-post form.</summary>
public sealed class PostForm
{
    [Required(ErrorMessage = "Scegliete se regalate, prestate, scambiate o cercate.")] [Display(Name = "Tipo di annuncio")] public PostKind? Kind { get; set; }
    [Required(ErrorMessage = "Scegliete la categoria.")] [Display(Name = "Categoria")] public PostCategory? Category { get; set; }
    [Required(ErrorMessage = "Scrivete un titolo (per esempio «Passeggino leggero»).")] [Display(Name = "Titolo")] public string? Title { get; set; }
    [Required(ErrorMessage = "Descrivete l'oggetto o il servizio.")] [Display(Name = "Descrizione")] public string? Description { get; set; }
    [Display(Name = "Adatto da (anni)")] public int? AgeFromYears { get; set; }
    [Display(Name = "Adatto fino a (anni)")] public int? AgeToYears { get; set; }
    [Display(Name = "Taglia o misura")] public string? Size { get; set; }
    [Display(Name = "Stato")] public ItemCondition? Condition { get; set; }
    [Required(ErrorMessage = "Scegliete il Comune.")] [Display(Name = "Comune")] public Guid? ComuneId { get; set; }
    [Display(Name = "Zona o frazione")] public string? Area { get; set; }
    [Required(ErrorMessage = "Scegliete come avviene la consegna.")] [Display(Name = "Consegna")] public HandOverMode? HandOver { get; set; }
    [Display(Name = "Punto di raccolta")] public Guid? CollectionPointId { get; set; }
    [Display(Name = "Disponibilità")] public string? Availability { get; set; }
    [Required(ErrorMessage = "La quantità va da 1 a 99.")] [Display(Name = "Quantità")] public int? Quantity { get; set; } = 1;
    [Display(Name = "Durata del prestito (giorni)")] public int? LoanDays { get; set; }
    [Display(Name = "Omologazione del seggiolino")] public string? Homologation { get; set; }
    [Display(Name = "Anno di produzione")] public int? ManufactureYear { get; set; }
    [Display(Name = "In cambio di (offerta di un'altra famiglia)")] public Guid? SwapPostId { get; set; }

    /// <summary>The plain field errors (required, lengths, ranges).</summary>
    public Dictionary<string, string> Validate()
    {
        var e = new Dictionary<string, string>();
        if (Kind is not { } kind || !Enum.IsDefined(kind)) e["Kind"] = Tr.Get("Scegliete se regalate, prestate, scambiate o cercate.");
        if (Category is not { } c || !Enum.IsDefined(c)) e["Category"] = Tr.Get("Scegliete la categoria.");
        var title = Text.Clean(Title);
        if (title is null) e["Title"] = Tr.Get("Scrivete un titolo (per esempio «Passeggino leggero»).");
        else if (title.Length > 120) e["Title"] = Tr.Get("Il titolo può avere al massimo 120 caratteri.");
        var description = Text.Clean(Description);
        if (description is null) e["Description"] = Tr.Get("Descrivete l'oggetto o il servizio.");
        else if (description.Length > 3000) e["Description"] = Tr.Get("La descrizione può avere al massimo 3000 caratteri.");
        if (AgeFromYears is < 0 or > 17) e["AgeFromYears"] = Tr.Get("L'età va da 0 a 17 anni.");
        if (AgeToYears is < 0 or > 17) e["AgeToYears"] = Tr.Get("L'età va da 0 a 17 anni.");
        if (AgeFromYears is { } f && AgeToYears is { } t && f > t) e["AgeToYears"] = Tr.Get("L'età massima non può essere minore di quella minima.");
        if (Text.Clean(Size) is { Length: > 30 }) e["Size"] = Tr.Get("La taglia può avere al massimo 30 caratteri.");
        if (Condition is { } cond && !Enum.IsDefined(cond)) e["Condition"] = Tr.Get("Scegliete lo stato.");
        if (ComuneId is null) e["ComuneId"] = Tr.Get("Scegliete il Comune.");
        if (Text.Clean(Area) is { } area)
        {
            if (area.Length > 80) e["Area"] = Tr.Get("La zona può avere al massimo 80 caratteri.");
            else if (System.Text.RegularExpressions.Regex.IsMatch(area, @"\d") || System.Text.RegularExpressions.Regex.IsMatch(area, @"\b(via|viale|piazza|corso|vicolo|largo)\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                e["Area"] = Tr.Get("Indicate solo il quartiere o la frazione, non l'indirizzo: la consegna si concorda nei messaggi.");
        }
        if (HandOver is not { } h || !Enum.IsDefined(h)) e["HandOver"] = Tr.Get("Scegliete come avviene la consegna.");
        else if (h == HandOverMode.CollectionPoint && CollectionPointId is null) e["CollectionPointId"] = Tr.Get("Scegliete il punto di raccolta.");
        if (Text.Clean(Availability) is { Length: > 200 }) e["Availability"] = Tr.Get("La disponibilità può avere al massimo 200 caratteri.");
        if (Quantity is not (>= 1 and <= 99)) e["Quantity"] = Tr.Get("La quantità va da 1 a 99.");
        if (Kind == PostKind.Loan && LoanDays is not (>= 1 and <= 365)) e["LoanDays"] = Tr.Get("Per un prestito indicate la durata, da 1 a 365 giorni.");
        return e;
    }
}
