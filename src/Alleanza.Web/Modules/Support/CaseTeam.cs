using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>The path's team: operators of the organisation and volunteers.</summary>
public sealed class CaseTeam(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Puts a volunteer on a path's team (the one place where that happens; true when added, false when already there).
    /// </summary>
    public static async Task<bool> AssignVolunteerToCaseAsync(AppDbContext db, Guid caseId, Guid volunteerUserId, DateTime now)
    {
        // At merge: refuse when !await VolunteerRegistry.MayWorkWithChildrenAsync(networkId, volunteerUserId) and the household has children.
        if (await db.CaseMembers.AnyAsync(m => m.CaseId == caseId && m.UserId == volunteerUserId)) return false;
        db.CaseMembers.Add(new CaseMember { CaseId = caseId, UserId = volunteerUserId, Role = CaseMemberRole.Volunteer, AddedAt = now });
        return true;
    }

    public sealed record Member(Guid UserId, string Name, CaseMemberRole Role);

    public Task<List<Member>> MembersAsync(Guid caseId, CancellationToken cancel = default) =>
        db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.DisplayName, m.Role })
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName).Select(m => new Member(m.UserId, m.DisplayName, m.Role)).ToListAsync(cancel);

    /// <summary>Adds an operator or a volunteer of the path's organisation; returns the problem in words, or null.</summary>
    public async Task<string?> AddAsync(CaseSight sight, Guid? userId)
    {
        if (!sight.CanWork) return "Il percorso è chiuso: riapritelo per cambiare la squadra.";
        var c = sight.Case;
        var role = userId is null ? null : await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.NetworkId == c.NetworkId && m.PartnerId == c.PartnerId && (m.Role == NetworkRole.SocialOperator || m.Role == NetworkRole.Volunteer))
            .OrderBy(m => m.Role).Select(m => (NetworkRole?)m.Role).FirstOrDefaultAsync();
        if (role is null) return "Scegliete un operatore o un volontario del vostro ente.";
        var now = clock.GetUtcNow().UtcDateTime;
        bool added;
        if (role == NetworkRole.Volunteer) added = await AssignVolunteerToCaseAsync(db, c.Id, userId!.Value, now);
        else
        {
            added = !await db.CaseMembers.AnyAsync(m => m.CaseId == c.Id && m.UserId == userId);
            if (added) db.CaseMembers.Add(new CaseMember { CaseId = c.Id, UserId = userId!.Value, Role = CaseMemberRole.Operator, AddedAt = now });
        }
        if (!added) return "Questa persona è già nella squadra.";
        return await db.TrySaveAsync() ? null : "Questa persona è già nella squadra.";
    }
}
