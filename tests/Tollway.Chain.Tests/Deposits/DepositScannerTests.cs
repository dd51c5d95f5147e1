using System.Numerics;
using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// The deposit watcher against a real anvil chain with the test stablecoin: each test has a chain of its own (reorgs
/// and re-scans must not disturb the others) and a database of its own.
/// </summary>
public sealed class DepositScannerTests : TokenChainTest
{
    private const int Depth = 3;
    private readonly string _database = DepositHarness.NewDatabasePath();

    [Fact]
    public async Task ScanOnce_DepositFromAKnownWallet_PendingThenCreditedAtDepth()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);

        var receipt = await Token.MintAndTransferAsync(payer, Treasury, 2_500_000);
        await gateway.ScanToHeadAsync();

        var pending = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal((DepositStatus.Pending, receipt.TransactionHash, 2_500_000_000L), (pending.Status, pending.TransactionHash, pending.Amount));
        Assert.Equal(0, await gateway.BalanceAsync(account));

        // Depth 3: the deposit's block and two on top of it.
        await Node.MineAsync(Depth - 2);
        await gateway.ScanToHeadAsync();
        Assert.Equal(DepositStatus.Pending, Assert.Single(await gateway.DepositsOfAsync(account)).Status);

        await Node.MineAsync(1);
        await gateway.ScanToHeadAsync();

        var credited = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal(DepositStatus.Credited, credited.Status);
        Assert.Equal(2_500_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_FinalizedConfirmation_CreditsOnlyOnceTheBlockIsFinalized()
    {
        // anvil reports the block 64 below its head (two epochs of 32 slots) as finalized.
        await using var gateway = await DepositHarness.StartAsync(_database, Node.Url, Node.ChainId, Token, Treasury, confirmations: "finalized");
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAndTransferAsync(payer, Treasury, 1_000_000);

        await Node.MineAsync(60);
        await gateway.ScanToHeadAsync();
        Assert.Equal(DepositStatus.Pending, Assert.Single(await gateway.DepositsOfAsync(account)).Status);

        await Node.MineAsync(10);
        await gateway.ScanToHeadAsync();
        Assert.Equal(DepositStatus.Credited, Assert.Single(await gateway.DepositsOfAsync(account)).Status);
        Assert.Equal(1_000_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_ReorgDropsThePendingDeposit_RemovesItAndNeverCredits()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAsync(payer, 1_000_000);
        await Token.TransferAsync(payer, Treasury, 1_000_000);
        await gateway.ScanToHeadAsync();
        Assert.Equal(DepositStatus.Pending, Assert.Single(await gateway.DepositsOfAsync(account)).Status);

        // The transfer's block (the head) is replaced by an empty one.
        await Node.ReorgAsync(1);
        await gateway.ScanToHeadAsync();

        Assert.Equal(DepositStatus.Removed, Assert.Single(await gateway.DepositsOfAsync(account)).Status);
        await Node.MineAsync(Depth + 2);
        await gateway.ScanToHeadAsync();
        Assert.Equal(DepositStatus.Removed, Assert.Single(await gateway.DepositsOfAsync(account)).Status);
        Assert.Equal(0, await gateway.BalanceAsync(account));
        Assert.Equal(BigInteger.Zero, await Token.BalanceOfAsync(Treasury));
    }

    [Fact]
    public async Task ScanOnce_TransferByAuthorization_CreditedOnceUnderTheX402ReferenceToTheWalletsNewAccount()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create();
        await Token.MintAsync(payer.LowerAddress, 1_500_000);

        var (receipt, nonce) = await AuthorizedTransfers.SendAsync(Token, payer, Treasury, 1_500_000);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var account = await gateway.Wallets.FindAccountAsync(WalletAddress.Parse(payer.LowerAddress), Ct);
        Assert.NotNull(account);
        var deposit = Assert.Single(await gateway.DepositsOfAsync(account));
        var reference = $"x402:{Node.ChainId}:{Token.Address}:{payer.LowerAddress}:{nonce}";
        Assert.Equal((DepositStatus.Credited, receipt.TransactionHash, nonce, reference),
            (deposit.Status, deposit.TransactionHash, deposit.AuthorizationNonce, deposit.Reference));
        Assert.Equal(1_500_000_000L, await gateway.BalanceAsync(account));

        // The x402 gate crediting the same payment afterwards (its reference is the same) moves nothing.
        var again = await gateway.Ledger.PostAsync(
            LedgerTransaction.Transfer(reference, LedgerTransactionKind.Deposit, DateTimeOffset.UtcNow, LedgerAccounts.Deposits, LedgerAccounts.User(account), 1_500_000_000L, null), Ct);
        Assert.Equal(PostOutcome.Duplicate, again);
        Assert.Equal(1_500_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_PlainTransferInTheSameBlockAsAnAuthorizedOne_KeepsTheDepositReference()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create();
        var account = await gateway.SignUpAsync(payer.LowerAddress);
        await Token.MintAsync(payer.LowerAddress, 3_000_000);
        await AuthorizedTransfers.SendAsync(Token, payer, Treasury, 1_000_000);
        var plain = await Token.TransferAsync(payer.LowerAddress, Treasury, 2_000_000);

        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var deposits = await gateway.DepositsOfAsync(account);
        Assert.Equal(2, deposits.Count);
        var direct = Assert.Single(deposits, d => d.TransactionHash == plain.TransactionHash);
        Assert.Null(direct.AuthorizationNonce);
        Assert.Equal($"deposit:{Node.ChainId}:{plain.TransactionHash}:{direct.LogIndex}", direct.Reference);
        Assert.Single(deposits, d => d.AuthorizationNonce is not null);
        Assert.Equal(3_000_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_ReorgDropsAPendingTransferByAuthorization_RemovesItAndNeverCredits()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create();
        var account = await gateway.SignUpAsync(payer.LowerAddress);
        await Token.MintAsync(payer.LowerAddress, 1_000_000);
        await AuthorizedTransfers.SendAsync(Token, payer, Treasury, 1_000_000);
        await gateway.ScanToHeadAsync();
        Assert.NotNull(Assert.Single(await gateway.DepositsOfAsync(account)).AuthorizationNonce);

        await Node.ReorgAsync(1);
        await gateway.ScanToHeadAsync();
        await Node.MineAsync(Depth + 2);
        await gateway.ScanToHeadAsync();

        Assert.Equal(DepositStatus.Removed, Assert.Single(await gateway.DepositsOfAsync(account)).Status);
        Assert.Equal(0, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_RestartMidScan_ResumesFromTheCursorWithoutDoubleCredit()
    {
        var payer = TestWallet.Create().LowerAddress;
        string account;
        await using (var first = await StartAsync(maxBlockRange: 2))
        {
            account = await first.SignUpAsync(payer);
        }

        await Token.MintAsync(payer, 15_000_000);
        for (var i = 1; i <= 5; i++)
        {
            await Token.TransferAsync(payer, Treasury, i * 1_000_000);
            await Node.MineAsync(1);
        }

        await Node.MineAsync(Depth);
        long cursorAfterFirstRun;
        await using (var first = await StartAsync(maxBlockRange: 2))
        {
            // Three steps of two blocks each, then the gateway "dies".
            for (var i = 0; i < 3; i++)
            {
                await first.Scanner.ScanOnceAsync(Ct);
            }

            cursorAfterFirstRun = (await first.Deposits.GetCursorAsync(Node.ChainId, Ct))!.Value;
            // It really stopped mid-scan: some transfers are not seen yet.
            Assert.InRange((await first.DepositsOfAsync(account)).Count, 0, 4);
        }

        await using var second = await StartAsync(maxBlockRange: 2);
        Assert.Equal(cursorAfterFirstRun, await second.Deposits.GetCursorAsync(Node.ChainId, Ct));
        // Its first step scans the two blocks after the cursor, not the chain again from the start block.
        await second.Scanner.ScanOnceAsync(Ct);
        Assert.Equal(cursorAfterFirstRun + 2, await second.Deposits.GetCursorAsync(Node.ChainId, Ct));
        await second.ScanToHeadAsync();
        await second.ScanToHeadAsync();

        var deposits = await second.DepositsOfAsync(account);
        Assert.Equal(5, deposits.Count);
        Assert.All(deposits, d => Assert.Equal(DepositStatus.Credited, d.Status));
        Assert.Equal(15_000_000_000L, await second.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_RescanOfAnOldRange_CreditsNothing()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAndTransferAsync(payer, Treasury, 3_000_000);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();
        Assert.Equal(3_000_000_000L, await gateway.BalanceAsync(account));

        await gateway.Deposits.SetCursorAsync(Node.ChainId, 0, DateTimeOffset.UtcNow, Ct);
        await gateway.ScanToHeadAsync();
        await using var restarted = await StartAsync();
        await restarted.Deposits.SetCursorAsync(Node.ChainId, 0, DateTimeOffset.UtcNow, Ct);
        await restarted.ScanToHeadAsync();

        Assert.Equal(3_000_000_000L, await restarted.BalanceAsync(account));
        Assert.Single(await restarted.DepositsOfAsync(account));
    }

    [Fact]
    public async Task ScanOnce_TwoTransfersInOneTransaction_BothCredited()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAsync(payer, 5_000_000);

        var receipt = await Token.TransferManyAsync(payer, [(Treasury, 1_000_000), (TestWallet.Create().LowerAddress, 500_000), (Treasury, 2_000_000)]);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var deposits = await gateway.DepositsOfAsync(account);
        Assert.Equal(2, deposits.Count);
        Assert.All(deposits, d => Assert.Equal(receipt.TransactionHash, d.TransactionHash));
        Assert.Equal(2, deposits.Select(d => d.LogIndex).Distinct().Count());
        Assert.Equal(3_000_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_TransfersOfNothingAndBelowTheMinimumDeposit_NeverRecordedNorCredited()
    {
        await using var gateway = await StartAsync();
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        await Token.MintAsync(payer, 20_000);

        // Nothing, one unit, and one unit short of the $0.01 minimum; then exactly the minimum, which is a deposit.
        await Token.TransferManyAsync(payer, [(Treasury, 0), (Treasury, 1), (Treasury, 9_999)]);
        var minimum = await Token.TransferAsync(payer, Treasury, 10_000);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var deposit = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal((minimum.TransactionHash, DepositStatus.Credited, 10_000_000L), (deposit.TransactionHash, deposit.Status, deposit.Amount));
        Assert.Single(await gateway.Deposits.ListConfirmedAsync(Node.ChainId, 0, long.MaxValue, Ct));
        Assert.Equal(10_000_000L, await gateway.BalanceAsync(account));
        var reconciliation = await gateway.Reconciler.ReconcileAsync(gateway.Chain, null, Ct);
        Assert.True(reconciliation.Matches, string.Join("; ", reconciliation.Differences));
        Assert.Equal((1, 10_000_000L), (reconciliation.OnChain, reconciliation.OnChainNanos));
    }

    [Fact]
    public async Task ScanOnce_UnknownWallet_KeepsTheDepositUnclaimedUntilItsFirstSignIn()
    {
        await using var gateway = await StartAsync();
        var stranger = TestWallet.Create().LowerAddress;
        await Token.MintAndTransferAsync(stranger, Treasury, 4_000_000);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();
        var unclaimed = Assert.Single(await gateway.Deposits.ListConfirmedAsync(Node.ChainId, 0, long.MaxValue, Ct));
        Assert.Equal((DepositStatus.Unclaimed, (string?)null), (unclaimed.Status, unclaimed.AccountId));

        var account = await gateway.SignUpAsync(stranger);
        var claimed = await gateway.Crediting.ClaimAsync(Wallets.WalletAddress.Parse(stranger), account, Ct);

        Assert.Equal(4_000_000_000L, claimed);
        Assert.Equal(4_000_000_000L, await gateway.BalanceAsync(account));
        Assert.Equal(DepositStatus.Credited, Assert.Single(await gateway.DepositsOfAsync(account)).Status);
        // A second claim (a second sign-in) finds nothing more.
        Assert.Equal(0, await gateway.Crediting.ClaimAsync(Wallets.WalletAddress.Parse(stranger), account, Ct));
        Assert.Equal(4_000_000_000L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_EighteenDecimalToken_CreditsExactNanosAndKeepsTheDust()
    {
        // The chain's token has 6 decimals; configured as 18, its amounts read like DAI's.
        await using var gateway = await StartAsync(tokenDecimals: 18);
        var payer = TestWallet.Create().LowerAddress;
        var account = await gateway.SignUpAsync(payer);
        var raw = BigInteger.Parse("1000000001234567891", System.Globalization.CultureInfo.InvariantCulture);
        await Token.MintAndTransferAsync(payer, Treasury, raw);
        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();

        var deposit = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal((1_000_000_001L, "234567891", "1000000001234567891"), (deposit.Amount, deposit.Dust, deposit.RawAmount));
        Assert.Equal(1_000_000_001L, await gateway.BalanceAsync(account));
    }

    [Fact]
    public async Task ScanOnce_RpcFailingHalfTheTime_MissesNothing()
    {
        await using var proxy = await FlakyRpcProxy.StartAsync(Node.Url, Ct);
        var quickRetry = new RpcRetryPolicy(6, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
        await using var gateway = await StartAsync(maxBlockRange: 3, rpcUrl: proxy.Url, retry: quickRetry);
        var payers = Enumerable.Range(0, 4).Select(_ => TestWallet.Create().LowerAddress).ToArray();
        var accounts = new List<string>();
        foreach (var payer in payers)
        {
            accounts.Add(await gateway.SignUpAsync(payer));
        }

        for (var i = 0; i < payers.Length; i++)
        {
            await Token.MintAndTransferAsync(payers[i], Treasury, (i + 1) * 1_000_000);
            await Node.MineAsync(2);
        }

        await Node.MineAsync(Depth);
        await gateway.ScanToHeadAsync();
        await gateway.ScanToHeadAsync();

        for (var i = 0; i < payers.Length; i++)
        {
            Assert.Equal((i + 1) * 1_000_000_000L, await gateway.BalanceAsync(accounts[i]));
        }

        Assert.True(proxy.Failed >= proxy.Requests / 2 - 1, $"{proxy.Failed} of {proxy.Requests} requests failed");
        Assert.True(proxy.Failed > 10);
    }

    private Task<DepositHarness> StartAsync(int maxBlockRange = 2000, Uri? rpcUrl = null, RpcRetryPolicy? retry = null, int tokenDecimals = TestToken.Decimals) =>
        DepositHarness.StartAsync(_database, rpcUrl ?? Node.Url, Node.ChainId, Token, Treasury, Depth, maxBlockRange, tokenDecimals: tokenDecimals, retry: retry);
}
