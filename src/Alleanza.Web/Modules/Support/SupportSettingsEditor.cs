using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>The coordinator sets the network's needs list, assessment scale, consent notice version, retention period and the evaluation's small-cell threshold.</summary>
public sealed class SupportSettingsEditor(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public sealed record Input(string? Needs, string? Scale, string? NoticeVersion, int? RetentionMonths, int? SmallCellThreshold = null);

    public async Task<Dictionary<string, string>> SaveAsync(Guid networkId, Input input)
    {
        var errors = new Dictionary<string, string>();
        var needs = (input.Needs ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (needs.Count == 0) errors["Needs"] = Tr.Get("Scrivete almeno un bisogno, uno per riga.");
        else if (needs.Count > 40 || needs.Any(n => n.Length > 80)) errors["Needs"] = Tr.Get("Al massimo 40 bisogni, di 80 caratteri ciascuno.");
        if (AssessmentDomain.Problem(input.Scale) is { } problem) errors["Scale"] = problem;
        else if (input.Scale!.Length > 4000) errors["Scale"] = Tr.Get("La scala può avere al massimo 4.000 caratteri.");
        var notice = Text.Clean(input.NoticeVersion);
        if (notice is null) errors["NoticeVersion"] = Tr.Get("Indicate la versione dell'informativa.");
        else if (notice.Length > 40) errors["NoticeVersion"] = Tr.Get("Al massimo 40 caratteri.");
        if (input.RetentionMonths is not int months) errors["RetentionMonths"] = Tr.Get("Indicate per quanti mesi conservare i percorsi chiusi.");
        else if (months is < 12 or > 240) errors["RetentionMonths"] = Tr.Get("Da 12 a 240 mesi.");
        if (input.SmallCellThreshold is int threshold && threshold is < 3 or > 50)
            errors["SmallCellThreshold"] = Tr.Get("Da 3 a 50 famiglie.");
        if (errors.Count > 0) return errors;

        var settings = await db.SupportSettings.FirstOrDefaultAsync(s => s.NetworkId == networkId);
        if (settings is null) { settings = new SupportSettings { NetworkId = networkId }; db.SupportSettings.Add(settings); }
        settings.Needs = string.Join("\n", needs);
        settings.Scale = string.Join("\n", input.Scale!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        settings.NoticeVersion = notice!;
        settings.RetentionMonths = input.RetentionMonths!.Value;
        if (input.SmallCellThreshold is int t) settings.SmallCellThreshold = t;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("support.settings.saved", "SupportSettings", networkId, null, networkId);
        if (!await db.TrySaveAsync()) errors[""] = Tr.Get(Concurrency.AlreadyDone);
        return errors;
    }
}
