using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// The monthly registration counts (<see cref="RegistrationMonth"/>) that the dashboard reads: kept on every save,
/// they must always equal a full recount, whatever happens to the registrations and to the opportunities' Comuni.
/// </summary>
public class RegistrationMonthTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Slug = "cidis";

    Task<List<(Guid Comune, int Month, RegistrationStatus Status, long Count)>> CountsAsync(Guid network) => factory.WithDbAsync(async db =>
        (await db.RegistrationMonths.AsNoTracking().Where(m => m.NetworkId == network).ToListAsync())
            .Where(m => m.Count != 0).Select(m => (m.ComuneId, m.Month, m.Status, m.Count))
            .OrderBy(x => x.ComuneId).ThenBy(x => x.Month).ThenBy(x => x.Status).ToList());

    async Task AssertEqualToRecountAsync(Guid network)
    {
        var kept = await CountsAsync(network);
        Assert.NotEmpty(kept);
        await factory.WithDbAsync(async db => { await RegistrationMonthRollup.RebuildAsync(db, network); return 0; });
        Assert.Equal(await CountsAsync(network), kept);
    }

    [Fact]
    public async Task Counts_kept_on_every_save_equal_a_full_recount_after_any_changes()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == Slug).Select(n => n.Id).FirstAsync());
        // The demo's registrations were counted as the demo saved them.
        await AssertEqualToRecountAsync(network);

        var random = new Random(20261204);
        await factory.WithDbAsync(async db =>
        {
            var comuni = await db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).Take(4).ToArrayAsync();
            var users = await db.Users.Select(u => u.Id).Take(20).ToArrayAsync();
            var opportunities = await db.Opportunities.Include(o => o.Comuni).Where(o => o.NetworkId == network).OrderBy(o => o.Title).Take(4).ToListAsync();
            var sessions = opportunities.Select(o =>
            {
                var session = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o.Id, StartsAt = DateTime.UtcNow.AddDays(random.Next(1, 60)) };
                db.OpportunitySessions.Add(session);
                return session;
            }).ToArray();
            await db.SaveChangesAsync();

            var registrations = new List<Registration>();
            // One live registration per person and session (a unique index): a change that would make a second one cancels it.
            bool LiveAlone(Registration r) => r.Status == RegistrationStatus.Cancelled
                || !registrations.Any(x => x != r && x.SessionId == r.SessionId && x.UserId == r.UserId && x.Status != RegistrationStatus.Cancelled);
            for (var step = 0; step < 200; step++)
            {
                switch (registrations.Count < 5 ? 0 : random.Next(6))
                {
                    case 0 or 1:
                        var added = new Registration
                        {
                            Id = Guid.NewGuid(), NetworkId = network, SessionId = random.GetItems(sessions, 1)[0].Id, UserId = random.GetItems(users, 1)[0],
                            Participants = "Bambini", Status = (RegistrationStatus)random.Next(1, 4), CreatedAt = DateTime.UtcNow.AddDays(-random.Next(0, 500)),
                        };
                        if (!LiveAlone(added)) added.Status = RegistrationStatus.Cancelled;
                        registrations.Add(added);
                        db.Registrations.Add(added);
                        break;
                    case 2:
                        var changing = random.GetItems(registrations.ToArray(), 1)[0];
                        changing.Status = (RegistrationStatus)random.Next(1, 4);
                        if (!LiveAlone(changing)) changing.Status = RegistrationStatus.Cancelled;
                        break;
                    case 3:
                        var gone = random.GetItems(registrations.ToArray(), 1)[0];
                        registrations.Remove(gone);
                        db.Registrations.Remove(gone);
                        break;
                    case 4:
                        // An opportunity gains a Comune (or its first one: it no longer serves every Comune).
                        var gaining = random.GetItems(opportunities.ToArray(), 1)[0];
                        var comune = random.GetItems(comuni, 1)[0];
                        if (gaining.Comuni.All(c => c.ComuneId != comune)) gaining.Comuni.Add(new OpportunityComune { OpportunityId = gaining.Id, ComuneId = comune });
                        break;
                    default:
                        // An opportunity loses a Comune (or its last one: it then serves every Comune); it may gain it back in the same save.
                        var losing = random.GetItems(opportunities.ToArray(), 1)[0];
                        if (losing.Comuni.Count > 0) losing.Comuni.RemoveAt(random.Next(losing.Comuni.Count));
                        break;
                }
                // Several changes in one save, sometimes.
                if (random.Next(3) == 0) await db.SaveChangesAsync();
            }
            await db.SaveChangesAsync();
            return 0;
        });
        await AssertEqualToRecountAsync(network);
    }

    [Fact]
    public async Task Cancelling_with_promotion_from_the_waiting_list_and_removing_a_Comune_keep_the_counts()
    {
        var (network, registration, user, comune) = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == Slug).Select(n => n.Id).FirstAsync();
            // A confirmed registration whose date has a waiting list, when the demo has one: cancelling it promotes the first in line.
            var registration = await db.Registrations.Where(r => r.NetworkId == network && r.Status == RegistrationStatus.Confirmed)
                .OrderByDescending(r => db.Registrations.Any(w => w.SessionId == r.SessionId && w.Status == RegistrationStatus.Waiting))
                .Select(r => new { r.Id, r.UserId, r.SessionId }).FirstAsync();
            // A new Comune served by that opportunity only, so that removing it takes nothing else with it.
            var comune = new Comune { Id = Guid.NewGuid(), NetworkId = network, Name = "Comune di prova" };
            db.Comuni.Add(comune);
            var opportunity = await db.OpportunitySessions.Where(s => s.Id == registration.SessionId).Select(s => s.OpportunityId).FirstAsync();
            db.OpportunityComuni.Add(new OpportunityComune { OpportunityId = opportunity, ComuneId = comune.Id });
            await db.SaveChangesAsync();
            return (network, registration.Id, registration.UserId, comune.Id);
        });
        Assert.Contains(await CountsAsync(network), c => c.Comune == comune);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(CancelOutcome.Cancelled, await scope.ServiceProvider.GetRequiredService<Registrations>().CancelAsync(registration, user));
            Assert.True(await scope.ServiceProvider.GetRequiredService<NetworkAdministration>().RemoveComuneAsync(network, comune));
        }
        Assert.DoesNotContain(await CountsAsync(network), c => c.Comune == comune);
        await AssertEqualToRecountAsync(network);
    }
}
