using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Tollway.Chain.Rpc;
using Tollway.Testing;

namespace Tollway.Chain.Tests.Rpc;

/// <summary>
/// An RPC URL that answers more than <see cref="FailoverRpcClient.MaxResponseBytes"/> (compromised, or broken) is read no
/// further than that: the call fails cleanly (and the watcher tries again on its next poll), a declared length past it
/// is refused before anything is read, and a log query whose answer is too large is asked again over fewer blocks.
/// </summary>
public sealed class RpcAnswerLimitTests : IAsyncLifetime
{
    /// <summary>Twice the limit: more than the limit and every socket buffer between the two ends together.</summary>
    private const long Padding = 2 * FailoverRpcClient.MaxResponseBytes;

    private static readonly RpcRetryPolicy OneAttempt = new(1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(10));

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private WebApplication? _server;
    private Uri _url = null!;
    private Func<string, JsonElement, HttpResponse, Task> _answer = (_, _, _) => Task.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        (_server, _url) = await LoopbackServer.StartAsync(async context =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var method = request.RootElement.GetProperty("method").GetString()!;
            await _answer(method, request.RootElement.GetProperty("params"), context.Response);
        }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendAsync_AnswerPastTheLimit_IsReadNoFurtherAndTheCallFailsCleanly()
    {
        _answer = (_, _, response) => OversizedAnswer.WriteAsync(response, """{"jsonrpc":"2.0","id":1,"result":"0x""", Padding, "\"}");

        var error = await Assert.ThrowsAsync<RpcUnavailableException>(() => Client().GetBlockNumberAsync(Ct));

        // Buffered to the limit and no further (that is what refusing it at the limit means); an answer read whole
        // would have been a result.
        Assert.IsType<RpcResponseTooLargeException>(error.InnerException);
    }

    [Fact]
    public async Task SendAsync_DeclaredLengthPastTheLimit_IsRefusedWithoutWaitingForTheBody()
    {
        // Declares a gigabyte and sends a few bytes: refused on its headers, not read until the 10 s request timeout.
        _answer = (_, _, response) => OversizedAnswer.WriteAsync(response, """{"jsonrpc":"2.0","id":1,"result":"0x""", 0, "", declaredLength: 1L << 30);

        var error = await Assert.ThrowsAsync<RpcUnavailableException>(() => Client().GetBlockNumberAsync(Ct));

        Assert.IsType<RpcResponseTooLargeException>(error.InnerException);
    }

    [Fact]
    public async Task GetLogsFromAsync_AnswerPastTheLimit_AsksAgainOverFewerBlocks()
    {
        // Logs of more than one block answer too much; those of a single block are few.
        _answer = (method, parameters, response) =>
        {
            var filter = parameters[0];
            return method == "eth_getLogs" && filter.GetProperty("fromBlock").GetString() != filter.GetProperty("toBlock").GetString()
                ? OversizedAnswer.WriteAsync(response, """{"jsonrpc":"2.0","id":1,"result":["0x""", Padding, "\"]}")
                : OversizedAnswer.WriteAsync(response, """{"jsonrpc":"2.0","id":1,"result":[]}""", 0, "");
        };
        var range = new AdaptiveBlockRange(4);

        var (logs, to) = await Client().GetLogsFromAsync(range, 100, 103, (from, to) => new LogFilter(from, to, ["0x" + new string('1', 40)], []),
            NullLogger.Instance, Ct);

        Assert.Empty(logs);
        Assert.Equal(100, to);
        Assert.Equal(1, range.Size);
    }

    private FailoverRpcClient Client() => new(_http, 31337, [_url], OneAttempt, TimeProvider.System, NullLogger.Instance);
}
