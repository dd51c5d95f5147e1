using System.Diagnostics;
using System.Globalization;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// The span of each upstream attempt, a client span by OpenTelemetry's GenAI conventions (named
/// <c>{operation} {model}</c>, with the provider, the catalog model and the endpoint's upstream model), with the HTTP
/// status or the connection error it ended with and, when another attempt followed, why; and the <c>relay</c> span
/// under the attempt whose answer went to the client. The attempt's span is the current one while it is sent, so a
/// provider the operator lets see the trace context (<c>propagateTraceContext</c>) gets it as its parent.
/// </summary>
internal static class AttemptSpans
{
    public const string Attempt = "attempt";
    public const string Relay = "relay";

    /// <summary>Starts the span of attempt <paramref name="number"/> (from 1) at <paramref name="candidate"/>.</summary>
    public static Activity? Start(GatewayRequest request, EndpointQuote candidate, int number)
    {
        var span = TollwayTelemetry.Source.StartActivity(Attempt, ActivityKind.Client);
        if (span is not { IsAllDataRequested: true })
        {
            return span;
        }

        var endpoint = candidate.Endpoint;
        var operation = RequestSpans.OperationName(request.Operation);
        span.DisplayName = operation + " " + candidate.Model.Id;
        span.SetTag(SpanAttributes.OperationName, operation);
        span.SetTag(SpanAttributes.ProviderName, endpoint.Provider.Name);
        span.SetTag(SpanAttributes.RequestModel, candidate.Model.Id);
        span.SetTag(SpanAttributes.ResponseModel, endpoint.UpstreamModel);
        span.SetTag(SpanAttributes.Endpoint, endpoint.Key);
        span.SetTag(SpanAttributes.Attempt, number);
        span.SetTag(SpanAttributes.ServerAddress, endpoint.Provider.BaseUri.Host);
        span.SetTag(SpanAttributes.ServerPort, endpoint.Provider.BaseUri.Port);
        return span;
    }

    /// <summary>Records how the attempt ended, from its record in the request log's attempts: an HTTP status, or why
    /// there was none; and why the request went on when it did.</summary>
    public static void End(Activity? span, List<AttemptRecord> records, AttemptResult result)
    {
        if (span is not { IsAllDataRequested: true } || records.Count == 0)
        {
            return;
        }

        var outcome = records[^1].Outcome;
        var failed = true;
        string? reason;
        if (int.TryParse(outcome, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            span.SetTag(SpanAttributes.HttpStatus, status);
            failed = status >= 400;
            reason = RetryReasons.ForStatus(status);
        }
        else if (Enum.TryParse<ForwarderError>(outcome, out var error) && error != ForwarderError.None)
        {
            outcome = RetryReasons.Name(error);
            reason = RetryReasons.ForError(error);
        }
        else
        {
            // Not sent at all (untranslatable) or not waited for (client_closed): the record's word is already snake case.
            reason = RetryReasons.Other;
        }

        if (failed)
        {
            span.SetTag(SpanAttributes.ErrorType, outcome);
            span.SetStatus(ActivityStatusCode.Error);
        }

        if (!result.Finished)
        {
            span.SetTag(SpanAttributes.RetryReason, reason);
        }
    }

    /// <summary>Starts the span of the relay of an answer, under its attempt's.</summary>
    public static Activity? StartRelay(GatewayRequest request)
    {
        var span = TollwayTelemetry.Source.StartActivity(Relay);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(SpanAttributes.Stream, request.Inspected!.Stream);
        }

        return span;
    }

    /// <summary>Records what went to the client on the relay's span, and the tokens the answer used on its attempt's.</summary>
    public static void Relayed(Activity? span, RelayOutcome outcome)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.SetTag(SpanAttributes.Status, outcome.Status);
        span.SetTag(SpanAttributes.ResponseBytes, outcome.ResponseBytes);
        if (outcome.ErrorCode is { } code)
        {
            span.SetTag(SpanAttributes.ErrorType, code);
            span.SetStatus(ActivityStatusCode.Error);
        }

        if (outcome.Usage is { } usage && span.Parent is { IsAllDataRequested: true } attempt)
        {
            attempt.SetTag(SpanAttributes.InputTokens, usage.PromptTokens);
            attempt.SetTag(SpanAttributes.OutputTokens, usage.CompletionTokens);
        }
    }
}
