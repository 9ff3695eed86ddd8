using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>A family's own household: registering it, its members, and what the eligibility rule says of it.</summary>
public sealed class Households(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const int MaxMembers = 15;

    public Task<Household?> MineAsync(Guid networkId, Guid userId) =>
        db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.NetworkId == networkId && h.OwnerUserId == userId);

    public async Task<CardRules> RulesAsync(Guid networkId) =>
        await db.CardRules.AsNoTracking().FirstOrDefaultAsync(r => r.NetworkId == networkId) ?? new CardRules { NetworkId = networkId };

    public sealed record Basics(Guid ComuneId, IseeBand? IseeBand, DateOnly? IseeDate, bool Consent);

    /// <summary>Creates or updates the household's Comune, ISEE band and consent. Returns field errors.</summary>
    public async Task<Dictionary<string, string>> SaveBasicsAsync(Guid networkId, Guid userId, Basics input)
    {
        var errors = new Dictionary<string, string>();
        if (!await db.Comuni.AnyAsync(c => c.Id == input.ComuneId && c.NetworkId == networkId))
            errors["ComuneId"] = "Scegliete il Comune di residenza tra quelli della rete.";
        var today = RomeTime.Today(clock);
        if (input.IseeBand is not null && input.IseeDate is null) errors["IseeDate"] = "Indicate la data dell'attestazione ISEE.";
        if (input.IseeDate is DateOnly d && (d > today || d < today.AddYears(-5))) errors["IseeDate"] = "La data dell'attestazione ISEE non è plausibile.";
        if (input.IseeDate is not null && input.IseeBand is null) errors["IseeBand"] = "Indicate la fascia ISEE, o lasciate vuota anche la data.";
        if (!input.Consent) errors["Consent"] = "Per registrare il nucleo serve il consenso al trattamento dei dati.";
        if (errors.Count > 0) return errors;

        var rules = await RulesAsync(networkId);
        var now = clock.GetUtcNow().UtcDateTime;
        var household = await MineAsync(networkId, userId);
        if (household is null)
        {
            household = new Household { Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = userId, CreatedAt = now };
            db.Households.Add(household);
        }
        if (household.PrivacyVersion != rules.PrivacyVersion)
        {
            household.PrivacyVersion = rules.PrivacyVersion;
            household.PrivacyConsentAt = now;
            // The history of consents, with versions, for «I miei dati».
            Accounts.ConsentRecords.Add(db, userId, networkId, Accounts.ConsentKinds.HouseholdCard, rules.PrivacyVersion, now);
        }
        household.ComuneId = input.ComuneId;
        household.IseeBand = input.IseeBand;
        household.IseeDate = input.IseeBand is null ? null : input.IseeDate;
        household.UpdatedAt = now;
        audit.Add("household.saved", "Household", household.Id, null, networkId);
        await db.SaveChangesAsync();
        return errors;
    }

    public sealed record NewMember(MemberRole? Role, string? FirstName, string? LastName, DateOnly? BirthDate);

    public async Task<Dictionary<string, string>> AddMemberAsync(Guid networkId, Guid userId, NewMember input)
    {
        var errors = new Dictionary<string, string>();
        var household = await MineAsync(networkId, userId);
        if (household is null) { errors[""] = "Registrate prima il nucleo (Comune di residenza e consenso)."; return errors; }
        var today = RomeTime.Today(clock);
        if (input.Role is null || !Enum.IsDefined(input.Role.Value)) errors["Role"] = "Indicate se è un adulto o un figlio/a.";
        if (string.IsNullOrWhiteSpace(input.FirstName)) errors["FirstName"] = "Scrivete il nome.";
        else if (input.FirstName.Trim().Length > 100) errors["FirstName"] = "Il nome può avere al massimo 100 caratteri.";
        if (string.IsNullOrWhiteSpace(input.LastName)) errors["LastName"] = "Scrivete il cognome.";
        else if (input.LastName.Trim().Length > 100) errors["LastName"] = "Il cognome può avere al massimo 100 caratteri.";
        if (input.BirthDate is not DateOnly birth) errors["BirthDate"] = "Indicate la data di nascita.";
        else if (birth > today) errors["BirthDate"] = "La data di nascita non può essere nel futuro.";
        else if (birth < today.AddYears(-110)) errors["BirthDate"] = "La data di nascita non è plausibile.";
        else if (input.Role == MemberRole.Adult && birth > today.AddYears(-18)) errors["BirthDate"] = "Un adulto deve avere almeno 18 anni: indicatelo come figlio/a.";
        if (household.Members.Count >= MaxMembers) errors[""] = $"Un nucleo può avere al massimo {MaxMembers} persone.";
        if (errors.Count > 0) return errors;

        // Added to the set, not only to the collection: a new row with its key already set would otherwise be taken for an update.
        db.HouseholdMembers.Add(new HouseholdMember
        {
            Id = Guid.NewGuid(), HouseholdId = household.Id, Role = input.Role!.Value,
            FirstName = Text.Clean(input.FirstName)!, LastName = Text.Clean(input.LastName)!, BirthDate = input.BirthDate!.Value,
        });
        household.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>Removes a member; refused (with the reason) while the person holds a card that still works.</summary>
    public async Task<string?> RemoveMemberAsync(Guid networkId, Guid userId, Guid memberId)
    {
        var household = await MineAsync(networkId, userId);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (member is null) return "Persona non trovata nel nucleo.";
        if (await db.Cards.AnyAsync(c => c.MemberId == memberId))
            return $"{member.FirstName} ha una Carta Famiglia: chiedete al Comune di revocarla prima di toglierla dal nucleo.";
        household!.Members.Remove(member);
        db.HouseholdMembers.Remove(member);
        household.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>The rule applied to the household as it is today.</summary>
    public async Task<EligibilityVerdict> EvaluateAsync(Household household)
    {
        var rules = await RulesAsync(household.NetworkId);
        var resident = await db.Comuni.AnyAsync(c => c.Id == household.ComuneId && c.NetworkId == household.NetworkId);
        var facts = new HouseholdFacts(resident,
            household.Members.Where(m => m.Role == MemberRole.Child).Select(m => m.BirthDate).ToList(),
            household.Members.Count(m => m.Role == MemberRole.Adult), household.IseeBand, household.IseeDate);
        return Eligibility.Evaluate(rules, facts, RomeTime.Today(clock));
    }
}
