using System.Globalization;
using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Tests.Sharing;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Localization;
using Alleanza.Web.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Every notice reaches each person in the language of their account, whoever caused it and in whatever language they
/// read: the service composes one notice per language of the recipients (in-app row and mail alike), and Condividi's
/// notices go through it — an English family hears of the promise and the message on its post in English while the
/// Italian family that asked, and then hears back, reads Italian.
/// </summary>
public class NotificationLanguageTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    readonly SharingTestKit kit = new(factory);

    async Task<(Guid Id, string Email)> PersonAsync(string? language)
    {
        var email = $"lingua-{Guid.NewGuid():N}@esempio.it";
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Persona " + language, Language = language, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "lingua-2026")).Succeeded);
        return (user.Id, email);
    }

    [Fact]
    public async Task One_notice_to_people_of_several_languages_is_written_once_per_language_each_in_its_own()
    {
        var english = await PersonAsync("en");
        var italian = await PersonAsync("it");
        var arabic = await PersonAsync("ar");
        var unknown = await PersonAsync("xx"); // a language the platform does not speak reads Italian
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync());
        var tag = Guid.NewGuid().ToString("N")[..8];
        var calls = new List<(string Culture, List<Guid> To)>();
        int sent;
        string after;
        // The caller reads Romanian: nobody gets Romanian, and the caller's language is back afterwards.
        using (Languages.Use("ro"))
        {
            using var scope = factory.Services.CreateScope();
            sent = await scope.ServiceProvider.GetRequiredService<NotificationService>().NotifyAsync([english.Id, italian.Id, arabic.Id, unknown.Id, italian.Id], to =>
            {
                calls.Add((CultureInfo.CurrentUICulture.Name, to.ToList()));
                return new Notice(NotificationKinds.SharingPost.Key, network, [], Tr.Get("Ricevuta: {0}", tag),
                    Tr.Get("Il vostro credito è {0}: fate un versamento al tesoriere per continuare a prenotare.", Money.Format(12.5m)), "/condividi") { LinkLabel = Tr.Get("Apri l'annuncio") };
            });
            after = CultureInfo.CurrentUICulture.Name;
        }
        Assert.Equal(4, sent);
        Assert.Equal("ro-RO", after);
        Assert.Equal(new[] { "ar-EG", "en-GB", "it-IT" }, calls.Select(c => c.Culture).Order());
        Assert.Equal(new[] { italian.Id, unknown.Id }.Order(), calls.Single(c => c.Culture == "it-IT").To.Order());

        var rows = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Subject.Contains(tag)).ToDictionaryAsync(n => n.UserId, n => (n.Subject, n.Text)));
        Assert.Equal(4, rows.Count);
        Assert.Equal($"Receipt: {tag}", rows[english.Id].Subject);
        Assert.Equal("Your credit is €12.50: make a payment to the treasurer to keep booking.", rows[english.Id].Text);
        Assert.Equal($"Ricevuta: {tag}", rows[italian.Id].Subject);
        Assert.Equal("Il vostro credito è 12,50 €: fate un versamento al tesoriere per continuare a prenotare.", rows[italian.Id].Text);
        Assert.Equal(rows[italian.Id], rows[unknown.Id]);
        Assert.Equal($"إيصال: {tag}", rows[arabic.Id].Subject);

        // The mails: the notice's words and the frame (button, footer) in the reader's language.
        var mail = await Mailbox.FullAsync(english.Email, $"Receipt: {tag}");
        Assert.Contains("Your credit is €12.50", mail.Text);
        Assert.Contains("Open the post", WebUtility.HtmlDecode(mail.Html));
        Assert.Contains("lang=\"en\"", mail.Html);
        var italianMail = await Mailbox.FullAsync(italian.Email, $"Ricevuta: {tag}");
        Assert.Contains("Il vostro credito è 12,50 €", italianMail.Text);
        Assert.Contains("Apri l'annuncio", WebUtility.HtmlDecode(italianMail.Html));
        Assert.Equal(1, italianMail.Count); // the repeated id counts once
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", (await Mailbox.FullAsync(arabic.Email, $"إيصال: {tag}")).Html);
    }

    [Fact]
    public async Task A_promise_and_a_message_on_an_English_familys_post_reach_it_in_English_and_the_answer_reaches_the_Italian_family_in_Italian()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var title = "Triciclo " + Guid.NewGuid().ToString("N")[..6];
        var post = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift(title));
        // The owner chooses English: the account keeps it.
        Assert.Equal("en", (await owner.Client.GetAsync("/condividi?culture=en")).Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == owner.UserId).Select(u => u.Language).SingleAsync()));

        // An Italian family asks for it, reading Italian.
        var taker = await kit.FamilyAsync();
        var asked = await taker.Client.SubmitAsync(await taker.Client.GetAsync($"/condividi/{post}"), new Dictionary<string, string?> { ["Message"] = "Buongiorno, mi interessa" });
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);

        var promised = await Mailbox.FullAsync(owner.Email, $"«{title}» has been promised");
        Assert.Contains("A family has asked for it and it is now promised to them. Agree on the hand-over in the messages.", promised.Text);
        Assert.Contains("Open the post", WebUtility.HtmlDecode(promised.Html));
        Assert.DoesNotContain("promesso", promised.Text);
        var message = await Mailbox.FullAsync(owner.Email, $"New message about «{title}»");
        Assert.Contains("You have received a private message:", message.Text);
        Assert.Contains("Buongiorno, mi interessa", message.Text); // the family's words as written
        Assert.Contains("Reply from the conversation (your contact details stay private).", message.Text);
        Assert.Equal("New message about «" + title + "»", await factory.WithDbAsync(db =>
            db.Notifications.Where(n => n.UserId == owner.UserId && n.Kind == NotificationKinds.SharingMessage.Key).Select(n => n.Subject).SingleAsync()));

        // The English family answers from its English page: the Italian family hears of it in Italian.
        var page = await owner.Client.GetAsync(asked.Location!);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Text"] = "Sure, Saturday?" })).Status);
        var answer = await Mailbox.FullAsync(taker.Email, $"Nuovo messaggio su «{title}»");
        Assert.Contains("Hai ricevuto un messaggio privato:", answer.Text);
        Assert.Contains("Sure, Saturday?", answer.Text);
        Assert.Contains("Apri la conversazione", WebUtility.HtmlDecode(answer.Html));
        Assert.Contains("lang=\"it\"", answer.Html);
    }
}
