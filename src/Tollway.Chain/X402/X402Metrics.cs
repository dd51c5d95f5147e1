using System.Diagnostics.Metrics;
using Tollway.Chain.Diagnostics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Chain.X402;

/// <summary>
/// x402's instruments on the <c>Tollway.Chain</c> meter. Labels are bounded: <c>network</c> is an offered network's
/// CAIP-2 id (or <c>unknown</c> for a payment that named none of them: never the client's string), <c>reason</c> an
/// <see cref="X402Failures.Code"/>.
/// </summary>
public sealed class X402Metrics : IMetricSeriesSeed
{
    /// <summary>The <c>network</c> of a payment that could not be matched to an offer.</summary>
    public const string UnknownNetwork = "unknown";

    private readonly Counter<long> _quotes;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _settlements;
    private readonly Counter<long> _failures;
    private readonly string[] _networks;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public X402Metrics(IMeterFactory meters, IX402Chains chains)
    {
        var meter = meters.Create(ChainTelemetry.MeterName);
        _networks = [.. chains.Offers.Select(o => o.Network).Distinct(StringComparer.Ordinal)];
        _quotes = meter.CreateCounter<long>("tollway.x402.quotes", "{quote}", "x402 challenges (402 with payment requirements), one per network offered.");
        _payments = meter.CreateCounter<long>("tollway.x402.payments", "{payment}", "x402 payments received, by whether they were accepted.");
        _settlements = meter.CreateCounter<long>("tollway.x402.settlements", "{settlement}", "x402 settlements on chain, by whether they settled.");
        _failures = meter.CreateCounter<long>("tollway.x402.failures", "{failure}", "x402 payments refused, by the failure code of the challenge.");
    }

    /// <summary>A challenge was answered: a quote on every network offered.</summary>
    public void Quoted()
    {
        foreach (var network in _networks)
        {
            _quotes.Add(1, new KeyValuePair<string, object?>("network", network));
        }
    }

    /// <summary>A payment settled and was credited to its wallet.</summary>
    public void Accepted(string network) => Payment(network, "accepted");

    /// <summary>A payment was refused with <paramref name="failure"/>; <paramref name="network"/> is its offer's, when it
    /// matched one.</summary>
    public void Refused(string? network, X402Failure failure)
    {
        Payment(network ?? UnknownNetwork, "refused");
        if (_failures.Enabled)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("reason", X402Failures.Code(failure) ?? "payment_required"));
        }
    }

    /// <summary>A settlement ended: <paramref name="settled"/> when the money moved and is final.</summary>
    public void Settlement(string network, bool settled) =>
        _settlements.Add(1, new KeyValuePair<string, object?>("network", network), new KeyValuePair<string, object?>("outcome", settled ? "settled" : "failed"));

    /// <summary>Publishes at zero every network's quotes, payments and settlements by outcome, and every failure code
    /// (nothing while no network is offered).</summary>
    public void Seed()
    {
        if (_networks.Length == 0)
        {
            return;
        }

        foreach (var network in _networks)
        {
            var tag = new KeyValuePair<string, object?>("network", network);
            _quotes.Add(0, tag);
            _payments.Add(0, tag, new("outcome", "accepted"));
            _payments.Add(0, tag, new("outcome", "refused"));
            _settlements.Add(0, tag, new("outcome", "settled"));
            _settlements.Add(0, tag, new("outcome", "failed"));
        }

        foreach (var code in Enum.GetValues<X402Failure>().Select(X402Failures.Code).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            _failures.Add(0, new KeyValuePair<string, object?>("reason", code));
        }
    }

    private void Payment(string network, string outcome) =>
        _payments.Add(1, new KeyValuePair<string, object?>("network", network), new KeyValuePair<string, object?>("outcome", outcome));
}
