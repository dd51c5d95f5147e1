using System.Globalization;
using System.Numerics;
using Tollway.Chain.X402;
using Tollway.Testing.Chain;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// Every way a payment is refused: each answers 402 with a fresh challenge naming the reason, calls no provider,
/// moves no token and credits nothing.
/// </summary>
public sealed class X402FailureTests(X402Fixture gateway) : IClassFixture<X402Fixture>
{
    [Fact]
    public Task Post_HeaderNotBase64Json_RefusedAsMalformed() =>
        AssertRefusedAsync(X402Failure.Malformed, (_, _) => "this is not a payment");

    [Fact]
    public Task Post_NetworkNotOffered_RefusedAsUnknownNetwork() =>
        AssertRefusedAsync(X402Failure.UnknownNetwork, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key, challenge.Accepts[0] with { Network = "eip155:8453" }));

    [Fact]
    public Task Post_AssetNotOffered_RefusedAsUnknownAsset() =>
        AssertRefusedAsync(X402Failure.UnknownAsset, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key, challenge.Accepts[0] with { Asset = TestWallet.Create().Address }));

    [Fact]
    public Task Post_ValueBelowTheQuote_RefusedAsAmountMismatch() =>
        AssertRefusedAsync(X402Failure.AmountMismatch, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0], value: "999"), payer.Key));

    [Fact]
    public Task Post_ExpiringWithinTheSafetyMargin_RefusedAsExpired() =>
        AssertRefusedAsync(X402Failure.Expired, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0], validFor: TimeSpan.FromSeconds(10)), payer.Key));

    [Fact]
    public Task Post_ExpiringBeforeSettlementCouldEnd_RefusedAsExpired() =>
        // Settlement may take X402:SettlementTimeout (2 min) and must end 30 s before the authorization expires.
        AssertRefusedAsync(X402Failure.Expired, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0], validFor: TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(20)), payer.Key));

    [Fact]
    public Task Post_ValidOnlyLater_RefusedAsNotYetValid() =>
        AssertRefusedAsync(X402Failure.NotYetValid, (payer, challenge) =>
        {
            var later = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 120).ToString(CultureInfo.InvariantCulture);
            return X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]) with { ValidAfter = later }, payer.Key);
        });

    [Fact]
    public Task Post_SignedByAnotherKey_RefusedAsBadSignature() =>
        AssertRefusedAsync(X402Failure.BadSignature, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), TestWallet.Create().Key));

    [Fact]
    public Task Post_PayerWithoutTheTokens_RefusedAsInsufficientFunds() =>
        AssertRefusedAsync(X402Failure.InsufficientFunds, (payer, challenge) =>
            X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key), payerUnits: 999);

    [Fact]
    public async Task Post_AuthorizationAlreadyUsedOnChain_RefusedAsNonceUsed()
    {
        var payer = await gateway.NewPayerAsync(5_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var authorization = X402Payer.Authorize(payer, challenge.Accepts[0]);
        var header = X402Payer.V2(challenge, authorization, payer.Key);
        // Someone else relays the same authorization first, straight to the token.
        var parsed = ExactAuthorization.TryParse(X402Codec.DecodePayment(header)!.Payload)!;
        await gateway.Chain.SendAsync(TestWallet.Create().LowerAddress, gateway.Token.Address, Eip3009Abi.TransferWithAuthorization(parsed));

        await AssertRefusedAsync(X402Failure.NonceUsed, payer, header);
    }

    [Fact]
    public async Task Post_RelayerCannotPayGas_RefusedAsSettlementFailedAndTheAuthorizationStaysUsable()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var header = X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
        await gateway.Chain.SetBalanceAsync(X402Fixture.RelayerAddress, BigInteger.Zero);
        try
        {
            await AssertRefusedAsync(X402Failure.SettlementFailed, payer, header);
        }
        finally
        {
            await gateway.Chain.SetBalanceAsync(X402Fixture.RelayerAddress, BigInteger.Pow(10, 21));
        }

        // Nothing was consumed: once the relayer can pay gas again, the same authorization is settled and served.
        using var retry = await X402Requests.SendAsync(gateway, header);
        Assert.Equal(System.Net.HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Post_SettlementFailedThenSettled_NeverLogsTheRelayerKey()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        var header = X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key);
        await gateway.Chain.SetBalanceAsync(X402Fixture.RelayerAddress, BigInteger.Zero);
        try
        {
            using var failed = await X402Requests.SendAsync(gateway, header);
            await X402Requests.AssertRefusedAsync(failed, X402Failure.SettlementFailed);
        }
        finally
        {
            await gateway.Chain.SetBalanceAsync(X402Fixture.RelayerAddress, BigInteger.Pow(10, 21));
        }

        using var settled = await X402Requests.SendAsync(gateway, header);
        Assert.Equal(System.Net.HttpStatusCode.OK, settled.StatusCode);

        // The failure and the settlement were logged (with the payer), and nowhere the key that signed the transaction.
        var logs = gateway.Logs.AllText;
        Assert.Contains(payer.LowerAddress, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(X402Fixture.RelayerKey[2..], logs, StringComparison.OrdinalIgnoreCase);
    }

    private async Task AssertRefusedAsync(X402Failure reason, Func<TestWallet, PaymentRequired, string> pay, int payerUnits = 5_000)
    {
        var payer = await gateway.NewPayerAsync(payerUnits);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        await AssertRefusedAsync(reason, payer, pay(payer, challenge));
    }

    private async Task AssertRefusedAsync(X402Failure reason, TestWallet payer, string header)
    {
        var upstream = gateway.Upstream.RequestCount;
        var payerBefore = await gateway.Token.BalanceOfAsync(payer.LowerAddress);
        var treasuryBefore = await gateway.Token.BalanceOfAsync(gateway.Treasury);

        using var response = await X402Requests.SendAsync(gateway, header);

        await X402Requests.AssertRefusedAsync(response, reason);
        Assert.Equal(upstream, gateway.Upstream.RequestCount);
        Assert.Equal(payerBefore, await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        Assert.Equal(treasuryBefore, await gateway.Token.BalanceOfAsync(gateway.Treasury));
        // A payment refused once sent was given its payer's account first (so the deposit watcher could credit it),
        // but nothing is credited to it.
        if (await X402Requests.AccountOfAsync(gateway, payer.Address) is { } accountId)
        {
            Assert.Equal(0, await Books.BalanceAsync(gateway, accountId));
        }
    }
}
