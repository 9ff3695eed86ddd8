using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// Referrals of a family to another partner of the network. The family's consent to share with that partner must be on
/// record (the operator records it); the supervisor may send without it, giving a reason that goes to the audit log. The
/// receiving organisation's operators and supervisor accept or reject, then mark it done; the sender may revoke it.
/// Each step is a conditional update on the state it starts from.
/// </summary>
public sealed class CaseReferrals(AppDbContext db, CaseText text, TimeProvider clock, AuditLog audit, CurrentAccess access)
{
    public async Task<string?> RecordConsentAsync(CaseSight sight, Guid? partnerId, bool given, string noticeVersion)
    {
        if (!sight.CanWork) return Tr.Get("Il percorso è chiuso.");
        if (partnerId is not Guid p || p == sight.Case.PartnerId || !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == sight.Case.NetworkId))
            return Tr.Get("Scegliete un altro ente della rete.");
        if (!given) return Tr.Get("Confermate che la famiglia ha dato il consenso, dopo aver letto l'informativa.");
        if (await db.ShareConsents.AnyAsync(c => c.CaseId == sight.Case.Id && c.PartnerId == p)) return Tr.Get("Il consenso per questo ente è già registrato.");
        db.ShareConsents.Add(new ShareConsent { CaseId = sight.Case.Id, PartnerId = p, GivenAt = clock.GetUtcNow().UtcDateTime, NoticeVersion = noticeVersion, RecordedByUserId = sight.UserId, RecordedByName = sight.UserName });
        return await db.TrySaveAsync() ? null : Tr.Get("Il consenso per questo ente è già registrato.");
    }

    /// <summary>Requests a referral. Returns field errors ("ToPartnerId", "Reason", "OverrideReason").</summary>
    public async Task<Dictionary<string, string>> RequestAsync(CaseSight sight, Guid? partnerId, string? reason, string? overrideReason)
    {
        var errors = new Dictionary<string, string>();
        if (sight.Case.Status == CaseStatus.Closed || sight.View == CaseView.Volunteer) { errors[""] = Tr.Get("Il percorso è chiuso."); return errors; }
        var c = sight.Case;
        if (partnerId is not Guid p || p == c.PartnerId || !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == c.NetworkId))
            errors["ToPartnerId"] = Tr.Get("Scegliete un altro ente della rete.");
        var clean = Text.Clean(reason);
        if (clean is null) errors["Reason"] = Tr.Get("Scrivete perché inviate la famiglia.");
        else if (clean.Length > 2000) errors["Reason"] = Tr.Get("Al massimo 2.000 caratteri.");
        var why = Text.Clean(overrideReason);
        if (why is { Length: > 1000 }) errors["OverrideReason"] = Tr.Get("Al massimo 1.000 caratteri.");
        if (errors.Count > 0) return errors;
        var consent = await db.ShareConsents.AnyAsync(x => x.CaseId == c.Id && x.PartnerId == partnerId);
        if (!consent)
        {
            if (!sight.IsSupervisor) { errors["ToPartnerId"] = Tr.Get("Manca il consenso della famiglia a condividere il percorso con questo ente: registratelo prima, o chiedete al supervisore."); return errors; }
            if (why is null) { errors["OverrideReason"] = Tr.Get("Senza il consenso della famiglia, scrivete il motivo per cui inviate comunque (resta nel registro)."); return errors; }
        }
        var referral = new CaseReferral
        {
            Id = Guid.NewGuid(), CaseId = c.Id, NetworkId = c.NetworkId, FromPartnerId = c.PartnerId, ToPartnerId = partnerId!.Value, ReasonProtected = text.Protect(clean),
            Status = ReferralStatus.Requested, RequestedAt = clock.GetUtcNow().UtcDateTime, RequestedByName = sight.UserName, OverrideReason = consent ? null : why,
        };
        db.CaseReferrals.Add(referral);
        db.CaseEvents.Add(new CaseEvent { CaseId = c.Id, At = referral.RequestedAt, Who = sight.UserName, What = consent ? "Invio ad altro ente richiesto." : "Invio ad altro ente richiesto dal supervisore senza il consenso, con motivo." });
        if (!consent) audit.Add("support.referral.override", "SupportCase", c.Id, why, c.NetworkId);
        if (!await db.TrySaveAsync()) errors["ToPartnerId"] = Tr.Get("C'è già un invio in corso a questo ente.");
        return errors;
    }

    /// <summary>The sender revokes a referral not yet done.</summary>
    public async Task<string?> RevokeAsync(CaseSight sight, Guid referralId)
    {
        if (sight.View == CaseView.Volunteer) return Tr.Get("Solo l'operatore o il supervisore revocano un invio.");
        var changed = await db.CaseReferrals.Where(r => r.Id == referralId && r.CaseId == sight.Case.Id && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReferralStatus.Revoked).SetProperty(r => r.DecidedAt, clock.GetUtcNow().UtcDateTime));
        return changed == 1 ? null : Tr.Get(CaseApprovals.AlreadyDone);
    }

    public sealed record Received(Guid Id, Guid CaseId, string Reference, string Family, string From, string Reason, ReferralStatus Status, DateTime RequestedAt, string RequestedBy);

    async Task<IReadOnlyList<Guid>> ReceivingPartnersAsync() =>
        (await access.RolesHereAsync()).Where(r => r.PartnerId is not null && r.Role is NetworkRole.SocialOperator or NetworkRole.SupportSupervisor).Select(r => r.PartnerId!.Value).Distinct().ToList();

    /// <summary>Referrals sent to the person's organisations (as operator or supervisor), live ones first.</summary>
    public async Task<List<Received>> ReceivedAsync(Guid networkId, Families.Households households)
    {
        var mine = await ReceivingPartnersAsync();
        var rows = await db.CaseReferrals.AsNoTracking().Where(r => r.NetworkId == networkId && mine.Contains(r.ToPartnerId))
            .OrderBy(r => r.Status).ThenByDescending(r => r.RequestedAt).Take(100)
            .Select(r => new { r, From = db.Partners.Where(p => p.Id == r.FromPartnerId).Select(p => p.Name).FirstOrDefault(), Household = db.SupportCases.Where(c => c.Id == r.CaseId).Select(c => c.HouseholdId).FirstOrDefault() })
            .ToListAsync();
        var names = await households.NamesAsync(networkId, rows.Where(x => x.Household != null).Select(x => x.Household!.Value).Distinct().ToList());
        return rows.Select(x => new Received(x.r.Id, x.r.CaseId, CaseApprovals.Reference(x.r.CaseId), x.Household is Guid h ? names.GetValueOrDefault(h, Tr.Get("Nucleo")) : Tr.Get("Nucleo anonimizzato"),
            x.From ?? "", text.Unprotect(x.r.ReasonProtected) ?? "", x.r.Status, x.r.RequestedAt, x.r.RequestedByName)).ToList();
    }

    /// <summary>The receiving organisation accepts, rejects (from requested) or marks done (from accepted).</summary>
    public async Task<string?> AnswerAsync(Guid networkId, Guid referralId, ReferralStatus to, string? comment, string who)
    {
        var mine = await ReceivingPartnersAsync();
        var from = to switch { ReferralStatus.Accepted or ReferralStatus.Rejected => ReferralStatus.Requested, ReferralStatus.Done => ReferralStatus.Accepted, _ => (ReferralStatus?)null };
        if (from is null) return Tr.Get("Scelta non valida.");
        var clean = Text.Clean(comment);
        if (clean is { Length: > 1000 }) return Tr.Get("Il commento può avere al massimo 1.000 caratteri.");
        if (to == ReferralStatus.Rejected && clean is null) return Tr.Get("Scrivete perché non potete accogliere la famiglia.");
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.CaseReferrals.Where(r => r.Id == referralId && r.NetworkId == networkId && mine.Contains(r.ToPartnerId) && r.Status == from);
        var changed = to == ReferralStatus.Done
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.DoneAt, now))
            : await query.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedByName, who).SetProperty(r => r.DecisionComment, clean));
        return changed == 1 ? null : Tr.Get(CaseApprovals.AlreadyDone);
    }
}
