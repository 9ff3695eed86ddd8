using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// The double-entry ledger on this run's engine: 1,000 random concurrent transfers keep every balance equal to the sum of
/// its movements and every transfer summing to zero; lower limits refuse or flag; a group activity is one transfer of N
/// movements; a transfer is reversed once by a compensating transfer, never deleted.
/// </summary>
public class LedgerTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    async Task<T> WithLedgerAsync<T>(Func<LedgerBook, AppDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LedgerBook>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    Task<Guid> NetworkAsync() => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync());

    Task<Guid> OpenAsync(Guid network, LedgerUnit unit = LedgerUnit.Minutes, long? limit = null, LimitPolicy policy = LimitPolicy.Refuse) =>
        WithLedgerAsync((l, _) => l.OpenAccountAsync(network, "test." + unit, Guid.NewGuid(), unit, limit, policy));

    Task<long> BalanceAsync(Guid account) => factory.WithDbAsync(db => db.LedgerAccounts.Where(a => a.Id == account).Select(a => a.Balance).SingleAsync());

    [Fact]
    public async Task A_thousand_random_concurrent_transfers_keep_balances_equal_to_their_movements_and_the_ledger_at_zero()
    {
        var network = await NetworkAsync();
        // Twelve accounts: four may not go below −30, four are flagged below −30, four have no limit.
        var accounts = new List<Guid>();
        for (var i = 0; i < 12; i++)
            accounts.Add(await OpenAsync(network, LedgerUnit.EuroCents, i < 8 ? -30 : null, i < 4 ? LimitPolicy.Refuse : LimitPolicy.Flag));
        var random = new Random(2026);
        var requests = Enumerable.Range(0, 1000).Select(_ =>
        {
            var from = accounts[random.Next(accounts.Count)];
            var to = accounts.Where(a => a != from).ElementAt(random.Next(accounts.Count - 1));
            var third = random.Next(4) == 0 ? accounts[random.Next(accounts.Count)] : (Guid?)null;
            var amount = random.Next(1, 20);
            IReadOnlyList<Leg> legs = third is { } t && t != from && t != to
                ? [new Leg(from, -amount * 2), new Leg(to, amount), new Leg(t, amount)]
                : [new Leg(from, -amount), new Leg(to, amount)];
            return new TransferRequest(network, LedgerUnit.EuroCents, "test", "prova", legs);
        }).ToList();

        // All released at once, 50 in flight at a time: each waiting transfer holds a pooled connection (100 at most), and
        // a thousand at once on a loaded machine waited longer for one than the pool's timeout.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var inFlight = new SemaphoreSlim(50);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            await inFlight.WaitAsync();
            try { return await WithLedgerAsync((l, _) => l.TransferAsync(r)); }
            finally { inFlight.Release(); }
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { TransferOutcome.Done, TransferOutcome.BelowLimit }));
        Assert.Contains(results, r => r.Outcome == TransferOutcome.Done);
        var done = results.Count(r => r.Succeeded);
        await factory.WithDbAsync(async db =>
        {
            var rows = await db.LedgerAccounts.AsNoTracking().Where(a => accounts.Contains(a.Id)).ToListAsync();
            var movements = await db.LedgerMovements.AsNoTracking().Where(m => accounts.Contains(m.AccountId)).ToListAsync();
            foreach (var account in rows)
            {
                var mine = movements.Where(m => m.AccountId == account.Id).ToList();
                Assert.Equal(mine.Sum(m => m.Amount), account.Balance);
                Assert.Equal(mine.Count, account.MovementCount);
                // The running balance after each movement, in the order they were applied, ends at the balance.
                if (mine.Count > 0) Assert.Contains(mine, m => m.BalanceAfter == account.Balance);
                if (account.LimitPolicy == LimitPolicy.Refuse) Assert.All(mine, m => Assert.True(m.BalanceAfter >= -30, $"refusing account went to {m.BalanceAfter}"));
            }
            Assert.Equal(0, rows.Sum(a => a.Balance));
            var transfers = await db.LedgerTransfers.AsNoTracking().Where(t => t.Kind == "test" && t.Movements.Any(m => accounts.Contains(m.AccountId)))
                .Select(t => t.Movements.Sum(m => m.Amount)).ToListAsync();
            Assert.Equal(done, transfers.Count);
            Assert.All(transfers, sum => Assert.Equal(0, sum));
            return 0;
        });
        Assert.Empty(await WithLedgerAsync((l, _) => l.CheckAsync(network)));
        Assert.Empty(await WithLedgerAsync((l, _) => l.UnbalancedTransfersAsync(network)));
    }

    [Fact]
    public async Task The_lower_limit_refuses_or_flags_as_the_account_says()
    {
        var network = await NetworkAsync();
        var refusing = await OpenAsync(network, limit: -60, policy: LimitPolicy.Refuse);
        var flagging = await OpenAsync(network, limit: -60, policy: LimitPolicy.Flag);
        var other = await OpenAsync(network);
        Task<TransferResult> Move(Guid from, long minutes) =>
            WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test", "limite", [new Leg(from, -minutes), new Leg(other, minutes)])));

        Assert.Equal(TransferOutcome.Done, (await Move(refusing, 60)).Outcome);
        var refused = await Move(refusing, 30);
        Assert.Equal((TransferOutcome.BelowLimit, refusing), (refused.Outcome, refused.RefusedAccountId));
        Assert.Equal(-60, await BalanceAsync(refusing));
        Assert.Equal(60, await BalanceAsync(other)); // nothing of the refused transfer stayed

        Assert.False((await Move(flagging, 60)).Flagged);
        var flagged = await Move(flagging, 30);
        Assert.Equal(TransferOutcome.Done, flagged.Outcome);
        Assert.True(flagged.Flagged);
        Assert.Equal(-90, await BalanceAsync(flagging));
        Assert.True(await factory.WithDbAsync(db => db.LedgerTransfers.Where(t => t.Id == flagged.TransferId).Select(t => t.Flagged).SingleAsync()));

        // Not a transfer: unbalanced, one account, other units, unknown accounts.
        Assert.Equal(TransferOutcome.Unbalanced, (await WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test", "", [new Leg(other, -10), new Leg(flagging, 5)])))).Outcome);
        Assert.Equal(TransferOutcome.Unbalanced, (await WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test", "", [new Leg(other, -10), new Leg(other, 10)])))).Outcome);
        var cents = await OpenAsync(network, LedgerUnit.EuroCents);
        Assert.Equal(TransferOutcome.UnknownAccount, (await WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test", "", [new Leg(other, -10), new Leg(cents, 10)])))).Outcome);
        Assert.Equal(TransferOutcome.UnknownAccount, (await WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test", "", [new Leg(other, -10), new Leg(Guid.NewGuid(), 10)])))).Outcome);
    }

    [Fact]
    public async Task A_group_activity_is_one_transfer_of_many_movements_and_a_reversal_happens_once()
    {
        var network = await NetworkAsync();
        var bank = await OpenAsync(network);
        var teacher = await OpenAsync(network);
        var participants = new List<Guid>();
        for (var i = 0; i < 4; i++) participants.Add(await OpenAsync(network, limit: -1200));
        // Each participant gives an hour, the teacher receives two, the bank keeps the other two.
        var legs = participants.Select(p => new Leg(p, -60)).Append(new Leg(teacher, 120)).Append(new Leg(bank, 120)).ToList();
        var course = await WithLedgerAsync((l, _) => l.TransferAsync(new TransferRequest(network, LedgerUnit.Minutes, "test.group", "Corso di cucina", legs)));
        Assert.True(course.Succeeded);
        Assert.Equal(6, await factory.WithDbAsync(db => db.LedgerMovements.CountAsync(m => m.TransferId == course.TransferId)));
        Assert.Equal((120L, 120L, -60L), (await BalanceAsync(teacher), await BalanceAsync(bank), await BalanceAsync(participants[0])));

        // Ten reversals at once: one compensating transfer; the original stays.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Concurrently.Twins).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await WithLedgerAsync((l, _) => l.ReverseAsync(course.TransferId!.Value, network, null, "Corso annullato"));
        })).ToArray();
        gate.SetResult();
        var reversals = await Task.WhenAll(tasks);
        Assert.Single(reversals, r => r.Succeeded);
        Assert.All(reversals.Where(r => !r.Succeeded), r => Assert.Equal(TransferOutcome.AlreadyReversed, r.Outcome));
        Assert.Equal((0L, 0L, 0L), (await BalanceAsync(teacher), await BalanceAsync(bank), await BalanceAsync(participants[0])));
        Assert.Equal(12, await factory.WithDbAsync(db => db.LedgerMovements.CountAsync(m => participants.Contains(m.AccountId) || m.AccountId == teacher || m.AccountId == bank)));
        // A reversal is not reversed again.
        var reversal = reversals.Single(r => r.Succeeded).TransferId!.Value;
        Assert.Equal(TransferOutcome.AlreadyReversed, (await WithLedgerAsync((l, _) => l.ReverseAsync(reversal, network, null, "ancora"))).Outcome);
        Assert.Empty(await WithLedgerAsync((l, _) => l.CheckAsync(network)));
    }

    [Fact]
    public async Task An_account_is_opened_once_per_owner_and_unit()
    {
        var network = await NetworkAsync();
        var owner = Guid.NewGuid();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Concurrently.Twins).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await WithLedgerAsync((l, _) => l.OpenAccountAsync(network, "test.once", owner, LedgerUnit.Minutes));
        })).ToArray();
        gate.SetResult();
        Assert.Single((await Task.WhenAll(tasks)).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.LedgerAccounts.CountAsync(a => a.OwnerId == owner)));
    }
}
