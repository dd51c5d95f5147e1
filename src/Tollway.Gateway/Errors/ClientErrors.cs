using System.Globalization;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Errors;

/// <summary>Answers with an error in the shape the client's API uses: OpenAI's, or Anthropic's on <c>/v1/messages</c>,
/// with its <c>Retry-After</c> when it has one.</summary>
internal static class ClientErrors
{
    public static Task WriteAsync(HttpContext context, GatewayError error, WireFormat client)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return client == WireFormat.Anthropic
            ? AnthropicErrorWriter.WriteAsync(context, error)
            : OpenAiErrorWriter.WriteAsync(context, error);
    }
}
