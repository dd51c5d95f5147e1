using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Answers in OpenAI's wire format per operation, applying only the faults that shape a normal answer
/// (content, usage, malformed JSON, stream timing and cuts).
/// </summary>
internal static class FakeOperations
{
    public static async Task RespondAsync(HttpContext context, byte[] body, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.Path.Value is AnthropicPath or AnthropicFakeOperations.CountTokensPath)
        {
            await AnthropicFakeOperations.RespondAsync(context, body, fault, cancellationToken);
            return;
        }

        if (GeminiFakeOperations.Handles(request))
        {
            await GeminiFakeOperations.RespondAsync(context, body, fault, cancellationToken);
            return;
        }

        var route = FakeRoute.Match(request.Method, request.Path.Value ?? string.Empty);
        var truncate = fault?.MalformedJson == true;
        switch (route.Endpoint)
        {
            case FakeEndpoint.NotFound:
                // OpenAI's own wording for an unknown path.
                await FakeJsonResponse.SendErrorAsync(
                    context, StatusCodes.Status404NotFound, $"Invalid URL ({request.Method} {request.Path})", null, truncate, cancellationToken);
                return;
            case FakeEndpoint.ListModels:
                await SendAsync(context, truncate, json => ModelsJson.WriteList(json), cancellationToken);
                return;
            case FakeEndpoint.RetrieveModel:
                await SendAsync(context, truncate, json => ModelsJson.WriteModel(json, route.ModelId!), cancellationToken);
                return;
        }

        var parsed = FakeRequestBody.TryParse(body);
        if (parsed is null)
        {
            await FakeJsonResponse.SendErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.",
                null,
                truncate,
                cancellationToken);
            return;
        }

        // Azure OpenAI names the model by deployment in the path; the body usually carries none.
        var model = parsed.Model ?? route.Deployment;
        if (model is null)
        {
            await FakeJsonResponse.SendErrorAsync(
                context, StatusCodes.Status400BadRequest, "you must provide a model parameter", null, truncate, cancellationToken);
            return;
        }

        switch (route.Endpoint)
        {
            case FakeEndpoint.ChatCompletions:
                var chat = FakeCompletion.ForChat(parsed, body.Length, model, fault);
                await (parsed.Stream
                    ? ChatCompletionStreamer.StreamAsync(context, chat, fault, cancellationToken)
                    : SendAsync(context, truncate, json => ChatCompletionJson.Write(json, chat), cancellationToken));
                return;
            case FakeEndpoint.Completions:
                var text = FakeCompletion.ForText(parsed, body.Length, model, fault);
                await (parsed.Stream
                    ? TextCompletionStreamer.StreamAsync(context, text, fault, cancellationToken)
                    : SendAsync(context, truncate, json => TextCompletionJson.Write(json, text), cancellationToken));
                return;
            default:
                var promptTokens = fault?.Usage?.PromptTokens ?? FakeCompletion.PromptTokensFor(body.Length);
                await SendAsync(context, truncate, json => EmbeddingsJson.Write(json, parsed, model, promptTokens), cancellationToken);
                return;
        }
    }

    /// <summary>The path of Anthropic's Messages API on the fake (its base URL is <c>http://127.0.0.1:PORT/v1</c>).</summary>
    public const string AnthropicPath = "/v1/messages";

    /// <summary>Answers with <paramref name="fault"/>'s raw body or its status's error JSON, in the dialect of the path.</summary>
    public static async Task RespondWithFaultStatusAsync(HttpContext context, UpstreamFault fault, CancellationToken cancellationToken)
    {
        var status = fault.Status ?? StatusCodes.Status200OK;
        if (fault.Body is { } raw)
        {
            await (fault.BodyFraming is { } framing
                ? FakeJsonResponse.SendFramedAsync(context, status, Encoding.UTF8.GetBytes(raw), framing, cancellationToken)
                : FakeJsonResponse.SendAsync(context, status, Encoding.UTF8.GetBytes(raw), truncate: false, cancellationToken));
            return;
        }

        if (context.Request.Path.Value is AnthropicPath or AnthropicFakeOperations.CountTokensPath)
        {
            var type = AnthropicFakeOperations.ErrorType(status);
            await AnthropicFakeOperations.SendErrorAsync(context, status, type, type == "overloaded_error" ? "Overloaded" : $"HTTP {status}", cancellationToken);
            return;
        }

        if (GeminiFakeOperations.Handles(context.Request))
        {
            await GeminiFakeOperations.SendErrorAsync(context, status, GeminiFakeOperations.ErrorStatus(status), $"HTTP {status}", cancellationToken);
            return;
        }

        await SendAsync(context, fault.MalformedJson, json => OpenAiErrorJson.WriteForStatus(json, status), cancellationToken, status);
    }

    private static async Task SendAsync(
        HttpContext context,
        bool truncate,
        Action<Utf8JsonWriter> write,
        CancellationToken cancellationToken,
        int status = StatusCodes.Status200OK)
    {
        using var buffer = new FakeJsonBuffer();
        write(buffer.Begin());
        await FakeJsonResponse.SendAsync(context, status, buffer.End(), truncate, cancellationToken);
    }
}
