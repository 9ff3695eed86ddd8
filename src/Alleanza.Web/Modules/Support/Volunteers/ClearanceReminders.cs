using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Support.Volunteers;

/// <summary>
/// Tells each volunteer's referent (else the partner's staff, else the coordinators) before the volunteer's criminal-record
/// check expires (the network's <see cref="CommunitySettings.ClearanceReminderDays"/>). Each profile is claimed with a
/// conditional UPDATE of <see cref="VolunteerProfile.ReminderSentFor"/> first, so several instances never send it twice.
/// </summary>
public sealed class ClearanceReminders(IServiceScopeFactory scopes, IConfiguration config, ILogger<ClearanceReminders> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Volunteers:ReminderInterval", TimeSpan.FromHours(6));
        if (interval <= TimeSpan.Zero) return;
        try { await Task.Delay(TimeSpan.FromSeconds(45), stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await SendDueAsync(scope.ServiceProvider, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Avvisi di scadenza dei certificati dei volontari non inviati");
            }
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends the reminders due now; returns how many volunteers were reminded about.</summary>
    public static async Task<int> SendDueAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var notifications = services.GetRequiredService<NotificationService>();
        var today = RomeTime.Today(services.GetRequiredService<TimeProvider>());
        var settings = await db.CommunitySettings.AsNoTracking().ToDictionaryAsync(s => s.NetworkId, cancel);
        var longestNotice = Math.Max(new CommunitySettings().ClearanceReminderDays, settings.Values.Select(s => s.ClearanceReminderDays).DefaultIfEmpty(0).Max());
        var shortestValidity = Math.Min(new CommunitySettings().ClearanceValidityMonths, settings.Values.Select(s => s.ClearanceValidityMonths).DefaultIfEmpty(int.MaxValue).Min());
        // Candidates: checks old enough to expire within the longest notice; each is then measured with its network's settings.
        var oldest = today.AddDays(longestNotice).AddMonths(-shortestValidity);
        var due = await db.VolunteerProfiles.AsNoTracking()
            .Where(v => v.ClearanceDate != null && v.ClearanceDate <= oldest && (v.ReminderSentFor == null || v.ReminderSentFor != v.ClearanceDate))
            .Select(v => new
            {
                v.Id, v.NetworkId, v.UserId, v.ClearanceDate, v.ReferentUserId,
                Name = db.Users.Where(u => u.Id == v.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                Partner = db.Memberships.Where(m => m.UserId == v.UserId && m.NetworkId == v.NetworkId && m.Role == NetworkRole.Volunteer).Select(m => m.PartnerId).FirstOrDefault(),
                Network = db.Networks.Where(n => n.Id == v.NetworkId).Select(n => n.Slug).First(),
            })
            .OrderBy(v => v.ClearanceDate).Take(500).ToListAsync(cancel);
        var sent = 0;
        foreach (var v in due)
        {
            var rules = settings.GetValueOrDefault(v.NetworkId) ?? new CommunitySettings();
            var until = v.ClearanceDate!.Value.AddMonths(rules.ClearanceValidityMonths).AddDays(-1);
            if (until >= today.AddDays(rules.ClearanceReminderDays)) continue;
            var claimed = await db.VolunteerProfiles.Where(p => p.Id == v.Id && p.ClearanceDate == v.ClearanceDate && (p.ReminderSentFor == null || p.ReminderSentFor != v.ClearanceDate))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderSentFor, v.ClearanceDate), cancel);
            if (claimed == 0) continue;
            List<Guid> people = v.ReferentUserId is { } r ? [r] : v.Partner is { } p ? await notifications.PartnerStaffAsync(p, cancel) : [];
            if (people.Count == 0) people = await notifications.CoordinatorsAsync(v.NetworkId, cancel);
            var expired = until < today;
            await notifications.NotifyAsync(people, to => new Notice(NotificationKinds.VolunteerClearanceExpiring.Key, v.NetworkId, to,
                expired ? Tr.Get("Certificato scaduto: {0}", v.Name) : Tr.Get("Certificato in scadenza: {0}", v.Name),
                (expired ? Tr.Get("Il certificato del casellario giudiziale di {0} è scaduto il {1}.", v.Name, RomeTime.Format(until)) : Tr.Get("Il certificato del casellario giudiziale di {0} scade il {1}.", v.Name, RomeTime.Format(until))) +
                "\n\n" + Tr.Get("Senza un certificato valido il volontario non può essere assegnato ad attività con bambini e ragazzi (art. 25-bis DPR 313/2002). Chiedetegli un certificato nuovo e registrate la data nella sua scheda."),
                $"/volontari/{v.Id}?rete={v.Network}") { LinkLabel = Tr.Get("Apri la scheda del volontario") }, cancel);
            sent++;
        }
        return sent;
    }
}
