using System.IO.Compression;
using System.Net;
using System.Text;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Demo;
using Alleanza.Web.Modules.Network.Tables;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Network;

/// <summary>
/// Working tables through HTTP: the coordinator creates a table and its members, the referent fixes meetings
/// (members get an e-mail with an .ics invitation), attendance by QR and by hand, actions, documents checked by
/// their bytes, and other networks' people get 404.
/// </summary>
public class WorkingTableTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "tavolo-2026";

    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    /// <summary>A new person with a role in a network (fresh e-mail, so mail checks see only this test's mails).</summary>
    async Task<(TestClient Client, string Email, Guid UserId)> NewPersonAsync(NetworkRole role = NetworkRole.Family, string network = "portogruaro")
    {
        var email = $"tavolo-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        var networkId = await NetworkAsync(network);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Persona " + email[7..12], CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Platform.Data.AppDbContext>();
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = id, NetworkId = networkId, Role = role, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync(network);
        return (client, email, id);
    }

    /// <summary>The coordinator creates a table with this referent, then adds the members.</summary>
    async Task<Guid> CreateTableAsync(string name, string referentEmail, params (string Email, TableRole Role)[] members)
    {
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var form = await coordinator.GetAsync("/gestione/tavoli/nuovo");
        var created = await coordinator.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Name"] = name, ["Input.Purpose"] = "Prova di un tavolo.", ["Input.ReferentEmail"] = referentEmail,
        });
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        var id = Guid.Parse(created.Location!.Split('/')[3]);
        foreach (var (email, role) in members)
        {
            var page = await coordinator.GetAsync($"/gestione/tavoli/{id}/membri");
            var added = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Add.Email"] = email, ["Add.Role"] = role.ToString() });
            Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        }
        return id;
    }

    /// <summary>
    /// A meeting from 00:05 to 23:55 of <paramref name="day"/>, fixed through the form. The form refuses a time already
    /// past, so a meeting of today or of a past day (attendance, minutes) is fixed for tomorrow and then moved in the database.
    /// </summary>
    async Task<Guid> CreateMeetingAsync(TestClient referent, Guid tableId, DateOnly day, string place = "Sala consiliare")
    {
        var form = await referent.GetAsync($"/rete/tavoli/{tableId}/incontri/nuovo");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var posted = day > Today ? day : Today.AddDays(1);
        var result = await referent.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Date"] = posted.ToString("yyyy-MM-dd"), ["Input.Start"] = "00:05", ["Input.End"] = "23:55", ["Input.Place"] = place,
            ["Input.OnlineUrl"] = "", ["Input.Agenda"] = "- Primo punto\n- Secondo punto",
        });
        Assert.True(result.Status == HttpStatusCode.Redirect, string.Join(" | ", result.Errors));
        var id = Guid.Parse(result.Location!.Split('/')[4]);
        if (posted != day)
            await factory.WithDbAsync(db => db.TableMeetings.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.StartsAt, RomeTime.FromRome(day, new TimeOnly(0, 5))).SetProperty(x => x.EndsAt, RomeTime.FromRome(day, new TimeOnly(23, 55)))));
        return id;
    }

    [Fact]
    public async Task A_new_meeting_in_the_past_is_refused_and_a_held_meeting_keeps_its_date_but_cannot_be_moved_into_the_past()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var tableId = await CreateTableAsync($"Tavolo date {Guid.NewGuid():N}"[..26], referent.Email);
        var form = await referent.Client.GetAsync($"/rete/tavoli/{tableId}/incontri/nuovo");
        var yesterday = Today.AddDays(-1).ToString("yyyy-MM-dd");
        var refused = await referent.Client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Date"] = yesterday, ["Input.Start"] = "17:30", ["Input.End"] = "19:00", ["Input.Place"] = "Sala consiliare",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("è già passato: scegli un giorno e un'ora futuri"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.TableMeetings.CountAsync(m => m.TableId == tableId)));

        // A meeting held two days ago: its place can still be corrected, its date cannot move to another past day.
        var held = await CreateMeetingAsync(referent.Client, tableId, Today.AddDays(-2));
        var edit = await referent.Client.GetAsync($"/rete/tavoli/incontri/{held}/modifica");
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        var corrected = await referent.Client.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.Place"] = "Biblioteca" });
        Assert.True(corrected.Status == HttpStatusCode.Redirect, string.Join(" | ", corrected.Errors));
        var moved = await referent.Client.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.Date"] = yesterday });
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Contains(moved.Errors, e => e.Contains("è già passato"));
        Assert.Equal(RomeTime.FromRome(Today.AddDays(-2), new TimeOnly(0, 5)), await factory.WithDbAsync(db => db.TableMeetings.Where(m => m.Id == held).Select(m => m.StartsAt).FirstAsync()));
    }

    static DateOnly Today => RomeTime.Today(TimeProvider.System);

    [Fact]
    public async Task Coordinator_creates_a_table_and_manages_its_members()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var family = await NewPersonAsync();
        var name = $"Tavolo prova {Guid.NewGuid():N}"[..30];
        var tableId = await CreateTableAsync(name, referent.Email, (family.Email, TableRole.FamilyRepresentative));

        var members = await factory.WithDbAsync(db => db.TableMembers.Where(m => m.TableId == tableId).Select(m => new { m.UserId, m.Role }).ToListAsync());
        Assert.Equal(2, members.Count);
        Assert.Contains(members, m => m.UserId == referent.UserId && m.Role == TableRole.Referent);
        Assert.Contains(members, m => m.UserId == family.UserId && m.Role == TableRole.FamilyRepresentative);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "tavolo.creato" && a.EntityId == tableId.ToString())));

        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var page = await coordinator.GetAsync($"/gestione/tavoli/{tableId}/membri");
        // Someone without a role in this network (Lucca's family) and an unknown address are refused with a message.
        foreach (var outsider in new[] { "famiglia@lucca.demo", "nessuno@esempio.it" })
        {
            var refused = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Add.Email"] = outsider, ["Add.Role"] = "Member" });
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains(refused.Errors, e => e.Contains("ruolo nella rete"));
        }
        var twice = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Add.Email"] = family.Email, ["Add.Role"] = "Member" });
        Assert.Contains(twice.Errors, e => e.Contains("già al tavolo"));
        Assert.Equal(2, await factory.WithDbAsync(db => db.TableMembers.CountAsync(m => m.TableId == tableId)));

        // The last referent can be neither removed nor demoted.
        var referentRow = await factory.WithDbAsync(db => db.TableMembers.Where(m => m.TableId == tableId && m.UserId == referent.UserId).Select(m => m.Id).FirstAsync());
        var remove = await coordinator.SubmitAsync(page, new Dictionary<string, string?>(), $"form[action*='handler=Remove'][action*='{referentRow}']");
        Assert.Contains(remove.Errors, e => e.Contains("almeno un referente"));
        var demote = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["role"] = "Member" }, $"form[action*='handler=Role'][action*='{referentRow}']");
        Assert.Contains(demote.Errors, e => e.Contains("almeno un referente"));
        Assert.Equal(TableRole.Referent, await factory.WithDbAsync(db => db.TableMembers.Where(m => m.Id == referentRow).Select(m => m.Role).FirstAsync()));

        // The members see the table in their list; a network member who is not at the table gets 404.
        Assert.Contains(name, (await family.Client.GetAsync("/rete/tavoli")).Text);
        Assert.Equal(HttpStatusCode.OK, (await family.Client.GetAsync($"/rete/tavoli/{tableId}")).Status);
        var other = await NewPersonAsync();
        Assert.DoesNotContain(name, (await other.Client.GetAsync("/rete/tavoli")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/rete/tavoli/{tableId}")).Status);
        // A member whose role in the network is revoked loses the table too.
        var leaver = await NewPersonAsync();
        var leaverPage = await coordinator.GetAsync($"/gestione/tavoli/{tableId}/membri");
        await coordinator.SubmitAsync(leaverPage, new Dictionary<string, string?> { ["Add.Email"] = leaver.Email, ["Add.Role"] = "Member" });
        Assert.Equal(HttpStatusCode.OK, (await leaver.Client.GetAsync($"/rete/tavoli/{tableId}")).Status);
        await factory.WithDbAsync(db => db.Memberships.Where(m => m.UserId == leaver.UserId).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await leaver.Client.GetAsync($"/rete/tavoli/{tableId}")).Status);
        Assert.DoesNotContain(name, (await leaver.Client.GetAsync("/rete/tavoli")).Text);
        // A member who is not the referent cannot fix meetings.
        Assert.Equal(HttpStatusCode.NotFound, (await family.Client.GetAsync($"/rete/tavoli/{tableId}/incontri/nuovo")).Status);

        // Archiving makes the table read-only, also for its referent.
        var edit = await coordinator.GetAsync($"/gestione/tavoli/{tableId}");
        await coordinator.SubmitAsync(edit, new Dictionary<string, string?>(), "form[action*='handler=Archive']");
        Assert.NotNull(await factory.WithDbAsync(db => db.WorkingTables.Where(t => t.Id == tableId).Select(t => t.ArchivedAt).FirstAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await referent.Client.GetAsync($"/rete/tavoli/{tableId}/incontri/nuovo")).Status);
        Assert.Contains(name, (await family.Client.GetAsync("/rete/tavoli?archiviati=true")).Text);
    }

    [Fact]
    public async Task New_meeting_mails_every_member_a_valid_ics_invitation()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var family = await NewPersonAsync();
        var member = await NewPersonAsync(NetworkRole.MunicipalOfficer);
        var name = $"Tavolo inviti {Guid.NewGuid():N}"[..30];
        var tableId = await CreateTableAsync(name, referent.Email, (family.Email, TableRole.FamilyRepresentative), (member.Email, TableRole.Member));
        var day = Today.AddDays(9);
        var meetingId = await CreateMeetingAsync(referent.Client, tableId, day, "Biblioteca civica, Portogruaro");
        var startsAt = await factory.WithDbAsync(db => db.TableMeetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).FirstAsync());
        Assert.Equal(RomeTime.FromRome(day, new TimeOnly(0, 5)), startsAt);

        foreach (var email in new[] { referent.Email, family.Email, member.Email })
        {
            var mail = await Mailbox.WaitForAsync(email, name);
            Assert.Contains("Biblioteca civica", mail.Text);
            var ics = await Mailbox.AttachmentAsync(email, name, "invito.ics");
            var lines = ics.Replace("\r\n ", "").Split("\r\n");
            Assert.Equal("BEGIN:VCALENDAR", lines[0]);
            Assert.Contains("METHOD:REQUEST", lines);
            Assert.Contains("BEGIN:VEVENT", lines);
            Assert.Contains($"UID:{meetingId}@alleanza", lines);
            Assert.Contains($"DTSTART:{startsAt:yyyyMMdd'T'HHmmss'Z'}", lines);
            Assert.Contains(lines, l => l.StartsWith("ORGANIZER;CN=", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("ATTENDEE;", StringComparison.Ordinal) && l.EndsWith("mailto:" + email, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("LOCATION:Biblioteca civica\\, Portogruaro", StringComparison.Ordinal));
            Assert.Equal("END:VCALENDAR", lines.Last(l => l.Length > 0));
        }

        // The same event can be downloaded from the meeting page, by its members only.
        var download = await family.Client.Http.GetAsync($"/rete/tavoli/incontri/{meetingId}/invito.ics");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"UID:{meetingId}@alleanza", await download.Content.ReadAsStringAsync());
        var outsider = await NewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.Http.GetAsync($"/rete/tavoli/incontri/{meetingId}/invito.ics")).StatusCode);

        // The minutes are Markdown rendered without raw HTML.
        var page = await referent.Client.GetAsync($"/rete/tavoli/incontri/{meetingId}");
        var saved = await referent.Client.SubmitAsync(page, new Dictionary<string, string?> { ["MinutesInput.Minutes"] = "## Sintesi\n**Deciso** il calendario.\n<script>alert(1)</script>" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var shown = await family.Client.GetAsync($"/rete/tavoli/incontri/{meetingId}");
        Assert.NotNull(shown.Document.QuerySelector(".markdown h2"));
        Assert.Equal("Deciso", shown.Document.QuerySelectorAll(".markdown strong").Select(s => s.TextContent).FirstOrDefault(t => t == "Deciso"));
        Assert.Empty(shown.Document.QuerySelectorAll(".markdown script"));
    }

    static async Task<string> SignInLinkAsync(TestClient referent, Guid meetingId)
    {
        var page = await referent.GetAsync($"/rete/tavoli/incontri/{meetingId}");
        Assert.NotNull(page.Document.QuerySelector("svg"));
        var href = page.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").First(h => h.Contains("/presenza?codice="));
        return new Uri(href).PathAndQuery;
    }

    [Fact]
    public async Task QR_sign_in_records_attendance_once_and_refuses_wrong_code_other_day_and_non_members()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var family = await NewPersonAsync();
        var tableId = await CreateTableAsync($"Tavolo QR {Guid.NewGuid():N}"[..24], referent.Email, (family.Email, TableRole.FamilyRepresentative));
        var meetingId = await CreateMeetingAsync(referent.Client, tableId, Today);
        var link = await SignInLinkAsync(referent.Client, meetingId);

        Task<int> CountAsync() => factory.WithDbAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == meetingId));

        var page = await family.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Sono presente", page.Text);
        Assert.Equal(0, await CountAsync()); // opening the link records nothing by itself
        var signed = await family.Client.SubmitAsync(page, new Dictionary<string, string?>(), "main form");
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        var again = await family.Client.SubmitAsync(page, new Dictionary<string, string?>(), "main form", follow: true);
        Assert.Contains("già registrata", again.Text);
        var rows = await factory.WithDbAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == meetingId).ToListAsync());
        Assert.Single(rows);
        Assert.Equal(family.UserId, rows[0].UserId);
        Assert.Equal(AttendanceMethod.Qr, rows[0].Method);

        // A wrong code: a message, no button, and a forged post records nothing.
        var referentSelf = await referent.Client.GetAsync($"/rete/tavoli/incontri/{meetingId}/presenza?codice=sbagliato");
        Assert.Contains("non è valido", referentSelf.Text);
        Assert.Null(referentSelf.Document.QuerySelector("main form button[type=submit]"));

        // A person of the network who is not at the table, and the coordinator (not a member): refused.
        var outsider = await NewPersonAsync();
        var refused = await outsider.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Non risulti tra i membri", refused.Text);
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        Assert.Contains("Non sei tra i membri", (await coordinator.GetAsync(link)).Text);
        var token = (await outsider.Client.GetAsync("/rete/tavoli")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var forged = await outsider.Client.Http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(1, await CountAsync());

        // Another day: the code is right but the meeting is tomorrow.
        var tomorrow = await CreateMeetingAsync(referent.Client, tableId, Today.AddDays(1));
        var later = await family.Client.GetAsync(await SignInLinkAsync(referent.Client, tomorrow));
        Assert.Contains("solo il giorno dell'incontro", later.Text);
        Assert.Null(later.Document.QuerySelector("main form button[type=submit]"));
        // The code of one meeting does not open another.
        var crossed = await family.Client.GetAsync(link.Replace(meetingId.ToString(), tomorrow.ToString()));
        Assert.Contains("non è valido", crossed.Text);
        Assert.Equal(0, await factory.WithDbAsync(db => db.MeetingAttendances.CountAsync(a => a.MeetingId == tomorrow)));
    }

    [Fact]
    public async Task Referent_ticks_attendance_and_records_actions_with_overdue_highlighted()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var family = await NewPersonAsync();
        var officer = await NewPersonAsync(NetworkRole.MunicipalOfficer);
        var tableId = await CreateTableAsync($"Tavolo azioni {Guid.NewGuid():N}"[..28], referent.Email, (family.Email, TableRole.FamilyRepresentative), (officer.Email, TableRole.Member));
        var meetingId = await CreateMeetingAsync(referent.Client, tableId, Today.AddDays(-2));
        // A form with a far date, no place and a bad link re-renders with messages.
        var bad = await referent.Client.SubmitAsync(await referent.Client.GetAsync($"/rete/tavoli/{tableId}/incontri/nuovo"), new Dictionary<string, string?>
        {
            ["Input.Date"] = "0001-01-01", ["Input.Start"] = "10:00", ["Input.End"] = "09:00", ["Input.Place"] = "", ["Input.OnlineUrl"] = "javascript:alert(1)",
        });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains(bad.Errors, e => e.Contains("tra il 2000 e il 2100"));
        Assert.Contains(bad.Errors, e => e.Contains("https://"));
        Assert.Contains(bad.Errors, e => e.Contains("dopo quella di inizio"));

        var page = await referent.Client.GetAsync($"/rete/tavoli/incontri/{meetingId}");
        var saved = await referent.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Present"] = TestClient.Many(family.UserId, officer.UserId) }, "form[action*='handler=Attendance']");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var present = await factory.WithDbAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == meetingId).ToListAsync());
        Assert.Equal(new[] { family.UserId, officer.UserId }.Order(), present.Select(a => a.UserId).Order());
        Assert.All(present, a => Assert.Equal(AttendanceMethod.Referent, a.Method));
        // Unticking corrects the register; a stranger's id is ignored.
        page = await referent.Client.GetAsync($"/rete/tavoli/incontri/{meetingId}");
        await referent.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Present"] = TestClient.Many(family.UserId, Guid.NewGuid()) }, "form[action*='handler=Attendance']");
        Assert.Equal([family.UserId], await factory.WithDbAsync(db => db.MeetingAttendances.Where(a => a.MeetingId == meetingId).Select(a => a.UserId).ToListAsync()));
        // A member cannot post the register.
        var memberToken = (await family.Client.GetAsync($"/rete/tavoli/{tableId}")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var forged = await family.Client.Http.PostAsync($"/rete/tavoli/incontri/{meetingId}?handler=Attendance",
            new FormUrlEncodedContent([new("__RequestVerificationToken", memberToken), new("Present", officer.UserId.ToString())]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        // An overdue action and a completed decision.
        var form = await referent.Client.GetAsync($"/rete/tavoli/{tableId}/azioni/nuova?incontro={meetingId}");
        var created = await referent.Client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Kind"] = "Action", ["Input.Title"] = "Preparare la locandina", ["Input.OwnerUserId"] = officer.UserId.ToString(),
            ["Input.DueDate"] = Today.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.Status"] = "Open",
        });
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        form = await referent.Client.GetAsync($"/rete/tavoli/{tableId}/azioni/nuova");
        await referent.Client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Kind"] = "Decision", ["Input.Title"] = "Incontri a rotazione nei Comuni", ["Input.Status"] = "Done" });
        // An owner who is not at the table is refused.
        var wrongOwner = await referent.Client.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Title"] = "Altro", ["Input.OwnerUserId"] = Guid.NewGuid().ToString() });
        Assert.Contains(wrongOwner.Errors, e => e.Contains("persona del tavolo"));

        var table = await family.Client.GetAsync($"/rete/tavoli/{tableId}");
        var overdue = table.Document.QuerySelectorAll("tr.overdue").Select(r => r.TextContent).ToList();
        Assert.Single(overdue);
        Assert.Contains("Preparare la locandina", overdue[0]);
        Assert.Contains("Scaduta", overdue[0]);
        var done = await family.Client.GetAsync($"/rete/tavoli/{tableId}?stato=completata");
        Assert.Contains("Incontri a rotazione", done.Text);
        Assert.DoesNotContain("Preparare la locandina", done.Text);
        Assert.Equal(HttpStatusCode.OK, (await family.Client.GetAsync($"/rete/tavoli/{tableId}?stato=qualsiasi")).Status);

        // The referent completes the action: no longer overdue.
        var actionId = await factory.WithDbAsync(db => db.TableActions.Where(a => a.TableId == tableId && a.Title == "Preparare la locandina").Select(a => a.Id).FirstAsync());
        Assert.Equal(meetingId, await factory.WithDbAsync(db => db.TableActions.Where(a => a.Id == actionId).Select(a => a.MeetingId).FirstAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await family.Client.GetAsync($"/rete/tavoli/azioni/{actionId}")).Status);
        var edit = await referent.Client.GetAsync($"/rete/tavoli/azioni/{actionId}");
        await referent.Client.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.Status"] = "Done" });
        Assert.Equal(TableActionStatus.Done, await factory.WithDbAsync(db => db.TableActions.Where(a => a.Id == actionId).Select(a => a.Status).FirstAsync()));
        Assert.Empty((await family.Client.GetAsync($"/rete/tavoli/{tableId}")).Document.QuerySelectorAll("tr.overdue"));
    }

    static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>") })
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }
        return buffer.ToArray();
    }

    static async Task<HttpResponseMessage> UploadAsync(TestClient client, Guid tableId, string fileName, byte[] content, string contentType)
    {
        var page = await client.GetAsync($"/rete/tavoli/{tableId}");
        var token = page.Document.QuerySelector("#carica-documento input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "Document", fileName);
        return await client.Http.PostAsync($"/rete/tavoli/{tableId}?handler=Upload", form);
    }

    [Fact]
    public async Task Documents_are_accepted_by_their_bytes_and_refused_by_type_and_size()
    {
        var referent = await NewPersonAsync(NetworkRole.PartnerStaff);
        var family = await NewPersonAsync();
        var tableId = await CreateTableAsync($"Tavolo documenti {Guid.NewGuid():N}"[..30], referent.Email, (family.Email, TableRole.Member));
        Task<int> CountAsync() => factory.WithDbAsync(db => db.TableDocuments.CountAsync(d => d.TableId == tableId));

        var pdf = DemoTables.MinimalPdf("Ordine del giorno");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(referent.Client, tableId, "ordine del giorno.pdf", pdf, "application/pdf")).StatusCode);
        // A Word file sent with a wrong name and type is recognised by its content.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(referent.Client, tableId, "verbale.bin", Docx(), "application/octet-stream")).StatusCode);
        var docs = await factory.WithDbAsync(db => db.TableDocuments.Where(d => d.TableId == tableId).Select(d => new { d.Id, d.FileName, d.ContentType, d.Size }).ToListAsync());
        Assert.Contains(docs, d => d.FileName == "ordine del giorno.pdf" && d.ContentType == "application/pdf" && d.Size == pdf.Length);
        Assert.Contains(docs, d => d.FileName == "verbale.docx" && d.ContentType.Contains("wordprocessingml"));

        // Refused: a script named .pdf, an image, a zip that is not an office file, an empty file, a file over 10 MB.
        var refusals = new (string Name, byte[] Content, string Expected)[]
        {
            ("finto.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "non è un PDF"),
            ("foto.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0], "non è un PDF"),
            ("archivio.docx", ZipWith("dati.txt"), "non è un PDF"),
            ("vuoto.pdf", [], "vuoto"),
            ("grande.pdf", [.. pdf, .. new byte[OfficeFiles.MaxBytes]], "10 MB"),
        };
        foreach (var (fileName, content, expected) in refusals)
        {
            var response = await UploadAsync(referent.Client, tableId, fileName, content, "application/pdf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Contains(expected, html.QuerySelector("#Document-error")?.TextContent ?? "");
        }
        Assert.Equal(2, await CountAsync());

        // Members download; a member cannot upload; a network member who is not at the table gets 404.
        var pdfId = docs.First(d => d.ContentType == "application/pdf").Id;
        var download = await family.Client.Http.GetAsync($"/rete/tavoli/documenti/{pdfId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Null((await family.Client.GetAsync($"/rete/tavoli/{tableId}")).Document.QuerySelector("#carica-documento"));
        var outsider = await NewPersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.Http.GetAsync($"/rete/tavoli/documenti/{pdfId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await family.Client.GetAsync($"/rete/tavoli/documenti/{pdfId}/elimina")).Status);

        // The referent deletes it after the confirmation page.
        var confirm = await referent.Client.GetAsync($"/rete/tavoli/documenti/{pdfId}/elimina");
        Assert.Equal(HttpStatusCode.Redirect, (await referent.Client.SubmitAsync(confirm, new Dictionary<string, string?>(), "main form")).Status);
        Assert.Equal(1, await CountAsync());
    }

    static byte[] ZipWith(string entry)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry(entry).Open())) w.Write("ciao");
        return buffer.ToArray();
    }

    [Fact]
    public async Task Another_networks_coordinator_and_outsiders_get_404_on_every_table_object()
    {
        var network = await NetworkAsync("portogruaro");
        var table = await factory.WithDbAsync(db => db.WorkingTables.Where(t => t.NetworkId == network).OrderBy(t => t.Name).Select(t => t.Id).FirstAsync());
        var meeting = await factory.WithDbAsync(db => db.TableMeetings.Where(m => m.NetworkId == network).Select(m => m.Id).FirstAsync());
        var action = await factory.WithDbAsync(db => db.TableActions.Where(a => a.NetworkId == network).Select(a => a.Id).FirstAsync());
        var document = await factory.WithDbAsync(db => db.TableDocuments.Where(d => d.NetworkId == network).Select(d => d.Id).FirstAsync());
        var urls = new[]
        {
            $"/rete/tavoli/{table}", $"/rete/tavoli/{table}/incontri/nuovo", $"/rete/tavoli/{table}/azioni/nuova", $"/rete/tavoli/incontri/{meeting}",
            $"/rete/tavoli/incontri/{meeting}/modifica", $"/rete/tavoli/incontri/{meeting}/invito.ics", $"/rete/tavoli/azioni/{action}",
            $"/rete/tavoli/documenti/{document}", $"/rete/tavoli/documenti/{document}/elimina", $"/gestione/tavoli/{table}", $"/gestione/tavoli/{table}/membri",
        };

        var brianza = factory.NewClient();
        await brianza.AsCoordinatorOfAsync("brianza");
        foreach (var url in urls) Assert.True((await brianza.Http.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        // Posting to the foreign table with a valid token from an own page changes nothing.
        var ownTable = await factory.WithDbAsync(db => db.WorkingTables.Where(t => db.Networks.Any(n => n.Id == t.NetworkId && n.Slug == "brianza")).Select(t => t.Id).FirstAsync());
        var ownPage = await brianza.GetAsync($"/gestione/tavoli/{ownTable}/membri");
        var token = ownPage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var add = await brianza.Http.PostAsync($"/gestione/tavoli/{table}/membri?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Add.Email"] = "coordinatore@brianza.demo", ["Add.Role"] = "Referent",
        }));
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        var archive = await brianza.Http.PostAsync($"/gestione/tavoli/{table}?handler=Archive", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.WorkingTables.Where(t => t.Id == table).Select(t => t.ArchivedAt).FirstAsync()));
        Assert.DoesNotContain(await factory.WithDbAsync(db => db.WorkingTables.Where(t => t.Id == table).Select(t => t.Name).FirstAsync()), (await brianza.GetAsync("/gestione/tavoli")).Text);

        // Lucca's family, even after choosing Portogruaro, is no member there.
        var lucca = factory.NewClient();
        await lucca.SignInOrFailAsync("famiglia@lucca.demo");
        await lucca.ChooseNetworkAsync("portogruaro");
        foreach (var url in urls.Take(9)) Assert.True((await lucca.Http.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
    }

    [Fact]
    public async Task Dashboard_figures_equal_direct_counts()
    {
        var network = await NetworkAsync("portogruaro");
        var from = DateTime.UtcNow.AddDays(-90);
        var to = DateTime.UtcNow.AddDays(60);
        using var scope = factory.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<WorkingTableFigures>().ForNetworkAsync(network, from, to);

        var expected = await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var tables = await db.WorkingTables.Where(t => t.NetworkId == network && t.ArchivedAt == null).Select(t => t.Id).ToListAsync();
            var held = await db.TableMeetings.Where(m => tables.Contains(m.TableId) && m.StartsAt >= from && m.StartsAt < now).Select(m => m.Id).ToListAsync();
            var present = await db.MeetingAttendances.CountAsync(a => held.Contains(a.MeetingId));
            var members = await db.TableMembers.CountAsync(m => tables.Contains(m.TableId));
            var open = await db.TableActions.Where(a => tables.Contains(a.TableId) && a.Kind == TableActionKind.Action && (a.Status == TableActionStatus.Open || a.Status == TableActionStatus.InProgress)).ToListAsync();
            return (Tables: tables.Count, Members: members, Held: held.Count, Present: present, Open: open.Count, Overdue: open.Count(a => a.DueDate < Today));
        });
        Assert.True(expected.Tables >= 4 && expected.Held >= 3 && expected.Overdue >= 1, "the demo data should have tables, meetings and an overdue action");
        Assert.Equal(expected.Tables, figures.ActiveTables);
        Assert.Equal(expected.Members, figures.Members);
        Assert.Equal(expected.Held, figures.MeetingsHeld);
        Assert.Equal(Math.Round(expected.Present / (double)expected.Held, 1), figures.AverageAttendance);
        Assert.Equal(expected.Open, figures.OpenActions);
        Assert.Equal(expected.Overdue, figures.OverdueActions);
        var parenting = figures.Tables.Single(t => t.Name == "Tavolo genitorialità e benessere della famiglia");
        Assert.Equal(5, parenting.Members);
        Assert.Equal(4, parenting.Partners);
    }
}
