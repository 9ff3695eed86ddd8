using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pact;

/// <summary>The fields of a draft version the coordinator edits.</summary>
public sealed class PactDraftForm
{
    [Required(ErrorMessage = "Inserisci il titolo del patto.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Scrivi il testo del patto.")]
    [StringLength(60000, MinimumLength = 50, ErrorMessage = "Il testo del patto deve avere tra 50 e 60.000 caratteri.")]
    [Display(Name = "Testo del patto")]
    public string? Text { get; set; }

    [StringLength(2000, ErrorMessage = "La sintesi delle modifiche può avere al massimo 2000 caratteri.")]
    [Display(Name = "Cosa cambia rispetto alla versione precedente")]
    public string? ChangeSummary { get; set; }

    public static PactDraftForm From(PactVersion v) => new() { Title = v.Title, Text = v.Text, ChangeSummary = v.ChangeSummary };
}

public sealed record PactVersionRow(int Number, string Title, PactVersionStatus Status, DateTime? PublishedAt, string? PublishedByName, DateTime UpdatedAt, int Adhesions);

public enum PublishOutcome { Published, NotFound, NotADraft, Invalid }

public sealed record PublishResult(PublishOutcome Outcome, int Notified = 0);

/// <summary>The coordinator's side of the pact's text: one draft at a time, publishing it makes it current.</summary>
public sealed class PactVersions(AppDbContext db, AuditLog audit, TimeProvider clock, Platform.Notifications.NotificationService notifications)
{
    public Task<PactVersion?> FindAsync(Guid networkId, int number) =>
        db.PactVersions.FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Number == number);

    public Task<PactVersion?> DraftAsync(Guid networkId) =>
        db.PactVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Draft);

    public async Task<List<PactVersionRow>> ListAsync(Guid networkId)
    {
        var counts = await db.PactAdhesions.AsNoTracking().Where(a => a.NetworkId == networkId)
            .GroupBy(a => a.VersionNumber).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var versions = await db.PactVersions.AsNoTracking().Where(v => v.NetworkId == networkId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Title, v.Status, v.PublishedAt, v.PublishedByName, v.UpdatedAt }).ToListAsync();
        return versions.Select(v => new PactVersionRow(v.Number, v.Title, v.Status, v.PublishedAt, v.PublishedByName, v.UpdatedAt, counts.GetValueOrDefault(v.Number))).ToList();
    }

    /// <summary>The draft: the existing one, or a new one starting from the current text (only one draft at a time).</summary>
    public async Task<PactVersion> OpenDraftAsync(Guid networkId)
    {
        var existing = await db.PactVersions.FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Draft);
        if (existing is not null) return existing;
        var last = await db.PactVersions.Where(v => v.NetworkId == networkId).MaxAsync(v => (int?)v.Number) ?? 0;
        var current = await db.PactVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published);
        var draft = PactVersion.NewDraft(networkId, last, current, clock.GetUtcNow().UtcDateTime);
        db.PactVersions.Add(draft);
        audit.Add("pact.draft", nameof(PactVersion), draft.Id, $"Bozza della versione {draft.Number}", networkId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone opened the draft at the same moment: the number is taken, theirs is the draft.
            db.ChangeTracker.Clear();
            return await db.PactVersions.FirstAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Draft);
        }
        return draft;
    }

    public async Task SaveDraftAsync(PactVersion draft, PactDraftForm form)
    {
        draft.Edit(form.Title!, form.Text!, form.ChangeSummary, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>What a draft still lacks before it can be published (a draft just opened may be empty).</summary>
    public static List<string> Problems(PactVersion draft)
    {
        var form = PactDraftForm.From(draft);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    /// <summary>
    /// Publishes the draft: it becomes the current text, the previous one is superseded, and the staff of partners whose
    /// adhesion is now older than the current version are asked by e-mail to re-adhere.
    /// </summary>
    public async Task<PublishResult> PublishAsync(Guid networkId, int number, Guid? userId, string? userName)
    {
        var draft = await FindAsync(networkId, number);
        if (draft is null) return new(PublishOutcome.NotFound);
        if (!draft.IsDraft) return new(PublishOutcome.NotADraft);
        if (Problems(draft).Count > 0) return new(PublishOutcome.Invalid);
        var current = await db.PactVersions.FirstOrDefaultAsync(v => v.NetworkId == networkId && v.Status == PactVersionStatus.Published);
        var now = clock.GetUtcNow().UtcDateTime;
        draft.Publish(current, now, userId, userName);
        audit.Add("pact.publish", nameof(PactVersion), draft.Id, $"Versione {draft.Number} pubblicata" + (current is null ? "" : $", sostituisce la {current.Number}"), networkId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(PublishOutcome.NotADraft);
        }
        var notified = current is null ? 0 : await AskToRenewAsync(networkId, draft);
        return new(PublishOutcome.Published, notified);
    }

    /// <summary>Mails the staff (partner staff and merchants) of every partner whose live adhesion is older than <paramref name="version"/>.</summary>
    async Task<int> AskToRenewAsync(Guid networkId, PactVersion version)
    {
        var network = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => new { n.Name, n.Slug }).FirstAsync();
        var staff = await (
            from a in db.PactAdhesions.AsNoTracking()
            where a.NetworkId == networkId && a.LivePartnerId != null && a.VersionNumber < version.Number
            join p in db.Partners on a.PartnerId equals p.Id
            join m in db.Memberships on p.Id equals m.PartnerId
            where m.NetworkId == networkId && (m.Role == NetworkRole.PartnerStaff || m.Role == NetworkRole.Merchant)
            select new { m.UserId, Partner = p.Name, PartnerId = p.Id, a.VersionNumber }).ToListAsync();
        var sent = 0;
        foreach (var person in staff.GroupBy(s => s.UserId))
        {
            var first = person.First();
            var partners = person.DistinctBy(p => p.PartnerId).ToList();
            var names = string.Join(", ", partners.Select(p => $"«{p.Partner}»"));
            var link = $"/rete/patto/adesione?rete={Uri.EscapeDataString(network.Slug)}" + (partners.Count == 1 ? $"&ente={first.PartnerId}" : "");
            // The version is published whatever happens to the mail; the partner also sees the banner on its adhesion page.
            // In the person's language; the summary of the changes as the coordinator wrote it.
            sent += await notifications.NotifyAsync([first.UserId], to => new Platform.Notifications.Notice(Platform.Notifications.NotificationKinds.PactVersion.Key, networkId, to,
                Tr.Get("Patto di collaborazione: è uscita la versione {0}, rinnovate l'adesione", version.Number),
                Tr.Get("È stata pubblicata la versione {0} del patto di collaborazione di «{1}».", version.Number, network.Name) + "\n\n"
                + Tr.Get("L'adesione di {0} riguarda una versione precedente: per restare tra gli enti aderenti leggete il nuovo testo e rinnovate l'adesione.", names)
                + (string.IsNullOrWhiteSpace(version.ChangeSummary) ? "" : "\n\n" + Tr.Get("Cosa cambia: {0}", version.ChangeSummary)), link)
                { LinkLabel = Tr.Get("Rinnova l'adesione") });
        }
        return sent;
    }
}
