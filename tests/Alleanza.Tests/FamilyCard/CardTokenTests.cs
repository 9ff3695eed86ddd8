using System.Security.Cryptography;
using Alleanza.Web.Modules.FamilyCard;
using FsCheck;
using FsCheck.Fluent;
using static Alleanza.Web.Modules.FamilyCard.CardTokens;
using Outcome = Alleanza.Web.Modules.FamilyCard.CardTokens.Outcome;

namespace Alleanza.Tests.FamilyCard;

/// <summary>The QR format as plain code: forgery, expiry, replayed screenshots, another network's key, mutations.</summary>
public class CardTokenTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    sealed class Setup
    {
        public readonly ECDsa Network = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public readonly ECDsa Other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public readonly ECDsa Device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public readonly Guid Card = Guid.NewGuid();
        public readonly Guid DeviceId = Guid.NewGuid();

        public KeyLookup Keys => kid => kid switch
        {
            "pg-1" => new PublicKey("portogruaro", Network.ExportSubjectPublicKeyInfo()),
            "br-1" => new PublicKey("brianza", Other.ExportSubjectPublicKeyInfo()),
            _ => null,
        };

        public CredentialClaims Claims(string kid = "pg-1", string network = "portogruaro", DateTimeOffset? expires = null) => new()
        {
            Kid = kid, Network = network, CardId = Card, DeviceId = DeviceId,
            DevicePublicKey = System.Buffers.Text.Base64Url.EncodeToString(RawPublicKey(Device)),
            ExpiresAt = (expires ?? Now.AddYears(5)).ToUnixTimeSeconds(),
        };

        public string Live(DateTimeOffset? shownAt = null, ECDsa? signer = null, CredentialClaims? claims = null, ECDsa? device = null) =>
            Present(SignCredential(claims ?? Claims(), signer ?? Network), shownAt ?? Now, device ?? Device);
    }

    [Fact]
    public void A_fresh_code_from_the_activated_phone_is_valid()
    {
        var s = new Setup();
        var result = Check(s.Live(), s.Keys, Now.AddSeconds(5));
        Assert.Equal(Outcome.Valid, result.Outcome);
        Assert.Equal(s.Card, result.CardId);
        Assert.Equal(s.DeviceId, result.DeviceId);
        Assert.Equal("portogruaro", result.Network);
    }

    [Fact]
    public void A_screenshot_older_than_a_minute_is_refused_and_a_clock_far_ahead_too()
    {
        var s = new Setup();
        Assert.Equal(Outcome.Valid, Check(s.Live(), s.Keys, Now.AddSeconds(59)).Outcome);
        Assert.Equal(Outcome.TooOld, Check(s.Live(), s.Keys, Now.AddSeconds(61)).Outcome);
        Assert.Equal(Outcome.FromTheFuture, Check(s.Live(Now.AddMinutes(5)), s.Keys, Now).Outcome);
    }

    [Fact]
    public void An_expired_credential_is_refused()
    {
        var s = new Setup();
        Assert.Equal(Outcome.CredentialExpired, Check(s.Live(claims: s.Claims(expires: Now.AddDays(-1))), s.Keys, Now).Outcome);
    }

    [Fact]
    public void A_credential_signed_with_another_key_is_refused()
    {
        var s = new Setup();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Signed by a key nobody published, under Portogruaro's key id:
        Assert.Equal(Outcome.BadSignature, Check(s.Live(signer: stranger), s.Keys, Now).Outcome);
        // Signed by a key id nobody published:
        Assert.Equal(Outcome.UnknownKey, Check(s.Live(signer: stranger, claims: s.Claims(kid: "xx-9")), s.Keys, Now).Outcome);
        // Signed by Brianza's real key but claiming to be a Portogruaro card:
        Assert.Equal(Outcome.WrongNetworkKey, Check(s.Live(signer: s.Other, claims: s.Claims(kid: "br-1")), s.Keys, Now).Outcome);
    }

    [Fact]
    public void A_copied_credential_shown_from_another_phone_is_refused()
    {
        var s = new Setup();
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(Outcome.BadDeviceSignature, Check(s.Live(device: thief), s.Keys, Now).Outcome);
    }

    [Fact]
    public void A_printed_code_is_authentic_but_asks_for_a_document()
    {
        var s = new Setup();
        var printed = PrintedCode(new PrintedClaims { Kid = "pg-1", Network = "portogruaro", CardId = s.Card, IssuedAt = Now.ToUnixTimeSeconds() }, s.Network);
        var result = Check(printed, s.Keys, Now.AddYears(1));
        Assert.Equal(Outcome.ValidPrinted, result.Outcome);
        Assert.Equal(s.Card, result.CardId);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(Outcome.BadSignature, Check(PrintedCode(new PrintedClaims { Kid = "pg-1", Network = "portogruaro", CardId = s.Card }, stranger), s.Keys, Now).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CF1")]
    [InlineData("CF1....")]
    [InlineData("CF1.a.b.c.d")]
    [InlineData("CFP1.e30.AAAA")]
    [InlineData("https://example.org/")]
    [InlineData("K7F3-9Q2M-XH4T")]
    public void Garbage_is_malformed_not_an_exception(string? token) =>
        Assert.Equal(Outcome.Malformed, Check(token, new Setup().Keys, Now).Outcome);

    [Fact]
    public void Truncated_codes_never_verify()
    {
        var s = new Setup();
        var token = s.Live();
        for (var length = 0; length < token.Length; length++)
            Assert.False(Check(token[..length], s.Keys, Now).Authentic, $"Truncated to {length} characters it verified.");
    }

    /// <summary>Property: any change of one character (replace, delete or insert) gives a code that does not verify.</summary>
    [Fact]
    public void No_mutated_code_verifies()
    {
        // (It found two real weaknesses: non-canonical base64 padding bits, and a leading space that Check trimmed.)
        var s = new Setup();
        var token = s.Live();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        var mutations = from position in Gen.Choose(0, token.Length - 1)
                        from kind in Gen.Choose(0, 2)
                        from c in Gen.Elements(alphabet.ToCharArray())
                        select kind switch
                        {
                            0 => token[..position] + c + token[(position + 1)..],
                            1 => token.Remove(position, 1),
                            _ => token.Insert(position, c.ToString()),
                        };
        var property = Prop.ForAll(mutations.Where(m => m != token).ToArbitrary(), mutated => !Check(mutated, s.Keys, Now).Authentic);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    /// <summary>The other valid ECDSA signature of the same data: (r, s) → (r, n − s) on P-256, in the P1363 layout r‖s.</summary>
    public static string Malleate(string base64UrlSignature)
    {
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(base64UrlSignature);
        var sValue = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var flipped = (n - sValue).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[64];
        signature.AsSpan(0, 32).CopyTo(result);
        flipped.CopyTo(result.AsSpan(64 - flipped.Length));
        return System.Buffers.Text.Base64Url.EncodeToString(result);
    }

    /// <summary>Every spelling of a code that someone could make from an accepted one without the phone's key.</summary>
    public static IEnumerable<string> Respellings(string code)
    {
        var p = code.Split('.');
        string Join(params string[] parts) => string.Join('.', parts);
        yield return Join(p[0], p[1], p[2], p[3], Malleate(p[4]));            // device signature (r, n − s)
        yield return Join(p[0], p[1], Malleate(p[2]), p[3], p[4]);            // network signature (r, n − s): the device signed the old one
        yield return Join(p[0], p[1], Malleate(p[2]), p[3], Malleate(p[4]));
        yield return Join(p[0], p[1], p[2], "0" + p[3], p[4]);                // leading zero in the time
        yield return Join(p[0], p[1], p[2], "+" + p[3], p[4]);
        yield return Join(p[0], p[1] + "=", p[2], p[3], p[4]);                // padding
        yield return Join(p[0], p[1], p[2], p[3], p[4] + "==");
        yield return Join(p[0], p[1].Replace('-', '+').Replace('_', '/'), p[2], p[3], p[4]); // standard base64 alphabet
        yield return code.ToLowerInvariant();
        yield return code.ToUpperInvariant();
        yield return code[..3].ToLowerInvariant() + code[3..];
        yield return " " + code;
        yield return code + "\n";
        yield return code.Replace(".", ". ");
        yield return code + ".";
        yield return Join(p[0], p[1], p[2], p[3], p[4], "x");
    }

    [Fact]
    public void A_respelled_code_is_refused_or_has_the_same_replay_key()
    {
        var s = new Setup();
        var property = Prop.ForAll(Gen.Choose(0, 600).ToArbitrary(), seconds =>
        {
            var code = s.Live(Now.AddSeconds(-seconds % 55));
            var original = Check(code, s.Keys, Now);
            Assert.Equal(Outcome.Valid, original.Outcome);
            Assert.NotNull(original.ReplayKey);
            foreach (var other in Respellings(code).Where(c => c != code))
            {
                var result = Check(other, s.Keys, Now);
                Assert.True(!result.Authentic || result.ReplayKey == original.ReplayKey, $"{other} verified as a new code");
            }
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), property);
    }

    [Fact]
    public void The_replay_key_is_the_signed_content_and_the_time_and_nothing_else()
    {
        var s = new Setup();
        var code = s.Live();
        var malleated = Respellings(code).First();
        Assert.Equal(Outcome.Valid, Check(malleated, s.Keys, Now).Outcome); // the rewritten signature does verify…
        Assert.Equal(Check(code, s.Keys, Now).ReplayKey, Check(malleated, s.Keys, Now).ReplayKey); // …as the same code
        Assert.NotEqual(Check(code, s.Keys, Now).ReplayKey, Check(s.Live(Now.AddSeconds(1)), s.Keys, Now.AddSeconds(1)).ReplayKey);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("\"k\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"v\":1,\"k\":[1],\"c\":\"x\"}")]
    public void A_credential_that_is_not_a_JSON_object_is_malformed(string json)
    {
        var s = new Setup();
        var part = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));
        var code = string.Join('.', LivePrefix, part, part, "1700000000", part);
        Assert.Equal(Outcome.Malformed, Check(code, s.Keys, Now).Outcome);
        Assert.Equal(Outcome.Malformed, Check(string.Join('.', PrintedPrefix, part, part), s.Keys, Now).Outcome);
    }

    [Fact]
    public void Card_numbers_are_normalized_from_what_people_type()
    {
        var number = CardNumbers.New();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", number);
        Assert.Equal(number, CardNumbers.Normalize(number.ToLowerInvariant().Replace("-", " ")));
        Assert.Equal("K7F3-9Q2M-XH40", CardNumbers.Normalize("k7f3 9q2m xh4o"));
        Assert.Equal("1111-0000-1111", CardNumbers.Normalize("IlI1-OoOo-1111"));
        Assert.Null(CardNumbers.Normalize("K7F3-9Q2M-XH4"));
        Assert.Null(CardNumbers.Normalize("K7F3-9Q2M-XH4TT"));
        Assert.Null(CardNumbers.Normalize("K7F3-9Q2M-XH4U"));
        Assert.Null(CardNumbers.Normalize(null));
    }
}
