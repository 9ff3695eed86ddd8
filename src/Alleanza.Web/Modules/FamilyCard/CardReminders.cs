using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>
/// Reminds holders (through the notification service: in-app, and by mail as they chose) before their card expires (the network's <see cref="CardRules.ReminderDays"/>).
/// Each card is claimed with a conditional UPDATE first, so several instances never send the same reminder twice.
/// </summary>
public sealed class CardReminders(IServiceScopeFactory scopes, IConfiguration config, ILogger<CardReminders> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("FamilyCard:ReminderInterval", TimeSpan.FromHours(1));
        if (interval <= TimeSpan.Zero) return;
        try { await Task.Delay(TimeSpan.FromSeconds(30), stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await SendDueAsync(scope.ServiceProvider, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Promemoria di scadenza delle carte non inviati");
            }
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends the reminders due now; returns how many were sent.</summary>
    public static async Task<int> SendDueAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var notifications = services.GetRequiredService<NotificationService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var rules = await db.CardRules.AsNoTracking().ToDictionaryAsync(r => r.NetworkId, r => r.ReminderDays, cancel);
        var horizon = now.AddDays(Math.Max(30, rules.Values.DefaultIfEmpty(30).Max()));
        var due = await db.Cards.AsNoTracking()
            .Where(c => c.Status == CardStatus.Active && c.ReminderSentAt == null && c.ValidUntil > now && c.ValidUntil <= horizon)
            .Select(c => new { c.Id, c.NetworkId, c.ValidUntil, c.HolderFirstName, c.Number, Owner = db.Households.Where(h => h.Id == c.HouseholdId).Select(h => (Guid?)h.OwnerUserId).FirstOrDefault(),
                Network = db.Networks.Where(n => n.Id == c.NetworkId).Select(n => new { n.Name, n.Slug }).First() })
            .OrderBy(c => c.ValidUntil).Take(500).ToListAsync(cancel); // the soonest to expire first
        var sent = 0;
        foreach (var card in due)
        {
            var days = rules.TryGetValue(card.NetworkId, out var d) ? d : new CardRules().ReminderDays;
            if (days <= 0 || card.ValidUntil > now.AddDays(days) || card.Owner is not { } owner) continue;
            var claimed = await db.Cards.Where(c => c.Id == card.Id && c.ReminderSentAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderSentAt, now), cancel);
            if (claimed == 0) continue;
            var language = await db.Users.AsNoTracking().Where(u => u.Id == owner).Select(u => u.Language).FirstOrDefaultAsync(cancel);
            using (Languages.Use(language))
                await notifications.NotifyAsync(new(NotificationKinds.CardExpiring.Key, card.NetworkId, [owner], Tr.Get("La Carta Famiglia sta per scadere"),
                    Tr.Get("La Carta Famiglia di {0} (n. {1}) scade il {2}.", card.HolderFirstName, card.Number, RomeTime.Format(card.ValidUntil, "d/M/yyyy")) + "\n\n" +
                    Tr.Get("Se il nucleo ha ancora i requisiti, chiedete il rinnovo al vostro Comune o presentate una nuova domanda sul sito di «{0}».", card.Network.Name),
                    $"/carta-famiglia/carte/{card.Id}?rete={card.Network.Slug}") { LinkLabel = Tr.Get("Vedi la carta") }, cancel);
            sent++;
        }
        return sent;
    }
}
