using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Tests.Support;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Modules.Sharing.TimeBank;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// The time bank through HTTP, in Pavia: the coordinator opens it, people ask to join and are accepted once, members
/// publish and record hours (received: at once; given: confirmed once by the receiver, or settled when the days are over),
/// managers record for members and group activities, the limit refuses, statements open as PDF and CSV, and people of
/// another network or outside the bank get 404.
/// </summary>
public class TimeBankTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static Dictionary<string, string?> Form(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);
    static readonly SemaphoreSlim Opening = new(1, 1);

    /// <summary>Pavia's bank, opened through its page by the coordinator if the demo did not open it.</summary>
    async Task<(Bank Bank, TestClient Coordinator)> BankAsync()
    {
        var coordinator = await factory.CoordinatorAsync("pavia");
        await Opening.WaitAsync();
        try
        {
            var network = await factory.NetworkAsync("pavia");
            if (await factory.WithDbAsync(db => db.TimeBanks.AnyAsync(b => b.NetworkId == network)) is false)
            {
                var page = await coordinator.GetAsync("/banca-del-tempo/gestione/regole");
                Assert.Equal(HttpStatusCode.OK, page.Status);
                var empty = await coordinator.SubmitAsync(page, Form(("Input.Name", ""), ("Input.Rules", "")));
                Assert.Contains(empty.Errors, e => e.Contains("Dai un nome"));
                var values = Form(("Input.Name", "Banca del tempo di Pavia"), ("Input.MaxDebtHours", "20"), ("Input.ConfirmDays", "7"));
                var statuses = await Concurrently.SubmitAsync(coordinator, page, values);
                Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
            }
            return (await factory.WithDbAsync(db => db.TimeBanks.SingleAsync(b => b.NetworkId == network)), coordinator);
        }
        finally { Opening.Release(); }
    }

    /// <summary>A new family of Pavia, joined and accepted.</summary>
    async Task<(SupportPeople.Person Person, Guid MemberId)> MemberAsync(TestClient coordinator, string network = "pavia")
    {
        var person = await factory.NewPersonAsync(NetworkRole.Family, network: network);
        var landing = await person.Client.GetAsync("/banca-del-tempo");
        var refused = await person.Client.SubmitAsync(landing, Form(("Join.Presentation", "Cucino volentieri")), "form[action*=Join]");
        Assert.Contains(refused.Errors, e => e.Contains("accettare il regolamento"));
        var asked = await person.Client.SubmitAsync(landing, Form(("Join.Presentation", "Cucino volentieri"), ("Join.AcceptRules", "true")), "form[action*=Join]");
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        var member = await factory.WithDbAsync(db => db.TimeBankMembers.SingleAsync(m => m.UserId == person.UserId));
        Assert.Equal(MemberStatus.Pending, member.Status);
        var manage = await coordinator.GetAsync("/banca-del-tempo/gestione");
        var statuses = await Concurrently.SubmitAsync(coordinator, manage, Form(), $"form[action*='member={member.Id}'][action*=Accept]");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var accepted = await factory.WithDbAsync(db => db.TimeBankMembers.SingleAsync(m => m.Id == member.Id));
        Assert.Equal(MemberStatus.Active, accepted.Status);
        Assert.Equal(1, await factory.WithDbAsync(db => db.LedgerAccounts.CountAsync(a => a.OwnerId == member.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "timebank.member.accept" && a.EntityId == member.Id.ToString())));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == person.UserId && n.Kind == NotificationKinds.TimeBankMembership.Key)));
        return (person, member.Id);
    }

    Task<long> BalanceAsync(Guid memberId) => factory.WithDbAsync(db =>
        db.TimeBankMembers.Where(m => m.Id == memberId).Select(m => db.LedgerAccounts.Where(a => a.Id == m.AccountId).Select(a => a.Balance).First()).SingleAsync());

    static Dictionary<string, string?> Hours(string side, Guid other, string hours, string what) => Form(("Input.Side", side), ("Input.OtherMemberId", other.ToString()),
        ("Input.Hours", hours), ("Input.Category", nameof(HelpCategory.Homework)), ("Input.On", DateTime.UtcNow.ToString("yyyy-MM-dd")), ("Input.Description", what));

    [Fact]
    public async Task Recording_hours_requires_the_side_and_the_other_member_and_the_statement_keeps_hours_on_one_line()
    {
        var (_, coordinator) = await BankAsync();
        var (anna, annaId) = await MemberAsync(coordinator);
        var (_, brunoId) = await MemberAsync(coordinator);

        // A member's form: who gave and who received are required, and say so.
        var form = await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo");
        Assert.Equal("Io *", form.Document.QuerySelector("form fieldset legend")!.TextContent.Trim());
        Assert.Equal("L'altro socio *", form.Document.QuerySelector("label[for=Input_OtherMemberId]")!.TextContent.Trim());
        Assert.NotNull(form.Document.QuerySelector("#Input_OtherMemberId[required]"));
        var missing = await anna.Client.SubmitAsync(form, Form(("Input.Category", "Lifts"), ("Input.Description", "Spesa")));
        Assert.Equal(HttpStatusCode.OK, missing.Status);
        Assert.Contains(missing.Errors, e => e.Contains("Scegli se hai dato o ricevuto l'aiuto"));
        var noOne = await anna.Client.SubmitAsync(form, Form(("Input.Side", "Gave"), ("Input.Category", "Lifts"), ("Input.Description", "Spesa")));
        Assert.Equal("Scegli un altro socio della banca.", noOne.Document.QuerySelector("#Input_OtherMemberId-error")!.TextContent.Trim());
        // The form's own rules still run (a required mark that the binder enforced would skip them): half hours only.
        var quarter = await anna.Client.SubmitAsync(form, Hours("Gave", brunoId, "1,25", "Spesa"));
        Assert.Contains(quarter.Errors, e => e.Contains("mezze ore"));
        // Hours beyond an int's minutes are a field message, not an overflow while the form is validated.
        var huge = await anna.Client.SubmitAsync(form, Hours("Gave", brunoId, "2147483648", "Spesa"));
        Assert.Equal(HttpStatusCode.OK, huge.Status);
        Assert.Contains(huge.Errors, e => e.Contains("tra 0,5 e 24"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.TimeBankExchanges.CountAsync(e => e.GiverMemberId == annaId || e.ReceiverMemberId == annaId)));

        // A manager's form asks for the giver and the receiver instead, never for a side.
        var record = await coordinator.GetAsync("/banca-del-tempo/gestione/registra");
        Assert.Equal("Chi ha dato l'aiuto *", record.Document.QuerySelector("label[for=Input_GiverMemberId]")!.TextContent.Trim());
        Assert.Equal("Chi ha ricevuto l'aiuto *", record.Document.QuerySelector("label[for=Input_ReceiverMemberId]")!.TextContent.Trim());
        var nobody = await coordinator.SubmitAsync(record, Form(("Input.Category", "Lifts"), ("Input.Description", "Passaggio")));
        Assert.Equal("Scegli un socio della banca.", nobody.Document.QuerySelector("#Input_GiverMemberId-error")!.TextContent.Trim());
        var noReceiver = await coordinator.SubmitAsync(record, Form(("Input.GiverMemberId", brunoId.ToString()), ("Input.Category", "Lifts"), ("Input.Description", "Passaggio")));
        Assert.Equal("Scegli un socio della banca.", noReceiver.Document.QuerySelector("#Input_ReceiverMemberId-error")!.TextContent.Trim());
        Assert.DoesNotContain(noReceiver.Errors, e => e.Contains("dato o ricevuto") || e.Contains("altro socio"));

        // Recorded: on the statement the hours and the balance sit in cells that do not wrap (a phone broke «−1 h 30» in two).
        Assert.Equal(HttpStatusCode.Redirect, (await anna.Client.SubmitAsync(form, Hours("Received", brunoId, "1,5", "Spesa al mercato"))).Status);
        var statement = await anna.Client.GetAsync("/banca-del-tempo/estratto");
        var row = statement.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Spesa al mercato"));
        var cells = row.QuerySelectorAll("td");
        // With whom: the other member of the exchange.
        var bruno = await factory.WithDbAsync(db => db.TimeBankMembers.Where(m => m.Id == brunoId).Select(m => m.Name).SingleAsync());
        Assert.StartsWith($"Scambio con {bruno}: ", cells[0].TextContent.Trim());
        Assert.Equal("−1 h 30", cells[1].TextContent.Trim());
        Assert.All(new[] { cells[1], cells[2] }, c => Assert.Contains("text-nowrap", c.ClassList));
        Assert.All(statement.Document.QuerySelectorAll("thead th.text-end"), th => Assert.Contains("text-nowrap", th.ClassList));
    }

    [Fact]
    public async Task Members_join_publish_and_exchange_hours_confirmed_once()
    {
        var (bank, coordinator) = await BankAsync();
        var (anna, annaId) = await MemberAsync(coordinator);
        var (bruno, brunoId) = await MemberAsync(coordinator);
        var annaBefore = await BalanceAsync(annaId);
        var brunoBefore = await BalanceAsync(brunoId);

        // Anna offers help with homework; Bruno answers from the post and records the hours he received: confirmed at once.
        var title = $"Compiti di matematica {Guid.NewGuid():N}";
        var post = await anna.Client.SubmitAsync(await anna.Client.GetAsync("/banca-del-tempo/annunci/nuovo"), Form(("Input.Kind", "Offer"), ("Input.Category", "Homework"),
            ("Input.Title", title), ("Input.Description", "Il martedì pomeriggio, in biblioteca.")));
        Assert.Equal(HttpStatusCode.Redirect, post.Status);
        var list = await bruno.Client.GetAsync("/banca-del-tempo?tipo=Offer&categoria=Homework");
        Assert.Contains(title, list.Text);
        var postPage = await bruno.Client.GetAsync(post.Location!);
        // «Scrivi»: a private conversation about the post, which both of them (and nobody else) read.
        var write = await bruno.Client.SubmitAsync(postPage, new Dictionary<string, string?>(), "form[action*='handler=Write']");
        Assert.Equal(HttpStatusCode.Redirect, write.Status);
        Assert.StartsWith("/condividi/messaggi/", write.Location);
        Assert.Contains(title, (await bruno.Client.GetAsync(write.Location!)).Text);
        Assert.Equal(HttpStatusCode.OK, (await anna.Client.GetAsync(write.Location!)).Status);
        var again = await bruno.Client.SubmitAsync(postPage, new Dictionary<string, string?>(), "form[action*='handler=Write']");
        Assert.Equal(write.Location, again.Location);
        var answer = postPage.Document.QuerySelector("a.btn-outline-primary[href*='scambi/nuovo']")!.GetAttribute("href")!;
        Assert.StartsWith("/banca-del-tempo/scambi/nuovo?annuncio=", answer);
        var form = await bruno.Client.GetAsync(answer);
        var bad = await bruno.Client.SubmitAsync(form, Form(("Input.Hours", "1,25")));
        Assert.Contains(bad.Errors, e => e.Contains("mezze ore"));
        var received = await bruno.Client.SubmitAsync(form, Form(("Input.Hours", "1,5"), ("Input.Description", "Equazioni")));
        Assert.Equal(HttpStatusCode.Redirect, received.Status);
        // The same form again (a double tap): already recorded, nothing moves twice.
        await Concurrently.SubmitAsync(bruno.Client, form, Form(("Input.Hours", "1,5"), ("Input.Description", "Equazioni")));
        Assert.Equal(annaBefore + 90, await BalanceAsync(annaId));
        Assert.Equal(brunoBefore - 90, await BalanceAsync(brunoId));

        // Anna records two hours she gave Bruno: pending until Bruno confirms; ten confirmations at once move them once.
        var gave = await anna.Client.SubmitAsync(await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo"), Hours("Gave", brunoId, "2", "Ripasso di geometria"));
        Assert.Equal(HttpStatusCode.Redirect, gave.Status);
        var exchangeId = Guid.Parse(gave.Location!.Split('/').Last());
        Assert.Equal(ExchangeStatus.Pending, await factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.Id == exchangeId).Select(e => e.Status).SingleAsync()));
        Assert.Equal(annaBefore + 90, await BalanceAsync(annaId));
        Assert.Contains("Ripasso di geometria", (await bruno.Client.GetAsync("/banca-del-tempo")).Text);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == bruno.UserId && n.Kind == NotificationKinds.TimeBankExchange.Key && n.LinkPath!.Contains(exchangeId.ToString()))));
        // Anna cannot confirm her own record.
        var annaView = await anna.Client.GetAsync(gave.Location!);
        Assert.Empty(annaView.Document.QuerySelectorAll("form[action*=Confirm]"));
        var exchangePage = await bruno.Client.GetAsync(gave.Location!);
        var statuses = await Concurrently.SubmitAsync(bruno.Client, exchangePage, Form(), "form[action*=Confirm]");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var confirmed = await factory.WithDbAsync(db => db.TimeBankExchanges.SingleAsync(e => e.Id == exchangeId));
        Assert.Equal(ExchangeStatus.Confirmed, confirmed.Status);
        Assert.NotNull(confirmed.TransferId);
        Assert.Equal(annaBefore + 210, await BalanceAsync(annaId));
        Assert.Equal(brunoBefore - 210, await BalanceAsync(brunoId));
        // Declining it afterwards: already settled.
        var decline = await bruno.Client.SubmitAsync(exchangePage, Form(), "form[action*=Decline]", follow: true);
        Assert.Contains("già", decline.Text);

        // Another pending record declined by Bruno: nothing moves.
        var other = await anna.Client.SubmitAsync(await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo"), Hours("Gave", brunoId, "1", "Spesa"));
        var declined = await bruno.Client.SubmitAsync(await bruno.Client.GetAsync(other.Location!), Form(), "form[action*=Decline]");
        Assert.Equal(HttpStatusCode.Redirect, declined.Status);
        Assert.Equal(ExchangeStatus.Declined, await factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.Id == Guid.Parse(other.Location!.Split('/').Last())).Select(e => e.Status).SingleAsync()));
        Assert.Equal(annaBefore + 210, await BalanceAsync(annaId));

        // The statement: on screen, as PDF and as CSV; the ledger of the network is in step.
        var statement = await anna.Client.GetAsync("/banca-del-tempo/estratto");
        Assert.Contains("Ripasso di geometria", statement.Text);
        var pdf = await anna.Client.Http.GetAsync("/banca-del-tempo/estratto.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("Estratto conto delle ore", text);
            Assert.Contains("Ripasso di geometria", text);
        }
        var csv = await (await anna.Client.Http.GetAsync("/banca-del-tempo/estratto.csv")).Content.ReadAsStringAsync();
        Assert.Contains("Ripasso di geometria;2;", csv);
        using var scope = factory.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<LedgerBook>().CheckAsync(bank.NetworkId));

        // Bruno's statement is not Anna's to read; a manager's it is.
        Assert.Equal(HttpStatusCode.NotFound, (await anna.Client.GetAsync($"/banca-del-tempo/estratto?socio={brunoId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.Client.Http.GetAsync($"/banca-del-tempo/estratto.pdf?socio={brunoId}")).StatusCode);
        Assert.Contains("Equazioni", (await coordinator.GetAsync($"/banca-del-tempo/estratto?socio={brunoId}")).Text);
    }

    [Fact]
    public async Task Unconfirmed_exchanges_are_confirmed_or_expire_when_their_days_are_over()
    {
        var (bank, coordinator) = await BankAsync();
        var (anna, _) = await MemberAsync(coordinator);
        var (_, brunoId) = await MemberAsync(coordinator);
        async Task<Guid> GiveAsync(string what)
        {
            var gave = await anna.Client.SubmitAsync(await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo"), Hours("Gave", brunoId, "1", what));
            var id = Guid.Parse(gave.Location!.Split('/').Last());
            await factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueAt, DateTime.UtcNow.AddMinutes(-1))));
            return id;
        }
        async Task SettleAsync()
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Exchanges>().SettleDueAsync();
        }
        Task<ExchangeStatus> StatusAsync(Guid id) => factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

        var before = await BalanceAsync(brunoId);
        var bankRule = await factory.WithDbAsync(db => db.TimeBanks.Where(b => b.Id == bank.Id).Select(b => b.Unconfirmed).SingleAsync());
        var first = await GiveAsync("Passaggio a scuola");
        await SettleAsync();
        Assert.Equal(bankRule == UnconfirmedOutcome.AutoConfirm ? ExchangeStatus.Confirmed : ExchangeStatus.Expired, await StatusAsync(first));

        // The bank changes its rule: unconfirmed exchanges expire, and nothing moves.
        await factory.WithDbAsync(db => db.TimeBanks.Where(b => b.Id == bank.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Unconfirmed, UnconfirmedOutcome.Expire)));
        var afterFirst = await BalanceAsync(brunoId);
        var second = await GiveAsync("Passaggio in piscina");
        await SettleAsync();
        Assert.Equal(ExchangeStatus.Expired, await StatusAsync(second));
        Assert.Equal(afterFirst, await BalanceAsync(brunoId));
        await factory.WithDbAsync(db => db.TimeBanks.Where(b => b.Id == bank.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Unconfirmed, bankRule)));
        Assert.True(afterFirst <= before);
    }

    [Fact]
    public async Task Managers_record_for_members_and_group_activities_and_the_limit_refuses()
    {
        var (bank, coordinator) = await BankAsync();
        var (teacher, teacherId) = await MemberAsync(coordinator);
        var (p1Person, p1) = await MemberAsync(coordinator);
        var (_, p2) = await MemberAsync(coordinator);
        var (_, p3) = await MemberAsync(coordinator);
        var bankBefore = await factory.WithDbAsync(db => db.LedgerAccounts.Where(a => a.Id == bank.AccountId).Select(a => a.Balance).SingleAsync());

        // A course: three participants give an hour each, the teacher receives two, the bank keeps one.
        var group = await coordinator.GetAsync("/banca-del-tempo/gestione/attivita");
        var values = new Dictionary<string, string?>
        {
            ["Input.Title"] = "Corso di cucina", ["Input.Category"] = "Cooking", ["Input.On"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Input.TeacherMemberId"] = teacherId.ToString(), ["Input.TeacherHours"] = "2", ["Input.ParticipantHours"] = "1",
            ["Input.Participants"] = TestClient.Many(p1, p2, p3),
        };
        var statuses = await Concurrently.SubmitAsync(coordinator, group, values);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var activity = await factory.WithDbAsync(db => db.TimeBankGroupActivities.SingleAsync(a => a.TeacherMemberId == teacherId));
        Assert.Equal(5, await factory.WithDbAsync(db => db.LedgerMovements.CountAsync(m => m.TransferId == activity.TransferId)));
        Assert.Equal((120L, -60L), (await BalanceAsync(teacherId), await BalanceAsync(p1)));
        Assert.Equal(bankBefore + 60, await factory.WithDbAsync(db => db.LedgerAccounts.Where(a => a.Id == bank.AccountId).Select(a => a.Balance).SingleAsync()));

        // The manager records for two members (no smartphone): confirmed at once, both told.
        var record = await coordinator.GetAsync("/banca-del-tempo/gestione/registra");
        var same = await coordinator.SubmitAsync(record, Form(("Input.GiverMemberId", p1.ToString()), ("Input.ReceiverMemberId", p1.ToString()), ("Input.Hours", "1"),
            ("Input.Category", "Lifts"), ("Input.On", DateTime.UtcNow.ToString("yyyy-MM-dd")), ("Input.Description", "Passaggio")));
        Assert.Contains(same.Errors, e => e.Contains("due soci diversi"));
        var done = await coordinator.SubmitAsync(record, Form(("Input.GiverMemberId", p2.ToString()), ("Input.ReceiverMemberId", p3.ToString()), ("Input.Hours", "0,5"),
            ("Input.Category", "Lifts"), ("Input.On", DateTime.UtcNow.ToString("yyyy-MM-dd")), ("Input.Description", "Passaggio al mercato")));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal((-30L, -90L), (await BalanceAsync(p2), await BalanceAsync(p3)));

        // A lower limit of −1 h that refuses: p3 (at −1 h 30) cannot receive more; the page says why.
        await factory.WithDbAsync(db => db.LedgerAccounts.Where(a => a.OwnerId == p3).ExecuteUpdateAsync(s => s.SetProperty(a => a.LowerLimit, -60L).SetProperty(a => a.LimitPolicy, LimitPolicy.Refuse)));
        var refused = await coordinator.SubmitAsync(await coordinator.GetAsync("/banca-del-tempo/gestione/registra"), Form(("Input.GiverMemberId", p2.ToString()), ("Input.ReceiverMemberId", p3.ToString()),
            ("Input.Hours", "1"), ("Input.Category", "Lifts"), ("Input.On", DateTime.UtcNow.ToString("yyyy-MM-dd")), ("Input.Description", "Altro passaggio")));
        Assert.Contains(refused.Errors, e => e.Contains("debito massimo"));
        Assert.Equal(-90L, await BalanceAsync(p3));

        // The managers' report: hours per month and category; the new members without offers are listed.
        var report = await coordinator.GetAsync("/banca-del-tempo/gestione/resoconti");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("Passaggi", report.Text);
        var p3Name = await factory.WithDbAsync(db => db.TimeBankMembers.Where(m => m.Id == p3).Select(m => m.Name).SingleAsync());
        Assert.Contains(p3Name, report.Document.QuerySelector("#senza-offerte")!.TextContent);

        // A member is not a manager: the managers' pages are 404 for them.
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.Client.GetAsync("/banca-del-tempo/gestione")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.Client.GetAsync("/banca-del-tempo/gestione/attivita")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.Client.GetAsync("/banca-del-tempo/gestione/resoconti")).Status);

        // The coordinator makes a member a manager: from then on the managers' pages answer them.
        var settings = await coordinator.GetAsync("/banca-del-tempo/gestione/regole");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        var unknown = await coordinator.SubmitAsync(settings, Form(("Manager.Email", "nessuno@esempio.it")), "form[action*=AddManager]");
        Assert.Contains(unknown.Errors, e => e.Contains("Nessuna persona della rete"));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(settings, Form(("Manager.Email", p1Person.Email)), "form[action*=AddManager]")).Status);
        Assert.Contains(p1Person.Email[9..15], (await coordinator.GetAsync("/banca-del-tempo/gestione/regole")).Text);
        Assert.Equal(HttpStatusCode.OK, (await p1Person.Client.GetAsync("/banca-del-tempo/gestione")).Status);
    }

    [Fact]
    public async Task Members_of_banks_in_reciprocity_exchange_hours()
    {
        var (_, coordinator) = await BankAsync();
        var (anna, annaId) = await MemberAsync(coordinator);
        var (marco, marcoId) = await MemberAsync(await factory.CoordinatorAsync("lucca"), "lucca");
        var pavia = await factory.NetworkAsync("pavia");
        var lucca = await factory.NetworkAsync("lucca");
        await factory.WithDbAsync(db => db.CardReciprocities.Where(r => (r.NetworkId == pavia && r.OtherNetworkId == lucca) || (r.NetworkId == lucca && r.OtherNetworkId == pavia)).ExecuteDeleteAsync());

        // Without an agreement, Lucca's member is neither offered nor accepted.
        var form = await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo");
        Assert.DoesNotContain(marcoId.ToString(), form.Html);
        var refused = await anna.Client.SubmitAsync(form, Hours("Received", marcoId, "1", "Lezione di spagnolo"));
        Assert.Contains(refused.Errors, e => e.Contains("altro socio"));

        // The two networks agree reciprocity both ways (the Family Card's agreement): Anna receives an hour from Marco.
        await factory.WithDbAsync(async db =>
        {
            db.CardReciprocities.Add(new Alleanza.Web.Modules.FamilyCard.CardReciprocity { NetworkId = pavia, OtherNetworkId = lucca, AgreedAt = DateTime.UtcNow });
            db.CardReciprocities.Add(new Alleanza.Web.Modules.FamilyCard.CardReciprocity { NetworkId = lucca, OtherNetworkId = pavia, AgreedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        form = await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo");
        Assert.Contains(marcoId.ToString(), form.Html);
        var done = await anna.Client.SubmitAsync(form, Hours("Received", marcoId, "1", "Lezione di spagnolo"));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal((60L, -60L), (await BalanceAsync(marcoId), await BalanceAsync(annaId)));
        // Marco reads it from Lucca, and finds it in his statement; a transfer between two networks' accounts still sums to zero.
        Assert.Equal(HttpStatusCode.OK, (await marco.Client.GetAsync(done.Location!)).Status);
        Assert.Contains("Lezione di spagnolo", (await marco.Client.GetAsync("/banca-del-tempo/estratto")).Text);
        using var scope = factory.Services.CreateScope();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerBook>();
        Assert.Empty(await ledger.UnbalancedTransfersAsync(pavia));
        Assert.Empty(await ledger.CheckAsync(lucca));
    }

    [Fact]
    public async Task The_demo_month_gives_the_coordinators_figures_and_the_plan_metrics()
    {
        var lucca = await factory.NetworkAsync("lucca");
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == lucca).Select(c => c.Id).FirstAsync());
        var today = RomeDate.Today;
        using var scope = factory.Services.CreateScope();
        var counts = scope.ServiceProvider.GetRequiredService<TimeBankCounts>();
        var hours = await counts.HoursExchangedAsync(lucca, null, today.AddDays(-40), today);
        var families = await counts.FamiliesInvolvedAsync(lucca, null, today.AddDays(-40), today);
        var minutes = await factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.NetworkId == lucca && e.Status == ExchangeStatus.Confirmed && e.On >= today.AddDays(-40)).SumAsync(e => e.Minutes));
        Assert.Equal(minutes / 60, hours);
        Assert.InRange(families, 10, 30);
        // Lucca has one Comune: its figures are the network's. A period before the bank: nothing.
        Assert.Equal(hours, await counts.HoursExchangedAsync(lucca, comune, today.AddDays(-40), today));
        Assert.Equal(families, await counts.FamiliesInvolvedAsync(lucca, comune, today.AddDays(-40), today));
        Assert.Equal(0, await counts.HoursExchangedAsync(lucca, null, today.AddYears(-3), today.AddYears(-2)));
        // The same numbers as bound indicators of the Piano Family.
        var values = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Modules.Network.Plan.IndicatorValues>();
        var period = new Alleanza.Web.Modules.Network.Plan.PlanPeriod(today.AddDays(-40), today);
        Assert.Equal(hours, await values.ComputeAsync(lucca, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.TimeBankHours, null, period));
        Assert.Equal(families, await values.ComputeAsync(lucca, comune, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.TimeBankFamilies, null, period));

        // The coordinator's dashboard says them for its period (whole months): counted here from the exchanges themselves.
        var rome = Alleanza.Web.Platform.RomeTime.Today(TimeProvider.System);
        var first = new DateOnly(rome.Year, rome.Month, 1).AddMonths(-2);
        var last = first.AddMonths(3).AddDays(-1);
        var monthMinutes = await factory.WithDbAsync(db => db.TimeBankExchanges.Where(e => e.NetworkId == lucca && e.Status == ExchangeStatus.Confirmed && e.On >= first && e.On <= last).SumAsync(e => e.Minutes));
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var dashboard = await coordinator.GetAsync($"/gestione?da={first:yyyy-MM}&a={rome:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.True(monthMinutes >= 60, "the demo's time bank of Lucca has no hour in the last three months");
        Assert.Equal((monthMinutes / 60).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("it-IT")), dashboard.Document.QuerySelector("[data-figure=timebank-hours]")!.TextContent);
        Assert.Equal(await counts.FamiliesInvolvedAsync(lucca, null, first, last),
            long.Parse(dashboard.Document.QuerySelector("[data-figure=timebank-families]")!.TextContent));
    }

    [Fact]
    public async Task People_of_another_network_or_outside_the_exchange_get_404()
    {
        var (_, coordinator) = await BankAsync();
        var (anna, _) = await MemberAsync(coordinator);
        var (_, brunoId) = await MemberAsync(coordinator);
        var (carla, _) = await MemberAsync(coordinator);
        var gave = await anna.Client.SubmitAsync(await anna.Client.GetAsync("/banca-del-tempo/scambi/nuovo"), Hours("Gave", brunoId, "1", "Babysitting sabato"));
        var url = gave.Location!;
        // A member of the same bank who is not one of the two.
        Assert.Equal(HttpStatusCode.NotFound, (await carla.Client.GetAsync(url)).Status);
        // A family of another network (Lucca).
        var lucca = await factory.NewPersonAsync(NetworkRole.Family, network: "lucca");
        Assert.Equal(HttpStatusCode.NotFound, (await lucca.Client.GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lucca.Client.GetAsync($"/banca-del-tempo/estratto?socio={brunoId}")).Status);
        // Another network's coordinator.
        var brianza = await factory.CoordinatorAsync("brianza");
        Assert.Equal(HttpStatusCode.NotFound, (await brianza.GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await brianza.GetAsync($"/banca-del-tempo/estratto?socio={brunoId}")).Status);
        // A family of Pavia not in the bank goes back to the landing page to join.
        var outsider = await factory.NewPersonAsync(NetworkRole.Family);
        Assert.Equal("/banca-del-tempo", (await outsider.Client.GetAsync("/banca-del-tempo/scambi/nuovo")).Location);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync(url)).Status);
    }
}
