using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Support;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Support;

/// <summary>
/// Support paths through HTTP: intake (search, register a household without an account, open), plan, sessions, the
/// supervisor's approvals (with twin requests), closure and reopening; who sees what (volunteers, confidential notes,
/// another organisation, the coordinator); the access log of every read; the family claiming its household and reading
/// its path; anonymisation after the retention period; protected text at rest.
/// </summary>
public class SupportCaseTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "percorsi-2026";

    sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    Task<(Guid Network, Guid Consorzio, Guid Acli)> PaviaAsync() => factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Where(n => n.Slug == "pavia").Select(n => n.Id).FirstAsync();
        var consorzio = await db.Partners.Where(p => p.NetworkId == network && p.Name == DemoSupportNames.Operators).Select(p => p.Id).FirstAsync();
        var acli = await db.Partners.Where(p => p.NetworkId == network && p.Name == "ACLI Pavia").Select(p => p.Id).FirstAsync();
        return (network, consorzio, acli);
    });

    static class DemoSupportNames { public const string Operators = Alleanza.Web.Demo.DemoSupport.OperatorsPartner; }

    /// <summary>A new person with a role in Pavia (of an organisation when given), signed in.</summary>
    /// <summary>A person of Pavia with the role; a volunteer is in the registry with a valid criminal-record check unless <paramref name="cleared"/> is false.</summary>
    async Task<(TestClient Client, Guid UserId, string Name)> PersonAsync(NetworkRole? role, Guid? partner, bool cleared = true)
    {
        var email = $"percorsi-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        var name = "Persona " + email[9..15];
        var (network, _, _) = await PaviaAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
            if (role is NetworkRole r)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = id, NetworkId = network, Role = r, PartnerId = partner, CreatedAt = DateTime.UtcNow });
                if (r == NetworkRole.Volunteer && cleared)
                    db.VolunteerProfiles.Add(new Web.Modules.Support.Volunteers.VolunteerProfile
                    {
                        Id = Guid.NewGuid(), NetworkId = network, UserId = id, ClearanceDate = RomeDate.Today.AddDays(-10),
                        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                    });
                await db.SaveChangesAsync();
            }
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync("pavia");
        return (client, id, name);
    }

    /// <summary>The operator searches, registers a family without an account and opens its path with the given team.</summary>
    static async Task<Guid> OpenPathAsync(TestClient op, string surname, params Guid[] team)
    {
        var search = await op.GetAsync($"/percorsi/nuovo?cerca={surname}");
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Contains("Nessun nucleo trovato", search.Text);
        var registered = await op.SubmitAsync(search, new Dictionary<string, string?>
        {
            ["Family.ComuneId"] = search.Document.QuerySelector("select[name='Family.ComuneId'] option[value]:not([value=''])")!.GetAttribute("value"),
            ["Family.FirstName"] = "Marta", ["Family.LastName"] = surname, ["Family.BirthDate"] = "1988-04-02",
            ["Family.Children[0].FirstName"] = "Leo", ["Family.Children[0].LastName"] = surname, ["Family.Children[0].BirthDate"] = "2017-09-10",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);
        var form = await op.GetAsync(registered.Location!);
        Assert.Contains($"Marta {surname}", form.Text);
        var values = new Dictionary<string, string?>
        {
            ["Case.Source"] = nameof(ReferralSource.School), ["Case.Needs"] = TestClient.Many("Conflitti familiari", "Sostegno alla genitorialità"),
            ["Case.NeedsDetail"] = $"Dettaglio riservato {surname}", ["Case.Basis"] = nameof(LegalBasis.ExplicitConsent), ["Case.ConsentCollected"] = "true",
        };
        foreach (var member in team)
        {
            var box = form.Document.QuerySelector($"input[value='{member}']")!;
            values[box.GetAttribute("name")!] = values.TryGetValue(box.GetAttribute("name")!, out var before) && before is not null ? TestClient.Many(before, member) : member.ToString();
        }
        var opened = await op.SubmitAsync(form, values);
        Assert.True(opened.Status == HttpStatusCode.Redirect, string.Join(" | ", opened.Errors));
        return Guid.Parse(opened.Location!.Split('/').Last());
    }

    /// <summary>The layout shows the message after a form: the paths' pages must not show it a second time.</summary>
    [Fact]
    public async Task A_success_message_after_a_form_is_shown_once()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var surname = "Messaggio" + Guid.NewGuid().ToString("N")[..6];
        var search = await op.Client.GetAsync($"/percorsi/nuovo?cerca={surname}");
        var registered = await op.Client.SubmitAsync(search, new Dictionary<string, string?>
        {
            ["Family.ComuneId"] = search.Document.QuerySelector("select[name='Family.ComuneId'] option[value]:not([value=''])")!.GetAttribute("value"),
            ["Family.FirstName"] = "Marta", ["Family.LastName"] = surname, ["Family.BirthDate"] = "1988-04-02",
        }, follow: true);
        Assert.Single(registered.Document.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("Nucleo registrato."));

        var id = await OpenPathAsync(op.Client, "Messaggio" + Guid.NewGuid().ToString("N")[..6]);
        var page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Single(page.Document.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("Percorso aperto."));
        var added = await op.Client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Objective.Title"] = "Andare a scuola tutti i giorni", ["Objective.DueDate"] = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd"),
        }, follow: true);
        Assert.Single(added.Document.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("Obiettivo aggiunto al piano."));
    }

    [Fact]
    public async Task A_volunteer_without_a_valid_criminal_record_check_joins_no_path()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var unchecked_ = await PersonAsync(NetworkRole.Volunteer, consorzio, cleared: false);
        var surname = "Casellario" + Guid.NewGuid().ToString("N")[..6];
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => OpenPathAsync(op.Client, surname, unchecked_.UserId));
        Assert.Contains("casellario giudiziale valido", refused.Message);

        // Opened without him, the path refuses him on its team too.
        var id = await OpenPathAsync(op.Client, "Squadra" + Guid.NewGuid().ToString("N")[..6]);
        var page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.NotNull(page.Document.QuerySelector($"select[name='Team.UserId'] option[value='{unchecked_.UserId}']"));
        var answer = await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Team.UserId"] = unchecked_.UserId.ToString() });
        Assert.Contains("casellario giudiziale valido", answer.Text);
        var team = await factory.WithDbAsync(db => db.CaseMembers.CountAsync(m => m.CaseId == id && m.UserId == unchecked_.UserId));
        Assert.Equal(0, team);
    }

    [Fact]
    public async Task An_operator_opens_a_path_plans_it_and_the_supervisor_approves_the_plan_and_the_closure_once_each_even_with_twin_requests()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var supervisor = await PersonAsync(NetworkRole.SupportSupervisor, consorzio);
        var surname = "Flusso" + Guid.NewGuid().ToString("N")[..6];
        var id = await OpenPathAsync(op.Client, surname);

        // The same household is found next time (no duplicate), and a second open path for it is refused.
        var again = await op.Client.GetAsync($"/percorsi/nuovo?cerca={surname}");
        Assert.Contains($"Marta {surname}", again.Text);

        var page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Dettaglio riservato {surname}", page.Text);
        var empty = await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Objective.Title"] = "", ["Objective.DueDate"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains(empty.Errors, e => e.Contains("Scrivete l'obiettivo"));
        var due = RomeDate.Today.AddMonths(3).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Objective.Title"] = "Cenare insieme tre sere a settimana", ["Objective.DueDate"] = due })).Status);
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Session.Kind"] = nameof(InterventionKind.Tutoring), ["Session.StartsAt"] = DateTime.Now.AddDays(-2).ToString("yyyy-MM-ddTHH:mm"), ["Session.Minutes"] = "60",
            ["Session.Place"] = "Sede", ["Session.Participants"] = "madre, operatrice", ["Session.Note"] = "Nota dell'incontro",
        })).Status);

        page = await op.Client.GetAsync($"/percorsi/{id}");
        var requested = await Concurrently.SubmitAsync(op.Client, page, new Dictionary<string, string?>(), "form[action*='handler=RequestPlan']");
        Assert.Equal(PlanStatus.Requested, await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id).Select(c => c.PlanStatus).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == id && e.What.StartsWith("Piano inviato"))));

        var review = await supervisor.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        var statuses = await Concurrently.SubmitAsync(supervisor.Client, review, new Dictionary<string, string?> { ["approve"] = "true" }, "form[action*='handler=DecidePlan']");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Redirect or HttpStatusCode.OK));
        Assert.Equal(PlanStatus.Approved, await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id).Select(c => c.PlanStatus).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == id && e.What == "Piano approvato.")));
        // The loser of the race reads that it was already done.
        var late = await supervisor.Client.SubmitAsync(review, new Dictionary<string, string?> { ["approve"] = "true" }, "form[action*='handler=DecidePlan']");
        Assert.Contains("Già fatto", late.Text);
        // The operator was told, without any detail of the family.
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == op.UserId && n.Subject.StartsWith("Piano approvato") && !n.Text.Contains(surname))));

        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Closure.Outcome"] = nameof(CaseOutcome.Achieved), ["Closure.Note"] = "Chiusura serena" })).Status);
        review = await supervisor.Client.GetAsync($"/percorsi/{id}");
        await Concurrently.SubmitAsync(supervisor.Client, review, new Dictionary<string, string?> { ["approve"] = "true" }, "form[action*='handler=DecideClosure']");
        var closed = await factory.WithDbAsync(db => db.SupportCases.SingleAsync(c => c.Id == id));
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(CaseOutcome.Achieved, closed.Outcome);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == id && e.What.StartsWith("Chiusura approvata"))));

        // Reopening keeps the history.
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*='handler=Reopen']")).Status);
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Contains("Percorso riaperto", page.Text);
        Assert.Contains("Chiusura approvata", page.Text);
        Assert.Contains("Piano approvato", page.Text);
        Assert.Equal(CaseStatus.Open, await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    /// <summary>Issue 16: a session orients the family to its Family Card application; another household's application is refused.</summary>
    [Fact]
    public async Task A_session_links_the_households_family_card_application_and_no_other()
    {
        var (network, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var id = await OpenPathAsync(op.Client, "Carta" + Guid.NewGuid().ToString("N")[..6]);
        var (own, foreign) = await factory.WithDbAsync(async db =>
        {
            var household = await db.SupportCases.Where(c => c.Id == id).Select(c => c.HouseholdId!.Value).SingleAsync();
            var comune = await db.Households.Where(h => h.Id == household).Select(h => h.ComuneId).SingleAsync();
            var other = await db.CardApplications.Where(a => a.HouseholdId != household).Select(a => a.Id).FirstAsync();
            var application = new Web.Modules.FamilyCard.CardApplication
            {
                Id = Guid.NewGuid(), NetworkId = network, HouseholdId = household, ComuneId = comune, Status = Web.Modules.FamilyCard.ApplicationStatus.Submitted,
                SubmittedAt = new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc), EligibilitySummary = "Con figli minori",
            };
            db.CardApplications.Add(application);
            await db.SaveChangesAsync();
            return (application.Id, other);
        });
        var page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.NotNull(page.Document.QuerySelector($"select[name='Session.CardApplicationId'] option[value='{own}']"));
        Dictionary<string, string?> Session(Guid application) => new()
        {
            ["Session.Kind"] = nameof(InterventionKind.Orientation), ["Session.StartsAt"] = DateTime.Now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"), ["Session.Minutes"] = "30",
            ["Session.Place"] = "Sportello", ["Session.Participants"] = "madre, operatrice", ["Session.CardApplicationId"] = application.ToString(),
        };
        var refused = await op.Client.SubmitAsync(page, Session(foreign), "form[action*='handler=Session']");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("domanda di Carta Famiglia di questo nucleo"));
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, Session(own), "form[action*='handler=Session']")).Status);
        Assert.Equal(own, await factory.WithDbAsync(db => db.CaseSessions.Where(s => s.CaseId == id).Select(s => s.CardApplicationId).SingleAsync()));
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Contains("Carta Famiglia: domanda del 3 novembre 2026 (in attesa di decisione)", page.Text);
    }

    [Fact]
    public async Task A_volunteer_sees_only_appointments_and_own_tasks_confidential_notes_stay_with_author_and_supervisor_and_others_get_404()
    {
        var (_, consorzio, acli) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var colleague = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var volunteer = await PersonAsync(NetworkRole.Volunteer, consorzio);
        var supervisor = await PersonAsync(NetworkRole.SupportSupervisor, consorzio);
        var surname = "Vista" + Guid.NewGuid().ToString("N")[..6];
        var id = await OpenPathAsync(op.Client, surname, colleague.UserId, volunteer.UserId);

        var page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Note.Text"] = "Nota riservata XYZ", ["Note.Confidential"] = "true" });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Note.Text"] = "Nota di squadra QWE" });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Session.Kind"] = nameof(InterventionKind.Parenting), ["Session.StartsAt"] = DateTime.Now.AddDays(5).ToString("yyyy-MM-ddTHH:mm"), ["Session.Minutes"] = "90",
            ["Session.Place"] = "Laboratorio Borgo Ticino", ["Session.Participants"] = "genitori, volontario", ["Session.Note"] = "Nota sessione RTY",
        });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["FollowUp.Title"] = "Accompagnare a scuola", ["FollowUp.DueDate"] = RomeDate.Today.AddDays(3).ToString("yyyy-MM-dd"), ["FollowUp.AssignedUserId"] = volunteer.UserId.ToString() });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["FollowUp.Title"] = "Telefonare alla scuola", ["FollowUp.DueDate"] = RomeDate.Today.AddDays(3).ToString("yyyy-MM-dd") });

        var seen = await volunteer.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        Assert.Contains("Laboratorio Borgo Ticino", seen.Text);
        Assert.Contains("Accompagnare a scuola", seen.Text);
        foreach (var hidden in new[] { "Telefonare alla scuola", "Nota riservata XYZ", "Nota di squadra QWE", "Nota sessione RTY", $"Dettaglio riservato {surname}", "Conflitti familiari", "Piano" })
            Assert.DoesNotContain(hidden, seen.Text);
        // A volunteer cannot act as an operator (no plan request, no notes).
        var forged = await volunteer.Client.SubmitAsync(seen, new Dictionary<string, string?>(), "form[action*='handler=Done']");
        Assert.Equal(HttpStatusCode.Redirect, forged.Status);
        var post = await volunteer.Client.Http.PostAsync($"/percorsi/{id}?handler=RequestPlan", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(PlanStatus.Draft, await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id).Select(c => c.PlanStatus).SingleAsync()));

        var other = await colleague.Client.GetAsync($"/percorsi/{id}");
        Assert.Contains("Nota di squadra QWE", other.Text);
        Assert.DoesNotContain("Nota riservata XYZ", other.Text);
        Assert.Contains("Nota riservata XYZ", (await op.Client.GetAsync($"/percorsi/{id}")).Text);
        Assert.Contains("Nota riservata XYZ", (await supervisor.Client.GetAsync($"/percorsi/{id}")).Text);

        // An operator of the organisation who is not on the team, one of another organisation, another organisation's supervisor: 404.
        var outsider = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var acliOperator = await PersonAsync(NetworkRole.SocialOperator, acli);
        var acliSupervisor = await PersonAsync(NetworkRole.SupportSupervisor, acli);
        foreach (var who in new[] { outsider, acliOperator, acliSupervisor })
            Assert.Equal(HttpStatusCode.NotFound, (await who.Client.GetAsync($"/percorsi/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await acliSupervisor.Client.GetAsync($"/percorsi/{id}/accessi")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await op.Client.GetAsync($"/percorsi/{id}/accessi")).Status);

        // At rest the texts are protected: the plain words are nowhere in the rows.
        var stored = await factory.WithDbAsync(async db => string.Join("|", await db.CaseNotes.Where(n => n.CaseId == id).Select(n => n.TextProtected).ToListAsync())
            + (await db.SupportCases.Where(c => c.Id == id).Select(c => c.NeedsDetailProtected).SingleAsync())
            + string.Join("|", await db.CaseSessions.Where(s => s.CaseId == id).Select(s => s.NoteProtected).ToListAsync()));
        Assert.DoesNotContain("XYZ", stored);
        Assert.DoesNotContain("QWE", stored);
        Assert.DoesNotContain("RTY", stored);
        Assert.DoesNotContain(surname, stored);
    }

    [Fact]
    public async Task Every_read_writes_the_access_log_the_supervisor_reviews_it_and_the_family_who_claimed_its_household_sees_it_without_notes()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var supervisor = await PersonAsync(NetworkRole.SupportSupervisor, consorzio);
        var surname = "Registro" + Guid.NewGuid().ToString("N")[..6];
        var id = await OpenPathAsync(op.Client, surname);
        var before = await factory.WithDbAsync(db => db.CaseAccesses.CountAsync(a => a.CaseId == id));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await op.Client.GetAsync($"/percorsi/{id}")).Status);
        Assert.Equal(before + 3, await factory.WithDbAsync(db => db.CaseAccesses.CountAsync(a => a.CaseId == id && a.UserId == op.UserId)));
        await supervisor.Client.GetAsync($"/percorsi/{id}");
        var log = await supervisor.Client.GetAsync($"/percorsi/{id}/accessi");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        Assert.Contains(op.Name, log.Text);
        Assert.Contains("registro degli accessi", log.Text);
        Assert.Equal(before + 5, await factory.WithDbAsync(db => db.CaseAccesses.CountAsync(a => a.CaseId == id)));

        // Plan something, then the family claims its household with the operator's code.
        var page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Objective.Title"] = "Fare i compiti insieme", ["Objective.DueDate"] = RomeDate.Today.AddMonths(2).ToString("yyyy-MM-dd") });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Note.Text"] = "Nota che la famiglia non legge" });
        page = await op.Client.GetAsync($"/percorsi/{id}");
        var withCode = await op.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*='handler=ClaimCode']", follow: true);
        var code = withCode.Document.QuerySelector(".alert-info strong")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$", code);

        var family = await PersonAsync(null, null);
        var household = await family.Client.GetAsync("/carta-famiglia/nucleo");
        var wrong = await family.Client.SubmitAsync(household, new Dictionary<string, string?> { ["Claim.Code"] = "AAAA-BBBB-CC" });
        Assert.Contains(wrong.Errors, e => e.Contains("non è valido"));
        var claimed = await family.Client.SubmitAsync(household, new Dictionary<string, string?> { ["Claim.Code"] = code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, claimed.Status);
        Assert.Equal(family.UserId, await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id).Select(c => db.Households.Where(h => h.Id == c.HouseholdId).Select(h => h.OwnerUserId).Single()).SingleAsync()));
        // A code works once.
        var second = await PersonAsync(null, null);
        var reuse = await second.Client.SubmitAsync(await second.Client.GetAsync("/carta-famiglia/nucleo"), new Dictionary<string, string?> { ["Claim.Code"] = code });
        Assert.Contains(reuse.Errors, e => e.Contains("non è valido"));

        var mine = await family.Client.GetAsync("/percorsi/il-nostro-percorso");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Contains("Fare i compiti insieme", mine.Text);
        Assert.Contains(op.Name, mine.Text);
        Assert.DoesNotContain("Nota che la famiglia non legge", mine.Text);
        Assert.DoesNotContain($"Dettaglio riservato {surname}", mine.Text);
        Assert.Contains("Chi ha letto il nostro percorso", mine.Text);
        Assert.Contains("Il nostro percorso", (await family.Client.GetAsync("/la-mia-area")).Text);
        // The family is not staff: the path's own page is closed to it.
        Assert.NotEqual(HttpStatusCode.OK, (await family.Client.GetAsync($"/percorsi/{id}")).Status);

        // «I miei dati» names the path, and its download carries what the family sees of it (never the notes).
        Assert.Contains("Percorso di accompagnamento", (await family.Client.GetAsync("/account/i-miei-dati")).Text);
        var zip = await family.Client.Http.GetAsync("/account/i-miei-dati?handler=Download");
        using (var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            var json = await new StreamReader(archive.GetEntry("dati.json")!.Open()).ReadToEndAsync();
            var html = await new StreamReader(archive.GetEntry("dati.html")!.Open()).ReadToEndAsync();
            Assert.Contains("Fare i compiti insieme", json);
            Assert.Contains("Percorsi di accompagnamento", html);
            Assert.Contains(op.Name, html);
            Assert.DoesNotContain("Nota che la famiglia non legge", json + html);
        }

        // The family deletes its account: the household leaves the account but keeps its names for the path.
        var confirm = await family.Client.GetAsync("/account/elimina");
        await family.Client.SubmitAsync(confirm, new Dictionary<string, string?> { ["Input.Password"] = Password });
        var kept = await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == id)
            .Select(c => db.Households.Where(h => h.Id == c.HouseholdId).Select(h => new { h.OwnerUserId, Names = h.Members.Select(m => m.LastName).ToList() }).Single()).SingleAsync());
        Assert.Null(kept.OwnerUserId);
        Assert.Contains(surname, kept.Names);
        Assert.NotNull(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.DeletedAt).SingleAsync()));
    }

    [Fact]
    public async Task Assessments_on_the_network_scale_show_the_change_per_domain_and_a_volunteer_never_reads_them()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var volunteer = await PersonAsync(NetworkRole.Volunteer, consorzio);
        var id = await OpenPathAsync(op.Client, "Scala" + Guid.NewGuid().ToString("N")[..6], volunteer.UserId);
        var today = RomeDate.Today;

        var page = await op.Client.GetAsync($"/percorsi/{id}");
        // A partial rating is refused with the missing domain named; nothing is saved.
        var partial = await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Assessment.Kind"] = nameof(AssessmentKind.Initial), ["Assessment.Date"] = today.AddDays(-30).ToString("yyyy-MM-dd"), ["Assessment.Points[0]"] = "2" });
        Assert.Equal(HttpStatusCode.OK, partial.Status);
        Assert.Contains(partial.Errors, e => e.Contains("Cura e crescita dei figli"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.CaseAssessments.CountAsync(a => a.CaseId == id)));

        async Task RateAsync(AssessmentKind kind, int daysAgo, params int[] points)
        {
            var p = await op.Client.GetAsync($"/percorsi/{id}");
            var values = new Dictionary<string, string?> { ["Assessment.Kind"] = kind.ToString(), ["Assessment.Date"] = today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), ["Assessment.Comment"] = "Commento valutazione MNB" };
            for (var i = 0; i < points.Length; i++) values[$"Assessment.Points[{i}]"] = points[i].ToString();
            var r = await op.Client.SubmitAsync(p, values);
            Assert.True(r.Status == HttpStatusCode.Redirect, string.Join(" | ", r.Errors));
        }
        await RateAsync(AssessmentKind.Initial, 30, 2, 2, 1, 3, 5);
        await RateAsync(AssessmentKind.Review, 1, 4, 2, 1, 2, 3);
        // An external instrument: name, date and total only.
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?>
            { ["Assessment.Kind"] = nameof(AssessmentKind.Review), ["Assessment.Date"] = today.ToString("yyyy-MM-dd"), ["Assessment.ExternalName"] = "SDQ", ["Assessment.ExternalTotal"] = "14" })).Status);

        page = await op.Client.GetAsync($"/percorsi/{id}");
        var table = page.Document.QuerySelectorAll("#valutazione table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(table, r => r.Contains("Relazioni in famiglia") && r.Contains("2 di 5") && r.Contains("4 di 5") && r.Contains("migliorato"));
        Assert.Contains(table, r => r.Contains("Situazione economica") && r.Contains("peggiorato"));
        Assert.Contains(table, r => r.Contains("Stress e fatica") && r.Contains("migliorato")); // a problem domain: lower is better
        Assert.Contains(table, r => r.Contains("Cura e crescita") && r.Contains("invariato"));
        Assert.Contains("SDQ", page.Text);
        Assert.DoesNotContain("MNB", await factory.WithDbAsync(async db => string.Join("|", await db.CaseAssessments.Where(a => a.CaseId == id).Select(a => a.CommentProtected).ToListAsync())));

        var seen = await volunteer.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        foreach (var hidden in new[] { "Valutazione", "Relazioni in famiglia", "SDQ", "MNB", "migliorato" }) Assert.DoesNotContain(hidden, seen.Text);
        var forged = await volunteer.Client.Http.PostAsync($"/percorsi/{id}?handler=Assessment", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(3, await factory.WithDbAsync(db => db.CaseAssessments.CountAsync(a => a.CaseId == id)));
    }

    [Fact]
    public async Task A_referral_needs_the_familys_consent_for_that_partner_unless_the_supervisor_overrides_with_a_logged_reason()
    {
        var (_, consorzio, acli) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var supervisor = await PersonAsync(NetworkRole.SupportSupervisor, consorzio);
        var receiver = await PersonAsync(NetworkRole.SocialOperator, acli);
        var surname = "Invio" + Guid.NewGuid().ToString("N")[..6];
        var id = await OpenPathAsync(op.Client, surname);

        var page = await op.Client.GetAsync($"/percorsi/{id}");
        var refused = await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Referral.ToPartnerId"] = acli.ToString(), ["Referral.Reason"] = "Serve un supporto per il lavoro" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("Manca il consenso"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.CaseReferrals.CountAsync(r => r.CaseId == id)));

        // The supervisor may send without the consent, only with a reason, which goes to the audit log.
        var review = await supervisor.Client.GetAsync($"/percorsi/{id}");
        var noReason = await supervisor.Client.SubmitAsync(review, new Dictionary<string, string?> { ["Referral.ToPartnerId"] = acli.ToString(), ["Referral.Reason"] = "Urgente" });
        Assert.Contains(noReason.Errors, e => e.Contains("Senza il consenso"));
        var overridden = await supervisor.Client.SubmitAsync(review, new Dictionary<string, string?> { ["Referral.ToPartnerId"] = acli.ToString(), ["Referral.Reason"] = "Urgente", ["Referral.OverrideReason"] = "Rischio per i minori" });
        Assert.Equal(HttpStatusCode.Redirect, overridden.Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "support.referral.override" && a.EntityId == id.ToString())));
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*='handler=Revoke']")).Status);
        Assert.Equal(ReferralStatus.Revoked, await factory.WithDbAsync(db => db.CaseReferrals.Where(r => r.CaseId == id).Select(r => r.Status).SingleAsync()));

        // With the consent on record the operator sends; the receiving organisation accepts once (twin requests) and closes it.
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Consent.PartnerId"] = acli.ToString(), ["Consent.Given"] = "true" })).Status);
        page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await op.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Referral.ToPartnerId"] = acli.ToString(), ["Referral.Reason"] = "Orientamento al lavoro" })).Status);
        var inbox = await receiver.Client.GetAsync("/percorsi/invii");
        Assert.Contains($"Marta {surname}", inbox.Text);
        Assert.Contains("Orientamento al lavoro", inbox.Text);
        await Concurrently.SubmitAsync(receiver.Client, inbox, new Dictionary<string, string?> { ["to"] = "Accepted" });
        Assert.Equal(ReferralStatus.Accepted, await factory.WithDbAsync(db => db.CaseReferrals.Where(r => r.CaseId == id && r.Status != ReferralStatus.Revoked).Select(r => r.Status).SingleAsync()));
        inbox = await receiver.Client.GetAsync("/percorsi/invii");
        Assert.Equal(HttpStatusCode.Redirect, (await receiver.Client.SubmitAsync(inbox, new Dictionary<string, string?> { ["to"] = "Done" })).Status);
        Assert.Equal(ReferralStatus.Done, await factory.WithDbAsync(db => db.CaseReferrals.Where(r => r.CaseId == id && r.Status != ReferralStatus.Revoked).Select(r => r.Status).SingleAsync()));
        // The receiving organisation does not see the path itself, and a third organisation sees nothing in its inbox.
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.Client.GetAsync($"/percorsi/{id}")).Status);
        Assert.DoesNotContain(surname, (await op.Client.GetAsync("/percorsi/invii")).Text);
    }

    [Fact]
    public async Task The_coordinator_sets_the_needs_and_the_scale_and_a_bad_scale_is_refused()
    {
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("pavia");
        var page = await coordinator.GetAsync("/gestione/percorsi");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var bad = await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Scale"] = "Solo un nome", ["Input.RetentionMonths"] = "3" });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains(bad.Errors, e => e.Contains("Ogni riga"));
        Assert.Contains(bad.Errors, e => e.Contains("Da 12 a 240"));
        var needs = page.Document.QuerySelector("textarea[name='Input.Needs']")!.TextContent.Trim() + "\nTrasporti";
        var scale = page.Document.QuerySelector("textarea[name='Input.Scale']")!.TextContent.Trim();
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Needs"] = needs, ["Input.Scale"] = scale, ["Input.RetentionMonths"] = "60" })).Status);
        var (network, consorzio, _) = await PaviaAsync();
        Assert.Contains("Trasporti", await factory.WithDbAsync(db => db.SupportSettings.Where(s => s.NetworkId == network).Select(s => s.Needs).SingleAsync()));
    }

    [Fact]
    public async Task The_signed_consent_form_is_a_real_upload_read_only_by_the_team_and_a_file_of_another_kind_is_refused()
    {
        var (_, consorzio, _) = await PaviaAsync();
        var op = await PersonAsync(NetworkRole.SocialOperator, consorzio);
        var volunteer = await PersonAsync(NetworkRole.Volunteer, consorzio);
        var surname = "Modulo" + Guid.NewGuid().ToString("N")[..6];
        var search = await op.Client.GetAsync($"/percorsi/nuovo?cerca={surname}");
        var registered = await op.Client.SubmitAsync(search, new Dictionary<string, string?>
        {
            ["Family.ComuneId"] = search.Document.QuerySelector("select[name='Family.ComuneId'] option[value]:not([value=''])")!.GetAttribute("value"),
            ["Family.FirstName"] = "Ugo", ["Family.LastName"] = surname, ["Family.BirthDate"] = "1979-02-03",
        });
        var form = await op.Client.GetAsync(registered.Location!);
        async Task<TestClient.Page> PostAsync(byte[] file, string name)
        {
            var (target, fields) = TestClient.FormOf(form, new Dictionary<string, string?>
            {
                ["Case.Source"] = nameof(ReferralSource.Self), ["Case.Needs"] = "Casa", ["Case.Basis"] = nameof(LegalBasis.ExplicitConsent), ["Case.ConsentCollected"] = "true",
                ["Case.Volunteers"] = volunteer.UserId.ToString(),
            });
            var content = new MultipartFormDataContent();
            foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
            content.Add(new ByteArrayContent(file), "SignedForm", name);
            return await TestClient.ReadAsync(await op.Client.Http.PostAsync(target, content));
        }
        var exe = await PostAsync([0x4D, 0x5A, 0x90, 0x00, 1, 2, 3], "modulo.pdf");
        Assert.Equal(HttpStatusCode.OK, exe.Status);
        Assert.NotEmpty(exe.Errors);
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        var opened = await PostAsync(pdf, "consenso firmato.pdf");
        Assert.True(opened.Status == HttpStatusCode.Redirect, string.Join(" | ", opened.Errors));
        var id = Guid.Parse(opened.Location!.Split('/').Last());

        var page = await op.Client.GetAsync($"/percorsi/{id}");
        Assert.Contains("Modulo firmato", page.Text);
        var download = await op.Client.Http.GetAsync($"/percorsi/{id}?handler=ConsentForm");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await factory.WithDbAsync(db => db.CaseAccesses.AnyAsync(a => a.CaseId == id && a.Sections == "modulo di consenso firmato")));
        Assert.Equal(HttpStatusCode.NotFound, (await volunteer.Client.Http.GetAsync($"/percorsi/{id}?handler=ConsentForm")).StatusCode);
        Assert.DoesNotContain("Modulo firmato", (await volunteer.Client.GetAsync($"/percorsi/{id}")).Text);
    }

    [Fact]
    public async Task The_coordinator_sees_only_anonymous_counts_and_no_family()
    {
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("pavia");
        var summary = await coordinator.GetAsync("/percorsi/riepilogo");
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        Assert.Contains("Percorsi in tutto", summary.Text);
        var (network, _, _) = await PaviaAsync();
        var (surnames, anyCase) = await factory.WithDbAsync(async db => (
            await db.HouseholdMembers.Where(m => db.SupportCases.Any(c => c.HouseholdId == m.HouseholdId && c.NetworkId == network)).Where(m => m.Role == MemberRole.Adult).Select(m => m.FirstName + " " + m.LastName).Distinct().Take(200).ToListAsync(),
            await db.SupportCases.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync()));
        Assert.NotEmpty(surnames);
        foreach (var s in surnames) Assert.DoesNotContain(s, summary.Text);
        Assert.NotEqual(HttpStatusCode.OK, (await coordinator.GetAsync($"/percorsi/{anyCase}")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await coordinator.GetAsync("/percorsi")).Status);
    }

    [Fact]
    public async Task A_closed_path_is_anonymised_after_the_retention_period_and_not_before()
    {
        var (network, consorzio, _) = await PaviaAsync();
        var now = DateTime.UtcNow;
        var (old, recent, household) = await factory.WithDbAsync(async db =>
        {
            var comune = await db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync();
            var h = new Household { Id = Guid.NewGuid(), NetworkId = network, ComuneId = comune, CreatedAt = now, UpdatedAt = now };
            db.Households.Add(h);
            SupportCase Closed(DateTime at) => new()
            {
                Id = Guid.NewGuid(), NetworkId = network, PartnerId = consorzio, HouseholdId = h.Id, ComuneId = comune, ReferralSource = ReferralSource.Self,
                Needs = "Casa", NeedsDetailProtected = "protetto", LegalBasis = LegalBasis.PublicSocialService, Status = CaseStatus.Closed, PlanStatus = PlanStatus.Approved,
                Outcome = CaseOutcome.Achieved, ClosureNoteProtected = "protetto", OpenedAt = at.AddYears(-1), ClosedAt = at, UpdatedAt = at,
            };
            var o = Closed(now.AddMonths(-61));
            var r = Closed(now.AddMonths(-59));
            db.SupportCases.AddRange(o, r);
            foreach (var c in new[] { o, r })
            {
                db.CaseNotes.Add(new CaseNote { Id = Guid.NewGuid(), CaseId = c.Id, AuthorName = "X", At = c.OpenedAt, TextProtected = "protetto" });
                db.CaseSessions.Add(new CaseSession { Id = Guid.NewGuid(), CaseId = c.Id, Kind = InterventionKind.Mediation, StartsAt = c.OpenedAt, Minutes = 60, Place = "Via Segreta 1", Participants = "madre", CreatedAt = c.OpenedAt });
            }
            await db.SaveChangesAsync();
            return (o.Id, r.Id, h.Id);
        });

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await CaseRetention.AnonymiseDueAsync(db, new FixedClock(now)) >= 1);
            // Run again (another instance, the next hour): nothing more to do for these.
            await CaseRetention.AnonymiseDueAsync(db, new FixedClock(now));
        }
        var (oldCase, recentCase) = await factory.WithDbAsync(async db => (await db.SupportCases.SingleAsync(c => c.Id == old), await db.SupportCases.SingleAsync(c => c.Id == recent)));
        Assert.NotNull(oldCase.AnonymisedAt);
        Assert.Null(oldCase.HouseholdId);
        Assert.Null(oldCase.NeedsDetailProtected);
        Assert.Null(oldCase.ClosureNoteProtected);
        Assert.Equal(CaseOutcome.Achieved, oldCase.Outcome); // the counts stay
        Assert.Equal(0, await factory.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.CaseId == old)));
        Assert.Equal("—", await factory.WithDbAsync(db => db.CaseSessions.Where(s => s.CaseId == old).Select(s => s.Place).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == old && e.What.Contains("anonimizzato"))));
        Assert.Null(recentCase.AnonymisedAt);
        Assert.Equal(household, recentCase.HouseholdId);
        Assert.Equal(1, await factory.WithDbAsync(db => db.CaseNotes.CountAsync(n => n.CaseId == recent)));

        // Two months later the second one goes too.
        using (var scope = factory.Services.CreateScope())
            await CaseRetention.AnonymiseDueAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new FixedClock(now.AddMonths(2)));
        Assert.NotNull(await factory.WithDbAsync(db => db.SupportCases.Where(c => c.Id == recent).Select(c => c.AnonymisedAt).SingleAsync()));
    }

    [Fact]
    public async Task Demo_operator_volunteer_and_supervisor_see_their_work()
    {
        var op = factory.NewClient();
        await op.SignInOrFailAsync("operatore@pavia.demo");
        await op.ChooseNetworkAsync("pavia");
        var list = await op.GetAsync("/percorsi");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.True(list.Document.QuerySelectorAll("tbody tr").Length > 5);
        Assert.Contains("Percorsi di accompagnamento", (await op.GetAsync("/la-mia-area")).Text);
        var first = list.Document.QuerySelector("tbody tr a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync(first)).Status);

        var volunteer = factory.NewClient();
        await volunteer.SignInOrFailAsync("volontario@pavia.demo");
        await volunteer.ChooseNetworkAsync("pavia");
        Assert.Contains("I miei affiancamenti", (await volunteer.GetAsync("/la-mia-area")).Text);
        Assert.True((await volunteer.GetAsync("/percorsi")).Document.QuerySelectorAll("tbody tr").Length > 0);

        var supervisor = factory.NewClient();
        await supervisor.SignInOrFailAsync("supervisore@pavia.demo");
        await supervisor.ChooseNetworkAsync("pavia");
        var home = await supervisor.GetAsync("/la-mia-area");
        Assert.Contains("attend", home.Text);
    }
}
