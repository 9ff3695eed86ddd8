using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables;

/// <summary>
/// What the signed-in person may do at one table: coordinators of the network manage it, its referents run it
/// (meetings, minutes, attendance, actions, documents), its members read it. Archived tables are read-only.
/// </summary>
public sealed record TableAccess(WorkingTable Table, bool IsCoordinator, TableRole? MyRole, Guid? UserId)
{
    public bool IsMember => MyRole is not null;
    public bool IsArchived => Table.ArchivedAt is not null;
    /// <summary>May change meetings, minutes, attendance, actions and documents.</summary>
    public bool CanRun => !IsArchived && (IsCoordinator || MyRole == TableRole.Referent);
}

public sealed record MemberRow(Guid MemberId, Guid UserId, string Name, string Email, TableRole Role, Guid? PartnerId, string? PartnerName);

/// <summary>Working tables: creating them, their members, and who may see what.</summary>
public sealed class WorkingTables(AppDbContext db, CurrentNetwork current, CurrentAccess access, AuditLog audit, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The table with the person's rights, or null when it is not in this network or the person may not read it (both: 404).</summary>
    public async Task<TableAccess?> AccessAsync(Guid tableId)
    {
        if (!current.IsResolved || access.UserId is not { } userId) return null;
        var table = await db.WorkingTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId && t.NetworkId == current.Id);
        if (table is null) return null;
        var coordinator = await access.CanManageNetworkAsync();
        // A seat counts only while the person still has a role in the network (a revoked role closes the tables too).
        var role = (await access.RolesHereAsync()).Count == 0 ? null
            : await db.TableMembers.AsNoTracking().Where(m => m.TableId == tableId && m.UserId == userId).Select(m => (TableRole?)m.Role).FirstOrDefaultAsync();
        if (!coordinator && role is null) return null;
        return new TableAccess(table, coordinator, role, userId);
    }

    /// <summary>The table of a meeting of this network, with the person's rights (null: 404).</summary>
    public async Task<(TableAccess Access, TableMeeting Meeting)?> MeetingAccessAsync(Guid meetingId)
    {
        if (!current.IsResolved) return null;
        var meeting = await db.TableMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.NetworkId == current.Id);
        if (meeting is null) return null;
        var table = await AccessAsync(meeting.TableId);
        return table is null ? null : (table, meeting);
    }

    public sealed record TableRow(Guid Id, string Name, string? Purpose, bool Archived, int Members, TableRole? MyRole, DateTime? NextMeeting);

    /// <summary>The tables the person sits at; coordinators see all the network's tables. Paged.</summary>
    public async Task<Paged<TableRow>> ListAsync(bool all, bool archived, int page, int pageSize = 20)
    {
        var userId = access.UserId ?? Guid.Empty;
        var query = db.WorkingTables.AsNoTracking().Where(t => t.NetworkId == current.Id && (archived ? t.ArchivedAt != null : t.ArchivedAt == null));
        if (!all && (await access.RolesHereAsync()).Count == 0) userId = Guid.Empty; // no role here: no seat counts
        if (!all) query = query.Where(t => db.TableMembers.Any(m => m.TableId == t.Id && m.UserId == userId));
        var total = await query.CountAsync();
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / (double)pageSize)));
        var now = Now;
        var rows = await query.OrderBy(t => t.Name).ThenBy(t => t.Id).PageOf(page, pageSize)
            .Select(t => new TableRow(t.Id, t.Name, t.Purpose, t.ArchivedAt != null,
                db.TableMembers.Count(m => m.TableId == t.Id),
                db.TableMembers.Where(m => m.TableId == t.Id && m.UserId == userId).Select(m => (TableRole?)m.Role).FirstOrDefault(),
                db.TableMeetings.Where(m => m.TableId == t.Id && m.EndsAt >= now).OrderBy(m => m.StartsAt).Select(m => (DateTime?)m.StartsAt).FirstOrDefault()))
            .ToListAsync();
        return new Paged<TableRow>(rows, total, page, pageSize);
    }

    public async Task<List<MemberRow>> MembersAsync(Guid tableId)
    {
        var rows = await (from m in db.TableMembers.AsNoTracking()
                          join u in db.Users on m.UserId equals u.Id
                          where m.TableId == tableId
                          select new { m.Id, m.UserId, u.DisplayName, u.Email, m.Role, m.PartnerId, Partner = db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).FirstOrDefault() })
            .ToListAsync();
        return rows.Select(r => new MemberRow(r.Id, r.UserId, r.DisplayName, r.Email ?? "", r.Role, r.PartnerId, r.Partner))
            .OrderByDescending(r => r.Role == TableRole.Referent).ThenBy(r => r.Name, StringComparer.Create(RomeTime.Italian, true)).ToList();
    }

    /// <summary>Creates a table with its referent; the error (by field) when the referent has no role in the network.</summary>
    public async Task<(WorkingTable? Table, string? Field, string? Error)> CreateAsync(NewTableForm form)
    {
        var person = await PersonHereAsync(form.ReferentEmail!);
        if (person is null) return (null, nameof(NewTableForm.ReferentEmail), "Nessuna persona con questa email ha un ruolo nella rete: invitala prima da «Persone e ruoli» o dalla pagina del suo ente.");
        var table = new WorkingTable { Id = Guid.NewGuid(), NetworkId = current.Id, Name = form.Name!.Trim(), Purpose = Clean(form.Purpose), CreatedAt = Now, UpdatedAt = Now };
        db.WorkingTables.Add(table);
        db.TableMembers.Add(new TableMember { Id = Guid.NewGuid(), TableId = table.Id, UserId = person.Value.UserId, PartnerId = person.Value.PartnerId, Role = TableRole.Referent, AddedAt = Now });
        audit.Add("tavolo.creato", "WorkingTable", table.Id, $"{table.Name}; referente {form.ReferentEmail!.Trim()}", current.Id);
        await db.SaveChangesAsync();
        return (table, null, null);
    }

    public async Task UpdateAsync(Guid tableId, TableForm form)
    {
        var table = await db.WorkingTables.FirstAsync(t => t.Id == tableId && t.NetworkId == current.Id);
        table.Name = form.Name!.Trim();
        table.Purpose = Clean(form.Purpose);
        table.UpdatedAt = Now;
        audit.Add("tavolo.modificato", "WorkingTable", table.Id, table.Name, current.Id);
        await db.SaveChangesAsync();
    }

    public async Task SetArchivedAsync(Guid tableId, bool archived)
    {
        var table = await db.WorkingTables.FirstAsync(t => t.Id == tableId && t.NetworkId == current.Id);
        table.ArchivedAt = archived ? Now : null;
        table.UpdatedAt = Now;
        audit.Add(archived ? "tavolo.archiviato" : "tavolo.riaperto", "WorkingTable", table.Id, table.Name, current.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a person of the network to the table; an Italian message when that cannot be done.</summary>
    public async Task<string?> AddMemberAsync(Guid tableId, MemberForm form)
    {
        var person = await PersonHereAsync(form.Email!);
        if (person is null) return "Nessuna persona con questa email ha un ruolo nella rete: invitala prima da «Persone e ruoli» o dalla pagina del suo ente.";
        if (await db.TableMembers.AnyAsync(m => m.TableId == tableId && m.UserId == person.Value.UserId)) return "Questa persona è già al tavolo: cambia il suo ruolo nell'elenco.";
        db.TableMembers.Add(new TableMember { Id = Guid.NewGuid(), TableId = tableId, UserId = person.Value.UserId, PartnerId = person.Value.PartnerId, Role = form.Role!.Value, AddedAt = Now });
        audit.Add("tavolo.membro-aggiunto", "WorkingTable", tableId, $"{form.Email!.Trim()} ({TableRoles.Label(form.Role!.Value)})", current.Id);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { return "Questa persona è già al tavolo: cambia il suo ruolo nell'elenco."; } // added by someone else meanwhile
        return null;
    }

    /// <summary>Changes a member's role; false when the member is not at this table. A table keeps at least one referent.</summary>
    public async Task<(bool Found, string? Error)> ChangeRoleAsync(Guid tableId, Guid memberId, TableRole role)
    {
        var member = await db.TableMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.TableId == tableId);
        if (member is null) return (false, null);
        if (member.Role == TableRole.Referent && role != TableRole.Referent && await IsLastReferentAsync(member))
            return (true, "Il tavolo deve avere almeno un referente: nomina prima un altro referente.");
        member.Role = role;
        audit.Add("tavolo.ruolo-cambiato", "WorkingTable", tableId, $"{memberId}: {TableRoles.Label(role)}", current.Id);
        await db.SaveChangesAsync();
        return (true, null);
    }

    public async Task<(bool Found, string? Error)> RemoveMemberAsync(Guid tableId, Guid memberId)
    {
        var member = await db.TableMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.TableId == tableId);
        if (member is null) return (false, null);
        if (member.Role == TableRole.Referent && await IsLastReferentAsync(member))
            return (true, "Il tavolo deve avere almeno un referente: nomina prima un altro referente.");
        db.TableMembers.Remove(member);
        audit.Add("tavolo.membro-tolto", "WorkingTable", tableId, memberId.ToString(), current.Id);
        await db.SaveChangesAsync();
        return (true, null);
    }

    Task<bool> IsLastReferentAsync(TableMember member) =>
        db.TableMembers.AllAsync(m => m.TableId != member.TableId || m.Role != TableRole.Referent || m.Id == member.Id);

    /// <summary>A person with a role in the current network, and the partner they work for (if any).</summary>
    async Task<(Guid UserId, Guid? PartnerId)?> PersonHereAsync(string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var roles = await db.Memberships.AsNoTracking().Where(m => m.NetworkId == current.Id && m.User!.NormalizedEmail == normalized)
            .Select(m => new { m.UserId, m.Role, m.PartnerId }).ToListAsync();
        if (roles.Count == 0) return null;
        var partner = roles.Where(r => r.Role == NetworkRole.PartnerStaff && r.PartnerId is not null).Select(r => r.PartnerId).FirstOrDefault()
            ?? roles.Select(r => r.PartnerId).FirstOrDefault(p => p is not null);
        return (roles[0].UserId, partner);
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
