using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Errors;

/// <summary>
/// Writes the gateway's errors in Anthropic's shape, <c>{"type":"error","error":{"type","message"},"request_id"}</c>,
/// with the same status. The type follows the status as Anthropic's API uses them; a balance too low for the request
/// is <c>billing_error</c> with 402, the status Anthropic gives its own billing errors.
/// </summary>
public static class AnthropicErrorWriter
{
    /// <summary>Answers the request with the error (when nothing has been sent yet).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, OpenAiJson.WriterOptions))
        {
            // The gateway's own load shedding keeps HTTP's status for "try again later", 503, but is what Anthropic's
            // clients know as overloaded_error.
            var type = error.Code == GatewayError.OverloadedCode ? "overloaded_error" : TypeFor(error.Status);
            WriteBody(writer, type, error.Message, response.Headers["X-Request-Id"].ToString());
        }

        return response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    /// <summary>An <c>event: error</c> stream event.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string type, string message)
    {
        output.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(output, OpenAiJson.WriterOptions))
        {
            WriteBody(writer, type, message, null);
        }

        output.Write("\n\n"u8);
    }

    /// <summary>Anthropic's error type for an HTTP status.</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    private static void WriteBody(Utf8JsonWriter writer, string type, string message, string? requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error");
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, type);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
        if (!string.IsNullOrEmpty(requestId))
        {
            writer.WriteString("request_id"u8, requestId);
        }

        writer.WriteEndObject();
    }
}
