using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alleanza.Web.Modules.FamilyCard;

namespace Alleanza.Bench;

/// <summary>
/// The <c>cards</c> dataset's content, every row a pure function of its index (same ids on both engines and in every
/// run, so the workload can name cards, shops and keys without asking the database): the regional network and its
/// 1,000 Comuni, 10,000 merchant partners with 2 shops each (20,000 shops), one published offer and one till key each,
/// 1,000,000 households (each owned by its own account) with 2 adults and 2 cards, 2,000,000 cards, 10,000,000
/// redemptions over the last 24 months and their monthly sums. The network's signing key and the phones' keys are
/// derived from fixed seeds (P-256 private scalars from SHA-256), so tokens can be made without the database:
/// the first <see cref="PoolCards"/> cards are active, valid for two more years and activated on a phone whose key is
/// one of <see cref="DeviceKeyCount"/>.
/// <c>BENCH_CARDS_SCALE=0.01</c> makes everything a hundred times smaller (for trying the harness).
/// </summary>
public sealed class CardsData
{
    public const int Version = 4;
    public const string Slug = RegionalData.Slug;
    public const string Kid = "regione-bench1";
    public const int DeviceKeyCount = 16;
    public const string Password = "Bench-password-2026";
    public const string CoordinatorEmail = "coordinatore@carte.bench";
    public const string MerchantEmail = "esercente@carte.bench";
    public const int MonthsOfRedemptions = 24;

    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("BENCH_CARDS_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 1 ? s : 1.0;
    public static int Partners { get; } = Math.Max(10, (int)(10_000 * Scale));
    public static int ShopsPerPartner => 2;
    public static int Shops => Partners * ShopsPerPartner;
    public static int Households { get; } = Math.Max(100, (int)(1_000_000 * Scale));
    public static int Cards => Households * 2;
    public static long Redemptions { get; } = Math.Max(1_000, (long)(10_000_000 * Scale));
    /// <summary>A catalogue at the regional dataset's size (plain titles: the search is measured on <c>regional</c>), for the dashboard.</summary>
    public static int Opportunities { get; } = Math.Max(60, (int)(100_000 * Scale));
    public const int SessionsPerOpportunity = 2;
    public static int Sessions => Opportunities * SessionsPerOpportunity;
    /// <summary>Registrations by the households' owners over the last 24 months.</summary>
    public static int Registrations { get; } = Math.Max(1_000, (int)(2_000_000 * Scale));
    /// <summary>Cards with a phone, used by the load (fresh tokens are made for them before each run).</summary>
    public static int PoolCards => Math.Min(Cards, 100_000);

    public DateTime Today { get; }
    public DateTime Now { get; }
    public RegionalData Regional { get; }

    public CardsData(DateTime today)
    {
        Today = today.Date;
        Now = DateTime.SpecifyKind(Today, DateTimeKind.Utc);
        Regional = new RegionalData(Today);
    }

    enum Kind : ulong { Partner = 101, Shop, Offer, ApiKey, User, Household, Member, Card, Device, SigningKey, Membership, Area, Opportunity, Session, Registration, Plan }

    static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    static Guid IdFor(Kind kind, long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(((ulong)kind << 40) ^ (ulong)index ^ 0xCA4D5UL));
        BitConverter.TryWriteBytes(bytes[8..], Mix((ulong)index * 31 + (ulong)kind));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 shape
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A number in [0, n) from a seed and an index.</summary>
    public static long Pick(ulong seed, long index, long n) => (long)(Mix(seed * 0x1000193UL ^ (ulong)index) % (ulong)n);

    public static Guid NetworkId => RegionalData.NetworkId;
    public static Guid PartnerId(int p) => IdFor(Kind.Partner, p);
    public static Guid ShopId(int s) => IdFor(Kind.Shop, s);
    public static int PartnerOfShop(int s) => s / ShopsPerPartner;
    public static Guid OfferId(int p) => IdFor(Kind.Offer, p);
    public static Guid ApiKeyId(int p) => IdFor(Kind.ApiKey, p);
    /// <summary>The till key of partner p (only its SHA-256 is in the database, as the app stores it).</summary>
    public static string ApiKey(int p) => $"cf_bench_{p:D6}_{Mix((ulong)p):x16}";
    public static string ApiKeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    public static Guid UserId(long u) => IdFor(Kind.User, u);
    public static Guid HouseholdId(int h) => IdFor(Kind.Household, h);
    public static Guid MemberId(int m) => IdFor(Kind.Member, m);
    public static Guid CardId(int c) => IdFor(Kind.Card, c);
    public static Guid DeviceId(int c) => IdFor(Kind.Device, c);
    public static Guid SigningKeyId => IdFor(Kind.SigningKey, 0);
    public static Guid MembershipId(int i) => IdFor(Kind.Membership, i);
    public static Guid AreaId(int a) => IdFor(Kind.Area, a);
    public static Guid OpportunityId(int o) => IdFor(Kind.Opportunity, o);
    public static Guid SessionId(int s) => IdFor(Kind.Session, s);
    public static Guid RegistrationId(int r) => IdFor(Kind.Registration, r);
    public static Guid PlanId => IdFor(Kind.Plan, 0);
    public static Guid PlanObjectiveId => IdFor(Kind.Plan, 1);
    public static Guid PlanIndicatorId(int metric) => IdFor(Kind.Plan, 10 + metric);

    /// <summary>The two Comuni opportunity o serves (busier Comuni more often, as for households).</summary>
    public (int First, int Second) ComuniOfOpportunity(int o)
    {
        var first = (int)(Pick(44, o, 2) == 0 ? Pick(45, o, RegionalData.ComuneCount / 5) : Pick(46, o, RegionalData.ComuneCount));
        return (first, (first + 1 + (int)Pick(47, o, RegionalData.ComuneCount - 1)) % RegionalData.ComuneCount);
    }

    /// <summary>Registration r: session, household, when, status (1 confirmed, 2 waiting, 3 cancelled).</summary>
    public (int Session, int Household, DateTime At, int Status) Registration(int r)
    {
        var at = Now.AddSeconds(-1 - Pick(40, r, 24 * 30L * 86400));
        var roll = Pick(41, r, 100);
        return ((int)Pick(42, r, Sessions), (int)Pick(43, r, Households), at, roll < 85 ? 1 : roll < 93 ? 2 : 3);
    }

    /// <summary>The household's Comune: half of the families in a fifth of the Comuni.</summary>
    public int ComuneOfHousehold(int h) => (int)(Pick(7, h, 2) == 0 ? Pick(8, h, RegionalData.ComuneCount / 5) : Pick(9, h, RegionalData.ComuneCount));
    public int ComuneOfShop(int s) => (int)(Pick(10, s, 2) == 0 ? Pick(11, s, RegionalData.ComuneCount / 5) : Pick(12, s, RegionalData.ComuneCount));

    /// <summary>Card numbers: the index in Crockford base32, 12 characters in groups of four (unique by construction).</summary>
    public static string CardNumber(int c)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[12];
        var v = (ulong)c * 2654435761UL % (1UL << 56); // spread, one-to-one (odd multiplier modulo a power of two)
        v = (v << 4) | 0xB;
        for (var i = 11; i >= 0; i--) { chars[i] = alphabet[(int)(v & 31)]; v >>= 5; }
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>Card c's dates and status: issued over the last 4 years, valid 5 years; the pool is active and valid for 2 more years.</summary>
    public (DateTime Issued, DateTime ValidUntil, int Status) CardState(int c)
    {
        if (c < PoolCards) return (Now.AddDays(-Pick(20, c, 365 * 2)).AddSeconds(Pick(21, c, 86400)), Now.AddYears(2).AddDays(Pick(22, c, 365)), 1);
        var issued = Now.AddSeconds(-Pick(23, c, 4L * 365 * 86400));
        var roll = Pick(24, c, 100);
        var status = roll < 2 ? 2 : roll < 3 ? 3 : 1; // 2 % suspended, 1 % revoked
        return (issued, issued.AddYears(5), status);
    }

    /// <summary>Redemption r: shop, card, when, purchase and discount in cents.</summary>
    public (int Shop, int Card, DateTime At, long PurchaseCents, long DiscountCents) Redemption(long r)
    {
        var shop = (int)(Pick(30, r, 3) == 0 ? Pick(31, r, Math.Max(1, Shops / 10)) : Pick(32, r, Shops)); // a tenth of the shops get a third of the purchases
        var card = (int)Pick(33, r, Cards);
        var at = Now.AddSeconds(-1 - Pick(34, r, MonthsOfRedemptions * 30L * 86400));
        var purchase = 500 + Pick(35, r, 15_000);
        return (shop, card, at, purchase, purchase / 10);
    }

    // ---------- Keys ----------

    static ECDsa KeyFrom(string seed) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = SHA256.HashData(Encoding.UTF8.GetBytes(seed)),
    });

    public static ECDsa NetworkKey() => KeyFrom("alleanza-bench-network-key-1");
    public static ECDsa DeviceKey(int j) => KeyFrom($"alleanza-bench-device-key-{j}");
    public static int DeviceKeyOf(int card) => card % DeviceKeyCount;

    /// <summary>The credential the network signed for card c's phone (what the phone keeps after activation).</summary>
    public string Credential(int c, ECDsa networkKey, byte[][] devicePublicKeys) => CardTokens.SignCredential(new CardTokens.CredentialClaims
    {
        Kid = Kid, Network = Slug, CardId = CardId(c), DeviceId = DeviceId(c),
        DevicePublicKey = System.Buffers.Text.Base64Url.EncodeToString(devicePublicKeys[DeviceKeyOf(c)]),
        ExpiresAt = new DateTimeOffset(CardState(c).ValidUntil).ToUnixTimeSeconds(),
    }, networkKey);
}
