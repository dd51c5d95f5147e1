using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>The one place a stage's answer is written: an error in the client's format (OpenAI's or Anthropic's, with
/// its <c>Retry-After</c>), or x402's 402 challenge; either way recorded in the request log row.</summary>
internal static class AnswerWriter
{
    public static Task WriteAsync(GatewayRequest request, StageResult answer) =>
        answer.Challenge is { } challenge ? ChallengeAsync(request, challenge) : FailAsync(request, answer.Error!);

    /// <summary>Answers with an error before anything else was written.</summary>
    public static Task FailAsync(GatewayRequest request, GatewayError error)
    {
        request.Log.Status = error.Status;
        request.Log.ErrorCode = error.Code;
        return ClientErrors.WriteAsync(request.Http, error, request.Client);
    }

    private static Task ChallengeAsync(GatewayRequest request, X402Outcome challenge)
    {
        request.Log.Status = StatusCodes.Status402PaymentRequired;
        request.Log.ErrorCode = challenge.ChallengeCode;
        return X402Responses.WriteChallengeAsync(request.Http, challenge);
    }
}
