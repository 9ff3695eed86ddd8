using System.Security.Cryptography;
using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Families;

/// <summary>Another module's reason why a member cannot leave the household (e.g. the Family Card module: a card still in use).</summary>
public interface IHouseholdMemberGuard
{
    /// <summary>Why <paramref name="member"/> cannot be removed now, in words for the family, or null.</summary>
    Task<string?> RemovalProblemAsync(HouseholdMember member, CancellationToken cancel = default);
}

/// <summary>
/// The household: a family registering its own, its members, and an operator registering one for a family without an
/// account, which the family later claims with a one-time code.
/// </summary>
public sealed class Households(AppDbContext db, TimeProvider clock, AuditLog audit, IEnumerable<IHouseholdMemberGuard> guards)
{
    public const int MaxMembers = 15;
    /// <summary>How long a claim code the operator hands to the family stays good.</summary>
    public static readonly TimeSpan ClaimCodeLifetime = TimeSpan.FromDays(30);
    const string ClaimAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Task<Household?> MineAsync(Guid networkId, Guid userId) =>
        db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.NetworkId == networkId && h.OwnerUserId == userId);

    public sealed record Basics(Guid ComuneId, IseeBand? IseeBand, DateOnly? IseeDate, bool Consent);

    /// <summary>
    /// Creates or updates the household's Comune, ISEE band and consent to the notice of version <paramref name="privacyVersion"/>
    /// (the network's notice, kept in the Family Card's rules). Returns field errors.
    /// </summary>
    public async Task<Dictionary<string, string>> SaveBasicsAsync(Guid networkId, Guid userId, Basics input, string privacyVersion)
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

        var now = clock.GetUtcNow().UtcDateTime;
        var household = await MineAsync(networkId, userId);
        if (household is null)
        {
            household = new Household { Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = userId, CreatedAt = now };
            db.Households.Add(household);
        }
        if (household.PrivacyVersion != privacyVersion)
        {
            household.PrivacyVersion = privacyVersion;
            household.PrivacyConsentAt = now;
            // The history of consents, with versions, for «I miei dati».
            Accounts.ConsentRecords.Add(db, userId, networkId, Accounts.ConsentKinds.HouseholdCard, privacyVersion, now);
        }
        household.ComuneId = input.ComuneId;
        household.IseeBand = input.IseeBand;
        household.IseeDate = input.IseeBand is null ? null : input.IseeDate;
        household.UpdatedAt = now;
        audit.Add("household.saved", "Household", household.Id, null, networkId);
        await db.SaveChangesAsync();
        return errors;
    }

    public sealed record NewMember(MemberRole? Role, string? FirstName, string? LastName, DateOnly? BirthDate, string? FiscalCode = null, MemberSex? Sex = null);

    /// <summary>The field errors of a new member (names, birth date plausible for the role, optional codice fiscale).</summary>
    public Dictionary<string, string> Validate(NewMember input)
    {
        var errors = new Dictionary<string, string>();
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
        if (input.Sex is MemberSex sex && !Enum.IsDefined(sex)) errors["Sex"] = "Scegliete il sesso tra quelli proposti.";
        else if (ItalianFiscalCode.Problem(input.FiscalCode, errors.ContainsKey("BirthDate") ? null : input.BirthDate, input.Sex) is { } problem) errors["FiscalCode"] = problem;
        return errors;
    }

    const string FiscalCodeTaken = "Questo codice fiscale è già di una persona registrata nella rete: controllate di averlo scritto bene, o chiedete all'operatore del Comune.";

    /// <summary>Whether another member of a household of the network already has <paramref name="code"/> (normalized).</summary>
    public Task<bool> FiscalCodeTakenAsync(Guid networkId, string code, Guid? exceptMemberId = null, CancellationToken cancel = default) =>
        db.HouseholdMembers.AnyAsync(m => m.FiscalCode == code && m.Id != exceptMemberId && db.Households.Any(h => h.Id == m.HouseholdId && h.NetworkId == networkId), cancel);

    HouseholdMember NewRow(Guid householdId, NewMember input) => new()
    {
        Id = Guid.NewGuid(), HouseholdId = householdId, Role = input.Role!.Value,
        FirstName = Text.Clean(input.FirstName)!, LastName = Text.Clean(input.LastName)!, BirthDate = input.BirthDate!.Value,
        FiscalCode = ItalianFiscalCode.Normalize(input.FiscalCode), Sex = input.Sex,
    };

    public async Task<Dictionary<string, string>> AddMemberAsync(Guid networkId, Guid userId, NewMember input)
    {
        var household = await MineAsync(networkId, userId);
        if (household is null) return new() { [""] = "Registrate prima il nucleo (Comune di residenza e consenso)." };
        var errors = Validate(input);
        if (household.Members.Count >= MaxMembers) errors[""] = $"Un nucleo può avere al massimo {MaxMembers} persone.";
        if (!errors.ContainsKey("FiscalCode") && ItalianFiscalCode.Normalize(input.FiscalCode) is { } code && await FiscalCodeTakenAsync(networkId, code))
            errors["FiscalCode"] = FiscalCodeTaken;
        if (errors.Count > 0) return errors;

        // Added to the set, not only to the collection: a new row with its key already set would otherwise be taken for an update.
        var row = NewRow(household.Id, input);
        await VerifyFromAccountAsync(userId, row);
        db.HouseholdMembers.Add(row);
        household.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>
    /// The family writes or corrects a member's codice fiscale (and sex): checked against the birth date and sex, unique in the
    /// network. A changed code is no longer verified. Returns field errors keyed "FiscalCode" / "Sex" (or "" for the member).
    /// </summary>
    public async Task<Dictionary<string, string>> SetFiscalCodeAsync(Guid networkId, Guid userId, Guid memberId, string? fiscalCode, MemberSex? sex)
    {
        var household = await MineAsync(networkId, userId);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (member is null) return new() { [""] = "Persona non trovata nel nucleo." };
        var errors = new Dictionary<string, string>();
        var code = ItalianFiscalCode.Normalize(fiscalCode);
        if (code is null) errors["FiscalCode"] = "Scrivete il codice fiscale (16 caratteri, come sulla tessera sanitaria).";
        else if (sex is MemberSex s && !Enum.IsDefined(s)) errors["Sex"] = "Scegliete il sesso tra quelli proposti.";
        else if (ItalianFiscalCode.Problem(code, member.BirthDate, sex) is { } problem) errors["FiscalCode"] = problem;
        else if (await FiscalCodeTakenAsync(networkId, code, member.Id)) errors["FiscalCode"] = FiscalCodeTaken;
        if (errors.Count > 0) return errors;
        if (member.FiscalCode != code) { member.FiscalCodeVerifiedAt = null; member.FiscalCodeVerifiedBy = null; }
        member.FiscalCode = code;
        member.Sex = sex;
        await VerifyFromAccountAsync(userId, member);
        household!.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add("household.fiscal-code-saved", "Household", household.Id, $"{member.FirstName} {member.LastName}", networkId);
        await db.SaveChangesAsync();
        return errors;
    }

    /// <summary>
    /// An adult member whose code is the one a digital identity vouched for on the owner's account (signed in with SPID or
    /// CIE before the member was written) is verified at once, without waiting for the next sign-in.
    /// </summary>
    async Task VerifyFromAccountAsync(Guid userId, HouseholdMember member)
    {
        if (member.Role != MemberRole.Adult || member.FiscalCode is null || member.FiscalCodeVerifiedAt is not null) return;
        if (await db.Users.AnyAsync(u => u.Id == userId && u.VerifiedFiscalCode == member.FiscalCode))
        {
            member.FiscalCodeVerifiedAt = clock.GetUtcNow().UtcDateTime;
            member.FiscalCodeVerifiedBy = "SPID o CIE";
        }
    }

    /// <summary>
    /// For the sign-in with a digital identity (SPID, CIE): the identity provider vouched that the person with account
    /// <paramref name="userId"/> has codice fiscale <paramref name="fiscalCode"/>. Every adult member with that code in the
    /// households the account owns (in any network) becomes verified — the officer sees «verificato con SPID» instead of
    /// «dichiarato». Returns how many members were marked (0 when the family has not written that code on a member yet: the
    /// mark is not remembered, call again at the next sign-in). Idempotent; a code changed later loses the mark.
    /// </summary>
    public async Task<int> MarkFiscalCodeVerifiedAsync(Guid userId, string fiscalCode, string method, CancellationToken cancel = default)
    {
        var code = ItalianFiscalCode.Normalize(fiscalCode);
        if (code is null || ItalianFiscalCode.Decode(code).Code is null) return 0;
        var how = Text.Clean(method) is { } m ? (m.Length > 20 ? m[..20] : m) : "SPID";
        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.HouseholdMembers
            .Where(x => x.FiscalCode == code && x.Role == MemberRole.Adult && db.Households.Any(h => h.Id == x.HouseholdId && h.OwnerUserId == userId))
            .ToListAsync(cancel);
        foreach (var member in members)
        {
            member.FiscalCodeVerifiedAt = now;
            member.FiscalCodeVerifiedBy = how;
        }
        if (members.Count == 0) return 0;
        foreach (var networkId in await db.Households.Where(h => h.OwnerUserId == userId).Select(h => h.NetworkId).ToListAsync(cancel))
            audit.Add("household.fiscal-code-verified", "HouseholdMember", members[0].Id, how, networkId);
        await db.SaveChangesAsync(cancel);
        return members.Count;
    }

    /// <summary>Removes a member; refused (with the reason) while another module still needs the person (e.g. a card in use).</summary>
    public async Task<string?> RemoveMemberAsync(Guid networkId, Guid userId, Guid memberId)
    {
        var household = await MineAsync(networkId, userId);
        var member = household?.Members.FirstOrDefault(m => m.Id == memberId);
        if (member is null) return "Persona non trovata nel nucleo.";
        foreach (var guard in guards)
            if (await guard.RemovalProblemAsync(member) is { } problem) return problem;
        household!.Members.Remove(member);
        db.HouseholdMembers.Remove(member);
        household.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return null;
    }

    // ---- Households registered by an operator ----

    /// <summary>A household an operator may find before registering a new one (to avoid duplicates).</summary>
    public sealed record Match(Guid Id, string Comune, string People, int Children, bool HasAccount);

    /// <summary>
    /// Households of the network with a member whose codice fiscale is <paramref name="query"/>, or whose surname (and, when
    /// given, first name) starts with it; at most 20. A query shorter than 2 characters finds nothing.
    /// </summary>
    public async Task<List<Match>> SearchAsync(Guid networkId, string? query, DateOnly? birthDate = null, CancellationToken cancel = default)
    {
        var q = Text.Clean(query);
        if (q is null || q.Length < 2) return [];
        if (q.Length > 100) q = q[..100];
        var members = db.HouseholdMembers.AsNoTracking().Where(m => db.Households.Any(h => h.Id == m.HouseholdId && h.NetworkId == networkId));
        var code = ItalianFiscalCode.Normalize(q)!;
        if (code.Length == 16 && ItalianFiscalCode.Decode(code).Code is not null) members = members.Where(m => m.FiscalCode == code);
        else
        {
            var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var last = words[0].ToLower();
            members = members.Where(m => m.LastName.ToLower().StartsWith(last));
            if (words.Length > 1)
            {
                var first = words[1].ToLower();
                members = members.Where(m => m.FirstName.ToLower().StartsWith(first) || m.LastName.ToLower().StartsWith(first));
            }
            if (birthDate is DateOnly born) members = members.Where(m => m.BirthDate == born);
        }
        var ids = await members.Select(m => m.HouseholdId).Distinct().Take(20).ToListAsync(cancel);
        var rows = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new
            {
                h.Id, Comune = db.Comuni.Where(c => c.Id == h.ComuneId).Select(c => c.Name).FirstOrDefault() ?? "",
                Adults = h.Members.Where(m => m.Role == MemberRole.Adult).OrderBy(m => m.BirthDate).Select(m => new { m.FirstName, m.LastName, m.BirthDate }).ToList(),
                Children = h.Members.Count(m => m.Role == MemberRole.Child), HasAccount = h.OwnerUserId != null,
            }).ToListAsync(cancel);
        return rows.Select(r => new Match(r.Id, r.Comune,
                string.Join(", ", r.Adults.Select(a => $"{a.FirstName} {a.LastName} ({a.BirthDate:dd/MM/yyyy})")), r.Children, r.HasAccount))
            .OrderBy(r => r.People).ToList();
    }

    /// <summary>The household's display name for operators: its adults' names (first the eldest), or its Comune when it has none.</summary>
    public async Task<string?> NameAsync(Guid networkId, Guid householdId, CancellationToken cancel = default)
    {
        var row = await db.Households.AsNoTracking().Where(h => h.Id == householdId && h.NetworkId == networkId)
            .Select(h => new { Adults = h.Members.Where(m => m.Role == MemberRole.Adult).OrderBy(m => m.BirthDate).Select(m => m.FirstName + " " + m.LastName).ToList() })
            .FirstOrDefaultAsync(cancel);
        return row is null ? null : row.Adults.Count == 0 ? "Nucleo senza adulti registrati" : string.Join(" e ", row.Adults);
    }

    /// <summary>Display names (adults' names) of several households of the network, for operators' lists.</summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(Guid networkId, IReadOnlyCollection<Guid> ids, CancellationToken cancel = default)
    {
        if (ids.Count == 0) return [];
        var rows = await db.HouseholdMembers.AsNoTracking()
            .Where(m => ids.Contains(m.HouseholdId) && m.Role == MemberRole.Adult && db.Households.Any(h => h.Id == m.HouseholdId && h.NetworkId == networkId))
            .Select(m => new { m.HouseholdId, m.FirstName, m.LastName, m.BirthDate }).ToListAsync(cancel);
        return rows.GroupBy(r => r.HouseholdId).ToDictionary(g => g.Key, g => string.Join(" e ", g.OrderBy(r => r.BirthDate).Select(r => $"{r.FirstName} {r.LastName}")));
    }

    /// <summary>The household of a person in a network (the family's own), or null.</summary>
    public Task<Guid?> IdOfAsync(Guid networkId, Guid userId, CancellationToken cancel = default) =>
        db.Households.AsNoTracking().Where(h => h.NetworkId == networkId && h.OwnerUserId == userId).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(cancel);

    public sealed record OperatorRegistration(Guid? ComuneId, NewMember Adult, IReadOnlyList<NewMember> Children);

    /// <summary>
    /// An operator registers the household of a family without an account: the Comune, one adult of reference and the
    /// children. The household has no owner until the family claims it. Field errors are keyed "ComuneId", "Adult.X", "Children[i].X".
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string> Errors)> RegisterForFamilyAsync(Guid networkId, Guid operatorUserId, Guid? partnerId, OperatorRegistration input)
    {
        var errors = new Dictionary<string, string>();
        if (input.ComuneId is not Guid comune || !await db.Comuni.AnyAsync(c => c.Id == comune && c.NetworkId == networkId))
            errors["ComuneId"] = "Scegliete il Comune di residenza tra quelli della rete.";
        foreach (var (k, v) in Validate(input.Adult with { Role = MemberRole.Adult })) errors[$"Adult.{k}"] = v;
        for (var i = 0; i < input.Children.Count; i++)
            foreach (var (k, v) in Validate(input.Children[i] with { Role = MemberRole.Child })) errors[$"Children[{i}].{k}"] = v;
        if (input.Children.Count + 1 > MaxMembers) errors[""] = $"Un nucleo può avere al massimo {MaxMembers} persone.";
        var people = new[] { ("Adult", input.Adult) }.Concat(input.Children.Select((c, i) => ($"Children[{i}]", c)));
        var codes = new HashSet<string>();
        foreach (var (key, person) in people)
            if (!errors.ContainsKey($"{key}.FiscalCode") && ItalianFiscalCode.Normalize(person.FiscalCode) is { } code
                && (!codes.Add(code) || await FiscalCodeTakenAsync(networkId, code)))
                errors[$"{key}.FiscalCode"] = FiscalCodeTaken;
        if (errors.Count > 0) return (null, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var household = new Household
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = null, RegisteredByUserId = operatorUserId, RegisteredByPartnerId = partnerId,
            ComuneId = input.ComuneId!.Value, CreatedAt = now, UpdatedAt = now,
        };
        db.Households.Add(household);
        db.HouseholdMembers.Add(NewRow(household.Id, input.Adult with { Role = MemberRole.Adult }));
        foreach (var child in input.Children) db.HouseholdMembers.Add(NewRow(household.Id, child with { Role = MemberRole.Child }));
        audit.Add("household.registered-by-operator", "Household", household.Id, null, networkId);
        await db.SaveChangesAsync();
        return (household.Id, errors);
    }

    static string HashCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>"ABCD-EFGH-JK" → "ABCDEFGHJK" (upper case, without spaces and dashes), or null.</summary>
    public static string? NormalizeClaimCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    /// <summary>
    /// A new one-time code (shown once) the operator gives the family so it can claim the household with its account;
    /// replaces any earlier code. Null when the household is not the network's or already has an account.
    /// </summary>
    public async Task<string?> IssueClaimCodeAsync(Guid networkId, Guid householdId)
    {
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++) chars[i] = ClaimAlphabet[RandomNumberGenerator.GetInt32(ClaimAlphabet.Length)];
        var code = new string(chars);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Households.Where(h => h.Id == householdId && h.NetworkId == networkId && h.OwnerUserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ClaimCodeHash, HashCode(code)).SetProperty(h => h.ClaimCodeExpiresAt, now + ClaimCodeLifetime));
        if (changed == 0) return null;
        await audit.WriteAsync("household.claim-code", "Household", householdId, null, networkId);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>
    /// The family claims the household an operator registered for it: the code must be current and the person must not have
    /// a household in the network yet. A conditional update, so one code makes one owner. Returns the problem in words, or null.
    /// </summary>
    public async Task<string?> ClaimAsync(Guid networkId, Guid userId, string? code)
    {
        var normalized = NormalizeClaimCode(code);
        if (normalized is null || normalized.Length != 10) return "Il codice ha 10 caratteri, per esempio ABCD-EFGH-JK.";
        if (await db.Households.AnyAsync(h => h.NetworkId == networkId && h.OwnerUserId == userId))
            return "Avete già un nucleo registrato: chiedete all'operatore di aggiornare quello.";
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = HashCode(normalized);
        var household = await db.Households.AsNoTracking().Where(h => h.NetworkId == networkId && h.ClaimCodeHash == hash).Select(h => new { h.Id }).FirstOrDefaultAsync();
        int changed;
        try
        {
            changed = household is null ? 0 : await db.Households
                .Where(h => h.Id == household.Id && h.ClaimCodeHash == hash && h.OwnerUserId == null && h.ClaimCodeExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.OwnerUserId, userId).SetProperty(h => h.ClaimedAt, now)
                    .SetProperty(h => h.ClaimCodeHash, (string?)null).SetProperty(h => h.ClaimCodeExpiresAt, (DateTime?)null).SetProperty(h => h.UpdatedAt, now));
        }
        catch (DbUpdateException) { changed = 0; } // the same person claiming twice at once: the unique (network, owner) index
        if (changed == 0)
        {
            await audit.WriteAsync("household.claim-failed", null, null, null, networkId);
            return "Il codice non è valido o è scaduto: chiedete all'operatore un codice nuovo.";
        }
        await audit.WriteAsync("household.claimed", "Household", household!.Id, null, networkId);
        return null;
    }
}
