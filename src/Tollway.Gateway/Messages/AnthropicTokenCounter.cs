using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Translation;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Messages;

/// <summary>
/// Asks an Anthropic provider's own <c>POST /v1/messages/count_tokens</c> (free, and exact for Claude, where the
/// gateway's own count is only an upper bound) with the client's body, only the model id replaced. Any failure — a
/// refusal, an error status, no answer within <see cref="Timeout"/>, an unreadable body — is logged (without the
/// provider's text) and yields <see langword="null"/>, and the caller answers with its own count instead.
/// </summary>
internal static class AnthropicTokenCounter
{
    /// <summary>A count is a convenience: it must never hold a client up the way a generation may.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const int MaxAnswerBytes = 4096;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public static async Task<int?> TryCountAsync(
        ModelEndpoint endpoint, ReadOnlyMemory<byte> body, Range modelValue, ILogger logger, CancellationToken cancellationToken)
    {
        var provider = endpoint.Provider;
        using var spliced = ModelSplice.Apply(body.Span, modelValue, endpoint.UpstreamModel);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(provider.BaseUri, "messages/count_tokens"))
        {
            Content = new ReadOnlyMemoryContent(spliced.Memory),
        };
        request.Content.Headers.ContentType = JsonContentType;
        provider.ApplyHeaders(request.Headers);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await provider.Client.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                Log.TokenCountFellBack(logger, provider.Name, endpoint.UpstreamModel, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            // Read to the limit and no further: a chunked answer declares no length, and this client buffers nothing itself.
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var answer = await PooledBuffer.ReadAllAsync(stream, response.Content.Headers.ContentLength, MaxAnswerBytes, readSize: 1024, timeout.Token);
            var tokens = answer is null ? null : ReadInputTokens(answer.Span);
            if (tokens is null)
            {
                Log.TokenCountFellBack(logger, provider.Name, endpoint.UpstreamModel, "not a count");
            }

            return tokens;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.TokenCountFellBack(logger, provider.Name, endpoint.UpstreamModel, ex is OperationCanceledException ? "timeout" : "connection failed");
            return null;
        }
    }

    /// <summary><c>{"input_tokens": N}</c>, or <see langword="null"/> when the answer is not that.</summary>
    internal static int? ReadInputTokens(ReadOnlySpan<byte> answer)
    {
        try
        {
            var reader = new Utf8JsonReader(answer);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCount = reader.ValueTextEquals("input_tokens"u8);
                reader.Read();
                if (isCount)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var tokens) && tokens >= 0 ? tokens : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Fall through: not a count.
        }

        return null;
    }
}
