using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>
/// A family publishes a post: plain checks, the safety rules, the weekly limit, the photos (re-encoded without metadata);
/// then it is published, or waits for a moderator (a new family when the network wants it, or a watch word), who is told.
/// </summary>
public sealed class PublishPost(AppDbContext db, TimeProvider clock, NotificationService notifications, AuditLog audit)
{
    public sealed record Result(Guid? Id, Dictionary<string, string> Errors, bool Moderated);

    public async Task<Result> RunAsync(Guid networkId, Guid userId, PostForm input, IReadOnlyList<IFormFile> files, CancellationToken cancel = default)
    {
        var errors = input.Validate();
        if (!await db.Households.AnyAsync(h => h.NetworkId == networkId && h.OwnerUserId == userId, cancel))
            errors[""] = Tr.Get("Per pubblicare su Condividi registrate prima il vostro nucleo familiare (Comune e figli): lo trovate in «La mia area».");
        if (input.ComuneId is { } comune && !await db.Comuni.AnyAsync(c => c.Id == comune && c.NetworkId == networkId, cancel))
            errors["ComuneId"] = Tr.Get("Scegliete un Comune della rete.");
        if (input.HandOver == HandOverMode.CollectionPoint && input.CollectionPointId is { } point
            && !await db.SharingCollectionPoints.AnyAsync(c => c.PartnerId == point && c.NetworkId == networkId, cancel))
            errors["CollectionPointId"] = Tr.Get("Scegliete uno dei punti di raccolta della rete.");
        if (input.Kind == PostKind.Swap && input.SwapPostId is { } swap
            && !await db.SharingPosts.AnyAsync(p => p.Id == swap && p.NetworkId == networkId && p.OwnerUserId != userId && p.Kind == PostKind.Swap
                && p.Status == PostStatus.Published, cancel))
            errors["SwapPostId"] = Tr.Get("L'offerta di scambio indicata non è più disponibile.");
        var settings = await SharingAccess.SettingsAsync(db, networkId, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        var (safety, reasons) = ExchangeRules.Check(input, settings, RomeTime.Today(clock).Year);
        foreach (var (k, v) in safety) errors.TryAdd(k, v);
        var weekAgo = now.AddDays(-7);
        if (await db.SharingPosts.CountAsync(p => p.NetworkId == networkId && p.OwnerUserId == userId && p.CreatedAt >= weekAgo, cancel) >= settings.PostsPerWeek)
            errors[""] = Tr.Get("Avete già pubblicato {0} annunci in questa settimana, il massimo della rete: riprovate fra qualche giorno.", settings.PostsPerWeek);
        if (files.Count > PostPhotos.MaxPhotos) errors["Photos"] = Tr.Get("Al massimo {0} foto per annuncio.", PostPhotos.MaxPhotos);
        var photos = new List<PostPhotos.Processed>();
        if (!errors.ContainsKey("Photos"))
            foreach (var file in files)
            {
                byte[] data;
                if (file.Length > PostPhotos.MaxBytes) { errors["Photos"] = Tr.Get("«{0}»: la foto supera i 10 MB.", Path.GetFileName(file.FileName)); break; }
                using (var stream = new MemoryStream())
                {
                    await file.CopyToAsync(stream, cancel);
                    data = stream.ToArray();
                }
                var (photo, problem) = PostPhotos.Process(data);
                if (problem is not null) { errors["Photos"] = $"«{Path.GetFileName(file.FileName)}»: {problem}"; break; }
                photos.Add(photo!);
            }
        if (errors.Count > 0) return new(null, errors, false);

        if (settings.ModerateNewFamilies && !await HasCompletedExchangeAsync(networkId, userId, cancel)) reasons.Insert(0, "prima pubblicazione di una famiglia nuova");
        var moderated = reasons.Count > 0;
        var post = new SharingPost
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = userId, Kind = input.Kind!.Value, Category = input.Category!.Value,
            Title = Text.Clean(input.Title)!, Description = Text.Clean(input.Description)!,
            SearchText = SharingPost.SearchKeyOf(Text.Clean(input.Title)!, Text.Clean(input.Description)!),
            AgeFromMonths = input.AgeFromYears * 12, AgeToMonths = input.AgeToYears is { } to ? to * 12 + 11 : null,
            Size = Text.Clean(input.Size), Condition = ExchangeRules.IsGoods(input.Category.Value) && input.Kind != PostKind.Request ? input.Condition : null,
            ComuneId = input.ComuneId!.Value, Area = Text.Clean(input.Area), HandOver = input.HandOver!.Value,
            CollectionPointId = input.HandOver == HandOverMode.CollectionPoint ? input.CollectionPointId : null,
            Availability = Text.Clean(input.Availability), Quantity = input.Quantity ?? 1, LoanDays = input.Kind == PostKind.Loan ? input.LoanDays : null,
            Homologation = input.Category == PostCategory.CarSeats ? input.Homologation : null,
            ManufactureYear = input.Category == PostCategory.CarSeats ? input.ManufactureYear : null,
            SwapPostId = input.Kind == PostKind.Swap ? input.SwapPostId : null,
            Status = moderated ? PostStatus.Moderation : PostStatus.Published,
            ModerationReason = moderated ? Cut(string.Join("; ", reasons), 500) : null,
            CreatedAt = now, PublishedAt = moderated ? null : now, ExpiresAt = now.AddDays(settings.ExpiryDays),
        };
        db.SharingPosts.Add(post);
        for (var i = 0; i < photos.Count; i++)
        {
            var row = new SharingPhoto
            {
                Id = Guid.NewGuid(), PostId = post.Id, Position = i, Width = photos[i].Width, Height = photos[i].Height,
                Content = photos[i].Content, Thumbnail = photos[i].Thumbnail, CreatedAt = now,
            };
            db.SharingPhotos.Add(row);
            if (i == 0) post.CoverPhotoId = row.Id;
        }
        audit.Add("sharing.post.created", "SharingPost", post.Id, moderated ? "in moderazione: " + post.ModerationReason : null, networkId);
        await db.SaveChangesAsync(cancel);
        if (moderated)
        {
            var moderators = await ModeratorsAsync(db, networkId, cancel);
            await notifications.NotifyAsync(moderators, to => new Notice(NotificationKinds.SharingModeration.Key, networkId, to,
                Tr.Get("Annuncio da moderare: «{0}»", post.Title), Tr.Get("Un annuncio di Condividi attende la moderazione ({0}).", post.ModerationReason), "/condividi/moderazione"), cancel);
        }
        return new(post.Id, errors, moderated);
    }

    static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>A family that already completed an exchange (as giver or taker) is known: its posts skip the new families' moderation.</summary>
    public Task<bool> HasCompletedExchangeAsync(Guid networkId, Guid userId, CancellationToken cancel = default) =>
        db.SharingPosts.AnyAsync(p => p.NetworkId == networkId && (p.OwnerUserId == userId || p.PromisedToUserId == userId)
            && (p.Status == PostStatus.HandedOver || p.Status == PostStatus.Closed) && p.HandedOverAt != null, cancel);

    /// <summary>The network's coordinators and the moderators they named.</summary>
    public static async Task<List<Guid>> ModeratorsAsync(AppDbContext db, Guid networkId, CancellationToken cancel = default)
    {
        var coordinators = await db.Memberships.AsNoTracking().Where(m => m.NetworkId == networkId && m.Role == Platform.Auth.NetworkRole.Coordinator).Select(m => m.UserId).ToListAsync(cancel);
        var named = await db.SharingModerators.AsNoTracking().Where(m => m.NetworkId == networkId).Select(m => m.UserId).ToListAsync(cancel);
        return coordinators.Concat(named).Distinct().ToList();
    }
}
