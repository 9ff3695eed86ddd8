using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Messages;

/// <summary>
/// A kind of topic people talk about privately (a Condividi post, a time-bank offer): its module names it and gives its page.
/// Register one per kind with <c>services.AddScoped&lt;IConversationTopic, …&gt;()</c>.
/// </summary>
public interface IConversationTopic
{
    string Kind { get; }
    /// <summary>The topic's title and page, or null when it is not in the network.</summary>
    Task<(string Title, string Path)?> DescribeAsync(Guid networkId, Guid topicId, CancellationToken cancel = default);
}

/// <summary>
/// Private conversations between two people of a network about a topic. The public API for every module:
/// <see cref="OpenAsync"/> (find or start the conversation of <c>from</c> with <c>to</c> about a topic), <see cref="WriteAsync"/>,
/// <see cref="FindAsync"/> (null for anyone but the two people: a 404), blocking, the agreed hand-over time and its .ics.
/// The other side hears of a new message by an in-app notification and, at most once an hour per conversation, an e-mail.
/// </summary>
public sealed class Conversations(AppDbContext db, NotificationService notifications, IEnumerable<IConversationTopic> topics, TimeProvider clock)
{
    public const string ExchangeTopic = "scambio";
    public const int MaxText = 2000;
    public const int PageSize = 20;
    public static readonly TimeSpan NoticeEvery = TimeSpan.FromHours(1);

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public sealed record Opened(Guid? Id, string? Problem);

    /// <summary>The conversation of <paramref name="from"/> with <paramref name="to"/> about the topic: the existing one, or a new one.</summary>
    public async Task<Opened> OpenAsync(Guid networkId, Guid from, Guid to, string topicKind, Guid topicId, CancellationToken cancel = default)
    {
        if (from == to) return new(null, Tr.Get("Non puoi scrivere a te stesso."));
        // The same pair about the same topic is one conversation, whoever opened it.
        var existing = await db.Conversations.AsNoTracking()
            .Where(c => c.NetworkId == networkId && c.TopicKind == topicKind && c.TopicId == topicId
                && ((c.StarterUserId == from && c.OtherUserId == to) || (c.StarterUserId == to && c.OtherUserId == from)))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancel);
        if (existing is { } id) return new(id, null);
        if (await IsBlockedAsync(networkId, to, from, cancel)) return new(null, Tr.Get("Questa persona non accetta tuoi messaggi."));
        var now = Now;
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(), NetworkId = networkId, TopicKind = topicKind, TopicId = topicId, StarterUserId = from, OtherUserId = to,
            CreatedAt = now, LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        if (await db.TrySaveAsync()) return new(conversation.Id, null);
        // A twin request opened it first: the one unique row is the answer.
        var twin = await db.Conversations.AsNoTracking()
            .Where(c => c.NetworkId == networkId && c.TopicKind == topicKind && c.TopicId == topicId && c.StarterUserId == from)
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancel);
        return twin is null ? new(null, Concurrency.AlreadyDone) : new(twin, null);
    }

    /// <summary>The conversation when <paramref name="userId"/> is one of its two people in this network; otherwise null (a 404).</summary>
    public Task<Conversation?> FindAsync(Guid networkId, Guid userId, Guid id, CancellationToken cancel = default) =>
        db.Conversations.FirstOrDefaultAsync(c => c.Id == id && c.NetworkId == networkId && (c.StarterUserId == userId || c.OtherUserId == userId), cancel);

    public Task<bool> IsBlockedAsync(Guid networkId, Guid blocker, Guid blocked, CancellationToken cancel = default) =>
        db.PersonBlocks.AnyAsync(b => b.NetworkId == networkId && b.BlockerUserId == blocker && b.BlockedUserId == blocked, cancel);

    public async Task<(string Title, string Path)?> TopicAsync(Conversation c, CancellationToken cancel = default) =>
        topics.FirstOrDefault(t => t.Kind == c.TopicKind) is { } topic ? await topic.DescribeAsync(c.NetworkId, c.TopicId, cancel) : null;

    /// <summary>Adds a message; refused (with the reason) when it is empty or too long, or the other person blocked the writer.</summary>
    public async Task<string?> WriteAsync(Conversation c, Guid authorId, string? text, CancellationToken cancel = default)
    {
        var clean = Text.Clean(text);
        if (clean is null) return Tr.Get("Scrivi il messaggio.");
        if (clean.Length > MaxText) return Tr.Get("Il messaggio può avere al massimo {0} caratteri.", MaxText);
        if (!c.Involves(authorId)) return Tr.Get("Conversazione non trovata.");
        var other = c.Counterpart(authorId);
        if (await IsBlockedAsync(c.NetworkId, other, authorId, cancel)) return Tr.Get("Questa persona ti ha bloccato: non puoi più scriverle.");
        if (await IsBlockedAsync(c.NetworkId, authorId, other, cancel)) return Tr.Get("Hai bloccato questa persona: sbloccala per scriverle.");
        var now = Now;
        db.ConversationMessages.Add(new ConversationMessage { Id = Guid.NewGuid(), ConversationId = c.Id, AuthorUserId = authorId, Text = clean, CreatedAt = now });
        await db.SaveChangesAsync(cancel);
        await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastMessageAt, now), cancel);
        if (authorId == c.StarterUserId)
            await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.StarterReadAt, now), cancel);
        else
            await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OtherReadAt, now), cancel);
        await NoticeAsync(c, other, clean, cancel);
        return null;
    }

    /// <summary>The other side hears of the message; the e-mail leaves at most once an hour per conversation (a conditional update claims it).</summary>
    async Task NoticeAsync(Conversation c, Guid recipient, string text, CancellationToken cancel)
    {
        var now = Now;
        var since = now - NoticeEvery;
        var claimed = recipient == c.StarterUserId
            ? await db.Conversations.Where(x => x.Id == c.Id && (x.StarterNoticeAt == null || x.StarterNoticeAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.StarterNoticeAt, now), cancel)
            : await db.Conversations.Where(x => x.Id == c.Id && (x.OtherNoticeAt == null || x.OtherNoticeAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OtherNoticeAt, now), cancel);
        if (claimed == 0) return;
        var topic = await TopicAsync(c, cancel);
        var preview = text.Length > 300 ? text[..300] + "…" : text;
        // In the recipient's language, whatever the writer reads; the message itself as written.
        await notifications.NotifyAsync([recipient], to => new Notice(NotificationKinds.SharingMessage.Key, c.NetworkId, to,
            topic is { } t ? Tr.Get("Nuovo messaggio su «{0}»", t.Title) : Tr.Get("Nuovo messaggio su Condividi"),
            Tr.Get("Hai ricevuto un messaggio privato:") + "\n\n" + preview + "\n\n" + Tr.Get("Rispondi dalla conversazione (i tuoi recapiti restano privati)."),
            ConversationPath(c.Id)) { LinkLabel = Tr.Get("Apri la conversazione") }, cancel);
    }

    public static string ConversationPath(Guid id) => $"/condividi/messaggi/{id}";

    public sealed record MessageLine(Guid Id, Guid AuthorUserId, string Text, DateTime CreatedAt);

    public Task<List<MessageLine>> MessagesAsync(Guid conversationId, CancellationToken cancel = default) =>
        db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt)
            .Select(m => new MessageLine(m.Id, m.AuthorUserId, m.Text, m.CreatedAt)).Take(500).ToListAsync(cancel);

    public async Task MarkReadAsync(Conversation c, Guid userId, CancellationToken cancel = default)
    {
        var now = Now;
        if (userId == c.StarterUserId) await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.StarterReadAt, now), cancel);
        else await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OtherReadAt, now), cancel);
    }

    public sealed record ConversationLine(Guid Id, string TopicKind, Guid TopicId, Guid OtherUserId, string OtherName, DateTime LastMessageAt, bool Unread, string? Topic);

    /// <summary>The person's conversations in the network, the latest first.</summary>
    public async Task<Paged<ConversationLine>> ListAsync(Guid networkId, Guid userId, int page, CancellationToken cancel = default)
    {
        var query = db.Conversations.AsNoTracking().Where(c => c.NetworkId == networkId && (c.StarterUserId == userId || c.OtherUserId == userId)
            && db.ConversationMessages.Any(m => m.ConversationId == c.Id));
        var total = await query.CountAsync(cancel);
        page = Math.Clamp(page, 1, Math.Max(1, (int)Math.Ceiling(total / (double)PageSize)));
        var rows = await query.OrderByDescending(c => c.LastMessageAt).PageOf(page, PageSize)
            .Select(c => new
            {
                c.Id, c.TopicKind, c.TopicId, c.LastMessageAt,
                Other = c.StarterUserId == userId ? c.OtherUserId : c.StarterUserId,
                ReadAt = c.StarterUserId == userId ? c.StarterReadAt : c.OtherReadAt,
            }).ToListAsync(cancel);
        var others = rows.Select(r => r.Other).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancel);
        var lines = new List<ConversationLine>();
        foreach (var r in rows)
        {
            var topic = topics.FirstOrDefault(t => t.Kind == r.TopicKind) is { } k ? await k.DescribeAsync(networkId, r.TopicId, cancel) : null;
            lines.Add(new(r.Id, r.TopicKind, r.TopicId, r.Other, ShortName(names.GetValueOrDefault(r.Other)), r.LastMessageAt, r.ReadAt is null || r.ReadAt < r.LastMessageAt, topic?.Title));
        }
        return new(lines, total, page, PageSize);
    }

    public Task<int> UnreadAsync(Guid networkId, Guid userId, CancellationToken cancel = default) =>
        db.Conversations.AsNoTracking().CountAsync(c => c.NetworkId == networkId && db.ConversationMessages.Any(m => m.ConversationId == c.Id)
            && ((c.StarterUserId == userId && (c.StarterReadAt == null || c.StarterReadAt < c.LastMessageAt))
                || (c.OtherUserId == userId && (c.OtherReadAt == null || c.OtherReadAt < c.LastMessageAt))), cancel);

    /// <summary>What the other side sees of a person: the first name and the initial of the surname, never the e-mail or phone.</summary>
    public static string ShortName(string? displayName)
    {
        var words = (displayName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return Tr.Get("Una famiglia");
        return words.Length == 1 ? words[0] : string.Join(' ', words[..^1]) + $" {words[^1][0]}.";
    }

    public async Task<string?> BlockAsync(Guid networkId, Guid blocker, Guid blocked, CancellationToken cancel = default)
    {
        if (blocker == blocked) return Tr.Get("Non puoi bloccare te stesso.");
        if (await IsBlockedAsync(networkId, blocker, blocked, cancel)) return Tr.Get("Hai già bloccato questa persona.");
        db.PersonBlocks.Add(new PersonBlock { NetworkId = networkId, BlockerUserId = blocker, BlockedUserId = blocked, CreatedAt = Now });
        return await db.TrySaveAsync() ? null : Tr.Get("Hai già bloccato questa persona.");
    }

    public async Task UnblockAsync(Guid networkId, Guid blocker, Guid blocked, CancellationToken cancel = default) =>
        await db.PersonBlocks.Where(b => b.NetworkId == networkId && b.BlockerUserId == blocker && b.BlockedUserId == blocked).ExecuteDeleteAsync(cancel);

    /// <summary>Records the agreed hand-over time and place, and tells the other side.</summary>
    public async Task<Dictionary<string, string>> AgreeAsync(Conversation c, Guid userId, DateOnly? day, TimeOnly? time, string? place, CancellationToken cancel = default)
    {
        var errors = new Dictionary<string, string>();
        if (day is null) errors["Day"] = Tr.Get("Indica il giorno.");
        if (time is null) errors["Time"] = Tr.Get("Indica l'ora.");
        var cleanPlace = Text.Clean(place);
        if (cleanPlace is null) errors["Place"] = Tr.Get("Indica il luogo (un punto di raccolta o un luogo pubblico, non l'indirizzo di casa se non vuoi).");
        else if (cleanPlace.Length > 200) errors["Place"] = Tr.Get("Il luogo può avere al massimo 200 caratteri.");
        if (errors.Count > 0) return errors;
        var at = RomeTime.FromRome(day!.Value, time!.Value);
        if (at < Now.AddMinutes(-5)) { errors["Day"] = Tr.Get("Il momento scelto è già passato: scegli un giorno e un'ora futuri."); return errors; }
        if (at > Now.AddYears(1)) { errors["Day"] = Tr.Get("Scegli un giorno entro un anno."); return errors; }
        await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AgreedAt, at).SetProperty(x => x.AgreedPlace, cleanPlace), cancel);
        await WriteAsync(c, userId, $"Proposta di consegna: {RomeTime.Format(at, "dddd d MMMM yyyy 'alle' HH:mm")}, {cleanPlace}.", cancel);
        return errors;
    }

    /// <summary>The agreed hand-over as an iCalendar file (Ical.Net), with the conversation's link.</summary>
    public static string Ics(Conversation c, string title, string link)
    {
        var calendar = new Ical.Net.Calendar();
        calendar.AddProperty("X-WR-CALNAME", "Condividi");
        var start = new Ical.Net.DataTypes.CalDateTime(c.AgreedAt!.Value, "UTC");
        calendar.Events.Add(new Ical.Net.CalendarComponents.CalendarEvent
        {
            Uid = $"condividi-{c.Id}@alleanza",
            Summary = Tr.Get("Consegna: {0}", title),
            Location = c.AgreedPlace,
            Description = Tr.Get("Consegna concordata su Condividi. Conversazione: {0}", link),
            Url = new Uri(link),
            DtStart = start,
            DtEnd = start.AddMinutes(30),
            DtStamp = new Ical.Net.DataTypes.CalDateTime(DateTime.UtcNow, "UTC"),
        });
        return new Ical.Net.Serialization.CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
