using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Bogus;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo opportunities: each network its own catalogue drawn from its seed (<see cref="DemoCatalogContent"/>), placed in
/// its Comuni so that every Comune has something, with dates that fit what they describe (a summer camp in summer, a
/// weekly course on its weekday, a Christmas workshop in December) relative to the day the demo is loaded.
/// </summary>
public static class DemoCatalog
{
    public enum WhenKind { Ongoing, Weekly, Once, Summer, OnDate }

    /// <summary>When an opportunity happens: an ongoing service (in words), weekly dates, one date, summer weeks, a day of the year.</summary>
    public sealed record When(WhenKind Kind, string? Text = null, DayOfWeek Day = DayOfWeek.Saturday, int Hour = 10, int Minute = 0, double Hours = 2,
        int Count = 1, int AfterDays = 4, int Month = 1, int DayOfMonth = 1);

    public static When Ongoing(string text) => new(WhenKind.Ongoing, text);
    public static When Weekly(DayOfWeek day, int hour, int minute, int count, double hours, int afterDays = 4) => new(WhenKind.Weekly, null, day, hour, minute, hours, count, afterDays);
    public static When Once(DayOfWeek day, int hour, int minute, double hours, int afterDays) => new(WhenKind.Once, null, day, hour, minute, hours, 1, afterDays);
    /// <summary>Weekly turns Monday 8.30 to Friday 16.30 from mid-June (this summer while it lasts, else the next).</summary>
    public static When Summer(int weeks) => new(WhenKind.Summer, null, DayOfWeek.Monday, 8, 30, 0, weeks);
    public static When OnDate(int month, int day, int hour, int minute, double hours) => new(WhenKind.OnDate, null, DayOfWeek.Monday, hour, minute, hours, 1, 0, month, day);

    /// <summary>
    /// One offer. <paramref name="Ages"/> "3-5" in years (both ends included) or "" for everyone; <paramref name="Cost"/>
    /// "" free, "80" paid, "80/60" reduced with the card; <paramref name="Publisher"/> a partner's exact name ("{C}"
    /// stands for the Comune); <paramref name="Comune"/> where it is, else the next Comune in turn.
    /// </summary>
    public sealed record Item(string Title, OpportunityKind Kind, string Area, string Ages, string Cost, string Publisher, When When, string Description,
        string Categories, int? Capacity = null, string? Comune = null, string? Place = null, bool Course = false);

    static readonly Dictionary<string, (double Lat, double Lon)> Places = new()
    {
        ["Portogruaro"] = (45.7766, 12.8378), ["Concordia Sagittaria"] = (45.7573, 12.8457), ["Caorle"] = (45.6003, 12.8862),
        ["Fossalta di Portogruaro"] = (45.7909, 12.9088), ["Gruaro"] = (45.8338, 12.8420), ["Teglio Veneto"] = (45.8160, 12.8833),
        ["Cinto Caomaggiore"] = (45.8290, 12.7858), ["Pramaggiore"] = (45.8140, 12.7352), ["Annone Veneto"] = (45.7960, 12.6870),
        ["San Stino di Livenza"] = (45.7292, 12.6899), ["San Michele al Tagliamento"] = (45.7634, 12.9950),
        ["Seveso"] = (45.6480, 9.1390), ["Besana in Brianza"] = (45.7010, 9.2900), ["Brugherio"] = (45.5520, 9.3010), ["Carate Brianza"] = (45.6760, 9.2380),
        ["Giussano"] = (45.6940, 9.2080), ["Limbiate"] = (45.5970, 9.1270), ["Muggiò"] = (45.5900, 9.2280),
        ["Bruino"] = (45.0190, 7.4660), ["Beinasco"] = (45.0230, 7.5870), ["Orbassano"] = (45.0070, 7.5360), ["Piossasco"] = (44.9900, 7.4640),
        ["Rivalta di Torino"] = (45.0320, 7.5220), ["Volvera"] = (44.9550, 7.5110),
        ["Lucca"] = (43.8430, 10.5050), ["Pavia"] = (45.1850, 9.1580),
    };

    public static List<Opportunity> Build(AllianceNetwork network, List<Partner> partners, List<NetworkArea> areas, Faker faker, DateTime now)
    {
        var today = DateOnly.FromDateTime(now.ToRome());
        var items = DemoCatalogContent.For(network.Slug, network.Comuni.Select(c => c.Name).ToList());
        var list = new List<Opportunity>();
        var turn = 0;
        foreach (var t in items)
        {
            var comune = t.Comune is { } named ? network.Comuni.First(c => c.Name == named) : network.Comuni[turn++ % network.Comuni.Count];
            var publisherName = t.Publisher.Replace("{C}", comune.Name);
            var publisher = partners.FirstOrDefault(p => p.Name == publisherName)
                ?? throw new InvalidOperationException($"Demo: no partner «{publisherName}» in {network.Slug} for «{t.Title}».");
            var id = Guid.NewGuid();
            var (from, to) = Ages(t.Ages);
            var (cost, price, reduced) = Cost(t.Cost);
            var centre = Places.GetValueOrDefault(comune.Name, (45.0, 10.0));
            var spread = network.Comuni.Count == 1 ? 0.02 : 0.008;
            var o = new Opportunity
            {
                Id = id, NetworkId = network.Id, PartnerId = publisher.Id, Kind = t.Kind, Title = t.Title, Description = t.Description,
                AreaId = areas.First(a => a.Code == t.Area).Id, Categories = t.Categories,
                AgeFromMonths = from * 12, AgeToMonths = to is { } y ? y * 12 + 11 : null,
                Cost = cost, Price = price, ReducedPrice = reduced, Status = OpportunityStatus.Published, IsCourse = t.Course,
                ContactEmail = publisher.Email, ContactPhone = publisher.Phone, Languages = "italiano",
                ScheduleText = t.When.Kind == WhenKind.Ongoing ? t.When.Text : null,
                CreatedAt = now, UpdatedAt = now, PublishedAt = now.AddDays(-faker.Random.Int(1, 60)),
                Comuni = [new OpportunityComune { OpportunityId = id, ComuneId = comune.Id }],
                Locations = [new OpportunityLocation { Id = Guid.NewGuid(), OpportunityId = id, Name = t.Place?.Replace("{C}", comune.Name) ?? publisher.Name,
                    Address = $"{publisher.Address}, {comune.Name}",
                    Latitude = Math.Round(centre.Item1 + faker.Random.Double(-spread, spread), 5), Longitude = Math.Round(centre.Item2 + faker.Random.Double(-spread, spread) * 1.4, 5) }],
            };
            foreach (var (start, end) in Dates(t.When, today))
                o.Sessions.Add(new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = id, StartsAt = start, EndsAt = end, Capacity = t.Capacity });
            o.SearchText = Text.SearchKey($"{o.Title} {o.Description} {o.Categories}");
            list.Add(o);
        }
        return list;
    }

    static (int? From, int? To) Ages(string ages)
    {
        if (string.IsNullOrEmpty(ages)) return (null, null);
        var parts = ages.Split('-');
        return (int.Parse(parts[0]), parts[1].Length == 0 ? null : int.Parse(parts[1]));
    }

    static (CostKind, decimal?, decimal?) Cost(string cost)
    {
        if (string.IsNullOrEmpty(cost)) return (CostKind.Free, null, null);
        var parts = cost.Split('/');
        var price = decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return parts.Length == 1 ? (CostKind.Paid, price, null)
            : (CostKind.ReducedWithCard, price, decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The dates (UTC) of an offer, from its description of when it happens, relative to <paramref name="today"/> (Rome).</summary>
    public static IEnumerable<(DateTime Start, DateTime End)> Dates(When w, DateOnly today)
    {
        var time = new TimeOnly(w.Hour, w.Minute);
        switch (w.Kind)
        {
            case WhenKind.Weekly:
            case WhenKind.Once:
            {
                var first = Next(today.AddDays(w.AfterDays), w.Day);
                for (var i = 0; i < w.Count; i++)
                {
                    var start = RomeTime.FromRome(first.AddDays(7 * i), time);
                    yield return (start, start.AddHours(w.Hours));
                }
                break;
            }
            case WhenKind.Summer:
            {
                // The camp runs from the Monday after 10 June; past mid-August the next summer's.
                var year = today.Month > 8 || (today.Month == 8 && today.Day > 15) ? today.Year + 1 : today.Year;
                var first = Next(new DateOnly(year, 6, 10), DayOfWeek.Monday);
                while (first < today.AddDays(3)) first = first.AddDays(7);
                for (var i = 0; i < w.Count; i++)
                {
                    var monday = first.AddDays(7 * i);
                    yield return (RomeTime.FromRome(monday, time), RomeTime.FromRome(monday.AddDays(4), new TimeOnly(16, 30)));
                }
                break;
            }
            case WhenKind.OnDate:
            {
                var day = new DateOnly(today.Year, w.Month, w.DayOfMonth);
                if (day < today.AddDays(3)) day = day.AddYears(1);
                var start = RomeTime.FromRome(day, time);
                yield return (start, start.AddHours(w.Hours));
                break;
            }
        }
    }

    static DateOnly Next(DateOnly from, DayOfWeek day)
    {
        while (from.DayOfWeek != day) from = from.AddDays(1);
        return from;
    }

    public static async Task IndexAsync(AppDbContext db, IEnumerable<Opportunity> opportunities)
    {
        foreach (var o in opportunities) await FullTextSearch.IndexAsync(db, o);
    }
}
