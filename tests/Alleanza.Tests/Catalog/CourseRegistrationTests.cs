using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// Registration by name (the household's members ticked), for a whole course at once (all or none), and never for a
/// date already past — neither by a family nor when a partner adds a date.
/// </summary>
public class CourseRegistrationTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    /// <summary>A published activity of Portogruaro with the given dates (days from now; negative = past), each with this capacity.</summary>
    Task<(Guid Opportunity, List<Guid> Sessions)> ActivityAsync(bool course, int capacity, params int[] days) => factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "portogruaro");
        var partner = await db.Partners.Where(p => p.NetworkId == network.Id).Select(p => p.Id).FirstAsync();
        var area = await db.NetworkAreas.Where(a => a.NetworkId == network.Id).Select(a => a.Id).FirstAsync();
        var id = Guid.NewGuid();
        var now = DateTime.UtcNow;
        var sessions = days.Select(d => new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = id, StartsAt = now.AddDays(d), Capacity = capacity }).ToList();
        db.Opportunities.Add(new Opportunity
        {
            Id = id, NetworkId = network.Id, PartnerId = partner, AreaId = area, Kind = OpportunityKind.Activity, Title = $"Corso di prova {id:N}"[..24],
            Description = "Un corso di prova di più incontri.", Cost = CostKind.Free, Status = OpportunityStatus.Published, IsCourse = course,
            SearchText = "corso di prova", CreatedAt = now, UpdatedAt = now, PublishedAt = now, Sessions = sessions,
        });
        await db.SaveChangesAsync();
        return (id, sessions.OrderBy(s => s.StartsAt).Select(s => s.Id).ToList());
    });

    async Task<(TestClient Client, Guid UserId)> NewFamilyAsync()
    {
        var email = $"corso-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia di prova", CreatedAt = DateTime.UtcNow }, "famiglia-2026")).Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, "famiglia-2026");
        await client.ChooseNetworkAsync("portogruaro");
        return (client, id);
    }

    async Task<(TestClient Client, Guid UserId, Dictionary<string, Guid> Members)> DemoFamilyAsync()
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync("famiglia@portogruaro.demo");
        await client.ChooseNetworkAsync("portogruaro");
        var (userId, members) = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == "famiglia@portogruaro.demo").Select(u => u.Id).FirstAsync();
            var household = await db.Households.Include(h => h.Members).FirstAsync(h => h.OwnerUserId == user && db.Networks.Any(n => n.Id == h.NetworkId && n.Slug == "portogruaro"));
            return (user, household.Members.ToDictionary(m => m.FirstName, m => m.Id));
        });
        return (client, userId, members);
    }

    Task<List<Registration>> RegistrationsAsync(IEnumerable<Guid> sessions)
    {
        var ids = sessions.ToList();
        return factory.WithDbAsync(db => db.Registrations.Where(r => ids.Contains(r.SessionId)).ToListAsync());
    }

    static string DateForm(Guid session) => $"form[action*='handler=Register']:has(input[value='{session}'])";

    [Fact]
    public async Task A_family_ticks_its_members_by_name_and_the_places_are_the_people_ticked()
    {
        var (opportunity, sessions) = await ActivityAsync(course: false, capacity: 10, 20);
        var (family, userId, members) = await DemoFamilyAsync();
        var page = await family.GetAsync($"/opportunita/{opportunity}");
        var boxes = page.Document.QuerySelectorAll($"{DateForm(sessions[0])} input[type=checkbox][name='Registration.MemberIds']").ToList();
        Assert.Equal(4, boxes.Count);
        Assert.Contains(page.Document.QuerySelectorAll($"{DateForm(sessions[0])} label"), l => l.TextContent.Contains("Giulia Marchiori"));

        // Nobody ticked and no other names: the form says so.
        var none = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Registration.Participants"] = "" }, DateForm(sessions[0]));
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("Spunta chi partecipa, oppure scrivi i nomi di altre persone.", none.Errors);
        // Someone else's member: refused.
        var stranger = await factory.WithDbAsync(db => db.HouseholdMembers.Where(m => !members.Values.Contains(m.Id)).Select(m => m.Id).FirstAsync());
        var forged = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Registration.MemberIds"] = stranger.ToString() }, DateForm(sessions[0]));
        Assert.Contains("Scegli le persone dall'elenco del tuo nucleo familiare.", forged.Errors);
        Assert.Empty(await RegistrationsAsync(sessions));

        var done = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Registration.MemberIds"] = TestClient.Many(members["Giulia"], members["Elisa"]) }, DateForm(sessions[0]), follow: true);
        Assert.Contains("Iscrizione confermata", done.Text);
        var registration = Assert.Single(await RegistrationsAsync(sessions));
        Assert.Equal(2, registration.Places);
        Assert.Equal(userId, registration.UserId);
        Assert.Contains("Giulia Marchiori", registration.Participants);
        Assert.Contains("Elisa Marchiori", registration.Participants);
        Assert.Equal(2, await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.Id == sessions[0]).Select(s => s.Taken).FirstAsync()));
    }

    [Fact]
    public async Task A_course_is_registered_for_all_its_future_dates_at_once_or_on_the_waiting_list_of_all()
    {
        var (course, sessions) = await ActivityAsync(course: true, capacity: 3, -7, 10, 17, 24);
        var future = sessions.Skip(1).ToList();
        var (first, firstId) = await NewFamilyAsync();
        var page = await first.GetAsync($"/opportunita/{course}");
        Assert.Contains("È un corso", page.Text);
        Assert.Contains("Iscriviti a tutte le 3 date", page.Text);
        Assert.Null(page.Document.QuerySelector(DateForm(future[0]))); // no form per date
        var done = await first.SubmitAsync(page, new Dictionary<string, string?> { ["Registration.Places"] = "2", ["Registration.Participants"] = "Anna e Luca" },
            "form[aria-label='Iscrizione al corso']", follow: true);
        Assert.Contains("Iscrizione al corso confermata per tutte le 3 date", done.Text);
        var mine = await RegistrationsAsync(sessions);
        Assert.Equal(future.Order(), mine.Select(r => r.SessionId).Order());
        Assert.All(mine, r => Assert.Equal((RegistrationStatus.Confirmed, 2, firstId), (r.Status, r.Places, r.UserId)));
        Assert.Equal([0, 2, 2, 2], await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => sessions.Contains(s.Id)).OrderBy(s => s.StartsAt).Select(s => s.Taken).ToListAsync()));

        // Two more places do not fit: the second family waits on every date, and takes no place anywhere.
        var (second, secondId) = await NewFamilyAsync();
        var waiting = await second.SubmitAsync(await second.GetAsync($"/opportunita/{course}"), new Dictionary<string, string?> { ["Registration.Places"] = "2", ["Registration.Participants"] = "Sara e Piero" },
            "form[aria-label='Iscrizione al corso']", follow: true);
        Assert.Contains("sei in lista d'attesa", waiting.Text);
        Assert.All((await RegistrationsAsync(sessions)).Where(r => r.UserId == secondId), r => Assert.Equal(RegistrationStatus.Waiting, r.Status));
        Assert.Equal(3, (await RegistrationsAsync(sessions)).Count(r => r.UserId == secondId));
        Assert.Equal([0, 2, 2, 2], await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => sessions.Contains(s.Id)).OrderBy(s => s.StartsAt).Select(s => s.Taken).ToListAsync()));

        // One date already has one place taken by someone else: a family of one still fits the others, but not all: it waits everywhere.
        await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.Id == future[2]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, 3)));
        var (third, thirdId) = await NewFamilyAsync();
        await third.SubmitAsync(await third.GetAsync($"/opportunita/{course}"), new Dictionary<string, string?> { ["Registration.Places"] = "1", ["Registration.Participants"] = "Teo" }, "form[aria-label='Iscrizione al corso']");
        Assert.All((await RegistrationsAsync(sessions)).Where(r => r.UserId == thirdId), r => Assert.Equal(RegistrationStatus.Waiting, r.Status));
        Assert.Equal([0, 2, 2, 3], await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => sessions.Contains(s.Id)).OrderBy(s => s.StartsAt).Select(s => s.Taken).ToListAsync()));
    }

    [Fact]
    public async Task Ten_identical_course_registrations_make_one_per_date_and_take_the_places_once()
    {
        var (course, sessions) = await ActivityAsync(course: true, capacity: 10, 30, 37, 44);
        var (family, userId) = await NewFamilyAsync();
        var page = await family.GetAsync($"/opportunita/{course}");
        await Concurrently.SubmitAsync(family, page, new Dictionary<string, string?> { ["Registration.Places"] = "2", ["Registration.Participants"] = "Anna e Luca" }, "form[aria-label='Iscrizione al corso']");
        var live = (await RegistrationsAsync(sessions)).Where(r => r.UserId == userId && r.Status != RegistrationStatus.Cancelled).ToList();
        Assert.Equal(sessions.Order(), live.Select(r => r.SessionId).Order());
        Assert.Equal([2, 2, 2], await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => sessions.Contains(s.Id)).OrderBy(s => s.StartsAt).Select(s => s.Taken).ToListAsync()));
    }

    [Fact]
    public async Task A_date_already_past_is_refused_to_families_and_to_partners()
    {
        var (opportunity, sessions) = await ActivityAsync(course: false, capacity: 10, -1, 15);
        var (family, _) = await NewFamilyAsync();
        var page = await family.GetAsync($"/opportunita/{opportunity}");
        Assert.Null(page.Document.QuerySelector(DateForm(sessions[0])));
        Assert.Contains("Data passata: iscrizioni chiuse.", page.Text);
        // A post for the past date (an old tab, a script) is refused with a clear message and changes nothing.
        var forged = await family.SubmitAsync(page, new Dictionary<string, string?> { ["SessionId"] = sessions[0].ToString(), ["Registration.Places"] = "1", ["Registration.Participants"] = "Anna" }, DateForm(sessions[1]));
        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Contains(forged.Errors, e => e.Contains("è già passata: non ci si può più iscrivere"));
        Assert.Empty(await RegistrationsAsync(sessions));

        // The partner adding a date: yesterday is refused, a future one is added.
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var edit = await coordinator.GetAsync($"/gestione/opportunita/{opportunity}");
        var yesterday = RomeDate.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var refused = await coordinator.SubmitAsync(edit, new Dictionary<string, string?> { ["NewSession.Date"] = yesterday, ["NewSession.Start"] = "16:00", ["NewSession.End"] = "18:00" }, "form[action$='handler=AddSession']");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("è già passato: scegli un giorno e un'ora futuri"));
        Assert.Equal(2, await factory.WithDbAsync(db => db.OpportunitySessions.CountAsync(s => s.OpportunityId == opportunity)));
        var next = RomeDate.Today.AddDays(40).ToString("yyyy-MM-dd");
        var added = await coordinator.SubmitAsync(edit, new Dictionary<string, string?> { ["NewSession.Date"] = next, ["NewSession.Start"] = "16:00", ["NewSession.End"] = "18:00" }, "form[action$='handler=AddSession']", follow: true);
        Assert.Contains("Data aggiunta.", added.Text);

        // The course flag is in the partner's form and is kept.
        var flagged = await coordinator.SubmitAsync(added, new Dictionary<string, string?> { ["Input.IsCourse"] = "true" }, "form:has([name='Input.IsCourse'])", follow: true);
        Assert.True(await factory.WithDbAsync(db => db.Opportunities.Where(o => o.Id == opportunity).Select(o => o.IsCourse).FirstAsync()), string.Join(" | ", flagged.Errors));
    }
}
