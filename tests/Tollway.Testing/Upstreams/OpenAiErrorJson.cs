using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>Writes OpenAI's error envelope, <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAiErrorJson
{
    /// <summary>The message, type and code OpenAI sends for a status, so clients classify it as they would the real one.</summary>
    public static void WriteForStatus(Utf8JsonWriter json, int status)
    {
        var (message, type, code) = status switch
        {
            400 => ("Invalid request (fake upstream).", "invalid_request_error", null),
            401 => ("Incorrect API key provided (fake upstream).", "invalid_request_error", "invalid_api_key"),
            403 => ("You are not allowed to access this resource (fake upstream).", "invalid_request_error", "unsupported_country_region_territory"),
            404 => ("The model does not exist or you do not have access to it (fake upstream).", "invalid_request_error", "model_not_found"),
            408 => ("Request timed out (fake upstream).", "timeout", null),
            429 => ("Rate limit reached (fake upstream). Please try again later.", "requests", "rate_limit_exceeded"),
            500 => ("The server had an error while processing your request (fake upstream).", "server_error", null),
            502 or 503 or 504 => ("The server is overloaded or not ready yet (fake upstream).", "server_error", null),
            _ => ($"The fake upstream answered {status}.", status >= 500 ? "server_error" : "invalid_request_error", (string?)null),
        };
        Write(json, message, type, code);
    }

    public static void Write(Utf8JsonWriter json, string message, string type, string? code)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        json.WriteString("code", code);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
