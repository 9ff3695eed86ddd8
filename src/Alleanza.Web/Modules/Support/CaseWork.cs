using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support;

/// <summary>The day-to-day work on a path: notes, the plan's objectives, sessions and appointments, follow-ups.</summary>
public sealed class CaseWork(AppDbContext db, CaseText text, TimeProvider clock)
{
    const string Closed = "Il percorso è chiuso: riapritelo per aggiungere altro.";

    public async Task<Dictionary<string, string>> AddNoteAsync(CaseSight sight, string? note, bool confidential)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get(Closed); return errors; }
        var clean = Text.Clean(note);
        if (clean is null) errors["Text"] = Tr.Get("Scrivete la nota.");
        else if (clean.Length > 4000) errors["Text"] = Tr.Get("La nota può avere al massimo 4.000 caratteri.");
        if (errors.Count > 0) return errors;
        db.CaseNotes.Add(new CaseNote
        {
            Id = Guid.NewGuid(), CaseId = sight.Case.Id, AuthorUserId = sight.UserId, AuthorName = sight.UserName,
            At = clock.GetUtcNow().UtcDateTime, Confidential = confidential, TextProtected = text.Protect(clean)!,
        });
        await db.SaveChangesAsync();
        return errors;
    }

    public async Task<Dictionary<string, string>> AddObjectiveAsync(CaseSight sight, string? title, DateOnly? due)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get(Closed); return errors; }
        var clean = Text.Clean(title);
        var today = RomeTime.Today(clock);
        if (clean is null) errors["Title"] = Tr.Get("Scrivete l'obiettivo, con parole semplici: lo legge anche la famiglia.");
        else if (clean.Length > 300) errors["Title"] = Tr.Get("L'obiettivo può avere al massimo 300 caratteri.");
        if (due is not DateOnly d) errors["DueDate"] = Tr.Get("Indicate entro quando.");
        else if (d < today.AddYears(-1) || d > today.AddYears(5)) errors["DueDate"] = Tr.Get("La data non è plausibile.");
        if (errors.Count > 0) return errors;
        db.CaseObjectives.Add(new CaseObjective { Id = Guid.NewGuid(), CaseId = sight.Case.Id, Title = clean!, DueDate = due!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>Marks an objective achieved (a conditional update: the second click finds it done).</summary>
    public async Task<string?> AchieveObjectiveAsync(CaseSight sight, Guid objectiveId)
    {
        if (!sight.CanWork) return Tr.Get(Closed);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.CaseObjectives.Where(o => o.Id == objectiveId && o.CaseId == sight.Case.Id && o.AchievedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.AchievedAt, now));
        return changed == 1 ? null : Tr.Get("Obiettivo già segnato come raggiunto.");
    }

    public sealed record SessionInput(InterventionKind? Kind, DateTime? StartsAt, int? Minutes, string? Place, string? Participants, string? Note, Guid? OpportunityId, Guid? CardApplicationId = null);

    /// <summary>Records a session (a past date) or an appointment (a future one). <see cref="SessionInput.StartsAt"/> is Rome time.</summary>
    public async Task<Dictionary<string, string>> AddSessionAsync(CaseSight sight, SessionInput input)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get(Closed); return errors; }
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors["Kind"] = Tr.Get("Scegliete il tipo di intervento.");
        DateTime? starts = input.StartsAt is DateTime local ? RomeTime.FromRome(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)) : null;
        if (starts is null) errors["StartsAt"] = Tr.Get("Indicate data e ora.");
        else if (starts < now.AddYears(-2) || starts > now.AddYears(1)) errors["StartsAt"] = Tr.Get("La data non è plausibile.");
        if (input.Minutes is not int m) errors["Minutes"] = Tr.Get("Indicate la durata in minuti.");
        else if (m is < 5 or > 600) errors["Minutes"] = Tr.Get("La durata va da 5 a 600 minuti.");
        var place = Text.Clean(input.Place);
        if (place is null) errors["Place"] = Tr.Get("Indicate il luogo.");
        else if (place.Length > 200) errors["Place"] = Tr.Get("Il luogo può avere al massimo 200 caratteri.");
        var participants = Text.Clean(input.Participants);
        if (participants is null) errors["Participants"] = Tr.Get("Indicate chi ha partecipato (o parteciperà).");
        else if (participants.Length > 300) errors["Participants"] = Tr.Get("Al massimo 300 caratteri.");
        var note = Text.Clean(input.Note);
        if (note is { Length: > 2000 }) errors["Note"] = Tr.Get("La nota breve può avere al massimo 2.000 caratteri.");
        if (input.OpportunityId is Guid opp && !await db.Opportunities.AnyAsync(o => o.Id == opp && o.NetworkId == sight.Case.NetworkId))
            errors["OpportunityId"] = Tr.Get("Scegliete un'opportunità della rete.");
        if (input.CardApplicationId is Guid application && (sight.Case.HouseholdId is not Guid household
                || !await db.CardApplications.AnyAsync(a => a.Id == application && a.HouseholdId == household && a.NetworkId == sight.Case.NetworkId)))
            errors["CardApplicationId"] = Tr.Get("Scegliete una domanda di Carta Famiglia di questo nucleo.");
        if (errors.Count > 0) return errors;
        db.CaseSessions.Add(new CaseSession
        {
            Id = Guid.NewGuid(), CaseId = sight.Case.Id, Kind = input.Kind!.Value, StartsAt = starts!.Value, Minutes = input.Minutes!.Value,
            Place = place!, Participants = participants!, NoteProtected = text.Protect(note), OpportunityId = input.OpportunityId, CardApplicationId = input.CardApplicationId,
            RecordedByUserId = sight.UserId, CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return errors;
    }

    public async Task<Dictionary<string, string>> AddFollowUpAsync(CaseSight sight, string? title, DateOnly? due, Guid? assignee)
    {
        var errors = new Dictionary<string, string>();
        if (!sight.CanWork) { errors[""] = Tr.Get(Closed); return errors; }
        var clean = Text.Clean(title);
        var today = RomeTime.Today(clock);
        if (clean is null) errors["Title"] = Tr.Get("Scrivete che cosa va fatto.");
        else if (clean.Length > 300) errors["Title"] = Tr.Get("Al massimo 300 caratteri.");
        if (due is not DateOnly d) errors["DueDate"] = Tr.Get("Indicate la scadenza.");
        else if (d < today.AddMonths(-1) || d > today.AddYears(2)) errors["DueDate"] = Tr.Get("La scadenza non è plausibile.");
        if (assignee is Guid a && !await db.CaseMembers.AnyAsync(m => m.CaseId == sight.Case.Id && m.UserId == a))
            errors["AssignedUserId"] = Tr.Get("Scegliete una persona della squadra.");
        if (errors.Count > 0) return errors;
        db.CaseFollowUps.Add(new CaseFollowUp
        {
            Id = Guid.NewGuid(), CaseId = sight.Case.Id, Title = clean!, DueDate = due!.Value, AssignedUserId = assignee ?? sight.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>Marks a follow-up done: by the case's operators, or by the volunteer it was given to.</summary>
    public async Task<string?> CompleteFollowUpAsync(CaseSight sight, Guid followUpId)
    {
        if (sight.Case.Status == CaseStatus.Closed) return Tr.Get(Closed);
        if (sight.View == CaseView.Supervisor) return Tr.Get("Le attività le segna chi lavora al percorso.");
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = sight.View == CaseView.Volunteer;
        var changed = await db.CaseFollowUps.Where(f => f.Id == followUpId && f.CaseId == sight.Case.Id && f.DoneAt == null && (!mine || f.AssignedUserId == sight.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.DoneAt, now));
        return changed == 1 ? null : Tr.Get("Attività già segnata come fatta.");
    }
}
