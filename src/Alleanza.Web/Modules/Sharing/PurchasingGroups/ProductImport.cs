using System.Text;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Imports or updates a supplier's products from a CSV (the supplier's price list, from a spreadsheet), keyed by the code,
/// and reports what changed: new products, changed fields, products missing from the file (made unavailable), bad rows.
/// Columns (first row, separator «;» or «,»): codice; nome; variante; unita (pezzo, kg, litro, confezione); prezzo (IVA inclusa,
/// per kg se a peso); iva; confezione; multiplo; minimo; massimo; a_peso (sì/no); peso_pezzo_g; disponibile (sì/no).
/// </summary>
public sealed class ProductImport(AppDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock)
{
    public const int MaxRows = 2000;
    public sealed record Report(int Added, List<string> Changed, List<string> Unavailable, int Unchanged, List<string> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    public async Task<Report> ImportAsync(Supplier supplier, string csv, bool apply = true)
    {
        var errors = new List<string>();
        var lines = csv.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count < 2) return new(0, [], [], 0, ["Il file non ha righe di prodotti: la prima riga sono i nomi delle colonne."]);
        if (lines.Count > MaxRows + 1) return new(0, [], [], 0, [$"Il file ha troppe righe: al massimo {MaxRows} prodotti."]);
        var separator = lines[0].Count(c => c == ';') >= lines[0].Count(c => c == ',') ? ';' : ',';
        var header = Split(lines[0], separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name);
        if (Col("codice") < 0 || Col("nome") < 0 || Col("prezzo") < 0) return new(0, [], [], 0, ["Mancano le colonne obbligatorie: codice, nome, prezzo."]);

        var existing = await db.GafProducts.Where(p => p.SupplierId == supplier.Id).ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var changed = new List<string>();
        int added = 0, unchanged = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = Split(lines[i], separator);
            string Cell(string name) => Col(name) is var c && c >= 0 && c < cells.Count ? cells[c].Trim() : "";
            var row = $"Riga {i + 1}";
            var code = Cell("codice");
            var name = Cell("nome");
            if (code.Length is 0 or > 60) { errors.Add($"{row}: il codice manca o è troppo lungo."); continue; }
            if (!seen.Add(code)) { errors.Add($"{row}: il codice «{code}» è ripetuto."); continue; }
            if (name.Length is 0 or > 200) { errors.Add($"{row}: il nome manca o è troppo lungo."); continue; }
            var price = GafRules.ParseQuantity(Cell("prezzo").Replace("€", ""));
            if (price is null) { errors.Add($"{row}: il prezzo «{Cell("prezzo")}» non è un numero."); continue; }
            ProductUnit? unit = Cell("unita").ToLowerInvariant() switch
            {
                "" or "pezzo" or "pezzi" or "pz" => ProductUnit.Piece, "kg" or "chilo" => ProductUnit.Kg, "litro" or "litri" or "l" => ProductUnit.Litre,
                "confezione" or "confezioni" or "conf" => ProductUnit.Pack, _ => null,
            };
            if (unit is null) { errors.Add($"{row}: unità «{Cell("unita")}» sconosciuta (pezzo, kg, litro, confezione)."); continue; }
            long? Milli(string col, long? fallback) => Cell(col) == "" ? fallback : GafRules.ParseQuantity(Cell(col));
            var package = Milli("confezione", 1000); var multiple = Milli("multiplo", 1000);
            if (package is not > 0 || multiple is not > 0) { errors.Add($"{row}: confezione e multiplo devono essere numeri maggiori di zero."); continue; }
            var min = Milli("minimo", null); var max = Milli("massimo", null);
            if (Cell("minimo") != "" && min is null || Cell("massimo") != "" && max is null || min > max) { errors.Add($"{row}: minimo e massimo non validi."); continue; }
            var byWeight = Yes(Cell("a_peso"), false);
            int? pieceGrams = int.TryParse(Cell("peso_pezzo_g"), out var g) && g > 0 && g < 100_000 ? g : null;
            if (byWeight && pieceGrams is null) { errors.Add($"{row}: un prodotto a peso ha bisogno del peso di un pezzo (peso_pezzo_g)."); continue; }
            var vat = int.TryParse(Cell("iva").TrimEnd('%'), out var v) && v is >= 0 and <= 30 ? v : 10;
            var fresh = new Product
            {
                Code = code, Name = name, Variant = Cell("variante").Length > 100 ? Cell("variante")[..100] : Cell("variante"), Unit = unit.Value,
                PriceCents = (price.Value + 5) / 10, VatPercent = vat, PackageMilli = package.Value, MultipleMilli = multiple.Value, MinMilli = min, MaxMilli = max,
                SoldByWeight = byWeight, PieceWeightGrams = pieceGrams, Available = Yes(Cell("disponibile"), true),
            };
            if (!existing.TryGetValue(code, out var p))
            {
                added++;
                fresh.Id = Guid.NewGuid(); fresh.SupplierId = supplier.Id; fresh.GroupId = supplier.GroupId; fresh.UpdatedAt = now;
                db.GafProducts.Add(fresh);
                continue;
            }
            var diff = Differences(p, fresh);
            if (diff.Count == 0) { unchanged++; continue; }
            changed.Add($"{code} {name}: {string.Join(", ", diff)}");
            p.Name = fresh.Name; p.Variant = fresh.Variant; p.Unit = fresh.Unit; p.PriceCents = fresh.PriceCents; p.VatPercent = fresh.VatPercent; p.PackageMilli = fresh.PackageMilli;
            p.MultipleMilli = fresh.MultipleMilli; p.MinMilli = fresh.MinMilli; p.MaxMilli = fresh.MaxMilli; p.SoldByWeight = fresh.SoldByWeight; p.PieceWeightGrams = fresh.PieceWeightGrams;
            p.Available = fresh.Available; p.UpdatedAt = now;
        }
        var gone = existing.Values.Where(p => !seen.Contains(p.Code) && p.Available).OrderBy(p => p.Name).ToList();
        foreach (var p in gone) { p.Available = false; p.UpdatedAt = now; }
        var report = new Report(added, changed, gone.Select(p => $"{p.Code} {p.Name}").ToList(), unchanged, errors);
        if (apply && errors.Count == 0)
        {
            await db.SaveChangesAsync();
            Bookings.ForgetProducts(cache, supplier.Id);
        }
        db.ChangeTracker.Clear();
        return report;
    }

    static List<string> Differences(Product a, Product b)
    {
        var d = new List<string>();
        if (a.Name != b.Name) d.Add($"nome «{b.Name}»");
        if (a.Variant != b.Variant) d.Add($"variante «{b.Variant}»");
        if (a.Unit != b.Unit) d.Add($"unità {GafRules.UnitLabel(b.Unit)}");
        if (a.PriceCents != b.PriceCents) d.Add($"prezzo {GafRules.Euro(a.PriceCents)} → {GafRules.Euro(b.PriceCents)}");
        if (a.VatPercent != b.VatPercent) d.Add($"IVA {b.VatPercent}%");
        if (a.PackageMilli != b.PackageMilli) d.Add($"confezione {GafRules.Quantity(b.PackageMilli)}");
        if (a.MultipleMilli != b.MultipleMilli) d.Add($"multiplo {GafRules.Quantity(b.MultipleMilli)}");
        if (a.MinMilli != b.MinMilli || a.MaxMilli != b.MaxMilli) d.Add("minimo/massimo");
        if (a.SoldByWeight != b.SoldByWeight || a.PieceWeightGrams != b.PieceWeightGrams) d.Add("vendita a peso");
        if (a.Available != b.Available) d.Add(b.Available ? Tr.Get("di nuovo disponibile") : Tr.Get("non disponibile"));
        return d;
    }

    static bool Yes(string text, bool fallback) => text.Trim().ToLowerInvariant() switch
    {
        "" => fallback, "si" or "sì" or "s" or "x" or "1" or "true" or "yes" => true, _ => false,
    };

    /// <summary>One CSV row's cells («"a;b"» quoted, doubled quotes inside).</summary>
    static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
