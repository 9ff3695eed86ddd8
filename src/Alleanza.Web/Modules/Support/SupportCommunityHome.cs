using Alleanza.Web.Modules.Support.Training;
using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>«La mia area» for a volunteer: assignments, the next sessions of their labs, the hours logged and their state.</summary>
public sealed class VolunteerHome(AppDbContext db, VolunteerAdministration volunteers, VolunteerHoursLog hours, TimeProvider clock) : IHomeSectionSource
{
    public sealed record NextSession(Guid LabId, string Lab, DateTime StartsAt, string Theme);
    public sealed record View(IReadOnlyList<VolunteerAdministration.AssignmentRow> Assignments, IReadOnlyList<NextSession> Sessions,
        VolunteerHoursLog.Totals Totals, IReadOnlyList<VolunteerHoursLog.Line> Recent, bool InRegistry);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.Volunteer)) return null;
        var today = RomeTime.Today(clock);
        var assignments = (await volunteers.AssignmentsAsync(viewer.NetworkId, viewer.UserId)).Where(a => a.EndsOn is null || a.EndsOn >= today).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.LabSessions.AsNoTracking()
            .Where(s => s.NetworkId == viewer.NetworkId && s.StartsAt > now && db.LabFacilitators.Any(f => f.LabId == s.LabId && f.UserId == viewer.UserId))
            .OrderBy(s => s.StartsAt).Take(5)
            .Select(s => new NextSession(s.LabId, db.CommunityLabs.Where(l => l.Id == s.LabId).Select(l => l.Name).First(), s.StartsAt, s.Theme)).ToListAsync(cancel);
        var totals = await hours.TotalsAsync(viewer.NetworkId, viewer.UserId);
        var recent = (await hours.MineAsync(viewer.UserId, 1)).Items.Take(5).ToList();
        var inRegistry = await db.VolunteerProfiles.AnyAsync(v => v.NetworkId == viewer.NetworkId && v.UserId == viewer.UserId, cancel);
        return new HomeSection(12, "Il mio volontariato", "~/Modules/Support/Volunteers/Pages/Home/_Volunteer.cshtml", new View(assignments, sessions, totals, recent, inRegistry));
    }
}

/// <summary>«La mia area» for a volunteers' referent (partner staff, coordinator): hours waiting for approval, checks expiring.</summary>
public sealed class ReferentHome(VolunteerHoursLog hours, VolunteerAdministration volunteers) : IHomeSectionSource
{
    public sealed record View(int WaitingHours, int Expiring, int Expired, int Missing);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.IsAdministrator && !viewer.Has(NetworkRole.Coordinator) && !viewer.Has(NetworkRole.PartnerStaff)) return null;
        var waiting = await hours.WaitingCountAsync();
        var expiring = (await volunteers.ListAsync(null, ClearanceState.Expiring, 1)).Total;
        var expired = (await volunteers.ListAsync(null, ClearanceState.Expired, 1)).Total;
        var missing = (await volunteers.ListAsync(null, ClearanceState.Missing, 1)).Total;
        var all = (await volunteers.ListAsync(null, null, 1)).Total;
        if (all == 0 && waiting == 0) return null; // no volunteers to look after
        return new HomeSection(14, "Volontari", "~/Modules/Support/Volunteers/Pages/Home/_Referent.cshtml", new View(waiting, expiring, expired, missing), waiting + expiring + expired);
    }
}

/// <summary>«La mia area» for operators and volunteers: the courses they attend, their hours and certificates.</summary>
public sealed class TrainingHome(Courses courses) : IHomeSectionSource
{
    public sealed record View(IReadOnlyList<Courses.CourseRow> Courses);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.SocialOperator) && !viewer.Has(NetworkRole.Volunteer)) return null;
        var mine = (await courses.ListAsync()).Where(c => c.Mine is not null).ToList();
        return new HomeSection(13, "La mia formazione", "~/Modules/Support/Training/Pages/Home/_Training.cshtml", new View(mine));
    }
}

/// <summary>«La mia area» for who runs community labs (facilitators, the running partner's staff): their labs and next sessions.</summary>
public sealed class LabsHome(AppDbContext db, TimeProvider clock) : IHomeSectionSource
{
    public sealed record LabLine(Guid Id, string Name, DateTime? Next, string? NextTheme);
    public sealed record View(IReadOnlyList<LabLine> Labs);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        if (!viewer.Has(NetworkRole.SocialOperator) && !viewer.Has(NetworkRole.PartnerStaff)) return null;
        var partners = viewer.PartnersAs(NetworkRole.PartnerStaff);
        var now = clock.GetUtcNow().UtcDateTime;
        var labs = await db.CommunityLabs.AsNoTracking()
            .Where(l => l.NetworkId == viewer.NetworkId && l.ClosedAt == null && (partners.Contains(l.PartnerId) || db.LabFacilitators.Any(f => f.LabId == l.Id && f.UserId == viewer.UserId)))
            .OrderBy(l => l.Name).Take(10)
            .Select(l => new LabLine(l.Id, l.Name,
                db.LabSessions.Where(s => s.LabId == l.Id && s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => (DateTime?)s.StartsAt).FirstOrDefault(),
                db.LabSessions.Where(s => s.LabId == l.Id && s.StartsAt > now).OrderBy(s => s.StartsAt).Select(s => s.Theme).FirstOrDefault()))
            .ToListAsync(cancel);
        return labs.Count == 0 ? null : new HomeSection(11, "I miei laboratori di comunità", "~/Modules/Support/Labs/Pages/Home/_Labs.cshtml", new View(labs));
    }
}
