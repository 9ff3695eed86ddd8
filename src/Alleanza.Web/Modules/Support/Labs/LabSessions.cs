using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Labs;

public enum AttendanceOutcome { Added, AlreadyThere, NotInNetwork }

/// <summary>
/// A lab's sessions and their attendance. Upcoming sessions of a lab linked to a catalogue opportunity are published there
/// as dates of that opportunity (free entry, no registration), so families find them in the catalogue's search, calendar and map.
/// </summary>
public sealed class LabSessions(AppDbContext db, CommunityAccess access, TimeProvider clock)
{
    public const int PageSize = 20;

    public sealed record SessionRow(Guid Id, DateTime StartsAt, DateTime EndsAt, string Theme, int Named, int Counted, bool InCatalogue);
    public sealed record Attendee(Guid UserId, string Name, string? Email);
    public sealed record SessionPage(LabSession Session, IReadOnlyList<Attendee> Attendees);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Paged<SessionRow>> ListAsync(Guid labId, bool upcoming, int page)
    {
        page = Math.Max(1, page);
        var now = Now;
        var query = db.LabSessions.AsNoTracking().Where(s => s.LabId == labId && (upcoming ? s.StartsAt > now : s.StartsAt <= now));
        var total = await query.CountAsync();
        var ordered = upcoming ? query.OrderBy(s => s.StartsAt) : query.OrderByDescending(s => s.StartsAt);
        var items = await ordered.PageOf(page, PageSize)
            .Select(s => new SessionRow(s.Id, s.StartsAt, s.EndsAt, s.Theme, db.LabAttendances.Count(a => a.SessionId == s.Id),
                s.AdultsNew + s.AdultsReturning + s.ChildrenNew + s.ChildrenReturning, s.OpportunitySessionId != null))
            .ToListAsync();
        return new(items, total, page, PageSize);
    }

    public async Task<LabSession> CreateAsync(CommunityLab lab, LabSessionForm form)
    {
        var session = new LabSession
        {
            Id = Guid.NewGuid(), NetworkId = lab.NetworkId, LabId = lab.Id, StartsAt = RomeTime.FromRome(form.Date!.Value, form.Start!.Value),
            EndsAt = RomeTime.FromRome(form.Date!.Value, form.End!.Value), Theme = form.Theme!.Trim(), Activity = Text.Clean(form.Activity), CreatedAt = Now, UpdatedAt = Now,
        };
        db.LabSessions.Add(session);
        Publish(db, lab, session, Now);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>
    /// Changes a session's day, times, theme and activity over the version the person saw (false when someone changed it in
    /// between). Its catalogue date follows: moved with it while ahead, withdrawn when the session moves into the past,
    /// published when it moves ahead and the lab has an opportunity (the catalogue's journal sees the tracked change).
    /// </summary>
    public async Task<bool> UpdateAsync(CommunityLab lab, Guid sessionId, int version, LabSessionForm form)
    {
        var session = await db.LabSessions.FirstAsync(s => s.Id == sessionId);
        if (session.Version != version) return false;
        session.StartsAt = RomeTime.FromRome(form.Date!.Value, form.Start!.Value);
        session.EndsAt = RomeTime.FromRome(form.Date!.Value, form.End!.Value);
        session.Theme = form.Theme!.Trim();
        session.Activity = Text.Clean(form.Activity);
        session.UpdatedAt = Now;
        if (session.OpportunitySessionId is { } dateId && await db.OpportunitySessions.FirstOrDefaultAsync(d => d.Id == dateId) is { } date)
        {
            if (session.StartsAt > Now) { date.StartsAt = session.StartsAt; date.EndsAt = session.EndsAt; }
            else { db.OpportunitySessions.Remove(date); session.OpportunitySessionId = null; }
        }
        else
        {
            session.OpportunitySessionId = null;
            Publish(db, lab, session, Now);
        }
        return await db.TrySaveAsync();
    }

    /// <summary>Adds the catalogue date of an upcoming session of a lab linked to an opportunity (the caller saves).</summary>
    public static void Publish(AppDbContext db, CommunityLab lab, LabSession session, DateTime now)
    {
        if (lab.OpportunityId is not { } opportunity || session.StartsAt <= now || session.OpportunitySessionId is not null) return;
        var date = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = opportunity, StartsAt = session.StartsAt, EndsAt = session.EndsAt, RegistrationOpen = false };
        db.OpportunitySessions.Add(date);
        session.OpportunitySessionId = date.Id;
    }

    /// <summary>
    /// After the lab's opportunity changed: its upcoming sessions leave the old opportunity's dates and join the new one's.
    /// The caller saves.
    /// </summary>
    public static async Task RepublishAsync(AppDbContext db, CommunityLab lab, DateTime now)
    {
        var upcoming = await db.LabSessions.Where(s => s.LabId == lab.Id && s.StartsAt > now).ToListAsync();
        var old = upcoming.Where(s => s.OpportunitySessionId != null).Select(s => s.OpportunitySessionId!.Value).ToList();
        if (old.Count > 0) await db.OpportunitySessions.Where(s => old.Contains(s.Id)).ExecuteDeleteAsync();
        foreach (var s in upcoming)
        {
            s.OpportunitySessionId = null;
            if (lab.OpportunityId is { } opportunity)
            {
                var date = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = opportunity, StartsAt = s.StartsAt, EndsAt = s.EndsAt, RegistrationOpen = false };
                db.OpportunitySessions.Add(date);
                s.OpportunitySessionId = date.Id;
            }
        }
        if (old.Count > 0)
            db.SearchIndexChanges.Add(new Catalog.Search.SearchIndexChange { Scope = Catalog.Search.SearchIndexScope.Network, NetworkId = lab.NetworkId, ChangedAt = now });
    }

    /// <summary>The session of a lab the person may record (null: 404).</summary>
    public async Task<(LabAccess Access, SessionPage Page)?> FindAsync(Guid sessionId, LabManagement labs)
    {
        var session = await db.LabSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.NetworkId == access.NetworkId);
        if (session is null || await labs.AccessAsync(session.LabId) is not { } labAccess) return null;
        var attendees = await db.LabAttendances.AsNoTracking().Where(a => a.SessionId == sessionId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Id, u.DisplayName, u.Email }).OrderBy(a => a.DisplayName)
            .Select(a => new Attendee(a.Id, a.DisplayName, a.Email)).ToListAsync();
        return (labAccess, new SessionPage(session, attendees));
    }

    /// <summary>Names a person with an account in the network as present (once: the key is session and person).</summary>
    public async Task<(AttendanceOutcome Outcome, string? Name)> AddAttendeeAsync(LabSession session, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null
                && (db.Memberships.Any(m => m.UserId == u.Id && m.NetworkId == session.NetworkId) || db.Households.Any(h => h.OwnerUserId == u.Id && h.NetworkId == session.NetworkId)))
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        if (user is null) return (AttendanceOutcome.NotInNetwork, null);
        if (await db.LabAttendances.AnyAsync(a => a.SessionId == session.Id && a.UserId == user.Id)) return (AttendanceOutcome.AlreadyThere, user.DisplayName);
        db.LabAttendances.Add(new LabAttendance { SessionId = session.Id, UserId = user.Id, AddedAt = Now });
        return (await db.TrySaveAsync() ? AttendanceOutcome.Added : AttendanceOutcome.AlreadyThere, user.DisplayName);
    }

    public Task<int> RemoveAttendeeAsync(Guid sessionId, Guid userId) =>
        db.LabAttendances.Where(a => a.SessionId == sessionId && a.UserId == userId).ExecuteDeleteAsync();

    /// <summary>Saves the counts over the version the person saw; false when someone saved other counts in between.</summary>
    public async Task<bool> SaveCountsAsync(Guid sessionId, LabCountsForm form)
    {
        var session = await db.LabSessions.FirstAsync(s => s.Id == sessionId);
        if (session.Version != form.Version) return false;
        session.AdultsNew = form.AdultsNew ?? 0;
        session.AdultsReturning = form.AdultsReturning ?? 0;
        session.ChildrenNew = form.ChildrenNew ?? 0;
        session.ChildrenReturning = form.ChildrenReturning ?? 0;
        session.UpdatedAt = Now;
        return await db.TrySaveAsync();
    }

    /// <summary>Deletes a session with its attendance and its catalogue date.</summary>
    public async Task DeleteAsync(LabSession session)
    {
        if (session.OpportunitySessionId is { } date)
        {
            await db.LabSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OpportunitySessionId, (Guid?)null));
            var catalogue = await db.OpportunitySessions.FirstOrDefaultAsync(s => s.Id == date);
            if (catalogue is not null) db.OpportunitySessions.Remove(catalogue);
        }
        var row = await db.LabSessions.FirstOrDefaultAsync(s => s.Id == session.Id);
        if (row is not null) db.LabSessions.Remove(row);
        await db.SaveChangesAsync();
    }
}
