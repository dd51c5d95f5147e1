using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>What a stage did: let the request go on, or answer it — with an error in the client's format, or with x402's
/// payment challenge. <see cref="AnswerWriter"/> writes the answer; no stage writes one itself.</summary>
internal readonly struct StageResult
{
    private StageResult(GatewayError? error, X402Outcome? challenge)
    {
        Error = error;
        Challenge = challenge;
    }

    /// <summary>Go on to the next stage (or, after the last, nothing left to answer).</summary>
    public static StageResult Continue => default;

    public GatewayError? Error { get; }

    /// <summary>An x402 outcome whose challenge is the answer (402).</summary>
    public X402Outcome? Challenge { get; }

    public bool Continues => Error is null && Challenge is null;

    public static StageResult Fail(GatewayError error) => new(error, null);

    public static StageResult Pay(X402Outcome challenge) => new(null, challenge);
}
