using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>The moderators' queue (posts waiting, with their reasons, and open reports) and the network's settings.</summary>
public sealed class Moderation(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public sealed record WaitingPost(Guid Id, string Title, PostKind Kind, PostCategory Category, string Description, string? Reason, DateTime CreatedAt, string Owner);
    public sealed record OpenReport(Guid Id, Guid? PostId, string? PostTitle, Guid? MessageId, string? MessageText, Guid? ConversationId, string Reason, DateTime CreatedAt);

    public async Task<Paged<WaitingPost>> WaitingAsync(Guid networkId, int page, CancellationToken cancel = default)
    {
        var query = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == networkId && p.Status == PostStatus.Moderation);
        var total = await query.CountAsync(cancel);
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / 20.0)));
        var rows = await query.OrderBy(p => p.CreatedAt).PageOf(page, 20)
            .Select(p => new WaitingPost(p.Id, p.Title, p.Kind, p.Category, p.Description, p.ModerationReason, p.CreatedAt,
                db.Users.Where(u => u.Id == p.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "")).ToListAsync(cancel);
        return new(rows, total, page, 20);
    }

    public Task<List<OpenReport>> ReportsAsync(Guid networkId, CancellationToken cancel = default) =>
        db.SharingReports.AsNoTracking().Where(r => r.NetworkId == networkId && r.ResolvedAt == null).OrderBy(r => r.CreatedAt).Take(100)
            .Select(r => new OpenReport(r.Id, r.PostId, db.SharingPosts.Where(p => p.Id == r.PostId).Select(p => p.Title).FirstOrDefault(),
                r.MessageId, db.ConversationMessages.Where(m => m.Id == r.MessageId).Select(m => m.Text).FirstOrDefault(),
                db.ConversationMessages.Where(m => m.Id == r.MessageId).Select(m => (Guid?)m.ConversationId).FirstOrDefault(), r.Reason, r.CreatedAt))
            .ToListAsync(cancel);

    /// <summary>Closes a report (the moderator looked at it); a reported post may also be withdrawn.</summary>
    public async Task<string?> ResolveReportAsync(Guid networkId, Guid reportId, Guid moderatorId, bool withdrawPost)
    {
        var report = await db.SharingReports.FirstOrDefaultAsync(r => r.Id == reportId && r.NetworkId == networkId);
        if (report is null) return Tr.Get("Segnalazione non trovata.");
        if (report.ResolvedAt is not null) return Tr.Get("La segnalazione è già stata chiusa.");
        report.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        report.ResolvedByUserId = moderatorId;
        if (withdrawPost && report.PostId is { } postId
            && await db.SharingPosts.FirstOrDefaultAsync(p => p.Id == postId && p.NetworkId == networkId) is { Status: PostStatus.Published or PostStatus.Promised or PostStatus.Moderation } post)
        {
            post.Status = PostStatus.Rejected;
            post.ModerationReason = "Ritirato dai moderatori dopo una segnalazione: " + report.Reason;
        }
        audit.Add(withdrawPost ? "sharing.report.post-removed" : "sharing.report.resolved", "SharingReport", report.Id, null, networkId);
        return await db.TrySaveAsync() ? null : Concurrency.AlreadyDone;
    }

    public sealed class SettingsForm
    {
        public bool ModerateNewFamilies { get; set; }
        public int? ExpiryDays { get; set; }
        public int? ReminderDays { get; set; }
        public int? CarSeatMaxYears { get; set; }
        public int? PostsPerWeek { get; set; }
        public string? WatchWords { get; set; }
        public List<Guid> Moderators { get; set; } = [];
    }

    public sealed record StaffOption(Guid UserId, string Name, string Partner);

    /// <summary>The partner staff of the network a coordinator may name moderators.</summary>
    public async Task<List<StaffOption>> StaffAsync(Guid networkId, CancellationToken cancel = default) =>
        (await db.Memberships.AsNoTracking().Where(m => m.NetworkId == networkId && m.Role == NetworkRole.PartnerStaff && m.PartnerId != null)
            .Select(m => new { m.UserId, Name = m.User!.DisplayName, Partner = db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).First() })
            .ToListAsync(cancel))
        .GroupBy(m => m.UserId).Select(g => new StaffOption(g.Key, g.First().Name, string.Join(", ", g.Select(x => x.Partner).Distinct())))
        .OrderBy(s => s.Name).ToList();

    public async Task<SettingsForm> SettingsFormAsync(Guid networkId, CancellationToken cancel = default)
    {
        var s = await SharingAccess.SettingsAsync(db, networkId, cancel);
        return new SettingsForm
        {
            ModerateNewFamilies = s.ModerateNewFamilies, ExpiryDays = s.ExpiryDays, ReminderDays = s.ReminderDays, CarSeatMaxYears = s.CarSeatMaxYears,
            PostsPerWeek = s.PostsPerWeek, WatchWords = s.WatchWords,
            Moderators = await db.SharingModerators.AsNoTracking().Where(m => m.NetworkId == networkId).Select(m => m.UserId).ToListAsync(cancel),
        };
    }

    public async Task<Dictionary<string, string>> SaveSettingsAsync(Guid networkId, SettingsForm input)
    {
        var errors = new Dictionary<string, string>();
        if (input.ExpiryDays is not (>= 3 and <= 365)) errors["ExpiryDays"] = Tr.Get("La durata di un annuncio va da 3 a 365 giorni.");
        if (input.ReminderDays is not (>= 1 and <= 30)) errors["ReminderDays"] = Tr.Get("Il promemoria va da 1 a 30 giorni prima.");
        else if (input.ExpiryDays is { } e && input.ReminderDays >= e) errors["ReminderDays"] = Tr.Get("Il promemoria deve arrivare prima della scadenza.");
        if (input.CarSeatMaxYears is not (>= 1 and <= 30)) errors["CarSeatMaxYears"] = Tr.Get("L'età massima dei seggiolini va da 1 a 30 anni.");
        if (input.PostsPerWeek is not (>= 1 and <= 100)) errors["PostsPerWeek"] = Tr.Get("Il limite settimanale va da 1 a 100 annunci.");
        if ((input.WatchWords ?? "").Length > 2000) errors["WatchWords"] = Tr.Get("Le parole da controllare possono occupare al massimo 2000 caratteri.");
        var staff = (await StaffAsync(networkId)).Select(s => s.UserId).ToHashSet();
        if (input.Moderators.Any(m => !staff.Contains(m))) errors["Moderators"] = Tr.Get("Scegliete i moderatori tra il personale degli enti partner della rete.");
        if (errors.Count > 0) return errors;
        var row = await db.SharingSettings.FirstOrDefaultAsync(s => s.NetworkId == networkId);
        if (row is null) { row = new SharingSettings { NetworkId = networkId }; db.SharingSettings.Add(row); }
        row.ModerateNewFamilies = input.ModerateNewFamilies;
        row.ExpiryDays = input.ExpiryDays!.Value;
        row.ReminderDays = input.ReminderDays!.Value;
        row.CarSeatMaxYears = input.CarSeatMaxYears!.Value;
        row.PostsPerWeek = input.PostsPerWeek!.Value;
        row.WatchWords = string.Join('\n', ExchangeRules.WatchWords(input.WatchWords));
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var now = row.UpdatedAt;
        var current = await db.SharingModerators.Where(m => m.NetworkId == networkId).ToListAsync();
        db.SharingModerators.RemoveRange(current.Where(c => !input.Moderators.Contains(c.UserId)));
        foreach (var id in input.Moderators.Distinct().Where(id => current.All(c => c.UserId != id)))
            db.SharingModerators.Add(new SharingModerator { NetworkId = networkId, UserId = id, Since = now });
        audit.Add("sharing.settings.saved", "SharingSettings", networkId, null, networkId);
        if (!await db.TrySaveAsync()) errors[""] = Concurrency.AlreadyDone;
        return errors;
    }

    /// <summary>A partner's staff turn its collection point on (with opening hours) or off.</summary>
    public async Task SetCollectionPointAsync(Guid networkId, Guid partnerId, bool on, string? hours)
    {
        var row = await db.SharingCollectionPoints.FirstOrDefaultAsync(c => c.PartnerId == partnerId && c.NetworkId == networkId);
        if (on)
        {
            if (row is null) db.SharingCollectionPoints.Add(row = new CollectionPoint { PartnerId = partnerId, NetworkId = networkId, Since = clock.GetUtcNow().UtcDateTime });
            row.Hours = Text.Clean(hours) is { } h ? (h.Length > 200 ? h[..200] : h) : null;
        }
        else if (row is not null) db.SharingCollectionPoints.Remove(row);
        audit.Add(on ? "sharing.point.on" : "sharing.point.off", "Partner", partnerId, null, networkId);
        await db.TrySaveAsync();
    }
}
