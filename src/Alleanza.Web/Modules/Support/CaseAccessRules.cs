using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>How a person sees a path: the team's operators everything (but others' confidential notes), the organisation's
/// supervisor everything, an assigned volunteer only the next appointments and their own follow-ups.</summary>
public enum CaseView { Operator, Volunteer, Supervisor }

/// <summary>A path as one person may see it.</summary>
public sealed record CaseSight(SupportCase Case, CaseView View, Guid UserId, string UserName)
{
    public bool SeesAll => View is CaseView.Operator or CaseView.Supervisor;
    public bool IsSupervisor => View == CaseView.Supervisor;
    public bool CanWork => View == CaseView.Operator && Case.Status != CaseStatus.Closed && Case.AnonymisedAt is null;
    public string RoleLabel => View switch { CaseView.Operator => Tr.Get("Operatore"), CaseView.Supervisor => Tr.Get("Supervisore"), _ => Tr.Get("Volontario") };
    /// <summary>Whether a note is readable: confidential notes only by their author and the supervisor.</summary>
    public bool MayRead(CaseNote note) => SeesAll && (!note.Confidential || IsSupervisor || note.AuthorUserId == UserId);
}

/// <summary>Finds a path for the signed-in person (null — a 404 — when it is another network's, another organisation's or
/// not theirs) and writes the access log of every read.</summary>
public sealed class CaseSights(AppDbContext db, CurrentAccess access, CurrentNetwork network, CaseAccessWriter writer, TimeProvider clock)
{
    public async Task<CaseSight?> ForAsync(Guid caseId, CancellationToken cancel = default)
    {
        if (!network.IsResolved || access.UserId is not { } userId) return null;
        var found = await db.SupportCases.FirstOrDefaultAsync(c => c.Id == caseId && c.NetworkId == network.Id, cancel);
        if (found is null) return null;
        var roles = await access.RolesHereAsync();
        var member = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == caseId && m.UserId == userId).Select(m => (CaseMemberRole?)m.Role).FirstOrDefaultAsync(cancel);
        CaseView? view = null;
        if (roles.Any(r => r.Role == NetworkRole.SupportSupervisor && r.PartnerId == found.PartnerId)) view = CaseView.Supervisor;
        else if (member == CaseMemberRole.Operator && roles.Any(r => r.Role == NetworkRole.SocialOperator && r.PartnerId == found.PartnerId)) view = CaseView.Operator;
        else if (member == CaseMemberRole.Volunteer && roles.Any(r => r.Role == NetworkRole.Volunteer)) view = CaseView.Volunteer;
        if (view is null) return null;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancel) ?? "";
        return new CaseSight(found, view.Value, userId, name);
    }

    /// <summary>Writes one row of the access log: who read which sections of the path, now (committed when this returns;
    /// the rows of concurrent reads share one commit, see <see cref="CaseAccessWriter"/>).</summary>
    public Task RecordAsync(CaseSight sight, string sections, CancellationToken cancel = default) =>
        writer.WriteAsync(new CaseAccess
        {
            CaseId = sight.Case.Id, NetworkId = sight.Case.NetworkId, UserId = sight.UserId, UserName = sight.UserName,
            Role = sight.RoleLabel, At = clock.GetUtcNow().UtcDateTime, Sections = sections.Length > 300 ? sections[..300] : sections,
        }, cancel);
}
