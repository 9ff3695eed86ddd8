using Alleanza.Web.Modules.Sharing.Messages;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>«La mia area» for a family: Condividi — its posts at work, the unread conversations, the loans to give back.</summary>
public sealed class SharingHome(AppDbContext db, Conversations conversations, TimeProvider clock) : IHomeSectionSource
{
    public sealed record View(int Active, int Promised, int Unread, int LoansOut, int Overdue, bool IsModerator, int Waiting);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var moderator = viewer.IsAdministrator || viewer.Has(Platform.Auth.NetworkRole.Coordinator)
            || await db.SharingModerators.AnyAsync(m => m.NetworkId == viewer.NetworkId && m.UserId == viewer.UserId, cancel);
        if (!viewer.IsFamily && !moderator) return null;
        var mine = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == viewer.NetworkId && p.OwnerUserId == viewer.UserId);
        var active = await mine.CountAsync(p => p.Status == PostStatus.Published || p.Status == PostStatus.Moderation, cancel);
        var promised = await db.SharingPosts.AsNoTracking().CountAsync(p => p.NetworkId == viewer.NetworkId && p.Status == PostStatus.Promised
            && (p.OwnerUserId == viewer.UserId || p.PromisedToUserId == viewer.UserId), cancel);
        var today = Platform.RomeTime.Today(clock);
        var loans = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == viewer.NetworkId && p.Kind == PostKind.Loan && p.Status == PostStatus.HandedOver
            && (p.OwnerUserId == viewer.UserId || p.PromisedToUserId == viewer.UserId));
        var loansOut = await loans.CountAsync(cancel);
        var overdue = await loans.CountAsync(p => p.DueOn < today, cancel);
        var unread = await conversations.UnreadAsync(viewer.NetworkId, viewer.UserId, cancel);
        var waiting = moderator ? await db.SharingPosts.AsNoTracking().CountAsync(p => p.NetworkId == viewer.NetworkId && p.Status == PostStatus.Moderation, cancel)
            + await db.SharingReports.AsNoTracking().CountAsync(r => r.NetworkId == viewer.NetworkId && r.ResolvedAt == null, cancel) : 0;
        return new HomeSection(viewer.IsFamily ? 25 : 12, "Condividi", "~/Modules/Sharing/Exchange/Pages/Home/_Sharing.cshtml",
            new View(active, promised, unread, loansOut, overdue, moderator, waiting), unread + overdue + waiting);
    }
}
