using Alleanza.Web.Modules.Families;
using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>
/// The one notification service, through HTTP and the real SMTP sink: the in-app entry and the mail (both parts,
/// List-Unsubscribe headers, absolute links from the public URL), the one-click unsubscribe without cookies, the
/// preference "off" and the daily digest (once, also when run twice at the same time), the header's unread count,
/// the officer of the Comune told about a new card application, the weekly digest of new opportunities.
/// </summary>
public class NotificationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "notifiche-2026";

    /// <summary>A clock the test moves (the jobs take it as a parameter).</summary>
    sealed class MovedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    async Task<(Guid Id, string Email)> NewPersonAsync(NetworkRole? role = null, Guid? comuneId = null)
    {
        var email = $"notifiche-{Guid.NewGuid():N}@esempio.it";
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Persona di prova", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (role is { } r)
        {
            var db = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Platform.Data.AppDbContext>();
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, NetworkId = network, Role = r, ComuneId = comuneId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        return (user.Id, email);
    }

    async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync("portogruaro");
        return client;
    }

    Task<Guid> NetworkAsync() => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync());

    async Task<int> NotifyAsync(Notice notice)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationService>().NotifyAsync(notice);
    }

    async Task<NotificationJobs.RunResult> RunJobsAsync(DateTimeOffset at)
    {
        using var scope = factory.Services.CreateScope();
        return await NotificationJobs.RunDueAsync(scope.ServiceProvider, new MovedClock(at));
    }

    [Fact]
    public async Task An_event_is_stored_in_app_and_mailed_with_both_parts_and_a_one_click_unsubscribe_that_needs_no_cookie()
    {
        var (userId, email) = await NewPersonAsync();
        var network = await NetworkAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(1, await NotifyAsync(new Notice(NotificationKinds.Registration.Key, network, [userId], $"Iscrizione confermata: Prova {tag}",
            $"La tua iscrizione a Prova {tag} è confermata.", "/account/iscrizioni?rete=portogruaro")));

        var row = await factory.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == userId));
        Assert.Null(row.ReadAt);
        Assert.Equal(Delivery.Immediate, row.Delivery);

        var mail = await Mailbox.FullAsync(email, $"Prova {tag}");
        Assert.Contains("Alleanza per la famiglia", mail.Html); // the network's name at the top
        Assert.Contains("<table", mail.Html);
        Assert.Contains($"{TestEnvironment.PublicUrl}/account/iscrizioni?rete=portogruaro", mail.Html);
        Assert.Contains($"La tua iscrizione a Prova {tag} è confermata.", mail.Text);
        Assert.Contains($"{TestEnvironment.PublicUrl}/account/iscrizioni?rete=portogruaro", mail.Text);
        Assert.Contains($"{TestEnvironment.PublicUrl}/account/notifiche/preferenze", mail.Text);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["list-unsubscribe-post"]);
        var header = mail.Headers["list-unsubscribe"].Trim();
        Assert.StartsWith($"<{TestEnvironment.PublicUrl}/notifiche/disiscrivi?t=", header);
        var unsubscribe = new Uri(header.Trim('<', '>')).PathAndQuery;
        Assert.NotNull(await factory.WithDbAsync(db => db.Notifications.Where(n => n.Id == row.Id).Select(n => n.MailedAt).SingleAsync()));

        // The mail client's one-click POST: no cookie, no antiforgery token.
        using var bare = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var forged = await bare.PostAsync(unsubscribe[..^4] + "AAAA", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("non è valido", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await bare.GetAsync("/notifiche/disiscrivi?t=inventato")).StatusCode);
        var confirm = await bare.GetAsync(unsubscribe);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Le tue iscrizioni", WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == userId))); // a GET changes nothing
        var done = await bare.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(Delivery.Off, await factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.UserId == userId && p.Kind == NotificationKinds.Registration.Key).Select(p => p.Delivery).SingleAsync()));

        // Off: the next one of that kind is in the list, and no mail leaves.
        await NotifyAsync(new Notice(NotificationKinds.Registration.Key, network, [userId], $"Sei in lista d'attesa: Seconda {tag}", "In lista d'attesa.", null));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId)));
        await Task.Delay(1500);
        Assert.Equal(0, await Mailbox.CountToAsync(email, $"Seconda {tag}"));

        // The header counts 2 unread; the list shows them; «segna tutte come lette» brings the count to none.
        var person = await SignedInAsync(email);
        var list = await person.GetAsync("/account/notifiche");
        Assert.Contains("(2 non lette)", list.Text);
        Assert.Contains($"Seconda {tag}", list.Text);
        Assert.Contains("2 notifiche da leggere", list.Text);
        var read = await person.SubmitAsync(list, new Dictionary<string, string?>(), "form[action*='handler=ReadAll']", follow: true);
        Assert.Contains("2 notifiche segnate come lette", read.Text);
        Assert.Contains("(nessuna non letta)", read.Text);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null)));

        // Somebody else's notification is a 404; one's own opens its object.
        var stranger = await NewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(stranger.Email)).GetAsync($"/account/notifiche/apri/{row.Id}")).Status);
        var open = await person.GetAsync($"/account/notifiche/apri/{row.Id}");
        Assert.Equal("/account/iscrizioni?rete=portogruaro", open.Location);
    }

    [Fact]
    public async Task A_mail_server_that_refuses_neither_fails_the_action_nor_loses_the_mail()
    {
        // A second instance on the same database whose mail server is down: a port nobody listens on.
        int dead;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0)) { probe.Start(); dead = ((IPEndPoint)probe.LocalEndpoint).Port; }
        await using var down = AlleanzaFactory.With(new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = dead.ToString() }, factory.ConnectionString);
        down.KeepDatabase = true; // the class's database: the other tests go on with it
        var (userId, email) = await NewPersonAsync();
        var network = await NetworkAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        using (var scope = down.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<NotificationService>().NotifyAsync(
                new Notice(NotificationKinds.Registration.Key, network, [userId], $"Iscrizione confermata: Prova {tag}", "Confermata.", "/account/iscrizioni")));

        // The notice is in the list; its mail, refused, waits not sent with one attempt counted.
        Notification? row = null;
        for (var i = 0; i < 50 && row?.MailAttempts != 1; i++)
        {
            await Task.Delay(200);
            row = await factory.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == userId));
        }
        Assert.Equal(1, row!.MailAttempts);
        Assert.Null(row.MailedAt);

        // The scheduled retry (here on the instance whose server answers) sends it, once.
        for (var i = 0; i < 5 && await Mailbox.CountToAsync(email, tag) == 0; i++)
        {
            await RunJobsAsync(DateTimeOffset.UtcNow.AddMinutes(1));
            await Task.Delay(300);
        }
        var mail = await Mailbox.FullAsync(email, $"Prova {tag}");
        Assert.Contains("Confermata.", mail.Text);
        Assert.NotNull(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).Select(n => n.MailedAt).SingleAsync()));
        await RunJobsAsync(DateTimeOffset.UtcNow.AddMinutes(2));
        await Task.Delay(1000);
        Assert.Equal(1, await Mailbox.CountToAsync(email, tag));
    }

    [Fact]
    public async Task The_digest_preference_sends_one_mail_with_both_items_at_the_jobs_run_and_never_twice()
    {
        var (userId, email) = await NewPersonAsync();
        var network = await NetworkAsync();
        var person = await SignedInAsync(email);

        // Choose the daily digest for registrations on the preferences page (a wrong value re-renders with a message).
        var page = await person.GetAsync("/account/notifiche/preferenze");
        var index = page.Document.QuerySelectorAll("input[type=hidden][name$='.Kind']").Select(e => e.GetAttribute("value")).ToList().IndexOf(NotificationKinds.Registration.Key);
        Assert.True(index >= 0, "The preferences page lists the registrations' kind.");
        Assert.Empty(page.Document.QuerySelectorAll($"input[value='{NotificationKinds.ReviewWaiting.Key}']")); // a coordinator's kind: not for a family
        var wrong = await person.SubmitAsync(page, new Dictionary<string, string?> { [$"Input[{index}].Value"] = "sempre" });
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("Scegli come ricevere «Le tue iscrizioni»", wrong.Text);
        var saved = await person.SubmitAsync(page, new Dictionary<string, string?> { [$"Input[{index}].Value"] = "riepilogo" }, follow: true);
        Assert.Contains("Preferenze salvate", saved.Text);
        Assert.Equal("riepilogo", saved.Document.QuerySelector($"input[name='Input[{index}].Value'][checked]")?.GetAttribute("value"));

        var tag = Guid.NewGuid().ToString("N")[..8];
        await NotifyAsync(new Notice(NotificationKinds.Registration.Key, network, [userId], $"Prima {tag}", "Primo avviso.", "/account/iscrizioni"));
        await NotifyAsync(new Notice(NotificationKinds.Registration.Key, network, [userId], $"Seconda {tag}", "Secondo avviso.", "/account/iscrizioni"));
        await Task.Delay(1000);
        Assert.Equal(0, await Mailbox.CountToAsync(email, tag)); // nothing at once

        // Before the digest hour nothing leaves; tomorrow morning, one digest with both, whatever the number of runs.
        var created = await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).MaxAsync(n => n.CreatedAt));
        var tomorrow = DateOnly.FromDateTime(created.ToRome()).AddDays(1);
        await RunJobsAsync(RomeTime.FromRome(tomorrow, new TimeOnly(6, 0)).AddDays(-1));
        Assert.Equal(0, await Mailbox.CountToAsync(email, "Riepilogo del giorno"));
        var at = new DateTimeOffset(RomeTime.FromRome(tomorrow, new TimeOnly(8, 0)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunJobsAsync(at))));
        await RunJobsAsync(at.AddHours(1));
        var digest = await Mailbox.FullAsync(email, "Riepilogo del giorno");
        Assert.Contains($"Prima {tag}", digest.Text);
        Assert.Contains($"Seconda {tag}", digest.Text);
        Assert.Contains("/notifiche/disiscrivi?t=", digest.Headers["list-unsubscribe"]);
        await Task.Delay(1000);
        Assert.Equal(1, await Mailbox.CountToAsync(email, "Riepilogo del giorno"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.MailedAt == null)));
    }

    [Fact]
    public async Task A_new_card_application_is_told_to_the_officer_of_its_Comune_and_not_to_the_officer_of_another()
    {
        var comuni = await factory.WithDbAsync(db => db.Comuni.Where(c => db.Networks.Any(n => n.Id == c.NetworkId && n.Slug == "portogruaro"))
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync());
        var home = comuni.First(c => c.Name == "Portogruaro");
        var elsewhere = comuni.First(c => c.Id != home.Id);
        var (ours, oursEmail) = await NewPersonAsync(NetworkRole.MunicipalOfficer, home.Id);
        var (theirs, _) = await NewPersonAsync(NetworkRole.MunicipalOfficer, elsewhere.Id);
        var (familyId, familyEmail) = await NewPersonAsync();
        var family = await SignedInAsync(familyEmail);

        var surname = "Notifica" + Guid.NewGuid().ToString("N")[..6];
        var page = await family.GetAsync("/carta-famiglia/nucleo");
        Assert.Equal(HttpStatusCode.Redirect, (await family.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = home.Id.ToString(), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']")).Status);
        foreach (var (role, name, born) in new[] { ("Adult", "Carla", "1986-02-03"), ("Child", "Nico", "2019-09-09") })
        {
            page = await family.GetAsync("/carta-famiglia/nucleo");
            Assert.Equal(HttpStatusCode.Redirect, (await family.SubmitAsync(page, new Dictionary<string, string?>
                { ["Member.Role"] = role, ["Member.FirstName"] = name, ["Member.LastName"] = surname, ["Member.BirthDate"] = born }, "form[action*='handler=Member']")).Status);
        }
        var hub = await family.GetAsync("/carta-famiglia/domanda");
        var applied = await family.SubmitAsync(hub, new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12" }, "form[action*='handler=Apply']", follow: true);
        Assert.Contains("In attesa di decisione", applied.Text);

        var application = await factory.WithDbAsync(db => db.CardApplications.Where(a => db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == familyId)).Select(a => a.Id).SingleAsync());
        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKinds.CardApplicationReceived.Key && (n.UserId == ours || n.UserId == theirs)).ToListAsync());
        var notice = Assert.Single(told);
        Assert.Equal(ours, notice.UserId);
        Assert.Contains($"/gestione/carta-famiglia/domande/{application}", notice.LinkPath);
        var mail = await Mailbox.FullAsync(oursEmail, "Nuova domanda di Carta Famiglia da Portogruaro");
        Assert.Contains($"{TestEnvironment.PublicUrl}/gestione/carta-famiglia/domande/{application}", mail.Text);
        // The family has its own receipt.
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == familyId && n.Kind == NotificationKinds.CardApplication.Key)));

        // The officer opens it from the list: it is read, and the header's count drops.
        var officer = await SignedInAsync(oursEmail);
        Assert.Contains("(1 non letta)", (await officer.GetAsync("/account/notifiche")).Text);
        var open = await officer.GetAsync($"/account/notifiche/apri/{notice.Id}");
        Assert.StartsWith($"/gestione/carta-famiglia/domande/{application}", open.Location);
        Assert.Contains("(nessuna non letta)", (await officer.GetAsync("/account/notifiche")).Text);
    }

    [Fact]
    public async Task The_weekly_digest_of_new_opportunities_reaches_who_asked_for_it_once_a_week()
    {
        var now = DateTime.UtcNow;
        var weekStart = Alleanza.Web.Modules.Catalog.WeeklyOpportunities.WeekStart(now, 7);
        var (network, comune, title) = await factory.WithDbAsync(async db =>
        {
            var net = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var c = await db.Comuni.Where(x => x.NetworkId == net && x.Name == "Portogruaro").Select(x => x.Id).FirstAsync();
            var o = await db.Opportunities.Where(x => x.NetworkId == net && x.Status == Alleanza.Web.Modules.Catalog.OpportunityStatus.Published).OrderBy(x => x.Title).FirstAsync();
            db.OpportunityComuni.RemoveRange(await db.OpportunityComuni.Where(x => x.OpportunityId == o.Id).ToListAsync()); // network-wide: every Comune
            o.PublishedAt = weekStart.AddDays(-2);
            o.AgeFromMonths = null;
            o.AgeToMonths = null;
            await db.SaveChangesAsync();
            return (net, c, o.Title);
        });
        string Email(string who) => $"settimana-{who}-{Guid.NewGuid():N}@esempio.it";
        var (wants, doesNot) = (Email("si"), Email("no"));
        var ids = await factory.WithDbAsync(async db =>
        {
            var result = new List<Guid>();
            foreach (var email in new[] { wants, doesNot })
            {
                var h = Alleanza.Tests.FamilyCard.TestFamilies.AddHousehold(db, network, comune, email, now);
                db.HouseholdMembers.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = h.Id, Role = MemberRole.Child, FirstName = "Bimbo", LastName = "Prova", BirthDate = DateOnly.FromDateTime(now).AddYears(-6) });
                result.Add(h.OwnerUserId!.Value);
            }
            await db.SaveChangesAsync();
            return result;
        });
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<NotificationService>().SetPreferenceAsync(ids[0], NotificationKinds.NewOpportunitiesWeekly.Key, Delivery.Immediate);

        await Task.WhenAll(RunJobsAsync(now), RunJobsAsync(now));
        await RunJobsAsync(now.AddMinutes(5));
        var mail = await Mailbox.FullAsync(wants, "per i vostri figli");
        Assert.Contains(title, mail.Text);
        Assert.Contains($"{TestEnvironment.PublicUrl}/opportunita/", mail.Text);
        await Task.Delay(1000);
        Assert.Equal(1, await Mailbox.CountToAsync(wants, "per i vostri figli"));
        Assert.Equal(0, await Mailbox.CountToAsync(doesNot, "per i vostri figli")); // opt-in: off by default
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == ids[0] && n.Kind == NotificationKinds.NewOpportunitiesWeekly.Key)));
    }
}
