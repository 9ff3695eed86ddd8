using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Modules.Sharing.TimeBank;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo time banks with a lively month: Lucca's first (run by Condividimi), then Portogruaro's, Brianza's and CIdiS's.
/// Pavia has none: its coordinator shows how a bank is opened. The ledger's rows are written in bulk, with each balance
/// computed as the sum of its movements, as the ledger itself keeps it.
/// </summary>
public static class DemoTimeBank
{
    sealed record Seed(string Slug, string Name, string? Runner, string[] DemoMembers);

    static readonly Seed[] Banks =
    [
        new("lucca", "Banca del tempo Condividimi", "Condividimi — rete di scambio", ["famiglia@lucca.demo"]),
        new("portogruaro", "Banca del tempo del Portogruarese", null, ["famiglia@portogruaro.demo"]),
        new("brianza", "Banca del tempo dei Comuni amici della famiglia", null, []),
        new("cidis", "Banca del tempo Family CIdiS", null, []),
    ];

    const string Rules = """
        1. Un'ora di aiuto vale un'ora, qualunque sia l'aiuto: babysitting, compiti, passaggi, riparazioni, cucina, lingue, accompagnamento, aiuto digitale.
        2. Nella banca non circola denaro: solo tempo.
        3. Dopo ogni scambio si registrano le ore; chi ha ricevuto l'aiuto le conferma.
        4. Si può restare in debito fino a 20 ore: poi si dà prima di ricevere ancora.
        5. Rispetto, puntualità e riservatezza verso le famiglie che si aiutano; niente indirizzi né numeri negli annunci.
        """;

    static readonly (HelpCategory Category, string Offer, string Request)[] Ideas =
    [
        (HelpCategory.Babysitting, "Babysitting il sabato pomeriggio", "Cerco chi tenga i bimbi il martedì sera"),
        (HelpCategory.Homework, "Aiuto con i compiti di matematica (medie)", "Cerco aiuto per i compiti di inglese"),
        (HelpCategory.Lifts, "Passaggio a scuola la mattina", "Cerco un passaggio per la piscina il giovedì"),
        (HelpCategory.Repairs, "Piccole riparazioni in casa e biciclette", "Cerco chi monti una libreria"),
        (HelpCategory.Cooking, "Torte per le feste di compleanno", "Cerco chi mi insegni il pane in casa"),
        (HelpCategory.Languages, "Conversazione in spagnolo", "Cerco aiuto per l'italiano (sono arrivata da poco)"),
        (HelpCategory.Accompanying, "Accompagno a visite e commissioni", "Cerco chi accompagni la nonna dal medico"),
        (HelpCategory.DigitalHelp, "Aiuto con SPID, app IO e registro elettronico", "Cerco aiuto per prenotare online le visite"),
    ];

    public static async Task AddAsync(AppDbContext db, IReadOnlyDictionary<string, AllianceNetwork> networks, IReadOnlyDictionary<string, List<Partner>> partners, Faker faker, DateTime now)
    {
        foreach (var seed in Banks)
        {
            var network = networks[seed.Slug];
            var bankId = Guid.NewGuid();
            var accounts = new Dictionary<Guid, LedgerAccount>();
            LedgerAccount Account(string kind, Guid owner, long? limit) =>
                accounts[owner] = new LedgerAccount
                {
                    Id = Guid.NewGuid(), NetworkId = network.Id, OwnerKind = kind, OwnerId = owner, Unit = LedgerUnit.Minutes, LowerLimit = limit,
                    LimitPolicy = LimitPolicy.Refuse, CreatedAt = now.AddDays(-60),
                };
            var bankAccount = Account(BankAdministration.BankAccount, bankId, null);
            var coordinator = await db.Memberships.Where(m => m.NetworkId == network.Id && m.Role == Platform.Auth.NetworkRole.Coordinator).Select(m => m.UserId).FirstAsync();
            var bank = new Bank
            {
                Id = bankId, NetworkId = network.Id, Name = seed.Name, Rules = Rules, AccountId = bankAccount.Id, OpenedAt = now.AddDays(-60), OpenedByUserId = coordinator,
                PartnerId = seed.Runner is null ? null : partners[seed.Slug].First(p => p.Name == seed.Runner).Id,
            };

            // Members: the demo family, then 24 of the generated households; two more ask to join.
            var people = await db.Users.Where(u => seed.DemoMembers.Contains(u.Email!)).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
            var generated = await db.Users.Where(u => u.Email!.EndsWith($".{seed.Slug}@esempio.demo")).OrderBy(u => u.Email).Select(u => new { u.Id, u.DisplayName }).Take(26).ToListAsync();
            people.AddRange(generated);
            var households = await db.Households.Where(h => h.NetworkId == network.Id && h.OwnerUserId != null).Select(h => new { h.Id, Owner = h.OwnerUserId!.Value }).ToDictionaryAsync(h => h.Owner, h => h.Id);
            var members = people.Select((p, i) =>
            {
                var pending = i >= people.Count - 2;
                var id = Guid.NewGuid();
                var joined = now.AddDays(pending ? -faker.Random.Int(1, 4) : -faker.Random.Int(35, 58));
                return new BankMember
                {
                    Id = id, BankId = bankId, NetworkId = network.Id, UserId = p.Id, HouseholdId = households.TryGetValue(p.Id, out var h) ? h : null,
                    Name = p.DisplayName, Status = pending ? MemberStatus.Pending : MemberStatus.Active, RequestedAt = joined, RulesAcceptedAt = joined,
                    DecidedAt = pending ? null : joined.AddDays(1), DecidedByUserId = pending ? null : coordinator,
                    AccountId = pending ? null : Account(BankAdministration.MemberAccount, id, bank.LowerLimitMinutes).Id,
                    Presentation = pending ? "Vorremmo dare una mano con i passaggi e ricevere aiuto con i compiti." : null,
                };
            }).ToList();
            var active = members.Where(m => m.Status == MemberStatus.Active).ToList();

            // Offers and requests: two or three each for two thirds of the members (a few never publish: the managers' report shows them).
            var posts = new List<BankPost>();
            foreach (var m in active.Take(active.Count * 2 / 3))
                for (var k = faker.Random.Int(1, 2); k > 0; k--)
                {
                    var idea = faker.PickRandom(Ideas);
                    var offer = faker.Random.Bool(0.65f);
                    posts.Add(new BankPost
                    {
                        Id = Guid.NewGuid(), BankId = bankId, NetworkId = network.Id, MemberId = m.Id, Kind = offer ? PostKind.Offer : PostKind.Request, Category = idea.Category,
                        Title = offer ? idea.Offer : idea.Request, Description = offer ? "Sono disponibile di solito nel pomeriggio; scrivetemi per accordarci." : "Mi servirebbe nelle prossime settimane, anche a orari flessibili.",
                        CreatedAt = now.AddDays(-faker.Random.Int(0, 30)).AddHours(-faker.Random.Int(0, 12)), ClosedAt = faker.Random.Bool(0.15f) ? now.AddDays(-1) : null,
                    });
                }

            // A lively month: about 60 confirmed exchanges, in time order, never beyond the limit.
            var transfers = new List<LedgerTransfer>();
            var exchanges = new List<Exchange>();
            void Move(string kind, string memo, DateTime at, Guid? by, params (LedgerAccount Account, long Amount)[] legs)
            {
                var transfer = new LedgerTransfer { Id = Guid.NewGuid(), NetworkId = network.Id, Unit = LedgerUnit.Minutes, Kind = kind, Memo = memo, At = at, RecordedByUserId = by };
                foreach (var (account, amount) in legs)
                {
                    account.Balance += amount;
                    account.MovementCount++;
                    transfer.Movements.Add(new LedgerMovement { Id = Guid.NewGuid(), TransferId = transfer.Id, AccountId = account.Id, Amount = amount, BalanceAfter = account.Balance, At = at });
                }
                transfers.Add(transfer);
            }
            var start = now.AddDays(-30);
            for (var i = 0; i < 60; i++)
            {
                var at = start.AddHours(i * 12 + faker.Random.Int(0, 8));
                var giver = faker.PickRandom(active);
                var receiver = faker.PickRandom(active.Where(m => m != giver));
                var minutes = faker.PickRandom(60, 60, 90, 120, 30, 180);
                if (accounts[receiver.Id].Balance - minutes < bank.LowerLimitMinutes) continue;
                var idea = faker.PickRandom(Ideas);
                var byReceiver = faker.Random.Bool(0.6f);
                var exchange = new Exchange
                {
                    Id = Guid.NewGuid(), BankId = bankId, NetworkId = network.Id, GiverMemberId = giver.Id, ReceiverMemberId = receiver.Id, Minutes = minutes, Category = idea.Category,
                    Description = idea.Offer, On = DateOnly.FromDateTime(at), Status = ExchangeStatus.Confirmed, RecordedBy = byReceiver ? RecordedBy.Receiver : RecordedBy.Giver,
                    RecordedByUserId = byReceiver ? receiver.UserId : giver.UserId, RecordedAt = at, DueAt = byReceiver ? null : at.AddDays(bank.ConfirmDays), SettledAt = at.AddHours(byReceiver ? 0 : 20),
                };
                Move(Exchanges.TransferKind, $"{TimeBankLabels.Category(idea.Category)}: {idea.Offer}", exchange.SettledAt!.Value, exchange.RecordedByUserId,
                    (accounts[receiver.Id], -minutes), (accounts[giver.Id], minutes));
                exchange.TransferId = transfers[^1].Id;
                exchanges.Add(exchange);
            }
            // Waiting for confirmation: the demo family has one to confirm (when it is in this bank).
            var demoMember = members.FirstOrDefault(m => m.Status == MemberStatus.Active && people.Count > 0 && seed.DemoMembers.Length > 0 && m.UserId == people[0].Id);
            var helper = active.First(m => m != demoMember);
            exchanges.Add(new Exchange
            {
                Id = Guid.NewGuid(), BankId = bankId, NetworkId = network.Id, GiverMemberId = helper.Id, ReceiverMemberId = (demoMember ?? active[^1]).Id, Minutes = 120,
                Category = HelpCategory.Babysitting, Description = "Babysitting sabato pomeriggio", On = DateOnly.FromDateTime(now.AddDays(-2)), Status = ExchangeStatus.Pending,
                RecordedBy = RecordedBy.Giver, RecordedByUserId = helper.UserId, RecordedAt = now.AddDays(-1), DueAt = now.AddDays(-1 + bank.ConfirmDays),
            });
            // A group activity: a cooking course, six participants give an hour, the teacher receives two, the bank keeps four.
            var teacher = active[1];
            var participants = active.Skip(2).Take(6).Where(p => accounts[p.Id].Balance - 60 >= bank.LowerLimitMinutes).ToList();
            var courseAt = now.AddDays(-9);
            Move(GroupActivities.TransferKind, "Corso di cucina per famiglie", courseAt, coordinator,
                [.. participants.Select(p => (accounts[p.Id], -60L)), (accounts[teacher.Id], 120L), (bankAccount, participants.Count * 60L - 120L)]);
            var group = new GroupActivity
            {
                Id = Guid.NewGuid(), BankId = bankId, NetworkId = network.Id, Title = "Corso di cucina per famiglie", Category = HelpCategory.Cooking, On = DateOnly.FromDateTime(courseAt),
                TeacherMemberId = teacher.Id, TeacherMinutes = 120, MinutesPerParticipant = 60, Participants = participants.Count, TransferId = transfers[^1].Id,
                RecordedByUserId = coordinator, RecordedAt = courseAt,
            };

            db.LedgerAccounts.AddRange(accounts.Values);
            db.TimeBanks.Add(bank);
            db.TimeBankMembers.AddRange(members);
            db.TimeBankPosts.AddRange(posts);
            db.LedgerTransfers.AddRange(transfers);
            db.TimeBankExchanges.AddRange(exchanges);
            db.TimeBankGroupActivities.Add(group);
        }
        await db.SaveChangesAsync();
    }
}
