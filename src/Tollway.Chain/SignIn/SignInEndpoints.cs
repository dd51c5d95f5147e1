using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tollway.Chain.Api;
using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.SignIn;

/// <summary>
/// <c>GET /auth/siwe/nonce</c> and <c>POST /auth/siwe/verify</c>: a wallet signs in and gets a session token for the
/// account API. A refusal is 401 ProblemDetails with a <c>reason</c> code and a sentence; a body that is not JSON, or a
/// message or signature past <see cref="SignInBounds"/>, is 400.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>Maps the two sign-in endpoints.</summary>
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var siwe = endpoints.MapGroup("/auth/siwe").WithTags("SignIn");
        siwe.MapGet("/nonce", (SiweNonces nonces) =>
        {
            var (nonce, expiresAt) = nonces.Issue();
            return TypedResults.Json(new NonceResponse(nonce, expiresAt), ChainJsonContext.Default.NonceResponse);
        }).WithName("SiweNonce");
        siwe.MapPost("/verify", VerifyAsync).WithName("SiweVerify");
        return endpoints;
    }

    /// <summary>The <c>reason</c> code of a refusal.</summary>
    public static string ReasonCode(SignInFailure failure) => failure switch
    {
        SignInFailure.Malformed => "malformed_message",
        SignInFailure.WrongDomain => "wrong_domain",
        SignInFailure.WrongUri => "wrong_uri",
        SignInFailure.WrongChain => "wrong_chain",
        SignInFailure.WrongVersion => "wrong_version",
        SignInFailure.BadNonce => "bad_nonce",
        SignInFailure.Expired => "expired",
        SignInFailure.NotYetValid => "not_yet_valid",
        _ => "bad_signature",
    };

    private static async Task<Results<JsonHttpResult<SessionResponse>, ProblemHttpResult>> VerifyAsync(
        HttpRequest request, SignInService service, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        VerifyRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, ChainJsonContext.Default.VerifyRequest, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return TypedResults.Problem("The body must be JSON: {\"message\": \"…\", \"signature\": \"0x…\"}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
        }

        if (SignInBounds.FindOversized(body.Message, body.Signature) is { } field)
        {
            return TypedResults.Problem(
                $"'{field}' is longer than a sign-in needs: a message of at most {SignInBounds.MaxMessageLength} characters, a signature of at most {SignInBounds.MaxSignatureBytes} bytes.",
                statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", extensions: new Dictionary<string, object?> { ["param"] = field });
        }

        var result = await service.VerifyAsync(body.Message, body.Signature, cancellationToken);
        if (result.Failure is { } failure)
        {
            var reason = ReasonCode(failure);
            Log.SignInRefused(loggers.CreateLogger("Tollway.Chain.SignIn"), reason);
            return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                extensions: new Dictionary<string, object?> { ["reason"] = reason });
        }

        return TypedResults.Json(
            new SessionResponse(result.Token!, result.ExpiresAt!.Value, result.AccountId!, EthereumAddresses.ToChecksum(result.Wallet),
                result.AccountCreated, UsdAmount.FormatUsd(result.Claimed)),
            ChainJsonContext.Default.SessionResponse);
    }
}
