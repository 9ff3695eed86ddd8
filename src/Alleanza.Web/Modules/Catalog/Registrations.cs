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
}

public enum RegisterOutcome { Confirmed, Waiting, AlreadyRegistered, Closed, NotFound }

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
        if (!target.Session.RegistrationOpen || target.Session.StartsAt < Now) return (RegisterOutcome.Closed, null);
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

    /// <summary>The confirmation, the place on the waiting list, or the promotion from it (the notification service logs a failed mail: the registration stays).</summary>
    async Task NotifyAsync(Guid userId, Guid networkId, string title, DateTime startsAt, RegistrationStatus status, bool promoted = false)
    {
        var slug = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Slug).FirstAsync();
        var when = RomeTime.Format(startsAt, "dddd d MMMM yyyy 'alle' HH:mm");
        var (subject, text) = status == RegistrationStatus.Confirmed
            ? (promoted ? $"Si è liberato un posto: sei iscritto a «{title}»" : $"Iscrizione confermata: {title}",
               $"{(promoted ? "Si è liberato un posto e la tua iscrizione è passata dalla lista d'attesa a confermata." : "La tua iscrizione è confermata.")}\n\n{title}\n{when}\n\nSe non puoi più venire, annulla l'iscrizione dalla pagina «Le mie iscrizioni».")
            : ($"Sei in lista d'attesa: {title}",
               $"I posti sono esauriti: sei in lista d'attesa per «{title}» ({when}). Se si libera un posto ti scriviamo.");
        var kind = promoted ? NotificationKinds.WaitingListPromotion : NotificationKinds.Registration;
        await notifications.NotifyAsync(new(kind.Key, networkId, [userId], subject, text, $"/account/iscrizioni?rete={slug}") { LinkLabel = "Le mie iscrizioni" });
    }

    /// <summary>Position in the waiting list (1 = next), counting only earlier waiting registrations of the session.</summary>
    public Task<int> WaitingPositionAsync(Registration r) =>
        db.Registrations.CountAsync(x => x.SessionId == r.SessionId && x.Status == RegistrationStatus.Waiting && x.CreatedAt <= r.CreatedAt);
}
