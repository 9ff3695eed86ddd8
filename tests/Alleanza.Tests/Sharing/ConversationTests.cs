using System.Net;
using Alleanza.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// Private conversations: only the two parties read one (a third family and another network's family get 404), a blocked
/// person cannot write, the e-mail notice leaves at most once an hour, an agreed hand-over downloads as an .ics, a message can be reported.
/// </summary>
public class ConversationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    readonly SharingTestKit kit = new(factory);

    async Task<(SharingTestKit.Person Owner, SharingTestKit.Person Taker, Guid Post, string Conversation)> StartAsync()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var post = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Box per bambini"));
        var taker = await kit.FamilyAsync();
        var asked = await taker.Client.SubmitAsync(await taker.Client.GetAsync($"/condividi/{post}"), new Dictionary<string, string?> { ["Message"] = "Buongiorno, mi interessa" });
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        return (owner, taker, post, asked.Location!);
    }

    [Fact]
    public async Task Only_the_two_parties_read_a_conversation_and_the_e_mail_notice_leaves_at_most_once_an_hour()
    {
        var (owner, taker, _, path) = await StartAsync();
        Assert.Contains("Buongiorno, mi interessa", (await owner.Client.GetAsync(path)).Text);
        Assert.Equal(HttpStatusCode.OK, (await taker.Client.GetAsync(path)).Status);
        var third = await kit.FamilyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await third.Client.GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await third.Client.GetAsync(path + "?handler=Ics")).Status);
        var stranger = await kit.FamilyAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(path)).Status);
        // A third family cannot write into it either.
        var ownerPage = await owner.Client.GetAsync(path);
        var (target, fields) = TestClient.FormOf(ownerPage, new Dictionary<string, string?> { ["Text"] = "intruso" });
        Assert.Equal(HttpStatusCode.BadRequest, (await third.Client.Http.PostAsync(target, new FormUrlEncodedContent(fields))).StatusCode); // another person's antiforgery token
        var thirdToken = (await third.Client.GetAsync("/condividi/nuovo")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await third.Client.Http.PostAsync(target, new FormUrlEncodedContent([new("Text", "intruso"), new("__RequestVerificationToken", thirdToken)]))).StatusCode);

        // The owner gets one mail for the first message; the taker's second message within the hour adds none.
        await Mailbox.WaitForAsync(owner.Email, "Nuovo messaggio su «Box per bambini»");
        var takerPage = await taker.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await taker.Client.SubmitAsync(takerPage, new Dictionary<string, string?> { ["Text"] = "Posso passare sabato?" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?> { ["Text"] = "Sì, sabato va bene" })).Status);
        await Mailbox.WaitForAsync(taker.Email, "Nuovo messaggio su «Box per bambini»");
        await Task.Delay(500);
        Assert.Equal(1, await Mailbox.CountToAsync(owner.Email, "Nuovo messaggio su «Box per bambini»"));
        Assert.Equal(3, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.StarterUserId == taker.UserId))));
        // An empty message: a clear message, nothing stored.
        var empty = await taker.Client.SubmitAsync(takerPage, new Dictionary<string, string?> { ["Text"] = "  " });
        Assert.Contains(empty.Errors, e => e.Contains("Scrivi il messaggio"));
    }

    [Fact]
    public async Task A_blocked_person_cannot_write_nor_ask_again()
    {
        var (owner, taker, post, path) = await StartAsync();
        var takerPage = await taker.Client.GetAsync(path);
        var ownerPage = await owner.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?>(), "form[action*=Block]")).Status);
        var before = await factory.WithDbAsync(db => db.ConversationMessages.CountAsync());
        var refused = await taker.Client.SubmitAsync(takerPage, new Dictionary<string, string?> { ["Text"] = "Perché non rispondi?" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("ti ha bloccato"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync()));
        Assert.Contains("vi ha bloccato", (await taker.Client.GetAsync(path)).Text);
        // Released, the post cannot be asked for again by the blocked person.
        var postPage = await owner.Client.GetAsync($"/condividi/{post}");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(postPage, new Dictionary<string, string?> { ["NoShow"] = "true" }, "form[action*=Release]")).Status);
        var again = await taker.Client.SubmitAsync(await taker.Client.GetAsync($"/condividi/{post}"), new Dictionary<string, string?> { ["Message"] = "Riprovo" });
        Assert.Contains(again.Errors, e => e.Contains("non accetta"));
        // Unblocked, writing works again.
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(await owner.Client.GetAsync(path), new Dictionary<string, string?>(), "form[action*=Unblock]")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await taker.Client.SubmitAsync(await taker.Client.GetAsync(path), new Dictionary<string, string?> { ["Text"] = "Grazie" })).Status);
    }

    [Fact]
    public async Task An_agreed_hand_over_downloads_as_an_ics_and_a_message_can_be_reported()
    {
        var (owner, taker, _, path) = await StartAsync();
        var page = await owner.Client.GetAsync(path);
        var past = await owner.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Day"] = "2020-01-01", ["Time"] = "17:30", ["Place"] = "Biblioteca" });
        Assert.Contains(past.Errors, e => e.Contains("già passato"));
        var junk = await owner.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Day"] = "domani", ["Time"] = "25:99", ["Place"] = "" });
        Assert.Equal(HttpStatusCode.OK, junk.Status);
        Assert.Contains(junk.Errors, e => e.Contains("giorno valido"));
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Day"] = day, ["Time"] = "17:30", ["Place"] = "Biblioteca comunale" })).Status);
        var ics = await taker.Client.Http.GetAsync(path + "?handler=Ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", text);
        Assert.Contains("Biblioteca comunale", text);
        Assert.Contains("Box per bambini", text);

        var takerPage = await taker.Client.GetAsync(path);
        var form = takerPage.Document.QuerySelector("form[action*=Report]");
        Assert.NotNull(form);
        Assert.Equal(HttpStatusCode.Redirect, (await taker.Client.SubmitAsync(takerPage, new Dictionary<string, string?> { ["Reason"] = "Tono offensivo" }, "form[action*=Report]")).Status);
        Assert.True(await factory.WithDbAsync(db => db.SharingReports.AnyAsync(r => r.ReporterUserId == taker.UserId && r.MessageId != null)));
    }

    [Fact]
    public async Task A_post_at_a_collection_point_proposes_the_point_as_the_place_of_the_hand_over()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var point = await factory.WithDbAsync(db => db.SharingCollectionPoints.Where(c => c.NetworkId == owner.NetworkId)
            .Join(db.Partners, c => c.PartnerId, p => p.Id, (c, p) => new { p.Id, p.Name, p.City, c.Hours }).OrderBy(p => p.Name).FirstAsync());
        var values = SharingTestKit.Gift("Passeggino al punto di raccolta");
        values["Input.HandOver"] = "CollectionPoint";
        values["Input.CollectionPointId"] = point.Id.ToString();
        var atPoint = await SharingTestKit.PublishedAsync(owner.Client, values);
        var atHome = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Passeggino a casa"));
        var taker = await kit.FamilyAsync();
        async Task<string> AskAsync(Guid post)
        {
            var asked = await taker.Client.SubmitAsync(await taker.Client.GetAsync($"/condividi/{post}"), new Dictionary<string, string?> { ["Message"] = "Mi interessa" });
            Assert.Equal(HttpStatusCode.Redirect, asked.Status);
            return asked.Location!;
        }

        var path = await AskAsync(atPoint);
        var page = await owner.Client.GetAsync(path);
        var place = page.Document.QuerySelector("input#Place")!;
        var expected = point.City is null ? point.Name : $"{point.Name}, {point.City}";
        Assert.Equal(expected, place.GetAttribute("value"));
        Assert.Contains(point.Hours!, page.Document.QuerySelector("#Place-hint")!.TextContent);
        // The three fields of the agreement are required, and say so.
        foreach (var id in new[] { "Day", "Time", "Place" })
        {
            Assert.NotNull(page.Document.QuerySelector($"input#{id}[required]"));
            Assert.EndsWith(" *", page.Document.QuerySelector($"label[for={id}]")!.TextContent.Trim());
        }
        // Agreed with the point as it is proposed: the agreement and its .ics name it.
        var day = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Day"] = day, ["Time"] = "17:30" }, "form[action*=Agree]")).Status);
        Assert.Equal(expected, await factory.WithDbAsync(db => db.Conversations.Where(c => c.TopicId == atPoint).Select(c => c.AgreedPlace).SingleAsync()));
        Assert.Contains(point.Name, await (await taker.Client.Http.GetAsync(path + "?handler=Ics")).Content.ReadAsStringAsync());

        // A hand-over at home proposes nothing: the place is left to the families.
        var home = await owner.Client.GetAsync(await AskAsync(atHome));
        Assert.True(string.IsNullOrEmpty(home.Document.QuerySelector("input#Place")!.GetAttribute("value")));
        Assert.Equal("Un punto di raccolta o un luogo pubblico.", home.Document.QuerySelector("#Place-hint")!.TextContent.Trim());
    }
}
