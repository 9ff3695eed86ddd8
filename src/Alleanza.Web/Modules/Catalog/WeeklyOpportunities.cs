using Alleanza.Web.Modules.Families;
using System.Text;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>
/// The weekly digest of new opportunities (opt-in, <see cref="NotificationKinds.NewOpportunitiesWeekly"/>): every Monday
/// from the digest hour, each family that asked for it hears of the opportunities published in the past week for the
/// ages of its children (household members' birth dates) in its Comune or network-wide — as «Per la mia famiglia»
/// matches them in the catalogue. Each person's week is claimed first with a conditional UPDATE of their preference
/// row (<see cref="NotificationPreference.LastSentFor"/>), so two instances never send it twice.
/// </summary>
public sealed class WeeklyOpportunities(AppDbContext db, PublicSite site) : IScheduledNotifications
{
    const int MaxListed = 10;

    /// <summary>The start of the week being sent: the last Monday at the digest hour (Italian time) at or before now.</summary>
    public static DateTime WeekStart(DateTime nowUtc, int hour)
    {
        var day = DateOnly.FromDateTime(nowUtc.ToRome());
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var at = RomeTime.FromRome(monday, new TimeOnly(Math.Clamp(hour, 0, 23), 0));
        return at <= nowUtc ? at : RomeTime.FromRome(monday.AddDays(-7), new TimeOnly(Math.Clamp(hour, 0, 23), 0));
    }

    public async Task<int> SendDueAsync(NotificationService notifications, DateTime nowUtc, int digestHour, CancellationToken ct)
    {
        var weekStart = WeekStart(nowUtc, digestHour);
        var from = weekStart.AddDays(-7);
        var key = NotificationKinds.NewOpportunitiesWeekly.Key;
        var notified = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var people = await db.NotificationPreferences.AsNoTracking()
                .Where(p => p.Kind == key && p.Delivery == Delivery.Immediate && (p.LastSentFor == null || p.LastSentFor < weekStart))
                .OrderBy(p => p.UserId).Select(p => p.UserId).Take(500).ToListAsync(ct);
            people.RemoveAll(seen.Contains);
            if (people.Count == 0) return notified;
            foreach (var userId in people)
            {
                seen.Add(userId);
                var claimed = await db.NotificationPreferences
                    .Where(p => p.UserId == userId && p.Kind == key && p.Delivery == Delivery.Immediate && (p.LastSentFor == null || p.LastSentFor < weekStart))
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSentFor, weekStart), ct);
                if (claimed == 0) continue; // another instance has it
                notified += await SendAsync(notifications, userId, from, weekStart, ct);
            }
        }
    }

    async Task<int> SendAsync(NotificationService notifications, Guid userId, DateTime from, DateTime to, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(to.ToRome());
        var households = await db.Households.AsNoTracking().Where(h => h.OwnerUserId == userId)
            .Select(h => new
            {
                h.NetworkId, h.ComuneId,
                Network = db.Networks.Where(n => n.Id == h.NetworkId).Select(n => new { n.Name, n.Slug }).First(),
                Comune = db.Comuni.Where(c => c.Id == h.ComuneId).Select(c => c.Name).First(),
                Births = h.Members.Where(m => m.Role == MemberRole.Child).Select(m => m.BirthDate).ToList(),
            }).ToListAsync(ct);
        var sent = 0;
        foreach (var h in households)
        {
            var months = h.Births.Where(b => b <= today)
                .Select(b => (today.Year - b.Year) * 12 + today.Month - b.Month - (today.Day < b.Day ? 1 : 0))
                .Where(m => m < 18 * 12).ToList();
            if (months.Count == 0) continue;
            var (youngest, oldest) = (months.Min(), months.Max());
            var candidates = await db.Opportunities.AsNoTracking()
                .Where(o => o.NetworkId == h.NetworkId && o.Status == OpportunityStatus.Published && o.PublishedAt >= from && o.PublishedAt < to
                    && (o.AgeFromMonths == null || o.AgeFromMonths <= oldest) && (o.AgeToMonths == null || o.AgeToMonths >= youngest)
                    && (!o.Comuni.Any() || o.Comuni.Any(c => c.ComuneId == h.ComuneId)))
                .OrderByDescending(o => o.PublishedAt).Take(100)
                .Select(o => new { o.Id, o.Title, o.AgeFromMonths, o.AgeToMonths }).ToListAsync(ct);
            var fitting = candidates.Where(o => months.Any(m => (o.AgeFromMonths ?? 0) <= m && m <= (o.AgeToMonths ?? int.MaxValue))).ToList();
            if (fitting.Count == 0) continue;

            sent += await notifications.NotifyAsync([userId], to =>
            {
                // In the family's language; the opportunities' titles and the Comune's name as they are.
                var text = new StringBuilder(fitting.Count == 1
                    ? Tr.Get("Questa settimana è stata pubblicata un'opportunità per l'età dei vostri figli a {0}:", h.Comune)
                    : Tr.Get("Questa settimana sono state pubblicate {0} opportunità per l'età dei vostri figli a {1}:", fitting.Count, h.Comune)).Append("\n\n");
                foreach (var o in fitting.Take(MaxListed))
                    text.Append("• ").Append(o.Title).Append(" (").Append(CatalogLabels.Ages(o.AgeFromMonths, o.AgeToMonths)).Append(")\n")
                        .Append(site.Link($"/opportunita/{o.Id}?rete={Uri.EscapeDataString(h.Network.Slug)}")).Append("\n\n");
                if (fitting.Count > MaxListed) text.Append(Tr.Get("… e altre {0} nel catalogo.", fitting.Count - MaxListed)).Append('\n');
                var subject = fitting.Count == 1 ? Tr.Get("Una nuova opportunità per i vostri figli") : Tr.Get("{0} nuove opportunità per i vostri figli", fitting.Count);
                return new Notice(NotificationKinds.NewOpportunitiesWeekly.Key, h.NetworkId, to, subject, text.ToString().Trim(),
                    $"/opportunita?rete={Uri.EscapeDataString(h.Network.Slug)}") { LinkLabel = Tr.Get("Cerca nel catalogo") };
            }, ct);
        }
        return sent;
    }
}
