using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

public sealed class RegistrationForm
{
    [Range(1, 10, ErrorMessage = "Puoi iscrivere da 1 a 10 persone.")]
    [Display(Name = "Quante persone")]
    public int Places { get; set; } = 1;

    [Required(ErrorMessage = "Scrivi i nomi di chi partecipa.")]
    [StringLength(1000, MinimumLength = 2, ErrorMessage = "I nomi devono avere tra 2 e 1000 caratteri.")]
    [Display(Name = "Nomi di chi partecipa")]
    public string? Participants { get; set; }

    /// <summary>The members of the household who take part (ticked on the form); when any is ticked, they are the places and the names.</summary>
    [Display(Name = "Chi partecipa")]
    public List<Guid> MemberIds { get; set; } = [];
}

public enum RegisterOutcome { Confirmed, Waiting, AlreadyRegistered, Closed, NotFound, Past }

public enum CancelOutcome { Cancelled, AlreadyCancelled, NotFound }

/// <summary>
/// Registrations to a session, with a waiting list. The places are taken by one conditional UPDATE
/// ("Taken + n ≤ Capacity"), which the engine runs atomically: two people asking for the last place
/// at the same moment cannot both get it, on SQLite or on PostgreSQL.
/// </summary>
public sealed class Registrations(AppDbContext db, NotificationService notifications, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(RegisterOutcome Outcome, Registration? Registration)> RegisterAsync(Guid networkId, Guid sessionId, AppUser user, RegistrationForm form)
    {
        var target = await (from s in db.OpportunitySessions
                            join o in db.Opportunities on s.OpportunityId equals o.Id
                            where s.Id == sessionId && o.NetworkId == networkId && o.Status == OpportunityStatus.Published
                            select new { Session = s, o.Title, o.Id }).AsNoTracking().FirstOrDefaultAsync();
        if (target is null) return (RegisterOutcome.NotFound, null);
        if (target.Session.StartsAt <= Now) return (RegisterOutcome.Past, null);
        if (!target.Session.RegistrationOpen) return (RegisterOutcome.Closed, null);
        if (await db.Registrations.AnyAsync(r => r.SessionId == sessionId && r.UserId == user.Id && r.Status != RegistrationStatus.Cancelled))
            return (RegisterOutcome.AlreadyRegistered, null);

        var places = form.Places;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var taken = await db.OpportunitySessions
            .Where(s => s.Id == sessionId && (s.Capacity == null || s.Taken + places <= s.Capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + places));
        var registration = new Registration
        {
            Id = Guid.NewGuid(), NetworkId = networkId, SessionId = sessionId, UserId = user.Id, Places = places,
            Participants = form.Participants!.Trim(), Status = taken == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting, CreatedAt = Now,
        };
        db.Registrations.Add(registration);
        // A twin request (double tap, two tabs) that got here first holds the one live registration: this one takes nothing.
        if (!await db.TrySaveAsync()) return (RegisterOutcome.AlreadyRegistered, null);
        await transaction.CommitAsync();

        await NotifyAsync(user.Id, networkId, target.Title, target.Session.StartsAt, registration.Status);
        return (registration.Status == RegistrationStatus.Confirmed ? RegisterOutcome.Confirmed : RegisterOutcome.Waiting, registration);
    }

    /// <summary>
    /// Registers for a whole course (an opportunity marked <see cref="Opportunity.IsCourse"/>): every future date open
    /// to registration, in one transaction — all or none. Confirmed when every date has the places, otherwise on the
    /// waiting list of every date (a course is not attended in pieces). A registration already live on one of the dates,
    /// or a twin request that got there first (the unique index one-live-registration-per-person-and-date), makes it
    /// take nothing. One mail, with the first date.
    /// </summary>
    public async Task<(RegisterOutcome Outcome, int Dates)> RegisterCourseAsync(Guid networkId, Guid opportunityId, AppUser user, RegistrationForm form)
    {
        var course = await db.Opportunities.AsNoTracking()
            .Where(o => o.Id == opportunityId && o.NetworkId == networkId && o.Status == OpportunityStatus.Published && o.IsCourse)
            .Select(o => new { o.Id, o.Title }).FirstOrDefaultAsync();
        if (course is null) return (RegisterOutcome.NotFound, 0);
        var now = Now;
        var sessions = await db.OpportunitySessions.AsNoTracking().Where(s => s.OpportunityId == opportunityId && s.StartsAt > now)
            .OrderBy(s => s.StartsAt).Select(s => new { s.Id, s.StartsAt, s.RegistrationOpen }).ToListAsync();
        if (sessions.Count == 0) return (RegisterOutcome.Past, 0);
        if (sessions.Any(s => !s.RegistrationOpen)) return (RegisterOutcome.Closed, 0);
        var ids = sessions.Select(s => s.Id).ToList();
        if (await db.Registrations.AnyAsync(r => ids.Contains(r.SessionId) && r.UserId == user.Id && r.Status != RegistrationStatus.Cancelled))
            return (RegisterOutcome.AlreadyRegistered, 0);

        var places = form.Places;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var took = new List<Guid>();
        foreach (var id in ids)
        {
            var taken = await db.OpportunitySessions.Where(s => s.Id == id && (s.Capacity == null || s.Taken + places <= s.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + places));
            if (taken == 0) break;
            took.Add(id);
        }
        var confirmed = took.Count == ids.Count;
        if (!confirmed && took.Count > 0)
            // Not every date has room: give back what was taken (in the same transaction) and wait on all of them.
            await db.OpportunitySessions.Where(s => took.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - places));
        var status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting;
        foreach (var id in ids)
            db.Registrations.Add(new Registration
            {
                Id = Guid.NewGuid(), NetworkId = networkId, SessionId = id, UserId = user.Id, Places = places,
                Participants = form.Participants!.Trim(), Status = status, CreatedAt = now,
            });
        if (!await db.TrySaveAsync()) return (RegisterOutcome.AlreadyRegistered, 0);
        await transaction.CommitAsync();

        await NotifyAsync(user.Id, networkId, course.Title, sessions[0].StartsAt, status, dates: ids.Count);
        return (confirmed ? RegisterOutcome.Confirmed : RegisterOutcome.Waiting, ids.Count);
    }

    /// <summary>Cancels the person's registration; freed places go to the waiting list in arrival order.</summary>
    public async Task<CancelOutcome> CancelAsync(Guid registrationId, Guid userId)
    {
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.UserId == userId);
        if (registration is null) return CancelOutcome.NotFound;
        if (registration.Status == RegistrationStatus.Cancelled) return CancelOutcome.AlreadyCancelled;
        var promoted = new List<Registration>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var wasConfirmed = registration.Status == RegistrationStatus.Confirmed;
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = Now;
            // Conditional on the version read: of two cancellations at once, one frees the places; the other changes nothing.
            if (!await db.TrySaveAsync()) return CancelOutcome.AlreadyCancelled;
            if (wasConfirmed)
            {
                await db.OpportunitySessions.Where(s => s.Id == registration.SessionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - registration.Places));
                promoted = await PromoteAsync(registration.SessionId);
            }
            await transaction.CommitAsync();
        }
        foreach (var p in promoted) await NotifyPromotionAsync(p);
        return CancelOutcome.Cancelled;
    }

    /// <summary>Moves people from the waiting list to confirmed while their places fit, oldest first.</summary>
    async Task<List<Registration>> PromoteAsync(Guid sessionId)
    {
        var promoted = new List<Registration>();
        var waiting = await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waiting).OrderBy(r => r.CreatedAt).ToListAsync();
        foreach (var w in waiting)
        {
            var places = w.Places;
            var ok = await db.OpportunitySessions.Where(s => s.Id == sessionId && (s.Capacity == null || s.Taken + places <= s.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + places));
            if (ok == 0) break; // keep the order: nobody jumps the queue with a smaller group
            w.Status = RegistrationStatus.Confirmed;
            promoted.Add(w);
        }
        await db.SaveChangesAsync(); // a waiting registration cancelled meanwhile fails its version check: the whole cancellation rolls back
        return promoted;
    }

    async Task NotifyPromotionAsync(Registration r)
    {
        var info = await (from s in db.OpportunitySessions join o in db.Opportunities on s.OpportunityId equals o.Id
                          where s.Id == r.SessionId select new { o.Title, s.StartsAt }).FirstAsync();
        await NotifyAsync(r.UserId, r.NetworkId, info.Title, info.StartsAt, RegistrationStatus.Confirmed, promoted: true);
    }

    static string CourseTitle(string title, int dates) => Tr.Get("{0} (tutte le {1} date del corso)", title, dates);

    /// <summary>The confirmation, the place on the waiting list, or the promotion from it (the notification service logs a failed mail: the registration stays).</summary>
    async Task NotifyAsync(Guid userId, Guid networkId, string name, DateTime startsAt, RegistrationStatus status, bool promoted = false, int dates = 1)
    {
        var slug = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Slug).FirstAsync();
        var kind = promoted ? NotificationKinds.WaitingListPromotion : NotificationKinds.Registration;
        // In the family's language: a promotion is caused by someone else's cancellation, in whatever language they read.
        await notifications.NotifyAsync([userId], to =>
        {
            var title = dates > 1 ? CourseTitle(name, dates) : name;
            var when = Tr.Get("{0} alle {1}", RomeTime.Format(startsAt, "dddd d MMMM yyyy"), RomeTime.Format(startsAt, "HH:mm"));
            var (subject, text) = status == RegistrationStatus.Confirmed
                ? (promoted ? Tr.Get("Si è liberato un posto: sei iscritto a «{0}»", title) : Tr.Get("Iscrizione confermata: {0}", title),
                   (promoted ? Tr.Get("Si è liberato un posto e la tua iscrizione è passata dalla lista d'attesa a confermata.") : Tr.Get("La tua iscrizione è confermata."))
                   + $"\n\n{title}\n{when}\n\n" + Tr.Get("Se non puoi più venire, annulla l'iscrizione dalla pagina «Le mie iscrizioni»."))
                : (Tr.Get("Sei in lista d'attesa: {0}", title),
                   Tr.Get("I posti sono esauriti: sei in lista d'attesa per «{0}» ({1}). Se si libera un posto ti scriviamo.", title, when));
            return new Notice(kind.Key, networkId, to, subject, text, $"/account/iscrizioni?rete={slug}") { LinkLabel = Tr.Get("Le mie iscrizioni") };
        });
    }

    /// <summary>Position in the waiting list (1 = next), counting only earlier waiting registrations of the session.</summary>
    public Task<int> WaitingPositionAsync(Registration r) =>
        db.Registrations.CountAsync(x => x.SessionId == r.SessionId && x.Status == RegistrationStatus.Waiting && x.CreatedAt <= r.CreatedAt);
}
