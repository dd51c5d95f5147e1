using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Deposits;

/// <summary><see cref="IDepositStore"/> on every backend: idempotent recording, reorg rollback, claiming.</summary>
public abstract class DepositStoreTests(StorageBackend backend) : StorageTests(backend)
{
    private static readonly WalletAddress Sender = WalletAddress.Parse("0x00000000000000000000000000000000000000aa");

    [Fact]
    public async Task RecordScanAsync_SameDepositTwice_KeepsOneRowAndMovesTheCursor()
    {
        var chain = NewChain();
        var deposit = NewDeposit(chain, "0x01", block: 10);

        await Node.Deposits.RecordScanAsync(chain, [deposit], [new ScannedBlock(10, "0xh10", "0xh9")], 11, 0, Start, Ct);
        await NewNode().Deposits.RecordScanAsync(chain, [deposit with { Amount = 999 }], [], 12, 0, Start, Ct);

        var pending = Assert.Single(await Node.Deposits.ListPendingAsync(chain, Ct));
        Assert.Equal(deposit.Amount, pending.Amount);
        Assert.Equal(deposit with { SeenAt = TestKeys.Millis(Start) }, pending);
        Assert.Equal(12, await Node.Deposits.GetCursorAsync(chain, Ct));
        Assert.Equal([new ScannedBlock(10, "0xh10", "0xh9")], await Node.Deposits.ListBlocksAsync(chain, 10, Ct));
    }

    [Fact]
    public async Task RollBackAsync_FromABlock_RemovesPendingAboveKeepsConfirmedAndRewindsTheCursor()
    {
        var chain = NewChain();
        var early = NewDeposit(chain, "0x01", block: 5);
        var confirmed = NewDeposit(chain, "0x02", block: 8);
        var late = NewDeposit(chain, "0x03", block: 9);
        await Node.Deposits.RecordScanAsync(chain, [early, confirmed, late], [new(5, "0xa", ""), new(8, "0xb", ""), new(9, "0xc", "")], 10, 0, Start, Ct);
        await Node.Deposits.MarkConfirmedAsync(confirmed, DepositStatus.Unclaimed, null, Start, Ct);

        var removed = await Node.Deposits.RollBackAsync(chain, 6, Start, Ct);

        Assert.Equal([late.TransactionHash], removed.Select(d => d.TransactionHash));
        Assert.Equal([early.TransactionHash], (await Node.Deposits.ListPendingAsync(chain, Ct)).Select(d => d.TransactionHash));
        Assert.Equal(6, await Node.Deposits.GetCursorAsync(chain, Ct));
        Assert.Equal([5L], (await Node.Deposits.ListBlocksAsync(chain, 10, Ct)).Select(b => b.Number));
        // The chain includes the removed transfer again, in another block: it is pending again.
        await Node.Deposits.RecordScanAsync(chain, [late with { BlockNumber = 7, BlockHash = "0xnew" }], [], 10, 0, Start, Ct);
        Assert.Contains(await Node.Deposits.ListPendingAsync(chain, Ct), d => d.TransactionHash == late.TransactionHash && d.BlockNumber == 7);
    }

    [Fact]
    public async Task RecordScanAsync_TransferByAuthorization_KeepsItsNonceAndItsX402Reference()
    {
        var chain = NewChain();
        var nonce = "0x" + new string('a', 64);
        var deposit = NewDeposit(chain, "0x01", block: 10) with { AuthorizationNonce = nonce };

        await Node.Deposits.RecordScanAsync(chain, [deposit], [], 11, 0, Start, Ct);
        await Node.Deposits.MarkConfirmedAsync(deposit, DepositStatus.Credited, "acct_1", Start, Ct);

        var stored = Assert.Single(await NewNode().Deposits.ListConfirmedAsync(chain, 0, 10, Ct));
        Assert.Equal(nonce, stored.AuthorizationNonce);
        Assert.Equal($"x402:{chain}:{deposit.Token}:{Sender.Value}:{nonce}", stored.Reference);
        Assert.Equal(nonce, Assert.Single(await Node.Deposits.ListByAccountAsync("acct_1", 10, Ct)).AuthorizationNonce);
        Assert.Equal($"deposit:{chain}:{deposit.TransactionHash}:0", (deposit with { AuthorizationNonce = null }).Reference);
    }

    [Fact]
    public async Task AssignSenderAsync_GivesEveryDepositToTheAccountAndReturnsTheUnclaimed()
    {
        var chain = NewChain();
        var sender = WalletAddress.Parse("0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)));
        var unclaimed = NewDeposit(chain, "0x01", block: 1) with { Sender = sender };
        var pending = NewDeposit(chain, "0x02", block: 2) with { Sender = sender };
        await Node.Deposits.RecordScanAsync(chain, [unclaimed, pending], [], 3, 0, Start, Ct);
        await Node.Deposits.MarkConfirmedAsync(unclaimed, DepositStatus.Unclaimed, null, Start, Ct);
        var account = TestKeys.NewAccount("wallet");
        await Node.Accounts.InsertAsync(account, Ct);

        var claimable = await Node.Deposits.AssignSenderAsync(sender, account.Id, Ct);

        Assert.Equal([unclaimed.TransactionHash], claimable.Select(d => d.TransactionHash));
        Assert.Equal(2, (await Node.Deposits.ListByAccountAsync(account.Id, 10, Ct)).Count);
        Assert.Equal([unclaimed.TransactionHash], (await Node.Deposits.ListConfirmedAsync(chain, 0, 10, Ct)).Select(d => d.TransactionHash));
    }

    private static long NewChain() => Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);

    private static Deposit NewDeposit(long chain, string tx, long block) =>
        new(chain, tx + new string('0', 64 - tx.Length + 2), 0, block, "0xblock" + block, "0x00000000000000000000000000000000000000cc", Sender,
            "1500000", 1_500_000_000, "0", DepositStatus.Pending, null, Start, null);
}
