using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.Rpc;
using Tollway.Chain.Tests.Testing;
using Tollway.Testing;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Rpc;

public sealed class FailoverRpcClientTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_FirstUrlDead_AnswersFromTheNextAndStaysThere()
    {
        var dead = new Uri("http://127.0.0.1:1/");
        var handler = new CountingHandler(new SocketsHttpHandler());
        using var counted = new HttpClient(handler);
        var client = new FailoverRpcClient(counted, anvil.Node.ChainId, [dead, anvil.Node.Url], RpcRetryPolicy.Default, TimeProvider.System, NullLogger.Instance);

        Assert.Equal(anvil.Node.ChainId, await client.GetChainIdAsync(Ct));
        var afterFirst = handler.Requests;
        Assert.True(await client.GetBlockNumberAsync(Ct) > 0);

        Assert.Equal(2, afterFirst);
        // The URL that answered is tried first from then on.
        Assert.Equal(afterFirst + 1, handler.Requests);
    }

    [Fact]
    public async Task SendAsync_NodeError_IsThrownAtOnceWithoutRetry()
    {
        var handler = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(handler);
        var client = new FailoverRpcClient(http, anvil.Node.ChainId, [anvil.Node.Url], RpcRetryPolicy.Default, TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<RpcErrorException>(() => client.SendAsync("no_such_method", null, Ct));

        Assert.Equal(1, handler.Requests);
        Assert.Equal("no_such_method", error.Method);
    }

    [Fact]
    public async Task SendAsync_LogQueryRefusedAsTooLargeWithARateLimitCode_IsThrownAtOnceWithoutRetry()
    {
        // Infura answers "query returned more than 10000 results" with -32005, its rate-limit code: asking again is useless.
        await using var node = await RpcStub.StartAsync(anvil.Node.Url, Ct);
        node.MaxLogResults = 0;
        await anvil.Token.MintAsync(TestWallet.Create().LowerAddress, 1);
        var policy = new RpcRetryPolicy(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var client = new FailoverRpcClient(http, anvil.Node.ChainId, [node.Url, node.Url], policy, TimeProvider.System, NullLogger.Instance);
        var head = await client.GetBlockNumberAsync(Ct);

        var error = await Assert.ThrowsAsync<RpcErrorException>(() => client.GetLogsAsync(new LogFilter(0, head, [anvil.Token.Address], []), Ct));

        Assert.Equal((-32005, "query returned more than 0 results"), (error.Code, error.RpcMessage));
        Assert.Single(node.Calls, c => c.Method == "eth_getLogs");
    }

    [Fact]
    public async Task SendAsync_EveryAttemptFails_BacksOffOnTheClockThenGivesUp()
    {
        var time = new FakeTimeProvider();
        var handler = new CountingHandler(new FailingHandler(HttpStatusCode.ServiceUnavailable));
        using var http = new HttpClient(handler);
        var policy = new RpcRetryPolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        var client = new FailoverRpcClient(http, 1, [new Uri("http://a.invalid/"), new Uri("http://b.invalid/")], policy, time, NullLogger.Instance);

        var call = client.SendAsync("eth_blockNumber", null, Ct);
        // Two URLs tried, then it waits a second on the injected clock before the next round.
        await Eventually.TrueAsync(() => handler.Requests == 2, "Both URLs tried once", Ct);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, handler.Requests);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<RpcUnavailableException>(() => call);
        Assert.Equal(4, handler.Requests);
        Assert.Equal("eth_blockNumber", error.Method);
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 10000)]
    public void BackoffAfterRound_DoublesUpToTheCap(int round, int expectedMilliseconds)
    {
        var policy = new RpcRetryPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), policy.BackoffAfterRound(round));
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class FailingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
