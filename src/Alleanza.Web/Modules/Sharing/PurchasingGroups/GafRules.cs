using System.Globalization;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// The pure rules of the purchasing groups: what a member may book, what a line costs booked and delivered, the order rounded
/// to whole packages, extra costs split to the cent, quantities and weights typed by people. Quantities are thousandths of the
/// unit; delivered weights are grams; money is euro cents.
/// </summary>
public static class GafRules
{
    /// <summary>Why <paramref name="milli"/> of <paramref name="p"/> cannot be booked, in words for the family, or null.</summary>
    public static string? QuantityProblem(Product p, long milli)
    {
        if (milli <= 0) return Tr.Get("La quantità deve essere maggiore di zero.");
        if (!p.Available) return Tr.Get("«{0}» non è disponibile in questo ordine.", p.Name);
        if (p.MultipleMilli > 0 && milli % p.MultipleMilli != 0) return Tr.Get("«{0}» si prenota a multipli di {1}.", p.Name, Amount(p.MultipleMilli, UnitLabel(p)));
        if (p.MinMilli is { } min && milli < min) return Tr.Get("Di «{0}» si prenotano almeno {1}.", p.Name, Amount(min, UnitLabel(p)));
        if (p.MaxMilli is { } max && milli > max) return Tr.Get("Di «{0}» si prenotano al massimo {1}.", p.Name, Amount(max, UnitLabel(p)));
        return null;
    }

    /// <summary>The estimated price of a booked line (for products sold by weight: pieces × weight of a piece × price per kg).</summary>
    public static long BookedCents(Product p, long milli, long unitPriceCents) =>
        p.SoldByWeight ? Round((decimal)milli * (p.PieceWeightGrams ?? 1000) * unitPriceCents / 1_000_000m) : Round((decimal)milli * unitPriceCents / 1000m);

    /// <summary>The final price of a line: on the delivered weight (grams) or quantity; nothing when missing.</summary>
    public static long DeliveredCents(Product p, BookingLine line)
    {
        if (line.Missing) return 0;
        if (line.DeliveredMilli is not { } delivered) return BookedCents(p, line.QuantityMilli, line.UnitPriceCents);
        return Round((decimal)delivered * line.UnitPriceCents / 1000m);
    }

    /// <summary>The weight of a line in grams, to split costs by weight (delivered weight, else estimated).</summary>
    public static long WeightGrams(Product p, BookingLine line)
    {
        if (line.Missing) return 0;
        if (p.SoldByWeight) return line.DeliveredMilli ?? line.QuantityMilli * (p.PieceWeightGrams ?? 1000) / 1000;
        var quantity = line.DeliveredMilli ?? line.QuantityMilli;
        return p.Unit is ProductUnit.Kg or ProductUnit.Litre ? quantity : quantity * (p.PieceWeightGrams ?? 0) / 1000;
    }

    /// <summary>The quantity that counts for a line: delivered, else booked (thousandths; pieces for products sold by weight).</summary>
    public static long CountedMilli(Product p, BookingLine line) => line.Missing ? 0 : p.SoldByWeight ? line.QuantityMilli : line.DeliveredMilli ?? line.QuantityMilli;

    /// <summary>A Family Card discount of <paramref name="basisPoints"/> hundredths of a percent on <paramref name="goodsCents"/>, to the cent.</summary>
    public static long CardDiscount(long goodsCents, int basisPoints) => basisPoints <= 0 || goodsCents <= 0 ? 0 : Round((decimal)goodsCents * Math.Min(basisPoints, 10_000) / 10_000m);

    /// <summary>«10 %», «7,5 %», with a non-breaking space: the sign never goes to the next line alone.</summary>
    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.##", Platform.RomeTime.Culture) + "\u00a0%";

    static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    public sealed record PackageOrder(long BookedMilli, long Packages, long OrderedMilli, long ShortfallMilli);

    /// <summary>The order of one product to the supplier: whole packages covering the bookings, and how much is missing to fill the last one.</summary>
    public static PackageOrder Packages(long bookedMilli, long packageMilli)
    {
        if (packageMilli <= 0) packageMilli = 1000;
        var packages = (bookedMilli + packageMilli - 1) / packageMilli;
        var ordered = packages * packageMilli;
        return new(bookedMilli, packages, ordered, ordered - bookedMilli);
    }

    /// <summary>Splits <paramref name="amountCents"/> in proportion to <paramref name="weights"/> to the cent (largest remainders); equally when every weight is zero.</summary>
    public static long[] Split(long amountCents, IReadOnlyList<long> weights)
    {
        var n = weights.Count;
        var shares = new long[n];
        if (n == 0) return shares;
        var total = weights.Sum();
        var w = total > 0 ? weights : Enumerable.Repeat(1L, n).ToList();
        total = w.Sum();
        var remainders = new (decimal Remainder, int Index)[n];
        long given = 0;
        for (var i = 0; i < n; i++)
        {
            var exact = (decimal)amountCents * w[i] / total;
            shares[i] = (long)Math.Floor(exact);
            given += shares[i];
            remainders[i] = (exact - shares[i], i);
        }
        foreach (var r in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(amountCents - given))) shares[r.Index]++;
        return shares;
    }

    /// <summary>Reads a quantity typed by a person («2», «1,5», «0.25») into thousandths; null when unreadable or negative.</summary>
    public static long? ParseQuantity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace(" ", "").Replace(',', '.');
        if (t.Length > 12 || !decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 1_000_000) return null;
        return (long)Math.Round(value * 1000m, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Reads a weight typed quickly at the delivery into grams: with a decimal separator or below 100 it is kilograms
    /// («1,25» = 1250 g, «2» = 2000 g), a whole number from 100 up is grams («850» = 850 g).
    /// </summary>
    public static long? ParseWeight(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace(" ", "").Replace(',', '.').TrimEnd('g', 'G').TrimEnd('k', 'K');
        if (t.Length > 10 || !decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 100_000) return null;
        var kilograms = t.Contains('.') || value < 100;
        return (long)Math.Round(kilograms ? value * 1000m : value, MidpointRounding.AwayFromZero);
    }

    /// <summary>A translated word with its first letter small or capital (one resource for «Soci» and «soci»).</summary>
    public static string Small(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
    public static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A quantity in thousandths for people: «2», «1,5», «0,25».</summary>
    public static string Quantity(long milli) => (milli / 1000m).ToString("0.###", Platform.RomeTime.Culture);

    /// <summary>A quantity with its unit (given in the plural), in the singular for exactly one: «1 pezzo», «2 pezzi», «1,5 kg».</summary>
    public static string Amount(long milli, string unit) => $"{Quantity(milli)} {UnitText(milli == 1000 ? Singular(unit) : unit)}";

    /// <summary>A unit's word in the reader's language («confezioni» shares its resource with the heading «Confezioni»).</summary>
    public static string UnitText(string unit) => unit == "confezioni" ? Small(Tr.Get("Confezioni")) : Tr.Get(unit);

    static string Singular(string unit) => unit switch { "pezzi" => "pezzo", "confezioni" => "confezione", "litri" => "litro", _ => unit };

    /// <summary>A weight in grams for people: «1,25 kg».</summary>
    public static string Weight(long grams) => (grams / 1000m).ToString("0.###", Platform.RomeTime.Culture) + " kg";

    public static string Euro(long cents) => Platform.Localization.Money.Format(cents / 100m);

    public static string UnitLabel(Product p) => p.SoldByWeight ? "pezzi" : UnitLabel(p.Unit);

    public static string UnitLabel(ProductUnit unit) => unit switch
    {
        ProductUnit.Kg => "kg", ProductUnit.Litre => "litri", ProductUnit.Pack => "confezioni", _ => "pezzi",
    };

    public static string StatusLabel(CycleStatus s) => s switch
    {
        CycleStatus.Draft => Tr.Get("In preparazione"), CycleStatus.Open => Tr.Get("Aperto"), CycleStatus.Closed => Tr.Get("Chiuso"), CycleStatus.Sent => Tr.Get("Inviato al fornitore"),
        CycleStatus.Delivered => Tr.Get("Consegnato"), CycleStatus.Settled => Tr.Get("Saldato"), _ => Tr.Get("Archiviato"),
    };

    public static string SplitLabel(SplitRule s) => Tr.Get(s switch { SplitRule.Weight => "per peso", SplitRule.Quantity => "per quantità", _ => "per valore" });
}
