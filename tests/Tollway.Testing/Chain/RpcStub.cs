using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Chain;

/// <summary>
/// A JSON-RPC endpoint on loopback in front of an anvil node that answers the way real providers do where anvil never
/// would: it refuses log queries that span too many blocks (QuickNode's words) or find too many logs (Infura's), answers
/// as a node <see cref="Lag"/> blocks behind the head, and fails the calls <see cref="Fault"/> picks. Everything else
/// is anvil's own answer. It records every call.
/// </summary>
public sealed class RpcStub : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<RpcCall> _calls = new();
    private readonly Uri _target;
    private WebApplication _app = null!;
    private long _number;
    private long _faults;

    private RpcStub(Uri target)
    {
        _target = target;
    }

    /// <summary>The stub's URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>An <c>eth_getLogs</c> over more blocks is refused: -32614 "eth_getLogs is limited to a N range".</summary>
    public int? MaxLogBlocks { get; set; }

    /// <summary>An <c>eth_getLogs</c> finding more logs is refused: -32005 "query returned more than N results".</summary>
    public int? MaxLogResults { get; set; }

    /// <summary>How many blocks behind anvil's head it answers from: the head it reports, and the blocks, logs and
    /// receipts it knows (a log query past its head ends at its head, as geth's does).</summary>
    public int Lag { get; set; }

    /// <summary>Picks the calls to fail, and how.</summary>
    public Func<RpcCall, RpcFault?>? Fault { get; set; }

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<RpcCall> Calls => [.. _calls];

    /// <summary>Calls failed on purpose (by <see cref="Fault"/>).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Starts a stub on a free loopback port.</summary>
    public static async Task<RpcStub> StartAsync(Uri target, CancellationToken cancellationToken = default)
    {
        var stub = new RpcStub(target);
        (stub._app, stub.Url) = await LoopbackServer.StartAsync(stub.HandleAsync, cancellationToken);
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var call = new RpcCall(Interlocked.Increment(ref _number), (string)request["method"]!, request["params"]?.AsArray() ?? []);
        _calls.Enqueue(call);
        if (Fault?.Invoke(call) is { } fault)
        {
            Interlocked.Increment(ref _faults);
            Fail(context, fault);
            return;
        }

        var answer = await AnswerAsync(request, call, context.RequestAborted);
        answer["id"] = request["id"]?.DeepClone();
        await context.Response.WriteAsJsonAsync(answer, context.RequestAborted);
    }

    private async Task<JsonObject> AnswerAsync(JsonObject request, RpcCall call, CancellationToken cancellationToken)
    {
        var head = Lag > 0 ? Math.Max(0, Hex.ToInt64((string)(await ForwardAsync("eth_blockNumber", [], cancellationToken))["result"]!) - Lag) : long.MaxValue;
        switch (call.Method)
        {
            case "eth_blockNumber" when Lag > 0:
                return Result(Hex.Quantity(head));
            case "eth_getBlockByNumber" when Lag > 0:
                var tag = (string)call.Params[0]!;
                var number = tag is "latest" or "pending" ? head : tag.StartsWith("0x", StringComparison.Ordinal) ? Hex.ToInt64(tag) : -1;
                return number > head ? Result(null) : await ForwardAsync(call.Method, [number < 0 ? tag : Hex.Quantity(number), false], cancellationToken);
            case "eth_getTransactionReceipt":
                var receipt = await ForwardAsync(call.Method, Clone(call.Params), cancellationToken);
                return receipt["result"] is JsonObject found && Hex.ToInt64((string)found["blockNumber"]!) > head ? Result(null) : receipt;
            case "eth_getLogs":
                return await GetLogsAsync(call.Filter!, head, cancellationToken);
            default:
                return await ForwardAsync(call.Method, Clone(call.Params), cancellationToken);
        }
    }

    private async Task<JsonObject> GetLogsAsync(JsonObject filter, long head, CancellationToken cancellationToken)
    {
        var query = (JsonObject)filter.DeepClone();
        var from = Hex.ToInt64((string)query["fromBlock"]!);
        var to = Math.Min(Hex.ToInt64((string)query["toBlock"]!), head);
        if (MaxLogBlocks is { } maxBlocks && to - from + 1 > maxBlocks)
        {
            return Error(-32614, $"eth_getLogs is limited to a {maxBlocks} range");
        }

        if (from > to)
        {
            return Result(new JsonArray());
        }

        query["toBlock"] = Hex.Quantity(to);
        var answer = await ForwardAsync("eth_getLogs", [query], cancellationToken);
        return MaxLogResults is { } maxResults && answer["result"] is JsonArray logs && logs.Count > maxResults
            ? Error(-32005, $"query returned more than {maxResults} results")
            : answer;
    }

    private async Task<JsonObject> ForwardAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        using var response = await _http.PostAsJsonAsync(_target, request, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    private static JsonArray Clone(JsonArray parameters) => (JsonArray)parameters.DeepClone();

    private static JsonObject Result(JsonNode? result) => new() { ["jsonrpc"] = "2.0", ["result"] = result };

    private static JsonObject Error(int code, string message) =>
        new() { ["jsonrpc"] = "2.0", ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static void Fail(HttpContext context, RpcFault fault)
    {
        switch (fault)
        {
            case RpcFault.ServiceUnavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case RpcFault.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            default:
                context.Abort();
                break;
        }
    }

    /// <summary>Stops the stub.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
