using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tollway.Chain.Diagnostics;

namespace Tollway.Chain.Rpc;

/// <summary>
/// JSON-RPC over HTTP with failover and backoff. The URL that answered last is tried first next time, so a dead primary
/// costs one failed attempt per call only until a backup has answered. Waits use the injected <see cref="TimeProvider"/>.
/// URLs are never logged (they often carry the provider's key); their position in the list is. An answer is read up to
/// <paramref name="maxResponseBytes"/> and no further: the URLs are the operator's, but one that is compromised or broken
/// must not make the gateway hold whatever it sends.
/// </summary>
internal sealed class FailoverRpcClient(
    HttpClient http, long chainId, IReadOnlyList<Uri> urls, RpcRetryPolicy policy, TimeProvider timeProvider, ILogger logger,
    long maxResponseBytes = FailoverRpcClient.MaxResponseBytes) : IEthereumRpc
{
    /// <summary>
    /// The largest answer read: 32 MiB. Far above any answer the gateway asks for (a block, a receipt, a balance), and
    /// above the logs of the widest range a node lists at once (Infura's 10,000 logs are about 7 MB); a log query past
    /// it is asked again over fewer blocks, as when a node refuses one as too large.
    /// </summary>
    public const long MaxResponseBytes = 32 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>JSON-RPC error codes that say "not now" rather than "never": rate limits and overloaded or lagging nodes.</summary>
    private static readonly HashSet<int> TransientCodes = [-32005, -32603, -32002, 429];

    private long _nextId;
    private int _preferred;

    public long ChainId { get; } = chainId;

    public async Task<JsonElement> SendAsync(string method, Action<Utf8JsonWriter>? writeParams, CancellationToken cancellationToken)
    {
        var body = WriteRequest(method, writeParams, Interlocked.Increment(ref _nextId));
        Exception? lastError = null;
        var start = Volatile.Read(ref _preferred);
        for (var attempt = 0; attempt < policy.MaxAttempts; attempt++)
        {
            if (attempt > 0 && attempt % urls.Count == 0)
            {
                await Task.Delay(policy.BackoffAfterRound(attempt / urls.Count), timeProvider, cancellationToken);
            }

            var index = (start + attempt) % urls.Count;
            try
            {
                var result = await SendOnceAsync(urls[index], method, body, cancellationToken);
                Volatile.Write(ref _preferred, index);
                return result;
            }
            catch (Exception error) when (IsTransient(error, cancellationToken))
            {
                lastError = error;
                Log.RpcAttemptFailed(logger, ChainId, method, index, attempt + 1, policy.MaxAttempts, error.GetType().Name, error.Message);
            }
        }

        throw new RpcUnavailableException(method, policy.MaxAttempts, lastError);
    }

    private async Task<JsonElement> SendOnceAsync(Uri url, string method, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(policy.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonContentType;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        try
        {
            // Buffered up to the limit only: a declared length past it is refused before a byte is read.
            await response.Content.LoadIntoBufferAsync(maxResponseBytes, linked.Token);
        }
        catch (HttpRequestException overLimit) when (overLimit.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new RpcResponseTooLargeException(method, maxResponseBytes);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token);
        if (!response.IsSuccessStatusCode)
        {
            // A 4xx that is not a JSON-RPC error body (a proxy's refusal): another URL may do better.
            if (!TryReadError(bytes, out var code4xx, out var message4xx))
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
            }

            throw new RpcErrorException(method, code4xx, message4xx);
        }

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw ToException(method, error);
        }

        if (!root.TryGetProperty("result", out var result))
        {
            throw new JsonException("A JSON-RPC response without result or error.");
        }

        return result.Clone();
    }

    private static bool TryReadError(byte[] bytes, out int code, out string message)
    {
        code = 0;
        message = "";
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var exception = ToException("", error);
                (code, message) = (exception.Code, exception.RpcMessage);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static RpcErrorException ToException(string method, JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var parsed) ? parsed : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        return new RpcErrorException(method, code, message);
    }

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or JsonException => true,
        // A log query refused for its size fails the same way everywhere: the caller asks for less instead.
        RpcErrorException rpc => TransientCodes.Contains(rpc.Code) && !LogRangeRefusals.IsRangeTooLarge(rpc),
        RpcResponseTooLargeException tooLarge => !LogRangeRefusals.IsRangeTooLarge(tooLarge),
        _ => false,
    };

    private static byte[] WriteRequest(string method, Action<Utf8JsonWriter>? writeParams, long id)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            writeParams?.Invoke(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
