using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// An x402 payment is also a transfer to the treasury, credited by the x402 gate under its x402 reference and by the
/// watcher under the reference its <c>AuthorizationUsed</c> lookup gives it. Here that lookup fails: the chain's
/// first RPC URL refuses it, and the client fails over to a second that is some blocks behind, as a backup node often
/// is, and has not seen the payment's block yet. The payment must still be credited once, in either order.
/// </summary>
public sealed class Eip3009LookupFailureTests : TokenChainTest
{
    private const int Depth = 2;
    private const int BackupLag = Depth + 2;
    private const long Units = 1_500_000;
    private const long Nanos = Units * 1_000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ScanOnce_AuthorizationLookupFailsOverToALaggingNode_X402PaymentCreditedOnce(bool gateCreditsFirst)
    {
        var lookupFails = true;
        await using var primary = await RpcStub.StartAsync(Node.Url, Ct);
        primary.Fault = call => lookupFails && IsAuthorizationLookup(call) ? RpcFault.ServiceUnavailable : null;
        await using var backup = await RpcStub.StartAsync(Node.Url, Ct);
        backup.Lag = BackupLag;
        await using var gateway = await DepositHarness.StartAsync(
            DepositHarness.NewDatabasePath(), primary.Url, Node.ChainId, Token, Treasury, Depth, retry: DepositHarness.QuickRetry, backupRpcUrls: [backup.Url]);
        var payer = TestWallet.Create();
        await Token.MintAsync(payer.LowerAddress, Units);
        var (transfer, nonce) = await AuthorizedTransfers.SendAsync(Token, payer, Treasury, Units);
        await Node.MineAsync(Depth);
        var reference = new X402AuthorizationKey(Node.ChainId, Token.Address, payer.LowerAddress, nonce).LedgerReference;
        // The gate makes the payer's account before it settles, then credits the settled payment under its reference.
        var account = (await gateway.Wallets.GetOrCreateAsync(WalletAddress.Parse(payer.LowerAddress), DateTimeOffset.UtcNow, Ct)).AccountId;
        if (gateCreditsFirst)
        {
            Assert.Equal(PostOutcome.Posted, await CreditAsTheGateDoesAsync(gateway, reference, account, transfer.TransactionHash));
        }

        for (var step = 0; step < 3; step++)
        {
            await TryScanOnceAsync(gateway);
        }

        Assert.Equal(gateCreditsFirst ? Nanos : 0, await gateway.BalanceAsync(account));
        Assert.True(primary.Faults > 0, "the lookup was never refused");

        // The lookup works again: the primary recovers and the backup catches up.
        lookupFails = false;
        await Node.MineAsync(BackupLag);
        await gateway.ScanToHeadAsync();
        await gateway.ScanToHeadAsync();
        var outcome = await CreditAsTheGateDoesAsync(gateway, reference, account, transfer.TransactionHash);

        Assert.Equal(PostOutcome.Duplicate, outcome);
        Assert.Equal(Nanos, await gateway.BalanceAsync(account));
        var deposit = Assert.Single(await gateway.DepositsOfAsync(account));
        Assert.Equal((transfer.TransactionHash, nonce, reference), (deposit.TransactionHash, deposit.AuthorizationNonce, deposit.Reference));
    }

    /// <summary>What looks up how a transfer was made: <c>AuthorizationUsed</c> logs, or a transaction's receipt.</summary>
    private static bool IsAuthorizationLookup(RpcCall call) =>
        call.Method == "eth_getTransactionReceipt"
        || (call.Method == "eth_getLogs" && call.Filter?["topics"]?.ToJsonString().Contains(Eip3009Transfers.AuthorizationUsedTopic[2..], StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>One watcher step, which may fail while the lookup does (the watcher then retries later).</summary>
    private static async Task TryScanOnceAsync(DepositHarness gateway)
    {
        try
        {
            await gateway.Scanner.ScanOnceAsync(Ct);
        }
        catch (Exception error) when (error is InvalidOperationException or RpcUnavailableException or RpcErrorException)
        {
        }
    }

    /// <summary>The ledger posting the x402 gate makes for a settled payment (X402Gate's credit).</summary>
    private static Task<PostOutcome> CreditAsTheGateDoesAsync(DepositHarness gateway, string reference, string account, string transaction) =>
        gateway.Ledger.PostAsync(
            LedgerTransaction.Transfer(reference, LedgerTransactionKind.Deposit, DateTimeOffset.UtcNow, LedgerAccounts.Deposits, LedgerAccounts.User(account), Nanos,
                $"x402 payment in {transaction}"),
            Ct);
}
