using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Volunteers;

public enum HoursDecision { Done, AlreadyDecided, NotFound }

/// <summary>Hours of volunteering: the volunteer logs them, the referent approves or rejects them (once: a conditional update).</summary>
public sealed class VolunteerHoursLog(AppDbContext db, CommunityAccess access, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 20;

    public sealed record Line(Guid Id, DateOnly Date, int Minutes, string Activity, string? Lab, HoursStatus Status, string? DecisionNote, string? Volunteer = null, Guid? VolunteerProfileId = null);
    public sealed record Totals(int ApprovedMinutes, int RequestedMinutes);

    public static string Format(int minutes) => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60:00} min";

    /// <summary>The labs a volunteer may log hours at: those they facilitate.</summary>
    public async Task<List<(Guid Id, string Name)>> LabsOfAsync(Guid userId) =>
        (await db.LabFacilitators.AsNoTracking().Where(f => f.UserId == userId)
            .Join(db.CommunityLabs.Where(l => l.NetworkId == access.NetworkId), f => f.LabId, l => l.Id, (f, l) => new { l.Id, l.Name })
            .OrderBy(l => l.Name).ToListAsync()).Select(l => (l.Id, l.Name)).ToList();

    /// <summary>Logs hours for the signed-in volunteer; answers a field error or null.</summary>
    public async Task<(string Field, string Error)?> LogAsync(Guid userId, HoursForm form)
    {
        if (form.LabId is { } lab && !(await LabsOfAsync(userId)).Any(l => l.Id == lab))
            return (nameof(HoursForm.LabId), "Scegli uno dei laboratori in cui sei facilitatore.");
        db.VolunteerHours.Add(new VolunteerHours
        {
            Id = Guid.NewGuid(), NetworkId = access.NetworkId, VolunteerUserId = userId, Date = form.Date!.Value,
            Minutes = (int)Math.Round(form.Hours!.Value * 60m), Activity = form.Activity!.Trim(), LabId = form.LabId,
            Status = HoursStatus.Requested, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return null;
    }

    public async Task<Paged<Line>> MineAsync(Guid userId, int page)
    {
        page = Math.Max(1, page);
        var query = db.VolunteerHours.AsNoTracking().Where(h => h.NetworkId == access.NetworkId && h.VolunteerUserId == userId);
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(h => h.Date).ThenByDescending(h => h.CreatedAt).PageOf(page, PageSize)
            .Select(h => new Line(h.Id, h.Date, h.Minutes, h.Activity, db.CommunityLabs.Where(l => l.Id == h.LabId).Select(l => l.Name).FirstOrDefault(), h.Status, h.DecisionNote, null, null))
            .ToListAsync();
        return new(items, total, page, PageSize);
    }

    public async Task<Totals> TotalsAsync(Guid networkId, Guid userId)
    {
        var sums = await db.VolunteerHours.AsNoTracking().Where(h => h.NetworkId == networkId && h.VolunteerUserId == userId && h.Status != HoursStatus.Rejected)
            .GroupBy(h => h.Status).Select(g => new { g.Key, Minutes = g.Sum(h => h.Minutes) }).ToListAsync();
        return new(sums.Where(s => s.Key == HoursStatus.Approved).Sum(s => s.Minutes), sums.Where(s => s.Key == HoursStatus.Requested).Sum(s => s.Minutes));
    }

    /// <summary>The hours the person may decide on: coordinators all, referents those of their volunteers, partner staff those of their organisations' volunteers.</summary>
    async Task<IQueryable<VolunteerHours>> DecidableAsync()
    {
        var query = db.VolunteerHours.Where(h => h.NetworkId == access.NetworkId);
        if (await access.IsCoordinatorAsync()) return query;
        var partners = await access.StaffPartnersAsync();
        var me = access.UserId;
        return query.Where(h => h.VolunteerUserId != me && (
            db.VolunteerProfiles.Any(v => v.NetworkId == h.NetworkId && v.UserId == h.VolunteerUserId && v.ReferentUserId == me)
            || db.Memberships.Any(m => m.UserId == h.VolunteerUserId && m.NetworkId == h.NetworkId && m.Role == NetworkRole.Volunteer && m.PartnerId != null && partners.Contains(m.PartnerId.Value))));
    }

    public async Task<Paged<Line>> WaitingAsync(int page)
    {
        page = Math.Max(1, page);
        var query = (await DecidableAsync()).AsNoTracking().Where(h => h.Status == HoursStatus.Requested);
        var total = await query.CountAsync();
        var items = await query.OrderBy(h => h.Date).ThenBy(h => h.CreatedAt).PageOf(page, PageSize)
            .Select(h => new Line(h.Id, h.Date, h.Minutes, h.Activity, db.CommunityLabs.Where(l => l.Id == h.LabId).Select(l => l.Name).FirstOrDefault(), h.Status, h.DecisionNote,
                db.Users.Where(u => u.Id == h.VolunteerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.VolunteerProfiles.Where(v => v.NetworkId == h.NetworkId && v.UserId == h.VolunteerUserId).Select(v => (Guid?)v.Id).FirstOrDefault()))
            .ToListAsync();
        return new(items, total, page, PageSize);
    }

    public async Task<int> WaitingCountAsync() => await (await DecidableAsync()).CountAsync(h => h.Status == HoursStatus.Requested);

    /// <summary>
    /// Approves or rejects requested hours. Of two decisions at once only the first one holds (the version token):
    /// the second answers <see cref="HoursDecision.AlreadyDecided"/>.
    /// </summary>
    public async Task<HoursDecision> DecideAsync(Guid id, bool approve, string? note)
    {
        var hours = await (await DecidableAsync()).FirstOrDefaultAsync(h => h.Id == id);
        if (hours is null) return HoursDecision.NotFound;
        if (hours.Status != HoursStatus.Requested) return HoursDecision.AlreadyDecided;
        hours.Status = approve ? HoursStatus.Approved : HoursStatus.Rejected;
        hours.DecidedByUserId = access.UserId;
        hours.DecidedAt = clock.GetUtcNow().UtcDateTime;
        hours.DecisionNote = Text.Clean(note);
        audit.Add(approve ? "volontari.ore-approvate" : "volontari.ore-respinte", nameof(VolunteerHours), hours.Id, $"{Format(hours.Minutes)} del {hours.Date:d/M/yyyy}", access.NetworkId);
        return await db.TrySaveAsync() ? HoursDecision.Done : HoursDecision.AlreadyDecided;
    }
}
