using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>Offers and requests of help: members publish and close theirs; every member of the bank reads the open ones.</summary>
public sealed class Posts(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public sealed record Row(Guid Id, PostKind Kind, HelpCategory Category, string Title, string Description, Guid MemberId, string Member, DateTime CreatedAt, DateTime? ClosedAt);

    public async Task<Guid> PublishAsync(BankMember me, PostForm form)
    {
        var post = new BankPost
        {
            Id = Guid.NewGuid(), BankId = me.BankId, NetworkId = me.NetworkId, MemberId = me.Id, Kind = form.Kind!.Value, Category = form.Category!.Value,
            Title = form.Title!.Trim(), Description = form.Description!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TimeBankPosts.Add(post);
        await db.SaveChangesAsync();
        return post.Id;
    }

    /// <summary>Closes one's own post (no longer offered or needed); closing it twice is harmless.</summary>
    public async Task<bool> CloseAsync(BankMember me, Guid id) =>
        await db.TimeBankPosts.Where(p => p.Id == id && p.MemberId == me.Id && p.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, clock.GetUtcNow().UtcDateTime)) > 0;

    IQueryable<Row> Rows(IQueryable<BankPost> q) => q.Select(p => new Row(p.Id, p.Kind, p.Category, p.Title, p.Description, p.MemberId,
        db.TimeBankMembers.Where(m => m.Id == p.MemberId).Select(m => m.Name).First(), p.CreatedAt, p.ClosedAt));

    public async Task<Paged<Row>> OpenAsync(Guid bankId, PostKind? kind, HelpCategory? category, int page)
    {
        page = Math.Max(1, page);
        var q = db.TimeBankPosts.AsNoTracking().Where(p => p.BankId == bankId && p.ClosedAt == null);
        if (kind is { } k) q = q.Where(p => p.Kind == k);
        if (category is { } c) q = q.Where(p => p.Category == c);
        var total = await q.CountAsync();
        var items = await Rows(q.OrderByDescending(p => p.CreatedAt).PageOf(page, PageSize)).ToListAsync();
        return new(items, total, page, PageSize);
    }

    public Task<Row?> FindAsync(Guid bankId, Guid id) => Rows(db.TimeBankPosts.AsNoTracking().Where(p => p.Id == id && p.BankId == bankId)).FirstOrDefaultAsync();

    public Task<List<Row>> MineAsync(Guid memberId) =>
        Rows(db.TimeBankPosts.AsNoTracking().Where(p => p.MemberId == memberId && p.ClosedAt == null).OrderByDescending(p => p.CreatedAt)).Take(50).ToListAsync();
}

/// <summary>Where an answer to an offer or a request goes: a private conversation with its author, then the hours recorded.</summary>
public static class TimeBankLinks
{
    /// <summary>The time bank's conversations: about a post, in Condividi's private messages.</summary>
    public const string ConversationTopic = "banca-del-tempo";

    /// <summary>Where recording the hours of a post's help starts (pre-filled with its author).</summary>
    public static string RecordPath(Guid postId) => $"/banca-del-tempo/scambi/nuovo?annuncio={postId}";
}

/// <summary>Names a time-bank post for the private conversations about it (Modules/Sharing/Messages).</summary>
public sealed class TimeBankTopic(Platform.Data.AppDbContext db) : Messages.IConversationTopic
{
    public string Kind => TimeBankLinks.ConversationTopic;

    public async Task<(string Title, string Path)?> DescribeAsync(Guid networkId, Guid topicId, CancellationToken cancel = default)
    {
        var title = await db.TimeBankPosts.AsNoTracking().Where(p => p.Id == topicId && db.TimeBanks.Any(b => b.Id == p.BankId && b.NetworkId == networkId))
            .Select(p => p.Title).FirstOrDefaultAsync(cancel);
        return title is null ? null : (title, $"/banca-del-tempo/annunci/{topicId}");
    }
}
