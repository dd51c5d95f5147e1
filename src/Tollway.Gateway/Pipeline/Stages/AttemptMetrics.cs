using System.Diagnostics.Metrics;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// The metrics of upstream attempts (<see cref="AttemptRunner"/>): each attempt by provider and outcome, the retries
/// and failovers between them, the provider's time to first byte, and OpenTelemetry's GenAI client metrics
/// (<c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>). Labels are configured names (provider,
/// catalog model, upstream model), status codes and fixed words only.
/// </summary>
internal sealed class AttemptMetrics
{
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failovers;
    private readonly Histogram<double> _firstByte;
    private readonly Histogram<double> _operation;
    private readonly Histogram<long> _tokens;

    public AttemptMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TollwayTelemetry.GatewayName);
        _attempts = meter.CreateCounter<long>("tollway.upstream.attempts", "{attempt}", "Upstream attempts by provider and outcome.");
        _retries = meter.CreateCounter<long>("tollway.upstream.retries", "{retry}", "Attempts tried again, by why.");
        _failovers = meter.CreateCounter<long>("tollway.upstream.failovers", "{failover}", "Requests moved on from a provider's endpoint to another endpoint.");
        _firstByte = meter.CreateHistogram<double>("tollway.upstream.time_to_first_byte", "s", "Until the provider's response headers.");
        _operation = meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Each upstream attempt, until its answer was relayed or it failed.");
        _tokens = meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens per answer as the provider reported them.");
    }

    /// <summary>Counts one attempt; <paramref name="outcome"/> is a status code's text or a fixed word.</summary>
    public void Attempt(ModelEndpoint endpoint, string outcome) =>
        _attempts.Add(1, new("provider", endpoint.Provider.Name), new("outcome", outcome));

    /// <summary>Counts the move from a failed attempt to the next: a retry (why: <see cref="RetryReasons.ForOutcome"/> of
    /// its outcome) and, when the next goes to another endpoint, a failover.</summary>
    public void Moved(ModelEndpoint from, string outcome, ModelEndpoint to)
    {
        _retries.Add(1, new("provider", from.Provider.Name), new("reason", RetryReasons.ForOutcome(outcome)));
        if (!ReferenceEquals(from, to) && from.Key != to.Key)
        {
            _failovers.Add(1, new KeyValuePair<string, object?>("from_provider", from.Provider.Name));
        }
    }

    /// <summary>Publishes at zero a failover from each provider, and a retry of each for every reason.</summary>
    public void Seed(IEnumerable<string> providers)
    {
        foreach (var provider in providers)
        {
            var from = new KeyValuePair<string, object?>("provider", provider);
            foreach (var reason in RetryReasons.All)
            {
                _retries.Add(0, from, new("reason", reason));
            }

            _failovers.Add(0, new KeyValuePair<string, object?>("from_provider", provider));
        }
    }

    /// <summary>Records an attempt that ended (its outcome, as the request log's attempts column has it) after
    /// <paramref name="elapsed"/>: its duration, and the tokens of the answer it relayed.</summary>
    public void Ended(GatewayRequest request, EndpointQuote candidate, TimeSpan elapsed, string outcome)
    {
        if (_operation.Enabled || _tokens.Enabled)
        {
            var answered = outcome is ['2', _, _];
            Operation(EndpointLabels.Of(request.Operation, candidate), elapsed, answered ? null : ErrorType(outcome), answered ? request.Log.Usage : null);
        }
    }

    /// <summary>Records the time until the provider's response headers.</summary>
    public void FirstByte(EndpointLabels labels, TimeSpan elapsed) =>
        _firstByte.Record(elapsed.TotalSeconds, new("provider", labels.Provider), new("model", labels.Model));

    /// <summary>Records an attempt's duration, and the answer's token usage when it had one.</summary>
    public void Operation(EndpointLabels labels, TimeSpan elapsed, string? errorType, TokenUsage? usage)
    {
        if (_operation.Enabled)
        {
            var tags = labels.GenAi();
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            _operation.Record(elapsed.TotalSeconds, tags);
        }

        if (usage is { } used && _tokens.Enabled)
        {
            var tags = labels.GenAi();
            tags.Add("gen_ai.token.type", "input");
            _tokens.Record(used.PromptTokens, tags);
            tags[tags.Count - 1] = new("gen_ai.token.type", "output");
            _tokens.Record(used.CompletionTokens, tags);
        }
    }

    /// <summary>The <c>error.type</c> of a failed attempt: its status code, or its failure in snake case.</summary>
    private static string ErrorType(string outcome) =>
        outcome is [>= '1' and <= '5', _, _] ? outcome
        : Enum.TryParse<ForwarderError>(outcome, out var error) && Enum.IsDefined(error) ? RetryReasons.Name(error)
        : "other";
}
