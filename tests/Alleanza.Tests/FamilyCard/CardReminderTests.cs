using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.FamilyCard;

/// <summary>
/// The reminder before a card expires (the network's <see cref="CardRules.ReminderDays"/>, 30 by default): sent once by
/// e-mail to the household's owner, through the real SMTP sink, only for active cards inside the window.
/// </summary>
public class CardReminderTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task A_card_about_to_expire_gets_one_reminder_and_the_others_none()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var email = $"promemoria-{tag}@esempio.it";
        var now = DateTime.UtcNow;
        var (soon, later, suspended) = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var comune = await db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync();
            var household = TestFamilies.AddHousehold(db, network, comune, email, now);
            Card CardOf(string first, DateTime until, CardStatus status) =>
                TestFamilies.AddCard(db, network, household.Id, comune, first, "Zanin", status, now.AddYears(-3), until);
            var s = CardOf($"Ada{tag}", now.AddDays(10), CardStatus.Active);
            var l = CardOf($"Bruno{tag}", now.AddDays(200), CardStatus.Active);
            var x = CardOf($"Carla{tag}", now.AddDays(5), CardStatus.Suspended);
            await db.SaveChangesAsync();
            return (s.Id, l.Id, x.Id);
        });

        using (var scope = factory.Services.CreateScope())
            Assert.True(await CardReminders.SendDueAsync(scope.ServiceProvider) >= 1);

        var mail = await Mailbox.WaitForAsync(email, "La Carta Famiglia sta per scadere");
        Assert.Contains($"Ada{tag}", mail.Text);
        Assert.Contains(RomeTimeText(now.AddDays(10)), mail.Text);
        Assert.DoesNotContain($"Bruno{tag}", mail.Text);
        Assert.DoesNotContain($"Carla{tag}", mail.Text);

        var sentAt = await factory.WithDbAsync(db => db.Cards.Where(c => c.Id == soon || c.Id == later || c.Id == suspended)
            .ToDictionaryAsync(c => c.Id, c => c.ReminderSentAt));
        Assert.NotNull(sentAt[soon]);
        Assert.Null(sentAt[later]);
        Assert.Null(sentAt[suspended]);

        // Run again (the next hour, or another instance): the reminder is not sent twice.
        using (var scope = factory.Services.CreateScope())
            await CardReminders.SendDueAsync(scope.ServiceProvider);
        Assert.Equal(sentAt[soon], await factory.WithDbAsync(db => db.Cards.Where(c => c.Id == soon).Select(c => c.ReminderSentAt).SingleAsync()));
    }

    static string RomeTimeText(DateTime utc) => Alleanza.Web.Platform.RomeTime.Format(utc, "d/M/yyyy");
}
