using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Training;

/// <summary>What the person may do with a course: manage it (coordinators, the organising partner's staff) or follow it (enrolled).</summary>
public sealed record CourseAccess(TrainingCourse Course, string Organiser, bool CanManage, bool IsEnrolled);

/// <summary>A person's attendance of a course against the completion rule (the network's share of the course's hours).</summary>
public sealed record Progress(double AttendedHours, double TotalHours, int RequiredPercent)
{
    public int Percent => TotalHours <= 0 ? 0 : (int)Math.Floor(AttendedHours * 100 / TotalHours + 1e-9);
    /// <summary>Completed when the attended hours reach the required share of all the course's hours.</summary>
    public bool Completed => TotalHours > 0 && AttendedHours * 100 >= RequiredPercent * TotalHours - 1e-9;
    public static string Hours(double h) => h % 1 == 0 ? $"{h:0}" : h.ToString("0.#", RomeTime.Italian);
}

/// <summary>Training courses for operators and volunteers: modules, sessions, enrolment, attendance, completion.</summary>
public sealed class Courses(AppDbContext db, CommunityAccess access, VolunteerRegistry registry, AuditLog audit, TimeProvider clock)
{
    public sealed record CourseRow(Guid Id, string Title, TrainingAudience Audience, string Organiser, int Enrolled, int Sessions, DateTime? NextSession, Progress? Mine);
    public sealed record SessionRow(Guid Id, Guid? ModuleId, DateTime StartsAt, DateTime EndsAt, string? Place, int Present, bool IAttended);
    public sealed record LearnerRow(Guid UserId, string Name, string? Email, string Role, Progress Progress);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CourseAccess?> AccessAsync(Guid id)
    {
        if (access.UserId is not { } me) return null;
        var course = await db.TrainingCourses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.NetworkId == access.NetworkId);
        if (course is null) return null;
        var canManage = await access.IsCoordinatorAsync() || course.PartnerId is { } p && (await access.StaffPartnersAsync()).Contains(p);
        var enrolled = await db.TrainingEnrolments.AnyAsync(e => e.CourseId == id && e.UserId == me);
        if (!canManage && !enrolled) return null;
        var organiser = course.PartnerId is { } partner ? await db.Partners.AsNoTracking().Where(x => x.Id == partner).Select(x => x.Name).FirstAsync() : Tr.Get("Coordinamento della rete");
        return new(course, organiser, canManage, enrolled);
    }

    public async Task<bool> CanCreateAsync() => await access.IsCoordinatorAsync() || (await access.StaffPartnersAsync()).Count > 0;

    /// <summary>The courses the person manages (coordinators: all) and those they are enrolled in, with their own progress.</summary>
    public async Task<List<CourseRow>> ListAsync()
    {
        var me = access.UserId ?? Guid.Empty;
        var query = db.TrainingCourses.AsNoTracking().Where(c => c.NetworkId == access.NetworkId);
        if (!await access.IsCoordinatorAsync())
        {
            var partners = await access.StaffPartnersAsync();
            query = query.Where(c => (c.PartnerId != null && partners.Contains(c.PartnerId.Value)) || db.TrainingEnrolments.Any(e => e.CourseId == c.Id && e.UserId == me));
        }
        var now = Now;
        var rows = await query.OrderBy(c => c.Title)
            .Select(c => new
            {
                c.Id, c.Title, c.Audience,
                Organiser = db.Partners.Where(p => p.Id == c.PartnerId).Select(p => p.Name).FirstOrDefault() ?? "Coordinamento della rete",
                Enrolled = db.TrainingEnrolments.Count(e => e.CourseId == c.Id),
                Sessions = db.TrainingSessions.Count(s => s.CourseId == c.Id),
                Next = db.TrainingSessions.Where(s => s.CourseId == c.Id && s.StartsAt > now).Min(s => (DateTime?)s.StartsAt),
                Mine = db.TrainingEnrolments.Any(e => e.CourseId == c.Id && e.UserId == me),
            }).ToListAsync();
        var percent = (await registry.SettingsAsync(access.NetworkId)).CompletionPercent;
        var mineIds = rows.Where(r => r.Mine).Select(r => r.Id).ToList();
        var progress = await ProgressOfAsync(mineIds, me, percent);
        return rows.Select(r => new CourseRow(r.Id, r.Title, r.Audience, r.Organiser, r.Enrolled, r.Sessions, r.Next, progress.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>One person's progress in each of the courses.</summary>
    public async Task<Dictionary<Guid, Progress>> ProgressOfAsync(IReadOnlyCollection<Guid> courseIds, Guid userId, int percent)
    {
        if (courseIds.Count == 0) return [];
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => courseIds.Contains(s.CourseId))
            .Select(s => new { s.Id, s.CourseId, s.StartsAt, s.EndsAt }).ToListAsync();
        var attended = (await db.TrainingAttendances.AsNoTracking().Where(a => a.UserId == userId && db.TrainingSessions.Any(s => s.Id == a.SessionId && courseIds.Contains(s.CourseId)))
            .Select(a => a.SessionId).ToListAsync()).ToHashSet();
        return courseIds.ToDictionary(id => id, id =>
        {
            var mine = sessions.Where(s => s.CourseId == id).ToList();
            return new Progress(mine.Where(s => attended.Contains(s.Id)).Sum(s => (s.EndsAt - s.StartsAt).TotalHours), mine.Sum(s => (s.EndsAt - s.StartsAt).TotalHours), percent);
        });
    }

    public async Task<List<(Guid Id, string Name)>> OrganisersAsync()
    {
        var query = db.Partners.AsNoTracking().Where(p => p.NetworkId == access.NetworkId);
        if (!await access.IsCoordinatorAsync())
        {
            var mine = await access.StaffPartnersAsync();
            query = query.Where(p => mine.Contains(p.Id));
        }
        return (await query.OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(p => (p.Id, p.Name)).ToList();
    }

    /// <summary>Creates a course; partner staff must name one of their partners. Answers the course or a field error.</summary>
    public async Task<(TrainingCourse? Course, string? Error)> CreateAsync(CourseForm form)
    {
        var coordinator = await access.IsCoordinatorAsync();
        if (form.PartnerId is { } p ? !(await OrganisersAsync()).Any(x => x.Id == p) : !coordinator)
            return (null, Tr.Get("Scegli l'ente che organizza il corso tra quelli dell'elenco."));
        var course = new TrainingCourse
        {
            Id = Guid.NewGuid(), NetworkId = access.NetworkId, PartnerId = form.PartnerId, Title = form.Title!.Trim(), Description = Text.Clean(form.Description),
            Audience = form.Audience!.Value, CreatedAt = Now, UpdatedAt = Now,
        };
        db.TrainingCourses.Add(course);
        audit.Add("formazione.corso", nameof(TrainingCourse), course.Id, course.Title, access.NetworkId);
        await db.SaveChangesAsync();
        return (course, null);
    }

    public Task<List<TrainingModule>> ModulesAsync(Guid courseId) =>
        db.TrainingModules.AsNoTracking().Where(m => m.CourseId == courseId).OrderBy(m => m.Order).ToListAsync();

    public async Task<List<SessionRow>> SessionsAsync(Guid courseId)
    {
        var me = access.UserId ?? Guid.Empty;
        return await db.TrainingSessions.AsNoTracking().Where(s => s.CourseId == courseId).OrderBy(s => s.StartsAt)
            .Select(s => new SessionRow(s.Id, s.ModuleId, s.StartsAt, s.EndsAt, s.Place, db.TrainingAttendances.Count(a => a.SessionId == s.Id),
                db.TrainingAttendances.Any(a => a.SessionId == s.Id && a.UserId == me)))
            .ToListAsync();
    }

    public async Task AddModuleAsync(Guid courseId, ModuleForm form)
    {
        var next = await db.TrainingModules.Where(m => m.CourseId == courseId).MaxAsync(m => (int?)m.Order) ?? 0;
        db.TrainingModules.Add(new TrainingModule { Id = Guid.NewGuid(), CourseId = courseId, Order = next + 1, Title = form.Title!.Trim() });
        await db.SaveChangesAsync();
    }

    public async Task<string?> AddSessionAsync(TrainingCourse course, TrainingSessionForm form)
    {
        if (form.ModuleId is { } m && !await db.TrainingModules.AnyAsync(x => x.Id == m && x.CourseId == course.Id)) return Tr.Get("Scegli un modulo del corso.");
        db.TrainingSessions.Add(new TrainingSession
        {
            Id = Guid.NewGuid(), NetworkId = course.NetworkId, CourseId = course.Id, ModuleId = form.ModuleId,
            StartsAt = RomeTime.FromRome(form.Date!.Value, form.Start!.Value), EndsAt = RomeTime.FromRome(form.Date!.Value, form.End!.Value), Place = Text.Clean(form.Place),
        });
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>Enrols an operator or volunteer of the network (as the course's audience allows). Answers an error or null.</summary>
    public async Task<string?> EnrolAsync(TrainingCourse course, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        var roles = user is null ? [] : await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id && m.NetworkId == course.NetworkId).Select(m => m.Role).ToListAsync();
        var fits = course.Audience switch
        {
            TrainingAudience.Operators => roles.Contains(NetworkRole.SocialOperator),
            TrainingAudience.Volunteers => roles.Contains(NetworkRole.Volunteer),
            _ => roles.Contains(NetworkRole.SocialOperator) || roles.Contains(NetworkRole.Volunteer),
        };
        if (user is null || !fits)
            return course.Audience == TrainingAudience.Operators ? Tr.Get("Nessun operatore sociale della rete con questa email.") : course.Audience == TrainingAudience.Volunteers ? Tr.Get("Nessun volontario della rete con questa email.") : Tr.Get("Nessun operatore o volontario della rete con questa email.");
        if (await db.TrainingEnrolments.AnyAsync(e => e.CourseId == course.Id && e.UserId == user.Id)) return Tr.Get("{0} è già iscritto al corso.", user.DisplayName);
        db.TrainingEnrolments.Add(new TrainingEnrolment { Id = Guid.NewGuid(), CourseId = course.Id, UserId = user.Id, EnrolledAt = Now });
        return await db.TrySaveAsync() ? null : Tr.Get("{0} è già iscritto al corso.", user.DisplayName);
    }

    public async Task<List<LearnerRow>> LearnersAsync(TrainingCourse course)
    {
        var percent = (await registry.SettingsAsync(course.NetworkId)).CompletionPercent;
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.CourseId == course.Id).Select(s => new { s.Id, s.StartsAt, s.EndsAt }).ToListAsync();
        var total = sessions.Sum(s => (s.EndsAt - s.StartsAt).TotalHours);
        var hours = sessions.ToDictionary(s => s.Id, s => (s.EndsAt - s.StartsAt).TotalHours);
        var attendance = await db.TrainingAttendances.AsNoTracking().Where(a => db.TrainingSessions.Any(s => s.Id == a.SessionId && s.CourseId == course.Id))
            .Select(a => new { a.UserId, a.SessionId }).ToListAsync();
        var attended = attendance.GroupBy(a => a.UserId).ToDictionary(g => g.Key, g => g.Sum(a => hours.GetValueOrDefault(a.SessionId)));
        var people = await db.TrainingEnrolments.AsNoTracking().Where(e => e.CourseId == course.Id)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { u.Id, u.DisplayName, u.Email,
                Operator = db.Memberships.Any(m => m.UserId == u.Id && m.NetworkId == course.NetworkId && m.Role == NetworkRole.SocialOperator) })
            .OrderBy(p => p.DisplayName).ToListAsync();
        return people.Select(p => new LearnerRow(p.Id, p.DisplayName, p.Email, p.Operator ? "Operatore" : "Volontario",
            new Progress(attended.GetValueOrDefault(p.Id), total, percent))).ToList();
    }

    public sealed record Register(TrainingSession Session, TrainingCourse Course, string? Module, IReadOnlyList<(Guid UserId, string Name, bool Present)> People);

    /// <summary>A course session's attendance register, for who manages the course (null: 404).</summary>
    public async Task<Register?> RegisterAsync(Guid sessionId)
    {
        var session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.NetworkId == access.NetworkId);
        if (session is null || await AccessAsync(session.CourseId) is not { CanManage: true } course) return null;
        var present = (await db.TrainingAttendances.AsNoTracking().Where(a => a.SessionId == sessionId).Select(a => a.UserId).ToListAsync()).ToHashSet();
        var people = await db.TrainingEnrolments.AsNoTracking().Where(e => e.CourseId == session.CourseId)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { u.Id, u.DisplayName }).OrderBy(p => p.DisplayName).ToListAsync();
        var module = session.ModuleId is { } m ? await db.TrainingModules.AsNoTracking().Where(x => x.Id == m).Select(x => x.Title).FirstOrDefaultAsync() : null;
        return new(session, course.Course, module, people.Select(p => (p.Id, p.DisplayName, present.Contains(p.Id))).ToList());
    }

    /// <summary>Sets who was present: enrolled people only; the unique key makes a repeated submission harmless.</summary>
    public async Task<bool> SetAttendanceAsync(Register register, IReadOnlyCollection<Guid> present)
    {
        var enrolled = register.People.Select(p => p.UserId).ToHashSet();
        var wanted = present.Where(enrolled.Contains).ToHashSet();
        var current = register.People.Where(p => p.Present).Select(p => p.UserId).ToHashSet();
        var gone = current.Except(wanted).ToList();
        if (gone.Count > 0) await db.TrainingAttendances.Where(a => a.SessionId == register.Session.Id && gone.Contains(a.UserId)).ExecuteDeleteAsync();
        foreach (var u in wanted.Except(current)) db.TrainingAttendances.Add(new TrainingAttendance { SessionId = register.Session.Id, UserId = u, AddedAt = Now });
        audit.Add("formazione.presenze", nameof(TrainingSession), register.Session.Id, $"{register.Course.Title}: {wanted.Count} presenti", access.NetworkId);
        return await db.TrySaveAsync();
    }
}

/// <summary>The certificate of a course for one person, when they completed it.</summary>
public sealed class CourseCertificates(AppDbContext db, Courses courses, VolunteerRegistry registry, TimeProvider clock)
{
    /// <summary>The PDF for <paramref name="userId"/> (the signed-in person, or one of the course's learners for who manages it); null: 404.</summary>
    public async Task<(byte[] Pdf, string FileName)?> RenderAsync(Guid courseId, Guid? personId, Guid me, string networkName, string webRoot)
    {
        if (await courses.AccessAsync(courseId) is not { } access) return null;
        var userId = personId ?? me;
        if (userId != me && !access.CanManage) return null;
        var enrolment = await db.TrainingEnrolments.AsNoTracking().FirstOrDefaultAsync(e => e.CourseId == courseId && e.UserId == userId);
        if (enrolment is null) return null;
        var percent = (await registry.SettingsAsync(access.Course.NetworkId)).CompletionPercent;
        var progress = (await courses.ProgressOfAsync([courseId], userId, percent))[courseId];
        if (!progress.Completed) return null;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync();
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.CourseId == courseId).Select(s => s.StartsAt).ToListAsync();
        var modules = (await courses.ModulesAsync(courseId)).Select(m => m.Title).ToList();
        var pdf = Certificate.Render(new Certificate.Content(networkName, name, access.Course.Title, access.Organiser, modules, progress.AttendedHours, progress.TotalHours, percent,
            sessions.Min(), sessions.Max(), Certificate.CodeOf(enrolment.Id), clock.GetUtcNow().UtcDateTime), webRoot);
        return (pdf, $"attestato-{Text.Slug(access.Course.Title)}.pdf");
    }
}
