using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>
/// A person deletes their account. What identifies them goes: e-mail, name, password, passkeys, roles, working-table seats,
/// sessions, the names and birth days of the household, the names given in registrations, their name and address in the
/// audit log. What the law or the network must keep stays, detached from the person: purchases with the card (the
/// merchants' and network's counts), attendance at events and meetings, the consents given (as proof), the decisions on
/// applications. The account row stays anonymised (so that those rows keep a valid owner) and nobody can sign in to it.
/// Future registrations are cancelled first, with their places freed and the waiting list promoted as when the person
/// cancels; pending card applications are withdrawn; cards are revoked.
/// Two identical requests delete once: the account is claimed by a conditional update, the loser answers «already deleted».
/// </summary>
public sealed class DeleteMyAccount(AppDbContext db, Registrations registrations, Support.CaseLists paths, AuditLog audit, TimeProvider clock, ILogger<DeleteMyAccount> log)
{
    public enum Outcome { Deleted, AlreadyDeleted, Blocked }

    public sealed record Result(Outcome Outcome, string? Reason = null);

    public const string DeletedName = "Account eliminato";

    /// <summary>Why the person cannot delete the account now (the last coordinator of a network, the last administrator), or null.</summary>
    public async Task<string?> BlockedAsync(Guid userId, CancellationToken cancel = default)
    {
        var alone = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Role == NetworkRole.Coordinator
                && !db.Memberships.Any(o => o.NetworkId == m.NetworkId && o.Role == NetworkRole.Coordinator && o.UserId != userId))
            .Join(db.Networks, m => m.NetworkId, n => n.Id, (m, n) => n.Name).Distinct().OrderBy(n => n).ToListAsync(cancel);
        if (alone.Count > 0)
            return Tr.Get("Sei l'unico coordinatore della rete {0}: prima di eliminare l'account nomina un altro coordinatore (Gestione › Persone), altrimenti la rete resterebbe senza nessuno che la gestisca.", string.Join(", ", alone.Select(n => "«" + n + "»")));
        var lastAdmin = await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.IsAdministrator, cancel)
            && !await db.Users.AsNoTracking().AnyAsync(u => u.Id != userId && u.IsAdministrator && u.DeletedAt == null, cancel);
        return lastAdmin ? Tr.Get("Sei l'unico amministratore della piattaforma: prima di eliminare l'account serve un altro amministratore.") : null;
    }

    public async Task<Result> RunAsync(Guid userId, CancellationToken cancel = default)
    {
        if (await BlockedAsync(userId, cancel) is { } reason) return new Result(Outcome.Blocked, reason);
        var now = clock.GetUtcNow().UtcDateTime;

        // 1. Registrations to dates still to come (confirmed or waiting): cancelled as the person would, places freed and the
        //    waiting list promoted (each in its own transaction; a twin request finds them already cancelled).
        var upcoming = await (from r in db.Registrations.AsNoTracking()
                              join s in db.OpportunitySessions on r.SessionId equals s.Id
                              where r.UserId == userId && r.Status != RegistrationStatus.Cancelled && s.StartsAt > now
                              select r.Id).ToListAsync(cancel);
        foreach (var id in upcoming) await registrations.CancelAsync(id, userId);
        db.ChangeTracker.Clear();

        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancel);

        // 2. Everything else in one transaction, claimed by a conditional update of the account row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var stamp = Guid.NewGuid().ToString("N");
        var placeholder = $"eliminato-{userId:N}@account-eliminato.invalid";
        var claimed = await db.Users.Where(u => u.Id == userId && u.DeletedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.DeletedAt, now)
            .SetProperty(x => x.UserName, placeholder).SetProperty(x => x.NormalizedUserName, placeholder.ToUpperInvariant())
            .SetProperty(x => x.Email, placeholder).SetProperty(x => x.NormalizedEmail, placeholder.ToUpperInvariant())
            .SetProperty(x => x.EmailConfirmed, false).SetProperty(x => x.DisplayName, DeletedName)
            .SetProperty(x => x.PasswordHash, (string?)null).SetProperty(x => x.PhoneNumber, (string?)null).SetProperty(x => x.FiscalCode, (string?)null).SetProperty(x => x.PhoneNumberConfirmed, false)
            .SetProperty(x => x.VerifiedFiscalCode, (string?)null).SetProperty(x => x.FiscalCodeVerifiedAt, (DateTime?)null)
            .SetProperty(x => x.TwoFactorEnabled, false).SetProperty(x => x.IsAdministrator, false)
            .SetProperty(x => x.LockoutEnabled, true).SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue)
            .SetProperty(x => x.SecurityStamp, stamp).SetProperty(x => x.ConcurrencyStamp, stamp), cancel);
        if (claimed == 0) return new Result(Outcome.AlreadyDeleted);

        // Ways in and roles.
        await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.UserLogins.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.UserTokens.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.UserClaims.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.UserRoles.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.Memberships.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancel);
        await db.TableMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancel);
        // Every session, on every instance, ends now (the stamp changed too, for any session created meanwhile).
        await db.AuthSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancel);

        // The household: names and birth days go (the year stays, for age statistics); applications withdrawn, cards revoked.
        var households = await db.Households.Include(h => h.Members).Where(h => h.OwnerUserId == userId).ToListAsync(cancel);
        var householdIds = households.Select(h => h.Id).ToList();
        // A household followed in a support path is also the social service's record (kept on its own legal basis, and
        // anonymised by the path's retention): it loses its owner, not its names.
        var inPaths = await paths.HouseholdsInPathsAsync(householdIds, cancel);
        foreach (var h in households.Where(h => inPaths.Contains(h.Id)))
        {
            h.OwnerUserId = null;
            h.UpdatedAt = now;
        }
        foreach (var h in households.Where(h => !inPaths.Contains(h.Id)))
        {
            h.IseeBand = null;
            h.IseeDate = null;
            h.UpdatedAt = now;
            var n = 0;
            foreach (var m in h.Members.OrderBy(m => m.Role).ThenBy(m => m.BirthDate))
            {
                m.FirstName = m.Role == MemberRole.Adult ? "Adulto" : "Figlio/a";
                m.LastName = $"rimosso {++n}";
                m.BirthDate = new DateOnly(m.BirthDate.Year, 1, 1);
                m.FiscalCode = null;
                m.FiscalCodeVerifiedAt = null;
                m.FiscalCodeVerifiedBy = null;
            }
        }
        foreach (var a in await db.CardApplications.Where(a => householdIds.Contains(a.HouseholdId) && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InformationRequested)).ToListAsync(cancel))
        {
            a.Status = ApplicationStatus.Withdrawn;
            a.DecidedAt = now;
            a.Reason = "Ritirata: la famiglia ha eliminato l'account.";
        }
        // The evidence of every application of a household no path keeps: the address, the ISEE protocol, the answers, the documents.
        var anonymised = householdIds.Where(id => !inPaths.Contains(id)).ToList();
        foreach (var a in await db.CardApplications.Where(a => anonymised.Contains(a.HouseholdId)).ToListAsync(cancel))
        {
            a.ResidenceAddress = null;
            a.IseeProtocol = null;
            a.FamilyAnswer = null;
        }
        await db.CardApplicationDocuments.Where(d => db.CardApplications.Any(a => a.Id == d.ApplicationId && anonymised.Contains(a.HouseholdId))).ExecuteDeleteAsync(cancel);
        var cards = await db.Cards.Where(c => householdIds.Contains(c.HouseholdId)).ToListAsync(cancel);
        foreach (var c in cards)
        {
            c.HolderFirstName = "Titolare";
            c.HolderLastName = "rimosso";
            if (c.Status is CardStatus.Active or CardStatus.Suspended)
            {
                c.Status = CardStatus.Revoked;
                c.StatusChangedAt = now;
                c.StatusReason = "Account eliminato dalla famiglia.";
            }
        }
        var cardIds = cards.Select(c => c.Id).ToList();
        foreach (var d in await db.CardDevices.Where(d => cardIds.Contains(d.CardId)).ToListAsync(cancel))
        {
            d.RevokedAt ??= now;
            d.Label = null;
        }

        // Registrations stay (attendance and counts), without the names of the participants.
        foreach (var r in await db.Registrations.Where(r => r.UserId == userId).ToListAsync(cancel)) r.Participants = "";

        // The audit log keeps what happened, not who the person was: no name, no address, no e-mail in the details of their own entries.
        await db.AuditEntries.Where(a => a.UserId == userId).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.UserName, DeletedName).SetProperty(x => x.IpAddress, (string?)null)
            .SetProperty(x => x.Details, x => x.Action.StartsWith("account.") ? null : x.Details), cancel);
        if (email is not null)
        {
            // Entries written before the account was known (failed sign-ins by address), and invitations to the address.
            var spellings = new[] { email, email.ToLowerInvariant() };
            await db.AuditEntries.Where(a => spellings.Contains(a.UserName!)).ExecuteUpdateAsync(a => a
                .SetProperty(x => x.UserName, DeletedName).SetProperty(x => x.IpAddress, (string?)null), cancel);
            var upper = email.ToUpperInvariant();
            await db.Invitations.Where(i => i.Email.ToUpper() == upper).ExecuteDeleteAsync(cancel);
        }
        var subject = userId.ToString();
        foreach (var read in await db.AuditEntries.Where(a => a.Action == PersonalDataReads.Action && a.EntityType == nameof(AppUser) && a.EntityId == subject).ToListAsync(cancel))
            read.Details = PersonalDataReads.Split(read.Details).Who + PersonalDataReads.Separator + "dati di un account poi eliminato";
        await db.AuditEntries.Where(a => a.EntityType == nameof(AppUser) && a.EntityId == subject && a.Action.StartsWith("account."))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Details, (string?)null), cancel);

        audit.Add("account.delete", nameof(AppUser), userId,
            $"account eliminato dalla persona: {households.Count} nuclei anonimizzati, {cards.Count} carte revocate o già chiuse, {upcoming.Count} iscrizioni future annullate",
            userId: userId, userName: DeletedName);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        log.LogInformation("Account {UserId} deleted by its owner", userId);
        return new Result(Outcome.Deleted);
    }
}
