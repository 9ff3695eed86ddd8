using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Catalog;

public class ImageTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    /// <summary>A real, complete PNG file of the given size (grey pixels), as an image program writes it.</summary>
    public static byte[] Png(int width, int height)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++) { raw.WriteByte(0); raw.Write(Enumerable.Repeat((byte)0x80, width * 3).ToArray()); }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw.ToArray());
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // 8-bit RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Pictures_are_recognised_by_their_bytes()
    {
        Assert.Equal(new Images.Info("image/png", 640, 480), Images.Inspect(Png(640, 480)));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        Assert.Equal(new Images.Info("image/jpeg", 640, 480), Images.Inspect(jpeg));
        Assert.Null(Images.Inspect("GIF89a......................"u8));
        Assert.Null(Images.Inspect("<svg xmlns='http://www.w3.org/2000/svg'></svg>"u8));
        Assert.Equal("Il file non è un'immagine JPEG, PNG o WebP.", Images.Problem(100, null));
        Assert.StartsWith("L'immagine è troppo piccola", Images.Problem(100, new("image/png", 50, 50)));
        Assert.StartsWith("L'immagine supera i 2 MB", Images.Problem(3_000_000, new("image/png", 500, 500)));
    }

    [Fact]
    public void Random_bytes_never_break_the_inspection()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var prefixed = Gen.Elements<byte[]>([], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], "RIFF\0\0\0\0WEBPVP8X"u8.ToArray()).Sample(1, 1).First();
            _ = Images.Inspect(prefixed.Concat(bytes ?? []).ToArray());
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public async Task A_partner_uploads_a_picture_that_shows_on_the_public_page_and_bad_files_are_refused()
    {
        var staff = factory.NewClient();
        await staff.SignInOrFailAsync("referente@portogruaro.demo");
        await staff.ChooseNetworkAsync("portogruaro");
        var staffPartner = await factory.WithDbAsync(db => db.Memberships.Where(m => m.User!.Email == "referente@portogruaro.demo").Select(m => m.PartnerId!.Value).FirstAsync());
        var id = await factory.WithDbAsync(db => db.Opportunities.Where(o => o.PartnerId == staffPartner && o.Status == OpportunityStatus.Published).Select(o => o.Id).FirstAsync());
        var page = await staff.GetAsync($"/gestione/opportunita/{id}");
        var token = page.Document.QuerySelector("#image-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<TestClient.Page> UploadAsync(byte[] bytes, string name, string type)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "Image", name);
            var response = await staff.Http.PostAsync($"/gestione/opportunita/{id}?handler=Image", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return await staff.OpenAsync(response.Headers.Location!.OriginalString);
        }

        // A script disguised as a picture is refused, and nothing is stored.
        using (var fake = new MultipartFormDataContent())
        {
            fake.Add(new StringContent(token), "__RequestVerificationToken");
            var body = new ByteArrayContent("<script>alert(1)</script>"u8.ToArray());
            body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            fake.Add(body, "Image", "foto.png");
            var refused = await staff.Http.PostAsync($"/gestione/opportunita/{id}?handler=Image", fake);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Il file non è un'immagine JPEG, PNG o WebP.", html.QuerySelector("#Image-error")!.TextContent);
        }
        // (The demo's own generated picture is still the one stored.)
        Assert.Equal("image/jpeg", await factory.WithDbAsync(db => db.OpportunityImages.Where(i => i.OpportunityId == id).Select(i => i.ContentType).FirstAsync()));

        var png = Png(400, 300);
        var uploaded = await UploadAsync(png, "piscina.png", "image/png");
        Assert.Contains("Immagine caricata.", uploaded.Text);
        var stored = await factory.WithDbAsync(db => db.OpportunityImages.FirstAsync(i => i.OpportunityId == id));
        Assert.Equal((400, 300, "image/png"), (stored.Width, stored.Height, stored.ContentType));

        var publicPage = await factory.NewClient().GetAsync($"/opportunita/{id}?rete=portogruaro");
        var src = publicPage.Document.QuerySelector("img[itemprop=image]")!.GetAttribute("src")!;
        var image = await factory.NewClient().Http.GetAsync(src + "&rete=portogruaro");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }
}
