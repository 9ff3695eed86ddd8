using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Catalog.Search;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alleanza.Tests.Catalog;

/// <summary>
/// The in-memory catalogue follows every change: at once in the instance that made it, and in another instance
/// (its own memory over the same database) as soon as it reads the journal.
/// </summary>
public class SearchIndexTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Slug = "cidis";

    /// <summary>A second app instance: the same database, its own catalogues in memory.</summary>
    internal static SearchIndexes OtherInstance(AlleanzaFactory factory) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(new SearchIndexOptions()), new Alleanza.Web.Platform.AnonymousPageChanges(), NullLogger<SearchIndexes>.Instance);

    async Task<int> HereAsync(Guid network, SearchRequest request)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<OpportunitySearch>().SearchAsync(network, request)).Total;
    }

    static async Task<int> ThereAsync(SearchIndexes other, Guid network, SearchRequest request)
    {
        await other.PollAsync(CancellationToken.None);
        return (await other.ForAsync(network, CancellationToken.None)).Search(request, DateTime.UtcNow).Total;
    }

    [Fact]
    public async Task Every_change_reaches_this_instance_at_once_and_another_through_the_journal()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == Slug).Select(n => n.Id).FirstAsync());
        var other = OtherInstance(factory);
        Assert.True((await other.ForAsync(network, CancellationToken.None)).Count > 0);

        // A published opportunity with a future date that has places, renamed to a word nobody else uses.
        var (id, sessionId) = await factory.WithDbAsync(async db =>
        {
            var s = await db.OpportunitySessions.Where(s => s.StartsAt > DateTime.UtcNow.AddDays(1) && s.Capacity != null
                    && db.Opportunities.Any(o => o.Id == s.OpportunityId && o.NetworkId == network && o.Status == OpportunityStatus.Published))
                .OrderBy(s => s.Id).FirstAsync();
            var o = await db.Opportunities.FirstAsync(o => o.Id == s.OpportunityId);
            o.Title = "Laboratorio di falegnameria zqxwy";
            await db.SaveChangesAsync();
            return (o.Id, s.Id);
        });
        var byWord = new SearchRequest("zqxwy");
        Assert.Equal(1, await HereAsync(network, byWord));
        Assert.Equal(1, await ThereAsync(other, network, byWord));
        Assert.Equal(0, await HereAsync(network, new SearchRequest("zqxwy grattacielo")));

        // Its partner is renamed: the rows show the new name.
        var partner = await factory.WithDbAsync(async db =>
        {
            var p = await db.Partners.FirstAsync(p => db.Opportunities.Any(o => o.Id == id && o.PartnerId == p.Id));
            p.Name = "Ente rinominato zqxwy";
            await db.SaveChangesAsync();
            return p.Id;
        });
        using (var scope = factory.Services.CreateScope())
            Assert.Equal("Ente rinominato zqxwy", (await scope.ServiceProvider.GetRequiredService<OpportunitySearch>().SearchAsync(network, byWord)).Items.Single().Partner);
        await other.PollAsync(CancellationToken.None);
        Assert.Equal("Ente rinominato zqxwy", (await other.ForAsync(network, CancellationToken.None)).Names.Partners[partner]);

        // Its dates fill up: the "places left" filter leaves it out, here and there.
        var withPlaces = byWord with { WithPlaces = true };
        await factory.WithDbAsync(async db =>
        {
            foreach (var s in await db.OpportunitySessions.Where(s => s.OpportunityId == id).ToListAsync())
            {
                s.Capacity = Math.Max(1, s.Taken);
                s.Taken = s.Capacity.Value;
            }
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await HereAsync(network, withPlaces));
        Assert.Equal(0, await ThereAsync(other, network, withPlaces));

        // A Comune is added, then removed: its links go by cascade, and both instances read the network again.
        var comune = await factory.WithDbAsync(async db =>
        {
            var c = new Comune { Id = Guid.NewGuid(), NetworkId = network, Name = "Comune di prova zqxwy", IstatCode = "999999" };
            db.Comuni.Add(c);
            db.OpportunityComuni.Add(new OpportunityComune { OpportunityId = id, ComuneId = c.Id });
            await db.SaveChangesAsync();
            return c.Id;
        });
        var inComune = byWord with { ComuneId = comune };
        Assert.Equal(1, await HereAsync(network, inComune));
        Assert.Equal(1, await ThereAsync(other, network, inComune));
        using (var scope = factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<NetworkAdministration>().RemoveComuneAsync(network, comune));
        Assert.Equal(0, await HereAsync(network, inComune));
        Assert.Equal(0, await ThereAsync(other, network, inComune));
        Assert.Equal(1, await ThereAsync(other, network, byWord));

        // Archived: gone from both.
        await factory.WithDbAsync(async db =>
        {
            var o = await db.Opportunities.FirstAsync(o => o.Id == id);
            o.Status = OpportunityStatus.Archived;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await HereAsync(network, byWord));
        Assert.Equal(0, await ThereAsync(other, network, byWord));
        _ = sessionId;
    }

    [Fact]
    public async Task The_journal_keeps_only_a_day_of_lines()
    {
        await factory.WithDbAsync(async db =>
        {
            db.SearchIndexChanges.Add(new SearchIndexChange { OpportunityId = Guid.NewGuid(), ChangedAt = DateTime.UtcNow.AddDays(-2) });
            return await db.SaveChangesAsync();
        });
        var other = OtherInstance(factory);
        await other.PollAsync(CancellationToken.None);
        Assert.False(await factory.WithDbAsync(db => db.SearchIndexChanges.AnyAsync(c => c.ChangedAt < DateTime.UtcNow.AddDays(-1))));
    }
}

/// <summary>
/// On PostgreSQL two transactions can commit their journal lines out of id order. A line with a lower id that appears
/// after a higher one was read must still be read (its own class: the test writes ids by hand).
/// </summary>
public class SearchIndexJournalOrderTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    [Fact]
    public async Task A_line_committed_after_a_later_one_is_still_read()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "cidis").Select(n => n.Id).FirstAsync());
        var other = SearchIndexTests.OtherInstance(factory);
        var index = await other.ForAsync(network, CancellationToken.None);
        await other.PollAsync(CancellationToken.None);
        var (first, second) = await factory.WithDbAsync(async db =>
        {
            var ids = await db.Opportunities.Where(o => o.NetworkId == network && o.Status == OpportunityStatus.Published).OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var top = await factory.WithDbAsync(db => db.SearchIndexChanges.MaxAsync(c => (long?)c.Id)) ?? 0;

        // Renamed without the application (so without a journal line), then announced by hand: id top+3 first, top+2 later.
        async Task RenameAsync(Guid id, string title, long line) => await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Opportunities\" SET \"Title\" = {title} WHERE \"Id\" = {id}");
            return await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO \"SearchIndexChanges\" (\"Id\", \"Scope\", \"OpportunityId\", \"ChangedAt\") VALUES ({line}, 0, {id}, {DateTime.UtcNow})");
        });
        await RenameAsync(first, "Primo titolo kvjqa", top + 3);
        await other.PollAsync(CancellationToken.None);
        Assert.Equal(1, index.Search(new SearchRequest("kvjqa"), DateTime.UtcNow).Total);

        await RenameAsync(second, "Secondo titolo kvjqb", top + 2);
        await other.PollAsync(CancellationToken.None);
        Assert.Equal(1, index.Search(new SearchRequest("kvjqb"), DateTime.UtcNow).Total);

        if (factory.Provider == DatabaseProvider.Postgres)
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "SELECT setval(pg_get_serial_sequence('\"SearchIndexChanges\"', 'Id'), (SELECT MAX(\"Id\") FROM \"SearchIndexChanges\"))"));
    }
}
