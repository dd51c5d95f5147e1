using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;
using Tollway.Testing;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>
/// The forwarder's deadlines, against a real server on loopback with the time faked: the first-byte deadline bounds the
/// wait for the headers only, the total bounds the body too, and the client's abort withdraws a request not yet sent
/// but not one the provider has: that one runs on to its answer (or its deadline), which is billed as the provider bills it.
/// </summary>
public sealed class UpstreamForwarderTests : IAsyncLifetime
{
    private static readonly TimeSpan FirstByte = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new();
    private readonly TaskCompletionSource _requestSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _answerHeaders = true;
    private WebApplication? _server;
    private UpstreamProvider? _provider;

    public async ValueTask InitializeAsync()
    {
        var (app, url) = await LoopbackServer.StartAsync(async context =>
        {
            // The whole request is in once its body is: the provider has it, and may generate it.
            await context.Request.Body.CopyToAsync(Stream.Null);
            _requestSeen.TrySetResult();
            if (_answerHeaders)
            {
                context.Response.ContentType = "application/json";
                await context.Response.StartAsync();
                await context.Response.Body.FlushAsync();
            }

            await _finish.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("{}");
        }, TestContext.Current.CancellationToken);
        _server = app;
        _provider = new UpstreamProvider("upstream", ProviderPresets.Find("vllm")!, new Uri(url, "v1"), null, null,
            new Dictionary<string, string>(), new ProviderTimeouts(TimeSpan.FromSeconds(5), FirstByte, Total));
    }

    public async ValueTask DisposeAsync()
    {
        _finish.TrySetResult();
        _provider?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendAsync_HeadersInTime_BodyMayTakeUntilTheTotalTimeout()
    {
        using var exchange = await SendAsync(CancellationToken.None);
        Assert.NotNull(exchange.Response);

        _time.Advance(FirstByte + TimeSpan.FromSeconds(1));
        Assert.False(exchange.Token.IsCancellationRequested, "the first-byte deadline cut a response whose headers were in");

        _time.Advance(Total - FirstByte);
        Assert.True(exchange.Token.IsCancellationRequested);
        Assert.True(exchange.TotalTimeoutExpired);
    }

    [Fact]
    public async Task SendAsync_NoHeadersByTheFirstByteDeadline_FirstByteTimeout()
    {
        _answerHeaders = false;

        var sending = SendAsync(CancellationToken.None);
        await WaitForRequestAsync();
        _time.Advance(FirstByte);
        using var exchange = await sending;

        Assert.Null(exchange.Response);
        Assert.Equal(ForwarderError.FirstByteTimeout, exchange.Error);
    }

    [Fact]
    public async Task SendAsync_ClientAbortsAfterTheHeaders_TheExchangeRunsOnUntilTheTotal()
    {
        using var client = new CancellationTokenSource();
        using var exchange = await SendAsync(client.Token);

        // The provider is generating, and billing, whether the client stays or not: its answer is still read.
        await client.CancelAsync();
        Assert.False(exchange.Token.IsCancellationRequested);

        _time.Advance(Total);
        Assert.True(exchange.Token.IsCancellationRequested);
        Assert.True(exchange.TotalTimeoutExpired);
    }

    [Fact]
    public async Task SendAsync_ClientAbortsWhileTheProviderThinks_WaitsForTheAnswer()
    {
        _answerHeaders = false;
        using var client = new CancellationTokenSource();

        var sending = SendAsync(client.Token);
        await WaitForRequestAsync();
        await client.CancelAsync();
        // The provider generates (and bills) whether the client stays or not: its answer is still waited for.
        _finish.SetResult();
        using var exchange = await sending;

        Assert.Equal(ForwarderError.None, exchange.Error);
        Assert.Equal(HttpStatusCode.OK, exchange.Response!.StatusCode);
        Assert.False(exchange.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task SendAsync_ClientAbortsWhileTheProviderThinks_TheFirstByteDeadlineStillEndsIt()
    {
        _answerHeaders = false;
        using var client = new CancellationTokenSource();

        var sending = SendAsync(client.Token);
        await WaitForRequestAsync();
        await client.CancelAsync();
        _time.Advance(FirstByte);
        using var exchange = await sending;

        // A timeout, not the client's leaving: the request was sent, so the wave-1 rules for a timeout apply to it.
        Assert.Equal(ForwarderError.FirstByteTimeout, exchange.Error);
    }

    [Fact]
    public async Task SendAsync_ClientGoneBeforeTheSend_NothingIsSent()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();

        using var exchange = await SendAsync(client.Token);

        Assert.Equal(ForwarderError.ClientAborted, exchange.Error);
        Assert.Null(exchange.Response);
        Assert.False(exchange.TotalTimeoutExpired);
        Assert.False(_requestSeen.Task.IsCompleted, "a request was sent for a client already gone");
    }

    private Task<UpstreamExchange> SendAsync(CancellationToken clientAborted) =>
        new UpstreamForwarder(_time).SendAsync(
            new ModelEndpoint(_provider!, "m", null, null, null), GatewayOperation.ChatCompletions, "{}"u8.ToArray(), stream: false, clientAborted);

    /// <summary>Until the server has the request: a deadline moved before then would only bound the connect.</summary>
    private Task WaitForRequestAsync() => _requestSeen.Task.WaitAsync(TestContext.Current.CancellationToken);
}
