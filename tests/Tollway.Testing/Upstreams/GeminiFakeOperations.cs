using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Answers Gemini's <c>models/{model}:generateContent</c>, <c>:streamGenerateContent?alt=sse</c> and
/// <c>:batchEmbedContents</c> in Google's wire format, built from the API reference's examples: thoughts (when asked with
/// <c>includeThoughts</c>), then text — or a <c>functionCall</c> of the first declared function, unless the last turn
/// carries its <c>functionResponse</c>; <c>usageMetadata</c> with prompt, candidates, thoughts and cached counts; a safety
/// block as <c>finishReason: SAFETY</c> (or the prompt's <c>promptFeedback.blockReason</c>); errors as
/// <c>{"error":{"code","message","status"}}</c>.
/// </summary>
internal static class GeminiFakeOperations
{
    public static bool Handles(HttpRequest request) => request.Path.Value?.StartsWith(GeminiFakeRequest.PathPrefix, StringComparison.Ordinal) == true;

    public static async Task RespondAsync(HttpContext context, byte[] body, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        var (request, status, errorStatus, message) = GeminiFakeRequest.Check(context.Request, body);
        if (request is null)
        {
            await SendErrorAsync(context, status, errorStatus, message, cancellationToken);
            return;
        }

        using var buffer = new FakeJsonBuffer();
        if (request.Method == "batchEmbedContents")
        {
            WriteEmbeddings(buffer.Begin(), request);
            await FakeJsonResponse.SendAsync(context, 200, buffer.End(), fault?.MalformedJson == true, cancellationToken);
            return;
        }

        var answer = GeminiFakeAnswer.For(request, body.Length, fault);
        if (request.Method == "streamGenerateContent")
        {
            if (context.Request.Query["alt"] != "sse")
            {
                // Without alt=sse Google streams one JSON array, which the gateway does not read.
                await SendErrorAsync(context, 400, "INVALID_ARGUMENT", "The fake streams only with alt=sse.", cancellationToken);
                return;
            }

            await GeminiFakeStreamer.StreamAsync(context, answer, fault, cancellationToken);
            return;
        }

        answer.WriteResponse(buffer.Begin(), answer.PromptBlocked || answer.FinishReason == "SAFETY" ? null : answer.WriteAllParts, finished: true);
        await FakeJsonResponse.SendAsync(context, 200, buffer.End(), fault?.MalformedJson == true, cancellationToken);
    }

    /// <summary>Google's error shape, with the status name that fits the HTTP status.</summary>
    public static async Task SendErrorAsync(HttpContext context, int status, string errorStatus, string message, CancellationToken cancellationToken)
    {
        using var buffer = new FakeJsonBuffer();
        WriteError(buffer.Begin(), status, errorStatus, message);
        await FakeJsonResponse.SendAsync(context, status, buffer.End(), truncate: false, cancellationToken);
    }

    public static void WriteError(Utf8JsonWriter json, int status, string errorStatus, string message)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteNumber("code", status);
        json.WriteString("message", message);
        json.WriteString("status", errorStatus);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The status name Google gives an HTTP status.</summary>
    public static string ErrorStatus(int status) => status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };

    /// <summary><c>{"embeddings":[{"values":[…]}]}</c>: one vector per request, of the requested size (8 by default),
    /// derived from the text so equal texts embed equally. The API reports no token counts here.</summary>
    private static void WriteEmbeddings(Utf8JsonWriter json, GeminiFakeRequest request)
    {
        json.WriteStartObject();
        json.WriteStartArray("embeddings");
        foreach (var (text, dimensions) in request.Embeddings)
        {
            json.WriteStartObject();
            json.WriteStartArray("values");
            for (var i = 0; i < (dimensions ?? 8); i++)
            {
                json.WriteNumberValue(((text.Length + i) % 10) / 10.0);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
