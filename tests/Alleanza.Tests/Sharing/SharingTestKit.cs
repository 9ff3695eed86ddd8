using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Sharing.Exchange;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Alleanza.Tests.Sharing;

/// <summary>Families, posts and pictures for the Condividi tests.</summary>
public sealed class SharingTestKit(AlleanzaFactory factory)
{
    public const string Password = "condividi-2026";

    public sealed record Person(TestClient Client, string Email, Guid UserId, Guid NetworkId);

    /// <summary>A clock the test moves (the notification jobs take it as a parameter).</summary>
    public sealed class MovedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    /// <summary>A signed-in family of the network, with a household (a child of <paramref name="childYears"/>) in the network's first Comune.</summary>
    public async Task<Person> FamilyAsync(string network = "lucca", int childYears = 3, bool household = true, NetworkRole? role = NetworkRole.Family, Guid? partnerId = null)
    {
        var email = $"condividi-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        var networkId = await NetworkAsync(network);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Marta Rossi", CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Platform.Data.AppDbContext>();
            if (role is { } r) db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = id, NetworkId = networkId, Role = r, PartnerId = partnerId, CreatedAt = DateTime.UtcNow });
            if (household)
            {
                var comune = await db.Comuni.Where(c => c.NetworkId == networkId).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
                var h = new Household { Id = Guid.NewGuid(), NetworkId = networkId, OwnerUserId = id, ComuneId = comune, PrivacyVersion = "test", PrivacyConsentAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                db.Households.Add(h);
                db.HouseholdMembers.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = h.Id, Role = MemberRole.Child, FirstName = "Leo", LastName = "Rossi", BirthDate = RomeDate.Today.AddYears(-childYears).AddDays(-20) });
            }
            await db.SaveChangesAsync();
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync(network);
        return new(client, email, id, networkId);
    }

    /// <summary>The network's rules for these tests (no moderation of new families unless asked).</summary>
    public Task SettingsAsync(Guid networkId, bool moderateNew = false, string watchWords = "", int perWeek = 50, int carSeatYears = 10) =>
        factory.WithDbAsync(async db =>
        {
            var row = await db.SharingSettings.FirstOrDefaultAsync(s => s.NetworkId == networkId);
            if (row is null) db.SharingSettings.Add(row = new SharingSettings { NetworkId = networkId });
            row.ModerateNewFamilies = moderateNew;
            row.WatchWords = watchWords;
            row.PostsPerWeek = perWeek;
            row.CarSeatMaxYears = carSeatYears;
            return await db.SaveChangesAsync();
        });

    public static Dictionary<string, string?> Gift(string title, string category = "Toys", string kind = "Gift") => new()
    {
        ["Input.Kind"] = kind, ["Input.Category"] = category, ["Input.Title"] = title,
        ["Input.Description"] = "In ottime condizioni, usato poco: lo regaliamo volentieri a chi ne ha bisogno.",
        ["Input.AgeFromYears"] = "1", ["Input.AgeToYears"] = "4", ["Input.HandOver"] = "AtHome", ["Input.Quantity"] = "1",
    };

    /// <summary>Posts the new-post form as multipart (with optional photos); returns the response.</summary>
    public static async Task<HttpResponseMessage> PublishAsync(TestClient client, Dictionary<string, string?> values, params (string Name, byte[] Data)[] photos)
    {
        var page = await client.GetAsync("/condividi/nuovo");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var (target, fields) = TestClient.FormOf(page, values, "#nuovo-annuncio");
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (name, data) in photos)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "Photos", name);
        }
        return await client.Http.PostAsync(target, form);
    }

    /// <summary>Publishes and returns the new post's id (the redirect's last segment), failing with the page's errors otherwise.</summary>
    public static async Task<Guid> PublishedAsync(TestClient client, Dictionary<string, string?> values, params (string Name, byte[] Data)[] photos)
    {
        var response = await PublishAsync(client, values, photos);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await TestClient.ReadAsync(response);
            Assert.Fail("Not published: " + string.Join(" | ", page.Errors));
        }
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
    }

    /// <summary>A 640×480 JPEG with an EXIF block holding the camera's make and a GPS position (what the server must strip).</summary>
    public static byte[] JpegWithGps()
    {
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 120, 200));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(320, 240, 150, paint);
        }
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 85);
        var jpeg = data.ToArray();
        var app1 = ExifWithGps();
        // SOI, then the APP1 (Exif) segment, then the rest of the encoded file.
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    public const string CameraMake = "SpyPhone-GPS-Maker";

    static byte[] ExifWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v & 0xFF)); tiff.Add((byte)(v >> 8)); }
        void U32(long v) { for (var i = 0; i < 4; i++) tiff.Add((byte)((v >> (8 * i)) & 0xFF)); }
        var make = System.Text.Encoding.ASCII.GetBytes(CameraMake + "\0");
        // Header: little endian, 42, IFD0 at 8.
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0: 2 entries (Make, GPSInfo) → 2 + 2*12 + 4 = 30 bytes, ends at 38; Make's text at 38; GPS IFD after it.
        var makeAt = 38;
        var gpsAt = makeAt + make.Length;
        U16(2);
        U16(0x010F); U16(2); U32(make.Length); U32(makeAt);
        U16(0x8825); U16(4); U32(1); U32(gpsAt);
        U32(0);
        tiff.AddRange(make);
        // GPS IFD: LatitudeRef 'N', Latitude 43/1 50/1 0/1 → 2 + 2*12 + 4 = 30 bytes, rationals after.
        var rationalsAt = gpsAt + 30;
        U16(2);
        U16(1); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(2); U16(5); U32(3); U32(rationalsAt);
        U32(0);
        foreach (var (n, d) in new[] { (43, 1), (50, 1), (0, 1) }) { U32(n); U32(d); }
        var payload = new List<byte>();
        payload.AddRange("Exif\0\0"u8.ToArray());
        payload.AddRange(tiff);
        var length = payload.Count + 2;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. payload];
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
