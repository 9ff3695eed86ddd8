using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Volunteers;

public enum ClearanceState { Valid, Expiring, Expired, Missing }

public static class ClearanceStates
{
    public static string Label(ClearanceState s) => s switch
    {
        ClearanceState.Valid => Tr.Get("Valido"),
        ClearanceState.Expiring => Tr.Get("In scadenza"),
        ClearanceState.Expired => Tr.Get("Scaduto"),
        _ => Tr.Get("Mancante"),
    };

    public static string Badge(ClearanceState s) => s switch
    {
        ClearanceState.Valid => "bg-success",
        ClearanceState.Expiring => "bg-warning text-dark",
        _ => "bg-danger",
    };

    public static string? Slug(ClearanceState? s) => s switch
    {
        ClearanceState.Valid => "valido", ClearanceState.Expiring => "in-scadenza", ClearanceState.Expired => "scaduto", ClearanceState.Missing => "mancante", _ => null,
    };

    public static ClearanceState? FromSlug(string? slug) => slug switch
    {
        "valido" => ClearanceState.Valid, "in-scadenza" => ClearanceState.Expiring, "scaduto" => ClearanceState.Expired, "mancante" => ClearanceState.Missing, _ => null,
    };

    public static ClearanceState Of(DateOnly? checkedOn, DateOnly today, CommunitySettings settings)
    {
        if (checkedOn is not { } c) return ClearanceState.Missing;
        var until = c.AddMonths(settings.ClearanceValidityMonths).AddDays(-1);
        if (until < today) return ClearanceState.Expired;
        return until < today.AddDays(settings.ClearanceReminderDays) ? ClearanceState.Expiring : ClearanceState.Valid;
    }
}

/// <summary>The registry as the referents keep it: volunteers of their organisations (coordinators: all), profiles, assignments.</summary>
public sealed class VolunteerAdministration(AppDbContext db, CommunityAccess access, VolunteerRegistry registry, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, Guid UserId, string Name, string? Email, string? Partner, DateOnly? ClearanceDate, ClearanceState State, DateOnly? InsuredUntil, int PendingHours);
    public sealed record Profile(VolunteerProfile Volunteer, string Name, string? Email, string? Partner, string? Referent, string? ReferentEmail, ClearanceState State, DateOnly? ValidUntil);
    public sealed record AssignmentRow(Guid? Id, string Kind, string Title, bool WithChildren, DateOnly? StartsOn, DateOnly? EndsOn, Guid? LabId);

    DateOnly Today => RomeTime.Today(clock);

    /// <summary>The volunteers the person may see: coordinators all of the network's, partner staff those of their organisations or whose referent they are.</summary>
    async Task<IQueryable<VolunteerProfile>> ScopeAsync()
    {
        var query = db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == access.NetworkId);
        if (await access.IsCoordinatorAsync()) return query;
        var partners = await access.StaffPartnersAsync();
        var me = access.UserId;
        return query.Where(v => v.ReferentUserId == me || db.Memberships.Any(m => m.UserId == v.UserId && m.NetworkId == v.NetworkId
            && m.Role == NetworkRole.Volunteer && m.PartnerId != null && partners.Contains(m.PartnerId.Value)));
    }

    public async Task<Paged<Row>> ListAsync(string? q, ClearanceState? state, int page)
    {
        var settings = await registry.SettingsAsync(access.NetworkId);
        var today = Today;
        var query = await ScopeAsync();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            query = query.Where(v => db.Users.Any(u => u.Id == v.UserId && (u.DisplayName.ToLower().Contains(words) || u.Email!.ToLower().Contains(words))));
        }
        var expiredBefore = today.AddMonths(-settings.ClearanceValidityMonths); // a check on or before this day has expired
        var expiringBefore = today.AddDays(settings.ClearanceReminderDays).AddMonths(-settings.ClearanceValidityMonths);
        query = state switch
        {
            ClearanceState.Missing => query.Where(v => v.ClearanceDate == null),
            ClearanceState.Expired => query.Where(v => v.ClearanceDate != null && v.ClearanceDate <= expiredBefore),
            ClearanceState.Expiring => query.Where(v => v.ClearanceDate > expiredBefore && v.ClearanceDate <= expiringBefore),
            ClearanceState.Valid => query.Where(v => v.ClearanceDate > expiringBefore),
            _ => query,
        };
        page = Math.Max(1, page);
        var total = await query.CountAsync();
        var rows = await query
            .Select(v => new
            {
                v.Id, v.UserId, v.ClearanceDate, v.InsuredUntil,
                Name = db.Users.Where(u => u.Id == v.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                Email = db.Users.Where(u => u.Id == v.UserId).Select(u => u.Email).FirstOrDefault(),
                Partner = db.Memberships.Where(m => m.UserId == v.UserId && m.NetworkId == v.NetworkId && m.Role == NetworkRole.Volunteer && m.PartnerId != null)
                    .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => p.Name).FirstOrDefault(),
                Pending = db.VolunteerHours.Count(h => h.VolunteerUserId == v.UserId && h.NetworkId == v.NetworkId && h.Status == HoursStatus.Requested),
            })
            .OrderBy(v => v.Name).ThenBy(v => v.Id).PageOf(page, PageSize).ToListAsync();
        return new(rows.Select(r => new Row(r.Id, r.UserId, r.Name, r.Email, r.Partner, r.ClearanceDate, ClearanceStates.Of(r.ClearanceDate, today, settings), r.InsuredUntil, r.Pending)).ToList(),
            total, page, PageSize);
    }

    /// <summary>Puts a person holding the volunteer role in the network into the registry. Answers an error for the form, or the new id.</summary>
    public async Task<(Guid? Id, string? Error)> RegisterAsync(string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        if (user is null || !await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.NetworkId == access.NetworkId && m.Role == NetworkRole.Volunteer))
            return (null, Tr.Get("Nessun volontario della rete con questa email: il coordinatore deve prima invitarlo con il ruolo «Volontario»."));
        if (!await access.IsCoordinatorAsync())
        {
            var partners = await access.StaffPartnersAsync();
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.NetworkId == access.NetworkId && m.Role == NetworkRole.Volunteer && m.PartnerId != null && partners.Contains(m.PartnerId.Value)))
                return (null, Tr.Get("Questa persona è volontaria per un altro ente: può registrarla il suo ente o il coordinatore."));
        }
        var existing = await db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == access.NetworkId && v.UserId == user.Id).Select(v => (Guid?)v.Id).FirstOrDefaultAsync();
        if (existing is { } id) return (id, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = new VolunteerProfile { Id = Guid.NewGuid(), NetworkId = access.NetworkId, UserId = user.Id, CreatedAt = now, UpdatedAt = now };
        db.VolunteerProfiles.Add(profile);
        audit.Add("volontari.registra", nameof(VolunteerProfile), profile.Id, user.DisplayName, access.NetworkId);
        if (!await db.TrySaveAsync())
            return (await db.VolunteerProfiles.AsNoTracking().Where(v => v.NetworkId == access.NetworkId && v.UserId == user.Id).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(), null);
        return (profile.Id, null);
    }

    public async Task<Profile?> FindAsync(Guid id)
    {
        var scope = await ScopeAsync();
        var v = await scope.FirstOrDefaultAsync(x => x.Id == id);
        if (v is null) return null;
        var settings = await registry.SettingsAsync(access.NetworkId);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == v.UserId).Select(u => new { u.DisplayName, u.Email }).FirstAsync();
        var referent = v.ReferentUserId is { } r ? await db.Users.AsNoTracking().Where(u => u.Id == r).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync() : null;
        var partner = await db.Memberships.AsNoTracking().Where(m => m.UserId == v.UserId && m.NetworkId == v.NetworkId && m.Role == NetworkRole.Volunteer && m.PartnerId != null)
            .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => p.Name).FirstOrDefaultAsync();
        return new Profile(v, user.DisplayName, user.Email, partner, referent?.DisplayName, referent?.Email,
            ClearanceStates.Of(v.ClearanceDate, Today, settings), v.ClearanceValidUntil(settings.ClearanceValidityMonths));
    }

    /// <summary>Saves the profile; answers a field error, or null. A concurrent edit of the same profile makes the second one lose (version).</summary>
    public async Task<(string Field, string Error)?> UpdateAsync(Guid id, VolunteerForm form)
    {
        Guid? referent = null;
        if (!string.IsNullOrWhiteSpace(form.ReferentEmail))
        {
            var normalized = form.ReferentEmail.Trim().ToUpperInvariant();
            referent = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null
                    && db.Memberships.Any(m => m.UserId == u.Id && m.NetworkId == access.NetworkId && (m.Role == NetworkRole.PartnerStaff || m.Role == NetworkRole.Coordinator)))
                .Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            if (referent is null) return (nameof(VolunteerForm.ReferentEmail), "Il referente deve essere un referente partner o un coordinatore della rete.");
        }
        var v = await db.VolunteerProfiles.FirstAsync(x => x.Id == id && x.NetworkId == access.NetworkId);
        var clearanceChanged = v.ClearanceDate != form.ClearanceDate;
        v.Skills = Text.Clean(form.Skills);
        v.Availability = Text.Clean(form.Availability);
        v.ClearanceDate = form.ClearanceDate;
        v.InsuredUntil = form.InsuredUntil;
        v.ReferentUserId = referent;
        v.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (clearanceChanged)
            audit.Add("volontari.casellario", nameof(VolunteerProfile), v.Id, form.ClearanceDate is { } d ? $"certificato del {d:d/M/yyyy}" : "certificato tolto", access.NetworkId);
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>The volunteer's assignments: the labs they facilitate and the other assignments, newest first.</summary>
    public async Task<List<AssignmentRow>> AssignmentsAsync(Guid networkId, Guid userId)
    {
        var labs = await db.LabFacilitators.AsNoTracking().Where(f => f.UserId == userId)
            .Join(db.CommunityLabs.Where(l => l.NetworkId == networkId), f => f.LabId, l => l.Id, (f, l) => new { l.Id, l.Name, l.WithChildren, f.AddedAt, l.ClosedAt })
            .ToListAsync();
        var others = await db.VolunteerAssignments.AsNoTracking().Where(a => a.NetworkId == networkId && a.VolunteerUserId == userId)
            .OrderByDescending(a => a.StartsOn).ToListAsync();
        return labs.Select(l => new AssignmentRow(null, Tr.Get("Laboratorio di comunità"), l.Name, l.WithChildren, DateOnly.FromDateTime(l.AddedAt.ToRome()), l.ClosedAt is { } c ? DateOnly.FromDateTime(c.ToRome()) : null, l.Id))
            .Concat(others.Select(a => new AssignmentRow(a.Id, AssignmentKinds.Label(a.Kind), a.Title, a.WithChildren, a.StartsOn, a.EndsOn, null)))
            .ToList();
    }

    /// <summary>Assigns the volunteer; work with children is refused without a valid criminal-record check.</summary>
    public async Task<string?> AssignAsync(Profile profile, AssignmentForm form)
    {
        if (form.WithChildren && await registry.ChildrenRefusalAsync(access.NetworkId, profile.Volunteer.UserId, profile.Name) is { } refusal) return refusal;
        db.VolunteerAssignments.Add(new VolunteerAssignment
        {
            Id = Guid.NewGuid(), NetworkId = access.NetworkId, VolunteerUserId = profile.Volunteer.UserId, Kind = form.Kind!.Value,
            Title = form.Title!.Trim(), WithChildren = form.WithChildren, StartsOn = form.StartsOn!.Value, EndsOn = form.EndsOn,
            CreatedByUserId = access.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Add("volontari.incarico", nameof(VolunteerProfile), profile.Volunteer.Id, $"{profile.Name}: {form.Title!.Trim()}", access.NetworkId);
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>Ends an assignment (or removes it when it had not started). False when it is not this volunteer's.</summary>
    public async Task<bool> EndAssignmentAsync(Profile profile, Guid assignmentId)
    {
        var a = await db.VolunteerAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId && x.NetworkId == access.NetworkId && x.VolunteerUserId == profile.Volunteer.UserId);
        if (a is null) return false;
        var today = Today;
        if (a.StartsOn > today) db.VolunteerAssignments.Remove(a);
        else if (a.EndsOn is null || a.EndsOn > today) a.EndsOn = today;
        await db.SaveChangesAsync();
        return true;
    }
}
