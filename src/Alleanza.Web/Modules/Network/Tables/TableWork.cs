using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Tables;

public sealed record ActionRow(Guid Id, TableActionKind Kind, string Title, string? Details, string? Owner, DateOnly? DueDate, TableActionStatus Status, DateTime? MeetingStartsAt, bool Overdue);
public sealed record DocumentRow(Guid Id, string FileName, string ContentType, long Size, DateTime UploadedAt, Guid? MeetingId);

/// <summary>A table's decisions and actions, and its documents.</summary>
public sealed class TableWork(AppDbContext db, CurrentNetwork current, AuditLog audit, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<ActionRow>> ActionsAsync(Guid tableId, TableActionStatus? status, Guid? meetingId = null)
    {
        var today = Platform.RomeTime.Today(clock);
        var query = db.TableActions.AsNoTracking().Where(a => a.TableId == tableId);
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (meetingId is { } m) query = query.Where(a => a.MeetingId == m);
        var rows = await query.Select(a => new
        {
            a.Id, a.Kind, a.Title, a.Details, a.DueDate, a.Status, a.CreatedAt,
            Person = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            Partner = db.Partners.Where(p => p.Id == a.OwnerPartnerId).Select(p => p.Name).FirstOrDefault(),
            Meeting = db.TableMeetings.Where(x => x.Id == a.MeetingId).Select(x => (DateTime?)x.StartsAt).FirstOrDefault(),
        }).ToListAsync();
        return rows
            .Select(r => new ActionRow(r.Id, r.Kind, r.Title, r.Details, string.Join(" — ", new[] { r.Person, r.Partner }.Where(x => !string.IsNullOrEmpty(x))) is { Length: > 0 } o ? o : null,
                r.DueDate, r.Status, r.Meeting, r.Kind == TableActionKind.Action && r.Status is TableActionStatus.Open or TableActionStatus.InProgress && r.DueDate < today))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Status is TableActionStatus.Done or TableActionStatus.Cancelled)
            .ThenBy(r => r.DueDate ?? DateOnly.MaxValue).ThenBy(r => r.Title).ToList();
    }

    public static ActionForm FormFrom(TableAction a) => new()
    {
        Kind = a.Kind, Title = a.Title, Details = a.Details, OwnerUserId = a.OwnerUserId, OwnerPartnerId = a.OwnerPartnerId,
        DueDate = a.DueDate, Status = a.Status, MeetingId = a.MeetingId,
    };

    /// <summary>Checks that the owner, the partner and the meeting belong to this table and network; errors by field.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(Guid tableId, ActionForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.OwnerUserId is { } u && !await db.TableMembers.AnyAsync(m => m.TableId == tableId && m.UserId == u))
            errors[nameof(ActionForm.OwnerUserId)] = Tr.Get("Scegli una persona del tavolo.");
        if (form.OwnerPartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == current.Id))
            errors[nameof(ActionForm.OwnerPartnerId)] = Tr.Get("Scegli un ente della rete.");
        if (form.MeetingId is { } m && !await db.TableMeetings.AnyAsync(x => x.Id == m && x.TableId == tableId))
            errors[nameof(ActionForm.MeetingId)] = Tr.Get("Scegli un incontro di questo tavolo.");
        if (form.DueDate is { } d && (d.Year < 2000 || d.Year > 2100)) errors[nameof(ActionForm.DueDate)] = Tr.Get("La scadenza deve essere una data tra il 2000 e il 2100.");
        return errors;
    }

    public async Task<TableAction> CreateAsync(Guid tableId, ActionForm form)
    {
        var action = new TableAction { Id = Guid.NewGuid(), NetworkId = current.Id, TableId = tableId, CreatedAt = Now };
        Apply(action, form);
        db.TableActions.Add(action);
        audit.Add("tavolo.azione-creata", "TableAction", action.Id, action.Title, current.Id);
        await db.SaveChangesAsync();
        return action;
    }

    public async Task UpdateAsync(TableAction action, ActionForm form)
    {
        var before = action.Status;
        Apply(action, form);
        audit.Add("tavolo.azione-modificata", "TableAction", action.Id,
            before == action.Status ? action.Title : $"{action.Title}: {TableActionLabels.Status(before)} → {TableActionLabels.Status(action.Status)}", current.Id);
        await db.SaveChangesAsync();
    }

    void Apply(TableAction a, ActionForm form)
    {
        a.Kind = form.Kind!.Value;
        a.Title = form.Title!.Trim();
        a.Details = WorkingTables.Clean(form.Details);
        a.OwnerUserId = form.OwnerUserId;
        a.OwnerPartnerId = form.OwnerPartnerId;
        a.DueDate = form.DueDate;
        a.Status = form.Status!.Value;
        a.MeetingId = form.MeetingId;
        a.UpdatedAt = Now;
    }

    public Task<TableAction?> FindActionAsync(Guid id) => db.TableActions.FirstOrDefaultAsync(a => a.Id == id && a.NetworkId == current.Id);

    public Task<List<DocumentRow>> DocumentsAsync(Guid tableId) =>
        db.TableDocuments.AsNoTracking().Where(d => d.TableId == tableId).OrderByDescending(d => d.UploadedAt).ThenBy(d => d.FileName)
            .Select(d => new DocumentRow(d.Id, d.FileName, d.ContentType, d.Size, d.UploadedAt, d.MeetingId)).ToListAsync();

    /// <summary>Reads, checks and stores an uploaded file; the Italian problem when it cannot be attached.</summary>
    public async Task<string?> UploadAsync(Guid tableId, Guid? meetingId, IFormFile? file, Guid? userId)
    {
        if (file is null) return "Scegli un file da allegare.";
        if (file.Length > OfficeFiles.MaxBytes || file.Length == 0) return OfficeFiles.Problem(file.Length, null);
        if (meetingId is { } m && !await db.TableMeetings.AnyAsync(x => x.Id == m && x.TableId == tableId)) return "Scegli un incontro di questo tavolo.";
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var data = buffer.ToArray();
        var kind = OfficeFiles.Inspect(data);
        if (OfficeFiles.Problem(data.Length, kind) is { } problem) return problem;
        var doc = new TableDocument
        {
            Id = Guid.NewGuid(), NetworkId = current.Id, TableId = tableId, MeetingId = meetingId, FileName = Platform.Files.FileKinds.SafeName(file.FileName, kind!),
            ContentType = kind!.ContentType, Size = data.Length, Content = data, UploadedByUserId = userId, UploadedAt = Now,
        };
        db.TableDocuments.Add(doc);
        audit.Add("tavolo.documento-caricato", "TableDocument", doc.Id, $"{doc.FileName} ({doc.Size} byte)", current.Id);
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>The document's description (without its bytes) when it is of this network.</summary>
    public Task<TableDocument?> FindDocumentAsync(Guid id) =>
        db.TableDocuments.AsNoTracking().Where(d => d.Id == id && d.NetworkId == current.Id)
            .Select(d => new TableDocument { Id = d.Id, NetworkId = d.NetworkId, TableId = d.TableId, MeetingId = d.MeetingId, FileName = d.FileName, ContentType = d.ContentType, Size = d.Size, UploadedAt = d.UploadedAt })
            .FirstOrDefaultAsync();

    public async Task<byte[]> ContentAsync(Guid id) => await db.TableDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Content).FirstAsync();

    public async Task DeleteDocumentAsync(TableDocument doc)
    {
        await db.TableDocuments.Where(d => d.Id == doc.Id && d.NetworkId == current.Id).ExecuteDeleteAsync();
        await audit.WriteAsync("tavolo.documento-eliminato", "TableDocument", doc.Id, doc.FileName, current.Id);
    }
}
