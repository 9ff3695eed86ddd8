using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// The families' list is filtered and ordered in memory (<see cref="SharingListIndexes"/>): these tests hold it to the rules the
/// database query had — the same posts, in the same order, for every filter — and check that every change reaches it: a
/// change made here at once, a change made by another app instance through the journal.
/// </summary>
public class SharingListTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    readonly SharingTestKit kit = new(factory);

    static List<string> Titles(TestClient.Page page) => page.Document.QuerySelectorAll(".card-title a").Select(a => a.TextContent).ToList();
    static string Count(TestClient.Page page) => page.Document.QuerySelector("p[role=status]")!.TextContent.Trim();

    [Fact]
    public async Task The_list_in_memory_gives_the_same_posts_in_the_same_order_as_the_rules_of_the_list_for_every_filter()
    {
        var network = await kit.NetworkAsync("brianza");
        await kit.SettingsAsync(network);
        var parent = await kit.FamilyAsync("brianza", childYears: 4);
        var owner = await kit.FamilyAsync("brianza");
        var comuni = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network).OrderBy(c => c.Name).Select(c => c.Id).Take(3).ToListAsync());
        Assert.True(comuni.Count >= 2, "the test needs a network of several Comuni");
        // 80 posts over three Comuni (the family's first), every kind, some categories, ages, statuses and two words.
        var start = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        PostKind[] kinds = [PostKind.Gift, PostKind.Loan, PostKind.Swap, PostKind.Request];
        PostCategory[] categories = [PostCategory.Toys, PostCategory.Books, PostCategory.Clothes, PostCategory.Strollers, PostCategory.Shoes];
        PostStatus[] statuses = [PostStatus.Published, PostStatus.Published, PostStatus.Promised, PostStatus.Published, PostStatus.Withdrawn, PostStatus.Moderation, PostStatus.Published];
        await factory.WithDbAsync(db =>
        {
            for (var i = 0; i < 80; i++)
            {
                var title = $"Lista {i:00} {(i % 3 == 0 ? "bicicletta" : i % 3 == 1 ? "puzzle" : "libro")}";
                (int?, int?) ages = (i % 5) switch { 0 => (null, null), 1 => (0, 12), 2 => (36, 72), 3 => (120, null), _ => (null, 60) };
                db.SharingPosts.Add(new SharingPost
                {
                    Id = Guid.NewGuid(), NetworkId = network, OwnerUserId = owner.UserId, Kind = kinds[i % 4], Category = categories[i % 5], Title = title,
                    Description = "Annuncio della prova della lista.", SearchText = SharingPost.SearchKeyOf(title, "Annuncio della prova della lista."),
                    AgeFromMonths = ages.Item1, AgeToMonths = ages.Item2, ComuneId = comuni[i % comuni.Count], HandOver = HandOverMode.AtHome, Quantity = 1,
                    Status = statuses[i % statuses.Length], CreatedAt = start, PublishedAt = start.AddMinutes(i * 7 % 80), ExpiresAt = DateTime.UtcNow.AddDays(30),
                });
            }
            return db.SaveChangesAsync();
        });

        FamilyProfile profile;
        using (var scope = factory.Services.CreateScope())
            profile = (await scope.ServiceProvider.GetRequiredService<FamilyProfiles>().ForAsync(network, parent.UserId))!;
        var months = profile.Children.Select(c => c.AgeMonths).ToList();
        var (youngest, oldest) = (months.Min(), months.Max());
        var available = await factory.WithDbAsync(db => db.SharingPosts.AsNoTracking()
            .Where(p => p.NetworkId == network && (p.Status == PostStatus.Published || p.Status == PostStatus.Promised)).ToListAsync());
        bool SuitsRange(SharingPost p) => (p.AgeFromMonths != null || p.AgeToMonths != null)
            && (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest);

        // The list's rules: the family's Comune first (what suits the children first), then the rest of the network; each by status, then newest first.
        (List<string> Titles, int Total) Expected(Func<SharingPost, bool> filter, int page)
        {
            var matching = available.Where(filter).ToList();
            var mine = matching.Where(p => p.ComuneId == profile.ComuneId)
                .OrderByDescending(SuitsRange).ThenBy(p => p.Status).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.Id).ToList();
            var rest = matching.Where(p => p.ComuneId != profile.ComuneId).OrderBy(p => p.Status).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.Id).ToList();
            return (mine.Concat(rest).Skip((page - 1) * SearchPosts.PageSize).Take(SearchPosts.PageSize).Select(p => p.Title).ToList(), mine.Count + rest.Count);
        }

        var cases = new (string Query, Func<SharingPost, bool> Filter, int Page)[]
        {
            ("", _ => true, 1),
            ("?pagina=2", _ => true, 2),
            ("?per-noi=true", p => (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest), 1),
            ("?tipo=Loan", p => p.Kind == PostKind.Loan, 1),
            ("?tipo=Request&categoria=Books", p => p.Kind == PostKind.Request && p.Category == PostCategory.Books, 1),
            ("?categoria=Toys", p => p.Category == PostCategory.Toys, 1),
            ("?q=Bicicletta", p => p.SearchText.Contains("bicicletta"), 1),
            ("?q=lista+0", p => p.SearchText.Contains("lista 0"), 1),
            ("?q=nessuna-parola-cosi", _ => false, 1),
            ($"?comune={comuni[^1]}&tipo=Gift", p => p.ComuneId == comuni[^1] && p.Kind == PostKind.Gift, 1),
            ("?q=puzzle&per-noi=true", p => p.SearchText.Contains("puzzle") && (p.AgeFromMonths == null || p.AgeFromMonths <= oldest) && (p.AgeToMonths == null || p.AgeToMonths >= youngest), 1),
        };
        foreach (var (query, filter, page) in cases)
        {
            var list = await parent.Client.GetAsync("/condividi" + query);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            var (titles, total) = Expected(filter, page);
            Assert.True(titles.SequenceEqual(Titles(list)), $"{query}: expected {string.Join(", ", titles)} — got {string.Join(", ", Titles(list))}");
            Assert.Equal(total == 1 ? "1 annuncio" : $"{total} annunci", Count(list));
        }
        Assert.Contains(Titles(await parent.Client.GetAsync("/condividi")), t => t.StartsWith("Lista"));
    }

    [Fact]
    public async Task A_change_reaches_the_list_at_once_here_and_through_the_journal_from_another_instance()
    {
        var network = await kit.NetworkAsync("cidis");
        await kit.SettingsAsync(network);
        var giver = await kit.FamilyAsync("cidis");
        var reader = await kit.FamilyAsync("cidis");
        async Task<int> TotalAsync() => int.Parse(new string(Count(await reader.Client.GetAsync("/condividi")).TakeWhile(char.IsDigit).ToArray()));

        var before = await TotalAsync();
        // Published here: in the next list.
        var id = await SharingTestKit.PublishedAsync(giver.Client, SharingTestKit.Gift("Triciclo rosso da giardino"));
        var list = await reader.Client.GetAsync("/condividi?q=triciclo");
        Assert.Equal(["Triciclo rosso da giardino"], Titles(list));
        Assert.Equal(before + 1, await TotalAsync());

        // Withdrawn by its family here: gone from the next list.
        var page = await giver.Client.GetAsync($"/condividi/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await giver.Client.SubmitAsync(page, new Dictionary<string, string?>(), "form[action*=Withdraw]")).Status);
        Assert.Empty(Titles(await reader.Client.GetAsync("/condividi?q=triciclo")));
        Assert.Equal(before, await TotalAsync());

        // Another instance publishes it again: the row and its journal line, written by that instance's own SQL (nothing happens in
        // this process), reach this instance's list within its poll.
        await factory.WithDbAsync(async db =>
        {
            await db.SharingPosts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Published).SetProperty(p => p.PublishedAt, DateTime.UtcNow));
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"SharingPostChanges\" (\"NetworkId\", \"PostId\", \"ChangedAt\") VALUES ({0}, {1}, {2})", network, id, DateTime.UtcNow);
            return 0;
        });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await TotalAsync() != before + 1 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(before + 1, await TotalAsync());
        Assert.Equal(["Triciclo rosso da giardino"], Titles(await reader.Client.GetAsync("/condividi?q=triciclo")));
    }
}
