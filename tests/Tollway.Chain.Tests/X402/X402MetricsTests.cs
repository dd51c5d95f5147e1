using Tollway.Chain.Tests.Testing;
using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class X402MetricsTests : IDisposable
{
    private readonly MeterRecorder _recorder;
    private readonly X402Metrics _metrics;

    public X402MetricsTests()
    {
        var factory = MeterRecorder.NewFactory();
        _recorder = new MeterRecorder(factory);
        // Two tokens on one network and one on another: a challenge quotes once per network.
        _metrics = new X402Metrics(factory, new Offers([Offer(8453, "USDC"), Offer(8453, "USDT"), Offer(31337, "TUSD")]));
    }

    [Fact]
    public void Quoted_ThreeOffersOnTwoNetworks_CountsOneQuotePerNetwork()
    {
        _metrics.Quoted();
        _metrics.Quoted();

        Assert.Equal(2, _recorder.Sum("tollway.x402.quotes", ("network", "eip155:8453")));
        Assert.Equal(2, _recorder.Sum("tollway.x402.quotes", ("network", "eip155:31337")));
        Assert.Equal(4, _recorder.Sum("tollway.x402.quotes"));
    }

    [Fact]
    public void Refused_PaymentMatchingNoOffer_CountsUnderUnknownNetworkAndTheFailureCode()
    {
        _metrics.Refused(null, X402Failure.UnknownNetwork);

        Assert.Equal(1, _recorder.Sum("tollway.x402.payments", ("network", "unknown"), ("outcome", "refused")));
        Assert.Equal(1, _recorder.Sum("tollway.x402.failures", ("reason", "invalid_network")));
    }

    [Fact]
    public void Refused_MatchedPayment_CountsUnderItsOffersNetwork()
    {
        _metrics.Refused("eip155:31337", X402Failure.InsufficientFunds);
        _metrics.Refused("eip155:31337", X402Failure.InsufficientFunds);
        _metrics.Refused("eip155:31337", X402Failure.BadSignature);

        Assert.Equal(3, _recorder.Sum("tollway.x402.payments", ("network", "eip155:31337"), ("outcome", "refused")));
        Assert.Equal(2, _recorder.Sum("tollway.x402.failures", ("reason", "insufficient_funds")));
        Assert.Equal(1, _recorder.Sum("tollway.x402.failures", ("reason", "invalid_exact_evm_signature")));
    }

    [Fact]
    public void AcceptedAndSettlement_EachOutcome_CountedUnderItsOwnLabel()
    {
        _metrics.Settlement("eip155:8453", settled: true);
        _metrics.Accepted("eip155:8453");
        _metrics.Settlement("eip155:8453", settled: false);

        Assert.Equal(1, _recorder.Sum("tollway.x402.payments", ("network", "eip155:8453"), ("outcome", "accepted")));
        Assert.Equal(1, _recorder.Sum("tollway.x402.settlements", ("network", "eip155:8453"), ("outcome", "settled")));
        Assert.Equal(1, _recorder.Sum("tollway.x402.settlements", ("network", "eip155:8453"), ("outcome", "failed")));
        Assert.Empty(_recorder.TagsOf("tollway.x402.failures"));
    }

    public void Dispose() => _recorder.Dispose();

    private static X402Offer Offer(long chainId, string symbol) =>
        new("chain" + chainId, chainId, symbol, "0x00000000000000000000000000000000000000" + (chainId % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            6, symbol, "2", "0x000000000000000000000000000000000000dead");

    private sealed class Offers(IReadOnlyList<X402Offer> offers) : IX402Chains
    {
        IReadOnlyList<X402Offer> IX402Chains.Offers => offers;

        public bool IsSignedByPayer(X402Offer offer, ExactAuthorization authorization) => false;
    }
}
