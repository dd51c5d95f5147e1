using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Answers <c>POST /v1/messages</c> in Anthropic's wire format, built from the API reference's examples: a message with
/// a thinking block (when thinking is on), then a text block — or a <c>tool_use</c> block calling the first tool, unless
/// the last turn carries its result. Streams send the documented event sequence: <c>message_start</c>, <c>ping</c>,
/// per block <c>content_block_start</c> / <c>content_block_delta</c> (<c>thinking_delta</c> then
/// <c>signature_delta</c>, <c>text_delta</c> per word, <c>input_json_delta</c> fragments) / <c>content_block_stop</c>,
/// <c>message_delta</c> with the stop reason and output tokens, <c>message_stop</c>. <c>POST /v1/messages/count_tokens</c>
/// answers <c>{"input_tokens"}</c>.
/// </summary>
internal static class AnthropicFakeOperations
{
    public const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";

    /// <summary>The path of the token-counting method.</summary>
    public const string CountTokensPath = "/v1/messages/count_tokens";

    public static async Task RespondAsync(HttpContext context, byte[] body, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        if (context.Request.Path.Value == CountTokensPath)
        {
            await CountTokensAsync(context, body, fault, cancellationToken);
            return;
        }

        var (request, status, type, message) = AnthropicFakeRequest.Check(context.Request, body);
        if (request is null)
        {
            await SendErrorAsync(context, status, type, message, cancellationToken);
            return;
        }

        var answer = AnthropicFakeAnswer.For(request, body.Length, fault);
        if (request.Stream)
        {
            await AnthropicFakeStreamer.StreamAsync(context, answer, fault, cancellationToken);
            return;
        }

        using var buffer = new FakeJsonBuffer();
        answer.WriteMessage(buffer.Begin());
        await FakeJsonResponse.SendAsync(context, 200, buffer.End(), fault?.MalformedJson == true, cancellationToken);
    }

    /// <summary><c>{"input_tokens": N}</c>: the fault's prompt tokens, else the fake's usual count of the body.</summary>
    private static async Task CountTokensAsync(HttpContext context, byte[] body, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        var (request, status, type, message) = AnthropicFakeRequest.Check(context.Request, body, countOnly: true);
        if (request is null)
        {
            await SendErrorAsync(context, status, type, message, cancellationToken);
            return;
        }

        using var buffer = new FakeJsonBuffer();
        var json = buffer.Begin();
        json.WriteStartObject();
        json.WriteNumber("input_tokens", fault?.Usage?.PromptTokens ?? FakeCompletion.PromptTokensFor(body.Length));
        json.WriteEndObject();
        await FakeJsonResponse.SendAsync(context, 200, buffer.End(), truncate: false, cancellationToken);
    }

    /// <summary>Anthropic's error shape: <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
    public static async Task SendErrorAsync(HttpContext context, int status, string type, string message, CancellationToken cancellationToken)
    {
        using var buffer = new FakeJsonBuffer();
        var json = buffer.Begin();
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteStartObject("error");
        json.WriteString("type", type);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteString("request_id", FakeCompletion.NewId("req_"));
        json.WriteEndObject();
        await FakeJsonResponse.SendAsync(context, status, buffer.End(), truncate: false, cancellationToken);
    }

    /// <summary>The error type Anthropic gives a status.</summary>
    public static string ErrorType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };
}
