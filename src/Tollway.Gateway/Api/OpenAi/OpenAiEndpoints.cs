using System.Text.Json;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.OpenAi;

/// <summary>The OpenAI-compatible API under <c>/v1</c>.</summary>
public static class OpenAiEndpoints
{
    /// <summary>Maps <c>/v1/chat/completions</c>, <c>/v1/completions</c>, <c>/v1/embeddings</c> (behind the node's limit
    /// of requests in flight, see <see cref="LoadShedder"/>) and <c>/v1/models</c>.</summary>
    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithTags("OpenAI");
        v1.MapProxied("/chat/completions", GatewayOperation.ChatCompletions, WireFormat.OpenAi, "ChatCompletions");
        v1.MapProxied("/completions", GatewayOperation.Completions, WireFormat.OpenAi, "Completions");
        v1.MapProxied("/embeddings", GatewayOperation.Embeddings, WireFormat.OpenAi, "Embeddings");
        v1.MapGet("/models", ListModelsAsync).WithName("ListModels");
        // Anything else under /v1 answers in OpenAI's shape rather than with an empty 404.
        v1.Map("/{**rest}", (HttpContext context) => OpenAiErrorWriter.WriteAsync(context,
            new GatewayError(404, "invalid_request_error", "unknown_url", $"Unknown request URL: {context.Request.Method} {context.Request.Path}.")));
        return endpoints;
    }

    private static async Task ListModelsAsync(HttpContext context, ApiKeyAuthenticator authenticator, CatalogState catalog, PriceBookState prices)
    {
        var auth = authenticator.Authenticate(context.Request);
        if (auth.Key is not { } key)
        {
            await OpenAiErrorWriter.WriteAsync(context, GatewayError.ForAuthentication(auth.Status));
            return;
        }

        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiJson.WriterOptions))
        {
            ModelListWriter.Write(writer, catalog.Current, prices.Current, key);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
