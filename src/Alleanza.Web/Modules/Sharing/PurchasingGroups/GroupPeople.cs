using Alleanza.Web.Modules.Families;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Who is in a group, as its referents manage it: member households (found by the e-mail of the account that holds the
/// household in this network; a member may book for friend households under it), and referents (a treasurer among them).
/// A member leaves with no credit, no debt and no booking still to settle; their account and history stay (a later
/// «add» brings them back). A friend household belongs to one sponsoring member, who is not a friend of another.
/// </summary>
public sealed class GroupPeople(AppDbContext db, Groups groups, Households households, AuditLog audit, TimeProvider clock)
{
    public sealed record Result(bool Ok, string? Field = null, string? Error = null, string? Name = null);

    public sealed record MemberRow(Guid Id, string Name, string? Email, Guid? SponsorId, long Balance, DateTime JoinedAt);
    public sealed record ReferentRow(Guid UserId, string Name, string? Email, bool IsTreasurer);

    public async Task<List<MemberRow>> MembersAsync(Guid groupId) =>
        await db.GafMembers.AsNoTracking().Where(m => m.GroupId == groupId && m.LeftAt == null).OrderBy(m => m.Name)
            .Select(m => new MemberRow(m.Id, m.Name, db.Users.Where(u => u.Id == m.UserId).Select(u => u.Email).FirstOrDefault(), m.SponsorMemberId,
                db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).First(), m.JoinedAt))
            .Take(2000).ToListAsync();

    public async Task<List<ReferentRow>> ReferentsAsync(Guid groupId) =>
        (await db.GafReferents.AsNoTracking().Where(r => r.GroupId == groupId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.UserId, u.DisplayName, u.Email, r.IsTreasurer }).ToListAsync())
            .Select(x => new ReferentRow(x.UserId, string.IsNullOrWhiteSpace(x.DisplayName) ? x.Email ?? "" : x.DisplayName, x.Email, x.IsTreasurer))
            .OrderBy(r => r.Name).ToList();

    async Task<Guid?> UserByEmailAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
    }

    /// <summary>Adds (or brings back) the household of the account with <paramref name="email"/>, optionally as a friend booked for by <paramref name="sponsorId"/>.</summary>
    public async Task<Result> AddMemberAsync(PurchasingGroup group, string? email, string? name, Guid? sponsorId)
    {
        if (await UserByEmailAsync(email) is not { } user || await households.IdOfAsync(group.NetworkId, user) is not { } household)
            return new(false, "Email", Tr.Get("Nessuna famiglia registrata in questa rete con questo indirizzo: la famiglia deve prima iscriversi ad Alleanza."));
        if (string.IsNullOrWhiteSpace(name)) return new(false, "Name", Tr.Get("Scrivi come il gruppo chiama la famiglia (es. Famiglia Brambilla)."));
        if (sponsorId is { } s && !await db.GafMembers.AnyAsync(m => m.Id == s && m.GroupId == group.Id && m.LeftAt == null && m.SponsorMemberId == null && m.HouseholdId != household))
            return new(false, "SponsorId", Tr.Get("Scegli un socio del gruppo (non a sua volta una famiglia amica)."));
        if (await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == group.Id && m.HouseholdId == household) is { } existing)
        {
            if (existing.LeftAt is null) return new(false, "Email", Tr.Get("«{0}» è già socia del gruppo.", existing.Name));
            var back = await db.GafMembers.Where(m => m.Id == existing.Id && m.LeftAt != null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeftAt, (DateTime?)null).SetProperty(m => m.Name, name.Trim()).SetProperty(m => m.SponsorMemberId, sponsorId)
                    .SetProperty(m => m.Version, m => m.Version + 1));
            if (back == 0) return new(false, "Email", Tr.Get("«{0}» è già socia del gruppo.", existing.Name));
            audit.Add("gaf.member.added", "GafMember", existing.Id, name.Trim(), group.NetworkId);
            await db.SaveChangesAsync();
            return new(true, Name: name.Trim());
        }
        var member = await groups.AddMemberAsync(group, household, user, name.Length > 200 ? name.Trim()[..200] : name.Trim(), sponsorId);
        audit.Add("gaf.member.added", "GafMember", member.Id, member.Name, group.NetworkId);
        await db.SaveChangesAsync();
        return new(true, Name: member.Name);
    }

    /// <summary>A member leaves the group: only with a zero balance, no booking still to settle and no friend households under it.</summary>
    public async Task<Result> RemoveMemberAsync(PurchasingGroup group, Guid memberId)
    {
        var member = await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == group.Id && m.LeftAt == null);
        if (member is null) return new(false, Error: Tr.Get("Socio non trovato: forse è già stato tolto."));
        var balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == member.AccountId).Select(a => a.Balance).FirstAsync();
        if (balance != 0) return new(false, Error: Tr.Get("«{0}» ha un saldo di {1}: rimborsate il credito (o incassate il debito) prima di toglierla.", member.Name, GafRules.Euro(balance)));
        if (await db.GafBookings.AnyAsync(b => b.MemberId == member.Id && b.PaymentTransferId == null
                && db.GafCycles.Any(c => c.Id == b.CycleId && c.Status != CycleStatus.Settled && c.Status != CycleStatus.Archived)))
            return new(false, Error: Tr.Get("«{0}» ha una prenotazione in un ordine non ancora saldato: toglietela dopo il saldo.", member.Name));
        if (await db.GafMembers.AnyAsync(m => m.SponsorMemberId == member.Id && m.LeftAt == null))
            return new(false, Error: Tr.Get("«{0}» prenota per delle famiglie amiche: toglietele prima.", member.Name));
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.GafMembers.Where(m => m.Id == member.Id && m.LeftAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.LeftAt, now).SetProperty(m => m.Version, m => m.Version + 1)) == 0)
            return new(false, Error: Tr.Get("Socio non trovato: forse è già stato tolto."));
        audit.Add("gaf.member.removed", "GafMember", member.Id, member.Name, group.NetworkId);
        await db.SaveChangesAsync();
        return new(true, Name: member.Name);
    }

    public async Task<Result> AddReferentAsync(PurchasingGroup group, string? email, bool treasurer)
    {
        if (await UserByEmailAsync(email) is not { } user) return new(false, "Email", Tr.Get("Nessun account con questo indirizzo: la persona deve prima registrarsi ad Alleanza."));
        if (await db.GafReferents.AnyAsync(r => r.GroupId == group.Id && r.UserId == user)) return new(false, "Email", Tr.Get("Questa persona è già referente del gruppo."));
        await groups.AddReferentAsync(group.Id, user, treasurer);
        audit.Add("gaf.referent.added", "GafGroup", group.Id, email!.Trim() + (treasurer ? " (tesoriere)" : ""), group.NetworkId);
        await db.SaveChangesAsync();
        return new(true, Name: email.Trim());
    }

    /// <summary>Removes a referent; the group keeps at least one (the network's coordinators act as referents anyway).</summary>
    public async Task<Result> RemoveReferentAsync(PurchasingGroup group, Guid userId)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync();
        if (!await db.GafReferents.AnyAsync(r => r.GroupId == group.Id && r.UserId == userId)) return new(false, Error: Tr.Get("Referente non trovato: forse è già stato tolto."));
        if (await db.GafReferents.CountAsync(r => r.GroupId == group.Id) <= 1) return new(false, Error: Tr.Get("Il gruppo deve avere almeno un referente: aggiungetene un altro prima."));
        if (await db.GafReferents.Where(r => r.GroupId == group.Id && r.UserId == userId).ExecuteDeleteAsync() == 0) return new(false, Error: Tr.Get("Referente non trovato: forse è già stato tolto."));
        audit.Add("gaf.referent.removed", "GafGroup", group.Id, name ?? "", group.NetworkId);
        await db.SaveChangesAsync();
        return new(true, Name: name);
    }
}
