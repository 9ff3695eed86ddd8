using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Modules.Support.Volunteers;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>The path's team: operators of the organisation and volunteers.</summary>
public sealed class CaseTeam(AppDbContext db, VolunteerRegistry registry, TimeProvider clock)
{
    /// <summary>
    /// Puts a volunteer on a path's team — the one place where that happens. Paths are for families with children, so
    /// a volunteer without a valid criminal-record check (art. 25-bis DPR 313/2002, the registry's rule) is refused.
    /// Returns the problem in words, or null when added.
    /// </summary>
    public static async Task<string?> AssignVolunteerToCaseAsync(AppDbContext db, VolunteerRegistry registry, Guid networkId, Guid caseId, Guid volunteerUserId, DateTime now)
    {
        if (!await registry.MayWorkWithChildrenAsync(networkId, volunteerUserId)) return Tr.Get(ClearanceMissing);
        if (await db.CaseMembers.AnyAsync(m => m.CaseId == caseId && m.UserId == volunteerUserId)) return Tr.Get("Questa persona è già nella squadra.");
        db.CaseMembers.Add(new CaseMember { CaseId = caseId, UserId = volunteerUserId, Role = CaseMemberRole.Volunteer, AddedAt = now });
        return null;
    }

    public const string ClearanceMissing =
        "Questo volontario non ha un certificato del casellario giudiziale valido nel registro dei volontari: non può lavorare con bambini e ragazzi.";

    public sealed record Member(Guid UserId, string Name, CaseMemberRole Role);

    public Task<List<Member>> MembersAsync(Guid caseId, CancellationToken cancel = default) =>
        db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.DisplayName, m.Role })
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName).Select(m => new Member(m.UserId, m.DisplayName, m.Role)).ToListAsync(cancel);

    /// <summary>Adds an operator or a volunteer of the path's organisation; returns the problem in words, or null.</summary>
    public async Task<string?> AddAsync(CaseSight sight, Guid? userId)
    {
        if (!sight.CanWork) return Tr.Get("Il percorso è chiuso: riapritelo per cambiare la squadra.");
        var c = sight.Case;
        var role = userId is null ? null : await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.NetworkId == c.NetworkId && m.PartnerId == c.PartnerId && (m.Role == NetworkRole.SocialOperator || m.Role == NetworkRole.Volunteer))
            .OrderBy(m => m.Role).Select(m => (NetworkRole?)m.Role).FirstOrDefaultAsync();
        if (role is null) return Tr.Get("Scegliete un operatore o un volontario del vostro ente.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (role == NetworkRole.Volunteer)
        {
            if (await AssignVolunteerToCaseAsync(db, registry, c.NetworkId, c.Id, userId!.Value, now) is { } problem) return problem;
        }
        else
        {
            if (await db.CaseMembers.AnyAsync(m => m.CaseId == c.Id && m.UserId == userId)) return Tr.Get("Questa persona è già nella squadra.");
            db.CaseMembers.Add(new CaseMember { CaseId = c.Id, UserId = userId!.Value, Role = CaseMemberRole.Operator, AddedAt = now });
        }
        return await db.TrySaveAsync() ? null : Tr.Get("Questa persona è già nella squadra.");
    }
}
