using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// The supervisor's approvals of the plan and of the closure (requested → approved / rejected with a comment), and
/// reopening. Each transition is a conditional update on the state it starts from: of two identical requests one wins,
/// the other is told it was already done. Notifications carry no sensitive detail, only a link to the path.
/// </summary>
public sealed class CaseApprovals(AppDbContext db, CaseText text, TimeProvider clock, AuditLog audit, NotificationService notifications)
{
    public const string AlreadyDone = "Già fatto: lo stato del percorso era già cambiato (forse un doppio clic, o un'altra persona).";

    /// <summary>A short reference for mails and lists that says nothing about the family.</summary>
    public static string Reference(Guid caseId) => "P-" + caseId.ToString("N")[..8].ToUpperInvariant();

    async Task LogAsync(Guid caseId, string who, string what)
    {
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, At = clock.GetUtcNow().UtcDateTime, Who = who, What = what });
        await db.SaveChangesAsync();
    }

    async Task<List<Guid>> SupervisorsAsync(SupportCase c) =>
        await db.Memberships.AsNoTracking().Where(m => m.NetworkId == c.NetworkId && m.PartnerId == c.PartnerId && m.Role == NetworkRole.SupportSupervisor)
            .Select(m => m.UserId).Distinct().ToListAsync();

    async Task<List<Guid>> OperatorsAsync(Guid caseId) =>
        await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId && m.Role == CaseMemberRole.Operator).Select(m => m.UserId).ToListAsync();

    /// <summary>Tells the team, each in their language: <paramref name="compose"/> writes the subject and the text in it.</summary>
    Task NotifyAsync(NotificationKind kind, SupportCase c, IReadOnlyCollection<Guid> to, Func<(string Subject, string Body)> compose) =>
        notifications.NotifyAsync(to, people =>
        {
            var (subject, body) = compose();
            return new Notice(kind.Key, c.NetworkId, people, subject, body, $"/percorsi/{c.Id}") { LinkLabel = Tr.Get("Apri il percorso") };
        });

    public async Task<string?> RequestPlanAsync(CaseSight sight)
    {
        if (!sight.CanWork) return Tr.Get("Il percorso è chiuso.");
        var c = sight.Case;
        if (!await db.CaseObjectives.AnyAsync(o => o.CaseId == c.Id)) return Tr.Get("Il piano non ha ancora obiettivi: aggiungetene almeno uno.");
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.SupportCases.Where(x => x.Id == c.Id && x.Status == CaseStatus.Open && (x.PlanStatus == PlanStatus.Draft || x.PlanStatus == PlanStatus.Rejected))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlanStatus, PlanStatus.Requested).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1));
        if (changed == 0) return Tr.Get(AlreadyDone);
        await LogAsync(c.Id, sight.UserName, "Piano inviato al supervisore per l'approvazione.");
        await NotifyAsync(NotificationKinds.SupportApprovalWaiting, c, await SupervisorsAsync(c), () => (Tr.Get("Piano da approvare — percorso {0}", Reference(c.Id)),
            Tr.Get("{0} chiede l'approvazione del piano del percorso {1}.", sight.UserName, Reference(c.Id))));
        return null;
    }

    public async Task<Dictionary<string, string>> DecidePlanAsync(CaseSight sight, bool approve, string? comment)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.IsSupervisor) { errors[""] = Tr.Get("Solo il supervisore approva il piano."); return errors; }
        var clean = Text.Clean(comment);
        if (!approve && clean is null) errors["Comment"] = Tr.Get("Scrivete che cosa va rivisto.");
        if (clean is { Length: > 2000 }) errors["Comment"] = Tr.Get("Il commento può avere al massimo 2.000 caratteri.");
        if (errors.Count > 0) return errors;
        var c = sight.Case;
        var now = clock.GetUtcNow().UtcDateTime;
        var requested = db.SupportCases.Where(x => x.Id == c.Id && x.PlanStatus == PlanStatus.Requested);
        var changed = approve
            ? await requested.ExecuteUpdateAsync(s => s.SetProperty(x => x.PlanStatus, PlanStatus.Approved).SetProperty(x => x.PlanComment, clean)
                .SetProperty(x => x.PlanApprovedAt, now).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1))
            : await requested.ExecuteUpdateAsync(s => s.SetProperty(x => x.PlanStatus, PlanStatus.Rejected).SetProperty(x => x.PlanComment, clean)
                .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1));
        if (changed == 0) { errors[""] = Tr.Get(AlreadyDone); return errors; }
        await LogAsync(c.Id, sight.UserName, approve ? "Piano approvato." : "Piano rimandato all'operatore con un commento.");
        audit.Add(approve ? "support.plan.approved" : "support.plan.rejected", "SupportCase", c.Id, null, c.NetworkId);
        await db.SaveChangesAsync();
        await NotifyAsync(NotificationKinds.SupportDecision, c, await OperatorsAsync(c.Id), () => approve
            ? (Tr.Get("Piano approvato — percorso {0}", Reference(c.Id)), Tr.Get("Il supervisore ha approvato il piano del percorso {0}.", Reference(c.Id)))
            : (Tr.Get("Piano da rivedere — percorso {0}", Reference(c.Id)), Tr.Get("Il supervisore chiede di rivedere il piano del percorso {0}: il commento è nella pagina del percorso.", Reference(c.Id))));
        return errors;
    }

    public async Task<Dictionary<string, string>> RequestClosureAsync(CaseSight sight, CaseOutcome? outcome, string? note)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get("Il percorso è chiuso."); return errors; }
        if (outcome is null || !Enum.IsDefined(outcome.Value)) errors["Outcome"] = Tr.Get("Indicate l'esito del percorso.");
        var clean = Text.Clean(note);
        if (clean is { Length: > 4000 }) errors["Note"] = Tr.Get("La nota di chiusura può avere al massimo 4.000 caratteri.");
        if (errors.Count > 0) return errors;
        var c = sight.Case;
        var now = clock.GetUtcNow().UtcDateTime;
        var protectedNote = text.Protect(clean);
        var changed = await db.SupportCases.Where(x => x.Id == c.Id && x.Status == CaseStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CaseStatus.ClosureRequested).SetProperty(x => x.Outcome, outcome)
                .SetProperty(x => x.ClosureNoteProtected, protectedNote).SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1));
        if (changed == 0) { errors[""] = Tr.Get(AlreadyDone); return errors; }
        await LogAsync(c.Id, sight.UserName, "Chiusura chiesta al supervisore.");
        await NotifyAsync(NotificationKinds.SupportApprovalWaiting, c, await SupervisorsAsync(c), () => (Tr.Get("Chiusura da approvare — percorso {0}", Reference(c.Id)),
            Tr.Get("{0} chiede di chiudere il percorso {1}.", sight.UserName, Reference(c.Id))));
        return errors;
    }

    public async Task<Dictionary<string, string>> DecideClosureAsync(CaseSight sight, bool approve, string? comment)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.IsSupervisor) { errors[""] = Tr.Get("Solo il supervisore approva la chiusura."); return errors; }
        var clean = Text.Clean(comment);
        if (!approve && clean is null) errors["Comment"] = Tr.Get("Scrivete perché il percorso resta aperto.");
        if (clean is { Length: > 2000 }) errors["Comment"] = Tr.Get("Il commento può avere al massimo 2.000 caratteri.");
        if (errors.Count > 0) return errors;
        var c = sight.Case;
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = approve
            ? await db.SupportCases.Where(x => x.Id == c.Id && x.Status == CaseStatus.ClosureRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CaseStatus.Closed).SetProperty(x => x.ClosedAt, now).SetProperty(x => x.ClosureComment, clean)
                    .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1))
            : await db.SupportCases.Where(x => x.Id == c.Id && x.Status == CaseStatus.ClosureRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CaseStatus.Open).SetProperty(x => x.ClosureComment, clean)
                    .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1));
        if (changed == 0) { errors[""] = Tr.Get(AlreadyDone); return errors; }
        await LogAsync(c.Id, sight.UserName, approve ? "Chiusura approvata: percorso chiuso." : "Chiusura non approvata: il percorso resta aperto.");
        audit.Add(approve ? "support.case.closed" : "support.closure.rejected", "SupportCase", c.Id, null, c.NetworkId);
        await db.SaveChangesAsync();
        await NotifyAsync(NotificationKinds.SupportDecision, c, await OperatorsAsync(c.Id), () => approve
            ? (Tr.Get("Percorso chiuso — {0}", Reference(c.Id)), Tr.Get("Il supervisore ha approvato la chiusura del percorso {0}.", Reference(c.Id)))
            : (Tr.Get("Chiusura non approvata — percorso {0}", Reference(c.Id)), Tr.Get("Il supervisore non ha approvato la chiusura del percorso {0}: il commento è nella pagina del percorso.", Reference(c.Id))));
        return errors;
    }

    /// <summary>Reopens a closed path (by the supervisor or an operator of the team); the history stays.</summary>
    public async Task<string?> ReopenAsync(CaseSight sight)
    {
        if (sight.View == CaseView.Volunteer || sight.Case.AnonymisedAt is not null) return Tr.Get("Il percorso non si può riaprire.");
        var c = sight.Case;
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.SupportCases.Where(x => x.Id == c.Id && x.Status == CaseStatus.Closed && x.AnonymisedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CaseStatus.Open).SetProperty(x => x.ClosedAt, (DateTime?)null)
                .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1));
        if (changed == 0) return Tr.Get(AlreadyDone);
        await LogAsync(c.Id, sight.UserName, "Percorso riaperto (la storia precedente resta).");
        return null;
    }
}
