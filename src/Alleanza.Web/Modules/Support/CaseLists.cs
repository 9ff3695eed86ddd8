using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>Lists of paths: an operator's caseload, a supervisor's organisation, a volunteer's assignments, the coordinator's
/// anonymous counts and the family's own view.</summary>
public sealed class CaseLists(AppDbContext db, Households households, TimeProvider clock)
{
    public const int PageSize = 25;
    /// <summary>Counts below this are shown as "meno di 5" in the coordinator's aggregates.</summary>
    public const int SmallCell = 5;

    public sealed record Line(Guid Id, string Reference, string Family, CaseStatus Status, PlanStatus Plan, DateTime OpenedAt, DateTime? NextAppointment, int Overdue);

    /// <summary>
    /// The ids of the paths the person works on (as operator only, or in any role) and of the organisations they supervise.
    /// Read first from the person's own rows (team memberships by user, cases by organisation), so the lists and the home
    /// do not test every path of the network for membership: at Pavia ×10 that took most of the operator's home.
    /// </summary>
    async Task<List<Guid>> CaseIdsAsync(Guid networkId, Guid userId, IReadOnlyCollection<Guid> supervisedPartners, bool includeClosed, bool asOperatorOnly, CancellationToken cancel)
    {
        var asMember = await db.CaseMembers.AsNoTracking().Where(m => m.UserId == userId && (!asOperatorOnly || m.Role == CaseMemberRole.Operator))
            .Join(db.SupportCases.Where(c => c.NetworkId == networkId && c.AnonymisedAt == null && (includeClosed || c.Status != CaseStatus.Closed)), m => m.CaseId, c => c.Id, (m, c) => c.Id)
            .ToListAsync(cancel);
        if (supervisedPartners.Count == 0) return asMember;
        var supervised = await db.SupportCases.AsNoTracking().Where(c => supervisedPartners.Contains(c.PartnerId) && c.NetworkId == networkId && c.AnonymisedAt == null
            && (includeClosed || c.Status != CaseStatus.Closed)).Select(c => c.Id).ToListAsync(cancel);
        return asMember.Union(supervised).ToList();
    }

    /// <summary>
    /// What the operator's or supervisor's home shows: how many open paths the person works on or supervises, and the
    /// objectives and follow-ups past their date in those they work on as operator or supervise (at most 20, oldest first).
    /// Three queries (four for a supervisor): the person's open paths with their role in one, the overdue count and the
    /// 20 oldest over objectives and follow-ups together (UNION ALL) in the other two. It was six, with the path ids read twice.
    /// </summary>
    public async Task<(int Open, int OverdueCount, List<OverdueItem> Items)> HomeAsync(Guid networkId, Guid userId, IReadOnlyCollection<Guid> supervisedPartners, CancellationToken cancel = default)
    {
        var today = RomeTime.Today(clock);
        var mine = await db.CaseMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.SupportCases.Where(c => c.NetworkId == networkId && c.AnonymisedAt == null && c.Status != CaseStatus.Closed), m => m.CaseId, c => c.Id, (m, c) => new { c.Id, m.Role })
            .ToListAsync(cancel);
        var open = mine.Select(m => m.Id).ToHashSet();
        var worked = mine.Where(m => m.Role == CaseMemberRole.Operator).Select(m => m.Id).ToHashSet();
        if (supervisedPartners.Count > 0)
        {
            var supervised = await db.SupportCases.AsNoTracking().Where(c => supervisedPartners.Contains(c.PartnerId) && c.NetworkId == networkId && c.AnonymisedAt == null
                && c.Status != CaseStatus.Closed).Select(c => c.Id).ToListAsync(cancel);
            open.UnionWith(supervised);
            worked.UnionWith(supervised);
        }
        if (worked.Count == 0) return (open.Count, 0, []);
        var cases = worked.ToList();
        var overdue = db.CaseObjectives.AsNoTracking().Where(o => cases.Contains(o.CaseId) && o.AchievedAt == null && o.DueDate < today)
            .Select(o => new { o.CaseId, Objective = true, o.Title, Due = o.DueDate })
            .Concat(db.CaseFollowUps.AsNoTracking().Where(f => cases.Contains(f.CaseId) && f.DoneAt == null && f.DueDate < today)
                .Select(f => new { f.CaseId, Objective = false, f.Title, Due = f.DueDate }));
        var count = await overdue.CountAsync(cancel);
        var items = count == 0 ? [] : (await overdue.OrderBy(i => i.Due).ThenBy(i => i.Title).Take(20).ToListAsync(cancel))
            .Select(i => new OverdueItem(i.CaseId, CaseApprovals.Reference(i.CaseId), (i.Objective ? Tr.Get("Obiettivo: {0}", i.Title) : Tr.Get("Attività: {0}", i.Title)), i.Due)).ToList();
        return (open.Count, count, items);
    }

    /// <summary>Open (or all) paths the person works on (<paramref name="supervisedPartners"/> empty) or of the organisations they supervise.</summary>
    public async Task<Paged<Line>> ListAsync(Guid networkId, Guid userId, IReadOnlyCollection<Guid> supervisedPartners, bool includeClosed, int page, CancellationToken cancel = default)
    {
        var today = RomeTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await CaseIdsAsync(networkId, userId, supervisedPartners, includeClosed, asOperatorOnly: false, cancel);
        var query = db.SupportCases.AsNoTracking().Where(c => ids.Contains(c.Id));
        var total = ids.Count;
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / (double)PageSize)));
        var rows = await query.OrderBy(c => c.Status).ThenByDescending(c => c.OpenedAt).PageOf(page, PageSize)
            .Select(c => new
            {
                c.Id, c.HouseholdId, c.Status, c.PlanStatus, c.OpenedAt,
                Next = db.CaseSessions.Where(s => s.CaseId == c.Id && s.StartsAt > now).Min(s => (DateTime?)s.StartsAt),
                Overdue = db.CaseObjectives.Count(o => o.CaseId == c.Id && o.AchievedAt == null && o.DueDate < today)
                    + db.CaseFollowUps.Count(f => f.CaseId == c.Id && f.DoneAt == null && f.DueDate < today),
            }).ToListAsync(cancel);
        var names = await households.NamesAsync(networkId, rows.Where(r => r.HouseholdId != null).Select(r => r.HouseholdId!.Value).ToList(), cancel);
        return new Paged<Line>(rows.Select(r => new Line(r.Id, CaseApprovals.Reference(r.Id), r.HouseholdId is Guid h ? names.GetValueOrDefault(h, Tr.Get("Nucleo")) : Tr.Get("Nucleo anonimizzato"),
            r.Status, r.PlanStatus, r.OpenedAt, r.Next, r.Overdue)).ToList(), total, page, PageSize);
    }

    public sealed record OverdueItem(Guid CaseId, string Reference, string What, DateOnly Due);

    /// <summary>Paths of the supervised organisations waiting for a decision.</summary>
    public Task<int> WaitingApprovalAsync(Guid networkId, IReadOnlyCollection<Guid> supervisedPartners, CancellationToken cancel = default) =>
        db.SupportCases.AsNoTracking().CountAsync(c => c.NetworkId == networkId && supervisedPartners.Contains(c.PartnerId)
            && (c.PlanStatus == PlanStatus.Requested || c.Status == CaseStatus.ClosureRequested), cancel);

    public sealed record Appointment(Guid CaseId, string Reference, DateTime StartsAt, InterventionKind Kind, string Place);
    public sealed record Task_(Guid CaseId, string Reference, Guid Id, string Title, DateOnly Due);

    /// <summary>A volunteer's next appointments and open follow-ups in the paths they are assigned to.</summary>
    public async Task<(List<Appointment> Appointments, List<Task_> Tasks)> VolunteerWorkAsync(Guid networkId, Guid userId, CancellationToken cancel = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.SupportCases.Where(c => c.NetworkId == networkId && c.Status != CaseStatus.Closed && db.CaseMembers.Any(m => m.CaseId == c.Id && m.UserId == userId && m.Role == CaseMemberRole.Volunteer));
        var appointments = await db.CaseSessions.AsNoTracking().Where(s => s.StartsAt > now && mine.Any(c => c.Id == s.CaseId)).OrderBy(s => s.StartsAt).Take(10)
            .Select(s => new { s.CaseId, s.StartsAt, s.Kind, s.Place }).ToListAsync(cancel);
        var tasks = await db.CaseFollowUps.AsNoTracking().Where(f => f.DoneAt == null && f.AssignedUserId == userId && mine.Any(c => c.Id == f.CaseId)).OrderBy(f => f.DueDate).Take(10)
            .Select(f => new { f.CaseId, f.Id, f.Title, f.DueDate }).ToListAsync(cancel);
        return (appointments.Select(a => new Appointment(a.CaseId, CaseApprovals.Reference(a.CaseId), a.StartsAt, a.Kind, a.Place)).ToList(),
            tasks.Select(t => new Task_(t.CaseId, CaseApprovals.Reference(t.CaseId), t.Id, t.Title, t.DueDate)).ToList());
    }

    public sealed record Count(string Label, int Value)
    {
        public string Shown => Value == 0 ? "0" : Value < SmallCell ? Tr.Get("meno di {0}", SmallCell) : Value.ToString("N0", RomeTime.Culture);
    }

    public sealed record Summary(int Total, List<Count> ByStatus, List<Count> ByPlan, List<Count> BySource, List<Count> ByComune);

    /// <summary>The coordinator's view: counts only, never a family; small counts are not shown exactly.</summary>
    public async Task<Summary> SummaryAsync(Guid networkId, CancellationToken cancel = default)
    {
        var cases = db.SupportCases.AsNoTracking().Where(c => c.NetworkId == networkId);
        var byStatus = await cases.GroupBy(c => c.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync(cancel);
        var byPlan = await cases.Where(c => c.Status != CaseStatus.Closed).GroupBy(c => c.PlanStatus).Select(g => new { g.Key, N = g.Count() }).ToListAsync(cancel);
        var bySource = await cases.GroupBy(c => c.ReferralSource).Select(g => new { g.Key, N = g.Count() }).ToListAsync(cancel);
        var byComune = await cases.GroupBy(c => c.ComuneId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(cancel);
        var comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).ToDictionaryAsync(c => c.Id, c => c.Name, cancel);
        return new Summary(byStatus.Sum(s => s.N),
            Enum.GetValues<CaseStatus>().Select(s => new Count(SupportLabels.Of(s), byStatus.FirstOrDefault(x => x.Key == s)?.N ?? 0)).ToList(),
            Enum.GetValues<PlanStatus>().Select(s => new Count(SupportLabels.Of(s), byPlan.FirstOrDefault(x => x.Key == s)?.N ?? 0)).ToList(),
            Enum.GetValues<ReferralSource>().Select(s => new Count(SupportLabels.Of(s), bySource.FirstOrDefault(x => x.Key == s)?.N ?? 0)).ToList(),
            byComune.Select(x => new Count(comuni.GetValueOrDefault(x.Key, "—"), x.N)).OrderBy(c => c.Label).ToList());
    }

    /// <summary>Which of these households are followed in a path (open, closed or not yet anonymised): their record belongs to
    /// the organisation's social service too, so a family deleting its account detaches from it instead of erasing it.</summary>
    public async Task<HashSet<Guid>> HouseholdsInPathsAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancel = default) =>
        (await db.SupportCases.AsNoTracking().Where(c => c.HouseholdId != null && householdIds.Contains(c.HouseholdId.Value) && c.AnonymisedAt == null)
            .Select(c => c.HouseholdId!.Value).Distinct().ToListAsync(cancel)).ToHashSet();

    public sealed record FamilyPath(Guid Id, CaseStatus Status, List<string> Operators, List<(string Title, DateOnly Due, bool Achieved)> Objectives,
        List<(DateTime StartsAt, InterventionKind Kind, string Place)> Appointments, List<(string Name, string Role, DateTime At)> Reads);

    /// <summary>
    /// What the family sees of its own paths: the operators, the objectives in plain words, the next appointments, and who
    /// read the path (never notes, needs, scores).
    /// </summary>
    public async Task<List<FamilyPath>> ForFamilyAsync(Guid networkId, Guid userId, CancellationToken cancel = default)
    {
        if (await households.IdOfAsync(networkId, userId, cancel) is not Guid household) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = await db.SupportCases.AsNoTracking().Where(c => c.NetworkId == networkId && c.HouseholdId == household).OrderByDescending(c => c.OpenedAt)
            .Select(c => new { c.Id, c.Status }).ToListAsync(cancel);
        var result = new List<FamilyPath>();
        foreach (var c in cases)
        {
            var operators = await db.CaseMembers.AsNoTracking().Where(m => m.CaseId == c.Id && m.Role == CaseMemberRole.Operator)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.DisplayName).OrderBy(n => n).ToListAsync(cancel);
            var objectives = await db.CaseObjectives.AsNoTracking().Where(o => o.CaseId == c.Id).OrderBy(o => o.DueDate)
                .Select(o => new { o.Title, o.DueDate, Achieved = o.AchievedAt != null }).ToListAsync(cancel);
            var appointments = await db.CaseSessions.AsNoTracking().Where(s => s.CaseId == c.Id && s.StartsAt > now).OrderBy(s => s.StartsAt).Take(5)
                .Select(s => new { s.StartsAt, s.Kind, s.Place }).ToListAsync(cancel);
            var reads = await db.CaseAccesses.AsNoTracking().Where(a => a.CaseId == c.Id).OrderByDescending(a => a.At).Take(50)
                .Select(a => new { a.UserName, a.Role, a.At }).ToListAsync(cancel);
            result.Add(new FamilyPath(c.Id, c.Status, operators, objectives.Select(o => (o.Title, o.DueDate, o.Achieved)).ToList(),
                appointments.Select(a => (a.StartsAt, a.Kind, a.Place)).ToList(), reads.Select(r => (r.UserName, r.Role, r.At)).ToList()));
        }
        return result;
    }
}
