using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>Who decides: the network, and the Comune an officer is bound to (null = every Comune: coordinators, administrators).</summary>
public sealed record OfficeScope(Guid NetworkId, Guid? ComuneId, Guid UserId, string UserName)
{
    public bool Covers(Guid networkId, Guid comuneId) => networkId == NetworkId && (ComuneId is null || ComuneId == comuneId);
}

/// <summary>Applications (the family applies, the officer of its Comune decides) and the cards' life: issue, suspend, revoke, replace, renew.</summary>
public sealed class CardApplications(AppDbContext db, Households households, HouseholdEligibility eligibility, TimeProvider clock, AuditLog audit, NotificationService notifications)
{
    /// <summary>Applies for the signed-in family. Returns an error in words, or null.</summary>
    public async Task<string?> ApplyAsync(Guid networkId, Guid userId)
    {
        var household = await households.MineAsync(networkId, userId);
        if (household is null) return "Registrate prima il vostro nucleo familiare.";
        if (await db.CardApplications.AnyAsync(a => a.HouseholdId == household.Id && a.Status == ApplicationStatus.Submitted))
            return "C'è già una domanda in attesa di decisione.";
        var now = clock.GetUtcNow().UtcDateTime;
        var adultIds = household.Members.Where(m => m.Role == MemberRole.Adult).Select(m => m.Id).ToList();
        var holding = await db.Cards.CountAsync(c => adultIds.Contains(c.MemberId) && c.Status == CardStatus.Active && c.ValidUntil > now);
        if (adultIds.Count > 0 && holding >= adultIds.Count) return "Ogni adulto del nucleo ha già una carta valida.";
        var verdict = await eligibility.EvaluateAsync(household);
        if (!verdict.Eligible) return "Il nucleo non ha i requisiti: " + verdict.Summary;

        var application = new CardApplication
        {
            Id = Guid.NewGuid(), NetworkId = networkId, HouseholdId = household.Id, ComuneId = household.ComuneId,
            Status = ApplicationStatus.Submitted, SubmittedAt = now, EligibilitySummary = verdict.Summary,
        };
        db.CardApplications.Add(application);
        audit.Add("card.applied", "CardApplication", application.Id, null, networkId);
        // One pending application per household (a unique index): a twin request that got here first holds it.
        if (!await db.TrySaveAsync()) return "C'è già una domanda in attesa di decisione.";

        var rules = await eligibility.RulesAsync(networkId);
        if (rules.AutoApprove)
        {
            await DecideAsync(application.Id, new OfficeScope(networkId, null, userId, "approvazione automatica"), approve: true, "Approvata automaticamente: requisiti verificati dalla piattaforma.");
            return null;
        }
        var slug = await SlugAsync(networkId);
        await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, networkId, [userId], "Domanda di Carta Famiglia ricevuta",
            "Abbiamo ricevuto la vostra domanda di Carta Famiglia. L'ufficio del vostro Comune la valuterà e vi scriveremo appena sarà decisa.",
            $"/carta-famiglia/domanda?rete={slug}") { LinkLabel = "Vedi la domanda" });
        // The municipal officers of the household's Comune (and those who cover every Comune of the network) decide it.
        var officers = await db.Memberships.AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.Role == NetworkRole.MunicipalOfficer && (m.ComuneId == null || m.ComuneId == household.ComuneId))
            .Select(m => m.UserId).Distinct().ToListAsync();
        var comune = await db.Comuni.AsNoTracking().Where(c => c.Id == household.ComuneId).Select(c => c.Name).FirstOrDefaultAsync();
        await notifications.NotifyAsync(new(NotificationKinds.CardApplicationReceived.Key, networkId, officers, $"Nuova domanda di Carta Famiglia da {comune}",
            $"Una famiglia residente a {comune} ha presentato una domanda di Carta Famiglia.\n\nVerifica dei requisiti fatta dalla piattaforma: {verdict.Summary}",
            $"/gestione/carta-famiglia/domande/{application.Id}?rete={slug}") { LinkLabel = "Valuta la domanda" });
        return null;
    }

    public async Task<string?> WithdrawAsync(Guid networkId, Guid userId, Guid applicationId)
    {
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.NetworkId == networkId
            && a.Status == ApplicationStatus.Submitted && db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId));
        if (application is null) return "Domanda non trovata o già decisa.";
        application.Status = ApplicationStatus.Withdrawn;
        application.DecidedAt = clock.GetUtcNow().UtcDateTime;
        if (!await db.TrySaveAsync()) return "La domanda è già stata ritirata o decisa.";
        return null;
    }

    /// <summary>Approves (issuing a card to each adult without one) or rejects (a reason is required). Null on success.</summary>
    public async Task<string?> DecideAsync(Guid applicationId, OfficeScope scope, bool approve, string? reason)
    {
        reason = Text.Clean(reason);
        if (!approve && reason is null) return "Scrivete il motivo del rifiuto: la famiglia lo leggerà.";
        if (reason?.Length > 2000) return "Il motivo può avere al massimo 2000 caratteri.";
        var application = await db.CardApplications.FirstOrDefaultAsync(a => a.Id == applicationId);
        if (application is null || !scope.Covers(application.NetworkId, application.ComuneId)) return "Domanda non trovata.";
        if (application.Status != ApplicationStatus.Submitted) return "La domanda è già stata decisa.";
        var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == application.HouseholdId);
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = new List<Card>();
        // Cards past their date are replaced in a save of their own: all of it commits with the decision, or none.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (approve)
        {
            var verdict = await eligibility.EvaluateAsync(household);
            if (!verdict.Eligible || verdict.ValidUntil is not DateOnly until)
                return "Oggi il nucleo non ha più i requisiti: " + verdict.Summary + " Respingete la domanda indicando il motivo.";
            var validUntil = RomeTime.FromRome(until, TimeOnly.MinValue);
            var adults = household.Members.Where(m => m.Role == MemberRole.Adult).ToList();
            var adultIds = adults.Select(a => a.Id).ToList();
            // A member keeps a live card (active or suspended) still in date; a live card past its date gives way to the new one.
            var live = await db.Cards.Where(c => adultIds.Contains(c.MemberId) && (c.Status == CardStatus.Active || c.Status == CardStatus.Suspended)).ToListAsync();
            try
            {
                foreach (var adult in adults.Where(a => !live.Any(c => c.MemberId == a.Id && c.ValidUntil > now)))
                    issued.Add(await NewCardAsync(household, adult, validUntil, now, live.Where(c => c.MemberId == adult.Id).ToList()));
            }
            catch (DbUpdateException e) when (e.IsLostRace()) { return "La domanda è già stata decisa."; }
        }
        application.Status = approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        application.DecidedAt = now;
        application.DecidedByUserId = scope.UserId;
        application.DecidedByName = scope.UserName;
        application.Reason = reason;
        audit.Add(approve ? "card.application-approved" : "card.application-rejected", "CardApplication", application.Id,
            approve ? $"{issued.Count} carte emesse" : reason, application.NetworkId);
        // Conditional on the application's version: of two decisions at once, one issues the cards; the other changes nothing.
        if (!await db.TrySaveAsync()) return "La domanda è già stata decisa.";
        await transaction.CommitAsync();
        var (subject, body) = approve
            ? ("La vostra Carta Famiglia è pronta", $"La domanda di Carta Famiglia è stata approvata: {issued.Count} {(issued.Count == 1 ? "carta emessa" : "carte emesse")}.\n\nLa trovate nella pagina «La mia Carta Famiglia» sul sito della rete: potete attivarla sul telefono o stamparla.")
            : ("Domanda di Carta Famiglia respinta", $"La domanda di Carta Famiglia non è stata approvata.\n\nMotivo: {reason}\n\nPotete correggere i dati del nucleo e presentarne una nuova.");
        // The decision is saved; a failed mail is logged by the service and the family also sees it on the site.
        await notifications.NotifyAsync(new(NotificationKinds.CardApplication.Key, application.NetworkId, household.OwnerUserId is Guid owner ? [owner] : [], subject, body,
            $"/carta-famiglia/domanda?rete={await SlugAsync(application.NetworkId)}") { LinkLabel = approve ? "Vedi la carta" : "Vedi la domanda" });
        return null;
    }

    /// <summary>
    /// A new active card for the member; <paramref name="previous"/> (the member's live cards, tracked) become replaced by it,
    /// so the rule "one live card per member" (a unique index) holds. They are written first, in a save of their own inside
    /// the caller's transaction, since the index is checked row by row.
    /// </summary>
    async Task<Card> NewCardAsync(Household household, HouseholdMember adult, DateTime validUntil, DateTime now, IReadOnlyList<Card> previous)
    {
        string number;
        do number = CardNumbers.New(); while (await db.Cards.AnyAsync(c => c.Number == number));
        var card = new Card
        {
            Id = Guid.NewGuid(), NetworkId = household.NetworkId, HouseholdId = household.Id, MemberId = adult.Id, ComuneId = household.ComuneId,
            Number = number, HolderFirstName = adult.FirstName, HolderLastName = adult.LastName, Status = CardStatus.Active,
            IssuedAt = now, ValidUntil = validUntil,
        };
        foreach (var old in previous)
        {
            old.Status = CardStatus.Replaced;
            old.StatusChangedAt = now;
            old.StatusReason ??= "Sostituita dalla nuova carta.";
        }
        if (previous.Count > 0) await db.SaveChangesAsync();
        foreach (var old in previous) old.ReplacedByCardId = card.Id;
        db.Cards.Add(card);
        return card;
    }

    public enum CardAction { Suspend, Reactivate, Revoke, Replace, Renew }

    /// <summary>The officer's actions on a card. Revocation and suspension take effect at the next verification (there is no cache of card status).</summary>
    public async Task<(string? Error, Guid? NewCardId)> ChangeCardAsync(Guid cardId, OfficeScope scope, CardAction action, string? reason)
    {
        reason = Text.Clean(reason);
        if (reason?.Length > 500) return ("Il motivo può avere al massimo 500 caratteri.", null);
        var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId);
        if (card is null || !scope.Covers(card.NetworkId, card.ComuneId)) return ("Carta non trovata.", null);
        var now = clock.GetUtcNow().UtcDateTime;
        if (action is CardAction.Suspend or CardAction.Revoke && reason is null) return ("Scrivete il motivo.", null);
        Guid? replacement = null;
        // A replacement writes the old card before the new one (see NewCardAsync): both commit together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        switch (action)
        {
            case CardAction.Suspend when card.Status == CardStatus.Active:
                card.Status = CardStatus.Suspended; break;
            case CardAction.Reactivate when card.Status == CardStatus.Suspended:
                card.Status = CardStatus.Active; break;
            case CardAction.Revoke when card.Status is CardStatus.Active or CardStatus.Suspended:
                card.Status = CardStatus.Revoked; break;
            case CardAction.Replace when card.Status is CardStatus.Active or CardStatus.Suspended:
            {
                var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == card.HouseholdId);
                var member = household.Members.First(m => m.Id == card.MemberId);
                reason ??= "Carta smarrita: sostituita.";
                card.StatusReason = reason;
                try { replacement = (await NewCardAsync(household, member, card.ValidUntil, now, [card])).Id; }
                catch (DbUpdateException e) when (e.IsLostRace()) { return (Concurrency.AlreadyDone, null); }
                break;
            }
            case CardAction.Renew when card.Status == CardStatus.Active:
            {
                var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == card.HouseholdId);
                var verdict = await eligibility.EvaluateAsync(household);
                if (!verdict.Eligible || verdict.ValidUntil is not DateOnly until) return ("Il nucleo non ha più i requisiti: " + verdict.Summary, null);
                var newUntil = RomeTime.FromRome(until, TimeOnly.MinValue);
                if (newUntil <= card.ValidUntil) return ($"La scadenza resta il {RomeTime.Format(card.ValidUntil, "d/M/yyyy")}: non c'è niente da rinnovare.", null);
                card.ValidUntil = newUntil;
                card.ReminderSentAt = null;
                reason ??= $"Rinnovata fino al {until:d/M/yyyy}.";
                break;
            }
            default:
                return ("Questa operazione non si può fare sulla carta nel suo stato attuale.", null);
        }
        card.StatusChangedAt = now;
        card.StatusReason = reason;
        audit.Add("card." + action.ToString().ToLowerInvariant(), "Card", card.Id, reason, card.NetworkId);
        // Conditional on the card's version: of two changes at once, the second finds the card changed and does nothing.
        if (!await db.TrySaveAsync()) return (Concurrency.AlreadyDone, null);
        await transaction.CommitAsync();
        return (null, replacement);
    }

    Task<string> SlugAsync(Guid networkId) => db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => n.Slug).FirstAsync();

}

/// <summary>The scope of the person deciding, from their roles here.</summary>
public static class OfficeScopes
{
    public static async Task<OfficeScope?> ForAsync(Platform.Tenancy.CurrentAccess access, Platform.Tenancy.CurrentNetwork network)
    {
        if (!network.IsResolved || access.UserId is not Guid userId) return null;
        var name = access.User.Identity?.Name ?? "";
        if (await access.CanManageNetworkAsync()) return new OfficeScope(network.Id, null, userId, name);
        var officer = (await access.RolesHereAsync()).Where(m => m.Role == Platform.Auth.NetworkRole.MunicipalOfficer).ToList();
        if (officer.Count == 0) return null;
        // An officer bound to one Comune sees that Comune; one without a Comune sees the whole network.
        return new OfficeScope(network.Id, officer.Any(m => m.ComuneId is null) ? null : officer[0].ComuneId, userId, name);
    }
}
