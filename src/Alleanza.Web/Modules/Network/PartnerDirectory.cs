using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

public sealed record PartnerQuery(string? Text, PartnerKind? Kind, Guid? ComuneId, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1) errors["page"] = [Tr.Get("La pagina deve essere un numero da 1 in su.")];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [Tr.Get("La dimensione della pagina deve essere tra 1 e {0}.", MaxPageSize)];
        if (Text?.Length > 200) errors["q"] = [Tr.Get("Il testo da cercare può avere al massimo 200 caratteri.")];
        if (Kind is { } k && !Enum.IsDefined(k)) errors["kind"] = [Tr.Get("Tipo di ente non valido.")];
        return errors;
    }
}

public sealed record PartnerRow(Guid Id, string Name, PartnerKind Kind, string? City, string? Email, string? Website, IReadOnlyList<string> Comuni);

/// <summary>The fields a coordinator edits on a partner; validation messages are Italian.</summary>
public sealed class PartnerForm
{
    [Required(ErrorMessage = "Inserisci il nome dell'ente.")]
    [StringLength(200, ErrorMessage = "Il nome può avere al massimo 200 caratteri.")]
    [Display(Name = "Nome dell'ente")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Scegli il tipo di ente.")]
    [EnumDataType(typeof(PartnerKind), ErrorMessage = "Scegli un tipo di ente dall'elenco.")]
    [Display(Name = "Tipo di ente")]
    public PartnerKind? Kind { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [StringLength(200, ErrorMessage = "L'indirizzo può avere al massimo 200 caratteri.")]
    [Display(Name = "Indirizzo")]
    public string? Address { get; set; }

    [RegularExpression(@"^\d{5}$", ErrorMessage = "Il CAP è fatto di 5 cifre.")]
    [Display(Name = "CAP")]
    public string? PostalCode { get; set; }

    [StringLength(120, ErrorMessage = "La località può avere al massimo 120 caratteri.")]
    [Display(Name = "Località")]
    public string? City { get; set; }

    [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'email può avere al massimo 256 caratteri.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [RegularExpression(@"^[0-9 +()./-]{6,40}$", ErrorMessage = "Inserisci un numero di telefono valido (cifre, spazi, + e trattini).")]
    [Display(Name = "Telefono")]
    public string? Phone { get; set; }

    [Url(ErrorMessage = "Inserisci un indirizzo web completo, per esempio https://www.esempio.it.")]
    [StringLength(300, ErrorMessage = "L'indirizzo web può avere al massimo 300 caratteri.")]
    [Display(Name = "Sito web")]
    public string? Website { get; set; }

    [RegularExpression(@"^([0-9]{11}|[A-Za-z0-9]{16})$", ErrorMessage = "Il codice fiscale o la partita IVA ha 11 cifre o 16 caratteri.")]
    [Display(Name = "Codice fiscale / partita IVA")]
    public string? TaxCode { get; set; }

    [Display(Name = "Comuni serviti")]
    public List<Guid> ComuneIds { get; set; } = [];
}

/// <summary>Partner organisations of one network: search, read, create, update, delete. Every call names the network.</summary>
public sealed class PartnerDirectory(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Paged<PartnerRow>> SearchAsync(Guid networkId, PartnerQuery query)
    {
        var q = db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
        var key = Text.SearchKey(query.Text);
        if (key.Length > 0) q = q.Where(p => p.NameKey.Contains(key));
        if (query.Kind is { } kind) q = q.Where(p => p.Kind == kind);
        if (query.ComuneId is { } comune) q = q.Where(p => p.ComuniServed.Any(c => c.ComuneId == comune));
        var total = await q.CountAsync();
        var rows = await q.OrderBy(p => p.NameKey).ThenBy(p => p.Id)
            .PageOf(query.Page, query.PageSize)
            .Select(p => new { p.Id, p.Name, p.Kind, p.City, p.Email, p.Website })
            .ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var comuni = await db.PartnerComuni.AsNoTracking().Where(pc => ids.Contains(pc.PartnerId))
            .Join(db.Comuni, pc => pc.ComuneId, c => c.Id, (pc, c) => new { pc.PartnerId, c.Name }).ToListAsync();
        var items = rows.Select(r => new PartnerRow(r.Id, r.Name, r.Kind, r.City, r.Email, r.Website,
            comuni.Where(c => c.PartnerId == r.Id).Select(c => c.Name).Order().ToList())).ToList();
        return new Paged<PartnerRow>(items, total, query.Page, query.PageSize);
    }

    /// <summary>The partner, only when it belongs to the network (otherwise null: the caller answers 404).</summary>
    public Task<Partner?> FindAsync(Guid networkId, Guid partnerId) =>
        db.Partners.Include(p => p.ComuniServed).FirstOrDefaultAsync(p => p.Id == partnerId && p.NetworkId == networkId);

    public async Task<Dictionary<string, string>> ValidateComuniAsync(Guid networkId, PartnerForm form)
    {
        var errors = new Dictionary<string, string>();
        var distinct = form.ComuneIds.Distinct().ToList();
        var known = await db.Comuni.CountAsync(c => c.NetworkId == networkId && distinct.Contains(c.Id));
        if (known != distinct.Count) errors[nameof(PartnerForm.ComuneIds)] = Tr.Get("Scegli i Comuni dall'elenco della rete.");
        return errors;
    }

    public async Task<Partner> CreateAsync(Guid networkId, PartnerForm form)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var partner = new Partner { Id = Guid.NewGuid(), NetworkId = networkId, CreatedAt = now };
        Apply(partner, form, now);
        db.Partners.Add(partner);
        audit.Add("partner.create", nameof(Partner), partner.Id, partner.Name, networkId);
        await db.SaveChangesAsync();
        return partner;
    }

    public async Task UpdateAsync(Partner partner, PartnerForm form)
    {
        Apply(partner, form, clock.GetUtcNow().UtcDateTime);
        audit.Add("partner.update", nameof(Partner), partner.Id, partner.Name, partner.NetworkId);
        await db.SaveChangesAsync();
    }

    public async Task DeleteAsync(Partner partner)
    {
        db.Partners.Remove(partner);
        audit.Add("partner.delete", nameof(Partner), partner.Id, partner.Name, partner.NetworkId);
        await db.SaveChangesAsync();
    }

    static void Apply(Partner p, PartnerForm f, DateTime now)
    {
        p.Name = f.Name!.Trim();
        p.NameKey = Text.SearchKey(p.Name);
        p.Kind = f.Kind!.Value;
        p.Description = Text.Clean(f.Description);
        p.Address = Text.Clean(f.Address);
        p.PostalCode = Text.Clean(f.PostalCode);
        p.City = Text.Clean(f.City);
        p.Email = Text.Clean(f.Email);
        p.Phone = Text.Clean(f.Phone);
        p.Website = Text.Clean(f.Website);
        p.TaxCode = Text.Clean(f.TaxCode)?.ToUpperInvariant();
        p.UpdatedAt = now;
        var wanted = f.ComuneIds.Distinct().ToHashSet();
        p.ComuniServed.RemoveAll(c => !wanted.Contains(c.ComuneId));
        foreach (var id in wanted.Where(id => p.ComuniServed.All(c => c.ComuneId != id)))
            p.ComuniServed.Add(new PartnerComune { PartnerId = p.Id, ComuneId = id });
    }

    public static PartnerForm FormFrom(Partner p) => new()
    {
        Name = p.Name, Kind = p.Kind, Description = p.Description, Address = p.Address, PostalCode = p.PostalCode,
        City = p.City, Email = p.Email, Phone = p.Phone, Website = p.Website, TaxCode = p.TaxCode,
        ComuneIds = p.ComuniServed.Select(c => c.ComuneId).ToList(),
    };
}
