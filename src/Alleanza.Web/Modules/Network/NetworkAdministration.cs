using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

public sealed class NetworkForm
{
    [Required(ErrorMessage = "Inserisci il nome della rete.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome della rete")]
    public string? Name { get; set; }

    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Usa solo lettere minuscole, cifre e trattini (per esempio «rete-pavia»).")]
    [StringLength(60, MinimumLength = 3, ErrorMessage = "Il nome breve deve avere tra 3 e 60 caratteri.")]
    [Display(Name = "Nome breve per gli indirizzi web")]
    public string? Slug { get; set; }

    [StringLength(100, ErrorMessage = "La regione può avere al massimo 100 caratteri.")]
    [Display(Name = "Regione")]
    public string? Region { get; set; }

    [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
    [StringLength(256)]
    [Display(Name = "Email di contatto")]
    public string? ContactEmail { get; set; }

    [StringLength(100, ErrorMessage = "Il nome del mittente può avere al massimo 100 caratteri.")]
    [Display(Name = "Nome del mittente delle email")]
    public string? MailFromName { get; set; }

    [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'indirizzo può avere al massimo 256 caratteri.")]
    [Display(Name = "Indirizzo del mittente delle email")]
    public string? MailFromAddress { get; set; }

    [StringLength(4000, ErrorMessage = "La descrizione può avere al massimo 4000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }
}

public sealed class ComuneForm
{
    [Required(ErrorMessage = "Inserisci il nome del Comune.")]
    [StringLength(120, MinimumLength = 2, ErrorMessage = "Il nome deve avere tra 2 e 120 caratteri.")]
    [Display(Name = "Nome del Comune")]
    public string? Name { get; set; }

    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "La provincia è una sigla di due lettere (per esempio VE).")]
    [Display(Name = "Provincia (sigla)")]
    public string? Province { get; set; }

    [RegularExpression(@"^\d{6}$", ErrorMessage = "Il codice ISTAT è fatto di 6 cifre.")]
    [Display(Name = "Codice ISTAT")]
    public string? IstatCode { get; set; }
}

/// <summary>Installation-level administration: networks and their Comuni.</summary>
public sealed class NetworkAdministration(AppDbContext db, AuditLog audit, TimeProvider clock, NetworkDirectory directory)
{
    public async Task<(AllianceNetwork? Network, Dictionary<string, string> Errors)> CreateAsync(NetworkForm form)
    {
        var errors = new Dictionary<string, string>();
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Text.Slug(form.Name) : form.Slug.Trim();
        if (slug.Length < 3) errors[nameof(NetworkForm.Slug)] = Tr.Get("Scegli un nome breve di almeno 3 caratteri.");
        else if (await db.Networks.AnyAsync(n => n.Slug == slug)) errors[nameof(NetworkForm.Slug)] = Tr.Get("Il nome breve «{0}» è già usato da un'altra rete.", slug);
        if (errors.Count > 0) return (null, errors);

        var network = new AllianceNetwork
        {
            Id = Guid.NewGuid(), Slug = slug, Name = form.Name!.Trim(), Region = Text.Clean(form.Region),
            ContactEmail = Text.Clean(form.ContactEmail), Description = Text.Clean(form.Description),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Networks.Add(network);
        db.NetworkAreas.AddRange(Catalog.NetworkArea.DefaultsFor(network.Id));
        db.SearchSynonyms.AddRange(Catalog.SearchSynonym.DefaultsFor(network.Id, network.CreatedAt));
        audit.Add("network.create", nameof(AllianceNetwork), network.Id, network.Name, network.Id);
        await db.SaveChangesAsync();
        directory.Invalidate();
        return (network, errors);
    }

    public async Task UpdateAsync(AllianceNetwork network, NetworkForm form)
    {
        network.Name = form.Name!.Trim();
        network.Region = Text.Clean(form.Region);
        network.ContactEmail = Text.Clean(form.ContactEmail);
        network.Description = Text.Clean(form.Description);
        network.MailFromName = Text.Clean(form.MailFromName);
        network.MailFromAddress = Text.Clean(form.MailFromAddress);
        audit.Add("network.update", nameof(AllianceNetwork), network.Id, network.Name, network.Id);
        await db.SaveChangesAsync();
        directory.Invalidate();
    }

    public async Task<string?> AddComuneAsync(Guid networkId, ComuneForm form)
    {
        var name = form.Name!.Trim();
        var existing = await db.Comuni.Where(c => c.NetworkId == networkId).Select(c => c.Name).ToListAsync();
        if (existing.Any(n => string.Equals(Text.SearchKey(n), Text.SearchKey(name), StringComparison.Ordinal)))
            return $"Il Comune di {name} è già nella rete.";
        var comune = new Comune { Id = Guid.NewGuid(), NetworkId = networkId, Name = name, Province = Text.Clean(form.Province)?.ToUpperInvariant(), IstatCode = Text.Clean(form.IstatCode) };
        db.Comuni.Add(comune);
        audit.Add("comune.create", nameof(Comune), comune.Id, comune.Name, networkId);
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>
    /// Why a Comune cannot leave the network, or null when it can: families, card applications, cards, shops and plans
    /// keep their Comune (the database refuses to drop it under them).
    /// </summary>
    public async Task<string?> WhyComuneStaysAsync(Guid networkId, Guid comuneId)
    {
        var uses = new List<string>();
        if (await db.Households.AnyAsync(h => h.NetworkId == networkId && h.ComuneId == comuneId)) uses.Add("nuclei familiari");
        if (await db.CardApplications.AnyAsync(a => a.NetworkId == networkId && a.ComuneId == comuneId)) uses.Add("domande di Carta Famiglia");
        if (await db.Cards.AnyAsync(c => c.NetworkId == networkId && c.ComuneId == comuneId)) uses.Add("Carte Famiglia");
        if (await db.Shops.AnyAsync(s => s.NetworkId == networkId && s.ComuneId == comuneId)) uses.Add("negozi convenzionati");
        if (await db.FamilyPlans.AnyAsync(p => p.NetworkId == networkId && p.ComuneId == comuneId)) uses.Add("Piani Family");
        return uses.Count == 0 ? null
            : $"Il Comune non si può togliere dalla rete: vi sono registrati {string.Join(", ", uses)}. Spostali prima in un altro Comune.";
    }

    public async Task<bool> RemoveComuneAsync(Guid networkId, Guid comuneId)
    {
        var comune = await db.Comuni.FirstOrDefaultAsync(c => c.Id == comuneId && c.NetworkId == networkId);
        if (comune is null) return false;
        db.Comuni.Remove(comune);
        audit.Add("comune.delete", nameof(Comune), comune.Id, comune.Name, networkId);
        await db.SaveChangesAsync();
        // The database removed the Comune's links to opportunities by cascade, unseen by the registration counts.
        await Catalog.RegistrationMonthRollup.RebuildAsync(db, networkId);
        return true;
    }
}
