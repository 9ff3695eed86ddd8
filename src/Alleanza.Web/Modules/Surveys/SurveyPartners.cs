using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// Who builds questionnaires: the network's coordinators (and administrators) every one; a referent of a partner the
/// coordinators allow (<see cref="SurveyPartner"/>) only its own organisation's. Read once per request.
/// </summary>
public sealed class SurveyAccess(AppDbContext db, CurrentAccess access, CurrentNetwork network)
{
    bool? coordinator;
    IReadOnlyList<Guid>? partners;

    public async Task<bool> IsCoordinatorAsync() => coordinator ??= await access.CanManageNetworkAsync();

    /// <summary>The allowed partners of the current network the person is a referent of (empty for coordinators who are not).</summary>
    public async Task<IReadOnlyList<Guid>> PartnersAsync()
    {
        if (partners is not null) return partners;
        if (!network.IsResolved) return partners = [];
        var mine = await access.PartnersHereAsync(NetworkRole.PartnerStaff);
        if (mine.Count == 0) return partners = [];
        return partners = await db.SurveyPartners.AsNoTracking().Where(p => p.NetworkId == network.Id && mine.Contains(p.PartnerId)).Select(p => p.PartnerId).ToListAsync();
    }

    public async Task<bool> CanBuildAsync() => await IsCoordinatorAsync() || (await PartnersAsync()).Count > 0;

    /// <summary>
    /// The questionnaire is one the person may build: any of the network for coordinators (the pages' own loading
    /// checks the network), else one of an allowed partner of theirs. Unknown and forbidden are alike (a 404).
    /// </summary>
    public async Task<bool> CanBuildAsync(Guid surveyId)
    {
        if (await IsCoordinatorAsync()) return true;
        var mine = await PartnersAsync();
        if (mine.Count == 0) return false;
        return await db.Surveys.AsNoTracking().AnyAsync(s => s.Id == surveyId && s.NetworkId == network.Id && s.PartnerId != null && mine.Contains(s.PartnerId.Value));
    }
}

/// <summary>Holds for coordinators and administrators, and for referents of a partner allowed to build questionnaires.</summary>
public sealed record SurveyBuilderRequirement : IAuthorizationRequirement;

public sealed class SurveyBuilderHandler(SurveyAccess surveys, CurrentNetwork network) : AuthorizationHandler<SurveyBuilderRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SurveyBuilderRequirement requirement)
    {
        if (network.IsResolved && await surveys.CanBuildAsync()) context.Succeed(requirement);
    }
}

/// <summary>
/// /gestione/questionari/enti: the coordinators allow partner organisations to build questionnaires, or stop allowing
/// them (their questionnaires stay, with the coordinators). The partner's referents are told through the notifications.
/// </summary>
public sealed class SurveyPartners(AppDbContext db, NotificationService notifications, AuditLog audit, TimeProvider clock)
{
    public sealed record Row(Guid PartnerId, string Name, PartnerKind Kind, DateTime AllowedAt, int Surveys, int Referents);

    public Task<List<Row>> AllowedAsync(Guid networkId) =>
        (from a in db.SurveyPartners.AsNoTracking()
         join p in db.Partners on a.PartnerId equals p.Id
         where a.NetworkId == networkId
         orderby p.NameKey
         select new Row(p.Id, p.Name, p.Kind, a.AllowedAt,
             db.Surveys.Count(s => s.NetworkId == networkId && s.PartnerId == p.Id),
             db.Memberships.Count(m => m.NetworkId == networkId && m.PartnerId == p.Id && m.Role == NetworkRole.PartnerStaff))).ToListAsync();

    /// <summary>The network's partners not allowed yet, for the form.</summary>
    public Task<List<(Guid Id, string Name)>> CandidatesAsync(Guid networkId) =>
        db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId && !db.SurveyPartners.Any(a => a.NetworkId == networkId && a.PartnerId == p.Id))
            .OrderBy(p => p.NameKey).Select(p => new ValueTuple<Guid, string>(p.Id, p.Name)).ToListAsync();

    /// <summary>Allows a partner of the network; a twin request finds it done. Answers an error or null.</summary>
    public async Task<string?> AllowAsync(Guid networkId, Guid? partnerId)
    {
        var partner = partnerId is { } id ? await db.Partners.AsNoTracking().Where(p => p.Id == id && p.NetworkId == networkId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync() : null;
        if (partner is null) return Tr.Get("Scegliete un ente partner della rete.");
        if (await db.SurveyPartners.AnyAsync(a => a.NetworkId == networkId && a.PartnerId == partner.Id)) return Tr.Get("L'ente può già preparare questionari: già fatto.");
        db.SurveyPartners.Add(new SurveyPartner { NetworkId = networkId, PartnerId = partner.Id, AllowedAt = clock.GetUtcNow().UtcDateTime });
        audit.Add("surveys.partner.allow", "Partner", partner.Id, partner.Name, networkId);
        if (!await db.TrySaveAsync()) return Tr.Get("L'ente può già preparare questionari: già fatto.");
        var referents = await db.Memberships.AsNoTracking().Where(m => m.NetworkId == networkId && m.PartnerId == partner.Id && m.Role == NetworkRole.PartnerStaff)
            .Select(m => m.UserId).Distinct().ToListAsync();
        if (referents.Count > 0)
            await notifications.NotifyAsync(referents, to => new Notice(NotificationKinds.SurveyPartnerAllowed.Key, networkId, to,
                Tr.Get("{0} può preparare questionari per le famiglie", partner.Name),
                Tr.Get("Il coordinamento della rete ha permesso a {0} di preparare questionari: potete crearli, tradurli, aprirli e leggerne i risultati.", partner.Name),
                "/gestione/questionari") { LinkLabel = Tr.Get("Vai ai questionari") });
        return null;
    }

    /// <summary>Stops allowing a partner: its referents no longer reach its questionnaires, which stay with the coordinators.</summary>
    public async Task<string?> RemoveAsync(Guid networkId, Guid partnerId)
    {
        var name = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId && p.NetworkId == networkId).Select(p => p.Name).FirstOrDefaultAsync();
        var removed = await db.SurveyPartners.Where(a => a.NetworkId == networkId && a.PartnerId == partnerId).ExecuteDeleteAsync();
        if (removed == 0) return Tr.Get("L'ente era già stato tolto.");
        audit.Add("surveys.partner.remove", "Partner", partnerId, name, networkId);
        await db.SaveChangesAsync();
        return null;
    }
}
