using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pact;

/// <summary>What a partner's staff fills in to adhere online.</summary>
public class AdhesionForm
{
    [Required(ErrorMessage = "Indica chi firma per l'ente.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome di chi firma deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome e cognome di chi firma")]
    public string? SignatoryName { get; set; }

    [Required(ErrorMessage = "Indica il ruolo di chi firma nell'ente (per esempio presidente, dirigente scolastico, sindaco).")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "Il ruolo deve avere tra 2 e 200 caratteri.")]
    [Display(Name = "Ruolo nell'ente")]
    public string? SignatoryRole { get; set; }

    [StringLength(4000, ErrorMessage = "Gli impegni possono avere al massimo 4000 caratteri.")]
    [Display(Name = "Impegni dell'ente (facoltativo)")]
    public string? Commitments { get; set; }

    /// <summary>The version the person read: if a newer one came out meanwhile, they must read that one.</summary>
    public int VersionNumber { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "Per aderire dichiara di aver letto il testo del patto e di accettarlo a nome dell'ente.")]
    [Display(Name = "Dichiaro di aver letto il testo del patto e di aderirvi a nome dell'ente, con i poteri per farlo")]
    public bool Declaration { get; set; }
}

/// <summary>What the coordinator records for an adhesion signed on paper.</summary>
public sealed class PaperAdhesionForm
{
    [Required(ErrorMessage = "Indica chi ha firmato per l'ente.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il nome di chi ha firmato deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Nome e cognome di chi ha firmato")]
    public string? SignatoryName { get; set; }

    [Required(ErrorMessage = "Indica il ruolo di chi ha firmato nell'ente.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "Il ruolo deve avere tra 2 e 200 caratteri.")]
    [Display(Name = "Ruolo nell'ente")]
    public string? SignatoryRole { get; set; }

    [Required(ErrorMessage = "Indica la data della firma.")]
    [Display(Name = "Data della firma")]
    public DateOnly? SignedOn { get; set; }

    [Required(ErrorMessage = "Scegli la versione del patto firmata.")]
    [Display(Name = "Versione firmata")]
    public int? VersionNumber { get; set; }

    [StringLength(4000, ErrorMessage = "Gli impegni possono avere al massimo 4000 caratteri.")]
    [Display(Name = "Impegni dell'ente (facoltativo)")]
    public string? Commitments { get; set; }
}

public sealed class WithdrawalForm
{
    [Required(ErrorMessage = "Scrivi il motivo del ritiro.")]
    [StringLength(1000, MinimumLength = 5, ErrorMessage = "Il motivo deve avere tra 5 e 1000 caratteri.")]
    [Display(Name = "Motivo del ritiro")]
    public string? Reason { get; set; }
}

/// <summary>A partner in the coordinator's list, with where it stands.</summary>
public sealed record PartnerPactRow(Guid PartnerId, string Name, PartnerKind Kind, AdhesionState State, int? VersionNumber, DateOnly? SignedOn, string? SignatoryName);

/// <summary>A partner's standing and its adhesions, newest first.</summary>
public sealed record PartnerPactView(Partner Partner, AdhesionState State, PactAdhesion? Live, IReadOnlyList<PactAdhesion> History, int? CurrentNumber);

/// <summary>Adhesions: online by a partner's staff, on paper recorded by the coordinator; withdrawals; the partners' states.</summary>
public sealed class PactAdhesions(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 25;

    public Task<int?> CurrentNumberAsync(Guid networkId) =>
        db.PactVersions.AsNoTracking().Where(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published).Select(v => (int?)v.Number).FirstOrDefaultAsync();

    /// <summary>The partner (of this network only) with its adhesions, or null: unknown and foreign partners look the same.</summary>
    public async Task<PartnerPactView?> ForPartnerAsync(Guid networkId, Guid partnerId)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId && p.NetworkId == networkId);
        if (partner is null) return null;
        var history = await db.PactAdhesions.AsNoTracking().Where(a => a.PartnerId == partnerId && a.NetworkId == networkId).ToListAsync();
        history = history.OrderByDescending(a => a.RecordedAt).ToList();
        var live = history.FirstOrDefault(a => a.IsLive);
        var current = await CurrentNumberAsync(networkId);
        return new PartnerPactView(partner, PactRules.State(live?.VersionNumber, history.Count > 0, current), live, history, current);
    }

    /// <summary>Partners of the network with their state, filtered by name, kind and state, a page at a time.</summary>
    public async Task<Paged<PartnerPactRow>> ListAsync(Guid networkId, string? q, PartnerKind? kind, AdhesionState? state, int page)
    {
        var current = await CurrentNumberAsync(networkId) ?? 0;
        var partners = db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = Text.SearchKey(q);
            partners = partners.Where(p => p.NameKey.Contains(key));
        }
        if (kind is { } k) partners = partners.Where(p => p.Kind == k);
        partners = state switch
        {
            AdhesionState.Adhering => partners.Where(p => db.PactAdhesions.Any(a => a.LivePartnerId == p.Id && a.VersionNumber >= current)),
            AdhesionState.ToRenew => partners.Where(p => db.PactAdhesions.Any(a => a.LivePartnerId == p.Id && a.VersionNumber < current)),
            AdhesionState.Withdrawn => partners.Where(p => !db.PactAdhesions.Any(a => a.LivePartnerId == p.Id) && db.PactAdhesions.Any(a => a.PartnerId == p.Id)),
            AdhesionState.Never => partners.Where(p => !db.PactAdhesions.Any(a => a.PartnerId == p.Id)),
            _ => partners,
        };
        var total = await partners.CountAsync();
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        var rows = await partners.OrderBy(p => p.NameKey).ThenBy(p => p.Id).PageOf(page, PageSize)
            .Select(p => new { p.Id, p.Name, p.Kind }).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var adhesions = await db.PactAdhesions.AsNoTracking().Where(a => ids.Contains(a.PartnerId))
            .Select(a => new { a.PartnerId, a.LivePartnerId, a.VersionNumber, a.SignedOn, a.SignatoryName }).ToListAsync();
        var items = rows.Select(r =>
        {
            var mine = adhesions.Where(a => a.PartnerId == r.Id).ToList();
            var live = mine.FirstOrDefault(a => a.LivePartnerId is not null);
            var st = PactRules.State(live?.VersionNumber, mine.Count > 0, current == 0 ? null : current);
            return new PartnerPactRow(r.Id, r.Name, r.Kind, st, live?.VersionNumber, live?.SignedOn, live?.SignatoryName);
        }).ToList();
        return new Paged<PartnerPactRow>(items, total, page, PageSize);
    }

    /// <summary>A partner's staff adheres online to the current version, which must be the one they read.</summary>
    public async Task<string?> AdhereOnlineAsync(Guid networkId, Guid partnerId, AdhesionForm form, Guid? userId, string? userName)
    {
        var current = await db.PactVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published);
        if (current is null) return "Il patto non è ancora stato pubblicato.";
        if (current.Number != form.VersionNumber)
            return $"Nel frattempo è stata pubblicata la versione {current.Number} del patto: leggila qui sotto e conferma di nuovo.";
        return await AddAsync(networkId, partnerId, current, form.SignatoryName!, form.SignatoryRole!, RomeTime.Today(clock), form.Commitments,
            AdhesionChannel.Online, userId, userName);
    }

    /// <summary>The coordinator records an adhesion signed on paper, to any published version, on a day not before its publication.</summary>
    public async Task<(string Field, string Message)?> RecordPaperAsync(Guid networkId, Guid partnerId, PaperAdhesionForm form, Guid? userId, string? userName)
    {
        var version = await db.PactVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Number == form.VersionNumber && v.Status != PactVersionStatus.Draft);
        if (version is null) return (nameof(form.VersionNumber), "Scegli una versione pubblicata del patto.");
        var day = form.SignedOn!.Value;
        if (day > RomeTime.Today(clock)) return (nameof(form.SignedOn), "La data della firma non può essere nel futuro.");
        var published = DateOnly.FromDateTime(version.PublishedAt!.Value.ToRome());
        if (day < published)
            return (nameof(form.SignedOn), $"La versione {version.Number} è stata pubblicata {PactRules.On(published)}: la firma non può essere precedente.");
        var error = await AddAsync(networkId, partnerId, version, form.SignatoryName!, form.SignatoryRole!, day, form.Commitments, AdhesionChannel.Paper, userId, userName);
        return error is null ? null : (nameof(form.VersionNumber), error);
    }

    async Task<string?> AddAsync(Guid networkId, Guid partnerId, PactVersion version, string signatory, string role, DateOnly day, string? commitments,
        AdhesionChannel channel, Guid? userId, string? userName)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId && p.NetworkId == networkId)) throw new InvalidOperationException("Partner outside the network.");
        var live = await db.PactAdhesions.FirstOrDefaultAsync(a => a.LivePartnerId == partnerId);
        if (PactRules.CannotAdhere(live?.VersionNumber, version.Number) is { } refused) return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var adhesion = PactAdhesion.Create(partnerId, version, signatory, role, day, commitments, channel, now, userId, userName);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (live is not null)
            {
                live.Supersede(now);
                await db.SaveChangesAsync(); // frees the partner's live slot before the new adhesion takes it
            }
            db.PactAdhesions.Add(adhesion);
            audit.Add("pact.adhere", nameof(PactAdhesion), adhesion.Id,
                $"Adesione alla versione {version.Number} ({(channel == AdhesionChannel.Paper ? "firmata su carta" : "online")}) per l'ente {partnerId}, firmata da {adhesion.SignatoryName}", networkId);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            // Someone else recorded or withdrew an adhesion of this partner at the same moment.
            db.ChangeTracker.Clear();
            return "L'adesione dell'ente è appena cambiata: ricarica la pagina e riprova.";
        }
    }

    /// <summary>Withdraws the partner's live adhesion; false when there is none (any more).</summary>
    public async Task<bool> WithdrawAsync(Guid networkId, Guid partnerId, string reason, string? userName)
    {
        var live = await db.PactAdhesions.FirstOrDefaultAsync(a => a.LivePartnerId == partnerId && a.NetworkId == networkId);
        if (live is null) return false;
        live.Withdraw(clock.GetUtcNow().UtcDateTime, reason, userName);
        audit.Add("pact.withdraw", nameof(PactAdhesion), live.Id, $"Adesione ritirata per l'ente {partnerId}: {live.WithdrawalReason}", networkId);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
