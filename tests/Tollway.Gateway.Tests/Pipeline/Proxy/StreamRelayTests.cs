using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class StreamRelayTests
{
    private const string Role =
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}""";

    private const string Content =
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hello, wörld 🔑"},"finish_reason":null}],"usage":null}""";

    private const string Finish =
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}""";

    private const string UsageOnly =
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":4}}}""";

    private const string Done = "data: [DONE]";

    private static readonly TokenUsage ExpectedUsage = new(9, 12, 3, 4);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RelayAsync_CompleteStreamUsageNotForwarded_ForwardsEverythingButTheUsageChunk()
    {
        var (result, sent) = await RelayAsync(new MemoryStream(Sse(Role, Content, Finish, UsageOnly, Done)), forwardUsageChunk: false);

        Assert.Equal(Sse(Role, Content, Finish, Done), sent);
        Assert.Equal(ExpectedUsage, result.Usage);
        Assert.Equal(sent.Length, result.BytesSent);
        Assert.False(result.ClientGone);
        Assert.Null(result.Failure);
    }

    [Fact]
    public async Task RelayAsync_CompleteStreamUsageForwarded_ForwardsEveryByte()
    {
        var input = Sse(Role, Content, Finish, UsageOnly, Done);

        var (result, sent) = await RelayAsync(new MemoryStream(input), forwardUsageChunk: true);

        Assert.Equal(input, sent);
        Assert.Equal(ExpectedUsage, result.Usage);
        Assert.Equal(input.Length, result.BytesSent);
        Assert.Null(result.Failure);
    }

    [Theory]
    [InlineData("\n", 7)]
    [InlineData("\r\n", 7)]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 3)]
    public async Task RelayAsync_EventsSplitAcrossTinyReads_AreReassembled(string newline, int maxRead)
    {
        var upstream = new TrickleStream(SseWithNewline(newline, Role, ": keep-alive", Content, Finish, UsageOnly, Done), maxRead);

        var (result, sent) = await RelayAsync(upstream, forwardUsageChunk: false);

        Assert.Equal(SseWithNewline(newline, Role, ": keep-alive", Content, Finish, Done), sent);
        Assert.Equal(ExpectedUsage, result.Usage);
        Assert.Null(result.Failure);
        Assert.True(upstream.Reads > 100);
    }

    [Fact]
    public async Task RelayAsync_UsageOnFinishChunk_ForwardsItAndCapturesUsage()
    {
        const string finishWithUsage =
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";
        var input = Sse(Role, Content, finishWithUsage, Done);

        var (result, sent) = await RelayAsync(new MemoryStream(input), forwardUsageChunk: false);

        Assert.Equal(input, sent);
        Assert.Equal(new TokenUsage(5, 7, 0, 0), result.Usage);
    }

    [Fact]
    public async Task RelayAsync_ManyEventsBeyondOneReadBuffer_ForwardsThemAllInOrder()
    {
        var events = Enumerable.Range(0, 2_000)
            .Select(i => $$$"""data: {"choices":[{"index":0,"delta":{"content":"token {{{i}}}"}}],"usage":null}""")
            .ToList();
        var input = Sse([.. events, UsageOnly, Done]);

        var (result, sent) = await RelayAsync(new MemoryStream(input), forwardUsageChunk: false);

        Assert.Equal(Sse([.. events, Done]), sent);
        Assert.Equal(ExpectedUsage, result.Usage);
    }

    [Fact]
    public async Task RelayAsync_SingleEventLargerThanOneReadBuffer_ForwardsItWhole()
    {
        var big = $$$"""data: {"choices":[{"index":0,"delta":{"content":"{{{new string('x', 50_000)}}}"}}]}""";
        var input = Sse(Role, big, UsageOnly, Done);

        var (result, sent) = await RelayAsync(new MemoryStream(input), forwardUsageChunk: false);

        Assert.Equal(Sse(Role, big, Done), sent);
        Assert.Equal(ExpectedUsage, result.Usage);
    }

    [Fact]
    public async Task RelayAsync_StreamEndsWithoutDone_AppendsAnOpenAiErrorEventAndFails()
    {
        var input = Sse(Role, Content, Finish, UsageOnly);

        var (result, sent) = await RelayAsync(new MemoryStream(input), forwardUsageChunk: false);

        var forwarded = Sse(Role, Content, Finish);
        Assert.Equal(forwarded, sent[..forwarded.Length]);
        AssertErrorEvent(sent[forwarded.Length..], "ended before it was complete");
        Assert.Equal(sent.Length, result.BytesSent);
        Assert.Equal(ExpectedUsage, result.Usage);
        Assert.False(result.ClientGone);
        Assert.Equal("The provider's stream ended before it was complete.", result.Failure);
    }

    [Fact]
    public async Task RelayAsync_EmptyUpstream_SendsOnlyTheErrorEvent()
    {
        var (result, sent) = await RelayAsync(new MemoryStream(), forwardUsageChunk: false);

        AssertErrorEvent(sent, "ended before it was complete");
        Assert.Null(result.Usage);
        Assert.NotNull(result.Failure);
    }

    [Fact]
    public async Task RelayAsync_StreamCutMidEvent_DropsTheHalfEventAndAppendsTheErrorEvent()
    {
        // Half a JSON object must never reach the client: its SDK would fail on it instead of on a clear error.
        var input = Sse(Role, Content).Concat(Encoding.UTF8.GetBytes(Finish[..40])).ToArray();

        var (result, sent) = await RelayAsync(new TrickleStream(input), forwardUsageChunk: false);

        var forwarded = Sse(Role, Content);
        Assert.Equal(forwarded, sent[..forwarded.Length]);
        AssertErrorEvent(sent[forwarded.Length..], "ended before it was complete");
        Assert.NotNull(result.Failure);
    }

    [Fact]
    public async Task RelayAsync_UpstreamThrowsIOException_AppendsTheErrorEventAndReportsTheFailure()
    {
        var reset = new IOException("Connection reset by peer");
        var upstream = new TrickleStream(Sse(Role, Content), failAtEnd: reset);

        var (result, sent) = await RelayAsync(upstream, forwardUsageChunk: false);

        var forwarded = Sse(Role, Content);
        Assert.Equal(forwarded, sent[..forwarded.Length]);
        AssertErrorEvent(sent[forwarded.Length..], "broke off before it was complete");
        Assert.Equal("The provider's stream broke off before it was complete.", result.Failure);
        Assert.False(result.ClientGone);
        Assert.Null(result.Usage);
        Assert.Equal(sent.Length, result.BytesSent);
    }

    [Fact]
    public async Task RelayAsync_UpstreamThrowsHttpRequestException_AppendsTheErrorEvent()
    {
        var failure = new HttpRequestException("The response ended prematurely.");

        var (result, sent) = await RelayAsync(new TrickleStream(Sse(Role), failAtEnd: failure), forwardUsageChunk: false);

        AssertErrorEvent(sent[Sse(Role).Length..], "broke off before it was complete");
        Assert.Equal("The provider's stream broke off before it was complete.", result.Failure);
    }

    [Fact]
    public async Task RelayAsync_UpstreamTokenCancelled_ErrorEventNamesTheTotalTimeout()
    {
        var timeout = new OperationCanceledException("total timeout");

        var (result, sent) = await RelayAsync(new TrickleStream(Sse(Role, Content), failAtEnd: timeout), forwardUsageChunk: false);

        AssertErrorEvent(sent[Sse(Role, Content).Length..], "exceeded the total timeout");
        Assert.Equal("The provider's stream exceeded the total timeout.", result.Failure);
        Assert.False(result.ClientGone);
    }

    [Fact]
    public async Task RelayAsync_ClientGoneWhileReading_ReportsClientGoneAndWritesNoErrorEvent()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();
        var upstream = new TrickleStream([], failAtEnd: new OperationCanceledException(client.Token));

        var (result, sent) = await RelayAsync(upstream, forwardUsageChunk: false, client.Token);

        Assert.True(result.ClientGone);
        Assert.Null(result.Failure);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task RelayAsync_ClientGoneBeforeTheUsage_ReadsTheProviderOnAndSettlesOnItsUsage()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();
        var billing = new RecordingResponseBilling();
        // A few bytes per read: the client is found gone at the first flush, long before the usage chunk is read.
        var upstream = new TrickleStream(Sse(Role, Content, Finish, UsageOnly, Done), maxRead: 16);

        var (result, sent) = await RelayAsync(upstream, forwardUsageChunk: true, client.Token, billing);

        Assert.True(result.ClientGone);
        Assert.Null(result.Failure);
        Assert.Equal(ExpectedUsage, result.Usage);
        Assert.Equal(1, billing.Settlements);
        Assert.Equal(ExpectedUsage, billing.Usage);
        Assert.DoesNotContain("prompt_tokens", Encoding.UTF8.GetString(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelayAsync_ClientGoneAndTheStreamEndsWithoutUsage_SettlesOnAllTheTextTheProviderSent()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();
        var billing = new RecordingResponseBilling();
        const string late = """data: {"choices":[{"index":0,"delta":{"content":" and more"}}]}""";

        var (result, _) = await RelayAsync(new TrickleStream(Sse(Role, Content, late), maxRead: 16), forwardUsageChunk: false, client.Token, billing);

        Assert.True(result.ClientGone);
        Assert.Null(billing.Usage);
        Assert.Equal("Hello, wörld 🔑 and more", billing.Generated);
        Assert.True(billing.Abandoned);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RelayAsync_StreamEndsWithoutUsage_IsAbandonedOnlyWhenTheTotalTimeoutCutIt(bool timedOut)
    {
        var billing = new RecordingResponseBilling();
        Exception end = timedOut ? new OperationCanceledException("total timeout") : new IOException("Connection reset by peer");

        await RelayAsync(new TrickleStream(Sse(Role, Content), failAtEnd: end), forwardUsageChunk: false, billing: billing);

        Assert.Equal(1, billing.Settlements);
        Assert.Equal(timedOut, billing.Abandoned);
    }

    [Fact]
    public async Task RelayAsync_FailureAfterDone_IsACleanEnd()
    {
        var input = Sse(Role, Content, Finish, UsageOnly, Done);

        var (result, sent) = await RelayAsync(new TrickleStream(input, failAtEnd: new IOException("reset after the end")), forwardUsageChunk: false);

        Assert.Equal(Sse(Role, Content, Finish, Done), sent);
        Assert.Null(result.Failure);
        Assert.Equal(ExpectedUsage, result.Usage);
    }

    [Fact]
    public async Task RelayAsync_ProviderErrorEventThenClose_ForwardsItWithoutASecondErrorEvent()
    {
        const string providerError = """data: {"error":{"message":"overloaded","type":"server_error","param":null,"code":"overloaded"}}""";

        var (result, sent) = await RelayAsync(new MemoryStream(Sse(Role, providerError)), forwardUsageChunk: false);

        Assert.Equal(Sse(Role, providerError), sent);
        Assert.Equal("The provider ended the stream with an error.", result.Failure);
    }

    [Fact]
    public async Task RelayAsync_EventThatNeverEnds_IsCutOffWithAnErrorEvent()
    {
        var endless = Encoding.UTF8.GetBytes("data: " + new string('x', 5 * 1024 * 1024));

        var (result, sent) = await RelayAsync(new MemoryStream(endless), forwardUsageChunk: false);

        AssertErrorEvent(sent, "exceeded");
        Assert.Contains("exceeded", result.Failure, StringComparison.Ordinal);
        Assert.True(sent.Length < 1024);
    }

    private static async Task<(StreamRelayResult Result, byte[] Sent)> RelayAsync(
        Stream upstream, bool forwardUsageChunk, CancellationToken? clientToken = null, RecordingResponseBilling? billing = null)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));

        var result = await StreamRelay.RelayAsync(upstream, context.Response, new StreamRelaySettings(forwardUsageChunk, Token, clientToken ?? Token, billing));

        return (result, body.ToArray());
    }

    private static void AssertErrorEvent(byte[] sseEvent, string messagePart)
    {
        var text = Encoding.UTF8.GetString(sseEvent);
        Assert.StartsWith("data: ", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        Assert.Equal(sseEvent.Length, SseEventParser.FindEventEnd(sseEvent));
        Assert.Equal(SseEventKind.Error, SseEventParser.Classify(sseEvent, out _));

        using var json = JsonDocument.Parse(text["data: ".Length..^2]);
        var error = json.RootElement.GetProperty("error");
        Assert.Contains(messagePart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("stream_interrupted", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    private static byte[] Sse(params string[] events) => SseWithNewline("\n", events);

    private static byte[] SseWithNewline(string newline, params string[] events) =>
        Encoding.UTF8.GetBytes(string.Concat(events.Select(e => e + newline + newline)));
}
