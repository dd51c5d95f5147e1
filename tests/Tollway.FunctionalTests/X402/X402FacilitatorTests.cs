using System.Net;
using System.Numerics;
using Tollway.Chain.X402;

namespace Tollway.FunctionalTests.X402;

/// <summary>With <c>X402:FacilitatorUrl</c>, the facilitator verifies and settles; the gateway still checks first and
/// credits and serves the same way.</summary>
public sealed class X402FacilitatorTests(X402FacilitatorFixture gateway) : IClassFixture<X402FacilitatorFixture>
{
    [Fact]
    public async Task Post_Paid_IsVerifiedAndSettledByTheFacilitatorThenServed()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        gateway.Facilitator.Calls.Clear();

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["/verify", "/settle"], gateway.Facilitator.Calls);
        Assert.Equal(BigInteger.Zero, await gateway.Token.BalanceOfAsync(payer.LowerAddress));
        Assert.True(X402Codec.DecodeSettlement(response.Headers.GetValues(X402Headers.PaymentResponse).Single())?.Success);
        Assert.NotNull(await X402Requests.AccountOfAsync(gateway, payer.Address));
    }

    [Fact]
    public async Task Post_FacilitatorRefusesInVerify_RefusedWithItsReasonAndNeverSettled()
    {
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        gateway.Facilitator.Calls.Clear();
        gateway.Facilitator.RefuseNextVerify = "insufficient_funds";
        var upstream = gateway.Upstream.RequestCount;

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key));

        await X402Requests.AssertRefusedAsync(response, X402Failure.InsufficientFunds);
        Assert.Equal(["/verify"], gateway.Facilitator.Calls);
        Assert.Equal(upstream, gateway.Upstream.RequestCount);
        Assert.Equal(new BigInteger(1_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
    }

    [Fact]
    public async Task Post_FacilitatorAnswersFarMoreThanAVerdict_RefusedAsUncheckableAndNeverSettled()
    {
        // A valid verdict padded to 64 MiB: read whole, it would pass; the gateway stops at 64 KiB and calls it a failure.
        var payer = await gateway.NewPayerAsync(1_000);
        var challenge = await X402Requests.ChallengeAsync(gateway);
        gateway.Facilitator.Calls.Clear();
        gateway.Facilitator.PadNextVerify = 64L * 1024 * 1024;
        var upstream = gateway.Upstream.RequestCount;

        using var response = await X402Requests.SendAsync(gateway, X402Payer.V2(challenge, X402Payer.Authorize(payer, challenge.Accepts[0]), payer.Key));

        await X402Requests.AssertRefusedAsync(response, X402Failure.VerificationUnavailable);
        Assert.Equal(["/verify"], gateway.Facilitator.Calls);
        Assert.Equal(upstream, gateway.Upstream.RequestCount);
        Assert.Equal(new BigInteger(1_000), await gateway.Token.BalanceOfAsync(payer.LowerAddress));
    }
}
