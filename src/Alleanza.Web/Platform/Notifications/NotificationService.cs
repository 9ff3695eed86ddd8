using System.Text;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// An event to tell some people about. <see cref="Kind"/> is a key of <see cref="NotificationKinds"/>; <see cref="Recipients"/>
/// are user ids (unknown ids are skipped); <see cref="LinkPath"/> is the object's path on the site ("/opportunita/…"),
/// made absolute with the configured public URL in mails. <see cref="Attachments"/> (an .ics where there is a date) go
/// with the immediate mail only.
/// </summary>
public sealed record Notice(string Kind, Guid? NetworkId, IReadOnlyCollection<Guid> Recipients, string Subject, string Text, string? LinkPath = null)
{
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
    /// <summary>The words of the mail's button (default «Apri su Alleanza»).</summary>
    public string? LinkLabel { get; init; }
}

/// <summary>A notification as the person's list shows it.</summary>
public sealed record NotificationItem(Guid Id, string Kind, string Subject, string Text, string? LinkPath, DateTime CreatedAt, bool Read, string? NetworkName);

/// <summary>
/// The one notification service of the platform. Every module raises its events with <see cref="NotifyAsync"/>: each
/// recipient gets the in-app notification and, by their preference for that kind, the mail at once (sent by
/// <see cref="NotificationMailQueue"/> a moment after the request), in tomorrow morning's digest, or none. A failing mail
/// server never fails the caller's action: the failure is logged, the in-app entry stays and <see cref="NotificationJobs"/>
/// tries the mail again later.
/// </summary>
public sealed class NotificationService(AppDbContext db, Mailer mailer, NotificationMailQueue queue, PublicSite site, UnsubscribeTokens tokens, IMemoryCache cache,
    TimeProvider clock, ILogger<NotificationService> log)
{
    public const int MaxAttempts = 3;
    public const int PageSize = 20;
    public const string ListPath = "/account/notifiche";
    public const string PreferencesPath = "/account/notifiche/preferenze";

    /// <summary>
    /// Stores the notice for every recipient and sends the immediate mails. Call it after saving the change it tells
    /// about (it saves its rows with the same <see cref="AppDbContext"/>). Returns how many people were notified.
    /// </summary>
    public Task<int> NotifyAsync(Notice notice, CancellationToken ct = default) => NotifyAsync(notice.Recipients, _ => notice, ct);

    /// <summary>
    /// The same, with the notice written in each recipient's language: the recipients are grouped by the language of their
    /// account, and <paramref name="compose"/> is called once per group, inside <see cref="Languages.Use"/> of that language
    /// (so <c>Tr.Get</c>, <c>RomeTime.Format</c> and <c>Money.Format</c> write that language), with the group's recipients; the notice it returns goes to them (its own recipients are
    /// replaced by the group). Names and texts written by people are passed in as they are.
    /// </summary>
    public async Task<int> NotifyAsync(IEnumerable<Guid> recipients, Func<IReadOnlyCollection<Guid>, Notice> compose, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(recipients, compose, ct);
        if (prepared.Count == 0) return 0;
        Stage(prepared);
        await db.SaveChangesAsync(ct);
        await SendAsync(prepared, ct);
        return prepared.Count;
    }

    /// <summary>A notice's rows, read and built but not yet saved, and the people to mail once they are.</summary>
    public sealed class Prepared
    {
        internal Prepared(List<(Notification Row, Notice Notice)> rows, Dictionary<Guid, (string? Email, string? Language)> people) => (Entries, People) = (rows, people);
        /// <summary>Each row with the notice it was written from (one notice per language of the recipients).</summary>
        internal List<(Notification Row, Notice Notice)> Entries { get; }
        internal IEnumerable<Notification> Rows => Entries.Select(e => e.Row);
        internal Dictionary<Guid, (string? Email, string? Language)> People { get; }
        public int Count => Entries.Count;
    }

    /// <summary>
    /// The first of three steps for a caller that writes the notice in its own transaction: reads the recipients and their
    /// preferences (before the transaction: on SQLite every read inside it holds up the other writers). Then
    /// <see cref="Stage"/> inside the transaction, before its last save, and <see cref="SendAsync"/> after the commit.
    /// </summary>
    public Task<Prepared> PrepareAsync(Notice notice, CancellationToken ct = default) => PrepareAsync(notice.Recipients, _ => notice, ct);

    /// <summary>
    /// <see cref="PrepareAsync(Notice, CancellationToken)"/> with the notice written in each recipient's language, as
    /// <see cref="NotifyAsync(IEnumerable{Guid}, Func{IReadOnlyCollection{Guid}, Notice}, CancellationToken)"/> does.
    /// </summary>
    public async Task<Prepared> PrepareAsync(IEnumerable<Guid> recipients, Func<IReadOnlyCollection<Guid>, Notice> compose, CancellationToken ct = default)
    {
        var ids = recipients.Distinct().ToList();
        if (ids.Count == 0) return new([], []);
        var now = clock.GetUtcNow().UtcDateTime;
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.Language }).ToListAsync(ct);
        var entries = new List<(Notification, Notice)>();
        var chosenByKind = new Dictionary<string, Dictionary<Guid, Delivery>>();
        // One notice per language the recipients read (an unknown or empty language reads Italian), composed in that language.
        foreach (var group in users.GroupBy(u => (Languages.Find(u.Language) ?? Languages.Italian).Code).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var to = group.Select(u => u.Id).ToList();
            Notice notice;
            using (Languages.Use(group.Key))
                notice = compose(to) with { Recipients = to };
            var kind = NotificationKinds.Get(notice.Kind);
            if (!chosenByKind.TryGetValue(kind.Key, out var chosen))
                chosenByKind[kind.Key] = chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind.Key && ids.Contains(p.UserId))
                    .ToDictionaryAsync(p => p.UserId, p => p.Delivery, ct);
            entries.AddRange(to.Select(id => (new Notification
            {
                Id = Guid.NewGuid(), UserId = id, NetworkId = notice.NetworkId, Kind = kind.Key,
                Subject = Cut(notice.Subject, 200), Text = Cut(notice.Text, 4000), LinkPath = notice.LinkPath is null ? null : Cut(notice.LinkPath, 500),
                CreatedAt = now, Delivery = Effective(kind, chosen.TryGetValue(id, out var d) ? d : null),
            }, notice)));
        }
        return new(entries, users.ToDictionary(u => u.Id, u => (u.Email, u.Language)));
    }

    /// <summary>Adds the prepared rows to the context: the caller's next save writes them with its own change.</summary>
    public void Stage(Prepared prepared) => db.Notifications.AddRange(prepared.Rows);

    /// <summary>
    /// Hands the immediate mails of rows saved with <see cref="Stage"/> to <see cref="NotificationMailQueue"/>; after the
    /// commit, never inside the transaction (the queue's sender must find the rows).
    /// </summary>
    public Task SendAsync(Prepared prepared, CancellationToken ct = default)
    {
        foreach (var (row, notice) in prepared.Entries)
        {
            ForgetUnread(row.UserId);
            if (row.Delivery == Delivery.Immediate && prepared.People[row.UserId] is { Email.Length: > 0 } person)
                queue.Enqueue(new(row, person.Email!, person.Language, notice.LinkLabel, notice.Attachments));
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The queue's side: claims each row with a conditional UPDATE (a retry on another instance may have sent it
    /// meanwhile), then sends the claimed mails over one connection. A mail that fails goes back to the retry job.
    /// </summary>
    internal async Task MailQueuedAsync(IReadOnlyList<NotificationMailQueue.Job> jobs, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = Guid.NewGuid();
        var ids = jobs.Select(j => j.Row.Id).ToList();
        if (await db.Notifications.Where(n => ids.Contains(n.Id) && n.MailedAt == null && n.MailAttempts == 0)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now).SetProperty(n => n.MailBatch, batch), ct) == 0) return;
        var claimed = (await db.Notifications.AsNoTracking().Where(n => n.MailBatch == batch).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        var senders = new Dictionary<Guid, Sender>();
        var mails = new List<(Notification Row, OutgoingMail Mail)>();
        foreach (var job in jobs.Where(j => claimed.Contains(j.Row.Id)))
        {
            var key = job.Row.NetworkId ?? Guid.Empty;
            if (!senders.TryGetValue(key, out var sender)) senders[key] = sender = await SenderAsync(job.Row.NetworkId, ct);
            mails.Add((job.Row, Mail(job.Row, job.Email, job.Language, sender, job.LinkLabel, job.Attachments)));
        }
        var failures = await mailer.SendManyAsync(mails.Select(m => m.Mail).ToList(), ct);
        foreach (var (index, error) in failures) await MailFailedAsync(mails[index].Row, error);
    }

    /// <summary>A mail that could not go: logged, and its row handed back to the retry job with one attempt more.</summary>
    Task MailFailedAsync(Notification row, Exception error)
    {
        log.LogWarning(error, "Notifica {Kind} non inviata per email a {UserId}: resta nell'elenco dell'app, nuovo tentativo più tardi", row.Kind, row.UserId);
        return db.Notifications.Where(n => n.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, (DateTime?)null).SetProperty(n => n.MailBatch, (Guid?)null).SetProperty(n => n.MailAttempts, n => n.MailAttempts + 1), CancellationToken.None);
    }

    // ---- recipients other modules often need ----

    /// <summary>The coordinators of a network (who review what partners submit).</summary>
    public Task<List<Guid>> CoordinatorsAsync(Guid networkId, CancellationToken ct = default) =>
        db.Memberships.AsNoTracking().Where(m => m.NetworkId == networkId && m.Role == Auth.NetworkRole.Coordinator).Select(m => m.UserId).Distinct().ToListAsync(ct);

    /// <summary>The staff of a partner (partner staff and merchants).</summary>
    public Task<List<Guid>> PartnerStaffAsync(Guid partnerId, CancellationToken ct = default) =>
        db.Memberships.AsNoTracking().Where(m => m.PartnerId == partnerId && (m.Role == Auth.NetworkRole.PartnerStaff || m.Role == Auth.NetworkRole.Merchant))
            .Select(m => m.UserId).Distinct().ToListAsync(ct);

    /// <summary>A person's delivery for a kind: their choice when it is one the kind offers, otherwise the kind's default.</summary>
    public static Delivery Effective(NotificationKind kind, Delivery? chosen) =>
        chosen is { } c && kind.Choices.Contains(c) ? c : kind.Default;

    sealed record Sender(string? NetworkName, string? FromName, string? FromAddress);

    async Task<Sender> SenderAsync(Guid? networkId, CancellationToken ct)
    {
        if (networkId is null) return new(null, null, null);
        var n = await db.Networks.AsNoTracking().Where(n => n.Id == networkId).Select(n => new { n.Name, n.MailFromName, n.MailFromAddress }).FirstOrDefaultAsync(ct);
        return n is null ? new(null, null, null) : new(n.Name, string.IsNullOrWhiteSpace(n.MailFromName) ? n.Name : n.MailFromName, n.MailFromAddress);
    }

    /// <summary>Sends one notification's mail now; on failure logs it and counts the attempt (the retry job sends it later).</summary>
    async Task<bool> MailAsync(Notification row, string email, string? language, Sender sender, string? linkLabel, IReadOnlyList<MailAttachment> attachments, CancellationToken ct)
    {
        var mail = Mail(row, email, language, sender, linkLabel, attachments);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await mailer.SendAsync(mail, ct);
            await db.Notifications.Where(n => n.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now), ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await MailFailedAsync(row, e);
            return false;
        }
    }

    /// <summary>A notification's mail, framed in the recipient's language.</summary>
    OutgoingMail Mail(Notification row, string email, string? language, Sender sender, string? linkLabel, IReadOnlyList<MailAttachment> attachments)
    {
        // The mail's frame (button, footer, reason) in the recipient's language, whoever caused the notice.
        using var _ = Languages.Use(language);
        var kind = NotificationKinds.Get(row.Kind);
        var unsubscribe = UnsubscribeUrl(row.UserId, kind.Key);
        var content = new MailContent(row.Subject, row.Text)
        {
            NetworkName = sender.NetworkName,
            LinkUrl = row.LinkPath is null ? null : site.Link(row.LinkPath),
            LinkLabel = linkLabel,
            Reason = kind.Reason,
            PreferencesUrl = site.Link(PreferencesPath),
            UnsubscribeUrl = unsubscribe,
        };
        return new OutgoingMail(email, row.Subject, MailTemplate.Text(content), MailTemplate.Html(content))
        {
            FromName = sender.FromName, FromAddress = sender.FromAddress, Attachments = attachments, Headers = UnsubscribeHeaders(unsubscribe),
        };
    }

    /// <summary>RFC 2369 and RFC 8058: the mail client's one-click unsubscribe, a POST to the URL without cookies.</summary>
    public static Dictionary<string, string> UnsubscribeHeaders(string url) => new()
    {
        ["List-Unsubscribe"] = $"<{url}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };

    public string UnsubscribeUrl(Guid userId, string kind) => site.Link(UnsubscribeTokens.Path + "?t=" + tokens.Create(userId, kind));

    /// <summary>
    /// Sends the mails whose immediate sending failed (or was cut short), each claimed with a conditional UPDATE first so
    /// two instances never send one twice. Returns how many were sent.
    /// </summary>
    public async Task<int> RetryFailedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now.AddMinutes(-10);
        var oldest = now.AddDays(-2);
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.Delivery == Delivery.Immediate && n.MailedAt == null && n.MailAttempts < MaxAttempts && n.CreatedAt > oldest
                && (n.MailAttempts > 0 || n.CreatedAt < stale))
            .OrderBy(n => n.CreatedAt).Take(200).ToListAsync(ct);
        var sent = 0;
        foreach (var row in due)
        {
            var batch = Guid.NewGuid();
            var claimed = await db.Notifications.Where(n => n.Id == row.Id && n.MailedAt == null && n.MailAttempts == row.MailAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now).SetProperty(n => n.MailBatch, batch), ct);
            if (claimed == 0) continue;
            var person = await db.Users.Where(u => u.Id == row.UserId).Select(u => new { u.Email, u.Language }).FirstOrDefaultAsync(ct);
            if (string.IsNullOrEmpty(person?.Email)) continue;
            if (await MailAsync(row, person.Email, person.Language, await SenderAsync(row.NetworkId, ct), null, [], ct)) sent++;
        }
        return sent;
    }

    /// <summary>
    /// The daily digest: for every person with notifications set to the digest and raised up to <paramref name="cutoff"/>,
    /// one mail listing them. A person's rows are claimed with one conditional UPDATE tagging them with this run's id, so
    /// a second run (or another instance at the same moment) finds nothing left and sends nothing. Returns the mails sent.
    /// </summary>
    public async Task<int> SendDigestsAsync(DateTime cutoff, CancellationToken ct = default)
    {
        var sent = 0;
        var skip = new HashSet<Guid>();
        while (true)
        {
            var people = await db.Notifications.AsNoTracking()
                .Where(n => n.Delivery == Delivery.Digest && n.MailedAt == null && n.MailAttempts < MaxAttempts && n.CreatedAt <= cutoff)
                .Select(n => n.UserId).Distinct().OrderBy(u => u).Take(200).ToListAsync(ct);
            people.RemoveAll(skip.Contains);
            if (people.Count == 0) return sent;
            foreach (var userId in people)
            {
                skip.Add(userId);
                if (await SendDigestAsync(userId, cutoff, ct)) sent++;
            }
        }
    }

    async Task<bool> SendDigestAsync(Guid userId, DateTime cutoff, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = Guid.NewGuid();
        var claimed = await db.Notifications
            .Where(n => n.UserId == userId && n.Delivery == Delivery.Digest && n.MailedAt == null && n.MailAttempts < MaxAttempts && n.CreatedAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now).SetProperty(n => n.MailBatch, batch), ct);
        if (claimed == 0) return false;
        var items = await db.Notifications.AsNoTracking().Where(n => n.MailBatch == batch).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var person = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.Language }).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(person?.Email) || items.Count == 0) return false;
        var email = person.Email;
        using var _ = Languages.Use(person.Language);

        var networks = items.Select(i => i.NetworkId).Distinct().ToList();
        var sender = networks.Count == 1 ? await SenderAsync(networks[0], ct) : new Sender(null, null, null);
        var subject = items.Count == 1 ? Tr.Get("Riepilogo del giorno: {0}", items[0].Subject) : Tr.Get("Riepilogo del giorno: {0} notifiche", items.Count);
        var intro = items.Count == 1 ? Tr.Get("Ecco la notifica di ieri.") : Tr.Get("Ecco le {0} notifiche di ieri.", items.Count);
        var text = new StringBuilder(intro + "\n\n");
        var html = new StringBuilder($"<p style=\"margin:0 0 16px 0;\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(intro)}</p>");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">");
        foreach (var item in items)
        {
            var link = item.LinkPath is null ? null : site.Link(item.LinkPath);
            text.Append("• ").Append(item.Subject).Append(" (").Append(RomeTime.Format(item.CreatedAt)).Append(")\n")
                .Append(item.Text.Trim()).Append('\n');
            if (link is not null) text.Append(link).Append('\n');
            text.Append('\n');
            var enc = System.Text.Encodings.Web.HtmlEncoder.Default;
            html.Append("<tr><td style=\"padding:12px 0;border-top:1px solid #d9dadb;\">")
                .Append("<p style=\"margin:0 0 4px 0;font-weight:bold;\">")
                .Append(link is null ? enc.Encode(item.Subject) : $"<a href=\"{enc.Encode(link)}\" style=\"color:#0066cc;\">{enc.Encode(item.Subject)}</a>")
                .Append("</p><p style=\"margin:0 0 4px 0;font-size:13px;color:#5c6f82;\">").Append(enc.Encode(RomeTime.Format(item.CreatedAt))).Append("</p>")
                .Append(MailTemplate.Paragraphs(item.Text)).Append("</td></tr>");
        }
        html.Append("</table>");
        var unsubscribe = UnsubscribeUrl(userId, NotificationKinds.DigestKey);
        var content = new MailContent(subject, text.ToString())
        {
            NetworkName = sender.NetworkName, BodyHtml = html.ToString(),
            LinkUrl = site.Link(ListPath), LinkLabel = Tr.Get("Vedi tutte le notifiche"),
            Reason = Tr.Get("Ricevi questo riepilogo perché hai scelto il riepilogo giornaliero per alcune notifiche del tuo account."),
            PreferencesUrl = site.Link(PreferencesPath), UnsubscribeUrl = unsubscribe,
        };
        var mail = new OutgoingMail(email, subject, MailTemplate.Text(content), MailTemplate.Html(content))
        {
            FromName = sender.FromName, FromAddress = sender.FromAddress, Headers = UnsubscribeHeaders(unsubscribe),
        };
        try
        {
            await mailer.SendAsync(mail, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Riepilogo delle notifiche non inviato a {UserId}: nuovo tentativo alla prossima esecuzione", userId);
            await db.Notifications.Where(n => n.MailBatch == batch)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, (DateTime?)null).SetProperty(n => n.MailBatch, (Guid?)null).SetProperty(n => n.MailAttempts, n => n.MailAttempts + 1), CancellationToken.None);
            return false;
        }
    }

    // ---- the person's list and preferences ----

    /// <summary>The header's badge: one COUNT on the (UserId, ReadAt) index.</summary>
    /// <summary>
    /// How long an instance shows a person's unread count (the header's badge, on every page a signed-in person opens) before
    /// counting again. A notice raised or read in this instance updates it at once; one raised in another instance shows
    /// within these seconds.
    /// </summary>
    public static readonly TimeSpan UnreadCountLifetime = TimeSpan.FromSeconds(10);

    static string UnreadKey(Guid userId) => "unread:" + userId;

    void ForgetUnread(Guid userId) => cache.Remove(UnreadKey(userId));

    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(UnreadKey(userId), out int known)) return known;
        var count = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        cache.Set(UnreadKey(userId), count, UnreadCountLifetime);
        return count;
    }

    public async Task<Paged<NotificationItem>> ListAsync(Guid userId, int page, CancellationToken ct = default)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pages);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).PageOf(page, PageSize)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Subject, n.Text, n.LinkPath, n.CreatedAt, n.ReadAt != null,
                db.Networks.Where(x => x.Id == n.NetworkId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return new(items, total, page, PageSize);
    }

    /// <summary>Marks one of the person's notifications read and answers its link (null: not theirs, or no link).</summary>
    public async Task<(bool Found, string? LinkPath)> OpenAsync(Guid userId, Guid id, CancellationToken ct = default)
    {
        var link = await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.UserId == userId).Select(n => new { n.LinkPath }).FirstOrDefaultAsync(ct);
        if (link is null) return (false, null);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        ForgetUnread(userId);
        return (true, link.LinkPath);
    }

    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var read = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        ForgetUnread(userId);
        return read;
    }

    /// <summary>The kinds the person has notifications of.</summary>
    public async Task<HashSet<string>> KindsReceivedAsync(Guid userId, CancellationToken ct = default) =>
        (await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).Select(n => n.Kind).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>The person's delivery for every kind (defaults where they chose nothing).</summary>
    public async Task<Dictionary<string, Delivery>> PreferencesAsync(Guid userId, CancellationToken ct = default)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, ct);
        return NotificationKinds.All.ToDictionary(k => k.Key, k => Effective(k, chosen.TryGetValue(k.Key, out var d) ? d : null));
    }

    /// <summary>
    /// Sets the person's delivery for a kind (a conditional UPDATE, or an INSERT; a concurrent twin insert ends as an update).
    /// The pseudo-kind <see cref="NotificationKinds.DigestKey"/> with <see cref="Delivery.Off"/> turns off every kind now in the digest.
    /// </summary>
    public async Task SetPreferenceAsync(Guid userId, string kindKey, Delivery delivery, CancellationToken ct = default)
    {
        if (kindKey == NotificationKinds.DigestKey)
        {
            var current = await PreferencesAsync(userId, ct);
            foreach (var (key, d) in current.Where(p => p.Value == Delivery.Digest))
                await SetPreferenceAsync(userId, key, delivery, ct);
            return;
        }
        var kind = NotificationKinds.Get(kindKey);
        if (!kind.Choices.Contains(delivery)) throw new ArgumentException($"«{delivery}» is not a choice of {kind.Key}.", nameof(delivery));
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var updated = await db.NotificationPreferences.Where(p => p.UserId == userId && p.Kind == kind.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Delivery, delivery).SetProperty(p => p.UpdatedAt, now), ct);
            if (updated > 0) return;
            var row = new NotificationPreference { UserId = userId, Kind = kind.Key, Delivery = delivery, UpdatedAt = now };
            db.NotificationPreferences.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                db.Entry(row).State = EntityState.Detached;
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.Entry(row).State = EntityState.Detached; // a twin request inserted it first: update it
            }
        }
    }

    static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
