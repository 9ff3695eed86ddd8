using System.Text.RegularExpressions;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Platform;

/// <summary>
/// The demo data is believable: each network its own catalogue of 40–80 opportunities (no title shared with another
/// network, none repeated, no generated «(88)» suffixes), something in every Comune, a small picture for each, dates
/// that fit (summer camps in summer, every date ahead of the load), real-sounding partner and shop names.
/// </summary>
public class DemoDataTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    /// <summary>A generated «(88)» suffix (names such as «Istituto Comprensivo Lucca 3» are real).</summary>
    static readonly Regex NumberSuffix = new(@"\(\d+\)");

    [Fact]
    public async Task Every_network_has_its_own_catalogue_with_something_in_every_Comune()
    {
        var rows = await factory.WithDbAsync(db => db.Opportunities.AsNoTracking().Where(o => o.Status == OpportunityStatus.Published)
            .Select(o => new { Network = db.Networks.Where(n => n.Id == o.NetworkId).Select(n => n.Slug).First(), o.Title, o.Description, Comuni = o.Comuni.Select(c => c.ComuneId).ToList() })
            .ToListAsync());
        var comuni = await factory.WithDbAsync(db => db.Comuni.AsNoTracking().Select(c => new { c.Id, c.Name, Network = db.Networks.Where(n => n.Id == c.NetworkId).Select(n => n.Slug).First() }).ToListAsync());
        foreach (var slug in new[] { "portogruaro", "brianza", "cidis", "lucca", "pavia" })
        {
            var mine = rows.Where(r => r.Network == slug).ToList();
            Assert.InRange(mine.Count, 40, 80);
            Assert.Equal(mine.Count, mine.Select(r => r.Title).Distinct().Count()); // no title twice
            Assert.All(mine, r => Assert.DoesNotMatch(NumberSuffix, r.Title));
            Assert.All(mine, r => Assert.True(r.Description.Length > 40, r.Title));
            var others = rows.Where(r => r.Network != slug).Select(r => r.Title).ToHashSet();
            Assert.All(mine, r => Assert.DoesNotContain(r.Title, others)); // no cloned catalogue
            // Comuni created by other tests of this class have no demo data; the demo's own all have something.
            foreach (var comune in comuni.Where(c => c.Network == slug))
                Assert.True(mine.Any(r => r.Comuni.Contains(comune.Id)), $"{slug}: nothing in {comune.Name}");
        }
    }

    [Fact]
    public async Task Every_opportunity_has_a_small_picture_and_dates_that_fit()
    {
        var now = DateTime.UtcNow;
        var pictures = await factory.WithDbAsync(db => db.OpportunityImages.AsNoTracking().Select(i => new { i.OpportunityId, i.ContentType, Size = i.Data.Length, i.Width, i.Height }).ToListAsync());
        var opportunities = await factory.WithDbAsync(db => db.Opportunities.AsNoTracking().Select(o => o.Id).ToListAsync());
        Assert.All(opportunities, id => Assert.Contains(pictures, p => p.OpportunityId == id));
        Assert.All(pictures, p =>
        {
            Assert.Equal("image/jpeg", p.ContentType);
            Assert.InRange(p.Size, 2_000, 40_000);
            Assert.Equal((800, 360), (p.Width, p.Height));
        });
        var data = await factory.WithDbAsync(db => db.OpportunityImages.AsNoTracking().Select(i => i.Data).FirstAsync());
        Assert.Equal(new Images.Info("image/jpeg", 800, 360), Images.Inspect(data));

        var sessions = await factory.WithDbAsync(db => db.OpportunitySessions.AsNoTracking()
            .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { o.Title, o.Categories, s.StartsAt, s.EndsAt }).ToListAsync());
        Assert.All(sessions, s => Assert.True(s.StartsAt > now && s.EndsAt > s.StartsAt, s.Title));
        var summer = sessions.Where(s => s.Categories != null && s.Categories.Contains("estate")).ToList();
        Assert.NotEmpty(summer);
        Assert.All(summer, s => Assert.InRange(s.StartsAt.ToRome().Month, 6, 8));
        var weekly = sessions.Where(s => s.Title == "Corso di nuoto per bambini").Select(s => s.StartsAt.ToRome()).Order().ToList();
        Assert.Equal(4, weekly.Count);
        Assert.All(weekly, d => Assert.Equal(weekly[0].DayOfWeek, d.DayOfWeek)); // the same weekday, week after week
        Assert.All(weekly.Zip(weekly.Skip(1)), p => Assert.Equal(7, (p.Second.Date - p.First.Date).Days));
    }

    [Fact]
    public async Task Partners_and_shops_have_real_sounding_names()
    {
        var partners = await factory.WithDbAsync(db => db.Partners.AsNoTracking().Select(p => new { p.Name, p.PostalCode }).ToListAsync());
        var shops = await factory.WithDbAsync(db => db.Shops.AsNoTracking().Select(s => s.Name).ToListAsync());
        Assert.Contains(partners, p => p.Name == "ASD Nuoto Portogruaro");
        Assert.All(partners, p => Assert.DoesNotMatch(NumberSuffix, p.Name));
        Assert.All(partners, p => Assert.Matches(@"^\d{5}$", p.PostalCode ?? ""));
        Assert.All(shops, s => Assert.DoesNotMatch(@"\(\d+\)|\s\d+$", s)); // no «Shop — Comune 2»
        Assert.Equal(shops.Count, shops.Distinct().Count());
        Assert.Equal(48, await factory.WithDbAsync(db => db.Partners.CountAsync(p => db.Networks.Any(n => n.Id == p.NetworkId && n.Slug == "portogruaro"))));
    }
}
