using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Labs;

/// <summary>The listening point's log: anonymous contacts by topic with the follow-up given. Never a name.</summary>
public sealed class ListeningLog(AppDbContext db, CommunityAccess access, TimeProvider clock)
{
    public const int PageSize = 25;

    public sealed record Line(Guid Id, DateOnly Date, string Topic, ListeningFollowUp FollowUp, string? FollowUpNote);
    public sealed record TopicCount(string Topic, int Count);

    public async Task<Paged<Line>> ListAsync(Guid labId, string? topic, int page)
    {
        page = Math.Max(1, page);
        var query = db.ListeningContacts.AsNoTracking().Where(c => c.LabId == labId);
        if (!string.IsNullOrWhiteSpace(topic)) query = query.Where(c => c.Topic == topic);
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).PageOf(page, PageSize)
            .Select(c => new Line(c.Id, c.Date, c.Topic, c.FollowUp, c.FollowUpNote)).ToListAsync();
        return new(items, total, page, PageSize);
    }

    /// <summary>Contacts per topic in the last twelve months, most frequent first.</summary>
    public async Task<List<TopicCount>> ByTopicAsync(Guid labId)
    {
        var since = RomeTime.Today(clock).AddYears(-1);
        return await db.ListeningContacts.AsNoTracking().Where(c => c.LabId == labId && c.Date > since)
            .GroupBy(c => c.Topic).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(t => t.Count).ThenBy(t => t.Key)
            .Select(t => new TopicCount(t.Key, t.Count)).ToListAsync();
    }

    /// <summary>Records a contact; answers a field error (the topic must be one of the network's) or null.</summary>
    public async Task<(string Field, string Error)?> AddAsync(CommunityLab lab, ListeningForm form, IReadOnlyList<string> topics)
    {
        if (!topics.Contains(form.Topic!.Trim())) return (nameof(ListeningForm.Topic), "Scegli il tema dall'elenco.");
        db.ListeningContacts.Add(new ListeningContact
        {
            Id = Guid.NewGuid(), NetworkId = lab.NetworkId, LabId = lab.Id, Date = form.Date!.Value, Topic = form.Topic.Trim(), FollowUp = form.FollowUp!.Value,
            FollowUpNote = Text.Clean(form.FollowUpNote), RecordedByUserId = access.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return null;
    }
}
