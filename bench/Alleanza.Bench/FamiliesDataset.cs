using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Alleanza.Bench.CardsDataset;

namespace Alleanza.Bench;

/// <summary>
/// <c>families</c>: what the families do among themselves, at regional scale (<see cref="FamiliesData"/>): Condividi's posts,
/// the time bank's ledger, and a questionnaire with its answers. Loaded like <c>cards</c>: schema from the app's
/// migrations, the big tables' secondary indexes dropped while loading and made again with the migrations' definitions;
/// SQLite with multi-row prepared INSERTs in one transaction (file cached in bench/.cache), PostgreSQL with binary COPY and
/// foreign-key triggers off, then VACUUM ANALYZE.
/// </summary>
public sealed class FamiliesDataset : IDataset
{
    public string Name => "families";
    public string Description =>
        $"Families at scale {FamiliesData.Scale:0.###}: {FamiliesData.Households:N0} households, {FamiliesData.Posts:N0} Condividi posts, {FamiliesData.Transfers * 2L:N0} time-bank movements, {FamiliesData.Responses:N0} questionnaire responses and {FamiliesData.OpenCodes:N0} unused codes (network '{FamiliesData.Slug}').";

    public void ConfigureApp(IDictionary<string, string> environment)
    {
        // The time bank's job settles due exchanges every 15 minutes: nothing is due in this dataset, but keep it out of the runs.
        environment["TimeBank__JobInterval"] = "7.00:00:00";
        // No notification jobs: 20 s after the start their first pass reminded and expired 2,000 of the generated posts
        // (about 10,000 writes and 2,000 mails), in the middle of the first scenario's measurement.
        environment["Notifications__JobInterval"] = "00:00:00";
        environment["Plans__IndicatorRefreshInterval"] = "7.00:00:00";
    }

    static readonly string[] BigTables = ["SharingPosts", "LedgerMovements", "LedgerTransfers", "TimeBankExchanges", "TimeBankMembers", "LedgerAccounts",
        "SurveyAnswers", "SurveyResponses", "SurveyCodes", "Households", "HouseholdMembers", "AspNetUsers"];

    public async Task PrepareAsync(DatasetContext context, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await context.MigrateAsync(ct);
        var migrated = watch.Elapsed;
        var data = new FamiliesData(DateTime.UtcNow.Date);
        if (context.Provider == Provider.Sqlite) await PrepareSqliteAsync(context, data, migrated, ct);
        else await PreparePostgresAsync(context, data, migrated, ct);
    }

    static async Task<string> WriteAsync(FamiliesData d, Func<string, string[], Sink> open, TextWriter log, string engine, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        void Step(string what) => log.WriteLine($">> [{engine}] families: {what} ({watch.Elapsed.TotalSeconds:0} s)");
        var r = d.Regional;
        var n = r.Network;
        var created = d.Now.AddYears(-2);
        using (var t = open("Networks", ["Id", "Slug", "Name", "Description", "Region", "ContactEmail", "CreatedAt"]))
            t.Add(n.Id, n.Slug, n.Name, n.Description, n.Region, n.ContactEmail, n.CreatedAt);
        using (var t = open("Comuni", ["Id", "NetworkId", "Name", "Province", "IstatCode"]))
            foreach (var c in r.Comuni) t.Add(c.Id, n.Id, c.Name, c.Province, c.IstatCode);

        // Accounts: the coordinator, and one per household (the first ones with a password, for the signed-in scenarios).
        var hasher = new PasswordHasher<object>();
        var password = hasher.HashPassword(new object(), FamiliesData.Password);
        using (var t = open("AspNetUsers", ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
                   "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount", "DisplayName", "IsAdministrator", "CreatedAt"]))
        {
            var coordinator = FamiliesData.CoordinatorEmail;
            t.Add(FamiliesData.CoordinatorId, coordinator, coordinator.ToUpperInvariant(), coordinator, coordinator.ToUpperInvariant(), true, password, "STAMPC", "CC", null, false, false,
                null, true, 0, "Coordinatrice", false, created);
            for (var h = 0; h < FamiliesData.Households; h++)
            {
                var email = FamiliesData.FamilyEmail(h);
                t.Add(FamiliesData.UserId(h), email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, h < FamiliesData.SignInFamilies ? password : null,
                    $"S{h}", $"C{h}", null, false, false, null, true, 0, $"Famiglia {h}", false, created);
            }
        }
        using (var t = open("Memberships", ["Id", "UserId", "NetworkId", "Role", "PartnerId", "ComuneId", "CreatedAt"]))
            t.Add(FamiliesData.MembershipId(0), FamiliesData.CoordinatorId, n.Id, 5, null, null, created);
        using (var t = open("Households", ["Id", "NetworkId", "OwnerUserId", "ComuneId", "IseeBand", "IseeDate", "PrivacyVersion", "PrivacyConsentAt", "CreatedAt", "UpdatedAt"]))
            for (var h = 0; h < FamiliesData.Households; h++)
                t.Add(FamiliesData.HouseholdId(h), n.Id, FamiliesData.UserId(h), RegionalData.ComuneId(FamiliesData.ComuneOfHousehold(h)), null, null, "2026-1", created, created, created);
        long members = 0;
        using (var t = open("HouseholdMembers", ["Id", "HouseholdId", "Role", "FirstName", "LastName", "BirthDate"]))
            for (var h = 0; h < FamiliesData.Households; h++)
            {
                t.Add(FamiliesData.MemberId(h * 4L), FamiliesData.HouseholdId(h), 1, "Maria", $"Rossi{h}", new DateOnly(1982 + h % 15, 1 + h % 12, 1 + h % 28));
                for (var c = 0; c < FamiliesData.ChildrenOf(h); c++)
                    t.Add(FamiliesData.MemberId(h * 4L + 1 + c), FamiliesData.HouseholdId(h), 2, c % 2 == 0 ? "Giulia" : "Marco", $"Rossi{h}", d.ChildBirth(h, c));
                members += 1 + FamiliesData.ChildrenOf(h);
            }
        Step($"{FamiliesData.Households:N0} households, {members:N0} members");

        // Condividi's posts.
        using (var t = open("SharingPosts", ["Id", "Version", "NetworkId", "OwnerUserId", "Kind", "Category", "Title", "Description", "SearchText", "AgeFromMonths", "AgeToMonths", "Size",
                   "Condition", "ComuneId", "Area", "HandOver", "CollectionPointId", "Availability", "Quantity", "LoanDays", "Homologation", "ManufactureYear", "Status",
                   "ModerationReason", "CreatedAt", "PublishedAt", "ExpiresAt", "ExpiryReminderAt", "PromisedToUserId", "PromisedAt", "OwnerConfirmedAt", "TakerConfirmedAt",
                   "ConfirmedByStaffUserId", "HandedOverAt", "DueOn", "DueReminderAt", "ReturnedAt", "ClosedAt", "Outcome", "SwapPostId", "CoverPhotoId"]))
            for (var p = 0; p < FamiliesData.Posts; p++)
            {
                if ((p & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var x = d.Post(p);
                t.Add(x.Id, 0, n.Id, x.Owner, x.Kind, x.Category, x.Title, x.Description, Alleanza.Web.Platform.Text.SearchKey(x.Title + " " + x.Description), x.AgeFrom, x.AgeTo, x.Size, x.Condition, x.Comune, x.Area, 1, null, "Sera e fine settimana",
                    1, x.Kind == 2 ? 30 : null, x.Category == 4 ? "R129" : null, x.Category == 4 ? d.Today.Year - 2 : null, x.Status, null, x.CreatedAt, x.PublishedAt, x.ExpiresAt, null,
                    x.PromisedTo, x.PromisedAt, x.Status == 5 ? x.ClosedAt : null, x.Status == 5 ? x.ClosedAt : null, null, x.Status == 5 ? x.ClosedAt : null, null, null, null,
                    x.ClosedAt, x.Status == 5 ? 1 : null, null, null);
            }
        Step($"{FamiliesData.Posts:N0} posts");

        // The time bank: every household is an active member with its ledger account; transfers of 30 minutes to 3 hours,
        // never taking a member below the bank's limit (−20 h), each with its confirmed exchange.
        var households = FamiliesData.Households;
        var bank = FamiliesData.BankId;
        var balances = new long[households];
        var counts = new int[households];
        var givers = new int[FamiliesData.Transfers];
        var receivers = new int[FamiliesData.Transfers];
        var minutes = new short[FamiliesData.Transfers];
        for (var x = 0; x < FamiliesData.Transfers; x++)
        {
            var g = (int)FamiliesData.Pick(30, x, households);
            var rc = (int)((g + 1 + FamiliesData.Pick(31, x, households - 1)) % households);
            var m = (short)(30 * (1 + FamiliesData.Pick(32, x, 6)));
            if (balances[rc] - m < -1200) (g, rc) = (rc, g);
            if (balances[rc] - m < -1200) m = 30; // both deep in debt: half an hour, within the limit by construction below
            if (balances[rc] - m < -1200) { (g, rc) = (rc, g); }
            givers[x] = g; receivers[x] = rc; minutes[x] = m;
            balances[g] += m; balances[rc] -= m;
            counts[g]++; counts[rc]++;
        }
        using (var t = open("LedgerAccounts", ["Id", "Version", "NetworkId", "OwnerKind", "OwnerId", "Unit", "LowerLimit", "LimitPolicy", "Balance", "MovementCount", "CreatedAt"]))
        {
            t.Add(FamiliesData.AccountId(-1), 0, n.Id, "timebank.bank", bank, 1, null, 1, 0L, 0, created);
            // The signed-in members (the timebank-transfer scenario records hours they received, over and over) have no lower limit.
            for (var h = 0; h < households; h++)
                t.Add(FamiliesData.AccountId(h), 0, n.Id, "timebank.member", FamiliesData.BankMemberId(h), 1, h < FamiliesData.SignInFamilies ? null : -1200L, 1, balances[h], counts[h], created);
        }
        using (var t = open("TimeBanks", ["Id", "Version", "NetworkId", "PartnerId", "Name", "Rules", "LowerLimitMinutes", "LimitPolicy", "ConfirmDays", "Unconfirmed", "AccountId",
                   "OpenedAt", "OpenedByUserId"]))
            t.Add(bank, 0, n.Id, null, "Banca del tempo regionale", "Ci si scambia tempo, non denaro: un'ora vale un'ora.", -1200, 1, 7, 1, FamiliesData.AccountId(-1), created,
                FamiliesData.CoordinatorId);
        using (var t = open("TimeBankMembers", ["Id", "Version", "BankId", "NetworkId", "UserId", "HouseholdId", "Name", "Presentation", "Status", "RequestedAt", "RulesAcceptedAt",
                   "DecidedAt", "DecidedByUserId", "DecisionNote", "AccountId"]))
            for (var h = 0; h < households; h++)
                t.Add(FamiliesData.BankMemberId(h), 0, bank, n.Id, FamiliesData.UserId(h), FamiliesData.HouseholdId(h), $"Famiglia Rossi {h}", null, 2, created, created, created,
                    FamiliesData.CoordinatorId, null, FamiliesData.AccountId(h));
        Array.Clear(balances);
        var first = d.Now.AddDays(-720);
        var step = TimeSpan.FromDays(720).Ticks / FamiliesData.Transfers;
        var categories = new[] { "Babysitting", "Aiuto compiti", "Passaggi", "Piccole riparazioni", "Cucina", "Lingue", "Accompagnamento", "Aiuto digitale" };
        using (var t = open("LedgerTransfers", ["Id", "NetworkId", "Unit", "Kind", "Memo", "At", "RecordedByUserId", "ReversesTransferId", "Flagged"]))
            for (var x = 0; x < FamiliesData.Transfers; x++)
            {
                if ((x & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                t.Add(FamiliesData.TransferId(x), n.Id, 1, "timebank.exchange", $"{categories[x % 8]}: aiuto tra famiglie", first.AddTicks(step * x), FamiliesData.UserId(receivers[x]), null, false);
            }
        using (var t = open("LedgerMovements", ["Id", "TransferId", "AccountId", "Amount", "BalanceAfter", "At"]))
            for (var x = 0; x < FamiliesData.Transfers; x++)
            {
                if ((x & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var at = first.AddTicks(step * x);
                var (g, rc, m) = (givers[x], receivers[x], minutes[x]);
                balances[rc] -= m;
                balances[g] += m;
                t.Add(FamiliesData.MovementId(2L * x), FamiliesData.TransferId(x), FamiliesData.AccountId(rc), (long)-m, balances[rc], at);
                t.Add(FamiliesData.MovementId(2L * x + 1), FamiliesData.TransferId(x), FamiliesData.AccountId(g), (long)m, balances[g], at);
            }
        using (var t = open("TimeBankExchanges", ["Id", "Version", "BankId", "NetworkId", "GiverMemberId", "ReceiverMemberId", "Minutes", "Category", "Description", "On", "Status",
                   "RecordedBy", "RecordedByUserId", "RecordedAt", "DueAt", "SettledAt", "TransferId", "PostId"]))
            for (var x = 0; x < FamiliesData.Transfers; x++)
            {
                if ((x & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var at = first.AddTicks(step * x);
                t.Add(FamiliesData.ExchangeId(x), 0, bank, n.Id, FamiliesData.BankMemberId(givers[x]), FamiliesData.BankMemberId(receivers[x]), (int)minutes[x], 1 + x % 8,
                    "Aiuto tra famiglie", DateOnly.FromDateTime(at), 2, 1, FamiliesData.UserId(receivers[x]), at, null, at, FamiliesData.TransferId(x), null);
            }
        Step($"time bank: {households:N0} members, {FamiliesData.Transfers:N0} transfers, {FamiliesData.Transfers * 2L:N0} movements");

        // The questionnaire, open, with its answers so far and the codes of the families answering this evening.
        var survey = FamiliesData.SurveyId;
        using (var t = open("Surveys", ["Version", "Id", "NetworkId", "Title", "Intro", "Status", "OpenLink", "OneAnswerPerPerson", "PerSchoolResults", "ResultsAudience",
                   "CopiedFromId", "VersionNumber", "CreatedAt", "OpenedAt", "ClosedAt"]))
            t.Add(0, survey, n.Id, FamiliesData.SurveyTitle, "Dieci domande sui servizi per le famiglie del territorio.", 2, false, false, false, 0, null, 1, created, d.Now.AddDays(-30), null);
        using (var t = open("SurveySections", ["Id", "SurveyId", "Position", "Title", "ConditionQuestionId", "ConditionOptionId"]))
            for (var s = 0; s < FamiliesData.SectionTitles.Length; s++) t.Add(FamiliesData.SectionId(s), survey, s, FamiliesData.SectionTitles[s], null, null);
        using (var t = open("SurveyQuestions", ["Id", "SurveyId", "SectionId", "Position", "Type", "Text", "Help", "Required", "ConditionQuestionId", "ConditionOptionId"]))
            foreach (var q in FamiliesData.Questions)
                t.Add(FamiliesData.QuestionId(q.Index), survey, FamiliesData.SectionId(q.Section), q.Index, q.Type, q.Text, "", q.Required, null, null);
        using (var t = open("SurveyOptions", ["Id", "QuestionId", "Position", "Text"]))
            foreach (var q in FamiliesData.Questions)
                for (var o = 0; o < q.Options.Length; o++) t.Add(FamiliesData.OptionId(q.Index, o), FamiliesData.QuestionId(q.Index), o, q.Options[o]);
        using (var t = open("SurveyCodes", ["Id", "SurveyId", "Hash", "Channel", "ClassId", "ComuneId", "Used", "Draft"]))
            for (var c = 0; c < FamiliesData.OpenCodes + FamiliesData.Responses; c++)
                t.Add(FamiliesData.CodeId(c), survey, FamiliesData.CodeHash(FamiliesData.Code(c)), 2, null, null, c >= FamiliesData.OpenCodes, null);
        using (var t = open("SurveyResponses", ["Id", "SurveyId", "SubmittedOn", "SchoolId"]))
            for (var x = 0; x < FamiliesData.Responses; x++)
                t.Add(FamiliesData.ResponseId(x), survey, DateOnly.FromDateTime(d.Now.AddDays(-FamiliesData.Pick(40, x, 30))), null);
        long answers = 0;
        using (var t = open("SurveyAnswers", ["Id", "ResponseId", "QuestionId", "OptionId", "Number", "Date", "Text"]))
            for (var x = 0; x < FamiliesData.Responses; x++)
            {
                if ((x & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var response = FamiliesData.ResponseId(x);
                void Add(int q, Guid? option, int? number, string? text) => t.Add(FamiliesData.AnswerId(answers++), response, FamiliesData.QuestionId(q), option, number, null, text);
                Add(0, RegionalData.ComuneId(FamiliesData.ComuneOfHousehold((int)FamiliesData.Pick(41, x, FamiliesData.Households))), null, null);
                Add(1, null, (int)FamiliesData.Pick(42, x, 18), null);
                Add(2, FamiliesData.OptionId(2, (int)FamiliesData.Pick(43, x, 4)), null, null);
                Add(3, null, 1 + (int)FamiliesData.Pick(44, x, 5), null);
                for (var o = 0; o < 6; o++) if (FamiliesData.Pick(45, x * 8L + o, 3) == 0) Add(4, FamiliesData.OptionId(4, o), null, null);
                Add(5, null, (int)FamiliesData.Pick(46, x, 11), null);
                if (FamiliesData.Pick(47, x, 10) < 7) for (var o = 0; o < 4; o++) Add(6, FamiliesData.OptionId(6, o), 1 + (int)FamiliesData.Pick(48, x * 8L + o, 5), null);
                Add(7, FamiliesData.OptionId(7, (int)FamiliesData.Pick(49, x, 3)), null, null);
                if (FamiliesData.Pick(50, x, 2) == 0) Add(8, null, 5 + (int)FamiliesData.Pick(51, x, 60), null);
                if (FamiliesData.Pick(52, x, 10) == 0) Add(9, null, null, "Più spazi verdi e servizi aperti il sabato.");
            }
        Step($"questionnaire: {FamiliesData.Responses:N0} responses, {answers:N0} answers, {FamiliesData.OpenCodes:N0} unused codes");

        // Issue 19: the purchasing group, its supplier's 600 products and an open cycle booked by its 300 households.
        var gafHouseholds = FamiliesData.GafHouseholds;
        using (var t = open("LedgerAccounts", ["Id", "Version", "NetworkId", "OwnerKind", "OwnerId", "Unit", "LowerLimit", "LimitPolicy", "Balance", "MovementCount", "CreatedAt"]))
        {
            t.Add(FamiliesData.GafAccountId(-3), 0, n.Id, "gaf.cash", FamiliesData.GafGroupId, 2, null, 1, 0L, 0, created);
            t.Add(FamiliesData.GafAccountId(-2), 0, n.Id, "gaf.fund", FamiliesData.GafGroupId, 2, null, 1, 0L, 0, created);
            t.Add(FamiliesData.GafAccountId(-1), 0, n.Id, "gaf.supplier", FamiliesData.GafSupplierId, 2, null, 1, 0L, 0, created);
            for (var h = 0; h < gafHouseholds; h++) t.Add(FamiliesData.GafAccountId(h), 0, n.Id, "gaf.member", FamiliesData.GafMemberId(h), 2, null, 1, 0L, 0, created);
        }
        using (var t = open("GafGroups", ["Id", "Version", "NetworkId", "Name", "Description", "DeliveryPlace", "DeliveryTimes", "RequireCredit", "LowCreditCents", "CashAccountId", "FundAccountId", "CreatedAt"]))
            t.Add(FamiliesData.GafGroupId, 0, n.Id, "GAF regionale", "Il gruppo di acquisto del carico di prova.", "Sala civica", "giovedì 18–21", false, 2000L,
                FamiliesData.GafAccountId(-3), FamiliesData.GafAccountId(-2), created);
        using (var t = open("GafReferents", ["GroupId", "UserId", "IsTreasurer", "AddedAt"]))
            t.Add(FamiliesData.GafGroupId, FamiliesData.CoordinatorId, true, created);
        using (var t = open("GafMembers", ["Id", "Version", "GroupId", "NetworkId", "HouseholdId", "UserId", "Name", "SponsorMemberId", "AccountId", "JoinedAt", "LowCreditNoticeAt", "LeftAt"]))
            for (var h = 0; h < gafHouseholds; h++)
                t.Add(FamiliesData.GafMemberId(h), 0, FamiliesData.GafGroupId, n.Id, FamiliesData.HouseholdId(h), FamiliesData.UserId(h), $"Famiglia {h}", null, FamiliesData.GafAccountId(h), created, null, null);
        using (var t = open("GafSuppliers", ["Id", "GroupId", "NetworkId", "PartnerId", "Name", "ContactName", "Email", "Phone", "Notes", "AccountId", "CreatedAt"]))
            t.Add(FamiliesData.GafSupplierId, FamiliesData.GafGroupId, n.Id, null, "Emporio regionale", null, null, null, null, FamiliesData.GafAccountId(-1), created);
        var weighed = (int p) => p % 20 == 7;
        var price = (int p) => 100L + FamiliesData.Pick(91, p, 2000);
        using (var t = open("GafProducts", ["Id", "SupplierId", "GroupId", "Code", "Name", "Variant", "Unit", "PriceCents", "VatPercent", "PackageMilli", "MultipleMilli", "MinMilli", "MaxMilli",
                   "SoldByWeight", "PieceWeightGrams", "Available", "UpdatedAt"]))
            for (var p = 0; p < FamiliesData.GafProducts; p++)
                t.Add(FamiliesData.GafProductId(p), FamiliesData.GafSupplierId, FamiliesData.GafGroupId, $"P{p:0000}", $"Prodotto {p:0000}", p % 3 == 0 ? "500 g" : "",
                    weighed(p) ? 2 : p % 3 == 0 ? 4 : 1, price(p), 10, 6000L, 1000L, null, weighed(p) ? 4000L : null, weighed(p), weighed(p) ? 250 + 50 * (p % 10) : null, true, created);
        using (var t = open("GafCycles", ["Id", "Version", "GroupId", "NetworkId", "SupplierId", "Title", "Status", "OpensAt", "ClosesAt", "DeliveryOn", "DeliveryPlace", "RepeatDays",
                   "ClosingReminderAt", "ClosedAt", "SentAt", "DeliveredAt", "SettledAt", "InvoiceCents", "InvoiceTransferId", "HoldForPackages", "SupplierMailedAt", "CreatedAt", "CreatedByUserId"]))
            t.Add(FamiliesData.GafCycleId, 0, FamiliesData.GafGroupId, n.Id, FamiliesData.GafSupplierId, "Ordine di prova del carico", 2, d.Now.AddDays(-3), d.Now.AddYears(5),
                DateOnly.FromDateTime(d.Now.AddYears(5).AddDays(3)), "Sala civica", 0, d.Now.AddYears(5), null, null, null, null, null, null, false, null, d.Now.AddDays(-4), FamiliesData.CoordinatorId);
        using (var t = open("GafBookings", ["Id", "Version", "CycleId", "MemberId", "CreatedAt", "UpdatedAt", "DeliveredAt", "DeliveredByUserId", "ChargedCents", "PaymentTransferId", "CardDiscountBasisPoints"]))
            for (var h = 0; h < gafHouseholds; h++)
                t.Add(FamiliesData.GafBookingId(h), 0, FamiliesData.GafCycleId, FamiliesData.GafMemberId(h), d.Now.AddDays(-2), d.Now.AddDays(-2), null, null, null, null, 0);
        using (var t = open("GafBookingLines", ["Id", "BookingId", "ProductId", "QuantityMilli", "UnitPriceCents", "DeliveredMilli", "Missing"]))
            for (var h = 0; h < gafHouseholds; h++)
                for (var k = 0; k < FamiliesData.GafLines; k++)
                {
                    var p = FamiliesData.GafProductOf(h, k);
                    t.Add(FamiliesData.GafLineId(h * 100L + k), FamiliesData.GafBookingId(h), FamiliesData.GafProductId(p), 1000L * (1 + FamiliesData.Pick(92, h * 100L + k, 3)), price(p), null, false);
                }
        Step($"purchasing group: {FamiliesData.GafProducts} products, {gafHouseholds} households × {FamiliesData.GafLines} lines booked");
        return $"{FamiliesData.Households:N0} households, {gafHouseholds} in a purchasing group of {FamiliesData.GafProducts} products, {FamiliesData.Posts:N0} posts, {FamiliesData.Transfers * 2L:N0} movements, {FamiliesData.Responses:N0} responses ({answers:N0} answers)";
    }

    // ------------------------------------------------------------------------------------------------ SQLite

    static async Task PrepareSqliteAsync(DatasetContext context, FamiliesData data, TimeSpan migrated, CancellationToken ct)
    {
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(context.ConnectionString).DataSource);
        var key = CacheKey(file, data);
        if (SqliteCache.TryRestore(context, "families", key, file)) return;

        var total = Stopwatch.StartNew();
        string counts;
        TimeSpan indexing;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(ct);
            await Exec(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
            var indexes = new List<(string Name, string Sql)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", BigTables.Select(t => $"'{t}'"))})";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in indexes) await Exec(connection, $"DROP INDEX \"{name}\"");
            await using (var tx = connection.BeginTransaction())
            {
                await Exec(connection, "PRAGMA defer_foreign_keys = ON;", tx);
                counts = await WriteAsync(data, (table, columns) => new SqliteSink(connection, tx, table, columns), context.Log, "sqlite", ct);
                await tx.CommitAsync(ct);
            }
            var watch = Stopwatch.StartNew();
            foreach (var (_, sql) in indexes) await Exec(connection, sql);
            await Exec(connection, "ANALYZE;");
            indexing = watch.Elapsed;
            await Exec(connection, "PRAGMA journal_mode=WAL;");
        }
        var info = $"generated {total.Elapsed.TotalSeconds:0} s (indexes and ANALYZE {indexing.TotalSeconds:0} s) after {migrated.TotalSeconds:0} s of migrations, {counts}, {new FileInfo(file).Length / 1048576.0:0} MiB, {DateTime.UtcNow:yyyy-MM-dd}";
        context.Log.WriteLine($">> [sqlite] families: {info}");
        context.Notes.Add($"sqlite: {info}");
        SqliteCache.Keep(context, "families", key, file, info);
    }

    static string CacheKey(string file, FamiliesData data)
    {
        var sb = new StringBuilder();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
            using var reader = command.ExecuteReader();
            while (reader.Read()) sb.Append(reader.GetString(0)).Append('|').Append(reader.GetString(1)).Append('|').Append(reader.GetString(2)).Append('\n');
        }
        sb.Append(CultureInfo.InvariantCulture, $"v{FamiliesData.Version}|{FamiliesData.Scale}|{data.Today:yyyy-MM-dd}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    static async Task PreparePostgresAsync(DatasetContext context, FamiliesData data, TimeSpan migrated, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(context.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ToString());
        await connection.OpenAsync(ct);
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = new NpgsqlCommand(
                         "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(@tables) AND indexname NOT LIKE 'PK\\_%'", connection))
        {
            command.Parameters.AddWithValue("tables", BigTables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await Exec(connection, $"DROP INDEX \"{name}\"", ct);
        var triggersOff = true;
        try { await Exec(connection, "SET session_replication_role = replica", ct); }
        catch (PostgresException) { triggersOff = false; }
        var copy = Stopwatch.StartNew();
        var counts = await WriteAsync(data, (table, columns) => new CopySink(connection, table, columns), context.Log, "postgres", ct);
        var copied = copy.Elapsed;
        if (triggersOff) await Exec(connection, "SET session_replication_role = DEFAULT", ct);
        var indexing = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) await Exec(connection, sql, ct);
        var indexed = indexing.Elapsed;
        var vacuum = Stopwatch.StartNew();
        await Exec(connection, "VACUUM ANALYZE", ct);
        await using var size = new NpgsqlCommand("SELECT pg_size_pretty(pg_database_size(current_database()))", connection);
        var info = $"generated {watch.Elapsed.TotalSeconds:0} s (COPY {copied.TotalSeconds:0} s, indexes {indexed.TotalSeconds:0} s, VACUUM ANALYZE {vacuum.Elapsed.TotalSeconds:0} s) after {migrated.TotalSeconds:0} s of migrations, {counts}, {await size.ExecuteScalarAsync(ct)}";
        context.Log.WriteLine($">> [postgres] families: {info}");
        context.Notes.Add($"postgres: {info}");
    }
}
