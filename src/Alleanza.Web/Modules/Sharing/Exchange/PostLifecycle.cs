using Alleanza.Web.Modules.Sharing.Messages;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// The transitions of a post, each a versioned update (<see cref="IVersioned"/>): of two requests made on the same state only
/// the first saves, the second reads «già fatto» (two people asking at once: one gets the promise).
/// </summary>
public sealed class PostLifecycle(AppDbContext db, TimeProvider clock, NotificationService notifications, Conversations conversations, AuditLog audit)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The post when the viewer may see it: published ones for the network's people; the rest for its family, the taker and moderators.</summary>
    public async Task<SharingPost?> FindAsync(Guid networkId, Guid id, Guid viewerId, bool moderator, CancellationToken cancel = default)
    {
        var post = await db.SharingPosts.FirstOrDefaultAsync(p => p.Id == id && p.NetworkId == networkId, cancel);
        if (post is null) return null;
        if (post.OwnerUserId == viewerId || post.PromisedToUserId == viewerId || moderator) return post;
        return post.Status is PostStatus.Published or PostStatus.Promised or PostStatus.HandedOver or PostStatus.Closed ? post : null;
    }

    /// <summary>Tells one side of the exchange, in their language: <paramref name="compose"/> writes the subject and the text in it.</summary>
    Task NotifyAsync(SharingPost post, Guid to, Func<(string Subject, string Text)> compose) =>
        notifications.NotifyAsync([to], people =>
        {
            var (subject, text) = compose();
            return new Notice(NotificationKinds.SharingPost.Key, post.NetworkId, people, subject, text, $"/condividi/{post.Id}") { LinkLabel = Tr.Get("Apri l'annuncio") };
        });

    /// <summary>
    /// The person asks for the post (an offer) or answers it (a request): the first one gets the promise, and a conversation with
    /// the family opens with their message. Returns the conversation, or why not.
    /// </summary>
    public async Task<(Guid? ConversationId, string? Problem)> AskAsync(SharingPost post, Guid userId, string? message)
    {
        if (post.OwnerUserId == userId) return (null, Tr.Get("È il vostro annuncio."));
        if (post.Status == PostStatus.Promised && post.PromisedToUserId == userId) return (null, Tr.Get("Ve l'hanno già promesso: concordate la consegna nei messaggi."));
        if (post.Status != PostStatus.Published) return (null, post.Status == PostStatus.Promised ? Tr.Get("È già stato promesso a un'altra famiglia.") : Tr.Get("L'annuncio non è più disponibile."));
        if (await conversations.IsBlockedAsync(post.NetworkId, post.OwnerUserId, userId)) return (null, Tr.Get("Questa famiglia non accetta tuoi messaggi."));
        var clean = Text.Clean(message);
        if (clean is { Length: > Conversations.MaxText }) return (null, Tr.Get("Il messaggio può avere al massimo {0} caratteri.", Conversations.MaxText));
        post.Status = PostStatus.Promised;
        post.PromisedToUserId = userId;
        post.PromisedAt = Now;
        if (!await db.TrySaveAsync()) return (null, Tr.Get("Nello stesso momento un'altra famiglia l'ha chiesto: è già stato promesso."));
        var opened = await conversations.OpenAsync(post.NetworkId, userId, post.OwnerUserId, Conversations.ExchangeTopic, post.Id);
        if (opened.Id is { } id && await conversations.FindAsync(post.NetworkId, userId, id) is { } conversation)
            await conversations.WriteAsync(conversation, userId, clean ?? (post.Kind == PostKind.Request ? Tr.Get("Ciao, posso aiutarvi io!") : Tr.Get("Ciao, mi interessa: quando possiamo fare la consegna?")));
        await NotifyAsync(post, post.OwnerUserId, () => (Tr.Get("«{0}» è stato promesso", post.Title),
            post.Kind == PostKind.Request ? Tr.Get("Una famiglia ha risposto alla vostra richiesta. Concordate la consegna nei messaggi.") : Tr.Get("Una famiglia l'ha chiesto ed è ora promesso a lei. Concordate la consegna nei messaggi.")));
        return (opened.Id, null);
    }

    /// <summary>The family takes the promise back (the other did not show up, or changed their mind): the post is available again.</summary>
    public async Task<string?> ReleaseAsync(SharingPost post, Guid userId, bool noShow)
    {
        if (post.OwnerUserId != userId) return Tr.Get("Solo la famiglia dell'annuncio può annullare la promessa.");
        if (post.Status != PostStatus.Promised) return Tr.Get("L'annuncio non è promesso.");
        var taker = post.PromisedToUserId!.Value;
        post.Status = PostStatus.Published;
        post.PromisedToUserId = null;
        post.PromisedAt = null;
        post.OwnerConfirmedAt = post.TakerConfirmedAt = null;
        if (!await db.TrySaveAsync()) return Concurrency.AlreadyDone;
        await audit.WriteAsync(noShow ? "sharing.post.noshow" : "sharing.post.released", "SharingPost", post.Id, null, post.NetworkId);
        await NotifyAsync(post, taker, () => (Tr.Get("«{0}» non è più promesso a voi", post.Title),
            noShow ? Tr.Get("La famiglia ha segnato che non vi siete presentati alla consegna: l'annuncio è tornato disponibile.") : Tr.Get("La famiglia ha annullato la promessa: l'annuncio è tornato disponibile.")));
        return null;
    }

    /// <summary>
    /// One side confirms the hand-over (or the collection point's staff confirms it for both). With both confirmations the post is
    /// handed over; a loan gets its due date.
    /// </summary>
    public async Task<string?> ConfirmAsync(SharingPost post, Guid userId, bool asCollectionPoint)
    {
        if (post.Status == PostStatus.HandedOver) return Tr.Get("La consegna è già confermata.");
        if (post.Status != PostStatus.Promised) return Tr.Get("Si conferma la consegna di un annuncio promesso.");
        var now = Now;
        if (asCollectionPoint)
        {
            post.OwnerConfirmedAt ??= now;
            post.TakerConfirmedAt ??= now;
            post.ConfirmedByStaffUserId = userId;
        }
        else if (userId == post.OwnerUserId)
        {
            if (post.OwnerConfirmedAt is not null) return Tr.Get("Avete già confermato: manca la conferma dell'altra famiglia.");
            post.OwnerConfirmedAt = now;
        }
        else if (userId == post.PromisedToUserId)
        {
            if (post.TakerConfirmedAt is not null) return Tr.Get("Avete già confermato: manca la conferma dell'altra famiglia.");
            post.TakerConfirmedAt = now;
        }
        else return Tr.Get("Solo le due famiglie, o il punto di raccolta, confermano la consegna.");
        var done = post.OwnerConfirmedAt is not null && post.TakerConfirmedAt is not null;
        if (done)
        {
            post.Status = PostStatus.HandedOver;
            post.HandedOverAt = now;
            if (post.Kind == PostKind.Loan && post.LoanDays is { } days) post.DueOn = RomeTime.Today(clock).AddDays(days);
        }
        if (!await db.TrySaveAsync()) return Concurrency.AlreadyDone;
        if (done)
        {
            foreach (var person in new[] { post.OwnerUserId, post.PromisedToUserId!.Value }.Where(p => p != userId))
                await NotifyAsync(post, person, () => (Tr.Get("Consegna confermata: «{0}»", post.Title),
                    post.Kind == PostKind.Loan ? Tr.Get("La consegna è confermata. Il prestito va restituito entro il {0}.", RomeTime.Format(post.DueOn!.Value)) : Tr.Get("La consegna è confermata da entrambe le parti. Grazie!")));
        }
        else
            await NotifyAsync(post, userId == post.OwnerUserId ? post.PromisedToUserId!.Value : post.OwnerUserId, () => (Tr.Get("Confermate la consegna di «{0}»", post.Title),
                Tr.Get("L'altra famiglia ha confermato la consegna: confermatela anche voi dall'annuncio.")));
        return null;
    }

    /// <summary>The family closes the exchange with its outcome; a loan is closed when it comes back.</summary>
    public async Task<string?> CloseAsync(SharingPost post, Guid userId, ExchangeOutcome? outcome)
    {
        if (post.OwnerUserId != userId) return Tr.Get("Solo la famiglia dell'annuncio lo conclude.");
        if (outcome is not { } o || !Enum.IsDefined(o)) return Tr.Get("Dite com'è andata.");
        if (post.Status == PostStatus.Closed) return Tr.Get("Lo scambio è già concluso.");
        if (post.Status != PostStatus.HandedOver) return Tr.Get("Si conclude uno scambio dopo la consegna.");
        post.Status = PostStatus.Closed;
        post.Outcome = o;
        post.ClosedAt = Now;
        if (post.Kind == PostKind.Loan) post.ReturnedAt = Now;
        if (!await db.TrySaveAsync()) return Concurrency.AlreadyDone;
        if (post.Kind == PostKind.Loan && post.PromisedToUserId is { } taker)
            await NotifyAsync(post, taker, () => (Tr.Get("Prestito restituito: «{0}»", post.Title), Tr.Get("La famiglia ha segnato il prestito come restituito. Grazie!")));
        return null;
    }

    public async Task<string?> WithdrawAsync(SharingPost post, Guid userId)
    {
        if (post.OwnerUserId != userId) return Tr.Get("Solo la famiglia dell'annuncio lo ritira.");
        if (post.Status == PostStatus.Withdrawn) return Tr.Get("L'annuncio è già ritirato.");
        if (post.Status is not (PostStatus.Moderation or PostStatus.Published or PostStatus.Promised)) return Tr.Get("Questo annuncio non si può più ritirare.");
        var taker = post.Status == PostStatus.Promised ? post.PromisedToUserId : null;
        post.Status = PostStatus.Withdrawn;
        if (!await db.TrySaveAsync()) return Concurrency.AlreadyDone;
        if (taker is { } t) await NotifyAsync(post, t, () => (Tr.Get("«{0}» è stato ritirato", post.Title), Tr.Get("La famiglia ha ritirato l'annuncio che vi era stato promesso.")));
        return null;
    }

    /// <summary>One click: an expired or withdrawn post is published again for the network's time (or goes back to moderation if it never passed it).</summary>
    public async Task<string?> RepostAsync(SharingPost post, Guid userId)
    {
        if (post.OwnerUserId != userId) return Tr.Get("Solo la famiglia dell'annuncio lo ripubblica.");
        if (post.Status is PostStatus.Published) return Tr.Get("L'annuncio è già pubblicato.");
        if (post.Status is not (PostStatus.Expired or PostStatus.Withdrawn)) return Tr.Get("Si ripubblica un annuncio scaduto o ritirato.");
        var settings = await SharingAccess.SettingsAsync(db, post.NetworkId);
        var now = Now;
        post.Status = post.PublishedAt is null ? PostStatus.Moderation : PostStatus.Published;
        if (post.Status == PostStatus.Published) post.PublishedAt = now;
        post.ExpiresAt = now.AddDays(settings.ExpiryDays);
        post.ExpiryReminderAt = null;
        post.PromisedToUserId = null;
        post.PromisedAt = post.OwnerConfirmedAt = post.TakerConfirmedAt = null;
        return await db.TrySaveAsync() ? null : Concurrency.AlreadyDone;
    }

    /// <summary>A moderator publishes a post waiting in the queue, or refuses it with the reason the family reads.</summary>
    public async Task<string?> ModerateAsync(SharingPost post, Guid moderatorId, bool approve, string? reason)
    {
        if (post.Status != PostStatus.Moderation) return Tr.Get("L'annuncio non è più in moderazione.");
        var clean = Text.Clean(reason);
        if (!approve && clean is null) return Tr.Get("Scrivete alla famiglia il motivo per cui l'annuncio non si pubblica.");
        if (clean is { Length: > 500 }) return Tr.Get("Il motivo può avere al massimo 500 caratteri.");
        var settings = await SharingAccess.SettingsAsync(db, post.NetworkId);
        var now = Now;
        post.Status = approve ? PostStatus.Published : PostStatus.Rejected;
        post.ModerationReason = approve ? null : clean;
        if (approve) { post.PublishedAt = now; post.ExpiresAt = now.AddDays(settings.ExpiryDays); }
        if (!await db.TrySaveAsync()) return Concurrency.AlreadyDone;
        await audit.WriteAsync(approve ? "sharing.post.approved" : "sharing.post.rejected", "SharingPost", post.Id, clean, post.NetworkId);
        await NotifyAsync(post, post.OwnerUserId, () => approve
            ? (Tr.Get("«{0}» è pubblicato", post.Title), Tr.Get("Il vostro annuncio è stato controllato ed è ora visibile alle famiglie della rete."))
            : (Tr.Get("«{0}» non è stato pubblicato", post.Title), Tr.Get("Il moderatore non l'ha pubblicato: {0}", clean)));
        return null;
    }

    /// <summary>Reports a post or a message to the moderators (once per person and object).</summary>
    public async Task<string?> ReportAsync(Guid networkId, Guid reporterId, Guid? postId, Guid? messageId, string? reason)
    {
        var clean = Text.Clean(reason);
        if (clean is null) return Tr.Get("Scrivete il motivo della segnalazione.");
        if (clean.Length > 500) return Tr.Get("Il motivo può avere al massimo 500 caratteri.");
        if (await db.SharingReports.AnyAsync(r => r.ReporterUserId == reporterId && r.PostId == postId && r.MessageId == messageId)) return Tr.Get("L'avete già segnalato: i moderatori lo stanno guardando.");
        db.SharingReports.Add(new SharingReport { Id = Guid.NewGuid(), NetworkId = networkId, PostId = postId, MessageId = messageId, ReporterUserId = reporterId, Reason = clean, CreatedAt = Now });
        if (!await db.TrySaveAsync()) return Tr.Get("L'avete già segnalato: i moderatori lo stanno guardando.");
        await notifications.NotifyAsync(await PublishPost.ModeratorsAsync(db, networkId), moderators => new Notice(NotificationKinds.SharingModeration.Key, networkId, moderators,
            Tr.Get("Nuova segnalazione su Condividi"), postId is null ? Tr.Get("Una persona ha segnalato un messaggio: {0}", clean) : Tr.Get("Una persona ha segnalato un annuncio: {0}", clean),
            "/condividi/moderazione"));
        return null;
    }
}
