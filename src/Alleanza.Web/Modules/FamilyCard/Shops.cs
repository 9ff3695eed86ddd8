using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>The fields a merchant edits on a shop; messages in Italian.</summary>
public sealed class ShopForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli l'esercente a cui appartiene il negozio.")]
    [Display(Name = "Esercente")]
    public Guid? PartnerId { get; set; }

    [Required(ErrorMessage = "Inserisci il nome del negozio.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "Il nome deve avere tra 2 e 200 caratteri.")]
    [Display(Name = "Nome del negozio")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Scegli la categoria del negozio.")]
    [EnumDataType(typeof(ShopCategory), ErrorMessage = "Scegli una categoria dall'elenco.")]
    [Display(Name = "Categoria")]
    public ShopCategory? Category { get; set; }

    [Required(ErrorMessage = "Inserisci l'indirizzo.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "L'indirizzo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Indirizzo (via e numero)")]
    public string? Address { get; set; }

    [Required(ErrorMessage = "Scegli il Comune del negozio.")]
    [Display(Name = "Comune")]
    public Guid? ComuneId { get; set; }

    [Range(35.0, 48.0, ErrorMessage = "La latitudine deve essere in Italia (tra 35 e 48).")]
    [Display(Name = "Latitudine")]
    public double? Latitude { get; set; }

    [Range(6.0, 19.0, ErrorMessage = "La longitudine deve essere in Italia (tra 6 e 19).")]
    [Display(Name = "Longitudine")]
    public double? Longitude { get; set; }

    [StringLength(500, ErrorMessage = "Gli orari possono avere al massimo 500 caratteri.")]
    [Display(Name = "Orari di apertura")]
    public string? OpeningHours { get; set; }

    [RegularExpression(@"^[0-9 +()./-]{6,40}$", ErrorMessage = "Inserisci un numero di telefono valido (cifre, spazi, + e trattini).")]
    [Display(Name = "Telefono")]
    public string? Phone { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if ((Latitude is null) != (Longitude is null))
            yield return new(Tr.Get("Indica sia la latitudine sia la longitudine, oppure nessuna delle due."), [nameof(Longitude)]);
    }
}

/// <summary>A shop as the merchant's pages list it.</summary>
public sealed record ShopRow(Guid Id, string Name, string Partner, string Comune, string Address, ShopCategory Category, bool OnMap);

/// <summary>Shops of the merchants the signed-in person works for: create, edit, delete. Other shops answer null (404).</summary>
public sealed class Shops(AppDbContext db, CurrentNetwork network, CurrentAccess access, AuditLog audit, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The merchants (partners) of the current network the person works for, by name.</summary>
    public async Task<List<(Guid Id, string Name)>> MerchantsAsync()
    {
        var mine = await access.PartnersHereAsync(NetworkRole.Merchant);
        if (mine.Count == 0) return [];
        var rows = await db.Partners.AsNoTracking().Where(p => p.NetworkId == network.Id && mine.Contains(p.Id))
            .OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync();
        return rows.Select(p => (p.Id, p.Name)).ToList();
    }

    public async Task<List<ShopRow>> MineAsync()
    {
        var mine = (await MerchantsAsync()).Select(m => m.Id).ToList();
        return await db.Shops.AsNoTracking().Where(s => s.NetworkId == network.Id && mine.Contains(s.PartnerId))
            .OrderBy(s => s.NameKey).ThenBy(s => s.Id)
            .Select(s => new ShopRow(s.Id, s.Name,
                db.Partners.Where(p => p.Id == s.PartnerId).Select(p => p.Name).First(),
                db.Comuni.Where(c => c.Id == s.ComuneId).Select(c => c.Name).First(),
                s.Address, s.Category, s.Latitude != null))
            .ToListAsync();
    }

    /// <summary>The shop, when it is in this network and belongs to one of the person's merchants (otherwise null: answer 404).</summary>
    public async Task<Shop?> FindEditableAsync(Guid id)
    {
        var mine = await access.PartnersHereAsync(NetworkRole.Merchant);
        if (mine.Count == 0) return null;
        return await db.Shops.FirstOrDefaultAsync(s => s.Id == id && s.NetworkId == network.Id && mine.Contains(s.PartnerId));
    }

    public async Task<Dictionary<string, string>> ValidateAsync(ShopForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.PartnerId is { } p && !(await MerchantsAsync()).Any(m => m.Id == p))
            errors[nameof(ShopForm.PartnerId)] = Tr.Get("Scegli uno degli esercenti per cui lavori.");
        if (form.ComuneId is { } c && !await db.Comuni.AnyAsync(x => x.Id == c && x.NetworkId == network.Id))
            errors[nameof(ShopForm.ComuneId)] = Tr.Get("Scegli un Comune dall'elenco della rete.");
        return errors;
    }

    public async Task<Shop> CreateAsync(ShopForm form)
    {
        var shop = new Shop { Id = Guid.NewGuid(), NetworkId = network.Id, CreatedAt = Now };
        Apply(shop, form);
        db.Shops.Add(shop);
        audit.Add("shop.create", nameof(Shop), shop.Id, shop.Name, network.Id);
        await db.SaveChangesAsync();
        return shop;
    }

    public async Task UpdateAsync(Shop shop, ShopForm form)
    {
        Apply(shop, form);
        audit.Add("shop.update", nameof(Shop), shop.Id, shop.Name, shop.NetworkId);
        await db.SaveChangesAsync();
    }

    public async Task DeleteAsync(Shop shop)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Shops.Remove(shop);
        audit.Add("shop.delete", nameof(Shop), shop.Id, shop.Name, shop.NetworkId);
        await db.SaveChangesAsync();
        // Its monthly sums go with it, so the network's totals (read without joining the shops) stay the sum of its shops.
        await db.RedemptionMonths.Where(m => m.ShopId == shop.Id).ExecuteDeleteAsync();
        await transaction.CommitAsync();
    }

    void Apply(Shop s, ShopForm f)
    {
        s.PartnerId = f.PartnerId!.Value;
        s.Name = f.Name!.Trim();
        s.NameKey = Text.SearchKey(s.Name);
        if (s.NameKey.Length > 200) s.NameKey = s.NameKey[..200];
        s.Category = f.Category!.Value;
        s.Address = f.Address!.Trim();
        s.ComuneId = f.ComuneId!.Value;
        s.Latitude = f.Latitude is { } lat ? Math.Round(lat, 6) : null;
        s.Longitude = f.Longitude is { } lon ? Math.Round(lon, 6) : null;
        s.OpeningHours = Text.Clean(f.OpeningHours);
        s.Phone = Text.Clean(f.Phone);
        s.UpdatedAt = Now;
    }

    public static ShopForm FormFrom(Shop s) => new()
    {
        PartnerId = s.PartnerId, Name = s.Name, Category = s.Category, Address = s.Address, ComuneId = s.ComuneId,
        Latitude = s.Latitude, Longitude = s.Longitude, OpeningHours = s.OpeningHours, Phone = s.Phone,
    };
}

public static class ShopCategories
{
    public static string Label(ShopCategory c) => c switch
    {
        ShopCategory.Food => Tr.Get("Alimentari"),
        ShopCategory.Clothing => Tr.Get("Abbigliamento e calzature"),
        ShopCategory.Health => Tr.Get("Farmacia e salute"),
        ShopCategory.Books => Tr.Get("Libri, cartoleria, scuola"),
        ShopCategory.Sport => Tr.Get("Sport e tempo libero"),
        ShopCategory.Toys => Tr.Get("Giocattoli e infanzia"),
        ShopCategory.Restaurants => Tr.Get("Ristorazione"),
        ShopCategory.Services => Tr.Get("Servizi alla persona"),
        _ => Tr.Get("Altro"),
    };

    /// <summary>The category's word in URLs: /carta-famiglia?categoria=alimentari.</summary>
    public static string Slug(ShopCategory c) => c switch
    {
        ShopCategory.Food => "alimentari",
        ShopCategory.Clothing => "abbigliamento",
        ShopCategory.Health => "salute",
        ShopCategory.Books => "libri-scuola",
        ShopCategory.Sport => "sport",
        ShopCategory.Toys => "infanzia",
        ShopCategory.Restaurants => "ristorazione",
        ShopCategory.Services => "servizi",
        _ => "altro",
    };

    public static ShopCategory? FromSlug(string? slug) =>
        Enum.GetValues<ShopCategory>().Cast<ShopCategory?>().FirstOrDefault(c => Slug(c!.Value) == slug);
}
