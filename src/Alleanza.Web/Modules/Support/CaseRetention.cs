using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Anonymises closed paths once the network's retention period (<see cref="SupportSettings.RetentionMonths"/>) after closure
/// has passed: the link to the household, every free text and the notes go; the counts (status, outcome, dates, sessions'
/// kinds and durations, Comune) stay for the evaluation. Each path is claimed with a conditional update, so several
/// instances never do the work twice.
/// </summary>
public sealed class CaseRetention(IServiceScopeFactory scopes, IConfiguration config, ILogger<CaseRetention> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Support:RetentionInterval", TimeSpan.FromHours(6));
        if (interval <= TimeSpan.Zero) return;
        try { await Task.Delay(TimeSpan.FromMinutes(1), stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var n = await AnonymiseDueAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), stop);
                if (n > 0) log.LogInformation("Percorsi anonimizzati dopo il periodo di conservazione: {Count}", n);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Anonimizzazione dei percorsi non riuscita");
            }
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Anonymises every path whose retention period has passed at <paramref name="clock"/>'s now; returns how many.</summary>
    public static async Task<int> AnonymiseDueAsync(AppDbContext db, TimeProvider clock, CancellationToken cancel = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var months = await db.SupportSettings.AsNoTracking().ToDictionaryAsync(s => s.NetworkId, s => s.RetentionMonths, cancel);
        var shortest = Math.Min(new SupportSettings().RetentionMonths, months.Values.DefaultIfEmpty(int.MaxValue).Min());
        var candidates = await db.SupportCases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Closed && c.AnonymisedAt == null && c.ClosedAt < now.AddMonths(-shortest))
            .Select(c => new { c.Id, c.NetworkId, c.ClosedAt }).ToListAsync(cancel);
        var done = 0;
        foreach (var c in candidates)
        {
            var retention = months.TryGetValue(c.NetworkId, out var m) ? m : new SupportSettings().RetentionMonths;
            if (c.ClosedAt >= now.AddMonths(-retention)) continue;
            await using var tx = await db.Database.BeginTransactionAsync(cancel);
            var claimed = await db.SupportCases.Where(x => x.Id == c.Id && x.AnonymisedAt == null && x.Status == CaseStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.AnonymisedAt, now).SetProperty(x => x.HouseholdId, (Guid?)null)
                    .SetProperty(x => x.NeedsDetailProtected, (string?)null).SetProperty(x => x.ClosureNoteProtected, (string?)null)
                    .SetProperty(x => x.PlanComment, (string?)null).SetProperty(x => x.ClosureComment, (string?)null)
                    .SetProperty(x => x.ConsentCollectedByName, (string?)null).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1), cancel);
            if (claimed == 0) { await tx.RollbackAsync(cancel); continue; }
            await db.CaseNotes.Where(n => n.CaseId == c.Id).ExecuteDeleteAsync(cancel);
            await db.ConsentForms.Where(f => f.CaseId == c.Id).ExecuteDeleteAsync(cancel);
            await db.CaseSessions.Where(s => s.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NoteProtected, (string?)null)
                .SetProperty(x => x.Participants, "—").SetProperty(x => x.Place, "—"), cancel);
            await db.CaseObjectives.Where(o => o.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Obiettivo (anonimizzato)"), cancel);
            await db.CaseAssessments.Where(a => a.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CommentProtected, (string?)null), cancel);
            await db.CaseFollowUps.Where(f => f.CaseId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Attività (anonimizzata)"), cancel);
            db.CaseEvents.Add(new CaseEvent { CaseId = c.Id, At = now, Who = "Alleanza", What = "Percorso anonimizzato al termine del periodo di conservazione." });
            await db.SaveChangesAsync(cancel);
            await tx.CommitAsync(cancel);
            done++;
        }
        return done;
    }
}
