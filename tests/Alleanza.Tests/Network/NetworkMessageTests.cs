using Alleanza.Web.Modules.Families;
using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network.Messages;
using Alleanza.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Network;

/// <summary>Comunicazioni: the coordinator writes to families by Comune and children's ages; a partner writes to the registrants of a date.</summary>
public class NetworkMessageTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    /// <summary>Posts the page's form to one of its buttons' handlers (asp-page-handler → ?handler=…).</summary>
    static async Task<TestClient.Page> PressAsync(TestClient client, TestClient.Page page, string handler, Dictionary<string, string?> values)
    {
        var (target, fields) = TestClient.FormOf(page, values);
        var url = target.Split('?')[0] + "?handler=" + handler;
        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
        return await TestClient.ReadAsync(response);
    }

    /// <summary>Families of a Comune with a child of the given ages, with a confirmed address — straight from the tables.</summary>
    Task<List<(Guid Id, string Email)>> FamiliesAsync(string comune, int from, int to) => factory.WithDbAsync(async db =>
    {
        var today = RomeDate.Today;
        var households = await db.Households.Where(h => db.Comuni.Any(c => c.Id == h.ComuneId && c.Name == comune))
            .Select(h => new { h.OwnerUserId, Births = h.Members.Where(m => m.Role == MemberRole.Child).Select(m => m.BirthDate).ToList() }).ToListAsync();
        var owners = households.Where(h => h.Births.Any(b => { var age = today.Year - b.Year - (today < b.AddYears(today.Year - b.Year) ? 1 : 0); return age >= from && age <= to; }))
            .Select(h => h.OwnerUserId).ToList();
        return (await db.Users.Where(u => owners.Contains(u.Id) && u.EmailConfirmed).Select(u => new { u.Id, u.Email }).ToListAsync()).Select(u => (u.Id, u.Email!)).ToList();
    });

    async Task<NetworkMessage> WaitUntilSentAsync(Guid id)
    {
        for (var i = 0; i < 100; i++)
        {
            var message = await factory.WithDbAsync(db => db.NetworkMessages.AsNoTracking().FirstAsync(m => m.Id == id));
            if (message.Status == MessageStatus.Sent) return message;
            await Task.Delay(200);
        }
        throw new TimeoutException("The message was not delivered within 20 s.");
    }

    [Fact]
    public async Task The_coordinator_previews_tries_and_sends_to_the_families_of_a_Comune_with_young_children()
    {
        var expected = await FamiliesAsync("Portogruaro", 0, 10);
        Assert.NotEmpty(expected);
        var elsewhere = await FamiliesAsync("Caorle", 0, 17);

        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var form = await client.GetAsync("/gestione/comunicazioni/nuova");
        var comune = form.Document.QuerySelectorAll("#Input_ComuneId option").First(o => o.TextContent.Trim() == "Portogruaro").GetAttribute("value");
        var subject = $"Festa delle famiglie {Guid.NewGuid():N}"[..30];
        var values = new Dictionary<string, string?>
        {
            ["Input.Audience"] = "Families", ["Input.ComuneId"] = comune, ["Input.ChildAgeFrom"] = "0", ["Input.ChildAgeTo"] = "10",
            ["Input.Subject"] = subject, ["Input.Body"] = "Sabato 14 in piazza della Repubblica la festa delle famiglie, dalle 15.",
        };

        var preview = await PressAsync(client, form, "Preview", values);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains($"{expected.Count} {(expected.Count == 1 ? "persona" : "persone")}", preview.Text);
        Assert.Contains("famiglie di portogruaro con figli da 0 a 10 anni", preview.Text);
        Assert.NotNull(preview.Document.QuerySelector("button[formaction*='handler=Send']"));

        var test = await PressAsync(client, preview, "Test", values);
        Assert.Equal(HttpStatusCode.OK, test.Status);
        var trial = await Mailbox.WaitForAsync("coordinatore@portogruaro.demo", "[PROVA] " + subject);
        Assert.Contains("Questa è una prova", trial.Text);
        Assert.Equal(0, await factory.WithDbAsync(db => db.NetworkMessages.CountAsync(m => m.Subject == subject)));

        var sent = await PressAsync(client, preview, "Send", values);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var id = Guid.Parse(sent.Location!.Split('/')[^1]);
        var message = await WaitUntilSentAsync(id);
        Assert.Equal(expected.Count, message.Total);
        Assert.Equal(expected.Count, message.Delivered);
        var recipients = await factory.WithDbAsync(db => db.NetworkMessageRecipients.Where(r => r.MessageId == id).Select(r => r.UserId).ToListAsync());
        Assert.Equal(expected.Select(e => e.Id).Order(), recipients.Order());
        Assert.Empty(recipients.Intersect(elsewhere.Select(e => e.Id)));
        var mail = await Mailbox.WaitForAsync(expected[0].Email, subject);
        Assert.Contains("piazza della Repubblica", mail.Text);

        var detail = await client.GetAsync($"/gestione/comunicazioni/{id}");
        Assert.Contains($"Consegnata a tutte le {expected.Count} persone", detail.Text);
        var list = await client.GetAsync("/gestione/comunicazioni");
        Assert.Contains(subject, list.Text);
        // Another network's coordinator cannot see it.
        var other = factory.NewClient();
        await other.AsCoordinatorOfAsync("brianza");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/gestione/comunicazioni/{id}")).Status);
    }

    [Fact]
    public async Task Bad_input_and_an_audience_of_nobody_are_told_and_nothing_is_sent()
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("portogruaro");
        var form = await client.GetAsync("/gestione/comunicazioni/nuova");
        var before = await factory.WithDbAsync(db => db.NetworkMessages.CountAsync());

        var empty = await PressAsync(client, form, "Send", new() { ["Input.Audience"] = "", ["Input.Subject"] = "", ["Input.Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Scegli a chi scrivere.", empty.Errors);
        Assert.Contains("Scrivi l'oggetto.", empty.Errors);

        var ages = await PressAsync(client, form, "Preview", new() { ["Input.Audience"] = "Families", ["Input.ChildAgeFrom"] = "12", ["Input.ChildAgeTo"] = "3", ["Input.Subject"] = "Prova di età", ["Input.Body"] = "Un testo abbastanza lungo." });
        Assert.Contains("L'età «da» non può superare l'età «fino a».", ages.Errors);

        var staffAges = await PressAsync(client, form, "Preview", new() { ["Input.Audience"] = "Merchants", ["Input.ChildAgeFrom"] = "3", ["Input.Subject"] = "Prova di età", ["Input.Body"] = "Un testo abbastanza lungo." });
        Assert.Contains("L'età dei figli si sceglie solo scrivendo alle famiglie.", staffAges.Errors);

        var foreignComune = await factory.WithDbAsync(db => db.Comuni.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "lucca")).Select(c => c.Id).FirstAsync());
        var foreign = await PressAsync(client, form, "Send", new() { ["Input.Audience"] = "Families", ["Input.ComuneId"] = foreignComune.ToString(), ["Input.Subject"] = "Prova Comune", ["Input.Body"] = "Un testo abbastanza lungo." });
        Assert.Contains("Il Comune scelto non è di questa rete.", foreign.Errors);

        var nobody = await PressAsync(client, form, "Send", new() { ["Input.Audience"] = "Families", ["Input.ChildAgeFrom"] = "17", ["Input.ChildAgeTo"] = "17", ["Input.Subject"] = "Prova nessuno", ["Input.Body"] = "Un testo abbastanza lungo." });
        var families17 = await factory.WithDbAsync(db => db.NetworkMessages.CountAsync());
        if (nobody.Status == HttpStatusCode.OK) Assert.Contains("Nessuna persona corrisponde a questi destinatari: il messaggio non è stato inviato.", nobody.Errors);
        Assert.Equal(before + (nobody.Status == HttpStatusCode.Redirect ? 1 : 0), families17);
    }

    [Fact]
    public async Task A_partner_writes_to_the_registrants_of_one_date_and_only_they_receive_it()
    {
        var client = factory.NewClient();
        // The partner's page as the coordinator sees it (the demo's registrations are on other partners' dates).
        await client.AsCoordinatorOfAsync("portogruaro");
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());
        var (opportunity, session, registrants, others) = await factory.WithDbAsync(async db =>
        {
            var rows = await (from r in db.Registrations
                              join s in db.OpportunitySessions on r.SessionId equals s.Id
                              join o in db.Opportunities on s.OpportunityId equals o.Id
                              where o.NetworkId == network && r.Status != RegistrationStatus.Cancelled
                              join u in db.Users on r.UserId equals u.Id
                              where u.EmailConfirmed
                              select new { o.Id, SessionId = s.Id, u.Email }).ToListAsync();
            var chosen = rows.GroupBy(r => r.SessionId).OrderByDescending(g => g.Count()).First();
            var others = rows.Where(r => r.Id == chosen.First().Id && r.SessionId != chosen.Key).Select(r => r.Email!).Except(chosen.Select(c => c.Email!)).ToList();
            return (chosen.First().Id, chosen.Key, chosen.Select(c => c.Email!).Distinct().ToList(), others);
        });

        var page = await client.GetAsync($"/gestione/opportunita/{opportunity}/iscritti");
        var subject = $"Cambio di sala {Guid.NewGuid():N}"[..24];
        var form = page.Document.QuerySelectorAll("form").Single(f => f.QuerySelector($"input[name='Write.SessionId'][value='{session}']") is not null);
        var empty = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Write.SessionId"] = session.ToString(), ["Write.Subject"] = "", ["Write.Body"] = "" },
            $"form:has(input[name='Write.SessionId'][value='{session}'])");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Scrivi l'oggetto.", empty.Errors);

        var sent = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Write.SessionId"] = session.ToString(), ["Write.Subject"] = subject, ["Write.Body"] = "L'incontro si tiene nella sala grande al piano terra." },
            $"form:has(input[name='Write.SessionId'][value='{session}'])");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.NotNull(form);
        var id = await factory.WithDbAsync(db => db.NetworkMessages.Where(m => m.SessionId == session && m.Subject.Contains(subject)).Select(m => m.Id).SingleAsync());
        var message = await WaitUntilSentAsync(id);
        Assert.Equal(registrants.Count, message.Total);
        foreach (var email in registrants) Assert.Contains("sala grande", (await Mailbox.WaitForAsync(email, subject)).Text);
        foreach (var email in others) await Assert.ThrowsAsync<TimeoutException>(() => Mailbox.WaitForAsync(email, subject));
        Assert.Contains(subject, (await client.GetAsync($"/gestione/opportunita/{opportunity}/iscritti")).Text);

        // A date of another opportunity cannot be written to from this one's page.
        var foreignSession = await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.OpportunityId != opportunity).Select(s => s.Id).FirstAsync());
        var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?> { ["Write.SessionId"] = foreignSession.ToString(), ["Write.Subject"] = subject, ["Write.Body"] = "Un testo abbastanza lungo." },
            $"form:has(input[name='Write.SessionId'][value='{session}'])");
        var foreign = await client.Http.PostAsync(target, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Several_senders_at_once_deliver_each_recipient_once()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());
        var coordinator = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "coordinatore@portogruaro.demo").Select(u => u.Id).FirstAsync());
        var subject = $"Consegna unica {Guid.NewGuid():N}"[..26];
        // Written without waking the sender: the parallel rounds below race for the same recipients.
        var id = await factory.WithDbAsync(async db =>
        {
            var users = await db.Households.Where(h => h.NetworkId == network && h.OwnerUserId != null).Select(h => h.OwnerUserId!.Value).Take(60).ToListAsync();
            var message = new NetworkMessage
            {
                Id = Guid.NewGuid(), NetworkId = network, Audience = MessageAudience.Families, AudienceText = "Famiglie", Subject = subject, Body = "Una prova di consegna.",
                SentByUserId = coordinator, SentByName = "Giulia Bortolin", CreatedAt = DateTime.UtcNow.AddYears(-1), Status = MessageStatus.Sending, Total = users.Count,
            };
            db.Add(message);
            db.AddRange(users.Select(u => new NetworkMessageRecipient { MessageId = message.Id, UserId = u }));
            await db.SaveChangesAsync();
            return message.Id;
        });
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            while (await MessageSender.SendBatchAsync(scope.ServiceProvider) > 0) { }
        }));
        var message = await WaitUntilSentAsync(id);
        Assert.Equal(message.Total, message.Delivered);
        Assert.Equal(message.Total, await factory.WithDbAsync(db => db.NetworkMessageRecipients.CountAsync(r => r.MessageId == id && r.DeliveredAt != null)));
        // The mails leave a moment after their notifications are stored (NotificationMailQueue): wait for them, then for any extra.
        var mails = 0;
        for (var i = 0; i < 50 && (mails = await Mailbox.CountAsync(subject)) < message.Total; i++) await Task.Delay(200);
        await Task.Delay(1000);
        Assert.Equal(message.Total, await Mailbox.CountAsync(subject));
    }
}
