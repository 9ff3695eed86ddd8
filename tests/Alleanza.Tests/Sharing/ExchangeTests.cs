using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Sharing.Exchange;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// Condividi through HTTP: publishing with photos stripped of metadata, the promise (one of many asking at once gets it),
/// hand-over confirmed by both sides or by the collection point, loans, closing, expiry with its reminder and repost,
/// safety rules and moderation, the saved search's daily mail through the real SMTP sink.
/// </summary>
public class ExchangeTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    readonly SharingTestKit kit = new(factory);

    Task<SharingPost> PostAsync(Guid id) => factory.WithDbAsync(db => db.SharingPosts.AsNoTracking().FirstAsync(p => p.Id == id));

    async Task<NotificationJobs.RunResult> RunJobsAsync(DateTimeOffset at)
    {
        using var scope = factory.Services.CreateScope();
        return await NotificationJobs.RunDueAsync(scope.ServiceProvider, new SharingTestKit.MovedClock(at));
    }

    [Fact]
    public async Task A_photo_is_resized_re_encoded_and_stored_without_its_exif_gps_position()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var upload = SharingTestKit.JpegWithGps();
        var make = System.Text.Encoding.ASCII.GetBytes(SharingTestKit.CameraMake);
        // The test's file really carries the metadata (otherwise the check below could not fail).
        Assert.True(SharingTestKit.Contains(upload, make));
        Assert.True(SharingTestKit.Contains(upload, "Exif\0\0"u8.ToArray()));

        var id = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Passeggino leggero"), ("passeggino.jpg", upload));
        var photos = await factory.WithDbAsync(db => db.SharingPhotos.AsNoTracking().Where(p => p.PostId == id).ToListAsync());
        var photo = Assert.Single(photos);
        Assert.False(SharingTestKit.Contains(photo.Content, make), "the camera's make is still in the stored photo");
        Assert.False(SharingTestKit.Contains(photo.Content, "Exif\0\0"u8.ToArray()), "the stored photo still has an EXIF block");
        Assert.False(SharingTestKit.Contains(photo.Thumbnail, "Exif\0\0"u8.ToArray()));
        Assert.Equal((640, 480), (photo.Width, photo.Height));
        Assert.True(photo.Thumbnail.Length < photo.Content.Length);
        Assert.Equal(photo.Id, (await PostAsync(id)).CoverPhotoId);

        // Served to the network's people (the list loads the thumbnail), not to another network's family.
        var reader = await kit.FamilyAsync();
        var list = await reader.Client.GetAsync("/condividi");
        Assert.Contains($"/condividi/foto/{photo.Id}?mini=true", list.Html);
        var thumb = await reader.Client.Http.GetAsync($"/condividi/foto/{photo.Id}?mini=true");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal(photo.Thumbnail, await thumb.Content.ReadAsByteArrayAsync());
        var stranger = await kit.FamilyAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.Http.GetAsync($"/condividi/foto/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/condividi/{id}")).Status);

        // Not a picture, and more than six: refused with a message, nothing stored.
        var before = await factory.WithDbAsync(db => db.SharingPosts.CountAsync(p => p.OwnerUserId == owner.UserId));
        var refused = await TestClient.ReadAsync(await SharingTestKit.PublishAsync(owner.Client, SharingTestKit.Gift("Libri"), ("script.jpg", "<script>"u8.ToArray())));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("non è una foto"));
        var seven = Enumerable.Range(0, 7).Select(i => ($"f{i}.jpg", upload)).ToArray();
        refused = await TestClient.ReadAsync(await SharingTestKit.PublishAsync(owner.Client, SharingTestKit.Gift("Libri"), seven));
        Assert.Contains(refused.Errors, e => e.Contains("Al massimo 6 foto"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.SharingPosts.CountAsync(p => p.OwnerUserId == owner.UserId)));
    }

    [Fact]
    public async Task The_new_post_form_marks_what_is_required_and_an_empty_form_answers_each_field_with_its_own_message()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var page = await owner.Client.GetAsync("/condividi/nuovo");
        string Label(string id) => page.Document.QuerySelector($"label[for={id}]")!.TextContent.Trim();
        foreach (var id in new[] { "Input_Kind", "Input_Category", "Input_Title", "Input_Description", "Input_ComuneId", "Input_HandOver", "Input_Quantity" })
        {
            Assert.EndsWith(" *", Label(id));
            Assert.NotNull(page.Document.QuerySelector($"#{id}[required]"));
        }
        foreach (var id in new[] { "Input_Size", "Input_Area", "Input_Availability", "Input_AgeFromYears", "Input_Condition" })
            Assert.DoesNotContain("*", Label(id));

        var before = await factory.WithDbAsync(db => db.SharingPosts.CountAsync(p => p.OwnerUserId == owner.UserId));
        var empty = await TestClient.ReadAsync(await SharingTestKit.PublishAsync(owner.Client, new Dictionary<string, string?>
        {
            ["Input.Kind"] = "", ["Input.Category"] = "", ["Input.Title"] = " ", ["Input.Description"] = "", ["Input.ComuneId"] = "", ["Input.Quantity"] = "xyz",
        }));
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains(empty.Errors, e => e.Contains("Scegliete se regalate, prestate, scambiate o cercate"));
        Assert.Contains(empty.Errors, e => e.Contains("Scegliete la categoria"));
        Assert.Contains(empty.Errors, e => e.Contains("Scrivete un titolo"));
        Assert.Contains(empty.Errors, e => e.Contains("Descrivete l'oggetto o il servizio"));
        Assert.Contains(empty.Errors, e => e.Contains("Scegliete il Comune"));
        // Only the quantity typed as junk reads «Valore non valido», next to its field.
        Assert.Equal("Valore non valido: correggetelo.", empty.Document.QuerySelector("#Input_Quantity-error")!.TextContent.Trim());
        Assert.Equal("Scrivete un titolo (per esempio «Passeggino leggero»).", empty.Document.QuerySelector("#Input_Title-error")!.TextContent.Trim());
        Assert.Equal("true", empty.Document.QuerySelector("#Input_Title")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.SharingPosts.CountAsync(p => p.OwnerUserId == owner.UserId)));

        // Published: the page says so once (the layout shows the message; the page no longer repeats it).
        var tricycle = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Triciclo rosso"));
        var shown = await owner.Client.GetAsync($"/condividi/{tricycle}");
        Assert.Single(shown.Document.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("Annuncio pubblicato."));
    }

    [Fact]
    public async Task The_dashboard_s_sharing_figures_add_up_with_the_demo_hand_overs_of_the_period()
    {
        var lucca = await kit.NetworkAsync("lucca");
        var rome = Alleanza.Web.Platform.RomeTime.Today(TimeProvider.System);
        var first = new DateOnly(rome.Year, rome.Month, 1).AddMonths(-2);
        var fromMonth = first.Year * 100 + first.Month;
        var toMonth = rome.Year * 100 + rome.Month;
        DateTime start = Alleanza.Web.Platform.Statistics.MonthPeriod.MonthStartUtc(fromMonth),
            end = Alleanza.Web.Platform.Statistics.MonthPeriod.MonthStartUtc(Alleanza.Web.Platform.Statistics.MonthPeriod.NextMonth(toMonth));
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var dashboard = await coordinator.GetAsync($"/gestione?da={first:yyyy-MM}&a={rome:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);

        // The hand-overs of the period, counted here from the posts themselves.
        var done = await factory.WithDbAsync(db => db.SharingPosts.AsNoTracking()
            .Where(p => p.NetworkId == lucca && p.HandedOverAt >= start && p.HandedOverAt < end)
            .Select(p => new { p.Kind, p.OwnerUserId, p.PromisedToUserId }).ToListAsync());
        Assert.True(done.Count >= 10, $"the demo's lively month has only {done.Count} hand-overs in Lucca");
        int Of(PostKind kind) => done.Count(p => p.Kind == kind);
        var families = done.SelectMany(p => new[] { p.OwnerUserId, p.PromisedToUserId!.Value }).Distinct().Count();
        var sentence = dashboard.Document.QuerySelector("[data-figure=sharing-exchanges]")!.ParentElement!.TextContent;
        Assert.Equal(done.Count.ToString(), dashboard.Document.QuerySelector("[data-figure=sharing-exchanges]")!.TextContent);
        Assert.Equal(families.ToString(), dashboard.Document.QuerySelector("[data-figure=sharing-families]")!.TextContent);
        // Its parts (every kind that occurred) add up to the total, in the singular for one.
        foreach (var (kind, one, many) in new[] { (PostKind.Gift, "regalo", "regali"), (PostKind.Loan, "prestito", "prestiti"), (PostKind.Swap, "scambio di oggetti", "scambi di oggetti"), (PostKind.Request, "richiesta soddisfatta", "richieste soddisfatte") })
            if (Of(kind) > 0) Assert.Matches($@"(^|\D){Of(kind)} {(Of(kind) == 1 ? one : many)}\b", sentence);
            else Assert.DoesNotMatch($@"\d {many}\b", sentence);
    }

    [Fact]
    public async Task Of_several_families_asking_at_once_exactly_one_gets_the_promise_and_the_others_see_it_promised()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var id = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Seggiolone pappa"));
        var askers = new List<SharingTestKit.Person>();
        for (var i = 0; i < 5; i++) askers.Add(await kit.FamilyAsync());
        var forms = new List<(TestClient Client, string Target, List<KeyValuePair<string, string>> Fields)>();
        foreach (var a in askers)
        {
            var page = await a.Client.GetAsync($"/condividi/{id}");
            var (target, fields) = TestClient.FormOf(page, new Dictionary<string, string?> { ["Message"] = "Lo vorrei per mia figlia" });
            forms.Add((a.Client, target, fields));
        }
        var next = -1;
        var statuses = await Concurrently.SendAsync(forms.Count, () =>
        {
            var f = forms[Interlocked.Increment(ref next)];
            return f.Client.Http.PostAsync(f.Target, new FormUrlEncodedContent(f.Fields));
        });
        Assert.Single(statuses, s => s == HttpStatusCode.Redirect);
        var post = await PostAsync(id);
        Assert.Equal(PostStatus.Promised, post.Status);
        Assert.Contains(askers, a => a.UserId == post.PromisedToUserId);
        // One conversation, the winner's, with their message.
        var talks = await factory.WithDbAsync(db => db.Conversations.Where(c => c.TopicId == id).ToListAsync());
        Assert.Equal(post.PromisedToUserId, Assert.Single(talks).StarterUserId);
        var loser = askers.First(a => a.UserId != post.PromisedToUserId);
        var seen = await loser.Client.GetAsync($"/condividi/{id}");
        Assert.Contains("Promesso", seen.Text);
        Assert.Null(seen.Document.QuerySelector("textarea[name=Message]"));
        // The list shows it promised too.
        Assert.Contains("Promesso", (await loser.Client.GetAsync("/condividi")).Text);
    }

    [Fact]
    public async Task A_loan_is_promised_handed_over_with_both_confirmations_reminded_late_and_closed_when_returned()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var values = SharingTestKit.Gift("Culla da viaggio", "Cots", "Loan");
        values["Input.LoanDays"] = "30";
        var id = await SharingTestKit.PublishedAsync(owner.Client, values);
        var taker = await kit.FamilyAsync();
        var page = await taker.Client.GetAsync($"/condividi/{id}");
        var asked = await taker.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Message"] = "Ci servirebbe per le vacanze" });
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.StartsWith("/condividi/messaggi/", asked.Location);

        // Closing before the hand-over is refused; the owner confirms, then the taker: handed over, with a due date.
        var ownerPage = await owner.Client.GetAsync($"/condividi/{id}");
        Assert.Null(ownerPage.Document.QuerySelector("form[action*=Close]"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?>(), "form[action*=Confirm]")).Status);
        Assert.Equal(PostStatus.Promised, (await PostAsync(id)).Status);
        // The same confirmation again: a clear answer, nothing changes.
        var again = await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?>(), "form[action*=Confirm]");
        Assert.Contains(again.Errors, e => e.Contains("già confermato"));
        var takerPage = await taker.Client.GetAsync($"/condividi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await taker.Client.SubmitAsync(takerPage, new Dictionary<string, string?>(), "form[action*=Confirm]")).Status);
        var post = await PostAsync(id);
        Assert.Equal(PostStatus.HandedOver, post.Status);
        Assert.NotNull(post.HandedOverAt);
        Assert.InRange(post.DueOn!.Value.DayNumber, RomeDate.Today.AddDays(29).DayNumber, RomeDate.Today.AddDays(31).DayNumber);

        // The day before the due date a reminder, after it «in ritardo» once.
        var due = post.DueOn!.Value.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        await RunJobsAsync(due.AddDays(-1));
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == taker.UserId && n.Subject.StartsWith("Da restituire"))));
        await RunJobsAsync(due.AddDays(2));
        await RunJobsAsync(due.AddDays(3));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == taker.UserId && n.Subject.StartsWith("Prestito in ritardo"))));

        // Returned: the owner closes it with the outcome.
        ownerPage = await owner.Client.GetAsync($"/condividi/{id}");
        var noOutcome = await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?>(), "form[action*=Close]");
        Assert.Contains(noOutcome.Errors, e => e.Contains("com'è andata", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(ownerPage, new Dictionary<string, string?> { ["Outcome"] = "Good" }, "form[action*=Close]")).Status);
        post = await PostAsync(id);
        Assert.Equal((PostStatus.Closed, ExchangeOutcome.Good), (post.Status, post.Outcome));
        Assert.NotNull(post.ReturnedAt);

        // The coordinators' figures count it.
        using var scope = factory.Services.CreateScope();
        var (totals, rows) = await scope.ServiceProvider.GetRequiredService<SharingFigures>().ForAsync(owner.NetworkId, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1));
        Assert.True(totals.Lent >= 1 && totals.Families >= 2);
        Assert.Contains(rows, r => r.Lent >= 1);
        // …and so do the Piano Family's bound metrics and the coordinator's dashboard.
        var indicators = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Modules.Network.Plan.IndicatorValues>();
        var today = RomeDate.Today;
        var period = new Alleanza.Web.Modules.Network.Plan.PlanPeriod(today.AddDays(-1), today.AddDays(1));
        var lentBefore = totals.Lent;
        Assert.Equal(lentBefore, await indicators.ComputeAsync(owner.NetworkId, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SharingItemsLent, null, period));
        Assert.True(await indicators.ComputeAsync(owner.NetworkId, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SharingFamilies, null, period) >= 2);
        Assert.Equal(0, await indicators.ComputeAsync(owner.NetworkId, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.SharingItemsLent, null, new(today.AddYears(-3), today.AddYears(-2))));
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("lucca");
        var dashboard = await coordinator.GetAsync("/gestione");
        Assert.NotNull(dashboard.Document.QuerySelector("[data-figure=sharing-exchanges]"));
        Assert.Contains("scambi completati", (await coordinator.GetAsync("/gestione/condividi")).Text);
    }

    [Fact]
    public async Task The_collection_points_staff_confirm_the_hand_over_for_both_families()
    {
        var lucca = await kit.NetworkAsync("lucca");
        await kit.SettingsAsync(lucca);
        var partner = await factory.WithDbAsync(db => db.Partners.Where(p => p.NetworkId == lucca).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        var staff = await kit.FamilyAsync(household: false, role: Alleanza.Web.Platform.Auth.NetworkRole.PartnerStaff, partnerId: partner);
        // The partner agrees to be a collection point.
        var pointPage = await staff.Client.GetAsync("/condividi/punto-raccolta");
        Assert.Equal(HttpStatusCode.OK, pointPage.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.SubmitAsync(pointPage, new Dictionary<string, string?> { ["On"] = "true", ["Hours"] = "Lun-ven 16-18" })).Status);

        var owner = await kit.FamilyAsync();
        var values = SharingTestKit.Gift("Passeggino gemellare", "Strollers");
        values["Input.HandOver"] = "CollectionPoint";
        values["Input.CollectionPointId"] = partner.ToString();
        var id = await SharingTestKit.PublishedAsync(owner.Client, values);
        Assert.Equal(PostStatus.Published, (await PostAsync(id)).Status);
        var taker = await kit.FamilyAsync();
        var offered = await taker.Client.GetAsync($"/condividi/{id}");
        Assert.True(offered.Status == HttpStatusCode.OK, $"{offered.Status} {offered.Text}");
        await taker.Client.SubmitAsync(offered, new Dictionary<string, string?> { ["Message"] = "Passo io" });

        var staffPage = await staff.Client.GetAsync($"/condividi/{id}");
        Assert.Contains("punto di raccolta", staffPage.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.SubmitAsync(staffPage, new Dictionary<string, string?>(), "form[action*=Confirm]")).Status);
        var post = await PostAsync(id);
        Assert.Equal(PostStatus.HandedOver, post.Status);
        Assert.Equal(staff.UserId, post.ConfirmedByStaffUserId);
        // Another family (not a party, not the point's staff) has no confirm button and cannot confirm.
        var other = await kit.FamilyAsync();
        Assert.Null((await other.Client.GetAsync($"/condividi/{id}")).Document.QuerySelector("form[action*=Confirm]"));
    }

    [Fact]
    public async Task A_post_expires_after_the_networks_time_with_a_reminder_before_and_is_reposted_in_one_click()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId);
        var id = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Bicicletta senza pedali"));
        var expires = (await PostAsync(id)).ExpiresAt;
        await RunJobsAsync(expires.AddDays(-10));
        Assert.Null((await PostAsync(id)).ExpiryReminderAt);
        await RunJobsAsync(expires.AddDays(-2));
        await RunJobsAsync(expires.AddDays(-1));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == owner.UserId && n.Subject.Contains("scade presto"))));
        await RunJobsAsync(expires.AddMinutes(1));
        Assert.Equal(PostStatus.Expired, (await PostAsync(id)).Status);
        // Others no longer see it.
        var other = await kit.FamilyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/condividi/{id}")).Status);

        var page = await owner.Client.GetAsync($"/condividi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*=Repost]")).Status);
        var post = await PostAsync(id);
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.True(post.ExpiresAt > expires);
        // The same click again: a clear answer.
        var twice = await owner.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*=Repost]");
        Assert.Contains(twice.Errors, e => e.Contains("già pubblicato"));
    }

    [Fact]
    public async Task A_family_that_signed_up_itself_takes_part_through_its_household_and_only_in_its_network()
    {
        // Families who register themselves have a household, not a role: that is their way in.
        var family = await kit.FamilyAsync(role: null);
        await kit.SettingsAsync(family.NetworkId);
        var id = await SharingTestKit.PublishedAsync(family.Client, SharingTestKit.Gift("Palla da basket"));
        Assert.Contains("Palla da basket", (await family.Client.GetAsync("/condividi/i-miei-annunci")).Text);
        // Without a household (nor a role) the list explains how to join; the other pages answer 404.
        var newcomer = await kit.FamilyAsync(household: false, role: null);
        var list = await newcomer.Client.GetAsync("/condividi");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Registra il nucleo familiare", list.Text);
        Assert.DoesNotContain("Palla da basket", list.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Client.GetAsync($"/condividi/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.Client.GetAsync("/condividi/nuovo")).Status);
        // A household of another network does not open this one.
        var elsewhere = await kit.FamilyAsync("portogruaro", role: null);
        await elsewhere.Client.ChooseNetworkAsync("lucca");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.GetAsync($"/condividi/{id}")).Status);
        Assert.Contains("Registra il nucleo familiare", (await elsewhere.Client.GetAsync("/condividi")).Text);
    }

    [Fact]
    public async Task Safety_rules_refuse_medicines_formula_and_unlabelled_or_old_car_seats()
    {
        var owner = await kit.FamilyAsync();
        await kit.SettingsAsync(owner.NetworkId, carSeatYears: 8);
        async Task<IReadOnlyList<string>> RefusedAsync(Dictionary<string, string?> values)
        {
            var page = await TestClient.ReadAsync(await SharingTestKit.PublishAsync(owner.Client, values));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            return page.Errors;
        }
        Assert.Contains(await RefusedAsync(SharingTestKit.Gift("Sciroppo", "Medicines")), e => e.Contains("Medicinali"));
        Assert.Contains(await RefusedAsync(SharingTestKit.Gift("Latte", "Formula")), e => e.Contains("latte artificiale"));
        var words = SharingTestKit.Gift("Scatola di giochi");
        words["Input.Description"] = "Regalo anche una confezione di latte in polvere avanzata.";
        Assert.Contains(await RefusedAsync(words), e => e.Contains("latte in polvere"));
        var seat = SharingTestKit.Gift("Seggiolino auto gruppo 1", "CarSeats");
        Assert.Contains(await RefusedAsync(seat), e => e.Contains("R44/04 o R129"));
        seat["Input.Homologation"] = "R44/04";
        seat["Input.ManufactureYear"] = (DateTime.UtcNow.Year - 9).ToString();
        Assert.Contains(await RefusedAsync(seat), e => e.Contains("più di 8 anni"));
        var address = SharingTestKit.Gift("Trenino di legno");
        address["Input.Area"] = "Via Roma 12";
        Assert.Contains(await RefusedAsync(address), e => e.Contains("non l'indirizzo"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SharingPosts.CountAsync(p => p.OwnerUserId == owner.UserId)));

        seat["Input.ManufactureYear"] = (DateTime.UtcNow.Year - 2).ToString();
        var id = await SharingTestKit.PublishedAsync(owner.Client, seat);
        Assert.Equal(("R44/04", PostStatus.Published), ((await PostAsync(id)).Homologation, (await PostAsync(id)).Status));
    }

    [Fact]
    public async Task New_families_and_watch_words_go_to_the_moderators_queue_with_reasons_and_the_weekly_limit_holds()
    {
        var portogruaro = await kit.NetworkAsync("portogruaro");
        await kit.SettingsAsync(portogruaro, moderateNew: true, watchWords: "vendo", perWeek: 2);
        var family = await kit.FamilyAsync("portogruaro");
        var values = SharingTestKit.Gift("Vestiti 2 anni", "Clothes");
        values["Input.Description"] = "Vendo o regalo un sacco di vestitini taglia 92.";
        var id = await SharingTestKit.PublishedAsync(family.Client, values);
        var post = await PostAsync(id);
        Assert.Equal(PostStatus.Moderation, post.Status);
        Assert.Contains("famiglia nuova", post.ModerationReason);
        Assert.Contains("«vendo»", post.ModerationReason);
        // Not visible to other families until approved.
        var other = await kit.FamilyAsync("portogruaro");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/condividi/{id}")).Status);
        // Not for families: the queue.
        var denied = await family.Client.GetAsync("/condividi/moderazione");
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Contains("/account/accesso-negato", denied.Location);

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var queue = await coordinator.GetAsync("/condividi/moderazione");
        Assert.Contains("Vestiti 2 anni", queue.Text);
        Assert.Contains("«vendo»", queue.Text);
        // Refusing needs a reason.
        var form = $"form[action*='post={id}']";
        var noReason = await coordinator.SubmitAsync(queue, new Dictionary<string, string?> { ["approve"] = "false" }, form);
        Assert.Contains(noReason.Errors, e => e.Contains("motivo"));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(queue, new Dictionary<string, string?> { ["approve"] = "true" }, form)).Status);
        Assert.Equal(PostStatus.Published, (await PostAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync($"/condividi/{id}")).Status);
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == family.UserId && n.Subject.Contains("è pubblicato"))));

        // The weekly limit: two posts this week, the third is refused.
        await SharingTestKit.PublishedAsync(family.Client, SharingTestKit.Gift("Puzzle"));
        var third = await TestClient.ReadAsync(await SharingTestKit.PublishAsync(family.Client, SharingTestKit.Gift("Libro")));
        Assert.Contains(third.Errors, e => e.Contains("massimo della rete"));
    }

    [Fact]
    public async Task A_report_reaches_the_moderators_who_can_take_the_post_down()
    {
        var owner = await kit.FamilyAsync("brianza");
        await kit.SettingsAsync(owner.NetworkId);
        var id = await SharingTestKit.PublishedAsync(owner.Client, SharingTestKit.Gift("Zaino scuola"));
        var reporter = await kit.FamilyAsync("brianza");
        var page = await reporter.Client.GetAsync($"/condividi/{id}");
        Assert.Contains((await reporter.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = "" }, "form[action*=Report]")).Errors, e => e.Contains("motivo"));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = "Sembra un annuncio commerciale" }, "form[action*=Report]")).Status);
        Assert.Contains((await reporter.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = "Di nuovo" }, "form[action*=Report]")).Errors, e => e.Contains("già segnalato"));
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("brianza");
        var queue = await coordinator.GetAsync("/condividi/moderazione");
        Assert.Contains("Sembra un annuncio commerciale", queue.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(queue, new Dictionary<string, string?>(), "form[action*='remove=true']")).Status);
        Assert.Equal(PostStatus.Rejected, (await PostAsync(id)).Status);
    }

    [Fact]
    public async Task The_list_shows_first_what_suits_the_familys_children_and_filters_by_kind_and_category()
    {
        var cidis = await kit.NetworkAsync("cidis");
        await kit.SettingsAsync(cidis);
        var giver = await kit.FamilyAsync("cidis");
        var baby = SharingTestKit.Gift("Body neonato", "Clothes");
        baby["Input.AgeFromYears"] = "0"; baby["Input.AgeToYears"] = "0";
        var teen = SharingTestKit.Gift("Libri di scuola media", "Books");
        teen["Input.AgeFromYears"] = "11"; teen["Input.AgeToYears"] = "13";
        await SharingTestKit.PublishedAsync(giver.Client, teen);
        await SharingTestKit.PublishedAsync(giver.Client, baby);
        var parent = await kit.FamilyAsync("cidis", childYears: 12);
        var list = await parent.Client.GetAsync("/condividi");
        var titles = list.Document.QuerySelectorAll(".card-title a").Select(a => a.TextContent).ToList();
        Assert.True(titles.IndexOf("Libri di scuola media") < titles.IndexOf("Body neonato"), string.Join(", ", titles));
        Assert.Contains("Adatto ai vostri figli", list.Text);
        var mine = await parent.Client.GetAsync("/condividi?per-noi=true");
        Assert.DoesNotContain("Body neonato", mine.Text);
        var books = await parent.Client.GetAsync("/condividi?categoria=Books&tipo=Gift");
        Assert.Contains("Libri di scuola media", books.Text);
        Assert.DoesNotContain("Body neonato", books.Text);
        // Junk filters are ignored, never an error.
        Assert.Equal(HttpStatusCode.OK, (await parent.Client.GetAsync("/condividi?categoria=xyz&tipo=99&comune=abc&pagina=-4&per-noi=forse")).Status);
    }

    [Fact]
    public async Task A_saved_search_sends_its_daily_mail_of_new_matches_through_the_smtp_sink_with_a_one_click_unsubscribe()
    {
        var pavia = await kit.NetworkAsync("pavia");
        await kit.SettingsAsync(pavia);
        var searcher = await kit.FamilyAsync("pavia");
        var list = await searcher.Client.GetAsync("/condividi?categoria=Shoes");
        var saved = await searcher.Client.SubmitAsync(list, new Dictionary<string, string?> { ["SearchName"] = "Scarpe per Leo", ["SearchDigest"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var search = await factory.WithDbAsync(db => db.SharingSavedSearches.SingleAsync(s => s.UserId == searcher.UserId));
        Assert.True(search.Digest);
        Assert.Equal(PostCategory.Shoes, search.Category);
        // Off by default: saving without the box ticked sends nothing.
        Assert.False(new SavedSearch().Digest);

        var giver = await kit.FamilyAsync("pavia");
        var shoes = SharingTestKit.Gift("Scarponcini numero 28", "Shoes");
        shoes["Input.Size"] = "28";
        await SharingTestKit.PublishedAsync(giver.Client, shoes);
        await SharingTestKit.PublishedAsync(giver.Client, SharingTestKit.Gift("Peluche")); // not a match

        await RunJobsAsync(DateTimeOffset.UtcNow.AddDays(1).Date.AddHours(12));
        var mail = await Mailbox.FullAsync(searcher.Email, "Scarpe per Leo");
        Assert.Contains("Scarponcini numero 28", mail.Text);
        Assert.DoesNotContain("Peluche", mail.Text);
        Assert.Contains(TestEnvironment.PublicUrl + "/condividi/", mail.Text);
        Assert.True(mail.Headers.ContainsKey("list-unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["list-unsubscribe-post"]);
        // The same day again: nothing more.
        await RunJobsAsync(DateTimeOffset.UtcNow.AddDays(1).Date.AddHours(13));
        Assert.Equal(1, await Mailbox.CountToAsync(searcher.Email, "Scarpe per Leo"));
    }
}
