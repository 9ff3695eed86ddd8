using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Volunteers;

public sealed class CommunitySettingsForm : IValidatableObject
{
    [Required(ErrorMessage = "Indica la percentuale di ore da frequentare.")]
    [Range(1, 100, ErrorMessage = "La percentuale deve essere tra 1 e 100.")]
    [Display(Name = "Ore da frequentare per completare un corso (%)")]
    public int? CompletionPercent { get; set; }

    [Required(ErrorMessage = "Indica per quanti mesi vale il certificato.")]
    [Range(1, 60, ErrorMessage = "La validità deve essere tra 1 e 60 mesi.")]
    [Display(Name = "Validità del certificato del casellario (mesi)")]
    public int? ClearanceValidityMonths { get; set; }

    [Required(ErrorMessage = "Indica quanti giorni prima avvisare.")]
    [Range(1, 180, ErrorMessage = "Il preavviso deve essere tra 1 e 180 giorni.")]
    [Display(Name = "Avviso al referente prima della scadenza (giorni)")]
    public int? ClearanceReminderDays { get; set; }

    [Required(ErrorMessage = "Scrivi almeno un tema, uno per riga.")]
    [StringLength(4000, ErrorMessage = "L'elenco può avere al massimo 4000 caratteri.")]
    [Display(Name = "Temi del punto di ascolto (uno per riga)")]
    public string? ListeningTopics { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var topics = (ListeningTopics ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (topics.Length > 40) yield return new("Al massimo 40 temi.", [nameof(ListeningTopics)]);
        if (topics.Any(t => t.Length > 100)) yield return new("Ogni tema può avere al massimo 100 caratteri.", [nameof(ListeningTopics)]);
        if (ListeningTopics is not null && topics.Length == 0) yield return new("Scrivi almeno un tema, uno per riga.", [nameof(ListeningTopics)]);
    }
}

/// <summary>Saves the network's settings for labs, training and volunteering (coordinators).</summary>
public sealed class CommunitySettingsStore(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task SaveAsync(Guid networkId, CommunitySettingsForm form)
    {
        var row = await db.CommunitySettings.FirstOrDefaultAsync(s => s.NetworkId == networkId);
        if (row is null) { row = new CommunitySettings { NetworkId = networkId }; db.CommunitySettings.Add(row); }
        row.CompletionPercent = form.CompletionPercent!.Value;
        row.ClearanceValidityMonths = form.ClearanceValidityMonths!.Value;
        row.ClearanceReminderDays = form.ClearanceReminderDays!.Value;
        row.ListeningTopics = string.Join('\n', form.ListeningTopics!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("volontari.impostazioni", nameof(CommunitySettings), networkId,
            $"completamento {row.CompletionPercent}%, certificato valido {row.ClearanceValidityMonths} mesi", networkId);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two first saves at once: the other one created the row; save again over it.
            db.ChangeTracker.Clear();
            await SaveAsync(networkId, form);
        }
    }
}
