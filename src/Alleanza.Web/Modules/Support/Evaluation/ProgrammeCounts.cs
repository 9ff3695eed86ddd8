using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Evaluation;

/// <summary>
/// The programme's targets counted from the live data, for a network, optionally one Comune, and a period
/// [<c>start</c>, <c>end</c>) in UTC (days: the Italian days of the period). The Piano Family's bound indicators and the
/// evaluation read them here, so a target means the same thing everywhere.
/// <list type="bullet">
/// <item>Families accompanied: support paths opened in the period (in the Comune of the household).</item>
/// <item>Labs active: community labs with at least one session in the period (located in the Comune).</item>
/// <item>Operators / volunteers trained: people who completed a course (the network's completion rule) with a session
/// of the period; volunteers are the people in the volunteer registry, operators everyone else. Courses belong to the
/// network, not to a Comune: for a Comune, nobody is counted.</item>
/// <item>Volunteer hours approved: whole hours of approved logs dated in the period (for a Comune: at its labs).</item>
/// </list>
/// </summary>
public sealed class ProgrammeCounts(AppDbContext db)
{
    public Task<long> FamiliesAccompaniedAsync(Guid networkId, Guid? comuneId, DateTime start, DateTime end, CancellationToken cancel = default)
    {
        var q = db.SupportCases.AsNoTracking().Where(c => c.NetworkId == networkId && c.OpenedAt >= start && c.OpenedAt < end);
        if (comuneId is Guid comune) q = q.Where(c => c.ComuneId == comune);
        return q.LongCountAsync(cancel);
    }

    public Task<long> LabsActiveAsync(Guid networkId, Guid? comuneId, DateTime start, DateTime end, CancellationToken cancel = default)
    {
        var labs = db.CommunityLabs.AsNoTracking().Where(l => l.NetworkId == networkId);
        if (comuneId is Guid comune) labs = labs.Where(l => l.ComuneId == comune);
        return labs.Where(l => db.LabSessions.Any(s => s.LabId == l.Id && s.StartsAt >= start && s.StartsAt < end)).LongCountAsync(cancel);
    }

    public async Task<long> VolunteerHoursApprovedAsync(Guid networkId, Guid? comuneId, DateOnly from, DateOnly to, CancellationToken cancel = default)
    {
        var q = db.VolunteerHours.AsNoTracking().Where(h => h.NetworkId == networkId && h.Status == HoursStatus.Approved && h.Date >= from && h.Date <= to);
        if (comuneId is Guid comune) q = q.Where(h => h.LabId != null && db.CommunityLabs.Any(l => l.Id == h.LabId && l.ComuneId == comune));
        var minutes = await q.SumAsync(h => (long?)h.Minutes, cancel) ?? 0;
        return minutes / 60;
    }

    /// <summary>
    /// The moment each person completed their first course: the start of the session at which the hours they attended
    /// reached the required share of the course's hours. Everyone who completed a course, operators and volunteers.
    /// </summary>
    public async Task<List<Completion>> CompletionsAsync(Guid networkId, CancellationToken cancel = default)
    {
        var percent = await db.CommunitySettings.AsNoTracking().Where(s => s.NetworkId == networkId).Select(s => (int?)s.CompletionPercent).FirstOrDefaultAsync(cancel) ?? 75;
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.NetworkId == networkId)
            .Select(s => new { s.Id, s.CourseId, s.StartsAt, s.EndsAt }).ToListAsync(cancel);
        var totals = sessions.GroupBy(s => s.CourseId).ToDictionary(g => g.Key, g => g.Sum(s => (s.EndsAt - s.StartsAt).TotalHours));
        var byId = sessions.ToDictionary(s => s.Id);
        var attendances = await db.TrainingAttendances.AsNoTracking().Where(a => db.TrainingSessions.Any(s => s.Id == a.SessionId && s.NetworkId == networkId))
            .Select(a => new { a.SessionId, a.UserId }).ToListAsync(cancel);
        var volunteers = (await db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == networkId).Select(v => v.UserId).ToListAsync(cancel)).ToHashSet();
        var first = new Dictionary<Guid, DateTime>();
        foreach (var group in attendances.Select(a => byId[a.SessionId] is var s ? (a.UserId, s.CourseId, s.StartsAt, Hours: (s.EndsAt - s.StartsAt).TotalHours) : default)
                     .GroupBy(a => (a.UserId, a.CourseId)))
        {
            var total = totals[group.Key.CourseId];
            if (total <= 0) continue;
            var attended = 0.0;
            foreach (var a in group.OrderBy(a => a.StartsAt))
            {
                attended += a.Hours;
                if (attended * 100 < percent * total - 1e-9) continue;
                if (!first.TryGetValue(a.UserId, out var at) || a.StartsAt < at) first[a.UserId] = a.StartsAt;
                break;
            }
        }
        return first.Select(p => new Completion(p.Key, p.Value, volunteers.Contains(p.Key))).ToList();
    }

    public sealed record Completion(Guid UserId, DateTime At, bool IsVolunteer);

    public async Task<long> TrainedAsync(Guid networkId, Guid? comuneId, bool volunteers, DateTime start, DateTime end, CancellationToken cancel = default)
    {
        if (comuneId is not null) return 0;
        return (await CompletionsAsync(networkId, cancel)).LongCount(c => c.IsVolunteer == volunteers && c.At >= start && c.At < end);
    }
}
