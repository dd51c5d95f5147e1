using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// The request's spans. ASP.NET Core's server span is the request's own, and gets Tollway's attributes as the stages
/// learn them (<see cref="Resolved"/>, <see cref="Finish"/>); <c>auth</c>, <c>hold</c> and <c>settle</c> are its children
/// from <see cref="TollwayTelemetry.Source"/>, as are the attempts (<see cref="AttemptSpans"/>). While no tracer listens
/// nothing is created or tagged (the server span ASP.NET Core makes for its logs included), and a span the sampler
/// dropped gets no attributes. No attribute carries prompt text, a key, or an account or key id: the request id leads
/// an operator to those in the request log.
/// </summary>
internal static class RequestSpans
{
    public const string Auth = "auth";
    public const string Hold = "hold";
    public const string Settle = "settle";

    /// <summary>Starts a stage's span under the current one; <see langword="null"/> while no tracer listens.</summary>
    public static Activity? Start(string name) => TollwayTelemetry.Source.StartActivity(name);

    /// <summary>Records how a stage ended on its span and hands the answer on: an error is the span's error.</summary>
    public static StageResult Ended(Activity? span, StageResult answer)
    {
        if (span is { IsAllDataRequested: true } && answer.Error is { } error)
        {
            span.SetTag(SpanAttributes.ErrorType, error.Code ?? error.Type);
            span.SetStatus(ActivityStatusCode.Error);
        }

        return answer;
    }

    /// <summary>Records the hold on its span: how the request pays and what was held, then how the stage ended.</summary>
    public static StageResult Held(Activity? span, GatewayRequest request, StageResult answer)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(SpanAttributes.Payment, request.Paying ? "x402" : "balance");
            if (request.Admission?.Billing is { } billing)
            {
                span.SetTag(SpanAttributes.Held, billing.Hold.Amount);
            }
        }

        return Ended(span, answer);
    }

    /// <summary>Records what the request was charged on the settle span (nothing for a request nothing was charged for).</summary>
    public static void Settled(Activity? span, GatewayRequest request)
    {
        if (span is { IsAllDataRequested: true } && request.Admission?.Billing?.Charge is { } charge)
        {
            span.SetTag(SpanAttributes.Cost, charge.Total);
        }
    }

    /// <summary>The model resolved: the catalog's id, never the text the client sent.</summary>
    public static void Resolved(GatewayRequest request) => Of(request.Http)?.SetTag(SpanAttributes.RequestModel, request.Plan.FirstModel.Id);

    /// <summary>The request's end: its id, operation, provider and status, as its request log row has them.</summary>
    public static void Finish(GatewayRequest request)
    {
        if (Of(request.Http) is not { } span)
        {
            return;
        }

        var log = request.Log;
        span.SetTag(SpanAttributes.RequestId, log.Id);
        span.SetTag(SpanAttributes.OperationName, OperationName(request.Operation));
        span.SetTag(SpanAttributes.ProviderName, log.Provider);
        span.SetTag(SpanAttributes.Stream, log.Stream);
        span.SetTag(SpanAttributes.Status, log.Status);
        if (log.Status >= 400)
        {
            span.SetTag(SpanAttributes.ErrorType, log.ErrorCode);
        }
    }

    /// <summary>The operation by OpenTelemetry's GenAI names.</summary>
    public static string OperationName(GatewayOperation operation) => operation switch
    {
        GatewayOperation.Completions => "text_completion",
        GatewayOperation.Embeddings => "embeddings",
        _ => "chat",
    };

    /// <summary>The request's span, ASP.NET Core's: while a tracer listens and the sampler kept it.</summary>
    private static Activity? Of(HttpContext context) =>
        TollwayTelemetry.Source.HasListeners() && context.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } span
            ? span
            : null;
}
